"""Layers with forward and backward passes.

Contract (book 2 style, used everywhere): ``params`` and ``grads`` are lists of arrays
of equal shapes; ``forward(...)`` caches what ``backward(dout)`` needs; ``backward``
writes parameter gradients in place (``grads[i][...] = g``) and returns the gradient of
its input.

``MulLayer`` and ``AddLayer`` are book 1's scalar nodes of a computational graph
(ch. 5.4): they take two inputs and return two gradients.
"""
from __future__ import annotations

import numpy as np

from .functions import sigmoid, softmax_cross_entropy


class MulLayer:
    """Multiplication node ``out = x * y``. ``backward(dout)`` → ``(dout * y, dout * x)``."""

    def __init__(self):
        self.params, self.grads = [], []
        self.x = self.y = None

    def forward(self, x, y):
        """``x``, ``y``: scalars or arrays of broadcastable equal shape → ``x * y``."""
        self.x, self.y = x, y
        return x * y

    def backward(self, dout):
        """Return ``(dx, dy)``: the upstream gradient times the *other* input."""
        return dout * self.y, dout * self.x


class AddLayer:
    """Addition node ``out = x + y``. ``backward(dout)`` → ``(dout, dout)``."""

    def __init__(self):
        self.params, self.grads = [], []

    def forward(self, x, y):
        """``x``, ``y``: scalars or arrays of the same shape → ``x + y``."""
        return x + y

    def backward(self, dout):
        """Return ``(dx, dy) = (dout, dout)``: addition passes the gradient through."""
        return dout * 1, dout * 1


class Relu:
    """ReLU layer. ``x``: any shape → same shape."""

    def __init__(self):
        self.params, self.grads = [], []
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0  # True where the input is cut off, as in the book
        # np.maximum / a multiply by the mask: no boolean-index scatter, ≈10× faster
        # than the book's ``out[mask] = 0`` on conv activations
        return np.maximum(x, 0)

    def backward(self, dout):
        return dout * ~self.mask


class Sigmoid:
    """Sigmoid layer. ``x``: any shape → same shape; ``dx = dout * y (1 - y)``."""

    def __init__(self):
        self.params, self.grads = [], []
        self.out = None

    def forward(self, x):
        self.out = sigmoid(x)
        return self.out

    def backward(self, dout):
        return dout * (1.0 - self.out) * self.out


class Affine:
    """Fully connected layer ``out = x @ W + b``.

    ``W``: (D, H), ``b``: (H,). ``x``: (N, D) — or (N, C, H, W) images, which are
    flattened to (N, D) and whose gradient is returned in the original shape.
    """

    def __init__(self, W, b):
        self.params = [W, b]
        self.grads = [np.zeros_like(W), np.zeros_like(b)]
        self.x = None
        self.x_shape = None

    def forward(self, x):
        W, b = self.params
        self.x_shape = x.shape
        self.x = x.reshape(x.shape[0], -1)
        return self.x @ W + b

    def backward(self, dout):
        W, _ = self.params
        dx = dout @ W.T
        self.grads[0][...] = self.x.T @ dout
        self.grads[1][...] = dout.sum(axis=0)
        return dx.reshape(self.x_shape)


class Dropout:
    """Inverted dropout: in training, zero each entry with probability ``dropout_ratio``
    and scale the kept ones by ``1/(1 − ratio)``; the identity when ``train_flg`` is False.

    ``x``: any shape → same shape. Inverted (unlike book 1's, which multiplies by
    ``1 − ratio`` at test time): the expected activation is the same in training and
    at test time, so inference needs no special case and a model trained with one
    ratio can be evaluated without knowing it. Models switch ``train_flg``.
    """

    def __init__(self, dropout_ratio: float = 0.5, rng: np.random.Generator | None = None):
        if not 0 <= dropout_ratio < 1:
            raise ValueError(f"dropout_ratio must be in [0, 1), got {dropout_ratio}")
        self.params, self.grads = [], []
        self.dropout_ratio = dropout_ratio
        self.mask = None
        self.train_flg = True
        self.rng = rng if rng is not None else np.random.default_rng()

    def forward(self, x):
        if not self.train_flg or self.dropout_ratio == 0:
            self.mask = None
            return x
        keep = 1.0 - self.dropout_ratio
        self.mask = (self.rng.random(x.shape, dtype=np.float32) < keep).astype(x.dtype)
        self.mask *= 1.0 / keep
        return x * self.mask

    def backward(self, dout):
        return dout if self.mask is None else dout * self.mask


class BatchNormalization:
    """Batch normalization (Ioffe & Szegedy 2015; book 1, 6.3).

    ``gamma``, ``beta``: (D,) for x (N, D), or (C,) for images x (N, C, H, W), which
    are normalised per channel over (N, H, W) as in a convolutional net. In training
    (``train_flg`` True) it uses the batch's mean and (biased) variance and updates
    ``running_mean``/``running_var`` by ``momentum``; at inference it uses those.
    """

    def __init__(self, gamma, beta, momentum: float = 0.9, eps: float = 1e-6,
                 running_mean=None, running_var=None):
        self.params = [gamma, beta]
        self.grads = [np.zeros_like(gamma), np.zeros_like(beta)]
        self.momentum, self.eps = momentum, eps
        self.running_mean = np.zeros_like(gamma) if running_mean is None else running_mean
        self.running_var = np.ones_like(gamma) if running_var is None else running_var
        self.train_flg = True
        self.input_shape = None
        self.xn = self.std = None

    @staticmethod
    def _to_2d(x):
        if x.ndim == 4:  # (N, C, H, W) -> (N·H·W, C)
            return x.transpose(0, 2, 3, 1).reshape(-1, x.shape[1])
        return x

    def _from_2d(self, y):
        if len(self.input_shape) == 4:
            N, C, H, W = self.input_shape
            return y.reshape(N, H, W, C).transpose(0, 3, 1, 2)
        return y

    def forward(self, x):
        gamma, beta = self.params
        if x.ndim not in (2, 4) or x.shape[1] != gamma.shape[0]:
            raise ValueError(f"BatchNormalization with {gamma.shape[0]} features expects x of shape "
                             f"(N, {gamma.shape[0]}) or (N, {gamma.shape[0]}, H, W), got {x.shape}")
        self.input_shape = x.shape
        x2 = self._to_2d(x)
        if self.train_flg:
            mu = x2.mean(axis=0)
            xc = x2 - mu
            var = np.mean(xc ** 2, axis=0)
            m = self.momentum
            self.running_mean = m * self.running_mean + (1 - m) * mu
            self.running_var = m * self.running_var + (1 - m) * var
        else:
            xc = x2 - self.running_mean
            var = self.running_var
        self.std = np.sqrt(var + self.eps)
        self.xn = xc / self.std
        return self._from_2d(gamma * self.xn + beta)

    def backward(self, dout):
        gamma, _ = self.params
        d2 = self._to_2d(dout)
        self.grads[0][...] = np.sum(self.xn * d2, axis=0)
        self.grads[1][...] = d2.sum(axis=0)
        dxn = gamma * d2
        if not self.train_flg:  # statistics are constants at inference
            return self._from_2d(dxn / self.std)
        n = d2.shape[0]
        dx = (dxn - dxn.mean(axis=0) - self.xn * np.mean(dxn * self.xn, axis=0)) / self.std
        assert dx.shape == (n, gamma.shape[0])
        return self._from_2d(dx)


class SoftmaxWithLoss:
    """Softmax followed by mean cross-entropy loss.

    ``forward(x, t)``: scores ``x`` (N, C), labels ``t`` as indices (N,) or one-hot
    (N, C) → scalar loss. ``backward(dout=1)`` → ``dx = dout * (y - t) / N``, (N, C).
    """

    def __init__(self):
        self.params, self.grads = [], []
        self.y = None
        self.t = None

    def forward(self, x, t):
        loss, self.y = softmax_cross_entropy(x, t)
        t = np.asarray(t)
        self.t = t.argmax(axis=1) if t.ndim == 2 else t
        return loss

    def backward(self, dout=1):
        n = self.y.shape[0]
        dx = self.y.copy()
        dx[np.arange(n), self.t] -= 1
        return dx * (dout / n)


def scatter_add_rows(target, idx, values) -> None:
    """``target[idx[k]] += values[k]`` for every k, like ``np.add.at`` but faster.

    ``target``: (V, D); ``idx``: int array of any shape with values in [0, V);
    ``values``: ``idx.shape + (D,)``. Rows of repeated ids are summed with one sort and
    ``np.add.reduceat`` instead of ``np.add.at``'s element-by-element loop.
    """
    idx = np.asarray(idx).reshape(-1)
    if idx.size == 0:
        return
    values = np.asarray(values).reshape(idx.size, -1)
    order = np.argsort(idx, kind="stable")
    sorted_idx = idx[order]
    starts = np.flatnonzero(np.r_[True, sorted_idx[1:] != sorted_idx[:-1]])
    target[sorted_idx[starts]] += np.add.reduceat(values[order], starts, axis=0)


class Embedding:
    """Look up rows of ``W`` (V, D) by integer ids.

    ``forward(idx)``: ids of any shape, e.g. (N,) or (N, T) → ``idx.shape + (D,)``.
    ``backward(dout)`` accumulates ``dout`` into the rows of ``dW`` that were looked up
    (repeated ids add up) and returns ``None`` (ids have no gradient).
    """

    def __init__(self, W):
        self.params = [W]
        self.grads = [np.zeros_like(W)]
        self.idx = None

    def forward(self, idx):
        self.idx = np.asarray(idx)
        return self.params[0][self.idx]

    def backward(self, dout):
        dW = self.grads[0]
        dW[...] = 0
        scatter_add_rows(dW, self.idx, dout)
        return None


class MatMul:
    """``out = x @ W`` without bias. ``W``: (D, H); ``x``: (N, D) → (N, H)."""

    def __init__(self, W):
        self.params = [W]
        self.grads = [np.zeros_like(W)]
        self.x = None

    def forward(self, x):
        self.x = x
        return x @ self.params[0]

    def backward(self, dout):
        self.grads[0][...] = self.x.T @ dout
        return dout @ self.params[0].T


# Convolution and pooling live in their own module (im2col/col2im); importable from here too.
from .conv import Convolution, Pooling, col2im, im2col  # noqa: E402,F401
