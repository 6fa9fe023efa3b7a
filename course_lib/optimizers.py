"""Optimizers: ``update(params, grads)`` on lists of arrays, updated in place.

``params[i]`` and ``grads[i]`` have equal shapes. State (velocities, squared-gradient
sums) is created on the first call, one array per parameter, in the parameter's dtype.
"""
from __future__ import annotations

import numpy as np


class Optimizer:
    """Base class: subclasses implement :meth:`update`."""

    def __init__(self, lr: float):
        if not lr > 0:
            raise ValueError(f"learning rate must be positive, got lr={lr!r}")
        self.lr = lr

    def update(self, params, grads) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    @staticmethod
    def _check(params, grads):
        if len(params) != len(grads):
            raise ValueError(f"{len(params)} params but {len(grads)} grads; they must pair up")


class SGD(Optimizer):
    """Stochastic gradient descent: ``W -= lr * dW``."""

    def __init__(self, lr: float = 0.01):
        super().__init__(lr)

    def update(self, params, grads):
        self._check(params, grads)
        for p, g in zip(params, grads):
            p -= self.lr * g


class Momentum(Optimizer):
    """Momentum SGD: ``v = momentum * v - lr * dW; W += v``."""

    def __init__(self, lr: float = 0.01, momentum: float = 0.9):
        super().__init__(lr)
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        self._check(params, grads)
        if self.v is None:
            self.v = [np.zeros_like(p) for p in params]
        for p, g, v in zip(params, grads, self.v):
            v *= self.momentum
            v -= self.lr * g
            p += v


class Nesterov(Optimizer):
    """Nesterov's accelerated gradient in the book's reformulation (arXiv:1212.0901, eq. 7).

    The parameters hold the look-ahead point ``x + μv`` of Sutskever et al.; with the
    gradient ``g`` taken there, one step is ``x += μ²·v_old − (1+μ)·lr·g`` and then
    ``v = μ·v_old − lr·g`` — μ² multiplies the *previous* velocity (as in book 1's
    ``common/optimizer.py`` and ``torch.optim.SGD(nesterov=True)``).
    """

    def __init__(self, lr: float = 0.01, momentum: float = 0.9):
        super().__init__(lr)
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        self._check(params, grads)
        if self.v is None:
            self.v = [np.zeros_like(p) for p in params]
        m = self.momentum
        for p, g, v in zip(params, grads, self.v):
            p += m * m * v
            p -= (1 + m) * self.lr * g
            v *= m
            v -= self.lr * g


class AdaGrad(Optimizer):
    """AdaGrad: per-parameter rate ``lr / sqrt(sum of squared gradients)``."""

    def __init__(self, lr: float = 0.01, eps: float = 1e-7):
        super().__init__(lr)
        self.eps = eps
        self.h = None

    def update(self, params, grads):
        self._check(params, grads)
        if self.h is None:
            self.h = [np.zeros_like(p) for p in params]
        for p, g, h in zip(params, grads, self.h):
            h += g * g
            p -= self.lr * g / (np.sqrt(h) + self.eps)


class RMSprop(Optimizer):
    """RMSprop: AdaGrad with an exponential moving average of squared gradients."""

    def __init__(self, lr: float = 0.01, decay_rate: float = 0.99, eps: float = 1e-7):
        super().__init__(lr)
        self.decay_rate = decay_rate
        self.eps = eps
        self.h = None

    def update(self, params, grads):
        self._check(params, grads)
        if self.h is None:
            self.h = [np.zeros_like(p) for p in params]
        for p, g, h in zip(params, grads, self.h):
            h *= self.decay_rate
            h += (1 - self.decay_rate) * g * g
            p -= self.lr * g / (np.sqrt(h) + self.eps)


class Adam(Optimizer):
    """Adam (Kingma & Ba, 2015) with the book's bias-corrected step size.

    Computed in place with two scratch arrays per parameter: the plain expressions
    allocate five fresh temporaries per parameter and step, and at embedding sizes
    (10,000 × 100) allocating and zeroing those pages was over 90 % of a CBOW step
    (``benchmarks/embedding_backward.py``). The step is computed in the parameters'
    dtype (``lr_t`` is a Python float, so float32 stays float32).
    """

    def __init__(self, lr: float = 0.001, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-7):
        super().__init__(lr)
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.iter = 0
        self.m = self.v = None
        self._scratch = None

    def update(self, params, grads):
        self._check(params, grads)
        if self.m is None:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
            self._scratch = [(np.empty_like(p), np.empty_like(p)) for p in params]
        self.iter += 1
        lr_t = float(self.lr * np.sqrt(1.0 - self.beta2 ** self.iter) / (1.0 - self.beta1 ** self.iter))
        for p, g, m, v, (a, b) in zip(params, grads, self.m, self.v, self._scratch):
            np.subtract(g, m, out=a)          # m += (1 - beta1) * (g - m)
            a *= 1 - self.beta1
            m += a
            np.multiply(g, g, out=a)          # v += (1 - beta2) * (g * g - v)
            a -= v
            a *= 1 - self.beta2
            v += a
            np.multiply(m, lr_t, out=a)       # p -= lr_t * m / (sqrt(v) + eps)
            np.sqrt(v, out=b)
            b += self.eps
            a /= b
            p -= a


OPTIMIZERS = {cls.__name__.lower(): cls for cls in (SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam)}
