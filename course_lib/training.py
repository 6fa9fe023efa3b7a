"""Training loops with progress bars, gradient clipping and a plottable history."""
from __future__ import annotations

import numpy as np
from .progress import progress as _progress


def clip_grads(grads, max_norm: float) -> float:
    """Scale all ``grads`` in place so that their joint L2 norm is at most ``max_norm``.

    Returns the norm before clipping (useful for plotting exploding gradients).
    """
    # vdot of the flat views: no g*g temporaries (≈3× faster at the 650-unit LM's size)
    total = float(np.sqrt(sum(float(np.vdot(g.ravel(), g.ravel())) for g in grads)))
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
            desc: str = "학습", on_epoch_end=None, augment=None) -> dict:
        """Train for ``max_epoch`` epochs; ``x`` (N, ...), ``t`` (N,) or (N, C).

        ``augment(x_batch, rng)``, if given, returns a transformed copy of each
        training batch (data augmentation, e.g. random shifts of images); evaluation
        uses the untouched data.

        ``on_epoch_end(model)``, if given, is called after every epoch and returns a
        dict of extra metrics (e.g. ``{'val_acc': 0.93}``) appended to the history —
        how seq2seq models record their generation accuracy.
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
        can_eval = hasattr(model, "accuracy") and on_epoch_end is None

        bar = _progress(total=max_epoch * iters_per_epoch, desc=desc, unit="batch", disable=not progress)
        try:
            for _ in range(max_epoch):
                idx = rng.permutation(n)
                total = 0.0
                for i in range(iters_per_epoch):
                    batch = idx[i * batch_size:(i + 1) * batch_size]
                    xb = x[batch] if augment is None else augment(x[batch], rng)
                    loss = model.forward(xb, t[batch])
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
                if on_epoch_end is not None:
                    for key, value in on_epoch_end(model).items():
                        self.history.setdefault(key, []).append(value)
                        postfix[key] = f"{value:.4f}"
                bar.set_postfix(postfix)
        finally:
            bar.close()
        if progress and max_epoch:
            # a plain line too: a saved notebook shows a widget bar's text as it started
            print(f"{desc} 완료: {max_epoch} 에폭, " + ", ".join(f"{k} {v}" for k, v in postfix.items()))
        return self.history

    def plot(self, keys=None, ax=None, title=None):
        """Plot the per-epoch history (loss and accuracies) with Korean labels."""
        from .plotting import plot_history

        hist = {k: v for k, v in self.history.items() if k != "iter_loss"}
        return plot_history(hist, ax=ax, keys=keys, title=title)


def perplexity(model, corpus, batch_size: int = 10, time_size: int = 35, progress: bool = False) -> float:
    """Perplexity ``exp(mean cross-entropy)`` of a language model on ``corpus`` (ids, (L,)).

    The book's ``eval_perplexity``: ``batch_size`` parallel streams start at offsets
    ``i * jump`` with ``jump = (L - 1) // batch_size``; each of the
    ``(L - 1) // (batch_size * time_size)`` steps reads the next ``time_size`` words
    of every stream (inputs (B, T), targets shifted by one), carrying the model's
    state; dropout off.
    """
    corpus = np.asarray(corpus)
    n = len(corpus)
    jump = (n - 1) // batch_size
    max_iters = (n - 1) // (batch_size * time_size)
    if max_iters < 1:
        raise ValueError(f"corpus of {n} ids is too short for batch_size={batch_size}, "
                         f"time_size={time_size}")
    model.reset_state()
    if hasattr(model, "set_train"):
        model.set_train(False)
    offsets = np.arange(batch_size)[:, None] * jump
    total = 0.0
    bar = _progress(total=max_iters, desc="perplexity", disable=not progress, leave=False)
    for it in range(max_iters):
        pos = offsets + it * time_size + np.arange(time_size)  # (B, T), all < n - 1
        scores = model.predict(corpus[pos])
        total += float(model.loss_layer.forward(scores, corpus[pos + 1]))
        bar.update(1)
    bar.close()
    model.reset_state()
    return float(np.exp(total / max_iters))


class RnnlmTrainer:
    """Truncated-BPTT training of a language model on one long id sequence.

    The corpus ``xs`` (L,) with targets ``ts`` (L,) is read as ``batch_size`` streams
    starting at offsets ``0, L/B, 2L/B, ...``; each iteration takes the next
    ``time_size`` ids of every stream, so batches are (B, T) and the model's stateful
    layers carry the hidden state from one block to the next. Gradients are clipped
    to ``max_grad``. ``history['ppl']`` holds the training perplexity every
    ``eval_interval`` iterations (and ``history['val_ppl']`` per epoch when
    ``val_corpus`` is given).

    As in the book, the hidden state and the read position carry on from one epoch
    to the next (and from one ``fit`` call to the next), so training reads the
    corpus as one continuous stream.
    """

    def __init__(self, model, optimizer):
        self.model = model
        self.optimizer = optimizer
        self.history: dict[str, list[float]] = {"ppl": [], "iter": []}
        self.time_idx = 0
        self.current_iter = 0

    def get_batch(self, xs, ts, batch_size: int, time_size: int):
        """The next (B, T) blocks of inputs and targets from the offset streams."""
        jump = len(xs) // batch_size
        pos = (np.arange(batch_size)[:, None] * jump + self.time_idx + np.arange(time_size)) % len(xs)
        self.time_idx += time_size
        return xs[pos], ts[pos]

    def fit(self, xs, ts, max_epoch: int = 10, batch_size: int = 20, time_size: int = 35,
            max_grad: float | None = None, eval_interval: int = 20, val_corpus=None,
            progress: bool = True, desc: str = "RNNLM 학습") -> dict:
        """Train for ``max_epoch`` passes over the corpus; returns ``self.history``."""
        xs, ts = np.asarray(xs), np.asarray(ts)
        if len(xs) != len(ts):
            raise ValueError(f"xs has {len(xs)} ids but ts has {len(ts)}; pass corpus[:-1], corpus[1:]")
        max_iters = len(xs) // (batch_size * time_size)
        if max_iters < 1:
            raise ValueError(f"corpus of {len(xs)} ids is shorter than one batch "
                             f"({batch_size} x {time_size}); use a smaller batch or time size")
        model, optimizer = self.model, self.optimizer
        total, count = 0.0, 0
        bar = _progress(total=max_epoch * max_iters, desc=desc, unit="batch", disable=not progress)
        try:
            for _ in range(max_epoch):
                for _ in range(max_iters):
                    bx, bt = self.get_batch(xs, ts, batch_size, time_size)
                    loss = float(model.forward(bx, bt))
                    model.backward()
                    if max_grad is not None:
                        clip_grads(model.grads, max_grad)
                    optimizer.update(model.params, model.grads)
                    total += loss
                    count += 1
                    self.current_iter += 1
                    bar.update(1)
                    if count == eval_interval:
                        ppl = float(np.exp(total / count))
                        self.history["ppl"].append(ppl)
                        self.history["iter"].append(self.current_iter)
                        bar.set_postfix(ppl=f"{ppl:.1f}")
                        total, count = 0.0, 0
                if val_corpus is not None:
                    state = model.get_state()   # evaluation must not disturb training's stream
                    val = perplexity(model, val_corpus)   # the book's evaluation: 10 streams x 35
                    model.restore_state(state)
                    self.history.setdefault("val_ppl", []).append(val)
                    bar.set_postfix(val_ppl=f"{val:.1f}")
        finally:
            bar.close()
        if progress and self.history["ppl"]:
            last = f", val_ppl {self.history['val_ppl'][-1]:.1f}" if self.history.get("val_ppl") else ""
            print(f"{desc} 완료: {max_epoch} 에폭 ({max_epoch * max_iters} 반복), "
                  f"ppl {self.history['ppl'][-1]:.1f}{last}")
        return self.history

    def plot(self, ax=None, title=None):
        """Training perplexity against iterations."""
        from .plotting import plot_history

        return plot_history({"ppl": self.history["ppl"]}, ax=ax, title=title)


def seq2seq_accuracy(model, x, t, start_id: int, batch_size: int = 1000) -> float:
    """Exact-match accuracy of greedy answers: ``x`` (N, T_in), ``t`` (N, T_out) with
    ``t[:, 0] == start_id``. An answer counts only if every character is right."""
    correct = 0
    length = t.shape[1] - 1
    for i in range(0, len(x), batch_size):
        guess = model.generate(x[i:i + batch_size], start_id, length)
        correct += int(np.all(guess == t[i:i + batch_size, 1:], axis=1).sum())
    return correct / len(x)
