"""Shortcut answers to the practice problems of week 13 (final review).

Each entry replaces the whole answer cell; the graded test cell that follows must fail.
ex1 RMSpropOptimizer: subclassing or delegating to cl.optimizers.RMSprop, AdaGrad's growing
    sum, h without (1 - decay_rate), no square root, a fixed decay rate or eps, new arrays
    instead of in-place updates, h shared through the class.
ex2 batchnorm_backward: cl.layers.BatchNormalization, dx as if mean and variance were
    constants, only the mean term, dgamma and dbeta swapped, means instead of sums, the
    unbiased variance (N - 1), a fixed eps, the statistics over the wrong axis.
ex3 conv_forward: cl.conv.Convolution, reshape(N, FN, OH, OW) without the transpose (section
    4.3), W.reshape(-1, FN) instead of W.reshape(FN, -1).T, no bias, stride and pad left out
    of im2col, a flipped filter (true convolution), sizes by `/` (floats).
ex4 svd_word_vectors: cl.text.ppmi and cl.text.svd, the SVD of the raw counts, PMI without
    max(0, ·) (section 4.5), U scaled by the singular values, rows of Vt instead of columns
    of U, a fixed eps, all of U instead of wordvec_size columns.
"""

# Templates: every shortcut below is a whole answer cell; the templates only spare
# repeating the lines the honest answer and the slip have in common.
_RMSPROP = """class RMSpropOptimizer:
    def __init__(self, lr=0.01, decay_rate=0.99, eps=1e-7):
        self.lr, self.decay_rate, self.eps = lr, decay_rate, eps
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = [np.zeros_like(p) for p in params]
        for p, g, h in zip(params, grads, self.h):
{body}
"""
_RMSPROP_STEP = """            h *= self.decay_rate
            h += (1 - self.decay_rate) * g * g"""

_BATCHNORM = """def batchnorm_backward(x, gamma, dout, eps=1e-6):
    std = np.sqrt(x.var(axis=0{ddof}) + {eps})
    x_hat = (x - x.mean(axis=0)) / std
    dx_hat = gamma * dout
    dx = (dx_hat - dx_hat.mean(axis=0) - x_hat * np.mean(dx_hat * x_hat, axis=0)) / std
    return {returned}
"""
_BN_GRADS = "np.sum(x_hat * dout, axis=0), dout.sum(axis=0)"

_CONV = """def conv_forward(x, W, b, stride=1, pad=0):
    FN, C, FH, FW = W.shape
    N, _, H, width = x.shape
    OH = (H + 2 * pad - FH) {div} stride + 1
    OW = (width + 2 * pad - FW) {div} stride + 1
    out = cl.conv.im2col(x, FH, FW, stride, pad) @ {filters}{bias}
    return {reshaped}
"""
_CONV_OK = dict(div="//", filters="W.reshape(FN, -1).T", bias=" + b",
                reshaped="out.reshape(N, OH, OW, FN).transpose(0, 3, 1, 2)")

_SVD = """def svd_word_vectors(C, wordvec_size, eps=1e-8):
    C = np.asarray(C, dtype=float)
    S = C.sum(axis=0)
    M = {ppmi}
    U, sv, Vt = np.linalg.svd(M)
    return {vectors}
"""
_PPMI_OK = "np.maximum(0.0, np.log2(C * C.sum() / np.outer(S, S) + eps))"

SHORTCUTS = {
    "week13_ex1": [
        """class RMSpropOptimizer(cl.optimizers.RMSprop):
    pass
""",
        """class RMSpropOptimizer:
    def __init__(self, lr=0.01, decay_rate=0.99, eps=1e-7):
        self._inner = cl.optimizers.RMSprop(lr, decay_rate, eps)

    def update(self, params, grads):
        self._inner.update(params, grads)
""",
        # AdaGrad's growing sum
        _RMSPROP.format(body="""            h += g * g
            p -= self.lr * g / (np.sqrt(h) + self.eps)"""),
        # (1 - decay_rate) forgotten
        _RMSPROP.format(body="""            h *= self.decay_rate
            h += g * g
            p -= self.lr * g / (np.sqrt(h) + self.eps)"""),
        # no square root
        _RMSPROP.format(body=_RMSPROP_STEP + """
            p -= self.lr * g / (h + self.eps)"""),
        # the default decay rate, whatever decay_rate says
        _RMSPROP.format(body="""            h *= 0.99
            h += 0.01 * g * g
            p -= self.lr * g / (np.sqrt(h) + self.eps)"""),
        # the eps argument ignored
        _RMSPROP.format(body=_RMSPROP_STEP + """
            p -= self.lr * g / (np.sqrt(h) + 1e-7)"""),
        # new arrays in the list instead of in-place updates
        """class RMSpropOptimizer:
    def __init__(self, lr=0.01, decay_rate=0.99, eps=1e-7):
        self.lr, self.decay_rate, self.eps = lr, decay_rate, eps
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = [np.zeros_like(p) for p in params]
        for i in range(len(params)):
            self.h[i] = self.decay_rate * self.h[i] + (1 - self.decay_rate) * grads[i] ** 2
            params[i] = params[i] - self.lr * grads[i] / (np.sqrt(self.h[i]) + self.eps)
""",
        # h shared by every optimizer through the class
        """class RMSpropOptimizer:
    h = None

    def __init__(self, lr=0.01, decay_rate=0.99, eps=1e-7):
        self.lr, self.decay_rate, self.eps = lr, decay_rate, eps

    def update(self, params, grads):
        if RMSpropOptimizer.h is None or len(RMSpropOptimizer.h) != len(params):
            RMSpropOptimizer.h = [np.zeros_like(p) for p in params]
        for p, g, h in zip(params, grads, RMSpropOptimizer.h):
            h *= self.decay_rate
            h += (1 - self.decay_rate) * g * g
            p -= self.lr * g / (np.sqrt(h) + self.eps)
""",
    ],
    "week13_ex2": [
        """def batchnorm_backward(x, gamma, dout, eps=1e-6):
    bn = cl.layers.BatchNormalization(gamma.copy(), np.zeros_like(gamma), eps=eps)
    bn.forward(x)
    dx = bn.backward(dout)
    return dx, bn.grads[0].copy(), bn.grads[1].copy()
""",
        # mean and variance treated as constants
        _BATCHNORM.format(ddof="", eps="eps", returned="gamma * dout / std, " + _BN_GRADS),
        # only the mean term
        _BATCHNORM.format(ddof="", eps="eps", returned="(dx_hat - dx_hat.mean(axis=0)) / std, " + _BN_GRADS),
        # dgamma and dbeta swapped
        _BATCHNORM.format(ddof="", eps="eps", returned="dx, dout.sum(axis=0), np.sum(x_hat * dout, axis=0)"),
        # means instead of sums
        _BATCHNORM.format(ddof="", eps="eps", returned="dx, np.mean(x_hat * dout, axis=0), dout.mean(axis=0)"),
        # the unbiased variance (N - 1)
        _BATCHNORM.format(ddof=", ddof=1", eps="eps", returned="dx, " + _BN_GRADS),
        # the eps argument ignored
        _BATCHNORM.format(ddof="", eps="1e-6", returned="dx, " + _BN_GRADS),
        # statistics over the features of each row instead of over the batch
        """def batchnorm_backward(x, gamma, dout, eps=1e-6):
    std = np.sqrt(x.var(axis=1, keepdims=True) + eps)
    x_hat = (x - x.mean(axis=1, keepdims=True)) / std
    dx_hat = gamma * dout
    dx = (dx_hat - dx_hat.mean(axis=1, keepdims=True)
          - x_hat * np.mean(dx_hat * x_hat, axis=1, keepdims=True)) / std
    return dx, np.sum(x_hat * dout, axis=0), dout.sum(axis=0)
""",
    ],
    "week13_ex3": [
        """def conv_forward(x, W, b, stride=1, pad=0):
    return cl.conv.Convolution(W, b, stride, pad).forward(x)
""",
        # reshape(N, FN, OH, OW) without the transpose (section 4.3)
        _CONV.format(**{**_CONV_OK, "reshaped": "out.reshape(N, FN, OH, OW)"}),
        # the filters flattened in the wrong order
        _CONV.format(**{**_CONV_OK, "filters": "W.reshape(-1, FN)"}),
        # no bias
        _CONV.format(**{**_CONV_OK, "bias": ""}),
        # stride and pad left out of im2col and of the sizes
        """def conv_forward(x, W, b, stride=1, pad=0):
    FN, C, FH, FW = W.shape
    N, _, H, width = x.shape
    OH, OW = H - FH + 1, width - FW + 1
    out = cl.conv.im2col(x, FH, FW) @ W.reshape(FN, -1).T + b
    return out.reshape(N, OH, OW, FN).transpose(0, 3, 1, 2)
""",
        # a flipped filter: true convolution instead of the book's cross-correlation
        _CONV.format(**{**_CONV_OK, "filters": "W[:, :, ::-1, ::-1].reshape(FN, -1).T"}),
        # sizes by '/': floats cannot be a shape
        _CONV.format(**{**_CONV_OK, "div": "/"}),
    ],
    "week13_ex4": [
        """def svd_word_vectors(C, wordvec_size, eps=1e-8):
    U, S, Vt = cl.text.svd(cl.text.ppmi(C, eps=eps))
    return U[:, :wordvec_size]
""",
        # the SVD of the raw counts
        _SVD.format(ppmi="C", vectors="U[:, :wordvec_size]"),
        # PMI without max(0, ·) (section 4.5)
        _SVD.format(ppmi="np.log2(C * C.sum() / np.outer(S, S) + eps)", vectors="U[:, :wordvec_size]"),
        # U scaled by the singular values
        _SVD.format(ppmi=_PPMI_OK, vectors="U[:, :wordvec_size] * sv[:wordvec_size]"),
        # rows of Vt instead of columns of U
        _SVD.format(ppmi=_PPMI_OK, vectors="Vt[:wordvec_size]"),
        # the eps argument ignored
        _SVD.format(ppmi=_PPMI_OK.replace("+ eps", "+ 1e-8"), vectors="U[:, :wordvec_size]"),
        # all of U
        _SVD.format(ppmi=_PPMI_OK, vectors="U"),
    ],
}
