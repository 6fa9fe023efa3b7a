"""Training loops with progress bars, gradient clipping and a plottable history."""
from __future__ import annotations

import numpy as np
from tqdm.auto import tqdm


def clip_grads(grads, max_norm: float) -> float:
    """Scale all ``grads`` in place so that their joint L2 norm is at most ``max_norm``.

    Returns the norm before clipping (useful for plotting exploding gradients).
    """
    total = float(np.sqrt(sum(float(np.sum(g * g)) for g in grads)))
    rate = max_norm / (total + 1e-6)
    if rate < 1:
        for g in grads:
            g *= rate
    return total


class Trainer:
    """Mini-batch training of a model with ``forward(x, t)``, ``backward()``,
    ``params`` and ``grads`` (the layer contract), using ``optimizer.update``.

    Each epoch shuffles the data once and walks through it in batches. After every
    epoch the mean loss is recorded, and, if the model has ``accuracy(x, t)``, the
    training accuracy (on at most ``eval_sample`` rows) and the accuracy on
    ``(x_val, t_val)`` when given. ``history`` is a dict of lists, one entry per
    epoch (``'iter_loss'``: one per iteration).
    """

    def __init__(self, model, optimizer):
        self.model = model
        self.optimizer = optimizer
        self.history: dict[str, list[float]] = {"loss": [], "iter_loss": []}

    def fit(self, x, t, max_epoch: int = 10, batch_size: int = 32, *, x_val=None, t_val=None,
            max_grad: float | None = None, eval_sample: int | None = 10000,
            rng: np.random.Generator | None = None, progress: bool = True,
            desc: str = "학습") -> dict:
        """Train for ``max_epoch`` epochs; ``x`` (N, ...), ``t`` (N,) or (N, C).

        Returns ``self.history`` (the same dict, extended on every call).
        """
        if len(x) != len(t):
            raise ValueError(f"x has {len(x)} rows but t has {len(t)}; they must match")
        if batch_size < 1 or max_epoch < 0:
            raise ValueError(f"need batch_size >= 1 and max_epoch >= 0, got {batch_size}, {max_epoch}")
        rng = rng if rng is not None else np.random.default_rng()
        n = len(x)
        iters_per_epoch = max(n // batch_size, 1)
        model, optimizer = self.model, self.optimizer
        can_eval = hasattr(model, "accuracy")

        bar = tqdm(total=max_epoch * iters_per_epoch, desc=desc, unit="batch", disable=not progress)
        try:
            for _ in range(max_epoch):
                idx = rng.permutation(n)
                total = 0.0
                for i in range(iters_per_epoch):
                    batch = idx[i * batch_size:(i + 1) * batch_size]
                    loss = model.forward(x[batch], t[batch])
                    model.backward()
                    if max_grad is not None:
                        clip_grads(model.grads, max_grad)
                    optimizer.update(model.params, model.grads)
                    loss = float(loss)
                    total += loss
                    self.history["iter_loss"].append(loss)
                    bar.update(1)
                self.history["loss"].append(total / iters_per_epoch)
                postfix = {"loss": f"{total / iters_per_epoch:.4f}"}
                if can_eval:
                    sample = slice(None) if eval_sample is None else slice(0, eval_sample)
                    acc = model.accuracy(x[sample], t[sample])
                    self.history.setdefault("train_acc", []).append(acc)
                    postfix["train_acc"] = f"{acc:.4f}"
                    if x_val is not None:
                        val = model.accuracy(x_val, t_val)
                        self.history.setdefault("val_acc", []).append(val)
                        postfix["val_acc"] = f"{val:.4f}"
                bar.set_postfix(postfix)
        finally:
            bar.close()
        return self.history

    def plot(self, keys=None, ax=None, title=None):
        """Plot the per-epoch history (loss and accuracies) with Korean labels."""
        from .plotting import plot_history

        hist = {k: v for k, v in self.history.items() if k != "iter_loss"}
        return plot_history(hist, ax=ax, keys=keys, title=title)
