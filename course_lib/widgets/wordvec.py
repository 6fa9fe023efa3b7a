"""Widgets of week 12 (book 2 ch. 2): similar words by count / PPMI / SVD vectors.

:func:`similar_words` ranks the vocabulary by cosine similarity to a typed word, with
the same formula as :func:`course_lib.text.most_similar` (``eps = 1e-8`` added to each
norm). PTB's count and PPMI matrices are 10,000 × 10,000 but about 99 % zeros: the
widget keeps such a matrix as a SciPy CSR copy with its row norms computed once, so a
query is a sparse matrix-vector product (milliseconds) instead of a pass over
10⁸ dense entries (seconds).
"""
from __future__ import annotations

import difflib
import html
from collections.abc import Mapping

import numpy as np

from ._base import (_assemble, _check_vocabulary, _figure, _fit_left, _ipywidgets, _layout, _message,
                    _slider_style, _table)
from .sequence import _text  # the Text box that reports on Enter (weeks 19-20 use it too)

__all__ = ["similar_words"]

_EPS = 1e-8            # as cos_similarity / most_similar
_SPARSE_BELOW = 0.25   # a large matrix with fewer non-zeros than this fraction goes to CSR
_LARGE = 1_000_000     # entries; smaller matrices are used as dense float64


class _CosineIndex:
    """Cosine similarities of one row against all rows of ``W`` (V, D), fast for repeats.

    Matrices up to ``_LARGE`` entries are copied to dense float64; larger ones that are
    mostly zeros become SciPy CSR float64; other large ones are used as float32 (one
    copy at most). ``similarities(i)`` equals ``[cos_similarity(W[j], W[i]) for j in
    range(V)]`` (float32 matrices: to float32 precision).
    """

    def __init__(self, W):
        if hasattr(W, "tocsr"):
            W = W.tocsr().astype(np.float64)
        else:
            W = np.asarray(W)
            if W.size > _LARGE and np.count_nonzero(W) < _SPARSE_BELOW * W.size:
                from scipy import sparse

                W = sparse.csr_matrix(W, dtype=np.float64)
            elif W.size <= _LARGE:
                W = W.astype(np.float64)
            elif W.dtype != np.float32 and W.dtype != np.float64:
                W = W.astype(np.float32)
        self.W = W
        self.shape = W.shape
        if hasattr(W, "nnz"):
            self.norms = np.sqrt(np.asarray(W.multiply(W).sum(axis=1), dtype=np.float64).ravel())
            nnz = W.nnz
        else:
            self.norms = np.sqrt(np.einsum("ij,ij->i", W, W, dtype=np.float64))
            nnz = int(np.count_nonzero(W))
        self.density = nnz / max(self.shape[0] * self.shape[1], 1)

    def similarities(self, i: int) -> np.ndarray:
        """(V,) cosine similarities of row ``i`` with every row, float64."""
        row = self.W[i]
        q = np.asarray(row.toarray() if hasattr(row, "toarray") else row, dtype=np.float64).ravel()
        q = q / (np.sqrt(q @ q) + _EPS)
        dots = self.W @ (q if hasattr(self.W, "nnz") else q.astype(self.W.dtype, copy=False))
        return np.asarray(dots, dtype=np.float64).ravel() / (self.norms + _EPS)


def similar_words(vectors, word_to_id, id_to_word, *, query: str = "you", kind: str | None = None,
                  top: int = 5, max_top: int = 20):
    """Week 12: the words most similar to a typed word, by cosine similarity.

    Args:
        vectors: dict ``name -> (V, D) word vectors`` (NumPy arrays or SciPy sparse
            matrices), one row per word id, e.g. ``{'count': C, 'PPMI': W, 'SVD': U[:, :100]}``.
        word_to_id: dict word -> id (ids 0..V-1); id_to_word: dict (or list) id -> word.
        query: the first word shown (it must be in the vocabulary).
        kind: the first vectors shown (a key of ``vectors``; default the first key).
        top: how many neighbours to show first (1..max_top).

    Controls: ``'query'`` (Text; PTB is lower case, an upper-case word is looked up in
    lower case when only that is known), ``'vectors'`` (Dropdown of the names),
    ``'top'`` (IntSlider 1..max_top).
    State: ``query``, ``vectors`` (the name), ``top``, ``words`` and ``similarities``
    (lists, best first, without the query itself), ``error`` (a Korean message, or None).
    An unknown or empty word shows the message in ``.info`` and clears the figure.
    Each matrix is prepared (:class:`_CosineIndex`) the first time it is chosen.
    """
    if not isinstance(vectors, Mapping) or not vectors:
        raise ValueError("vectors must be a non-empty dict name -> (V, D) matrix, e.g. {'PPMI': W}.")
    _check_vocabulary(word_to_id, id_to_word, "preprocess or load_ptb")
    vocab = len(word_to_id)
    for name, W in vectors.items():
        shape = getattr(W, "shape", None)
        if shape is None or len(shape) != 2 or shape[0] != vocab:
            raise ValueError(f"vectors[{name!r}] must have one row per word: shape ({vocab}, D), got {shape}.")
    names = list(vectors)
    kind = names[0] if kind is None else kind
    if kind not in vectors:
        raise ValueError(f"kind={kind!r} is not one of {names}.")
    if isinstance(max_top, bool) or not isinstance(max_top, (int, np.integer)) or max_top < 1:
        raise ValueError(f"max_top must be an integer >= 1, got {max_top!r}.")
    max_top = int(min(max_top, vocab - 1)) if vocab > 1 else 1
    if isinstance(top, bool) or not isinstance(top, (int, np.integer)) or not 1 <= top <= max_top:
        raise ValueError(f"top must be an integer from 1 to {max_top}, got {top!r}.")
    indexes: dict[str, _CosineIndex] = {}

    def index(name):
        if name not in indexes:
            indexes[name] = _CosineIndex(vectors[name])
        return indexes[name]

    def lookup(text):
        """The word to query, or (None, a Korean message)."""
        words = text.split()
        if not words:
            return None, "단어를 하나 입력하세요."
        if len(words) > 1:
            return None, f"단어를 하나만 입력하세요 (입력: {text.strip()!r})."
        word = words[0]
        if word not in word_to_id and word.lower() in word_to_id:
            word = word.lower()
        if word not in word_to_id:
            close = difflib.get_close_matches(word.lower(), list(word_to_id), n=5, cutoff=0.75)
            hint = f" 철자가 비슷한 단어: {', '.join(close)}." if close else ""
            return None, (f"'{word}'은(는) 어휘(vocabulary)에 없는 단어입니다 (어휘 {vocab:,}개).{hint} "
                          "어휘에 있는 단어를 입력하세요.")
        return word, None

    _, problem = lookup(query)
    if problem:
        raise ValueError(f"query {query!r}: {problem}")

    w = _ipywidgets()
    controls = {
        "query": _text(query, "단어 (query)"),
        "vectors": w.Dropdown(options=names, value=kind, description="벡터 (vectors)",
                              style=_slider_style(), layout=_layout("330px")),
        "top": w.IntSlider(value=int(top), min=1, max=max_top, description="상위 k (top)",
                           style=_slider_style(), layout=_layout()),
    }
    info = w.HTML(layout=_layout("330px"))

    def update(box):
        name, k = controls["vectors"].value, int(controls["top"].value)
        word, problem = lookup(controls["query"].value)
        if problem:
            box.state = {"query": controls["query"].value, "vectors": name, "top": k, "words": [],
                         "similarities": [], "error": problem}
            info.value = _message(problem)
            box.show(None)
            return
        idx = index(name)
        qid = word_to_id[word]
        sims = idx.similarities(qid)
        order = [int(i) for i in np.argsort(-sims, kind="stable") if i != qid][:k]
        words = [id_to_word[i] for i in order]
        values = [float(sims[i]) for i in order]
        box.state = {"query": word, "vectors": name, "top": k, "words": words, "similarities": values,
                     "error": None}

        fig = _figure(5.2, 0.9 + 0.28 * max(k, 4), left=0.22, right=0.9, bottom=0.8 / (0.9 + 0.28 * max(k, 4)),
                      top=1 - 0.45 / (0.9 + 0.28 * max(k, 4)))
        ax = fig.subplots()
        y = np.arange(k)[::-1]
        ax.barh(y, values, color="tab:blue", height=0.7)
        ax.set_yticks(y, words, fontsize=9)
        lo = min(0.0, min(values))
        hi = max(values) if max(values) > 0 else 1.0
        ax.set_xlim(lo - 0.02 * (hi - lo), hi + 0.18 * (hi - lo))
        for yy, v in zip(y, values):
            ax.text(v if v >= 0 else 0, yy, f" {v:.3f}", va="center", fontsize=8)
        ax.axvline(0, color="k", lw=0.8)
        ax.set_xlabel("코사인 유사도 (cosine similarity)")
        ax.set_ylabel("단어")
        ax.set_title(f"'{word}'의 이웃 단어 — {name} 벡터, 상위 {k}개", fontsize=10)
        _fit_left(fig, ax)
        box.show(fig)

        rows = [(r + 1, wd, f"{v:.4f}") for r, (wd, v) in enumerate(zip(words, values))]
        kind_text = (f"{name}: {idx.shape[0]:,} × {idx.shape[1]:,}"
                     + (f", 0이 아닌 원소 {idx.density:.2%}" if idx.density < 0.5 else ""))
        info.value = (f"<p>질의 (query): <b>{html.escape(word)}</b><br>{html.escape(kind_text)}</p>"
                      + _table(["순위", "단어", "코사인 유사도"], rows))

    return _assemble(controls, update, info=info, title="비슷한 단어 찾기 (most similar words)",
                     rows=[["query"], ["vectors", "top"]])
