"""Activation and loss functions, numerically stable.

All functions accept NumPy arrays of any shape unless a shape is stated, and keep the
input's floating dtype (float32 in, float32 out).
"""
from __future__ import annotations

import numpy as np


def identity_function(x):
    """Return ``x`` unchanged (the output activation for regression)."""
    return x


def step_function(x):
    """Step function: 1 where ``x > 0`` else 0. ``x``: any shape → int array, same shape."""
    return (np.asarray(x) > 0).astype(int)


def sigmoid(x):
    """Logistic sigmoid ``1 / (1 + exp(-x))``, stable for large ``|x|``. Same shape as ``x``."""
    x = np.asarray(x)
    if not np.issubdtype(x.dtype, np.floating):
        x = x.astype(float)
    # exp of a non-positive number never overflows: split by sign.
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e)).astype(x.dtype, copy=False)


def sigmoid_grad(x):
    """Derivative of the sigmoid at ``x``: ``s(x) (1 - s(x))``. Same shape as ``x``."""
    s = sigmoid(x)
    return s * (1.0 - s)


def relu(x):
    """Rectified linear unit ``max(0, x)``. Same shape as ``x``."""
    return np.maximum(0, x)


def relu_grad(x):
    """Derivative of ReLU: 1 where ``x > 0`` else 0 (0 at exactly 0). Same shape as ``x``."""
    x = np.asarray(x)
    return (x > 0).astype(x.dtype if np.issubdtype(x.dtype, np.floating) else float)


def tanh(x):
    """Hyperbolic tangent (``np.tanh``), listed here so all activations live together."""
    return np.tanh(x)


def softmax(x):
    """Softmax over the last axis, shifted by the max so ``exp`` never overflows.

    ``x``: ``(C,)`` or ``(N, C)`` (any leading shape) → probabilities of the same shape,
    each row summing to 1.
    """
    x = np.asarray(x)
    if not np.issubdtype(x.dtype, np.floating):
        x = x.astype(float)
    z = x - x.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def mean_squared_error(y, t):
    """Sum-of-squares error ``0.5 * sum((y - t)**2)`` as in the book (not divided by N)."""
    y, t = np.asarray(y), np.asarray(t)
    return 0.5 * np.sum((y - t) ** 2)


def cross_entropy_error(y, t, eps: float = 1e-7):
    """Mean cross-entropy over a batch.

    ``y``: probabilities ``(C,)`` or ``(N, C)``. ``t``: one-hot of the same shape as ``y``,
    or class indices ``()``/``(N,)``. Returns a scalar: ``-sum(log(y[i, t_i] + eps)) / N``.
    """
    y = np.asarray(y)
    t = np.asarray(t)
    if y.ndim == 1:
        y = y.reshape(1, -1)
        t = t.reshape(1, -1) if t.size == y.size else t.reshape(1)
    if t.size == y.size:  # one-hot → indices
        t = t.argmax(axis=1)
    n = y.shape[0]
    if t.shape != (n,):
        raise ValueError(
            f"cross_entropy_error: labels of shape {t.shape} do not match predictions "
            f"of shape {y.shape}; pass one-hot labels (N, C) or class indices (N,)."
        )
    return -np.sum(np.log(y[np.arange(n), t] + eps)) / n


def softmax_cross_entropy_rows(x, t):
    """Per-row cross-entropy of ``softmax(x)`` and the probabilities, with one ``exp``.

    ``x``: scores (M, C) (not modified); ``t``: class indices (M,). Returns
    ``(losses (M,), y (M, C))``, computed from the log-sum-exp so no ``log(0)`` occurs.
    """
    m = x.shape[0]
    z = x - x.max(axis=1, keepdims=True)
    picked = z[np.arange(m), t]
    np.exp(z, out=z)
    total = z.sum(axis=1, keepdims=True)
    z /= total
    return np.log(total[:, 0]) - picked, z


def softmax_cross_entropy(x, t):
    """Cross-entropy of ``softmax(x)``, computed from log-softmax (no ``log(0)``).

    ``x``: scores ``(N, C)``; ``t``: indices ``(N,)`` or one-hot ``(N, C)``. Returns
    ``(loss, y)`` with the mean loss and the probabilities ``y = softmax(x)``.
    """
    x = np.asarray(x)
    if x.ndim == 1:
        x = x.reshape(1, -1)
    if not np.issubdtype(x.dtype, np.floating):
        x = x.astype(float)
    t = np.asarray(t)
    if t.size == x.size:
        t = t.reshape(x.shape).argmax(axis=1)
    losses, y = softmax_cross_entropy_rows(x, t.reshape(-1))
    return losses.sum() / x.shape[0], y
