"""Base class for layer-stack models: parameters, forward/backward, saving weights."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from ..fileio import atomic_write


class ParamsIO:
    """``save_params``/``load_params`` for any object with a ``params`` list."""

    def save_params(self, path, dtype=None) -> Path:
        """Save ``params`` to an ``.npz`` file (``dtype=np.float16`` halves the size).

        Written to a temporary file first and then renamed, so an interrupted save
        never leaves a truncated file under ``path``.
        """
        path = Path(path)
        if path.suffix != ".npz":
            path = path.with_suffix(".npz")
        path.parent.mkdir(parents=True, exist_ok=True)
        arrays = {f"p{i:03d}": (p.astype(dtype) if dtype is not None else p) for i, p in enumerate(self.params)}
        with atomic_write(path) as f:
            np.savez_compressed(f, **arrays)
        return path

    def load_params(self, path) -> None:
        """Load weights saved by :meth:`save_params` into ``params`` in place.

        Uses ``allow_pickle=False``: an ``.npz`` of plain arrays can't run code. The
        stored arrays must match the model's parameter count and shapes.
        """
        path = Path(path)
        with np.load(path, allow_pickle=False) as data:
            keys = sorted(k for k in data.files if k.startswith("p"))
            if len(keys) != len(self.params):
                raise ValueError(
                    f"{path} holds {len(keys)} arrays but this model has {len(self.params)} "
                    "parameters: was it saved from a model with other sizes?"
                )
            for i, (key, p) in enumerate(zip(keys, self.params)):
                arr = data[key]
                if arr.shape != p.shape:
                    raise ValueError(
                        f"{path}: parameter {i} has shape {arr.shape}, the model expects {p.shape}; "
                        "build the model with the sizes it was trained with."
                    )
                p[...] = arr.astype(p.dtype)


class Model(ParamsIO):
    """A model made of ``self.layers`` (applied in order) and ``self.loss_layer``.

    Subclasses build ``self.layers`` and ``self.loss_layer`` and then call
    :meth:`_collect_params`. ``params``/``grads`` are the layers' lists concatenated,
    so an optimizer updating ``model.params`` updates the layers' arrays.
    """

    layers: list
    loss_layer: object

    def _collect_params(self) -> None:
        self.params, self.grads = [], []
        for layer in self.layers:
            self.params += layer.params
            self.grads += layer.grads

    def predict(self, x):
        """Scores before the softmax: ``x`` (N, D) → (N, C)."""
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def forward(self, x, t):
        """Mean loss of a batch: ``x`` (N, D), ``t`` (N,) or one-hot (N, C) → scalar."""
        return self.loss_layer.forward(self.predict(x), t)

    def backward(self, dout=1):
        """Back-propagate from the loss; fills ``self.grads``; returns ``dx`` (N, D)."""
        dout = self.loss_layer.backward(dout)
        for layer in reversed(self.layers):
            dout = layer.backward(dout)
        return dout

    def accuracy(self, x, t, batch_size: int = 1000) -> float:
        """Fraction of rows whose arg-max score equals the label (indices or one-hot)."""
        t = np.asarray(t)
        if t.ndim != 1:
            t = t.argmax(axis=1)
        correct = 0
        for i in range(0, len(x), batch_size):
            correct += int((self.predict(x[i:i + batch_size]).argmax(axis=1) == t[i:i + batch_size]).sum())
        return correct / len(x)


class TrainSwitch:
    """Train/inference switch for models with Dropout or BatchNormalization layers.

    ``predict(x, train_flg=False)`` runs in inference mode (no dropout, running
    batch-norm statistics); ``forward(x, t, train_flg=True)`` in training mode, so a
    plain ``forward``/``backward`` training step (``Trainer``) trains, and
    ``accuracy`` (which calls ``predict``) evaluates.
    """

    def set_train(self, flag: bool) -> None:
        """Switch every layer that has a ``train_flg`` (Dropout, BatchNormalization)."""
        for layer in self.layers:
            if hasattr(layer, "train_flg"):
                layer.train_flg = flag

    def predict(self, x, train_flg: bool = False):
        """Scores before the softmax; inference mode by default."""
        self.set_train(train_flg)
        return super().predict(x)

    def forward(self, x, t, train_flg: bool = True):
        """Mean loss of a batch (training mode by default)."""
        return self.loss_layer.forward(self.predict(x, train_flg), t)
