"""Shortcut answers for week 5 (chapters/week05_backpropagation.ipynb) that the graded tests must reject.

Each entry is the source of a whole replacement answer cell, written the way a student
who wants to skip the work (or who misread the exercise) would try it.
tests/test_exercises.py runs each one in place of the instructor's answer, then the
graded test cell (hidden tests included), and requires that cell to fail.
"""

SHORTCUTS = {
    # DivLayer: z = x / y with forward/backward, no course_lib
    "week05_ex1": [
        # the library's MulLayer on x * (1 / y), then the chain rule for 1 / y
        '''class DivLayer:
    def __init__(self):
        self.params, self.grads = [], []
        self.mul = cl.layers.MulLayer()
        self.y = None

    def forward(self, x, y):
        self.y = y
        return self.mul.forward(x, 1.0 / y)

    def backward(self, dout):
        dx, dinv = self.mul.backward(dout)
        return dx, -dinv / self.y ** 2
''',
        # the gradients by the library's numerical differentiation
        '''class DivLayer:
    def __init__(self):
        self.params, self.grads = [], []
        self.x = self.y = None

    def forward(self, x, y):
        self.x, self.y = x, y
        return x / y

    def backward(self, dout):
        x, y = np.asarray(self.x, dtype=float).copy(), np.asarray(self.y, dtype=float).copy()
        dx = cl.gradcheck.numerical_gradient(lambda v: np.sum(dout * v / y), x)
        dy = cl.gradcheck.numerical_gradient(lambda v: np.sum(dout * x / v), y)
        return dx, dy
''',
        # dout ignored: the local derivatives only (right for dout = 1)
        '''class DivLayer:
    def __init__(self):
        self.params, self.grads = [], []
        self.x = self.y = None

    def forward(self, x, y):
        self.x, self.y = x, y
        return x / y

    def backward(self, dout):
        return 1 / self.y, -self.x / self.y ** 2
''',
        # the inputs kept in module globals: a second DivLayer overwrites the first one's
        '''_div_cache = {}

class DivLayer:
    def __init__(self):
        self.params, self.grads = [], []

    def forward(self, x, y):
        _div_cache["x"], _div_cache["y"] = x, y
        return x / y

    def backward(self, dout):
        x, y = _div_cache["x"], _div_cache["y"]
        return dout / y, -dout * x / y ** 2
''',
        # the sign of dy forgotten
        '''class DivLayer:
    def __init__(self):
        self.params, self.grads = [], []
        self.x = self.y = None

    def forward(self, x, y):
        self.x, self.y = x, y
        return x / y

    def backward(self, dout):
        return dout / self.y, dout * self.x / self.y ** 2
''',
    ],
    # affine_backward(x, W, dout) -> (dx, dW, db), NumPy only
    "week05_ex2": [
        # the library's Affine layer does the backward pass
        '''def affine_backward(x, W, dout):
    layer = cl.layers.Affine(W.copy(), np.zeros(W.shape[1]))
    layer.forward(x)
    dx = layer.backward(dout)
    return dx, layer.grads[0].copy(), layer.grads[1].copy()
''',
        # the notebook's Affine class from 5.6.2
        '''def affine_backward(x, W, dout):
    layer = Affine(W, np.zeros(W.shape[1]))
    layer.forward(x)
    dx = layer.backward(dout)
    return dx, layer.dW, layer.db
''',
        # the visible test's arrays instead of the arguments
        '''def affine_backward(x, W, dout):
    return dout_ex @ W_ex.T, x_ex.T @ dout_ex, dout_ex.sum(axis=0)
''',
        # db averaged over the batch instead of summed
        '''def affine_backward(x, W, dout):
    return dout @ W.T, x.T @ dout, dout.mean(axis=0)
''',
        # db summed over everything: a scalar
        '''def affine_backward(x, W, dout):
    return dout @ W.T, x.T @ dout, np.sum(dout)
''',
    ],
    # shopping_backprop(...): the 5.4.2 graph from the layer classes it is given
    "week05_ex3": [
        # the closed form, no layers at all
        '''def shopping_backprop(apple, apple_num, orange, orange_num, tax,
                      mul_class=cl.layers.MulLayer, add_class=cl.layers.AddLayer):
    total = apple * apple_num + orange * orange_num
    grads = {"apple": apple_num * tax, "apple_num": apple * tax, "orange": orange_num * tax,
             "orange_num": orange * tax, "tax": total}
    return total * tax, grads
''',
        # layers for the forward pass and backward calls for show, gradients from the formula
        '''def shopping_backprop(apple, apple_num, orange, orange_num, tax,
                      mul_class=cl.layers.MulLayer, add_class=cl.layers.AddLayer):
    m1, m2, a, m3 = mul_class(), mul_class(), add_class(), mul_class()
    price = m3.forward(a.forward(m1.forward(apple, apple_num), m2.forward(orange, orange_num)), tax)
    d_all, _ = m3.backward(1)
    d1, d2 = a.backward(d_all)
    m1.backward(d1)
    m2.backward(d2)
    grads = {"apple": apple_num * tax, "apple_num": apple * tax, "orange": orange_num * tax,
             "orange_num": orange * tax, "tax": apple * apple_num + orange * orange_num}
    return price, grads
''',
        # the parameters ignored: always the library's layers
        '''def shopping_backprop(apple, apple_num, orange, orange_num, tax,
                      mul_class=cl.layers.MulLayer, add_class=cl.layers.AddLayer):
    m1, m2, m3 = cl.layers.MulLayer(), cl.layers.MulLayer(), cl.layers.MulLayer()
    a = cl.layers.AddLayer()
    price = m3.forward(a.forward(m1.forward(apple, apple_num), m2.forward(orange, orange_num)), tax)
    d_all, d_tax = m3.backward(1)
    d1, d2 = a.backward(d_all)
    d_apple, d_apple_num = m1.backward(d1)
    d_orange, d_orange_num = m2.backward(d2)
    return price, {"apple": d_apple, "apple_num": d_apple_num, "orange": d_orange,
                   "orange_num": d_orange_num, "tax": d_tax}
''',
        # the parameters ignored: the notebook's own MulLayer / AddLayer from 5.4
        '''def shopping_backprop(apple, apple_num, orange, orange_num, tax,
                      mul_class=cl.layers.MulLayer, add_class=cl.layers.AddLayer):
    m1, m2, m3, a = MulLayer(), MulLayer(), MulLayer(), AddLayer()
    price = m3.forward(a.forward(m1.forward(apple, apple_num), m2.forward(orange, orange_num)), tax)
    d_all, d_tax = m3.backward(1)
    d1, d2 = a.backward(d_all)
    d_apple, d_apple_num = m1.backward(d1)
    d_orange, d_orange_num = m2.backward(d2)
    return price, {"apple": d_apple, "apple_num": d_apple_num, "orange": d_orange,
                   "orange_num": d_orange_num, "tax": d_tax}
''',
        # the visible numbers hard-coded
        '''def shopping_backprop(apple, apple_num, orange, orange_num, tax,
                      mul_class=cl.layers.MulLayer, add_class=cl.layers.AddLayer):
    if (apple, apple_num, orange, orange_num) == (100, 2, 150, 3):
        return 715.0, {"apple": 2.2, "apple_num": 110.0, "orange": 3.3, "orange_num": 165.0, "tax": 650}
    return 1047.6, {"apple": 4.32, "apple_num": 140.4, "orange": 5.4, "orange_num": 97.2, "tax": 970}
''',
    ],
    # SoftmaxWithLossLabels: softmax + mean cross-entropy with integer labels, NumPy only
    "week05_ex4": [
        # a wrapper around the library's layer
        '''class SoftmaxWithLossLabels:
    def __init__(self):
        self.params, self.grads = [], []
        self.inner = cl.layers.SoftmaxWithLoss()

    def forward(self, x, t):
        return self.inner.forward(x, t)

    def backward(self, dout=1):
        return self.inner.backward(dout)
''',
        # the library's softmax and cross-entropy functions
        '''class SoftmaxWithLossLabels:
    def __init__(self):
        self.params, self.grads = [], []
        self.y = self.t = None

    def forward(self, x, t):
        self.y, self.t = cl.functions.softmax(x), t
        return cl.functions.cross_entropy_error(self.y, t)

    def backward(self, dout=1):
        n = self.t.shape[0]
        return (self.y - np.eye(self.y.shape[1])[self.t]) * dout / n
''',
        # the notebook's one-hot SoftmaxWithLoss from 5.6.3
        '''class SoftmaxWithLossLabels:
    def __init__(self):
        self.params, self.grads = [], []
        self.inner = SoftmaxWithLoss()

    def forward(self, x, t):
        return self.inner.forward(x, np.eye(x.shape[1])[t])

    def backward(self, dout=1):
        return self.inner.backward(dout)
''',
        # no max subtracted: exp overflows for large scores
        '''class SoftmaxWithLossLabels:
    def __init__(self):
        self.params, self.grads = [], []
        self.y = self.t = None

    def forward(self, x, t):
        e = np.exp(x)
        self.y, self.t = e / e.sum(axis=1, keepdims=True), t
        n = x.shape[0]
        return -np.sum(np.log(self.y[np.arange(n), t] + 1e-7)) / n

    def backward(self, dout=1):
        n = self.t.shape[0]
        dx = self.y.copy()
        dx[np.arange(n), self.t] -= 1
        return dx * dout / n
''',
        # the book's backward, which ignores dout
        '''class SoftmaxWithLossLabels:
    def __init__(self):
        self.params, self.grads = [], []
        self.y = self.t = None

    def forward(self, x, t):
        z = x - x.max(axis=1, keepdims=True)
        e = np.exp(z)
        self.y, self.t = e / e.sum(axis=1, keepdims=True), t
        n = x.shape[0]
        return -np.sum(np.log(self.y[np.arange(n), t] + 1e-7)) / n

    def backward(self, dout=1):
        n = self.t.shape[0]
        dx = self.y.copy()
        dx[np.arange(n), self.t] -= 1
        return dx / n
''',
        # not divided by the batch size
        '''class SoftmaxWithLossLabels:
    def __init__(self):
        self.params, self.grads = [], []
        self.y = self.t = None

    def forward(self, x, t):
        z = x - x.max(axis=1, keepdims=True)
        e = np.exp(z)
        self.y, self.t = e / e.sum(axis=1, keepdims=True), t
        n = x.shape[0]
        return -np.sum(np.log(self.y[np.arange(n), t] + 1e-7)) / n

    def backward(self, dout=1):
        dx = self.y.copy()
        dx[np.arange(self.t.shape[0]), self.t] -= 1
        return dx * dout
''',
        # the max subtracted in place: the caller's scores change
        '''class SoftmaxWithLossLabels:
    def __init__(self):
        self.params, self.grads = [], []
        self.y = self.t = None

    def forward(self, x, t):
        x -= x.max(axis=1, keepdims=True)
        e = np.exp(x)
        self.y, self.t = e / e.sum(axis=1, keepdims=True), t
        n = x.shape[0]
        return -np.sum(np.log(self.y[np.arange(n), t] + 1e-7)) / n

    def backward(self, dout=1):
        n = self.t.shape[0]
        dx = self.y.copy()
        dx[np.arange(n), self.t] -= 1
        return dx * dout / n
''',
    ],
}
