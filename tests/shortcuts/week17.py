"""Shortcut answers for week 17 (chapters/week17_rnn.ipynb) that the graded tests must reject.

Each entry is the source of a whole replacement answer cell, written the way a student
who wants to skip the work would try it. tests/test_exercises.py runs each one in place
of the instructor's answer, then the graded test cell (hidden tests included), and
requires that cell to fail.
"""

SHORTCUTS = {
    # add-k bigram table
    "week17_ex1": [
        # the library's n-gram model does the counting and smoothing
        '''def addk_bigram_table(corpus, V, k):
    lm = cl.ngram.NGramLM(n=2, smoothing="add-k", k=k).fit(corpus, V)
    return np.array([lm.next_distribution((h,)) for h in range(V)])
''',
        # the same, imported under another name
        '''from course_lib.ngram import NGramLM as _LM


def addk_bigram_table(corpus, V, k):
    lm = _LM(n=2, smoothing="add-k", k=k).fit(corpus, V)
    return np.stack([lm.next_distribution((h,)) for h in range(V)])
''',
        # counts from a course_lib.ngram helper, smoothing by hand
        '''def addk_bigram_table(corpus, V, k):
    lm = cl.ngram.NGramLM(n=2, smoothing="none").fit(corpus, V)
    counts = np.array([[lm.count((h, w)) for w in range(V)] for h in range(V)], dtype=float)
    return (counts + k) / (counts.sum(axis=1, keepdims=True) + k * V)
''',
        # the vocabulary size guessed from the corpus instead of the argument V
        '''def addk_bigram_table(corpus, V, k):
    corpus = np.asarray(corpus)
    V = int(corpus.max()) + 1
    counts = np.bincount(corpus[:-1] * V + corpus[1:], minlength=V * V).reshape(V, V)
    return (counts + k) / (counts.sum(axis=1, keepdims=True) + k * V)
''',
        # k ignored: the visible test's k = 0.5 hard-coded
        '''def addk_bigram_table(corpus, V, k):
    corpus = np.asarray(corpus)
    counts = np.bincount(corpus[:-1] * V + corpus[1:], minlength=V * V).reshape(V, V)
    return (counts + 0.5) / (counts.sum(axis=1, keepdims=True) + 0.5 * V)
''',
        # the visible answer hard-coded (the table of `tiny`, k = 0.5)
        '''def addk_bigram_table(corpus, V, k):
    counts = np.zeros((7, 7))
    for h, w in [(0, 1), (1, 2), (2, 3), (3, 4), (4, 1), (1, 5), (5, 6)]:
        counts[h, w] += 1
    return (counts + 0.5) / (counts.sum(axis=1, keepdims=True) + 0.5 * 7)
''',
        # c(h) counted over every occurrence, also the last word (not as a context)
        '''def addk_bigram_table(corpus, V, k):
    corpus = np.asarray(corpus)
    counts = np.bincount(corpus[:-1] * V + corpus[1:], minlength=V * V).reshape(V, V)
    c_h = np.bincount(corpus, minlength=V)[:, None]
    return (counts + k) / (c_h + k * V)
''',
    ],
    # two-step BPTT by hand
    "week17_ex2": [
        # the library's TimeRNN does the backward pass
        '''def two_step_backward(x1, x2, h0, Wx, Wh, b, dh2):
    layer = cl.time_layers.TimeRNN(Wx, Wh, b)
    layer.set_state(h0)
    layer.forward(np.stack([x1, x2], axis=1))
    dxs = layer.backward(np.stack([np.zeros_like(dh2), dh2], axis=1))
    dWx, dWh, db = (g.copy() for g in layer.grads)
    return layer.dh, dxs[:, 0], dxs[:, 1], dWx, dWh, db
''',
        # two steps of the library's single-step RNN layer
        '''from course_lib.time_layers import RNN as _Step


def two_step_backward(x1, x2, h0, Wx, Wh, b, dh2):
    s1, s2 = _Step(Wx, Wh, b), _Step(Wx, Wh, b)
    h1 = s1.forward(x1, h0)
    s2.forward(x2, h1)
    dx2, dh1 = s2.backward(dh2)
    dx1, dh0 = s1.backward(dh1)
    dWx, dWh, db = (g1 + g2 for g1, g2 in zip(s1.grads, s2.grads))
    return dh0, dx1, dx2, dWx, dWh, db
''',
        # the notebook's own MyRNN from section 5.3.1
        '''def two_step_backward(x1, x2, h0, Wx, Wh, b, dh2):
    s1, s2 = MyRNN(Wx, Wh, b), MyRNN(Wx, Wh, b)
    h1 = s1.forward(x1, h0)
    s2.forward(x2, h1)
    dx2, dh1 = s2.backward(dh2)
    dx1, dh0 = s1.backward(dh1)
    dWx, dWh, db = (g1 + g2 for g1, g2 in zip(s1.grads, s2.grads))
    return dh0, dx1, dx2, dWx, dWh, db
''',
        # the notebook's own MyTimeRNN from section 5.3.2
        '''def two_step_backward(x1, x2, h0, Wx, Wh, b, dh2):
    layer = MyTimeRNN(Wx, Wh, b, stateful=True)
    layer.h = h0
    layer.forward(np.stack([x1, x2], axis=1))
    dxs = layer.backward(np.stack([np.zeros_like(dh2), dh2], axis=1))
    dWx, dWh, db = (g.copy() for g in layer.grads)
    return layer.dh, dxs[:, 0], dxs[:, 1], dWx, dWh, db
''',
        # numerical gradients from the library instead of backpropagation
        '''def two_step_backward(x1, x2, h0, Wx, Wh, b, dh2):
    args = [a.astype(float).copy() for a in (h0, x1, x2, Wx, Wh, b)]

    def loss(_=None):
        h0_, x1_, x2_, Wx_, Wh_, b_ = args
        h1 = np.tanh(h0_ @ Wh_ + x1_ @ Wx_ + b_)
        return float(np.sum(np.tanh(h1 @ Wh_ + x2_ @ Wx_ + b_) * dh2))

    return tuple(cl.gradcheck.numerical_gradient(loss, a, h=1e-5) for a in args)
''',
        # numerical gradients written in NumPy (no library call at all)
        '''def two_step_backward(x1, x2, h0, Wx, Wh, b, dh2):
    args = [a.astype(float).copy() for a in (h0, x1, x2, Wx, Wh, b)]

    def loss():
        h0_, x1_, x2_, Wx_, Wh_, b_ = args
        h1 = np.tanh(h0_ @ Wh_ + x1_ @ Wx_ + b_)
        return float(np.sum(np.tanh(h1 @ Wh_ + x2_ @ Wx_ + b_) * dh2))

    grads = []
    for a in args:
        g = np.zeros_like(a)
        for idx in np.ndindex(a.shape):
            old = a[idx]
            a[idx] = old + 1e-5
            up = loss()
            a[idx] = old - 1e-5
            down = loss()
            a[idx] = old
            g[idx] = (up - down) / 2e-5
        grads.append(g)
    return tuple(grads)
''',
        # the weight gradients of the last step only (shared weights not summed over time)
        '''def two_step_backward(x1, x2, h0, Wx, Wh, b, dh2):
    h1 = np.tanh(h0 @ Wh + x1 @ Wx + b)
    h2 = np.tanh(h1 @ Wh + x2 @ Wx + b)
    dt2 = dh2 * (1 - h2 ** 2)
    dt1 = (dt2 @ Wh.T) * (1 - h1 ** 2)
    return dt1 @ Wh.T, dt1 @ Wx.T, dt2 @ Wx.T, x2.T @ dt2, h1.T @ dt2, dt2.sum(axis=0)
''',
        # h0 assumed to be zero
        '''def two_step_backward(x1, x2, h0, Wx, Wh, b, dh2):
    h0 = np.zeros_like(h0)
    h1 = np.tanh(h0 @ Wh + x1 @ Wx + b)
    h2 = np.tanh(h1 @ Wh + x2 @ Wx + b)
    dt2 = dh2 * (1 - h2 ** 2)
    dt1 = (dt2 @ Wh.T) * (1 - h1 ** 2)
    return (dt1 @ Wh.T, dt1 @ Wx.T, dt2 @ Wx.T, x1.T @ dt1 + x2.T @ dt2, h0.T @ dt1 + h1.T @ dt2,
            dt1.sum(axis=0) + dt2.sum(axis=0))
''',
    ],
    # many-to-one classifier on the last hidden state
    "week17_ex3": [
        # mean-pooling over time instead of the last hidden state
        '''class ManyToOne:
    def __init__(self, rnn, head):
        self.rnn, self.head = rnn, head
        self.params, self.grads = rnn.params + head.params, rnn.grads + head.grads
        self.hs_shape = None

    def forward(self, xs):
        hs = self.rnn.forward(xs)
        self.hs_shape = hs.shape
        return self.head.forward(hs.mean(axis=1))

    def backward(self, dscores):
        N, T, H = self.hs_shape
        dh = self.head.backward(dscores)
        return self.rnn.backward(np.repeat(dh[:, None, :] / T, T, axis=1))
''',
        # max-pooling over time
        '''class ManyToOne:
    def __init__(self, rnn, head):
        self.rnn, self.head = rnn, head
        self.params, self.grads = rnn.params + head.params, rnn.grads + head.grads
        self.mask = None

    def forward(self, xs):
        hs = self.rnn.forward(xs)
        pooled = hs.max(axis=1)
        self.mask = hs == pooled[:, None, :]
        return self.head.forward(pooled)

    def backward(self, dscores):
        dh = self.head.backward(dscores)
        return self.rnn.backward(self.mask * dh[:, None, :])
''',
        # the first time step's hidden state
        '''class ManyToOne:
    def __init__(self, rnn, head):
        self.rnn, self.head = rnn, head
        self.params, self.grads = rnn.params + head.params, rnn.grads + head.grads
        self.hs_shape = None

    def forward(self, xs):
        hs = self.rnn.forward(xs)
        self.hs_shape = hs.shape
        return self.head.forward(hs[:, 0, :])

    def backward(self, dscores):
        dhs = np.zeros(self.hs_shape)
        dhs[:, 0, :] = self.head.backward(dscores)
        return self.rnn.backward(dhs)
''',
        # right forward, but the gradient handed to every time step
        '''class ManyToOne:
    def __init__(self, rnn, head):
        self.rnn, self.head = rnn, head
        self.params, self.grads = rnn.params + head.params, rnn.grads + head.grads
        self.hs_shape = None

    def forward(self, xs):
        hs = self.rnn.forward(xs)
        self.hs_shape = hs.shape
        return self.head.forward(hs[:, -1, :])

    def backward(self, dscores):
        N, T, H = self.hs_shape
        dh = self.head.backward(dscores)
        return self.rnn.backward(np.repeat(dh[:, None, :], T, axis=1))
''',
        # right forward, backward without BPTT (only the last input gets a gradient)
        '''class ManyToOne:
    def __init__(self, rnn, head):
        self.rnn, self.head = rnn, head
        self.params, self.grads = rnn.params + head.params, rnn.grads + head.grads
        self.hs = None

    def forward(self, xs):
        self.hs = self.rnn.forward(xs)
        return self.head.forward(self.hs[:, -1, :])

    def backward(self, dscores):
        Wx, Wh, b = self.rnn.params
        dt = self.head.backward(dscores) * (1 - self.hs[:, -1, :] ** 2)
        dxs = np.zeros(self.hs.shape[:2] + (Wx.shape[0],))
        dxs[:, -1, :] = dt @ Wx.T
        return dxs
''',
        # the RNN recomputed in NumPy from a zero state (ignores the given layer's state)
        '''class ManyToOne:
    def __init__(self, rnn, head):
        self.rnn, self.head = rnn, head
        self.params, self.grads = rnn.params + head.params, rnn.grads + head.grads
        self.hs_shape = None

    def forward(self, xs):
        Wx, Wh, b = self.rnn.params
        W, bh = self.head.params
        h = np.zeros((xs.shape[0], Wh.shape[0]))
        for t in range(xs.shape[1]):
            h = np.tanh(h @ Wh + xs[:, t] @ Wx + b)
        self.rnn.forward(xs)
        self.head.forward(h)
        self.hs_shape = xs.shape[:2] + h.shape[1:]
        return h @ W + bh

    def backward(self, dscores):
        dhs = np.zeros(self.hs_shape)
        dhs[:, -1, :] = self.head.backward(dscores)
        return self.rnn.backward(dhs)
''',
    ],
}
