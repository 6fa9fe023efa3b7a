"""Fully connected networks of book 1: the two-layer net of chapters 4 and 5, and the
multi-layer net of chapter 6 (weight init, weight decay, batch norm, dropout)."""
from __future__ import annotations

import numpy as np

from ..gradcheck import numerical_gradient
from ..layers import Affine, Relu, Sigmoid, SoftmaxWithLoss
from .base import Model, TrainSwitch

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


def weight_scale(init, fan_in: int) -> float:
    """Standard deviation of the initial weights of a layer with ``fan_in`` inputs.

    ``init``: ``'relu'``/``'he'`` → ``sqrt(2 / fan_in)`` (He et al. 2015, for ReLU);
    ``'sigmoid'``/``'xavier'`` → ``sqrt(1 / fan_in)`` (Glorot & Bengio 2010, as the
    book writes it); a number → that constant.
    """
    if isinstance(init, str):
        key = init.lower()
        if key in ("relu", "he"):
            return float(np.sqrt(2.0 / fan_in))
        if key in ("sigmoid", "xavier"):
            return float(np.sqrt(1.0 / fan_in))
        raise ValueError(f"weight_init_std must be 'relu'/'he', 'sigmoid'/'xavier' or a number, got {init!r}")
    return float(init)


class MultiLayerNet(TrainSwitch, Model):
    """Book 1's ``MultiLayerNet``/``MultiLayerNetExtend`` (ch. 6): a fully connected net.

    Each hidden layer is ``Affine → [BatchNormalization] → activation → [Dropout]``;
    the last is ``Affine`` into ``SoftmaxWithLoss``. ``x``: (N, input_size) (images
    (N, C, H, W) are flattened), ``t``: (N,) or one-hot (N, output_size).

    - ``hidden_size_list``: e.g. ``[100, 100, 100, 100]`` (the book's 5-layer net).
    - ``activation``: ``'relu'`` or ``'sigmoid'``.
    - ``weight_init_std``: ``'relu'``/``'he'``, ``'sigmoid'``/``'xavier'`` or a number
      (see :func:`weight_scale`).
    - ``weight_decay_lambda``: L2 weight decay; ``0.5·λ·ΣW²`` over the Affine weights
      (not biases, not γ/β) is added to the loss and ``λ·W`` to their gradients.
    - ``use_batchnorm``: γ (ones) and β (zeros) per hidden layer, added to ``params``
      after each layer's ``W, b``.
    - ``use_dropout``, ``dropout_ratio``: inverted dropout (see ``layers.Dropout``).

    ``params = [W1 (I, H1), b1 (H1,), (γ1, β1,) W2, b2, …]``. Float32 by default
    (``dtype=np.float64`` for gradient checks). ``predict``/``accuracy`` run in
    inference mode, ``forward`` in training mode (see :class:`TrainSwitch`).
    """

    def __init__(self, input_size: int, hidden_size_list, output_size: int, *,
                 activation: str = "relu", weight_init_std="relu", weight_decay_lambda: float = 0.0,
                 use_batchnorm: bool = False, use_dropout: bool = False, dropout_ratio: float = 0.5,
                 dtype=np.float32, rng: np.random.Generator | None = None):
        if activation not in _ACTIVATIONS:
            raise ValueError(f"activation must be one of {sorted(_ACTIVATIONS)}, got {activation!r}")
        from ..layers import BatchNormalization, Dropout

        rng = rng if rng is not None else np.random.default_rng()
        self.weight_decay_lambda = float(weight_decay_lambda)
        sizes = [input_size, *hidden_size_list, output_size]
        self.layers, self.weights = [], []
        for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
            W = (weight_scale(weight_init_std, n_in) * rng.standard_normal((n_in, n_out))).astype(dtype)
            self.weights.append(W)
            self.layers.append(Affine(W, np.zeros(n_out, dtype)))
            if i == len(sizes) - 2:
                break
            if use_batchnorm:
                self.layers.append(BatchNormalization(np.ones(n_out, dtype), np.zeros(n_out, dtype)))
            self.layers.append(_ACTIVATIONS[activation]())
            if use_dropout:
                self.layers.append(Dropout(dropout_ratio, rng=rng))
        self.loss_layer = SoftmaxWithLoss()
        self._collect_params()

    def forward(self, x, t, train_flg: bool = True):
        """Mean cross-entropy plus ``0.5·λ·ΣW²`` (when ``weight_decay_lambda`` > 0)."""
        loss = super().forward(x, t, train_flg)
        if self.weight_decay_lambda:
            loss += 0.5 * self.weight_decay_lambda * sum(float(np.vdot(W, W)) for W in self.weights)
        return loss

    def backward(self, dout=1):
        """Back-propagate; adds ``λ·W`` to each Affine weight's gradient."""
        dx = super().backward(dout)
        if self.weight_decay_lambda:
            for layer in self.layers:
                if isinstance(layer, Affine):
                    layer.grads[0] += self.weight_decay_lambda * layer.params[0]
        return dx


    def _running_stats(self):
        return [a for layer in self.layers if hasattr(layer, "running_mean")
                for a in (layer.running_mean, layer.running_var)]

    def save_params(self, path, dtype=None):
        """Save ``params`` and, after them, each batch norm's running mean and variance
        (needed at inference) to an ``.npz`` file."""
        params = self.params
        self.params = params + self._running_stats()
        try:
            return super().save_params(path, dtype)
        finally:
            self.params = params

    def load_params(self, path) -> None:
        """Load what :meth:`save_params` wrote (parameters and running statistics)."""
        params = self.params
        self.params = params + self._running_stats()
        try:
            super().load_params(path)
        finally:
            self.params = params


MultiLayerNetExtend = MultiLayerNet  # the book's name for the version with batch norm and dropout
