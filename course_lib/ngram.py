"""Count-based n-gram language models (book 2, 5.1): the statistical language models
that RNN language models replaced, and their sparsity problem.

An n-gram model approximates ``P(w_t | w_1 .. w_{t-1})`` by ``P(w_t | w_{t-n+1} .. w_{t-1})``
(the last ``n - 1`` words, the *context*) and estimates it from counts::

    P(w | h) = c(h, w) / c(h)                                 smoothing="none"  (MLE)
    P(w | h) = (c(h, w) + k) / (c(h) + k V)                   smoothing="add-k" (Laplace for k=1)
    P(w | h) = max(c(h, w) - d, 0) / c(h)
               + d N1+(h .) / c(h) * P(w | shorter h)         smoothing="backoff"

where ``c(h) = sum_w c(h, w)`` and ``N1+(h .)`` is the number of distinct words seen
after ``h``. "backoff" is *interpolated absolute discounting* (Kneser–Ney without
continuation counts): every seen n-gram gives up ``d`` counts, and the mass freed
this way is spread with the next-shorter model; an unseen context uses the shorter
model alone. The shortest model, the unigram, is interpolated with the uniform
distribution ``1/V`` the same way, so every word gets a probability above zero and
every distribution sums to 1 (unlike "stupid backoff", which is not a probability).

Counting is vectorised: an m-gram of ids ``(w_1, .., w_m)`` becomes the int64 key
``((w_1 V + w_2) V + ..) V + w_m``, and ``np.unique`` counts all keys of a corpus at
once (PTB's 929k words: well under a second per order). Lookups are binary searches
(``np.searchsorted``) in the sorted keys.
"""
from __future__ import annotations

import numpy as np

SMOOTHINGS = ("none", "add-k", "backoff")
_INT64_MAX = np.iinfo(np.int64).max


def _keys(corpus: np.ndarray, m: int, V: int) -> np.ndarray:
    """int64 keys of every m-gram of ``corpus`` (L,) → (L - m + 1,)."""
    L = len(corpus)
    keys = np.zeros(L - m + 1, dtype=np.int64)
    for j in range(m):
        keys *= V
        keys += corpus[j:L - m + 1 + j]
    return keys


def _lookup(sorted_keys: np.ndarray, values: np.ndarray, query: np.ndarray) -> np.ndarray:
    """``values`` of ``query`` keys found in ``sorted_keys``, 0 for keys not there.

    ``sorted_keys``, ``values``: (K,); ``query``: any shape → same shape.
    """
    if len(sorted_keys) == 0:
        return np.zeros(np.shape(query), dtype=values.dtype)
    idx = np.searchsorted(sorted_keys, query)
    idx = np.minimum(idx, len(sorted_keys) - 1)
    found = sorted_keys[idx] == query
    return np.where(found, values[idx], 0)


class _Order:
    """Counts of one order m: m-gram keys and counts, and per context (the first m-1
    words) the total count ``c(h)`` and the number of distinct next words ``N1+(h .)``."""

    def __init__(self, corpus: np.ndarray, m: int, V: int):
        self.m = m
        self.keys, counts = np.unique(_keys(corpus, m, V), return_counts=True)
        self.counts = counts.astype(np.int64)
        prefixes = self.keys // V                      # the context key (0 for m = 1)
        self.ctx_keys, starts = np.unique(prefixes, return_index=True)
        self.ctx_counts = np.add.reduceat(self.counts, starts) if len(starts) else self.counts[:0]
        self.ctx_types = np.diff(np.append(starts, len(self.keys))).astype(np.int64)


class NGramLM:
    """Count-based n-gram language model over word ids ``0 .. V-1``.

    Args:
        n: order (1 unigram, 2 bigram, 3 trigram, ...); the context is the last
            ``n - 1`` words.
        smoothing: ``"none"`` (maximum likelihood: unseen n-grams get probability 0,
            unseen contexts have no distribution), ``"add-k"`` (add ``k`` to every
            count; ``k=1`` is Laplace smoothing) or ``"backoff"`` (interpolated
            absolute discounting with discount ``discount``, down to a unigram mixed
            with the uniform distribution).
        k: the pseudo-count of ``"add-k"`` (> 0).
        discount: the absolute discount ``d`` of ``"backoff"``, in (0, 1).

    Use ``fit(corpus, vocab_size)``, then ``prob``, ``next_distribution``,
    ``probs``, ``perplexity`` and ``sparsity``.
    """

    def __init__(self, n: int = 2, smoothing: str = "add-k", k: float = 1.0, discount: float = 0.75):
        if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 1:
            raise ValueError(f"n must be an integer >= 1 (1 = unigram, 2 = bigram, ...), got {n!r}")
        if smoothing not in SMOOTHINGS:
            raise ValueError(f"smoothing must be one of {SMOOTHINGS}, got {smoothing!r}")
        if smoothing == "add-k" and not k > 0:
            raise ValueError(f"add-k smoothing needs k > 0 (k=1 is Laplace), got k={k}; "
                             "for no smoothing use smoothing='none'")
        if smoothing == "backoff" and not 0 < discount < 1:
            raise ValueError(f"discount must be in (0, 1), got {discount}")
        self.n = int(n)
        self.smoothing = smoothing
        self.k = float(k)
        self.discount = float(discount)
        self.vocab_size: int | None = None
        self._orders: list[_Order] = []

    def __repr__(self):
        extra = {"add-k": f", k={self.k:g}", "backoff": f", discount={self.discount:g}"}.get(self.smoothing, "")
        fitted = f", V={self.vocab_size}" if self.vocab_size else ", not fitted"
        return f"NGramLM(n={self.n}, smoothing={self.smoothing!r}{extra}{fitted})"

    # ----------------------------------------------------------------------- fitting
    def _check_ids(self, ids, what: str, min_len: int = 0) -> np.ndarray:
        ids = np.asarray(ids)
        if ids.ndim != 1 or not np.issubdtype(ids.dtype, np.integer):
            raise ValueError(f"{what} must be a 1-D array of integer word ids, got shape {ids.shape} "
                             f"and dtype {ids.dtype}")
        if len(ids) < min_len:
            raise ValueError(f"{what} has {len(ids)} ids; a {self.n}-gram model needs at least {min_len}")
        if len(ids) and (ids.min() < 0 or ids.max() >= self.vocab_size):
            raise ValueError(f"{what} has ids outside 0..{self.vocab_size - 1} (min {ids.min()}, "
                             f"max {ids.max()}); pass the vocabulary size of the whole data to fit")
        return ids.astype(np.int64)

    def fit(self, corpus, vocab_size: int) -> "NGramLM":
        """Count all 1- to n-grams of ``corpus`` (L,) int ids in ``0 .. vocab_size-1``.

        Returns ``self``. ``vocab_size`` is the size V of the vocabulary (also of words
        that never occur in ``corpus``: smoothed models give them probability too).
        """
        if not isinstance(vocab_size, (int, np.integer)) or vocab_size < 1:
            raise ValueError(f"vocab_size must be a positive integer, got {vocab_size!r}")
        if float(vocab_size) ** self.n > _INT64_MAX:
            raise ValueError(f"{self.n}-grams over a vocabulary of {vocab_size} do not fit in int64 "
                             "keys; use a smaller n")
        self.vocab_size = int(vocab_size)
        corpus = self._check_ids(corpus, "corpus", min_len=self.n)
        self._orders = [_Order(corpus, m, self.vocab_size) for m in range(1, self.n + 1)]
        return self

    def _fitted(self):
        if not self._orders:
            raise RuntimeError("this NGramLM is not fitted yet: call fit(corpus, vocab_size) first")

    def count(self, ngram) -> int:
        """How often the m-gram ``ngram`` (a tuple of 1..n ids) occurred in training."""
        self._fitted()
        ngram = self._check_ids(np.ravel(np.asarray(ngram)), "ngram", min_len=1)
        if len(ngram) > self.n:
            raise ValueError(f"a {self.n}-gram model counts up to {self.n}-grams, got {len(ngram)} ids")
        key = _keys(ngram, len(ngram), self.vocab_size)
        order = self._orders[len(ngram) - 1]
        return int(_lookup(order.keys, order.counts, key)[0])

    # ------------------------------------------------------------------- probability
    def _cond_prob(self, contexts: np.ndarray, words: np.ndarray) -> np.ndarray:
        """``P(word | context)`` for rows: ``contexts`` (M, n-1) ids, ``words`` (M,) → (M,)."""
        V = self.vocab_size
        M = len(words)
        ctx_key = np.zeros(M, dtype=np.int64)          # key of the context of the current order
        if self.smoothing != "backoff":
            for j in range(self.n - 1):
                ctx_key = ctx_key * V + contexts[:, j]
            top = self._orders[-1]
            c_hw = _lookup(top.keys, top.counts, ctx_key * V + words).astype(float)
            c_h = _lookup(top.ctx_keys, top.ctx_counts, ctx_key).astype(float)
            if self.smoothing == "add-k":
                return (c_hw + self.k) / (c_h + self.k * V)
            return np.where(c_h > 0, c_hw / np.maximum(c_h, 1), 0.0)   # unseen context: no estimate
        d = self.discount
        uni = self._orders[0]
        total = float(uni.counts.sum())
        p = (np.maximum(_lookup(uni.keys, uni.counts, words) - d, 0) + d * len(uni.keys) / V) / total
        for m in range(2, self.n + 1):                  # lengthen the context one word at a time
            order = self._orders[m - 1]
            ctx_key = np.zeros(M, dtype=np.int64)
            for j in range(self.n - m, self.n - 1):     # the last m-1 context words
                ctx_key = ctx_key * V + contexts[:, j]
            c_h = _lookup(order.ctx_keys, order.ctx_counts, ctx_key).astype(float)
            types = _lookup(order.ctx_keys, order.ctx_types, ctx_key).astype(float)
            c_hw = _lookup(order.keys, order.counts, ctx_key * V + words).astype(float)
            seen = c_h > 0
            safe = np.where(seen, c_h, 1.0)
            p = np.where(seen, (np.maximum(c_hw - d, 0) + d * types * p) / safe, p)
        return p

    def _context(self, context) -> np.ndarray:
        """The last ``n - 1`` ids of ``context`` (tuple/list/array of ids) → (n-1,) int64."""
        ctx = np.ravel(np.asarray(context))
        if ctx.size == 0:
            ctx = ctx.astype(np.int64)
        if len(ctx) < self.n - 1:
            raise ValueError(f"a {self.n}-gram model needs a context of the last {self.n - 1} ids, "
                             f"got {len(ctx)}: {tuple(ctx.tolist())}")
        return self._check_ids(ctx[len(ctx) - (self.n - 1):], "context")

    def prob(self, context, word: int) -> float:
        """``P(word | context)``; ``context``: tuple of at least ``n - 1`` ids (the last
        ``n - 1`` are used; ``()`` for a unigram model), ``word``: one id."""
        self._fitted()
        ctx = self._context(context)
        w = self._check_ids(np.ravel(np.asarray(word)), "word", min_len=1)
        if len(w) != 1:
            raise ValueError(f"word must be one id, got {len(w)}; use next_distribution for all words")
        return float(self._cond_prob(ctx[None, :], w)[0])

    def next_distribution(self, context) -> np.ndarray:
        """``P(w | context)`` for every word ``w``: (V,) float64.

        Sums to 1 for smoothed models, seen or unseen context. With
        ``smoothing="none"`` an unseen context has no estimate: all zeros.
        """
        self._fitted()
        ctx = self._context(context)
        V = self.vocab_size
        return self._cond_prob(np.broadcast_to(ctx, (V, len(ctx))), np.arange(V, dtype=np.int64))

    def probs(self, corpus) -> np.ndarray:
        """Probability of each word of ``corpus`` (L,) given its ``n - 1`` predecessors.

        Returns (L - n + 1,): entry ``i`` is ``P(corpus[i + n - 1] | corpus[i : i + n - 1])``
        (the first ``n - 1`` words have too short a context and are not scored).
        """
        self._fitted()
        corpus = self._check_ids(corpus, "corpus", min_len=self.n)
        L, n = len(corpus), self.n
        contexts = np.stack([corpus[j:L - n + 1 + j] for j in range(n - 1)], axis=1) if n > 1 \
            else np.zeros((L, 0), dtype=np.int64)
        return self._cond_prob(contexts, corpus[n - 1:])

    def perplexity(self, corpus) -> float:
        """``exp(-mean log P(w_t | context))`` over the scored words of ``corpus`` (L,).

        ``inf`` when some word gets probability 0 (an unsmoothed model meeting an
        n-gram it never saw). A model guessing uniformly has perplexity V.
        """
        p = self.probs(corpus)
        if np.any(p <= 0):
            return float("inf")
        return float(np.exp(-np.mean(np.log(p))))

    def sparsity(self, corpus=None) -> float:
        """How sparse the n-gram counts are.

        Without ``corpus``: the fraction of the ``V**n`` possible n-grams never seen in
        training. With ``corpus`` (L,) (e.g. the test split): the fraction of its
        n-gram occurrences that never occurred in training — the words an unsmoothed
        model gives probability 0.
        """
        self._fitted()
        top = self._orders[-1]
        if corpus is None:
            return 1.0 - len(top.keys) / float(self.vocab_size) ** self.n
        corpus = self._check_ids(corpus, "corpus", min_len=self.n)
        keys = _keys(corpus, self.n, self.vocab_size)
        return float(np.mean(_lookup(top.keys, top.counts, keys) == 0))
