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
from .models import AttentionSeq2seq, BetterRnnlm, Rnnlm, Seq2seq
from .optimizers import SGD, Adam
from .training import RnnlmTrainer, Trainer, perplexity, seq2seq_accuracy

WEIGHTS_DIR = Path(__file__).resolve().parents[1] / "weights"
# default seeds of the committed weights (`python -m course_lib train NAME`)
LM_SEED = 1234
SEQ2SEQ_SEED = 1984

# name -> (model class, constructor kwargs, training kwargs); the book's settings
RECIPES = {
    "rnnlm_ptb": dict(
        cls=Rnnlm, model=dict(wordvec_size=100, hidden_size=100),
        train=dict(max_epoch=4, batch_size=20, time_size=35, lr=20.0, max_grad=0.25),
        doc="book 2, ch6/train_rnnlm.py: LSTM LM on PTB, 4 epochs (book: test ppl 136.08)"),
    "better_rnnlm_ptb": dict(
        cls=BetterRnnlm, model=dict(wordvec_size=128, hidden_size=128, dropout_ratio=0.3),
        train=dict(max_epoch=4, batch_size=20, time_size=35, lr=20.0, max_grad=0.25),
        doc="book 2, ch6/train_better_rnnlm.py scaled down to D=H=128, 4 epochs, to fit a laptop"),
}

# seq2seq recipes (book 2, ch7/train_seq2seq.py and ch8/train.py): name -> settings
SEQ2SEQ_RECIPES = {
    "seq2seq_addition_baseline": dict(data="addition.txt", peeky=False, reverse=False),
    "seq2seq_addition_reverse": dict(data="addition.txt", peeky=False, reverse=True),
    "seq2seq_addition_peeky_reverse": dict(data="addition.txt", peeky=True, reverse=True),
    "attention_date": dict(data="date.txt", attention=True, reverse=True),
}
SEQ2SEQ_TRAIN = {"addition.txt": dict(wordvec_size=16, hidden_size=128, batch_size=128, max_epoch=25,
                                      max_grad=5.0),
                 "date.txt": dict(wordvec_size=16, hidden_size=256, batch_size=128, max_epoch=10,
                                  max_grad=5.0)}


def build(name: str, vocab_size: int = 10000, rng=None):
    """A fresh model of recipe ``name`` (float32)."""
    if name in SEQ2SEQ_RECIPES:
        r = SEQ2SEQ_RECIPES[name]
        t = SEQ2SEQ_TRAIN[r["data"]]
        if r.get("attention"):
            return AttentionSeq2seq(vocab_size, t["wordvec_size"], t["hidden_size"], rng=rng)
        return Seq2seq(vocab_size, t["wordvec_size"], t["hidden_size"], peeky=r["peeky"], rng=rng)
    if name not in RECIPES:
        raise ValueError(f"unknown recipe {name!r}; known: {sorted(RECIPES) + sorted(SEQ2SEQ_RECIPES)}")
    r = RECIPES[name]
    return r["cls"](vocab_size, **r["model"], rng=rng)


def seq2seq_data(name: str):
    """The data seq2seq recipe ``name`` trains and is tested on, as its model reads it:
    ``(x_train, t_train), (x_test, t_test), vocab`` from ``load_sequence``, with the
    questions reversed (the book's ``x[:, ::-1]``) for reversed-input recipes."""
    from .datasets import load_sequence

    r = SEQ2SEQ_RECIPES[name]
    (x_train, t_train), (x_test, t_test), vocab = load_sequence(r["data"])
    if r["reverse"]:
        x_train, x_test = x_train[:, ::-1].copy(), x_test[:, ::-1].copy()
    return (x_train, t_train), (x_test, t_test), vocab


def train_seq2seq(name: str, *, max_epoch: int | None = None, n_train: int | None = None,
                  n_test: int | None = None, progress: bool = True, rng_seed: int = SEQ2SEQ_SEED):
    """Train seq2seq recipe ``name``; return ``(model, results)``.

    The test accuracy (exact match of the greedy answer on all test questions) is
    measured after every epoch, as in the book's accuracy curves. ``n_train`` and
    ``n_test`` limit the training and test questions (the quick profile). The data
    comes from :func:`seq2seq_data` (reversed questions where the recipe says so).
    """
    rng = seed(rng_seed)
    r = SEQ2SEQ_RECIPES[name]
    t = dict(SEQ2SEQ_TRAIN[r["data"]])
    if max_epoch is not None:
        t["max_epoch"] = max_epoch
    (x_train, t_train), (x_test, t_test), vocab = seq2seq_data(name)
    if n_train is not None:
        x_train, t_train = x_train[:n_train], t_train[:n_train]
    if n_test is not None:
        x_test, t_test = x_test[:n_test], t_test[:n_test]
    start_id = vocab.char_to_id["_"]
    model = build(name, len(vocab.char_to_id), rng=rng)
    trainer = Trainer(model, Adam())
    start = time.perf_counter()
    trainer.fit(x_train, t_train, max_epoch=t["max_epoch"], batch_size=t["batch_size"],
                max_grad=t["max_grad"], rng=rng, progress=progress, desc=name,
                on_epoch_end=lambda m: {"test_acc": seq2seq_accuracy(m, x_test, t_test, start_id)})
    seconds = time.perf_counter() - start
    results = dict(recipe=name, settings={**r, **t}, seed=rng_seed, n_train=len(x_train), n_test=len(x_test),
                   loss=trainer.history["loss"], test_acc=trainer.history["test_acc"],
                   seconds=seconds, seconds_per_epoch=seconds / max(t["max_epoch"], 1),
                   vocab_size=len(vocab.char_to_id))
    return model, results


def train_lm(name: str, *, source: str = "ptb", max_epoch: int | None = None,
             progress: bool = True, rng_seed: int = LM_SEED):
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
    for _ in range(t["max_epoch"]):
        trainer.fit(corpus[:-1], corpus[1:], max_epoch=1, batch_size=t["batch_size"],
                    time_size=t["time_size"], max_grad=t["max_grad"], val_corpus=valid,
                    progress=progress)
        val = trainer.history["val_ppl"][-1]
        if name.startswith("better"):
            if val < best:
                best = val
            else:
                trainer.optimizer.lr /= 4.0
    seconds = time.perf_counter() - start
    test_ppl = perplexity(model, test, batch_size=10, time_size=35)
    results = dict(
        recipe=name, doc=r["doc"], model=r["model"], train=t, source=source, seed=rng_seed,
        train_ppl=trainer.history["ppl"], train_iter=trainer.history["iter"],
        val_ppl=trainer.history["val_ppl"], test_ppl=test_ppl, seconds=seconds,
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
