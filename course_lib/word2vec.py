"""word2vec (book 2, ch. 3–4): the simple one-hot models and the fast ones.

- ch. 3: ``SimpleCBOW``, ``SimpleSkipGram`` — one-hot (or id) inputs, ``MatMul``
  layers and a softmax over the whole vocabulary.
- ch. 4: ``EmbeddingDot``, ``SigmoidWithLoss``, ``UnigramSampler``,
  ``NegativeSamplingLoss``, ``CBOW``, ``SkipGram`` — embedding look-ups and negative
  sampling.

Layer contract of the project (``params``/``grads`` lists; ``backward`` writes
gradients in place and returns the input's gradient). Models expose ``params``,
``grads``, ``forward(contexts, target)`` → loss, ``backward(dout=1)``,
``word_vecs`` (= ``W_in``, (V, H)) and ``save_params``/``load_params``.

Where the book repeats a layer per context word or per negative sample (10 Embedding
layers sharing one matrix, 6 EmbeddingDot layers, then a step that sums duplicated
gradients), these classes make one call on a (N, C) block of ids: same results, one
gradient array per parameter, and no duplicate-parameter merging in the trainer.
Models are float32 by default; pass ``dtype=np.float64`` for gradient checks.
"""
from __future__ import annotations

import numpy as np

from .functions import sigmoid
from .layers import Embedding, MatMul, SoftmaxWithLoss, scatter_add_rows
from .models.base import ParamsIO

__all__ = ["CBOW", "EmbeddingDot", "NegativeSamplingLoss", "SigmoidWithLoss", "SimpleCBOW",
           "SimpleSkipGram", "SkipGram", "UnigramSampler"]


def _init(rng, shape, dtype):
    return (0.01 * rng.standard_normal(shape)).astype(dtype)


def _as_input(x, vocab_size: int, dtype, id_ndim: int):
    """One-hot rows as floats of ``dtype``; ids (``id_ndim`` dimensions) are expanded."""
    x = np.asarray(x)
    if x.ndim == id_ndim:
        x = x[..., None] == np.arange(vocab_size)
    elif x.ndim != id_ndim + 1 or x.shape[-1] != vocab_size:
        raise ValueError(f"expected ids with {id_ndim} dimension(s) or one-hot rows of length "
                         f"{vocab_size}, got shape {x.shape}")
    return x.astype(dtype, copy=False)


# ----------------------------------------------------------------------------------
# Chapter 3: the simple models
class SimpleCBOW(ParamsIO):
    """CBOW with one-hot inputs and a full softmax (book 2, ch. 3.4).

    ``contexts``: (N, 2w, V) one-hot or (N, 2w) ids; ``target``: (N, V) one-hot or
    (N,) ids. ``h`` is the mean of the 2w context rows of ``W_in`` (V, H) — one
    ``MatMul`` layer per context position, sharing ``W_in`` (the book uses w = 1, two
    layers); ``W_out`` (H, V) scores every word. ``forward`` → mean cross-entropy loss.
    ``params = [W_in, W_out]``: the shared matrix appears once, its gradient is the sum
    of the context layers' gradients.
    """

    def __init__(self, vocab_size: int, hidden_size: int, window_size: int = 1, *,
                 dtype=np.float32, rng: np.random.Generator | None = None):
        rng = rng if rng is not None else np.random.default_rng()
        V, H = vocab_size, hidden_size
        W_in, W_out = _init(rng, (V, H), dtype), _init(rng, (H, V), dtype)
        self.vocab_size = V
        self.in_layers = [MatMul(W_in) for _ in range(2 * window_size)]
        self.out_layer = MatMul(W_out)
        self.loss_layer = SoftmaxWithLoss()
        self.params = [W_in, W_out]
        self.grads = [np.zeros_like(W_in), np.zeros_like(W_out)]
        self.word_vecs = W_in

    def forward(self, contexts, target):
        """Mean loss of a batch (see the class docstring for shapes)."""
        contexts = _as_input(contexts, self.vocab_size, self.params[0].dtype, 2)
        if contexts.shape[1] != len(self.in_layers):
            raise ValueError(f"contexts hold {contexts.shape[1]} words per row, the model "
                             f"was built for {len(self.in_layers)} (2 × window_size)")
        h = sum(layer.forward(contexts[:, i]) for i, layer in enumerate(self.in_layers))
        h *= 1.0 / len(self.in_layers)
        score = self.out_layer.forward(h)
        return self.loss_layer.forward(score, target)

    def backward(self, dout=1):
        """Fill ``grads`` (``dW_in`` summed over the context layers); returns ``None``."""
        ds = self.loss_layer.backward(dout)
        da = self.out_layer.backward(ds) * (1.0 / len(self.in_layers))
        for layer in self.in_layers:
            layer.backward(da)
        self.grads[0][...] = sum(layer.grads[0] for layer in self.in_layers)
        self.grads[1][...] = self.out_layer.grads[0]
        return None


class SimpleSkipGram(ParamsIO):
    """Skip-gram with one-hot inputs and a full softmax (book 2, ch. 3.5.2).

    ``target``: (N, V) one-hot or (N,) ids → ``h = target @ W_in``; the scores
    ``h @ W_out`` (N, V) predict each of the 2w context words (``contexts``: (N, 2w, V)
    one-hot or (N, 2w) ids). ``forward`` → the sum over context positions of the mean
    cross-entropy losses, as in the book. ``params = [W_in, W_out]``.
    """

    def __init__(self, vocab_size: int, hidden_size: int, window_size: int = 1, *,
                 dtype=np.float32, rng: np.random.Generator | None = None):
        rng = rng if rng is not None else np.random.default_rng()
        V, H = vocab_size, hidden_size
        W_in, W_out = _init(rng, (V, H), dtype), _init(rng, (H, V), dtype)
        self.vocab_size = V
        self.in_layer = MatMul(W_in)
        self.out_layer = MatMul(W_out)
        self.loss_layers = [SoftmaxWithLoss() for _ in range(2 * window_size)]
        self.params = [W_in, W_out]
        self.grads = [self.in_layer.grads[0], self.out_layer.grads[0]]
        self.word_vecs = W_in

    def forward(self, contexts, target):
        """Summed loss over the context positions (see the class docstring for shapes)."""
        target = _as_input(target, self.vocab_size, self.params[0].dtype, 1)
        contexts = np.asarray(contexts)
        if contexts.shape[1] != len(self.loss_layers):
            raise ValueError(f"contexts hold {contexts.shape[1]} words per row, the model "
                             f"was built for {len(self.loss_layers)} (2 × window_size)")
        h = self.in_layer.forward(target)
        s = self.out_layer.forward(h)
        return sum(layer.forward(s, contexts[:, i]) for i, layer in enumerate(self.loss_layers))

    def backward(self, dout=1):
        """Fill ``grads``; returns ``None``."""
        ds = sum(layer.backward(dout) for layer in self.loss_layers)
        dh = self.out_layer.backward(ds)
        self.in_layer.backward(dh)
        return None


# ----------------------------------------------------------------------------------
# Chapter 4: embedding look-ups and negative sampling
class EmbeddingDot:
    """Scores ``W[idx] · h`` of chosen output words (book 2, ch. 4.2.4).

    ``W``: (V, D). ``forward(h, idx)``: ``h`` (N, D), ``idx`` (N,) → (N,), or ``idx``
    (N, K) → (N, K) — K words scored against the same row of ``h`` (the book makes one
    layer per word; one call on (N, K) ids does them all). ``backward(dout)``: ``dout``
    of the output's shape → ``dh`` (N, D); ``dW`` gets ``dout * h`` added to the looked-up
    rows (repeated ids add up).
    """

    def __init__(self, W):
        self.params = [W]
        self.grads = [np.zeros_like(W)]
        self.cache = None

    def forward(self, h, idx):
        idx = np.asarray(idx)
        if idx.ndim not in (1, 2) or idx.shape[0] != h.shape[0]:
            raise ValueError(f"idx must be (N,) or (N, K) with N = {h.shape[0]}, got {idx.shape}")
        target_W = self.params[0][idx]                      # (N, D) or (N, K, D)
        if idx.ndim == 1:
            out = np.einsum("nd,nd->n", target_W, h)
        else:
            out = np.matmul(target_W, h[:, :, None])[:, :, 0]
        self.cache = (h, idx, target_W)
        return out

    def backward(self, dout):
        h, idx, target_W = self.cache
        dout = np.asarray(dout, dtype=h.dtype)
        dW = self.grads[0]
        dW[...] = 0
        if idx.ndim == 1:
            scatter_add_rows(dW, idx, dout[:, None] * h)
            return dout[:, None] * target_W
        scatter_add_rows(dW, idx, dout[:, :, None] * h[:, None, :])
        return np.matmul(dout[:, None, :], target_W)[:, 0, :]


class SigmoidWithLoss:
    """Sigmoid and binary cross-entropy (book 2, ch. 4.2.3).

    ``forward(x, t)``: scores ``x`` (N,) or (N, K), labels ``t`` (0/1) of the same
    shape → ``sum(loss) / N`` — the mean over the batch of each row's summed losses
    (for (N,) the book's mean). Computed stably: ``-log σ(x)`` = ``logaddexp(0, -x)``.
    ``backward(dout=1)`` → ``dout * (σ(x) - t) / N``.
    """

    def __init__(self):
        self.params, self.grads = [], []
        self.y = self.t = None

    def forward(self, x, t):
        x = np.asarray(x)
        t = np.asarray(t, dtype=x.dtype)
        self.t = t
        self.y = sigmoid(x)
        # t=1: -log σ(x) = log(1 + e^-x); t=0: -log(1 - σ(x)) = log(1 + e^x)
        losses = np.logaddexp(0, np.where(t > 0.5, -x, x))
        return losses.sum() / x.shape[0]

    def backward(self, dout=1):
        return (self.y - self.t) * (dout / self.y.shape[0])


class UnigramSampler:
    """Negative samples from the unigram distribution raised to ``power`` (ch. 4.2.6).

    ``P(w) ∝ count(w) ** power`` over the corpus (``power=0.75`` makes rare words a
    little likelier). ``get_negative_sample(target)``: ids of any shape, e.g. (N,) →
    (N, sample_size) int64 negatives; no negative equals its row's target.

    One vectorised draw per batch, with the target excluded by inverse-CDF sampling
    with the target's interval cut out: each slot's uniform number is drawn from
    ``[0, 1 - P(target))`` and shifted past the target's interval ``[cdf[t-1],
    cdf[t])`` of the cumulative distribution when it reaches it, then
    ``searchsorted`` turns all ``N × sample_size`` numbers into ids at once. Each
    negative thus follows ``P`` restricted to the words other than its row's target,
    renormalised — the book's ``p[target] = 0`` distribution — with no rejection loop
    (a slot that still hits the target by floating-point rounding is drawn again).
    Unlike the book's CPU code (``replace=False``), one row may hold the same
    negative twice, as in the book's GPU code and in word2vec's C code.
    """

    def __init__(self, corpus, power: float = 0.75, sample_size: int = 5, *,
                 vocab_size: int | None = None, rng: np.random.Generator | None = None):
        corpus = np.asarray(corpus).reshape(-1)
        if sample_size < 1:
            raise ValueError(f"sample_size must be >= 1, got {sample_size}")
        counts = np.bincount(corpus, minlength=vocab_size or 0)
        if vocab_size is not None and len(counts) > vocab_size:
            raise ValueError(f"corpus has ids >= vocab_size={vocab_size}")
        self.vocab_size = len(counts)
        self.sample_size = sample_size
        self.word_p = counts.astype(np.float64) ** power
        self.word_p /= self.word_p.sum()
        cum = np.cumsum(counts.astype(np.float64) ** power)
        self._cdf = cum / cum[-1]          # exactly 1.0 from the last word with count > 0
        self._lo = np.r_[0.0, self._cdf[:-1]]           # start of each word's interval
        self._width = self._cdf - self._lo               # its probability
        self.rng = rng if rng is not None else np.random.default_rng()

    def get_negative_sample(self, target) -> np.ndarray:
        target = np.asarray(target)
        k = self.sample_size
        flat_target = np.repeat(target.reshape(-1), k)
        width = self._width[flat_target]
        if flat_target.size and width.max() > 1 - 1e-12:
            raise ValueError("a target is the only word with a non-zero probability: "
                             "no negative sample can differ from it")
        u = self.rng.random(flat_target.size) * (1.0 - width)
        u += width * (u >= self._lo[flat_target])        # skip the target's interval
        negative = np.searchsorted(self._cdf, u, side="right")
        np.minimum(negative, self.vocab_size - 1, out=negative)
        redo = np.flatnonzero(negative == flat_target)
        while redo.size:                                  # rounding at an interval edge
            fresh = np.searchsorted(self._cdf, self.rng.random(redo.size), side="right")
            negative[redo] = np.minimum(fresh, self.vocab_size - 1)
            redo = redo[negative[redo] == flat_target[redo]]
        return negative.astype(np.int64, copy=False).reshape(target.shape + (k,))


class NegativeSamplingLoss:
    """Binary loss of the true word against ``sample_size`` sampled words (ch. 4.2.7).

    ``W``: (V, D) output embedding. ``forward(h, target)``: ``h`` (N, D), ``target``
    (N,) → scalar ``(1/N) Σ_n [-log σ(s_n,pos) - Σ_k log σ(-s_n,k)]`` — the book's sum of
    ``1 + sample_size`` batch-mean losses. ``backward(dout=1)`` → ``dh`` (N, D); fills
    ``grads = [dW]``. Negatives come from ``sampler.get_negative_sample(target)``
    (default: a ``UnigramSampler(corpus, power, sample_size, rng=rng)``); pass another
    ``sampler`` (e.g. fixed negatives for a gradient check).
    """

    def __init__(self, W, corpus=None, power: float = 0.75, sample_size: int = 5, *,
                 sampler=None, rng: np.random.Generator | None = None):
        if sampler is None:
            if corpus is None:
                raise ValueError("give a corpus (for the unigram sampler) or a sampler")
            sampler = UnigramSampler(corpus, power, sample_size, vocab_size=W.shape[0], rng=rng)
        self.sampler = sampler
        self.sample_size = sample_size
        self.embed_dot = EmbeddingDot(W)
        self.loss_layer = SigmoidWithLoss()
        self.params, self.grads = self.embed_dot.params, self.embed_dot.grads
        self._labels = None

    def forward(self, h, target):
        target = np.asarray(target)
        negative = np.asarray(self.sampler.get_negative_sample(target))
        ids = np.concatenate([target[:, None].astype(negative.dtype), negative], axis=1)
        score = self.embed_dot.forward(h, ids)                  # (N, 1 + k)
        if self._labels is None or self._labels.shape != score.shape or self._labels.dtype != score.dtype:
            self._labels = np.zeros(score.shape, dtype=score.dtype)
            self._labels[:, 0] = 1
        return self.loss_layer.forward(score, self._labels)

    def backward(self, dout=1):
        dscore = self.loss_layer.backward(dout)
        return self.embed_dot.backward(dscore)


class _NegativeSamplingModel(ParamsIO):
    """What CBOW and SkipGram share: ``W_in`` behind an ``Embedding``, ``W_out`` behind a
    ``NegativeSamplingLoss`` (both (V, H)), ``params = [W_in, W_out]``, ``word_vecs = W_in``."""

    def __init__(self, vocab_size: int, hidden_size: int, window_size: int, corpus, *,
                 sample_size: int = 5, power: float = 0.75, dtype=np.float32,
                 rng: np.random.Generator | None = None):
        rng = rng if rng is not None else np.random.default_rng()
        V, H = vocab_size, hidden_size
        W_in, W_out = _init(rng, (V, H), dtype), _init(rng, (V, H), dtype)
        self.window_size = window_size
        self.in_layer = Embedding(W_in)
        self.ns_loss = NegativeSamplingLoss(W_out, corpus, power, sample_size, rng=rng)
        self.params = [W_in, W_out]
        self.grads = [self.in_layer.grads[0], self.ns_loss.grads[0]]
        self.word_vecs = W_in

    def _contexts(self, contexts) -> np.ndarray:
        """``contexts`` as an (N, 2w) array; a clear error for any other shape."""
        contexts = np.asarray(contexts)
        if contexts.ndim != 2 or contexts.shape[1] != 2 * self.window_size:
            raise ValueError(f"contexts must be (N, {2 * self.window_size}) ids, got {contexts.shape}")
        return contexts


class CBOW(_NegativeSamplingModel):
    """CBOW with an Embedding input and negative sampling (book 2, ch. 4.3).

    ``contexts``: (N, 2w) ids → ``h`` = mean of their rows of ``W_in`` (V, H) (one
    ``Embedding`` look-up for all 2w positions); ``target`` (N,) ids, scored by
    ``NegativeSamplingLoss`` on ``W_out`` (V, H). ``forward`` → scalar loss;
    ``params = [W_in, W_out]``; ``word_vecs = W_in``.
    """

    _n_ctx = None

    def forward(self, contexts, target):
        contexts = self._contexts(contexts)
        h = self.in_layer.forward(contexts).mean(axis=1)        # (N, H)
        self._n_ctx = contexts.shape[1]
        return self.ns_loss.forward(h, target)

    def backward(self, dout=1):
        """Fill ``grads``; returns ``None``."""
        dh = self.ns_loss.backward(dout) * (1.0 / self._n_ctx)
        n, hidden = dh.shape
        self.in_layer.backward(np.broadcast_to(dh[:, None, :], (n, self._n_ctx, hidden)))
        return None


class SkipGram(_NegativeSamplingModel):
    """Skip-gram with an Embedding input and negative sampling (book 2, ch. 4.3.5).

    ``target`` (N,) ids → ``h`` = their rows of ``W_in`` (V, H); each of the 2w
    ``contexts`` (N, 2w) ids is scored by negative sampling on ``W_out`` (V, H), its
    negatives drawn to differ from that context word. ``forward`` → the sum over the
    2w positions of the batch-mean losses (the book's sum of 2w loss layers), computed
    as one ``NegativeSamplingLoss`` call on (N·2w) rows. ``params = [W_in, W_out]``.
    """

    _shape = None

    def forward(self, contexts, target):
        contexts = self._contexts(contexts)
        n, c = contexts.shape
        h = self.in_layer.forward(np.asarray(target))           # (N, H)
        self._shape = (n, c)
        h_rep = np.repeat(h, c, axis=0)                         # row n*c + i ↔ contexts[n, i]
        # the NS loss averages over N·c rows; the book sums c means over N rows
        return c * self.ns_loss.forward(h_rep, contexts.reshape(-1))

    def backward(self, dout=1):
        """Fill ``grads``; returns ``None``."""
        n, c = self._shape
        dh_rep = self.ns_loss.backward(dout * c)
        self.in_layer.backward(dh_rep.reshape(n, c, -1).sum(axis=1))
        return None
