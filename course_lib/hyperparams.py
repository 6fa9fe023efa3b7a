"""Hyper-parameter search of book 1, 6.5: log-uniform sampling, a validation split
carved out of the training data, and a random search.

The test set never takes part: hyper-parameters are chosen on validation data taken
from the training data (:func:`split_validation`), so the test accuracy stays an
honest estimate of how the chosen model does on new data.
"""
from __future__ import annotations

import math

import numpy as np

from .progress import progress as _progress

__all__ = ["log_uniform", "split_validation", "random_search"]


def log_uniform(low: float, high: float, size=None, rng: np.random.Generator | None = None):
    """Samples spread evenly over the *exponent*: ``10 ** U(log10 low, log10 high)``.

    Each decade (``1e-6``–``1e-5``, ``1e-5``–``1e-4``, ...) gets the same share of the
    samples, which a plain ``U(low, high)`` would not give (90 % of it would land in the
    top decade). ``low``, ``high``: ``0 < low < high``. ``size``: ``None`` → a float;
    an int or a tuple → an array of that shape. Draws one ``rng.uniform`` call.
    """
    if not 0 < low < high:
        raise ValueError(f"log_uniform needs 0 < low < high, got low={low!r}, high={high!r}")
    rng = rng if rng is not None else np.random.default_rng()
    exponent = rng.uniform(math.log10(low), math.log10(high), size)
    return float(10.0 ** exponent) if size is None else 10.0 ** exponent


def split_validation(x, t, validation_rate: float = 0.2, rng: np.random.Generator | None = None):
    """Shuffle ``(x, t)`` together and carve off ``validation_rate`` of the rows.

    The book's ``shuffle_dataset`` followed by its slicing: ``x`` (N, ...), ``t`` (N,)
    or (N, C) → ``(x_train, t_train), (x_val, t_val)`` with
    ``int(N * validation_rate)`` validation rows. Copies; the inputs are unchanged.
    """
    if len(x) != len(t):
        raise ValueError(f"x has {len(x)} rows but t has {len(t)}; they must match")
    if not 0 < validation_rate < 1:
        raise ValueError(f"validation_rate must be in (0, 1), got {validation_rate!r}")
    n_val = int(len(x) * validation_rate)
    if n_val < 1 or n_val >= len(x):
        raise ValueError(f"validation_rate={validation_rate} of {len(x)} rows leaves an empty part")
    rng = rng if rng is not None else np.random.default_rng()
    order = rng.permutation(len(x))
    val, train = order[:n_val], order[n_val:]
    return (x[train], t[train]), (x[val], t[val])


def random_search(objective, space: dict, n_trials: int, *, score_key: str = "val_acc",
                  rng: np.random.Generator | None = None, progress: bool = True,
                  desc: str = "무작위 탐색") -> list[dict]:
    """Random search over a log-uniform box; returns the trials, best first.

    ``space``: ``{name: (low, high)}``; every trial draws each hyper-parameter with
    :func:`log_uniform` (in the order of ``space``). ``objective(**params)`` trains a
    model and returns its history, a dict of lists (e.g. ``Trainer.fit``'s, with
    ``'val_acc'`` and ``'train_acc'``). A trial's score is the last entry of
    ``history[score_key]``.

    Returns a list of ``{'params': dict, 'score': float, 'history': dict}`` sorted by
    score, highest first (a NaN score sorts last).
    """
    if n_trials < 1:
        raise ValueError(f"n_trials must be at least 1, got {n_trials}")
    rng = rng if rng is not None else np.random.default_rng()
    trials = []
    bar = _progress(total=n_trials, desc=desc, unit="trial", disable=not progress)
    best = -math.inf
    try:
        for _ in range(n_trials):
            params = {name: log_uniform(low, high, rng=rng) for name, (low, high) in space.items()}
            history = objective(**params)
            if score_key not in history or not len(history[score_key]):
                raise KeyError(f"the objective's history has no {score_key!r} values; "
                               f"it returned the keys {sorted(history)}")
            score = float(history[score_key][-1])
            trials.append({"params": params, "score": score, "history": history})
            best = max(best, score) if not math.isnan(score) else best
            bar.update(1)
            bar.set_postfix({f"best {score_key}": f"{best:.4f}"})
    finally:
        bar.close()
    trials.sort(key=lambda trial: -trial["score"] if not math.isnan(trial["score"]) else math.inf)
    if progress:
        print(f"{desc} 완료: {n_trials}회, 최고 {score_key} {trials[0]['score']:.4f}")
    return trials
