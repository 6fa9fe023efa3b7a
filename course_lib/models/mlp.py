"""Fully connected networks of book 1: the two-layer net of chapters 4 and 5."""
from __future__ import annotations

import numpy as np

from ..gradcheck import numerical_gradient
from ..layers import Affine, Relu, Sigmoid, SoftmaxWithLoss
from .base import Model

_ACTIVATIONS = {"relu": Relu, "sigmoid": Sigmoid}


class TwoLayerNet(Model):
    """Affine → activation → Affine → SoftmaxWithLoss.

    ``x``: (N, input_size), labels ``t``: (N,) or one-hot (N, output_size).
    Parameters ``params = [W1 (I, H), b1 (H,), W2 (H, O), b2 (O,)]``.
    ``activation`` is ``'sigmoid'`` (chapter 4) or ``'relu'`` (chapter 5).
    Both gradient methods return lists in the order of ``params``.
    """

    def __init__(self, input_size: int, hidden_size: int, output_size: int,
                 weight_init_std: float = 0.01, activation: str = "relu",
                 dtype=np.float64, rng: np.random.Generator | None = None):
        if activation not in _ACTIVATIONS:
            raise ValueError(f"activation must be one of {sorted(_ACTIVATIONS)}, got {activation!r}")
        rng = rng if rng is not None else np.random.default_rng()
        W1 = (weight_init_std * rng.standard_normal((input_size, hidden_size))).astype(dtype)
        W2 = (weight_init_std * rng.standard_normal((hidden_size, output_size))).astype(dtype)
        self.layers = [
            Affine(W1, np.zeros(hidden_size, dtype)),
            _ACTIVATIONS[activation](),
            Affine(W2, np.zeros(output_size, dtype)),
        ]
        self.loss_layer = SoftmaxWithLoss()
        self._collect_params()

    def loss(self, x, t) -> float:
        """Mean cross-entropy of the batch (same as :meth:`forward`)."""
        return self.forward(x, t)

    def numerical_gradient(self, x, t, h: float = 1e-4):
        """Gradients by central differences (slow: two forward passes per weight)."""
        return [numerical_gradient(lambda _: self.loss(x, t), p, h) for p in self.params]

    def gradient(self, x, t):
        """Gradients by back-propagation: one forward and one backward pass."""
        self.forward(x, t)
        self.backward()
        return [g.copy() for g in self.grads]
