"""Words as vectors, counted (book 2, ch. 2) — and the helpers ch. 3–4 reuse.

- ``preprocess(text)`` → ``corpus`` (L,) int32 ids, ``word_to_id``, ``id_to_word``
- ``create_co_matrix(corpus, vocab_size, window_size)`` → (V, V) int32 counts
- ``cos_similarity``, ``most_similar``, ``analogy``, ``normalize``
- ``ppmi(C)`` → (V, V) float32 positive PMI, vectorised (row blocks, no loop over cells)
- ``svd(M, k)``: exact (``np.linalg.svd``) for small matrices, truncated
  (scikit-learn's ``randomized_svd``, or SciPy's ``svds``) for PTB-size ones
- ``create_contexts_target(corpus, window_size)`` and ``convert_one_hot`` (ch. 3)

Everything is vectorised: there is no Python loop over the corpus or over the cells
of a matrix (only over the few offsets of a window or over blocks of rows).
"""
from __future__ import annotations

import numpy as np

__all__ = ["analogy", "convert_one_hot", "cos_similarity", "create_co_matrix",
           "create_contexts_target", "most_similar", "normalize", "ppmi", "preprocess", "svd"]


def preprocess(text: str):
    """Split a text into word ids, as book 2 (ch. 2.3) does.

    Lower-cases the text, splits a ``'.'`` off as a word of its own and splits on
    whitespace (the book splits on single spaces; runs of spaces give no empty words
    here). Ids are given in order of first appearance.

    Returns ``corpus`` (L,) int32, ``word_to_id`` {word: id}, ``id_to_word`` {id: word}.

    >>> corpus, w2i, i2w = preprocess("You say goodbye and I say hello.")
    >>> corpus.tolist(), i2w[6]
    ([0, 1, 2, 3, 4, 1, 5, 6], '.')
    """
    words = text.lower().replace(".", " .").split()
    word_to_id: dict[str, int] = {}
    for word in words:
        if word not in word_to_id:
            word_to_id[word] = len(word_to_id)
    corpus = np.fromiter((word_to_id[w] for w in words), dtype=np.int32, count=len(words))
    id_to_word = {i: w for w, i in word_to_id.items()}
    return corpus, word_to_id, id_to_word


def _pair_ids(corpus: np.ndarray, window_size: int):
    """Word-id pairs (centre, neighbour) at distances 1..window_size, both directions.

    Returns two int64 arrays of equal length; the loop runs over the window's
    offsets only.
    """
    corpus = np.asarray(corpus, dtype=np.int64).reshape(-1)
    left, right = [], []
    for d in range(1, window_size + 1):
        if d >= len(corpus):
            break
        a, b = corpus[:-d], corpus[d:]
        left += [a, b]
        right += [b, a]
    if not left:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    return np.concatenate(left), np.concatenate(right)


def create_co_matrix(corpus, vocab_size: int, window_size: int = 1) -> np.ndarray:
    """Co-occurrence counts of ``corpus`` (L,) word ids within ``window_size`` words.

    ``C[i, j]`` counts how often word ``j`` stands at most ``window_size`` words left
    or right of word ``i`` (the corpus is one sequence: sentence ends are not
    boundaries, as in the book). Returns (V, V) int32, symmetric. Vectorised: the
    pairs of each offset are counted at once (``np.unique``), then written into the
    matrix — no ``np.add.at`` and no loop over the corpus.
    """
    if window_size < 1:
        raise ValueError(f"window_size must be >= 1, got {window_size}")
    corpus = np.asarray(corpus)
    if corpus.size and (corpus.min() < 0 or corpus.max() >= vocab_size):
        raise ValueError(f"corpus ids must lie in [0, {vocab_size}), "
                         f"got {corpus.min()}..{corpus.max()}")
    co_matrix = np.zeros((vocab_size, vocab_size), dtype=np.int32)
    a, b = _pair_ids(corpus, window_size)
    if a.size:
        keys, counts = np.unique(a * vocab_size + b, return_counts=True)
        co_matrix.reshape(-1)[keys] = counts
    return co_matrix


def normalize(x: np.ndarray, eps: float = 0.0) -> np.ndarray:
    """Scale a vector (D,) or the rows of a matrix (N, D) to unit L2 norm.

    ``eps`` is added to the norm (0 as in the book's ``normalize``; all-zero rows
    then give NaN — pass a small ``eps`` to get zeros instead).
    """
    x = np.asarray(x)
    if x.ndim == 2:
        return x / (np.sqrt((x * x).sum(axis=1, keepdims=True)) + eps)
    return x / (np.sqrt((x * x).sum()) + eps)


def cos_similarity(x, y, eps: float = 1e-8) -> float:
    """Cosine similarity of two vectors (D,), ``x·y / (|x| |y|)``.

    As in the book, ``eps`` is added to each norm, so a zero vector gives 0, not NaN.
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    nx = x / (np.sqrt(np.sum(x ** 2)) + eps)
    ny = y / (np.sqrt(np.sum(y ** 2)) + eps)
    return float(np.dot(nx, ny))


def _dots_and_norms(word_matrix, vec, block_rows: int = 2048):
    """``word_matrix @ vec`` and the rows' L2 norms, in float64, over blocks of rows.

    Blocks keep the float64 copy small for a (10,000 × 10,000) count matrix.
    Returns two (V,) float64 arrays.
    """
    W = np.asarray(word_matrix)
    vec = np.asarray(vec, dtype=np.float64)
    dots = np.empty(W.shape[0])
    norms = np.empty(W.shape[0])
    for start in range(0, W.shape[0], block_rows):
        block = W[start:start + block_rows].astype(np.float64, copy=False)
        dots[start:start + block_rows] = block @ vec
        norms[start:start + block_rows] = np.sqrt(np.einsum("ij,ij->i", block, block))
    return dots, norms


def _similarities(query_vec, word_matrix, eps: float = 1e-8) -> np.ndarray:
    """``cos_similarity(word_matrix[i], query_vec)`` for every row i, vectorised: (V,)."""
    q = np.asarray(query_vec, dtype=np.float64)
    q = q / (np.sqrt(q @ q) + eps)
    dots, norms = _dots_and_norms(word_matrix, q)
    return dots / (norms + eps)


def most_similar(query: str, word_to_id, id_to_word, word_matrix, top: int = 5,
                 verbose: bool = True):
    """The ``top`` words most cosine-similar to ``query`` (book 2, ch. 2.3.5).

    ``word_matrix``: (V, D) one row per word id. Returns a list of ``(word,
    similarity)`` pairs, best first, without the query itself. With ``verbose``,
    prints them as the book does. A query outside the vocabulary prints a note and
    returns ``[]``.
    """
    if query not in word_to_id:
        if verbose:
            print(f"'{query}'은(는) 어휘에 없습니다 ({query} is not found).")
        return []
    query_id = word_to_id[query]
    similarity = _similarities(np.asarray(word_matrix)[query_id], word_matrix)
    result = []
    for i in np.argsort(-similarity, kind="stable"):
        if i == query_id:
            continue
        result.append((id_to_word[int(i)], float(similarity[i])))
        if len(result) >= top:
            break
    if verbose:
        print(f"\n[query] {query}")
        for word, sim in result:
            print(f" {word}: {sim:.4f}")
    return result


def analogy(a: str, b: str, c: str, word_to_id, id_to_word, word_matrix, top: int = 5,
            answer: str | None = None, verbose: bool = True, cosine: bool = False):
    """Solve ``a : b = c : ?`` by vector arithmetic (book 2, ch. 4.4.2).

    The query ``b - a + c`` is normalised to unit length and scored against every row
    of ``word_matrix`` (V, D) by a dot product — the book's normalisation: the rows
    themselves are *not* normalised, so scores can exceed 1. ``cosine=True``
    normalises the rows too (cosine similarity, scores in [-1, 1]). ``a``, ``b``, ``c``
    are left out of the answers. Returns a list of ``(word, score)``, best first; with
    ``verbose`` prints like the book (and the score of ``answer`` when given). A word
    outside the vocabulary prints a note and returns ``[]``.
    """
    for word in (a, b, c):
        if word not in word_to_id:
            if verbose:
                print(f"'{word}'은(는) 어휘에 없습니다 ({word} is not found).")
            return []
    W = np.asarray(word_matrix)
    a_vec, b_vec, c_vec = (W[word_to_id[w]].astype(np.float64) for w in (a, b, c))
    if cosine:
        a_vec, b_vec, c_vec = (normalize(v, eps=1e-8) for v in (a_vec, b_vec, c_vec))
    query_vec = normalize(b_vec - a_vec + c_vec)
    similarity, norms = _dots_and_norms(W, query_vec)
    if cosine:
        similarity /= norms + 1e-8
    if verbose:
        print(f"\n[analogy] {a}:{b} = {c}:?")
        if answer is not None and answer in word_to_id:
            print(f"==>{answer}:{similarity[word_to_id[answer]]:.4f}")
    result = []
    skip = {word_to_id[a], word_to_id[b], word_to_id[c]}
    for i in np.argsort(-similarity, kind="stable"):
        if np.isnan(similarity[i]) or int(i) in skip:
            continue
        result.append((id_to_word[int(i)], float(similarity[i])))
        if len(result) >= top:
            break
    if verbose:
        for word, score in result:
            print(f" {word}: {score:.4f}")
    return result


def ppmi(C, verbose: bool = False, eps: float = 1e-8, block_rows: int = 1024) -> np.ndarray:
    """Positive pointwise mutual information of a co-occurrence matrix (ch. 2.4.1).

    ``M[i, j] = max(0, log2(C[i, j] * N / (S[j] * S[i]) + eps))`` with ``N = C.sum()``
    and ``S = C.sum(axis=0)`` — the book's formula, eps included (a zero count gives
    ``log2(eps) < 0`` → 0). Rows and columns of words with ``S = 0`` give 0.

    ``C``: (V, V) counts. Returns (V, V) float32. Vectorised over blocks of
    ``block_rows`` rows (bounded temporary memory for PTB's 10,000 × 10,000); with
    ``verbose`` prints the progress at every 10 %.
    """
    C = np.asarray(C)
    if C.ndim != 2 or C.shape[0] != C.shape[1]:
        raise ValueError(f"C must be a square (V, V) matrix, got shape {C.shape}")
    n_rows = C.shape[0]
    N = float(np.sum(C, dtype=np.float64))
    S = np.sum(C, axis=0, dtype=np.float64)
    with np.errstate(divide="ignore"):
        inv_s = np.where(S > 0, 1.0 / S, 0.0)
    col_scale = inv_s.astype(np.float32)
    row_scale = (N * inv_s).astype(np.float32)
    M = np.empty(C.shape, dtype=np.float32)
    eps32 = np.float32(eps)
    reported = 0
    for start in range(0, n_rows, block_rows):
        stop = min(start + block_rows, n_rows)
        block = M[start:stop]
        np.multiply(C[start:stop], col_scale, out=block, dtype=np.float32, casting="unsafe")
        block *= row_scale[start:stop, None]
        block += eps32
        np.log2(block, out=block)
        np.maximum(block, 0, out=block)
        if verbose and 10 * stop // n_rows > reported:
            reported = 10 * stop // n_rows
            print(f"{100 * stop / n_rows:.0f}% 완료 (done)")
    return M


def svd(M, k: int | None = None, method: str = "auto", n_iter: int = 5, seed: int | None = 0):
    """Singular value decomposition ``M ≈ U @ diag(S) @ Vt``, full or truncated.

    ``M``: (m, n). ``k``: number of components (``None``: all, exact only).
    ``method``: ``'exact'`` (``np.linalg.svd``), ``'randomized'`` (scikit-learn's
    ``randomized_svd`` with ``n_iter`` power iterations, as the book uses for PTB),
    ``'svds'`` (SciPy's ARPACK ``svds``), or ``'auto'``: exact when ``k`` is None or
    ``min(m, n) <= 1000``, else randomized. A mostly-zero matrix (like PPMI of PTB) is
    handed to the truncated methods as a SciPy sparse matrix, which is much faster.

    Returns ``U`` (m, k), ``S`` (k,) descending, ``Vt`` (k, n). Word vectors are the
    first columns of ``U`` (book: ``word_vecs = U[:, :wordvec_size]``).
    """
    M = np.asarray(M) if not hasattr(M, "tocsr") else M
    if method == "auto":
        method = "exact" if k is None or min(M.shape) <= 1000 else "randomized"
    if method == "exact":
        dense = M.toarray() if hasattr(M, "toarray") else M
        U, S, Vt = np.linalg.svd(dense, full_matrices=False)
        if k is not None:
            U, S, Vt = U[:, :k], S[:k], Vt[:k]
        return U, S, Vt
    if k is None:
        raise ValueError(f"method={method!r} needs the number of components k")
    if not 0 < k < min(M.shape):
        raise ValueError(f"k must satisfy 0 < k < min(M.shape) = {min(M.shape)}, got {k}")
    A = M
    if not hasattr(A, "tocsr") and np.count_nonzero(A) < 0.1 * A.size:
        from scipy import sparse

        A = sparse.csr_matrix(A)
    if method == "randomized":
        from sklearn.utils.extmath import randomized_svd

        U, S, Vt = randomized_svd(A, n_components=k, n_iter=n_iter, random_state=seed)
        return U, S, Vt
    if method == "svds":
        from scipy.sparse.linalg import svds

        rng = np.random.default_rng(seed)
        v0 = rng.standard_normal(min(A.shape)).astype(A.dtype)
        U, S, Vt = svds(A.astype(np.float64) if A.dtype.kind != "f" else A, k=k, v0=v0)
        order = np.argsort(S)[::-1]
        return U[:, order], S[order], Vt[order]
    raise ValueError(f"method must be 'auto', 'exact', 'randomized' or 'svds', got {method!r}")


def create_contexts_target(corpus, window_size: int = 1):
    """Contexts and targets for word2vec (book 2, ch. 3.3.1), vectorised.

    ``corpus``: (L,) word ids. Returns ``contexts`` (L - 2w, 2w) — the w words left
    then the w words right of each target — and ``target`` (L - 2w,), in the
    corpus's dtype.
    """
    corpus = np.asarray(corpus).reshape(-1)
    if window_size < 1:
        raise ValueError(f"window_size must be >= 1, got {window_size}")
    n = len(corpus) - 2 * window_size
    if n <= 0:
        raise ValueError(f"corpus of {len(corpus)} words is too short for window_size={window_size}")
    offsets = np.r_[np.arange(-window_size, 0), np.arange(1, window_size + 1)]
    centres = np.arange(window_size, window_size + n)
    contexts = corpus[centres[:, None] + offsets]
    target = corpus[window_size:window_size + n].copy()
    return contexts, target


def convert_one_hot(corpus, vocab_size: int) -> np.ndarray:
    """One-hot encode word ids: (N,) → (N, V) or (N, C) → (N, C, V), int32 (as the book)."""
    corpus = np.asarray(corpus)
    if corpus.ndim not in (1, 2):
        raise ValueError(f"corpus must be (N,) or (N, C) ids, got shape {corpus.shape}")
    return (corpus[..., None] == np.arange(vocab_size)).astype(np.int32)
