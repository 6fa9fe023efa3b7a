"""Count-based word vectors of PTB (book 2 ch. 2.4): the co-occurrence matrix, PPMI
and truncated SVD, vectorised (course_lib.text) against the book's loops.

Rows, on PTB's train split (929,589 words, V = 10,000, window 2 as in the book's
``count_method_big.py``):

- ``create_co_matrix``: the library (pairs per offset counted with ``np.unique``)
  against a transcription of the book's loop over the corpus, run on the first
  ``--loop-words`` words and extrapolated linearly to the whole corpus;
- ``ppmi``: the library (blocks of rows, float32) on the full 10,000 × 10,000 matrix
  against a transcription of the book's double loop over cells, run on the first
  ``--loop-rows`` rows and extrapolated to all 10,000 (the loop's cost per cell does
  not depend on the row); the two agree on those rows (checked);
- ``svd(M, k=100, method='randomized')``: scikit-learn's ``randomized_svd`` as the book
  uses it, on the PPMI matrix as given to it (mostly zeros: handed on as a SciPy CSR
  matrix), and with ``--svd-dense`` also on the dense array, for comparison.

Ratios are the book's (extrapolated) time / the library's. Bar of the issue: PPMI of
full PTB ≤ 5 s.

Run from the repository root on a quiet machine (``uptime``), with the native
OpenBLAS kernels (see benchmarks/README.md; never change those variables in tests)::

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 \\
        COURSE_DATA_MIRROR=file:///work/shared/datasets \\
        PYTHONPATH=. .venv/bin/python benchmarks/ppmi.py

Takes about 1 minute (needs about 2 GB of memory).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for path in (str(HERE), str(ROOT)):
    if path not in sys.path:
        sys.path.insert(0, path)

import numpy as np  # noqa: E402

from _timing import load_note, print_table  # noqa: E402
from course_lib import text  # noqa: E402
from course_lib.datasets.cache import DataUnavailableError  # noqa: E402
from course_lib.datasets.ptb import load_data  # noqa: E402

WINDOW = 2


def book_co_matrix(corpus, vocab_size, window_size=1):
    """Book 2 ``common/util.py`` ``create_co_matrix``, transcribed."""
    corpus_size = len(corpus)
    co_matrix = np.zeros((vocab_size, vocab_size), dtype=np.int32)
    for idx, word_id in enumerate(corpus):
        for i in range(1, window_size + 1):
            left_idx = idx - i
            right_idx = idx + i
            if left_idx >= 0:
                left_word_id = corpus[left_idx]
                co_matrix[word_id, left_word_id] += 1
            if right_idx < corpus_size:
                right_word_id = corpus[right_idx]
                co_matrix[word_id, right_word_id] += 1
    return co_matrix


def book_ppmi_rows(C, rows, eps=1e-8):
    """Book 2 ``common/util.py`` ``ppmi`` (its double loop), on the first ``rows`` rows."""
    M = np.zeros((rows, C.shape[1]), dtype=np.float32)
    N = np.sum(C)
    S = np.sum(C, axis=0)
    for i in range(rows):
        for j in range(C.shape[1]):
            pmi = np.log2(C[i, j] * N / (S[j] * S[i]) + eps)
            M[i, j] = max(0, pmi)
    return M


def timed(fn, *args, **kwargs):
    cpu, start = time.process_time(), time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - start, time.process_time() - cpu


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--loop-words", type=int, default=100_000, help="corpus words for the book's co-matrix loop")
    parser.add_argument("--loop-rows", type=int, default=20, help="matrix rows for the book's PPMI loop")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each library function (best is kept)")
    parser.add_argument("--svd-dense", action="store_true", help="also randomized SVD of the dense matrix (slow)")
    args = parser.parse_args(argv)
    print(load_note())
    print(f"numpy {np.__version__}; OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS')} "
          f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE')}")
    try:
        corpus, word_to_id, _ = load_data("train", source="ptb")
    except DataUnavailableError as err:
        print(f"PTB unavailable: {str(err).splitlines()[0]}")
        return 2
    V, L = len(word_to_id), len(corpus)
    rows = []

    # co-occurrence matrix
    runs = [timed(text.create_co_matrix, corpus, V, WINDOW) for _ in range(args.repeat)]
    C = runs[0][0]
    lib_wall, lib_cpu = min(r[1] for r in runs), min(r[2] for r in runs)
    part = corpus[:args.loop_words]
    ref, wall, cpu = timed(book_co_matrix, part, V, WINDOW)
    if not np.array_equal(ref, text.create_co_matrix(part, V, WINDOW)):
        raise AssertionError("create_co_matrix disagrees with the book's loop")
    scale = L / len(part)
    rows.append([f"create_co_matrix (window {WINDOW})", lib_wall, lib_cpu, wall * scale, cpu * scale,
                 wall * scale / lib_wall, f"book: {len(part):,} words × {scale:.1f}"])
    del ref

    # PPMI
    runs = [timed(text.ppmi, C) for _ in range(args.repeat)]
    M = runs[0][0]
    lib_wall, lib_cpu = min(r[1] for r in runs), min(r[2] for r in runs)
    with np.errstate(divide="ignore", invalid="ignore"):
        ref, wall, cpu = timed(book_ppmi_rows, C, args.loop_rows)
    if not np.allclose(ref, M[:args.loop_rows], rtol=1e-4, atol=1e-4):
        raise AssertionError("ppmi disagrees with the book's loop")
    scale = V / args.loop_rows
    rows.append(["ppmi (10,000 × 10,000)", lib_wall, lib_cpu, wall * scale, cpu * scale,
                 wall * scale / lib_wall, f"book: {args.loop_rows} rows × {scale:.0f}"])
    print(f"PPMI: {np.count_nonzero(M) / M.size:.2%} of the cells are non-zero")

    # truncated SVD
    (U, S, _), wall, cpu = timed(text.svd, M, 100, method="randomized", seed=0)
    rows.append(["svd k=100 randomized (sparse CSR)", wall, cpu, float("nan"), float("nan"), float("nan"),
                 "scikit-learn randomized_svd, n_iter=5"])
    if args.svd_dense:
        from sklearn.utils.extmath import randomized_svd

        (_, S_dense, _), wall, cpu = timed(randomized_svd, M, n_components=100, n_iter=5, random_state=0)
        rows.append(["svd k=100 randomized (dense)", wall, cpu, float("nan"), float("nan"), float("nan"),
                     f"max |ΔS|/S = {np.max(np.abs(S_dense - S) / S):.1e}"])

    print_table(["step", "library s", "library cpu s", "book s (extrap.)", "book cpu s", "× faster", "note"],
                rows, title=f"PTB train: {L:,} words, V = {V:,}; one BLAS thread requested")
    word_vecs = U
    w2i, i2w = word_to_id, {i: w for w, i in word_to_id.items()}
    for query in ("you", "year", "car", "toyota"):
        top = text.most_similar(query, w2i, i2w, word_vecs, top=5, verbose=False)
        print(f"  {query:>7} → " + ", ".join(f"{w} {s:.3f}" for w, s in top))
    print(load_note())
    return 0


if __name__ == "__main__":
    sys.exit(main())
