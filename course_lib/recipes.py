"""Training recipes whose results the notebooks show: one function per model, used by
``python -m course_lib train NAME`` (which saves ``weights/NAME.npz`` plus a JSON file
of the measured results) and by the notebooks' optional "retrain" cells.

Weights are saved as float16 ``.npz`` (``allow_pickle=False`` on load) to keep the
repository small; ``load_pretrained(NAME)`` rebuilds the model and loads them.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np

from .config import seed
from .models import BetterRnnlm, Rnnlm
from .optimizers import SGD
from .training import RnnlmTrainer, perplexity

WEIGHTS_DIR = Path(__file__).resolve().parents[1] / "weights"

# name -> (model class, constructor kwargs, training kwargs); the book's settings
RECIPES = {
    "rnnlm_ptb": dict(
        cls=Rnnlm, model=dict(wordvec_size=100, hidden_size=100),
        train=dict(max_epoch=4, batch_size=20, time_size=35, lr=20.0, max_grad=0.25),
        doc="book 2, ch6/train_rnnlm.py: LSTM LM on PTB, 4 epochs (book: test ppl 136.08)"),
    "better_rnnlm_ptb": dict(
        cls=BetterRnnlm, model=dict(wordvec_size=200, hidden_size=200, dropout_ratio=0.3),
        train=dict(max_epoch=2, batch_size=20, time_size=35, lr=20.0, max_grad=0.25),
        doc="book 2, ch6/train_better_rnnlm.py scaled down to D=H=200, 2 epochs, to fit a laptop"),
}


def build(name: str, vocab_size: int = 10000, rng=None):
    """A fresh model of recipe ``name`` (float32)."""
    if name not in RECIPES:
        raise ValueError(f"unknown recipe {name!r}; known: {sorted(RECIPES)}")
    r = RECIPES[name]
    return r["cls"](vocab_size, **r["model"], rng=rng)


def train_lm(name: str, *, source: str = "ptb", max_epoch: int | None = None,
             progress: bool = True, rng_seed: int = 1234):
    """Train recipe ``name`` on PTB (or the built-in corpus); return ``(model, results)``.

    ``results``: dict with the training perplexity curve, validation perplexity per
    epoch, test perplexity, seconds per epoch and the settings used.
    """
    from .datasets import load_ptb

    rng = seed(rng_seed)
    corpus, word_to_id, _ = load_ptb("train", source=source)
    valid, _, _ = load_ptb("valid", source=source)
    test, _, _ = load_ptb("test", source=source)
    r = RECIPES[name]
    t = dict(r["train"])
    if max_epoch is not None:
        t["max_epoch"] = max_epoch
    model = build(name, len(word_to_id), rng=rng)
    trainer = RnnlmTrainer(model, SGD(lr=t["lr"]))
    start = time.perf_counter()
    # learning-rate decay of the book's better model: /4 when validation stops improving
    best = np.inf
    val_ppls = []
    for _ in range(t["max_epoch"]):
        trainer.fit(corpus[:-1], corpus[1:], max_epoch=1, batch_size=t["batch_size"],
                    time_size=t["time_size"], max_grad=t["max_grad"], progress=progress)
        if name.startswith("better"):
            val = perplexity(model, valid, batch_size=10, time_size=35)
            val_ppls.append(val)
            if val < best:
                best = val
            else:
                trainer.optimizer.lr /= 4.0
    seconds = time.perf_counter() - start
    test_ppl = perplexity(model, test, batch_size=10, time_size=35)
    results = dict(
        recipe=name, doc=r["doc"], model=r["model"], train=t, source=source,
        train_ppl=trainer.history["ppl"], train_iter=trainer.history["iter"],
        val_ppl=val_ppls, test_ppl=test_ppl, seconds=seconds,
        seconds_per_epoch=seconds / t["max_epoch"], vocab_size=len(word_to_id),
    )
    return model, results


def save(name: str, model, results: dict, directory: Path = WEIGHTS_DIR) -> Path:
    """Write ``NAME.npz`` (float16) and ``NAME.json`` (results) into ``directory``."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    path = model.save_params(directory / f"{name}.npz", dtype=np.float16)
    (directory / f"{name}.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
    return path


def load_pretrained(name: str, directory: Path = WEIGHTS_DIR):
    """Rebuild recipe ``name`` and load its committed weights; returns ``(model, results)``."""
    directory = Path(directory)
    path = directory / f"{name}.npz"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing; create it with `python -m course_lib train {name}`")
    results = json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))
    model = build(name, results["vocab_size"])
    model.load_params(path)
    return model, results
