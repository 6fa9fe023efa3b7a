"""Seconds per MNIST epoch of book 1's convolutional networks: the book's code
against course_lib's, side by side in one run, one BLAS thread.

Prints, in this order:

1. the BLAS (threadpoolctl's report: library, kernel ``architecture``, threads) and
   the machine's measured GEMM rate, float32 and float64 (square ``--gemm-n`` matrices,
   best of 5), so that the step times can be read as a fraction of what the hardware
   does;
2. for SimpleConvNet (ch. 7) and DeepConvNet (ch. 8), batch 100, Adam lr 0.001:
   (a) the book's code path (``book_convnet_reference.py``: float64, the book's
   ``im2col``/``col2im``/pooling, and its ``Trainer.train_step``, which runs a second
   forward pass after each update to log the loss) and (b) course_lib's (float32,
   ``forward``, ``backward``, ``Adam.update``: what ``training.Trainer`` does). Each
   path runs ``--warmup`` untimed steps, then ``--iters`` timed ones; the epoch time
   is 600 × the median step (60,000 images / 100) plus the book's per-epoch
   evaluation (accuracy on 1,000 training and 1,000 test images,
   ``evaluate_sample_num_per_epoch=1000`` in ``train_convnet.py``/``train_deepnet.py``),
   timed once ("CPU s/epoch" uses the median CPU time of a step instead: the
   steadier figure when other processes share the cores). The GEMM share is the model's useful matrix-product work
   (forward + backward, 3 × the forward FLOPs) per step over the step time, as a
   fraction of the measured float32 GEMM rate;
3. per-layer forward/backward medians of both paths (the book's forward column
   includes its second forward pass).

Run from the repository root on a quiet machine (``uptime``), with the native
OpenBLAS kernels (see benchmarks/README.md; never change those variables in tests):

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 \\
        PYTHONPATH=. .venv/bin/python benchmarks/convnets.py

Takes about 1–2 minutes (mostly the book's DeepConvNet). ``--models simple`` or
``deep`` for one network; ``--iters`` for more timed steps.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for path in (str(HERE), str(ROOT)):
    if path not in sys.path:
        sys.path.insert(0, path)

import numpy as np  # noqa: E402

import book_convnet_reference as book  # noqa: E402
from _timing import SectionTimer, load_note, print_table  # noqa: E402
from course_lib.conv import Convolution  # noqa: E402
from course_lib.layers import Affine  # noqa: E402
from course_lib.models.convnet import DeepConvNet, SimpleConvNet  # noqa: E402
from course_lib.optimizers import Adam  # noqa: E402

STEPS_PER_EPOCH = 600  # 60,000 training images, batch 100
BATCH = 100
EVAL_SAMPLE = 1000


def blas_note() -> str:
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "BLAS: threadpoolctl not installed, kernel unknown"
    rows = [f"{p.get('internal_api')} {p.get('version')} kernel={p.get('architecture')} "
            f"threads={p.get('num_threads')}" for p in threadpool_info() if p.get("user_api") == "blas"]
    return "BLAS: " + ("; ".join(rows) or "none found")


def limit_threads(n: int):
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        print(f"threadpoolctl missing: BLAS threads as set by OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS')}")
        return None
    return threadpool_limits(limits=n, user_api="blas")


def gemm_rate(dtype, n: int, repeat: int = 5) -> float:
    """Best GFLOP/s of an n×n×n matrix product."""
    rng = np.random.default_rng(0)
    a, b = rng.standard_normal((n, n)).astype(dtype), rng.standard_normal((n, n)).astype(dtype)
    a @ b
    best = min(_timed(lambda: a @ b) for _ in range(repeat))
    return 2 * n ** 3 / best / 1e9


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def useful_flops(layers, batch: int) -> float:
    """Matrix-product FLOPs of one training step (forward + 2 backward products)."""
    total = 0.0
    for layer in layers:
        if isinstance(layer, Convolution):
            W = layer.params[0]
            FN, C, FH, FW = W.shape
            N, _, H, Wd = layer.x_shape
            oh = (H + 2 * layer.pad - FH) // layer.stride + 1
            ow = (Wd + 2 * layer.pad - FW) // layer.stride + 1
            total += 3 * 2 * batch * oh * ow * C * FH * FW * FN
        elif isinstance(layer, Affine):
            D, H = layer.params[0].shape
            total += 3 * 2 * batch * D * H
    return total


def layer_names(layers) -> list[str]:
    counts: dict[str, int] = {}
    names = []
    for layer in layers:
        kind = type(layer).__name__
        counts[kind] = counts.get(kind, 0) + 1
        names.append(f"{kind}{counts[kind]}")
    return names


def run_path(step, layers, loss_layer, names, warmup: int, iters: int):
    """Warm up, then time ``iters`` steps; per-layer sections from wrapped methods."""
    timer = SectionTimer()
    for layer, name in zip(layers, names):
        timer.wrap(layer, "forward", f"{name} fwd")
        timer.wrap(layer, "backward", f"{name} bwd")
    timer.wrap(loss_layer, "forward", "SoftmaxWithLoss fwd")
    timer.wrap(loss_layer, "backward", "SoftmaxWithLoss bwd")
    for _ in range(warmup):
        step(timer)
        timer.end_step()
    timer.reset()
    wall, cpu = [], []
    for _ in range(iters):
        c0, t0 = time.process_time(), time.perf_counter()
        step(timer)
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        timer.end_step()
    return statistics.median(wall), statistics.median(cpu), timer


def bench_model(kind: str, x, t, x_test, t_test, warmup: int, iters: int, gemm32: float):
    rng = np.random.default_rng(0)
    np.random.seed(0)  # the book's code draws from the global generator

    # (a) the book's code path
    bnet = book.SimpleConvNet() if kind == "simple" else book.DeepConvNet()
    bopt = book.Adam(lr=0.001)
    blayers = list(bnet.layers.values()) if kind == "simple" else bnet.layers

    def book_step(timer):
        book.train_step(bnet, bopt, x, t, BATCH)

    b_names = layer_names(blayers)
    b_wall, b_cpu, b_timer = run_path(book_step, blayers, bnet.last_layer, b_names, warmup, iters)
    t0 = time.perf_counter()
    bnet.accuracy(x[:EVAL_SAMPLE], t[:EVAL_SAMPLE])
    bnet.accuracy(x_test[:EVAL_SAMPLE], t_test[:EVAL_SAMPLE])
    b_eval = time.perf_counter() - t0

    # (b) course_lib
    net = SimpleConvNet(rng=rng) if kind == "simple" else DeepConvNet(rng=rng)
    opt = Adam(lr=0.001)
    n = len(x)

    def our_step(timer):
        batch = rng.integers(0, n, BATCH)
        net.forward(x[batch], t[batch])
        net.backward()
        with timer("Adam update"):
            opt.update(net.params, net.grads)

    o_names = layer_names(net.layers)
    o_wall, o_cpu, o_timer = run_path(our_step, net.layers, net.loss_layer, o_names, warmup, iters)
    t0 = time.perf_counter()
    net.accuracy(x[:EVAL_SAMPLE], t[:EVAL_SAMPLE], batch_size=100)
    net.accuracy(x_test[:EVAL_SAMPLE], t_test[:EVAL_SAMPLE], batch_size=100)
    o_eval = time.perf_counter() - t0

    flops = useful_flops(net.layers, BATCH)
    label = "SimpleConvNet" if kind == "simple" else "DeepConvNet"
    rows = []
    for path, wall, cpu, ev in (("book (float64)", b_wall, b_cpu, b_eval), ("course_lib (float32)", o_wall, o_cpu, o_eval)):
        epoch = STEPS_PER_EPOCH * wall + ev
        rows.append([label, path, 1000 * wall, 1000 * cpu, ev, epoch, epoch / 60,
                     STEPS_PER_EPOCH * cpu + ev, 100 * flops / wall / 1e9 / gemm32])
    ratio = ((STEPS_PER_EPOCH * b_wall + b_eval) / (STEPS_PER_EPOCH * o_wall + o_eval),
             (STEPS_PER_EPOCH * b_cpu + b_eval) / (STEPS_PER_EPOCH * o_cpu + o_eval))
    return rows, ratio, (b_names, b_timer), (o_names, o_timer), flops


def print_layers(label, book_part, ours_part):
    b_names, b_timer = book_part
    o_names, o_timer = ours_part
    bm, om = b_timer.medians(), o_timer.medians()
    # same layer sequence in both paths (names by kind and count)
    rows = []
    for name in o_names + ["SoftmaxWithLoss"]:
        rows.append([name, 1000 * bm.get(f"{name} fwd", float("nan")), 1000 * bm.get(f"{name} bwd", float("nan")),
                     1000 * om.get(f"{name} fwd", float("nan")), 1000 * om.get(f"{name} bwd", float("nan"))])
    rows.append(["Adam update", float("nan"), float("nan"), 1000 * om.get("Adam update", float("nan")), float("nan")])
    print_table(["layer", "book fwd ms", "book bwd ms", "ours fwd ms", "ours bwd ms"], rows,
                title=f"{label}: per-layer medians over the timed steps (book fwd: two forward passes per step)")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models", nargs="+", choices=["simple", "deep"], default=["simple", "deep"])
    parser.add_argument("--iters", type=int, default=30, help="timed steps per path (default 30)")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1, help="BLAS threads (default 1)")
    parser.add_argument("--gemm-n", type=int, default=2048)
    args = parser.parse_args(argv)

    limiter = limit_threads(args.threads)
    print(load_note())
    print(f"numpy {np.__version__}; {blas_note()}")
    print(f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE')} OPENBLAS_L2_SIZE={os.environ.get('OPENBLAS_L2_SIZE')}")
    g32 = gemm_rate(np.float32, args.gemm_n)
    g64 = gemm_rate(np.float64, args.gemm_n)
    print(f"GEMM {args.gemm_n}³, {args.threads} thread(s): float32 {g32:.1f} GFLOP/s, float64 {g64:.1f} GFLOP/s")

    from course_lib.datasets import load_mnist
    (x, t), (x_test, t_test) = load_mnist(flatten=False, source="sample")
    print(f"data: {len(x)} training images (steps are timed on random batches of {BATCH}; "
          f"an epoch of the full set is {STEPS_PER_EPOCH} steps)")

    table, notes = [], []
    for kind in args.models:
        rows, ratio, bpart, opart, flops = bench_model(kind, x, t, x_test, t_test, args.warmup, args.iters, g32)
        table += rows
        notes.append((rows[0][0], ratio, bpart, opart, flops))

    print_table(["model", "path", "ms/step", "CPU ms/step", "eval s", "s/epoch", "min/epoch", "CPU s/epoch",
                 "% GEMM32"], table,
                title=f"Per epoch = {STEPS_PER_EPOCH} × median step + evaluation on 2 × {EVAL_SAMPLE} images "
                      f"({args.iters} timed steps after {args.warmup} warm-up, batch {BATCH}, Adam)")
    for label, ratio, _, _, flops in notes:
        print(f"{label}: course_lib is {ratio[0]:.2f}× faster than the book's code per epoch "
              f"(by CPU time {ratio[1]:.2f}×; "
              f"{flops / 1e9:.2f} GFLOP of matrix products per step)")
    for label, _, bpart, opart, _ in notes:
        print_layers(label, bpart, opart)
    print(load_note())
    if limiter is not None:
        limiter.restore_original_limits()


if __name__ == "__main__":
    main()
