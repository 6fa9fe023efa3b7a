"""Shortcut answers for week 10 (chapters/week10_deep_learning.ipynb) that the graded tests must reject.

Each entry is the source of a whole replacement answer cell, written the way a student
who wants to skip the work (or who misread the exercise) would try it.
tests/test_exercises.py runs each one in place of the instructor's answer, then the
graded test cell (hidden tests included), and requires that cell to fail.
"""

SHORTCUTS = {
    # shift_images(x, dx, dy): whole-pixel shift of a batch (N, C, H, W) with zero fill
    "week10_ex1": [
        # np.roll: what leaves one side comes back on the other
        '''def shift_images(x, dx, dy):
    return np.roll(np.roll(x, dy, axis=2), dx, axis=3)
''',
        # the library's shift
        '''def shift_images(x, dx, dy):
    return cl.augment.shift(x, dx, dy)
''',
        # the library's bilinear transform (exact for whole pixels)
        '''def shift_images(x, dx, dy):
    return cl.augment.transform(x, dx, dy, 0.0).astype(x.dtype)
''',
        # scipy's shift with zero fill
        '''import scipy.ndimage

def shift_images(x, dx, dy):
    return scipy.ndimage.shift(x, (0, 0, dy, dx), order=0, mode="constant", cval=0.0)
''',
        # the sign of the shift reversed: out[i, j] = x[i + dy, j + dx]
        '''def shift_images(x, dx, dy):
    H, W = x.shape[2:]
    out = np.zeros_like(x)
    if abs(dx) >= W or abs(dy) >= H:
        return out
    out[:, :, max(-dy, 0):H - max(dy, 0), max(-dx, 0):W - max(dx, 0)] = \\
        x[:, :, max(dy, 0):H + min(dy, 0), max(dx, 0):W + min(dx, 0)]
    return out
''',
        # dy ignored
        '''def shift_images(x, dx, dy):
    W = x.shape[3]
    out = np.zeros_like(x)
    if abs(dx) >= W:
        return out
    out[:, :, :, max(dx, 0):W + min(dx, 0)] = x[:, :, :, max(-dx, 0):W - max(dx, 0)]
    return out
''',
        # dx and dy swapped (dx moves rows)
        '''def shift_images(x, dx, dy):
    return np.pad(x, ((0, 0), (0, 0), (abs(dx), abs(dx)), (abs(dy), abs(dy))))[
        :, :, abs(dx) - dx:abs(dx) - dx + x.shape[2], abs(dy) - dy:abs(dy) - dy + x.shape[3]]
''',
        # positive shifts only: a negative shift's slice bounds go wrong
        '''def shift_images(x, dx, dy):
    H, W = x.shape[2:]
    out = np.zeros_like(x)
    out[:, :, dy:, dx:] = x[:, :, :H - dy, :W - dx]
    return out
''',
        # the input modified in place and returned
        '''def shift_images(x, dx, dy):
    H, W = x.shape[2:]
    shifted = np.pad(x, ((0, 0), (0, 0), (H, H), (W, W)))[:, :, H - dy:2 * H - dy, W - dx:2 * W - dx]
    x[...] = shifted
    return x
''',
    ],
    # conv_net_shapes(input_shape, specs): output shape and parameter count per layer
    "week10_ex2": [
        # the library's output-size formula
        '''def conv_net_shapes(input_shape, specs):
    shape, rows = tuple(input_shape), []
    for spec in specs:
        n = 0
        if spec[0] == "conv":
            _, fn, fs, pad, stride = spec
            c, h, w = shape
            shape = (fn, cl.conv.conv_output_size(h, fs, stride, pad), cl.conv.conv_output_size(w, fs, stride, pad))
            n = fn * c * fs * fs + fn
        elif spec[0] == "pool":
            c, h, w = shape
            shape = (c, cl.conv.conv_output_size(h, spec[1], spec[2]), cl.conv.conv_output_size(w, spec[1], spec[2]))
        elif spec[0] == "affine":
            n = int(np.prod(shape)) * spec[1] + spec[1]
            shape = (spec[1],)
        rows.append((shape, n))
    return rows
''',
        # library layers forwarded on a zero image (what the test does)
        '''def conv_net_shapes(input_shape, specs):
    h, rows = np.zeros((1, *input_shape)), []
    for spec in specs:
        if spec[0] == "conv":
            _, fn, fs, pad, stride = spec
            layer = cl.conv.Convolution(np.zeros((fn, h.shape[1], fs, fs)), np.zeros(fn), stride, pad)
        elif spec[0] == "relu":
            layer = cl.layers.Relu()
        elif spec[0] == "pool":
            layer = cl.conv.Pooling(spec[1], spec[1], stride=spec[2])
        else:
            layer = cl.layers.Affine(np.zeros((h[0].size, spec[1])), np.zeros(spec[1]))
        h = layer.forward(h)
        rows.append((tuple(h.shape[1:]), sum(p.size for p in layer.params)))
    return rows
''',
        # biases forgotten
        '''def conv_net_shapes(input_shape, specs):
    shape, rows = tuple(input_shape), []
    for spec in specs:
        n = 0
        if spec[0] == "conv":
            _, fn, fs, pad, stride = spec
            c, h, w = shape
            shape = (fn, (h + 2 * pad - fs) // stride + 1, (w + 2 * pad - fs) // stride + 1)
            n = fn * c * fs * fs
        elif spec[0] == "pool":
            c, h, w = shape
            shape = (c, (h - spec[1]) // spec[2] + 1, (w - spec[1]) // spec[2] + 1)
        elif spec[0] == "affine":
            n = int(np.prod(shape)) * spec[1]
            shape = (spec[1],)
        rows.append((shape, n))
    return rows
''',
        # padding ignored
        '''def conv_net_shapes(input_shape, specs):
    shape, rows = tuple(input_shape), []
    for spec in specs:
        n = 0
        if spec[0] == "conv":
            _, fn, fs, pad, stride = spec
            c, h, w = shape
            shape = (fn, (h - fs) // stride + 1, (w - fs) // stride + 1)
            n = fn * c * fs * fs + fn
        elif spec[0] == "pool":
            c, h, w = shape
            shape = (c, (h - spec[1]) // spec[2] + 1, (w - spec[1]) // spec[2] + 1)
        elif spec[0] == "affine":
            n = int(np.prod(shape)) * spec[1] + spec[1]
            shape = (spec[1],)
        rows.append((shape, n))
    return rows
''',
        # rounding up instead of down
        '''def conv_net_shapes(input_shape, specs):
    shape, rows = tuple(input_shape), []
    for spec in specs:
        n = 0
        if spec[0] == "conv":
            _, fn, fs, pad, stride = spec
            c, h, w = shape
            shape = (fn, -(-(h + 2 * pad - fs) // stride) + 1, -(-(w + 2 * pad - fs) // stride) + 1)
            n = fn * c * fs * fs + fn
        elif spec[0] == "pool":
            c, h, w = shape
            shape = (c, -(-(h - spec[1]) // spec[2]) + 1, -(-(w - spec[1]) // spec[2]) + 1)
        elif spec[0] == "affine":
            n = int(np.prod(shape)) * spec[1] + spec[1]
            shape = (spec[1],)
        rows.append((shape, n))
    return rows
''',
        # pooling's stride taken to be its window size (true only for the 2x2, stride 2 pools)
        '''def conv_net_shapes(input_shape, specs):
    shape, rows = tuple(input_shape), []
    for spec in specs:
        n = 0
        if spec[0] == "conv":
            _, fn, fs, pad, stride = spec
            c, h, w = shape
            shape = (fn, (h + 2 * pad - fs) // stride + 1, (w + 2 * pad - fs) // stride + 1)
            n = fn * c * fs * fs + fn
        elif spec[0] == "pool":
            c, h, w = shape
            shape = (c, h // spec[1], w // spec[1])
        elif spec[0] == "affine":
            n = int(np.prod(shape)) * spec[1] + spec[1]
            shape = (spec[1],)
        rows.append((shape, n))
    return rows
''',
        # the input channels left out of the filter count
        '''def conv_net_shapes(input_shape, specs):
    shape, rows = tuple(input_shape), []
    for spec in specs:
        n = 0
        if spec[0] == "conv":
            _, fn, fs, pad, stride = spec
            c, h, w = shape
            shape = (fn, (h + 2 * pad - fs) // stride + 1, (w + 2 * pad - fs) // stride + 1)
            n = fn * fs * fs + fn
        elif spec[0] == "pool":
            c, h, w = shape
            shape = (c, (h - spec[1]) // spec[2] + 1, (w - spec[1]) // spec[2] + 1)
        elif spec[0] == "affine":
            n = int(np.prod(shape)) * spec[1] + spec[1]
            shape = (spec[1],)
        rows.append((shape, n))
    return rows
''',
        # the visible answer (the book's DeepConvNet) hard-coded
        '''def conv_net_shapes(input_shape, specs):
    return [((16, 28, 28), 160), ((16, 28, 28), 0), ((16, 28, 28), 2320), ((16, 28, 28), 0), ((16, 14, 14), 0),
            ((32, 14, 14), 4640), ((32, 14, 14), 0), ((32, 16, 16), 9248), ((32, 16, 16), 0), ((32, 8, 8), 0),
            ((64, 8, 8), 18496), ((64, 8, 8), 0), ((64, 8, 8), 36928), ((64, 8, 8), 0), ((64, 4, 4), 0),
            ((50,), 51250), ((50,), 0), ((10,), 510)]
''',
    ],
    # ResidualAffine: out = relu(x + x @ W + b), forward and backward
    "week10_ex3": [
        # the skip path forgotten in backward
        '''class ResidualAffine:
    def __init__(self, W, b):
        self.params = [W, b]
        self.grads = [np.zeros_like(W), np.zeros_like(b)]

    def forward(self, x):
        W, b = self.params
        s = x + x @ W + b
        self.x, self.mask = x, s > 0
        return np.maximum(s, 0)

    def backward(self, dout):
        W, _ = self.params
        ds = dout * self.mask
        self.grads[0][...] = self.x.T @ ds
        self.grads[1][...] = ds.sum(axis=0)
        return ds @ W.T
''',
        # the ReLU forgotten in backward
        '''class ResidualAffine:
    def __init__(self, W, b):
        self.params = [W, b]
        self.grads = [np.zeros_like(W), np.zeros_like(b)]

    def forward(self, x):
        W, b = self.params
        self.x = x
        return np.maximum(x + x @ W + b, 0)

    def backward(self, dout):
        W, _ = self.params
        self.grads[0][...] = self.x.T @ dout
        self.grads[1][...] = dout.sum(axis=0)
        return dout + dout @ W.T
''',
        # the ReLU mask taken from the input x instead of from s = x + xW + b
        '''class ResidualAffine:
    def __init__(self, W, b):
        self.params = [W, b]
        self.grads = [np.zeros_like(W), np.zeros_like(b)]

    def forward(self, x):
        W, b = self.params
        self.x, self.mask = x, x > 0
        return np.maximum(x + x @ W + b, 0)

    def backward(self, dout):
        W, _ = self.params
        ds = dout * self.mask
        self.grads[0][...] = self.x.T @ ds
        self.grads[1][...] = ds.sum(axis=0)
        return ds + ds @ W.T
''',
        # the library's Affine and Relu layers inside
        '''class ResidualAffine:
    def __init__(self, W, b):
        self.affine = cl.layers.Affine(W, b)
        self.relu = cl.layers.Relu()
        self.params, self.grads = self.affine.params, self.affine.grads

    def forward(self, x):
        return self.relu.forward(x + self.affine.forward(x))

    def backward(self, dout):
        ds = self.relu.backward(dout)
        return ds + self.affine.backward(ds)
''',
        # the gradient list replaced by new arrays (an optimizer holding the old ones sees zeros)
        '''class ResidualAffine:
    def __init__(self, W, b):
        self.params = [W, b]
        self.grads = [np.zeros_like(W), np.zeros_like(b)]

    def forward(self, x):
        W, b = self.params
        s = x + x @ W + b
        self.x, self.mask = x, s > 0
        return np.maximum(s, 0)

    def backward(self, dout):
        W, _ = self.params
        ds = dout * self.mask
        self.grads = [self.x.T @ ds, ds.sum(axis=0)]
        return ds + ds @ W.T
''',
        # no skip connection at all: relu(x W + b), consistently
        '''class ResidualAffine:
    def __init__(self, W, b):
        self.params = [W, b]
        self.grads = [np.zeros_like(W), np.zeros_like(b)]

    def forward(self, x):
        W, b = self.params
        s = x @ W + b
        self.x, self.mask = x, s > 0
        return np.maximum(s, 0)

    def backward(self, dout):
        W, _ = self.params
        ds = dout * self.mask
        self.grads[0][...] = self.x.T @ ds
        self.grads[1][...] = ds.sum(axis=0)
        return ds @ W.T
''',
        # dW transposed (the shapes agree for a square W)
        '''class ResidualAffine:
    def __init__(self, W, b):
        self.params = [W, b]
        self.grads = [np.zeros_like(W), np.zeros_like(b)]

    def forward(self, x):
        W, b = self.params
        s = x + x @ W + b
        self.x, self.mask = x, s > 0
        return np.maximum(s, 0)

    def backward(self, dout):
        W, _ = self.params
        ds = dout * self.mask
        self.grads[0][...] = ds.T @ self.x
        self.grads[1][...] = ds.sum(axis=0)
        return ds + ds @ W.T
''',
        # db averaged over the batch instead of summed
        '''class ResidualAffine:
    def __init__(self, W, b):
        self.params = [W, b]
        self.grads = [np.zeros_like(W), np.zeros_like(b)]

    def forward(self, x):
        W, b = self.params
        s = x + x @ W + b
        self.x, self.mask = x, s > 0
        return np.maximum(s, 0)

    def backward(self, dout):
        W, _ = self.params
        ds = dout * self.mask
        self.grads[0][...] = self.x.T @ ds
        self.grads[1][...] = ds.mean(axis=0)
        return ds + ds @ W.T
''',
        # the forward values cached in a module-level dict: a second block overwrites them
        '''_cache = {}

class ResidualAffine:
    def __init__(self, W, b):
        self.params = [W, b]
        self.grads = [np.zeros_like(W), np.zeros_like(b)]

    def forward(self, x):
        W, b = self.params
        s = x + x @ W + b
        _cache["x"], _cache["mask"] = x, s > 0
        return np.maximum(s, 0)

    def backward(self, dout):
        W, _ = self.params
        ds = dout * _cache["mask"]
        self.grads[0][...] = _cache["x"].T @ ds
        self.grads[1][...] = ds.sum(axis=0)
        return ds + ds @ W.T
''',
    ],
    # quantize_int8(W) -> (q int8, scale), symmetric, round to nearest
    "week10_ex4": [
        # truncation (astype) instead of rounding
        '''def quantize_int8(W):
    W = np.asarray(W, dtype=float)
    m = float(np.abs(W).max())
    scale = m / 127 if m > 0 else 1.0
    return (W / scale).astype(np.int8), scale
''',
        # floor instead of round
        '''def quantize_int8(W):
    W = np.asarray(W, dtype=float)
    m = float(np.abs(W).max())
    scale = m / 127 if m > 0 else 1.0
    return np.floor(W / scale).astype(np.int8), scale
''',
        # the scale from the largest value, not the largest magnitude
        '''def quantize_int8(W):
    W = np.asarray(W, dtype=float)
    m = float(W.max())
    scale = m / 127 if m > 0 else 1.0
    return np.clip(np.round(W / scale), -127, 127).astype(np.int8), scale
''',
        # 128 steps: the largest magnitude becomes 128, which wraps around in int8
        '''def quantize_int8(W):
    W = np.asarray(W, dtype=float)
    m = float(np.abs(W).max())
    scale = m / 128 if m > 0 else 1.0
    return np.round(W / scale).astype(np.int8), scale
''',
        # the rounded values kept as floats
        '''def quantize_int8(W):
    W = np.asarray(W, dtype=float)
    m = float(np.abs(W).max())
    scale = m / 127 if m > 0 else 1.0
    return np.round(W / scale), scale
''',
        # the all-zero array divides by zero
        '''def quantize_int8(W):
    W = np.asarray(W, dtype=float)
    scale = float(np.abs(W).max()) / 127
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.nan_to_num(np.round(W / scale)).astype(np.int8), scale
''',
        # float16 instead of int8
        '''def quantize_int8(W):
    return np.asarray(W).astype(np.float16), 1.0
''',
    ],
}
