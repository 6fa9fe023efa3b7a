"""Embedding backward (scatter-add of rows) four ways, and one CBOW training step on PTB.

Part 1 — ``dW[idx[k]] += dout[k]`` for PTB-sized batches (book 2 ch. 4: batch 100,
window 5 → 1,000 context ids per step on the input side; 100 × (1 + 5 negatives) = 600
ids on the output side; D = 100, V = 10,000, float32), side by side in one run:

- ``np.add.at(dW, idx, dout)`` — the book's ``Embedding.backward`` (CPU path);
- ``course_lib.layers.scatter_add_rows`` — the library's: one stable sort of the ids,
  ``np.add.reduceat`` over runs of equal ids, one fancy-index add;
- ``np.bincount`` per column — ``np.unique(idx, return_inverse=True)``, then
  ``D`` calls ``np.bincount(inverse, weights=dout[:, j])`` into the unique rows;
- a sparse-matrix product — ``np.unique`` again, then ``(U × n) one-hot CSR @ dout``
  (SciPy) into the unique rows.

Each method writes into a zeroed ``dW`` (the zeroing is timed with it: every
``backward`` does it); all results are checked against a float64 ``np.add.at``.
Ratios are ``np.add.at`` time / method time. The ids are real PTB context and
target/negative ids when PTB can be had (else a Zipf-like draw, said in the output).

Part 2 — one step of ``course_lib.word2vec.CBOW`` on PTB with the book's settings
(window 5, hidden 100, batch 100, 5 negative samples, Adam), ``--cbow-iters`` steps
timed after ``--warmup`` ones and extrapolated to an epoch (929,579 contexts → 9,295
steps); sections: negative sampling, forward, backward, optimizer. Three optimizers
side by side: ``AllocatingAdam``, the library's Adam as it was written before (plain
expressions, fresh temporaries every step); the library's dense ``Adam``, the same
arithmetic in place (checked bit-identical first); and ``RowSparseAdam``,
a **prototype** that updates only the rows whose gradient is non-zero (PyTorch
``SparseAdam`` / TF ``LazyAdam`` semantics: untouched rows keep their moments — not
the same optimizer: a row seen once moves about one Adam step instead of the ~10 its
decaying momentum gives it under dense Adam).

Run from the repository root on a quiet machine (``uptime``), with the native
OpenBLAS kernels (see benchmarks/README.md; never change those variables in tests)::

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 \\
        COURSE_DATA_MIRROR=file:///work/shared/datasets \\
        PYTHONPATH=. .venv/bin/python benchmarks/embedding_backward.py

Takes about 1 minute; ``--cbow-iters 0`` skips part 2, ``--profile`` adds a cProfile
table of the step with each optimizer.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for path in (str(HERE), str(ROOT)):
    if path not in sys.path:
        sys.path.insert(0, path)

import numpy as np  # noqa: E402

from _timing import SectionTimer, load_note, print_table, time_calls  # noqa: E402
from course_lib.layers import scatter_add_rows  # noqa: E402
from course_lib.optimizers import Adam  # noqa: E402

V, D, BATCH, WINDOW, NEG = 10_000, 100, 100, 5, 5


# ---------------------------------------------------------------------------- part 1
def add_at(dW, idx, dout):
    dW[...] = 0
    np.add.at(dW, idx, dout)


def library(dW, idx, dout):
    dW[...] = 0
    scatter_add_rows(dW, idx, dout)


def bincount_columns(dW, idx, dout):
    dW[...] = 0
    uniq, inverse = np.unique(idx, return_inverse=True)
    rows = np.empty((len(uniq), dout.shape[1]), dtype=np.float64)
    for j in range(dout.shape[1]):
        rows[:, j] = np.bincount(inverse, weights=dout[:, j], minlength=len(uniq))
    dW[uniq] += rows.astype(dW.dtype, copy=False)


def sparse_product(dW, idx, dout):
    from scipy import sparse

    dW[...] = 0
    uniq, inverse = np.unique(idx, return_inverse=True)
    n = len(idx)
    one_hot = sparse.csr_matrix((np.ones(n, dtype=dout.dtype), (inverse, np.arange(n))),
                                shape=(len(uniq), n))
    dW[uniq] += one_hot @ dout


METHODS = {"np.add.at": add_at, "scatter_add_rows (library)": library,
           "np.bincount per column": bincount_columns, "sparse matrix product": sparse_product}


def ptb_ids(rng):
    """Batches of real PTB ids: (input-side ids (1000,), output-side ids (600,)), or None."""
    try:
        from course_lib.datasets.cache import DataUnavailableError
        from course_lib.datasets.ptb import load_data
        from course_lib.text import create_contexts_target
        from course_lib.word2vec import UnigramSampler

        corpus, _, _ = load_data("train", source="ptb")
    except (DataUnavailableError, OSError) as err:  # pragma: no cover - offline
        print(f"PTB unavailable ({str(err).splitlines()[0]}); using Zipf-like ids")
        return None
    contexts, target = create_contexts_target(corpus, WINDOW)
    sampler = UnigramSampler(corpus, 0.75, NEG, vocab_size=V, rng=rng)
    batches = []
    for _ in range(8):
        b = rng.integers(0, len(target), size=BATCH)
        out_ids = np.concatenate([target[b, None], sampler.get_negative_sample(target[b])], axis=1)
        batches.append((contexts[b].reshape(-1), out_ids.reshape(-1)))
    return batches


def zipf_ids(rng):
    p = 1.0 / np.arange(1, V + 1)
    p /= p.sum()
    return [(rng.choice(V, size=BATCH * 2 * WINDOW, p=p), rng.choice(V, size=BATCH * (1 + NEG), p=p))
            for _ in range(8)]


def part1(rng, repeat: int):
    batches = ptb_ids(rng) or zipf_ids(rng)
    for side, label in ((0, f"input side: {BATCH}×{2 * WINDOW} = {BATCH * 2 * WINDOW} context ids"),
                        (1, f"output side: {BATCH}×{1 + NEG} = {BATCH * (1 + NEG)} target + negative ids")):
        ids = [b[side] for b in batches]
        douts = [rng.standard_normal((len(i), D)).astype(np.float32) for i in ids]
        repeats = np.mean([len(i) - len(np.unique(i)) for i in ids])
        dW = np.zeros((V, D), dtype=np.float32)
        # correctness first: every method against a float64 np.add.at
        for idx, dout in zip(ids, douts):
            ref = np.zeros((V, D))
            np.add.at(ref, idx, dout.astype(np.float64))
            for name, fn in METHODS.items():
                fn(dW, idx, dout)
                if not np.allclose(dW, ref, rtol=1e-5, atol=1e-5):
                    raise AssertionError(f"{name} disagrees with np.add.at")
        rows = []
        timings = {}
        for name, fn in METHODS.items():
            state = {"k": 0}

            def call(fn=fn, state=state):
                k = state["k"] = (state["k"] + 1) % len(ids)
                fn(dW, ids[k], douts[k])

            timings[name] = time_calls(call, warmup=5, repeat=repeat)
        base = timings["np.add.at"].median
        for name, t in timings.items():
            rows.append([name, t.median * 1e3, t.cpu_median * 1e3, base / t.median])
        print_table(["method", "median ms", "cpu ms", "× vs add.at"], rows,
                    title=f"Part 1 — {label} (≈{repeats:.0f} repeated ids per batch), D={D}, "
                          f"V={V:,}, float32, zeroing dW included; all agree with float64 np.add.at")


# ---------------------------------------------------------------------------- part 2
class AllocatingAdam(Adam):
    """BEFORE: Adam as the library wrote it until the in-place version (same formulas,
    plain expressions). Each expression allocates fresh (V, D) temporaries — five per
    parameter and step; at 10,000 × 100 each is a new 4 MB block whose pages the OS
    faults in and zeroes every time, which was where most of a CBOW step went.
    """

    def update(self, params, grads):
        self._check(params, grads)
        if self.m is None:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
        self.iter += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2 ** self.iter) / (1.0 - self.beta1 ** self.iter)
        for p, g, m, v in zip(params, grads, self.m, self.v):
            m += (1 - self.beta1) * (g - m)
            v += (1 - self.beta2) * (g * g - v)
            p -= lr_t * m / (np.sqrt(v) + self.eps)


class RowSparseAdam(Adam):
    """PROTOTYPE: Adam that, for a 2-D parameter, updates only the rows whose gradient
    row is non-zero (embedding matrices: the ids of the batch).

    Same formulas as ``Adam`` on those rows, with the global step count in the bias
    correction; rows without gradient keep their parameters *and* moments (PyTorch
    ``SparseAdam``/TF ``LazyAdam`` semantics — dense Adam would keep moving them by
    their decaying momentum). 1-D parameters and dense gradients take the dense path.
    """

    def update(self, params, grads):
        self._check(params, grads)
        if self.m is None:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
        self.iter += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2 ** self.iter) / (1.0 - self.beta1 ** self.iter)
        b1, b2 = self.beta1, self.beta2
        for p, g, m, v in zip(params, grads, self.m, self.v):
            rows = np.flatnonzero(g.any(axis=1)) if g.ndim == 2 else None
            if rows is None or len(rows) > g.shape[0] // 2:
                m += (1 - b1) * (g - m)
                v += (1 - b2) * (g * g - v)
                p -= lr_t * m / (np.sqrt(v) + self.eps)
                continue
            gr, mr, vr = g[rows], m[rows], v[rows]
            mr += (1 - b1) * (gr - mr)
            vr += (1 - b2) * (gr * gr - vr)
            m[rows], v[rows] = mr, vr
            p[rows] -= lr_t * mr / (np.sqrt(vr) + self.eps)


def check_inplace_adam():
    """The library's in-place Adam must give AllocatingAdam's parameters (float32 and float64)."""
    rng = np.random.default_rng(3)
    for dtype in (np.float32, np.float64):
        shapes = [(50, 8), (8,)]
        p1 = [rng.standard_normal(s).astype(dtype) for s in shapes]
        p2 = [p.copy() for p in p1]
        a, b = AllocatingAdam(lr=0.01), Adam(lr=0.01)
        for _ in range(20):
            g = [rng.standard_normal(s).astype(dtype) for s in shapes]
            a.update(p1, g)
            b.update(p2, [x.copy() for x in g])
        for x, y in zip(p1, p2):
            same = np.array_equal(x, y) if dtype == np.float64 else np.allclose(x, y, rtol=1e-6, atol=1e-7)
            if not same:
                raise AssertionError(f"library Adam differs from AllocatingAdam ({dtype.__name__})")
    print("\nlibrary Adam (in place) vs AllocatingAdam after 20 steps: float64 bit-identical; float32 "
          "equal to rtol 1e-6 (the old np.float64 lr_t computed float32 steps in float64)")


def part2(iters: int, warmup: int, profile: bool):
    from course_lib.datasets.cache import DataUnavailableError
    from course_lib.datasets.ptb import load_data
    from course_lib.text import create_contexts_target
    from course_lib.word2vec import CBOW

    try:
        corpus, word_to_id, _ = load_data("train", source="ptb")
    except DataUnavailableError as err:  # pragma: no cover - offline
        print(f"\nPart 2 skipped: PTB unavailable ({str(err).splitlines()[0]})")
        return
    contexts, target = create_contexts_target(corpus, WINDOW)
    steps_per_epoch = len(target) // BATCH
    results = {}
    for opt_name, opt_cls in (("AllocatingAdam (before)", AllocatingAdam), ("Adam (library, in place)", Adam),
                              ("RowSparseAdam (prototype)", RowSparseAdam)):
        rng = np.random.default_rng(0)
        model = CBOW(len(word_to_id), 100, WINDOW, corpus, sample_size=NEG, rng=np.random.default_rng(1))
        opt = opt_cls()
        timer = SectionTimer()
        sampler = model.ns_loss.sampler
        timer.wrap(sampler, "get_negative_sample", "negative sampling")
        timer.wrap(model.in_layer, "forward", "forward: Embedding")
        timer.wrap(model.ns_loss.embed_dot, "forward", "forward: EmbeddingDot")
        timer.wrap(model.in_layer, "backward", "backward: Embedding (scatter)")
        timer.wrap(model.ns_loss.embed_dot, "backward", "backward: EmbeddingDot (scatter)")
        order = rng.permutation(len(target))
        losses, steps, cpus = [], [], []

        def step(i):
            b = order[i * BATCH:(i + 1) * BATCH]
            cpu, start = time.process_time(), time.perf_counter()
            with timer("forward (total, incl. sampling)"):
                loss = model.forward(contexts[b], target[b])
            with timer("backward (total)"):
                model.backward()
            with timer("optimizer update"):
                opt.update(model.params, model.grads)
            return loss, time.perf_counter() - start, time.process_time() - cpu

        for i in range(warmup):
            step(i)
        timer.reset()
        for i in range(warmup, warmup + iters):
            loss, wall, cpu = step(i)
            losses.append(float(loss))
            steps.append(wall)
            cpus.append(cpu)
            timer.end_step()
        med, cpu_med = float(np.median(steps)), float(np.median(cpus))
        results[opt_name] = (med, cpu_med, np.mean(losses[:20]), np.mean(losses[-20:]))
        rows = [[name, t * 1e3, 100 * t / med] for name, t in timer.medians().items()]
        rows.append(["step (median)", med * 1e3, 100.0])
        print_table(["section", "median ms", "% of step"], rows,
                    title=f"Part 2 — CBOW step with {opt_name}: {iters} steps after {warmup} warm-up")
        if profile:
            prof = cProfile.Profile()
            prof.enable()
            for i in range(warmup + iters, warmup + iters + min(iters, 100)):
                step(i)
            prof.disable()
            out = io.StringIO()
            pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(12)
            print("\n".join(out.getvalue().splitlines()[4:]))
    rows = []
    dense = results["AllocatingAdam (before)"][0]
    for name, (med, cpu_med, first, last) in results.items():
        rows.append([name, med * 1e3, cpu_med * 1e3, med * steps_per_epoch, cpu_med * steps_per_epoch,
                     dense / med, first, last])
    print_table(["optimizer", "step ms", "step cpu ms", "epoch s (wall)", "epoch s (cpu)",
                 "× vs dense", "loss first 20", "loss last 20"], rows,
                title=f"CBOW on PTB, window {WINDOW}, hidden 100, batch {BATCH}, {NEG} negatives: "
                      f"epoch = {steps_per_epoch:,} steps × median step (bar: ≤ 80 s)")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=50, help="timed calls per method in part 1")
    parser.add_argument("--cbow-iters", type=int, default=300, help="timed CBOW steps (0: skip part 2)")
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--profile", action="store_true", help="cProfile table of the CBOW step")
    args = parser.parse_args(argv)
    print(load_note())
    print(f"numpy {np.__version__}; OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS')} "
          f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE')}")
    rng = np.random.default_rng(0)
    part1(rng, args.repeat)
    check_inplace_adam()
    if args.cbow_iters > 0:
        part2(args.cbow_iters, args.warmup, args.profile)
    print(load_note())


if __name__ == "__main__":
    main()
