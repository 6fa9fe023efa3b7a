"""Shortcut answers to the practice problems of week 6 (midterm review).

Each entry replaces the whole answer cell; the graded test cell that follows must fail.
ex1 softmax_stable: the library call (two routes), scipy, the naive exp (overflow), one max
    for the whole array instead of one per row, a sum over all elements.
ex2 ReluLayer: subclassing or delegating to cl.layers.Relu, forgetting the copy in
    forward or in backward (section 4.4), passing positive dout regardless of the mask,
    a mask of x < 0 (gradient 1 at x == 0).
ex3 numerical_gradient: the library, the forward difference, x not restored, a fixed h,
    a loop that only works for 1-D arrays.
ex4 confusion_matrix: M[t, y] += 1 (loses repeated pairs, section 4.3), the transpose,
    scikit-learn, a size from the labels instead of num_classes, a float result.
"""

SHORTCUTS = {
    "week06_ex1": [
        '''def softmax_stable(a):
    return cl.functions.softmax(a)
''',
        '''from course_lib.functions import softmax as _library_softmax

def softmax_stable(a):
    return _library_softmax(np.asarray(a, dtype=float))
''',
        '''def softmax_stable(a):
    import scipy.special
    return scipy.special.softmax(a, axis=-1)
''',
        '''def softmax_stable(a):
    e = np.exp(np.asarray(a, dtype=float))
    return e / e.sum(axis=-1, keepdims=True)
''',
        '''def softmax_stable(a):
    a = np.asarray(a, dtype=float)
    e = np.exp(a - a.max())
    return e / e.sum(axis=-1, keepdims=True)
''',
        '''def softmax_stable(a):
    a = np.asarray(a, dtype=float)
    e = np.exp(a - a.max())
    return e / e.sum()
''',
    ],
    "week06_ex2": [
        '''class ReluLayer(cl.layers.Relu):
    pass
''',
        '''class ReluLayer:
    def __init__(self):
        self.params, self.grads = [], []
        self._inner = cl.layers.Relu()

    def forward(self, x):
        return self._inner.forward(x)

    def backward(self, dout):
        return self._inner.backward(dout)
''',
        '''class ReluLayer:
    def __init__(self):
        self.params, self.grads = [], []

    def forward(self, x):
        self.mask = x <= 0
        out = x
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dx = dout.copy()
        dx[self.mask] = 0
        return dx
''',
        '''class ReluLayer:
    def __init__(self):
        self.params, self.grads = [], []

    def forward(self, x):
        self.mask = x <= 0
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dx = dout
        dx[self.mask] = 0
        return dx
''',
        '''class ReluLayer:
    def __init__(self):
        self.params, self.grads = [], []

    def forward(self, x):
        return np.maximum(x, 0)

    def backward(self, dout):
        return np.maximum(dout, 0)
''',
        '''class ReluLayer:
    def __init__(self):
        self.params, self.grads = [], []

    def forward(self, x):
        self.mask = x < 0
        return np.where(self.mask, 0.0, x)

    def backward(self, dout):
        return np.where(self.mask, 0.0, dout)
''',
    ],
    "week06_ex3": [
        '''def numerical_gradient(f, x, h=1e-4):
    return cl.gradcheck.numerical_gradient(f, x, h)
''',
        '''def numerical_gradient(f, x, h=1e-4):
    grad = np.zeros_like(x)
    fx = f(x)
    for idx in np.ndindex(x.shape):
        original = x[idx]
        x[idx] = original + h
        grad[idx] = (f(x) - fx) / h
        x[idx] = original
    return grad
''',
        '''def numerical_gradient(f, x, h=1e-4):
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        original = x[idx]
        x[idx] = original + h
        f_plus = f(x)
        x[idx] = original - h
        f_minus = f(x)
        grad[idx] = (f_plus - f_minus) / (2 * h)
    return grad
''',
        '''def numerical_gradient(f, x, h=1e-4):
    h = 1e-4
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        original = x[idx]
        x[idx] = original + h
        f_plus = f(x)
        x[idx] = original - h
        f_minus = f(x)
        x[idx] = original
        grad[idx] = (f_plus - f_minus) / (2 * h)
    return grad
''',
        '''def numerical_gradient(f, x, h=1e-4):
    grad = np.zeros_like(x)
    for i in range(x.size):
        original = x[i].copy()
        x[i] = original + h
        f_plus = f(x)
        x[i] = original - h
        f_minus = f(x)
        x[i] = original
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad
''',
    ],
    "week06_ex4": [
        '''def confusion_matrix(t, y, num_classes):
    m = np.zeros((num_classes, num_classes), dtype=int)
    m[t, y] += 1
    return m
''',
        '''def confusion_matrix(t, y, num_classes):
    m = np.zeros((num_classes, num_classes), dtype=int)
    np.add.at(m, (y, t), 1)
    return m
''',
        '''def confusion_matrix(t, y, num_classes):
    from sklearn.metrics import confusion_matrix as _sk_confusion_matrix
    return _sk_confusion_matrix(t, y, labels=np.arange(num_classes))
''',
        '''def confusion_matrix(t, y, num_classes):
    k = int(max(np.max(t), np.max(y))) + 1
    m = np.zeros((k, k), dtype=int)
    np.add.at(m, (t, y), 1)
    return m
''',
        '''def confusion_matrix(t, y, num_classes):
    m, _, _ = np.histogram2d(t, y, bins=num_classes, range=[[0, num_classes], [0, num_classes]])
    return m
''',
    ],
}
