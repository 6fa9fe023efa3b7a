"""A deep fully connected network with or without skip connections (book 1, 8.2.4).

ResNet's idea on the smallest scale: a residual block computes
``out = relu(x + f(x))`` with ``f(x) = relu(x W1 + b1) W2 + b2``, so that its input
reaches its output through the identity ("skip") path as well as through ``f``. The
same block with ``skip=False`` computes ``relu(f(x))``: the plain network with the
very same parameters. :class:`ResidualMLP` stacks such blocks between an input layer
and an output layer; ``skip`` switches the shortcuts on or off and changes nothing
else (same layers, same parameter count, same initial weights for the same ``rng``
seed), so the two can be compared fairly.
"""
from __future__ import annotations

import numpy as np

from ..layers import Affine, Relu, SoftmaxWithLoss
from .base import Model
from .mlp import weight_scale

__all__ = ["ResidualBlock", "ResidualMLP"]


class ResidualBlock:
    """``out = relu(x + f(x))`` (``skip=True``) or ``relu(f(x))`` (``skip=False``),
    ``f(x) = relu(x W1 + b1) W2 + b2``.

    ``W1``, ``W2``: (D, D), ``b1``, ``b2``: (D,). ``x``: (N, D) → (N, D).
    ``params = [W1, b1, W2, b2]``. In ``backward`` the gradient of the sum reaches ``x``
    twice: straight through the skip path and back through ``f``; the two add up.
    """

    def __init__(self, W1, b1, W2, b2, skip: bool = True):
        self.inner = [Affine(W1, b1), Relu(), Affine(W2, b2)]
        self.relu = Relu()
        self.skip = bool(skip)
        self.params = [p for layer in self.inner for p in layer.params]
        self.grads = [g for layer in self.inner for g in layer.grads]

    def forward(self, x):
        h = x
        for layer in self.inner:
            h = layer.forward(h)
        return self.relu.forward(x + h if self.skip else h)

    def backward(self, dout):
        dsum = self.relu.backward(dout)
        d = dsum
        for layer in reversed(self.inner):
            d = layer.backward(d)
        return d + dsum if self.skip else d


class ResidualMLP(Model):
    """Affine(I→D) → ReLU → ``depth`` × :class:`ResidualBlock` (D) → Affine(D→O) → SoftmaxWithLoss.

    ``x``: (N, input_size) (images (N, C, H, W) are flattened), ``t``: (N,) or one-hot.
    Every weight is He-initialised (``sqrt(2 / fan_in)``), except the second weight
    ``W2`` of each block, which is multiplied by ``branch_scale`` (default 1: plain He)
    — ``skip`` never changes the initial weights. The network has ``2·depth + 2``
    Affine layers and ``params = [W_in, b_in, (W1, b1, W2, b2) × depth, W_out, b_out]``.
    ``first_weight_grad_norm()`` gives the L2 norm of the first layer's weight gradient
    after a backward pass: how much of the error signal reaches the bottom.
    """

    def __init__(self, input_size: int, width: int, depth: int, output_size: int, *,
                 skip: bool = True, branch_scale: float = 1.0, dtype=np.float32,
                 rng: np.random.Generator | None = None):
        if depth < 0 or width < 1:
            raise ValueError(f"need depth >= 0 and width >= 1, got depth={depth}, width={width}")
        rng = rng if rng is not None else np.random.default_rng()
        self.skip, self.depth, self.width = bool(skip), int(depth), int(width)

        def init(n_in, n_out, scale=1.0):
            W = scale * weight_scale("he", n_in) * rng.standard_normal((n_in, n_out))
            return W.astype(dtype), np.zeros(n_out, dtype)

        self.layers = [Affine(*init(input_size, width)), Relu()]
        for _ in range(depth):
            W1, b1 = init(width, width)
            W2, b2 = init(width, width, branch_scale)
            self.layers.append(ResidualBlock(W1, b1, W2, b2, skip=skip))
        self.layers.append(Affine(*init(width, output_size)))
        self.loss_layer = SoftmaxWithLoss()
        self._collect_params()

    def first_weight_grad_norm(self) -> float:
        """L2 norm of the gradient of the first Affine weight (after ``backward``)."""
        return float(np.linalg.norm(self.grads[0]))
