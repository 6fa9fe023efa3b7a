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
    # book 2, fig. 8-26: the same date data and settings without attention
    "seq2seq_date_baseline": dict(data="date.txt", peeky=False, reverse=True),
    "seq2seq_date_peeky": dict(data="date.txt", peeky=True, reverse=True),
}
SEQ2SEQ_TRAIN = {"addition.txt": dict(wordvec_size=16, hidden_size=128, batch_size=128, max_epoch=25,
                                      max_grad=5.0),
                 "date.txt": dict(wordvec_size=16, hidden_size=256, batch_size=128, max_epoch=10,
                                  max_grad=5.0)}


def build(name: str, vocab_size: int = 10000, rng=None):
    """A fresh model of recipe ``name`` (float32)."""
    if name in SENTIMENT_RECIPES:
        return build_sentiment(name, vocab_size, rng=rng)
    if name in SEQ2SEQ_RECIPES:
        r = SEQ2SEQ_RECIPES[name]
        t = SEQ2SEQ_TRAIN[r["data"]]
        if r.get("attention"):
            return AttentionSeq2seq(vocab_size, t["wordvec_size"], t["hidden_size"], rng=rng)
        return Seq2seq(vocab_size, t["wordvec_size"], t["hidden_size"], peeky=r["peeky"], rng=rng)
    if name not in RECIPES:
        raise ValueError(f"unknown recipe {name!r}; known: "
                         f"{sorted(RECIPES) + sorted(SEQ2SEQ_RECIPES) + sorted(SENTIMENT_RECIPES)}")
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


def _stored(name: str, directory: Path):
    """``(NAME.npz path, NAME.json results)`` of a trained recipe in ``directory``; a clear
    error naming the command that makes them when the weights are missing."""
    directory = Path(directory)
    path = directory / f"{name}.npz"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing; create it with `python -m course_lib train {name}`")
    return path, json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))


def load_pretrained(name: str, directory: Path = WEIGHTS_DIR):
    """Rebuild recipe ``name`` and load its committed weights; returns ``(model, results)``."""
    path, results = _stored(name, directory)
    model = build(name, results["vocab_size"])
    model.load_params(path)
    return model, results


# ---------------------------------------------------------------------------------------
# Sentiment classification of movie reviews (MR): Embedding → LSTM → last state → Affine.
SENTIMENT_SEED = 2014
SENTIMENT_RECIPES = {
    "sentiment_mr": dict(
        model=dict(wordvec_size=64, hidden_size=64, dropout_ratio=0.75, read="mask"),
        padding="post", min_count=2, val_fraction=0.1,
        train=dict(max_epoch=10, batch_size=32, lr=0.002, max_grad=5.0),
        doc="MR sentence polarity, stratified 90/10 train/test split (seed 2005); 10 % of the "
            "training split held out for validation; the epoch with the best validation "
            "accuracy is kept"),
}


def build_sentiment(name: str, vocab_size: int, rng=None, **model_overrides):
    """A fresh :class:`~course_lib.models.SentimentLSTM` of sentiment recipe ``name``."""
    from .models import SentimentLSTM

    return SentimentLSTM(vocab_size, **{**SENTIMENT_RECIPES[name]["model"], **model_overrides}, rng=rng)


def sentiment_vocab(results: dict):
    """The :class:`~course_lib.datasets.WordVocab` stored in a sentiment recipe's results."""
    from .datasets import WordVocab

    return WordVocab(results["vocab"].split(" "))


def _batches(x, t, batch_size, padding, rng=None):
    """Mini-batches ``(X (B, T_b), t (B,))`` of id lists ``x``, each padded to its own
    longest sentence; shuffled when ``rng`` is given."""
    from .datasets import pad_sequences

    order = rng.permutation(len(x)) if rng is not None else np.arange(len(x))
    for i in range(0, len(x), batch_size):
        idx = order[i:i + batch_size]
        X, _ = pad_sequences([x[j] for j in idx], padding=padding)
        yield X, t[idx]


def sentiment_accuracy(model, x, t, padding: str, batch_size: int = 500) -> float:
    """Accuracy of ``model`` on id lists ``x`` with labels ``t`` (N,), padded per batch."""
    correct = 0
    for X, tb in _batches(x, t, batch_size, padding):
        correct += int((model.predict(X).argmax(axis=1) == tb).sum())
    return correct / max(len(x), 1)


def train_sentiment(name: str = "sentiment_mr", *, source: str = "mr", max_epoch: int | None = None,
                    limit: int | None = None, evaluate_test: bool = True, progress: bool = True,
                    rng_seed: int = SENTIMENT_SEED, model: dict | None = None, train: dict | None = None,
                    padding: str | None = None, min_count: int | None = None):
    """Train sentiment recipe ``name``; return ``(model, results)``.

    Data: :func:`course_lib.datasets.load_mr_text` (``source`` ``'mr'`` or ``'sample'``,
    ``limit`` sentences per class) with its stratified 90/10 train/test split; the
    vocabulary comes from the training split only. A stratified ``val_fraction`` of the
    training split (seed ``rng_seed``) is held out for validation: after every epoch
    the validation accuracy is measured and the weights of the best epoch are kept, so
    no choice looks at the test split. ``evaluate_test=False`` skips the test split
    entirely (for tuning). ``model``, ``train``, ``padding``, ``min_count`` override the
    recipe's settings. Each batch is padded to its own longest sentence. Optimizer:
    Adam, with the gradients clipped to a joint norm of ``max_grad`` (and an L2 penalty
    ``weight_decay`` on the weight matrices when the settings give one). ``word_dropout``
    (if given) replaces each word of a training batch by ``<unk>`` with that probability.

    ``results``: settings, seed, split sizes, per-epoch ``loss``, ``train_acc`` (on up
    to 2,000 training sentences), ``val_acc``, ``test_acc`` (when evaluated), the kept
    ``best_epoch`` and its ``test_accuracy``, timing, ``vocab_size`` and the
    vocabulary itself (``vocab``: the words in id order, joined by spaces; see
    :func:`sentiment_vocab`), so that a notebook can encode
    new sentences without the data.
    """
    from .datasets import WordVocab, load_mr_text
    from .datasets.mr import SPLIT_SEED, stratified_split
    from .progress import progress as _progress
    from .training import clip_grads

    rng = seed(rng_seed)
    r = SENTIMENT_RECIPES[name]
    model_cfg = {**r["model"], **(model or {})}
    t_cfg = {**r["train"], **(train or {})}
    if max_epoch is not None:
        t_cfg["max_epoch"] = max_epoch
    padding = padding or r["padding"]
    min_count = min_count or r["min_count"]

    (s_train, t_train), (s_test, t_test), used = load_mr_text(source, limit=limit, verbose=progress)
    fit_idx, val_idx = stratified_split(t_train, r["val_fraction"], seed=rng_seed)
    vocab = WordVocab.build([s_train[i] for i in fit_idx], min_count=min_count)
    x_all = vocab.encode_batch(s_train)
    x_fit, t_fit = [x_all[i] for i in fit_idx], t_train[fit_idx]
    x_val, t_val = [x_all[i] for i in val_idx], t_train[val_idx]
    x_test = vocab.encode_batch(s_test)
    net = build_sentiment(name, len(vocab), rng=rng, **(model or {}))
    optimizer = Adam(lr=t_cfg["lr"])
    history = {k: [] for k in ("loss", "train_acc", "val_acc") + (("test_acc",) if evaluate_test else ())}
    best = (-1.0, 0, None)
    B = t_cfg["batch_size"]
    iters = -(-len(x_fit) // B)
    start = time.perf_counter()
    bar = _progress(total=t_cfg["max_epoch"] * iters, desc=name, unit="batch", disable=not progress)
    try:
        for epoch in range(1, t_cfg["max_epoch"] + 1):
            total = 0.0
            for X, tb in _batches(x_fit, t_fit, B, padding, rng):
                if t_cfg.get("word_dropout"):      # replace random words by <unk> (training only)
                    X[(X != vocab.pad_id) & (rng.random(X.shape) < t_cfg["word_dropout"])] = vocab.unk_id
                total += float(net.forward(X, tb))
                net.backward()
                if t_cfg.get("weight_decay"):      # L2 penalty on the weight matrices
                    for p, g in zip(net.params, net.grads):
                        if p.ndim == 2:
                            g += t_cfg["weight_decay"] * p
                clip_grads(net.grads, t_cfg["max_grad"])
                optimizer.update(net.params, net.grads)
                bar.update(1)
            history["loss"].append(total / iters)
            history["train_acc"].append(sentiment_accuracy(net, x_fit[:2000], t_fit[:2000], padding))
            history["val_acc"].append(sentiment_accuracy(net, x_val, t_val, padding))
            if evaluate_test:
                history["test_acc"].append(sentiment_accuracy(net, x_test, t_test, padding))
            if history["val_acc"][-1] > best[0]:
                best = (history["val_acc"][-1], epoch, [p.copy() for p in net.params])
            bar.set_postfix(loss=f"{history['loss'][-1]:.4f}", val_acc=f"{history['val_acc'][-1]:.4f}")
    finally:
        bar.close()
    seconds = time.perf_counter() - start
    for p, q in zip(net.params, best[2]):
        p[...] = q
    results = dict(
        recipe=name, doc=r["doc"], model=model_cfg, train=t_cfg, padding=padding, min_count=min_count,
        source=used, seed=rng_seed, split=dict(kind="stratified", test_fraction=0.1, split_seed=SPLIT_SEED,
                                               val_fraction=r["val_fraction"], val_seed=rng_seed),
        n_train=len(x_fit), n_val=len(x_val), n_test=len(x_test), **history,
        best_epoch=best[1], val_accuracy=best[0],
        test_accuracy=(history["test_acc"][best[1] - 1] if evaluate_test else None),
        seconds=seconds, seconds_per_epoch=seconds / max(t_cfg["max_epoch"], 1),
        vocab_size=len(vocab), vocab=" ".join(vocab.id_to_word))   # no token holds whitespace
    if progress:
        print(f"{name}: best epoch {best[1]} (val acc {best[0]:.4f})"
              + (f", test acc {results['test_accuracy']:.4f}" if evaluate_test else ""))
    return net, results


def load_sentiment(name: str = "sentiment_mr", directory: Path = WEIGHTS_DIR):
    """Rebuild sentiment recipe ``name`` with the sizes it was trained with and load its
    committed weights; returns ``(model, results, vocab)``."""
    path, results = _stored(name, directory)
    model = build_sentiment(name, results["vocab_size"], **results["model"])
    model.load_params(path)
    return model, results, sentiment_vocab(results)


# ---------------------------------------------------------------------------------------
# Book 1, ch. 8: DeepConvNet on MNIST (ch08/train_deepnet.py: Adam lr 0.001, batch 100,
# 20 epochs; the book evaluates on 1,000 training and 1,000 test images per epoch).
CONVNET_SEED = 2016
CONVNET_RECIPES = {
    "deep_convnet_book": dict(
        train=dict(max_epoch=20, batch_size=100, lr=0.001, eval_sample=1000),
        doc="book 1, ch08/train_deepnet.py exactly: DeepConvNet, Adam lr 0.001, batch 100, 20 epochs; "
            "per epoch the accuracy on the first 1,000 training and 1,000 test images (as the "
            "book); the final test accuracy on all 10,000 test images with the saved float16 "
            "weights; no epoch is chosen by its test accuracy"),
    "deep_convnet_mnist": dict(
        train=dict(max_epoch=20, batch_size=100, lr=0.001, eval_sample=1000,
                   augment=dict(max_shift=2, max_degrees=10.0)),
        doc="deep_convnet_book plus data augmentation (book 1, 8.1.2): every training batch "
            "shifted by up to 2 pixels and rotated by up to 10 degrees (course_lib.augment."
            "random_transform, a fresh draw per image and epoch); everything else as the book"),
}


def _machine() -> dict:
    """Where a recipe ran: for reading its timing."""
    import os
    import platform

    return dict(platform=platform.platform(), cpus=os.cpu_count(),
                blas_threads=os.environ.get("OPENBLAS_NUM_THREADS"), numpy=np.__version__)


def _as_saved(model, dtype=np.float16) -> None:
    """Round ``model.params`` in place to what ``save(..., dtype)`` stores."""
    for p in model.params:
        p[...] = p.astype(dtype).astype(p.dtype)


def train_convnet(name: str = "deep_convnet_mnist", *, max_epoch: int | None = None,
                  n_train: int | None = None, source: str = "auto", progress: bool = True,
                  rng_seed: int = CONVNET_SEED):
    """Train convnet recipe ``name`` on MNIST images (N, 1, 28, 28); return ``(model, results)``.

    ``results``: per-epoch ``loss``, ``train_acc`` and ``test_acc`` (on ``eval_sample``
    images each, as the book), ``iter_loss`` (every iteration), the final
    ``test_accuracy`` on the whole test set measured with the weights rounded to
    float16 (what :func:`save` stores), the misclassified test indices, timing and
    the machine. ``n_train`` limits the training images (quick runs).
    """
    from .datasets import load_mnist
    from .models import DeepConvNet

    rng = seed(rng_seed)
    t_cfg = dict(CONVNET_RECIPES[name]["train"])
    if max_epoch is not None:
        t_cfg["max_epoch"] = max_epoch
    (x_train, t_train), (x_test, t_test) = load_mnist(flatten=False, source=source)
    if n_train is not None:
        x_train, t_train = x_train[:n_train], t_train[:n_train]
    model = DeepConvNet(rng=rng)
    trainer = Trainer(model, Adam(lr=t_cfg["lr"]))
    k = t_cfg["eval_sample"]
    start = time.perf_counter()
    aug = None
    if t_cfg.get("augment"):
        from .augment import random_transform

        def aug(xb, g, kw=t_cfg["augment"]):
            return random_transform(xb, g, **kw)[0]
    trainer.fit(x_train, t_train, max_epoch=t_cfg["max_epoch"], batch_size=t_cfg["batch_size"],
                x_val=x_test[:k], t_val=t_test[:k], eval_sample=k, rng=rng, progress=progress,
                desc=name, augment=aug)
    seconds = time.perf_counter() - start
    _as_saved(model)
    pred = np.concatenate([model.predict(x_test[i:i + 1000]).argmax(axis=1)
                           for i in range(0, len(x_test), 1000)])
    wrong = np.flatnonzero(pred != t_test)
    h = trainer.history
    results = dict(recipe=name, doc=CONVNET_RECIPES[name]["doc"], train=t_cfg, seed=rng_seed,
                   n_train=len(x_train), n_test=len(x_test), loss=h["loss"], iter_loss=h["iter_loss"],
                   train_acc=h["train_acc"], test_acc=h["val_acc"],
                   test_accuracy=1.0 - len(wrong) / len(x_test), wrong_indices=wrong.tolist(),
                   wrong_predictions=pred[wrong].tolist(), seconds=seconds,
                   seconds_per_epoch=seconds / max(t_cfg["max_epoch"], 1), machine=_machine())
    if progress:
        print(f"{name}: test accuracy {results['test_accuracy']:.4f} "
              f"({len(wrong)} of {len(x_test)} wrong), {results['seconds_per_epoch']:.0f} s/epoch")
    return model, results


def load_convnet(name: str = "deep_convnet_mnist", directory: Path = WEIGHTS_DIR):
    """A committed DeepConvNet (``deep_convnet_mnist`` or ``deep_convnet_book``) and its
    results: ``(model, results)``."""
    from .models import DeepConvNet

    path, results = _stored(name, directory)
    model = DeepConvNet()
    model.load_params(path)
    return model, results


# ---------------------------------------------------------------------------------------
# Book 2, ch. 4: CBOW (and skip-gram) with negative sampling on PTB (ch04/train.py:
# window 5, hidden 100, batch 100, 10 epochs, Adam, 5 negatives of power 0.75).
WORD2VEC_SEED = 1958
WORD2VEC_RECIPES = {
    "cbow_ptb": dict(model="CBOW", window_size=5, hidden_size=100, sample_size=5, power=0.75,
                     batch_size=100, max_epoch=10,
                     doc="book 2, ch04/train.py: CBOW, negative sampling, PTB train split"),
    "skipgram_ptb": dict(model="SkipGram", window_size=5, hidden_size=100, sample_size=5, power=0.75,
                         batch_size=100, max_epoch=10,
                         doc="book 2, ch04/train.py with SkipGram: about 6× slower than CBOW per epoch"),
}


def train_word2vec(name: str = "cbow_ptb", *, source: str = "ptb", max_epoch: int | None = None,
                   progress: bool = True, rng_seed: int = WORD2VEC_SEED):
    """Train word2vec recipe ``name``; return ``(model, results)``.

    Contexts/targets come from :func:`course_lib.text.create_contexts_target` on the
    PTB training split (``source='builtin'``: the project's small corpus). ``results``:
    settings, per-epoch ``loss``, ``loss_every_20`` (mean of every 20 iterations, the
    book's plot), timing, the machine, ``vocab_size`` and ``vocab`` (the words in id
    order joined by spaces: PTB words hold no whitespace), so that the saved vectors
    can be queried without the data.
    """
    from . import word2vec
    from .datasets import load_ptb
    from .text import create_contexts_target

    rng = seed(rng_seed)
    r = dict(WORD2VEC_RECIPES[name])
    if max_epoch is not None:
        r["max_epoch"] = max_epoch
    corpus, word_to_id, id_to_word = load_ptb("train", source=source)
    contexts, target = create_contexts_target(corpus, r["window_size"])
    cls = getattr(word2vec, r["model"])
    model = cls(len(word_to_id), r["hidden_size"], r["window_size"], corpus,
                sample_size=r["sample_size"], power=r["power"], rng=rng)
    trainer = Trainer(model, Adam())
    start = time.perf_counter()
    trainer.fit(contexts, target, max_epoch=r["max_epoch"], batch_size=r["batch_size"], rng=rng,
                progress=progress, desc=name)
    seconds = time.perf_counter() - start
    it = np.asarray(trainer.history["iter_loss"])
    n20 = len(it) // 20
    results = dict(recipe=name, settings=r, seed=rng_seed, source=source, n_contexts=len(target),
                   loss=trainer.history["loss"],
                   loss_every_20=it[:n20 * 20].reshape(n20, 20).mean(axis=1).tolist(),
                   seconds=seconds, seconds_per_epoch=seconds / max(r["max_epoch"], 1),
                   machine=_machine(), vocab_size=len(word_to_id),
                   vocab=" ".join(id_to_word[i] for i in range(len(id_to_word))))
    return model, results


def save_word_vectors(name: str, model, results: dict, directory: Path = WEIGHTS_DIR) -> Path:
    """Write ``NAME.npz`` (``word_vecs`` (V, H) float16: the input-side ``W_in``, as the
    book's ``cbow_params.pkl``) and ``NAME.json``."""
    from .fileio import atomic_write

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.npz"
    with atomic_write(path) as f:
        np.savez_compressed(f, word_vecs=model.word_vecs.astype(np.float16))
    (directory / f"{name}.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
    return path


def load_word_vectors(name: str = "cbow_ptb", directory: Path = WEIGHTS_DIR):
    """The committed word vectors: ``(word_vecs (V, H) float32, word_to_id, id_to_word, results)``;
    works without PTB (the vocabulary is stored in the results)."""
    path, results = _stored(name, directory)
    with np.load(path, allow_pickle=False) as data:
        word_vecs = data["word_vecs"].astype(np.float32)
    id_to_word = dict(enumerate(results["vocab"].split(" ")))
    word_to_id = {w: i for i, w in id_to_word.items()}
    if len(id_to_word) != len(word_vecs):
        raise ValueError(f"{path}: {len(word_vecs)} vectors but {len(id_to_word)} words in its JSON")
    return word_vecs, word_to_id, id_to_word, results


# ---------------------------------------------------------------------------------------
# Book 2, 8.1.1: why one fixed-length vector fails on long inputs. Seq2seq and attention
# seq2seq learn to copy digit strings of 1-30 digits (datasets.sequence.copy_data); the
# accuracy is measured per input length. Answers end in '.', and the padding after it
# is left out of the loss (TimeSoftmaxWithLoss(ignore_label=<id of ' '>)).
LENGTH_RECIPES = {   # name -> model kind, doc, and the training settings it changes in LENGTH_TRAIN
    "copy_seq2seq": dict(attention=False, train=dict(max_epoch=16),
                         doc="seq2seq (book 2, 7.3) copying 1-30 digits; its decoder sees one (N, H) vector; "
                             "twice the epochs of copy_attention"),
    "copy_attention": dict(attention=True, train=dict(max_epoch=8),
                           doc="attention seq2seq (book 2, 8.2) copying 1-30 digits, same sizes and data"),
}
LENGTH_TRAIN = dict(n_train=100_000, per_length_test=100, min_len=1, max_len=30, reverse=True,
                    wordvec_size=16, hidden_size=64, batch_size=128, max_epoch=8, max_grad=5.0)


def length_data(n_train: int | None = None, per_length_test: int | None = None):
    """The copy task as the length recipes read it: ``(x_train, t_train), (x_test, t_test), vocab``
    from :func:`course_lib.datasets.sequence.copy_data` with ``LENGTH_TRAIN``'s sizes, the
    questions reversed (the book's ``x[:, ::-1]``: the padding comes first). The test split
    holds ``per_length_test`` questions of every length 1-30, in order of length."""
    from .datasets.sequence import copy_data

    t = LENGTH_TRAIN
    (x_train, t_train), (x_test, t_test), vocab = copy_data(
        t["n_train"] if n_train is None else n_train,
        t["per_length_test"] if per_length_test is None else per_length_test, t["min_len"], t["max_len"])
    if t["reverse"]:
        x_train, x_test = x_train[:, ::-1].copy(), x_test[:, ::-1].copy()
    return (x_train, t_train), (x_test, t_test), vocab


def build_length(name: str, rng=None):
    """A fresh model of length recipe ``name`` (float32) whose loss leaves out the padded
    answer positions (``ignore_label`` = the id of ``' '``); the attention model also masks
    the padded question positions out of its attention (``pad_id``)."""
    from .datasets.sequence import COPY_VOCAB
    from .time_layers import TimeSoftmaxWithLoss

    t = LENGTH_TRAIN
    pad = COPY_VOCAB.char_to_id[" "]
    V, D, H = len(COPY_VOCAB), t["wordvec_size"], t["hidden_size"]
    if LENGTH_RECIPES[name]["attention"]:
        model = AttentionSeq2seq(V, D, H, pad_id=pad, rng=rng)
    else:
        model = Seq2seq(V, D, H, rng=rng)
    model.loss_layer = TimeSoftmaxWithLoss(ignore_label=pad)
    return model


def answer_accuracy(model, x, t, start_id: int, pad_id: int, batch_size: int = 1000):
    """Greedy answers of ``model`` to questions ``x`` (N, T_in), scored against ``t``
    (N, T_out) (``t[:, 0]`` is the start id) on the real positions only (the digits and
    the end mark, not the padding after it). Returns ``(char_acc (N,), exact (N,) bool)``:
    the share of real positions right, and whether all of them are."""
    char_acc, exact = [], []
    for i in range(0, len(x), batch_size):
        target = t[i:i + batch_size, 1:]
        guess = model.generate(x[i:i + batch_size], start_id, target.shape[1])
        real = target != pad_id
        hit = guess == target
        char_acc.append((hit & real).sum(axis=1) / np.maximum(real.sum(axis=1), 1))
        exact.append((hit | ~real).all(axis=1))
    return np.concatenate(char_acc), np.concatenate(exact)


def train_length(name: str, *, max_epoch: int | None = None, n_train: int | None = None,
                 per_length_test: int | None = None, progress: bool = True, rng_seed: int = SEQ2SEQ_SEED):
    """Train length recipe ``name`` on the copy task; return ``(model, results)``.

    Settings: ``LENGTH_TRAIN`` with the recipe's own ``train`` entries. After every epoch: the character and exact-match accuracy of greedy answers on the
    whole test split. At the end the weights are rounded to float16 (what :func:`save`
    stores) and the accuracies are measured again per question length: ``lengths``,
    ``char_acc_by_length`` and ``exact_by_length`` are what the week 20 notebook plots.
    ``seconds`` is wall-clock time, ``cpu_seconds`` the process's CPU time (the same on a
    busy machine), both of the training with its per-epoch evaluation.
    """
    from .training import Trainer

    rng = seed(rng_seed)
    t = {**LENGTH_TRAIN, **LENGTH_RECIPES[name]["train"]}
    if max_epoch is not None:
        t["max_epoch"] = max_epoch
    (x_train, t_train), (x_test, t_test), vocab = length_data(n_train, per_length_test)
    start_id, pad_id = vocab.char_to_id["_"], vocab.char_to_id[" "]
    model = build_length(name, rng=rng)

    def evaluate(m):
        char_acc, exact = answer_accuracy(m, x_test, t_test, start_id, pad_id)
        return {"test_char_acc": float(char_acc.mean()), "test_exact": float(exact.mean())}

    trainer = Trainer(model, Adam())
    start, cpu_start = time.perf_counter(), time.process_time()
    trainer.fit(x_train, t_train, max_epoch=t["max_epoch"], batch_size=t["batch_size"], max_grad=t["max_grad"],
                rng=rng, progress=progress, desc=name, on_epoch_end=evaluate)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    _as_saved(model)
    char_acc, exact = answer_accuracy(model, x_test, t_test, start_id, pad_id)
    lengths = (x_test != pad_id).sum(axis=1)
    by_length = sorted(set(lengths.tolist()))
    h = trainer.history
    results = dict(recipe=name, doc=LENGTH_RECIPES[name]["doc"],
                   settings={"attention": LENGTH_RECIPES[name]["attention"], **t},
                   seed=rng_seed, n_train=len(x_train), n_test=len(x_test), loss=h["loss"],
                   test_char_acc=h["test_char_acc"], test_exact=h["test_exact"], lengths=by_length,
                   char_acc_by_length=[float(char_acc[lengths == k].mean()) for k in by_length],
                   exact_by_length=[float(exact[lengths == k].mean()) for k in by_length],
                   seconds=seconds, seconds_per_epoch=seconds / max(t["max_epoch"], 1), cpu_seconds=cpu_seconds,
                   machine=_machine(), vocab_size=len(vocab))
    return model, results


def load_length(name: str, directory: Path = WEIGHTS_DIR):
    """The committed model of length recipe ``name`` and its results: ``(model, results)``."""
    path, results = _stored(name, directory)
    model = build_length(name)
    model.load_params(path)
    return model, results


def names() -> list[str]:
    """Every recipe ``python -m course_lib train NAME`` knows, grouped by kind."""
    return (sorted(RECIPES) + sorted(SEQ2SEQ_RECIPES) + sorted(SENTIMENT_RECIPES) + sorted(CONVNET_RECIPES)
            + sorted(WORD2VEC_RECIPES) + sorted(LENGTH_RECIPES))
