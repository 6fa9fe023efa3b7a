"""Shortcut answers for week 9 (chapters/week09_cnn.ipynb) that the graded tests must reject.

Each entry is the source of a whole replacement answer cell, written the way a student
who wants to skip the work (or who misread the exercise) would try it.
tests/test_exercises.py runs each one in place of the instructor's answer, then the
graded test cell (hidden tests included), and requires that cell to fail.
"""

SHORTCUTS = {
    # conv_output_size(H, FH, stride=1, pad=0) -> int, floor, ValueError when the filter does not fit
    "week09_ex1": [
        # the library's function
        '''def conv_output_size(H, FH, stride=1, pad=0):
    return cl.conv.conv_output_size(H, FH, stride, pad)
''',
        # the same, imported under another name
        '''from course_lib.conv import conv_output_size as _lib_size

def conv_output_size(H, FH, stride=1, pad=0):
    return _lib_size(H, FH, stride, pad)
''',
        # true division: 3.0 instead of 3, 13.5 instead of 13
        '''def conv_output_size(H, FH, stride=1, pad=0):
    if H + 2 * pad < FH:
        raise ValueError("does not fit")
    return (H + 2 * pad - FH) / stride + 1
''',
        # rounded instead of floored
        '''def conv_output_size(H, FH, stride=1, pad=0):
    if H + 2 * pad < FH:
        raise ValueError("does not fit")
    return int(round((H + 2 * pad - FH) / stride)) + 1
''',
        # ceiling ("a partial window still counts")
        '''import math

def conv_output_size(H, FH, stride=1, pad=0):
    if H + 2 * pad < FH:
        raise ValueError("does not fit")
    return math.ceil((H + 2 * pad - FH) / stride) + 1
''',
        # padding counted on one side only
        '''def conv_output_size(H, FH, stride=1, pad=0):
    if H + pad < FH:
        raise ValueError("does not fit")
    return (H + pad - FH) // stride + 1
''',
        # padding ignored
        '''def conv_output_size(H, FH, stride=1, pad=0):
    if H < FH:
        raise ValueError("does not fit")
    return (H - FH) // stride + 1
''',
        # no check: a filter larger than the input gives 0 or a negative size
        '''def conv_output_size(H, FH, stride=1, pad=0):
    return (H + 2 * pad - FH) // stride + 1
''',
        # the visible examples hard-coded
        '''def conv_output_size(H, FH, stride=1, pad=0):
    known = {(4, 3, 1, 1): 4, (7, 3, 2, 0): 3, (28, 5, 3, 2): 10, (31, 5, 3, 2): 11, (28, 3, 2, 0): 13}
    if (H, FH, stride, pad) in known:
        return known[(H, FH, stride, pad)]
    raise ValueError("unknown")
''',
    ],
    # conv2d(x, w, stride=1, pad=0): single-channel cross-correlation with loops
    "week09_ex2": [
        # the library's Convolution layer
        '''def conv2d(x, w, stride=1, pad=0):
    layer = cl.conv.Convolution(w[None, None].astype(float), np.zeros(1), stride=stride, pad=pad)
    return layer.forward(x[None, None].astype(float))[0, 0]
''',
        # the library's im2col and one matrix product
        '''def conv2d(x, w, stride=1, pad=0):
    H, W = x.shape
    FH, FW = w.shape
    OH, OW = (H + 2 * pad - FH) // stride + 1, (W + 2 * pad - FW) // stride + 1
    col = cl.conv.im2col(x[None, None], FH, FW, stride, pad)
    return (col @ w.reshape(-1)).reshape(OH, OW)
''',
        # scipy's cross-correlation, then every stride-th value: right numbers, forbidden route
        '''import scipy.signal

def conv2d(x, w, stride=1, pad=0):
    return scipy.signal.correlate2d(np.pad(x, pad), w, mode="valid")[::stride, ::stride]
''',
        # scipy's convolve2d: forbidden, and it flips the kernel
        '''from scipy.signal import convolve2d

def conv2d(x, w, stride=1, pad=0):
    return convolve2d(np.pad(x, pad), w, mode="valid")[::stride, ::stride]
''',
        # sliding windows and einsum instead of loops
        '''from numpy.lib.stride_tricks import sliding_window_view

def conv2d(x, w, stride=1, pad=0):
    win = sliding_window_view(np.pad(x, pad), w.shape)[::stride, ::stride]
    return np.einsum("ijkl,kl->ij", win, w)
''',
        # row by row with np.correlate
        '''def conv2d(x, w, stride=1, pad=0):
    xp = np.pad(x, pad)
    FH = w.shape[0]
    OH = xp.shape[0] - FH + 1
    full = np.array([sum(np.correlate(xp[i + r], w[r], mode="valid") for r in range(FH)) for i in range(OH)])
    return full[::stride, ::stride]
''',
        # loops with the kernel flipped (the mathematical convolution)
        '''def conv2d(x, w, stride=1, pad=0):
    xp = np.pad(x, pad)
    k = w[::-1, ::-1]
    FH, FW = w.shape
    OH, OW = (xp.shape[0] - FH) // stride + 1, (xp.shape[1] - FW) // stride + 1
    out = np.zeros((OH, OW))
    for i in range(OH):
        for j in range(OW):
            out[i, j] = np.sum(xp[i * stride:i * stride + FH, j * stride:j * stride + FW] * k)
    return out
''',
        # padding ignored
        '''def conv2d(x, w, stride=1, pad=0):
    FH, FW = w.shape
    OH, OW = (x.shape[0] - FH) // stride + 1, (x.shape[1] - FW) // stride + 1
    out = np.zeros((OH, OW))
    for i in range(OH):
        for j in range(OW):
            out[i, j] = np.sum(x[i * stride:i * stride + FH, j * stride:j * stride + FW] * w)
    return out
''',
        # stride ignored
        '''def conv2d(x, w, stride=1, pad=0):
    xp = np.pad(x, pad)
    FH, FW = w.shape
    OH, OW = xp.shape[0] - FH + 1, xp.shape[1] - FW + 1
    out = np.zeros((OH, OW))
    for i in range(OH):
        for j in range(OW):
            out[i, j] = np.sum(xp[i:i + FH, j:j + FW] * w)
    return out
''',
        # a square filter assumed (FW taken from FH)
        '''def conv2d(x, w, stride=1, pad=0):
    xp = np.pad(x, pad)
    F = w.shape[0]
    OH, OW = (xp.shape[0] - F) // stride + 1, (xp.shape[1] - F) // stride + 1
    out = np.zeros((OH, OW))
    for i in range(OH):
        for j in range(OW):
            out[i, j] = np.sum(xp[i * stride:i * stride + F, j * stride:j * stride + F] * w[:F, :F])
    return out
''',
        # the visible answers hard-coded
        '''def conv2d(x, w, stride=1, pad=0):
    if x.shape == (7, 7):
        return np.array([[72, 90, 108], [198, 216, 234], [324, 342, 360]], dtype=float)
    if pad == 1:
        return np.array([[7, 12, 10, 2], [4, 15, 16, 10], [10, 6, 15, 6], [8, 10, 4, 3]], dtype=float)
    return np.array([[15, 16], [6, 15]], dtype=float)
''',
    ],
    # im2col(x, FH, FW, stride=1, pad=0): (N, C, H, W) -> (N*OH*OW, C*FH*FW), the book's layout
    "week09_ex3": [
        # the library's im2col
        '''def im2col(x, FH, FW, stride=1, pad=0):
    return cl.conv.im2col(x, FH, FW, stride, pad)
''',
        # the same through cl.layers
        '''def im2col(x, FH, FW, stride=1, pad=0):
    return cl.layers.im2col(x, FH, FW, stride=stride, pad=pad)
''',
        # the library's transposed version, transposed back
        '''from course_lib.conv import im2col_t as _lib_im2col_t

def im2col(x, FH, FW, stride=1, pad=0):
    return _lib_im2col_t(x, FH, FW, stride, pad).T
''',
        # columns in (filter row, filter column, channel) order
        '''def im2col(x, FH, FW, stride=1, pad=0):
    N, C, H, W = x.shape
    OH, OW = (H + 2 * pad - FH) // stride + 1, (W + 2 * pad - FW) // stride + 1
    xp = np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)])
    rows = [xp[n, :, i * stride:i * stride + FH, j * stride:j * stride + FW].transpose(1, 2, 0).reshape(-1)
            for n in range(N) for i in range(OH) for j in range(OW)]
    return np.array(rows)
''',
        # rows in (output row, output column, image) order
        '''def im2col(x, FH, FW, stride=1, pad=0):
    N, C, H, W = x.shape
    OH, OW = (H + 2 * pad - FH) // stride + 1, (W + 2 * pad - FW) // stride + 1
    xp = np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)])
    rows = [xp[n, :, i * stride:i * stride + FH, j * stride:j * stride + FW].reshape(-1)
            for i in range(OH) for j in range(OW) for n in range(N)]
    return np.array(rows)
''',
        # the book's code with its final transpose left out: (N, C, FH, FW, OH, OW) flattened as is
        '''def im2col(x, FH, FW, stride=1, pad=0):
    N, C, H, W = x.shape
    OH, OW = (H + 2 * pad - FH) // stride + 1, (W + 2 * pad - FW) // stride + 1
    img = np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)])
    col = np.zeros((N, C, FH, FW, OH, OW))
    for y in range(FH):
        for x0 in range(FW):
            col[:, :, y, x0] = img[:, :, y:y + stride * OH:stride, x0:x0 + stride * OW:stride]
    return col.reshape(N * OH * OW, -1)
''',
        # padding ignored
        '''def im2col(x, FH, FW, stride=1, pad=0):
    N, C, H, W = x.shape
    OH, OW = (H - FH) // stride + 1, (W - FW) // stride + 1
    rows = [x[n, :, i * stride:i * stride + FH, j * stride:j * stride + FW].reshape(-1)
            for n in range(N) for i in range(OH) for j in range(OW)]
    return np.array(rows)
''',
        # stride ignored
        '''def im2col(x, FH, FW, stride=1, pad=0):
    N, C, H, W = x.shape
    xp = np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)])
    OH, OW = H + 2 * pad - FH + 1, W + 2 * pad - FW + 1
    rows = [xp[n, :, i:i + FH, j:j + FW].reshape(-1) for n in range(N) for i in range(OH) for j in range(OW)]
    return np.array(rows)
''',
        # the transposed matrix (C*FH*FW, N*OH*OW)
        '''def im2col(x, FH, FW, stride=1, pad=0):
    N, C, H, W = x.shape
    OH, OW = (H + 2 * pad - FH) // stride + 1, (W + 2 * pad - FW) // stride + 1
    xp = np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)])
    rows = [xp[n, :, i * stride:i * stride + FH, j * stride:j * stride + FW].reshape(-1)
            for n in range(N) for i in range(OH) for j in range(OW)]
    return np.array(rows).T
''',
    ],
    # MaxPooling(pool_h, pool_w, stride): forward and backward, gradient to the first maximum
    "week09_ex4": [
        # the library's Pooling layer inside
        '''class MaxPooling:
    def __init__(self, pool_h, pool_w, stride=1):
        self.params, self.grads = [], []
        self.layer = cl.conv.Pooling(pool_h, pool_w, stride=stride)

    def forward(self, x):
        return self.layer.forward(x)

    def backward(self, dout):
        return self.layer.backward(dout)
''',
        # a subclass of the library's layer
        '''class MaxPooling(cl.conv.Pooling):
    def __init__(self, pool_h, pool_w, stride=1):
        super().__init__(pool_h, pool_w, stride=stride)
''',
        # average pooling
        '''class MaxPooling:
    def __init__(self, pool_h, pool_w, stride=1):
        self.params, self.grads = [], []
        self.pool_h, self.pool_w, self.stride = pool_h, pool_w, stride

    def forward(self, x):
        N, C, H, W = x.shape
        ph, pw, s = self.pool_h, self.pool_w, self.stride
        OH, OW = (H - ph) // s + 1, (W - pw) // s + 1
        self.x_shape = x.shape
        out = np.zeros((N, C, OH, OW))
        for i in range(OH):
            for j in range(OW):
                out[:, :, i, j] = x[:, :, i * s:i * s + ph, j * s:j * s + pw].mean(axis=(2, 3))
        return out

    def backward(self, dout):
        ph, pw, s = self.pool_h, self.pool_w, self.stride
        dx = np.zeros(self.x_shape)
        for i in range(dout.shape[2]):
            for j in range(dout.shape[3]):
                dx[:, :, i * s:i * s + ph, j * s:j * s + pw] += dout[:, :, i, j][:, :, None, None] / (ph * pw)
        return dx
''',
        # the right forward, but the gradient copied to every cell of the window
        '''class MaxPooling:
    def __init__(self, pool_h, pool_w, stride=1):
        self.params, self.grads = [], []
        self.pool_h, self.pool_w, self.stride = pool_h, pool_w, stride

    def forward(self, x):
        N, C, H, W = x.shape
        ph, pw, s = self.pool_h, self.pool_w, self.stride
        OH, OW = (H - ph) // s + 1, (W - pw) // s + 1
        self.x_shape = x.shape
        out = np.zeros((N, C, OH, OW))
        for i in range(OH):
            for j in range(OW):
                out[:, :, i, j] = x[:, :, i * s:i * s + ph, j * s:j * s + pw].max(axis=(2, 3))
        return out

    def backward(self, dout):
        ph, pw, s = self.pool_h, self.pool_w, self.stride
        dx = np.zeros(self.x_shape)
        for i in range(dout.shape[2]):
            for j in range(dout.shape[3]):
                dx[:, :, i * s:i * s + ph, j * s:j * s + pw] += dout[:, :, i, j][:, :, None, None]
        return dx
''',
        # a mask x == max: every tied maximum gets the gradient
        '''class MaxPooling:
    def __init__(self, pool_h, pool_w, stride=1):
        self.params, self.grads = [], []
        self.pool_h, self.pool_w, self.stride = pool_h, pool_w, stride

    def forward(self, x):
        N, C, H, W = x.shape
        ph, pw, s = self.pool_h, self.pool_w, self.stride
        OH, OW = (H - ph) // s + 1, (W - pw) // s + 1
        self.x, self.out = x, np.zeros((N, C, OH, OW))
        for i in range(OH):
            for j in range(OW):
                self.out[:, :, i, j] = x[:, :, i * s:i * s + ph, j * s:j * s + pw].max(axis=(2, 3))
        return self.out

    def backward(self, dout):
        ph, pw, s = self.pool_h, self.pool_w, self.stride
        dx = np.zeros(self.x.shape)
        for i in range(dout.shape[2]):
            for j in range(dout.shape[3]):
                win = self.x[:, :, i * s:i * s + ph, j * s:j * s + pw]
                mask = win == self.out[:, :, i, j][:, :, None, None]
                dx[:, :, i * s:i * s + ph, j * s:j * s + pw] += mask * dout[:, :, i, j][:, :, None, None]
        return dx
''',
        # overlapping windows overwrite each other's gradient (= instead of +=)
        '''class MaxPooling:
    def __init__(self, pool_h, pool_w, stride=1):
        self.params, self.grads = [], []
        self.pool_h, self.pool_w, self.stride = pool_h, pool_w, stride

    def forward(self, x):
        N, C, H, W = x.shape
        ph, pw, s = self.pool_h, self.pool_w, self.stride
        OH, OW = (H - ph) // s + 1, (W - pw) // s + 1
        self.x_shape = x.shape
        self.arg = np.zeros((N, C, OH, OW), dtype=int)
        out = np.zeros((N, C, OH, OW))
        for i in range(OH):
            for j in range(OW):
                win = x[:, :, i * s:i * s + ph, j * s:j * s + pw].reshape(N, C, -1)
                self.arg[:, :, i, j] = win.argmax(axis=2)
                out[:, :, i, j] = win.max(axis=2)
        return out

    def backward(self, dout):
        N, C = dout.shape[:2]
        pw, s = self.pool_w, self.stride
        dx = np.zeros(self.x_shape)
        n, c = np.meshgrid(np.arange(N), np.arange(C), indexing="ij")
        for i in range(dout.shape[2]):
            for j in range(dout.shape[3]):
                a, b = np.divmod(self.arg[:, :, i, j], pw)
                dx[n, c, i * s + a, j * s + b] = dout[:, :, i, j]
        return dx
''',
        # the stride taken to be the window size (non-overlapping windows only)
        '''class MaxPooling:
    def __init__(self, pool_h, pool_w, stride=1):
        self.params, self.grads = [], []
        self.pool_h, self.pool_w = pool_h, pool_w

    def forward(self, x):
        N, C, H, W = x.shape
        ph, pw = self.pool_h, self.pool_w
        OH, OW = H // ph, W // pw
        self.x_shape = x.shape
        win = x[:, :, :OH * ph, :OW * pw].reshape(N, C, OH, ph, OW, pw).transpose(0, 1, 2, 4, 3, 5)
        win = win.reshape(N, C, OH, OW, ph * pw)
        self.arg = win.argmax(axis=4)
        return win.max(axis=4)

    def backward(self, dout):
        N, C, OH, OW = dout.shape
        ph, pw = self.pool_h, self.pool_w
        d = np.zeros((N, C, OH, OW, ph * pw))
        np.put_along_axis(d, self.arg[..., None], dout[..., None], axis=4)
        d = d.reshape(N, C, OH, OW, ph, pw).transpose(0, 1, 2, 4, 3, 5).reshape(N, C, OH * ph, OW * pw)
        dx = np.zeros(self.x_shape)
        dx[:, :, :OH * ph, :OW * pw] = d
        return dx
''',
        # the cache kept on the class: a second layer overwrites the first one's
        '''class MaxPooling:
    cache = {}

    def __init__(self, pool_h, pool_w, stride=1):
        self.params, self.grads = [], []
        self.pool_h, self.pool_w, self.stride = pool_h, pool_w, stride

    def forward(self, x):
        N, C, H, W = x.shape
        ph, pw, s = self.pool_h, self.pool_w, self.stride
        OH, OW = (H - ph) // s + 1, (W - pw) // s + 1
        arg = np.zeros((N, C, OH, OW), dtype=int)
        out = np.zeros((N, C, OH, OW))
        for i in range(OH):
            for j in range(OW):
                win = x[:, :, i * s:i * s + ph, j * s:j * s + pw].reshape(N, C, -1)
                arg[:, :, i, j] = win.argmax(axis=2)
                out[:, :, i, j] = win.max(axis=2)
        MaxPooling.cache["shape"], MaxPooling.cache["arg"] = x.shape, arg
        return out

    def backward(self, dout):
        N, C = dout.shape[:2]
        pw, s = self.pool_w, self.stride
        arg = MaxPooling.cache["arg"]
        dx = np.zeros(MaxPooling.cache["shape"])
        n, c = np.meshgrid(np.arange(N), np.arange(C), indexing="ij")
        for i in range(dout.shape[2]):
            for j in range(dout.shape[3]):
                a, b = np.divmod(arg[:, :, i, j], pw)
                dx[n, c, i * s + a, j * s + b] += dout[:, :, i, j]
        return dx
''',
    ],
}
