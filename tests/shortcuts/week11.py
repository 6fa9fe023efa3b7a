"""Shortcut answers for week 11 (chapters/week11_neural_network_review.ipynb) that the graded tests must reject.

Each entry is the source of a whole replacement answer cell, written the way a student
who wants to skip the work (or who misread the exercise) would try it.
tests/test_exercises.py runs each one in place of the instructor's answer, then the
graded test cell (hidden tests included), and requires that cell to fail.
"""

SHORTCUTS = {
    # Repeat(N): forward (1, D) -> (N, D), backward (N, D) -> (1, D)
    "week11_ex1": [
        # the mean of the copies' gradients instead of their sum
        '''class Repeat:
    def __init__(self, N):
        self.params, self.grads = [], []
        self.N = N

    def forward(self, x):
        return np.repeat(x, self.N, axis=0)

    def backward(self, dout):
        return np.mean(dout, axis=0, keepdims=True)
''',
        # the sum without keepdims: shape (D,) instead of (1, D)
        '''class Repeat:
    def __init__(self, N):
        self.params, self.grads = [], []
        self.N = N

    def forward(self, x):
        return np.repeat(x, self.N, axis=0)

    def backward(self, dout):
        return np.sum(dout, axis=0)
''',
        # the wrong axis: copies side by side (1, N*D) and a sum over the features
        '''class Repeat:
    def __init__(self, N):
        self.params, self.grads = [], []
        self.N = N

    def forward(self, x):
        return np.repeat(x, self.N, axis=1)

    def backward(self, dout):
        return np.sum(dout, axis=1, keepdims=True)
''',
        # N ignored: the visible test's 4 copies, the backward sums whatever comes
        '''class Repeat:
    def __init__(self, N):
        self.params, self.grads = [], []
        self.N = N

    def forward(self, x):
        return np.repeat(x, 4, axis=0)

    def backward(self, dout):
        return np.sum(dout, axis=0, keepdims=True)
''',
        # the backward of the Sum node by mistake: copies the gradient instead of summing
        '''class Repeat:
    def __init__(self, N):
        self.params, self.grads = [], []
        self.N = N

    def forward(self, x):
        return np.repeat(x, self.N, axis=0)

    def backward(self, dout):
        return dout
''',
        # only the first copy's gradient
        '''class Repeat:
    def __init__(self, N):
        self.params, self.grads = [], []
        self.N = N

    def forward(self, x):
        return np.repeat(x, self.N, axis=0)

    def backward(self, dout):
        return dout[:1]
''',
        # N kept on the class: a second Repeat changes the first one
        '''class Repeat:
    N = 1

    def __init__(self, N):
        self.params, self.grads = [], []
        Repeat.N = N

    def forward(self, x):
        return np.repeat(x, Repeat.N, axis=0)

    def backward(self, dout):
        return np.sum(dout, axis=0, keepdims=True)
''',
    ],
    # MatMul(W): params [W], grads [dW] written in place
    "week11_ex2": [
        # the library's layer, wrapped
        '''class MatMul(cl.layers.MatMul):
    pass
''',
        # the library's layer inside, its lists shared
        '''class MatMul:
    def __init__(self, W):
        self._layer = cl.layers.MatMul(W)
        self.params, self.grads = self._layer.params, self._layer.grads

    def forward(self, x):
        return self._layer.forward(x)

    def backward(self, dout):
        return self._layer.backward(dout)
''',
        # a new array assigned to grads[0] instead of overwriting it
        '''class MatMul:
    def __init__(self, W):
        self.params = [W]
        self.grads = [np.zeros_like(W)]
        self.x = None

    def forward(self, x):
        self.x = x
        return x @ self.params[0]

    def backward(self, dout):
        self.grads[0] = self.x.T @ dout
        return dout @ self.params[0].T
''',
        # no transpose: dx = dout @ W
        '''class MatMul:
    def __init__(self, W):
        self.params = [W]
        self.grads = [np.zeros_like(W)]
        self.x = None

    def forward(self, x):
        self.x = x
        return x @ self.params[0]

    def backward(self, dout):
        self.grads[0][...] = self.x.T @ dout
        return dout @ self.params[0]
''',
        # dW transposed: dout.T @ x (H, D)
        '''class MatMul:
    def __init__(self, W):
        self.params = [W]
        self.grads = [np.zeros_like(W)]
        self.x = None

    def forward(self, x):
        self.x = x
        return x @ self.params[0]

    def backward(self, dout):
        self.grads[0][...] = (dout.T @ self.x).reshape(self.params[0].shape)
        return dout @ self.params[0].T
''',
        # a private copy of W: an optimizer's in-place update never reaches forward
        '''class MatMul:
    def __init__(self, W):
        self.W = W.copy()
        self.params = [self.W.copy()]
        self.grads = [np.zeros_like(W)]
        self.x = None

    def forward(self, x):
        self.x = x
        return x @ self.W

    def backward(self, dout):
        self.grads[0][...] = self.x.T @ dout
        return dout @ self.W.T
''',
        # gradients accumulated over calls instead of overwritten
        '''class MatMul:
    def __init__(self, W):
        self.params = [W]
        self.grads = [np.zeros_like(W)]
        self.x = None

    def forward(self, x):
        self.x = x
        return x @ self.params[0]

    def backward(self, dout):
        self.grads[0][...] += self.x.T @ dout
        return dout @ self.params[0].T
''',
        # the visible test's arrays instead of the cached input
        '''class MatMul:
    def __init__(self, W):
        self.params = [W]
        self.grads = [np.zeros_like(W)]

    def forward(self, x):
        return x @ self.params[0]

    def backward(self, dout):
        self.grads[0][...] = x_ex.T @ dout
        return dout @ self.params[0].T
''',
    ],
    # Sigmoid layer with backward
    "week11_ex3": [
        # the library's layer, wrapped
        '''class Sigmoid(cl.layers.Sigmoid):
    pass
''',
        # the library's sigmoid function in forward
        '''class Sigmoid:
    def __init__(self):
        self.params, self.grads = [], []
        self.out = None

    def forward(self, x):
        self.out = cl.functions.sigmoid(x)
        return self.out

    def backward(self, dout):
        return dout * (1.0 - self.out) * self.out
''',
        # the factor (1 - y) forgotten
        '''class Sigmoid:
    def __init__(self):
        self.params, self.grads = [], []
        self.out = None

    def forward(self, x):
        self.out = 1 / (1 + np.exp(-x))
        return self.out

    def backward(self, dout):
        return dout * self.out
''',
        # dout ignored: the local derivative only (right for dout = 1)
        '''class Sigmoid:
    def __init__(self):
        self.params, self.grads = [], []
        self.out = None

    def forward(self, x):
        self.out = 1 / (1 + np.exp(-x))
        return self.out

    def backward(self, dout):
        return (1.0 - self.out) * self.out
''',
        # the derivative written with the input x instead of the output y
        '''class Sigmoid:
    def __init__(self):
        self.params, self.grads = [], []
        self.x = None

    def forward(self, x):
        self.x = x
        return 1 / (1 + np.exp(-x))

    def backward(self, dout):
        return dout * (1.0 - self.x) * self.x
''',
        # the output kept in a module global: a second Sigmoid overwrites it
        '''_sigmoid_cache = {}

class Sigmoid:
    def __init__(self):
        self.params, self.grads = [], []

    def forward(self, x):
        _sigmoid_cache["y"] = 1 / (1 + np.exp(-x))
        return _sigmoid_cache["y"]

    def backward(self, dout):
        y = _sigmoid_cache["y"]
        return dout * (1.0 - y) * y
''',
        # the input overwritten in place
        '''class Sigmoid:
    def __init__(self):
        self.params, self.grads = [], []
        self.out = None

    def forward(self, x):
        np.negative(x, out=x)
        np.exp(x, out=x)
        x += 1
        np.reciprocal(x, out=x)
        self.out = x.copy()
        return self.out

    def backward(self, dout):
        return dout * (1.0 - self.out) * self.out
''',
    ],
    # softmax_cross_entropy(x, t): mean loss, labels or one-hot, stable
    "week11_ex4": [
        # the library's function
        '''def softmax_cross_entropy(x, t):
    return float(cl.functions.softmax_cross_entropy(x, t)[0])
''',
        # the library's layer
        '''def softmax_cross_entropy(x, t):
    return float(cl.layers.SoftmaxWithLoss().forward(x, t))
''',
        # the library's softmax and cross-entropy error
        '''def softmax_cross_entropy(x, t):
    return float(cl.functions.cross_entropy_error(cl.functions.softmax(x), t))
''',
        # the sum over the batch instead of the mean
        '''def softmax_cross_entropy(x, t):
    t = np.asarray(t)
    if t.ndim == 2:
        t = t.argmax(axis=1)
    z = x - x.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return float(-np.sum(log_p[np.arange(len(t)), t]))
''',
        # no shift by the row maximum: overflow at scores near 1000
        '''def softmax_cross_entropy(x, t):
    t = np.asarray(t)
    if t.ndim == 2:
        t = t.argmax(axis=1)
    e = np.exp(x)
    y = e / e.sum(axis=1, keepdims=True)
    return float(-np.mean(np.log(y[np.arange(len(t)), t] + 1e-7)))
''',
        # labels only: a one-hot t is used as if it held indices
        '''def softmax_cross_entropy(x, t):
    z = x - x.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return float(-np.mean(log_p[np.arange(x.shape[0]), np.asarray(t).reshape(x.shape[0], -1)[:, 0]]))
''',
        # one-hot only, averaged over every entry (N * C) instead of over the batch
        '''def softmax_cross_entropy(x, t):
    t = np.asarray(t)
    if t.ndim == 1:
        t = np.eye(x.shape[1])[t]
    z = x - x.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return float(-np.mean(t * log_p))
''',
        # the row maximum subtracted in place: the caller's x changes
        '''def softmax_cross_entropy(x, t):
    t = np.asarray(t)
    if t.ndim == 2:
        t = t.argmax(axis=1)
    x -= x.max(axis=1, keepdims=True)
    log_p = x - np.log(np.exp(x).sum(axis=1, keepdims=True))
    return float(-np.mean(log_p[np.arange(len(t)), t]))
''',
    ],
}
