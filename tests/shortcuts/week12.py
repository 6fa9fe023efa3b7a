"""Shortcut answers for week 12 (chapters/week12_word_representation.ipynb) that the graded tests must reject.

Each entry is the source of a whole replacement answer cell, written the way a student
who wants to skip the work (or who misread the exercise) would try it.
tests/test_exercises.py runs each one in place of the instructor's answer, then the
graded test cell (hidden tests included), and requires that cell to fail.
"""

SHORTCUTS = {
    # create_co_matrix(corpus, vocab_size, window_size=1)
    "week12_ex1": [
        # the library's function
        '''def create_co_matrix(corpus, vocab_size, window_size=1):
    return cl.text.create_co_matrix(corpus, vocab_size, window_size)
''',
        # the window only to the right
        '''def create_co_matrix(corpus, vocab_size, window_size=1):
    C = np.zeros((vocab_size, vocab_size), dtype=np.int32)
    for i, w in enumerate(corpus):
        for d in range(1, window_size + 1):
            if i + d < len(corpus):
                C[w, corpus[i + d]] += 1
    return C
''',
        # the word itself counted (distance 0)
        '''def create_co_matrix(corpus, vocab_size, window_size=1):
    C = np.zeros((vocab_size, vocab_size), dtype=np.int32)
    for i, w in enumerate(corpus):
        for j in range(max(0, i - window_size), min(len(corpus), i + window_size + 1)):
            C[w, corpus[j]] += 1
    return C
''',
        # window_size ignored: always one word left and right
        '''def create_co_matrix(corpus, vocab_size, window_size=1):
    C = np.zeros((vocab_size, vocab_size), dtype=np.int32)
    for i, w in enumerate(corpus):
        if i > 0:
            C[w, corpus[i - 1]] += 1
        if i + 1 < len(corpus):
            C[w, corpus[i + 1]] += 1
    return C
''',
        # off by one: distances 1 .. window_size - 1 (and at least 1)
        '''def create_co_matrix(corpus, vocab_size, window_size=1):
    C = np.zeros((vocab_size, vocab_size), dtype=np.int32)
    for i, w in enumerate(corpus):
        for d in range(1, max(window_size, 2)):
            for j in (i - d, i + d):
                if 0 <= j < len(corpus):
                    C[w, corpus[j]] += 1
    return C
''',
        # negative indices wrap around to the end of the corpus (only the right end is checked)
        '''def create_co_matrix(corpus, vocab_size, window_size=1):
    C = np.zeros((vocab_size, vocab_size), dtype=np.int32)
    for i, w in enumerate(corpus):
        for d in range(1, window_size + 1):
            for j in (i - d, i + d):
                if j < len(corpus):
                    C[w, corpus[j]] += 1
    return C
''',
        # the size taken from the corpus instead of vocab_size
        '''def create_co_matrix(corpus, vocab_size, window_size=1):
    V = int(np.max(corpus)) + 1
    C = np.zeros((V, V), dtype=np.int32)
    for i, w in enumerate(corpus):
        for d in range(1, window_size + 1):
            for j in (i - d, i + d):
                if 0 <= j < len(corpus):
                    C[w, corpus[j]] += 1
    return C
''',
        # presence (0/1) instead of counts
        '''def create_co_matrix(corpus, vocab_size, window_size=1):
    C = np.zeros((vocab_size, vocab_size), dtype=np.int32)
    for i, w in enumerate(corpus):
        for d in range(1, window_size + 1):
            for j in (i - d, i + d):
                if 0 <= j < len(corpus):
                    C[w, corpus[j]] = 1
    return C
''',
    ],
    # cos_similarity(x, y, eps=1e-8)
    "week12_ex2": [
        # the library's function
        '''def cos_similarity(x, y, eps=1e-8):
    return cl.text.cos_similarity(x, y, eps)
''',
        # no eps: a zero vector gives nan
        '''def cos_similarity(x, y, eps=1e-8):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    return float(x @ y / (np.linalg.norm(x) * np.linalg.norm(y)))
''',
        # the dot product without normalising
        '''def cos_similarity(x, y, eps=1e-8):
    return float(np.dot(x, y))
''',
        # only x normalised
        '''def cos_similarity(x, y, eps=1e-8):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    return float(x / (np.linalg.norm(x) + eps) @ y)
''',
        # the eps parameter ignored (always 1e-8)
        '''def cos_similarity(x, y, eps=1e-8):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    return float((x / (np.linalg.norm(x) + 1e-8)) @ (y / (np.linalg.norm(y) + 1e-8)))
''',
        # SciPy's cosine distance
        '''def cos_similarity(x, y, eps=1e-8):
    from scipy.spatial.distance import cosine
    return float(1.0 - cosine(x, y))
''',
    ],
    # ppmi(C, eps=1e-8), vectorised
    "week12_ex3": [
        # the library's function
        '''def ppmi(C, eps=1e-8):
    return cl.text.ppmi(C, eps=eps)
''',
        # the book's loop over every cell
        '''def ppmi(C, eps=1e-8):
    M = np.zeros(C.shape, dtype=np.float32)
    N = np.sum(C)
    S = np.sum(C, axis=0)
    for i in range(C.shape[0]):
        for j in range(C.shape[1]):
            if S[i] == 0 or S[j] == 0:
                continue
            pmi = np.log2(C[i, j] * N / (S[j] * S[i]) + eps)
            M[i, j] = max(0, pmi)
    return M
''',
        # the max(0, .) forgotten (with log2(0 + eps) the empty cells are large negatives)
        '''def ppmi(C, eps=1e-8):
    C = np.asarray(C, dtype=float)
    S = C.sum(axis=0)
    inv = np.divide(1.0, S, out=np.zeros_like(S), where=S > 0)
    return np.log2(C * C.sum() * np.outer(inv, inv) + eps)
''',
        # the natural log instead of log2
        '''def ppmi(C, eps=1e-8):
    C = np.asarray(C, dtype=float)
    S = C.sum(axis=0)
    inv = np.divide(1.0, S, out=np.zeros_like(S), where=S > 0)
    return np.maximum(0, np.log(C * C.sum() * np.outer(inv, inv) + eps))
''',
        # words that never co-occur not handled: 0 / 0 gives nan
        '''def ppmi(C, eps=1e-8):
    C = np.asarray(C, dtype=float)
    S = C.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.maximum(0, np.log2(C * C.sum() / np.outer(S, S) + eps))
''',
        # divided by N instead of multiplied
        '''def ppmi(C, eps=1e-8):
    C = np.asarray(C, dtype=float)
    S = C.sum(axis=0)
    inv = np.divide(1.0, S, out=np.zeros_like(S), where=S > 0)
    return np.maximum(0, np.log2(C / C.sum() * np.outer(inv, inv) + eps))
''',
        # the eps parameter ignored (always 1e-8)
        '''def ppmi(C, eps=1e-8):
    C = np.asarray(C, dtype=float)
    S = C.sum(axis=0)
    inv = np.divide(1.0, S, out=np.zeros_like(S), where=S > 0)
    return np.maximum(0, np.log2(C * C.sum() * np.outer(inv, inv) + 1e-8))
''',
        # the row sums of the whole matrix for N (a vector instead of a scalar)
        '''def ppmi(C, eps=1e-8):
    C = np.asarray(C, dtype=float)
    S = C.sum(axis=0)
    inv = np.divide(1.0, S, out=np.zeros_like(S), where=S > 0)
    return np.maximum(0, np.log2(C * C.sum(axis=1, keepdims=True) * np.outer(inv, inv) + eps))
''',
    ],
    # top_k_similar(query_id, word_matrix, k=5) -> (ids, sims)
    "week12_ex4": [
        # the library's most_similar with made-up dictionaries
        '''def top_k_similar(query_id, word_matrix, k=5):
    id_to_w = {i: str(i) for i in range(len(word_matrix))}
    w_to_id = {w: i for i, w in id_to_w.items()}
    result = cl.text.most_similar(str(query_id), w_to_id, id_to_w, word_matrix, top=k, verbose=False)
    return np.array([int(w) for w, _ in result]), np.array([s for _, s in result])
''',
        # the notebook's cos_similarity, one row at a time
        '''def top_k_similar(query_id, word_matrix, k=5):
    sims = np.array([cos_similarity(row, word_matrix[query_id]) for row in word_matrix])
    order = [i for i in np.argsort(-sims, kind="stable") if i != query_id][:k]
    return np.array(order), sims[order]
''',
        # the query itself not excluded
        '''def top_k_similar(query_id, word_matrix, k=5):
    W = np.asarray(word_matrix, dtype=float)
    norms = np.linalg.norm(W, axis=1) + 1e-8
    sims = (W @ (W[query_id] / norms[query_id])) / norms
    order = np.argsort(-sims, kind="stable")[:k]
    return order, sims[order]
''',
        # the best match dropped as if it were always the query
        '''def top_k_similar(query_id, word_matrix, k=5):
    W = np.asarray(word_matrix, dtype=float)
    norms = np.linalg.norm(W, axis=1) + 1e-8
    sims = (W @ (W[query_id] / norms[query_id])) / norms
    order = np.argsort(-sims, kind="stable")[1:k + 1]
    return order, sims[order]
''',
        # ranked by the dot product, rows not normalised
        '''def top_k_similar(query_id, word_matrix, k=5):
    W = np.asarray(word_matrix, dtype=float)
    sims = W @ W[query_id]
    order = [i for i in np.argsort(-sims, kind="stable") if i != query_id][:k]
    return np.array(order), sims[order]
''',
        # the smallest similarities (ascending order)
        '''def top_k_similar(query_id, word_matrix, k=5):
    W = np.asarray(word_matrix, dtype=float)
    norms = np.linalg.norm(W, axis=1) + 1e-8
    sims = (W @ (W[query_id] / norms[query_id])) / norms
    order = [i for i in np.argsort(sims, kind="stable") if i != query_id][:k]
    return np.array(order), sims[order]
''',
        # k ignored: always 4, the visible test's k
        '''def top_k_similar(query_id, word_matrix, k=5):
    W = np.asarray(word_matrix, dtype=float)
    norms = np.linalg.norm(W, axis=1) + 1e-8
    sims = (W @ (W[query_id] / norms[query_id])) / norms
    order = [i for i in np.argsort(-sims, kind="stable") if i != query_id][:4]
    return np.array(order), sims[order]
''',
        # ranked by the absolute similarity
        '''def top_k_similar(query_id, word_matrix, k=5):
    W = np.asarray(word_matrix, dtype=float)
    norms = np.linalg.norm(W, axis=1) + 1e-8
    sims = (W @ (W[query_id] / norms[query_id])) / norms
    order = [i for i in np.argsort(-np.abs(sims), kind="stable") if i != query_id][:k]
    return np.array(order), sims[order]
''',
    ],
}
