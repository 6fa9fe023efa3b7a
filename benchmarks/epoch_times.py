"""Seconds per training epoch of the book's seq2seq models and of the PTB language
model, with the settings of ``course_lib.recipes`` (what the notebooks train).

Rows (book 2, ch. 6–8):

- ``Seq2seq`` on ``addition.txt`` (V=13, D=16, H=128): plain; reversed input; Peeky +
  reversed input. Batch 128, Adam, gradient clipping 5.0, 45,000 questions
  (351 iterations per epoch).
- ``AttentionSeq2seq`` on ``date.txt`` (D=16, H=256), reversed input, batch 128,
  Adam, clipping 5.0 (351 iterations per epoch).
- ``Rnnlm`` on PTB (D=H=100, V=10,000), batch 20, T=35, SGD lr 20, clipping 0.25:
  ``--lm-iters`` iterations are timed and extrapolated to the 1,327 iterations of
  an epoch (printed as such). PTB comes from the download cache; on a machine
  without internet set ``COURSE_DATA_MIRROR=file:///…/datasets``. When PTB can't
  be had, the row is skipped with a message.

The seq2seq rows run ``course_lib.training.Trainer.fit`` for one whole epoch
(``--fraction 1``, the default) and report its wall-clock time; a smaller
``--fraction`` trains on that share of the questions and extrapolates. Every row
also shows the median time of one iteration (timed between optimizer updates), the
figure that is least disturbed by other processes, and the epoch time it implies.

Run from the repository root::

    PYTHONPATH=. python benchmarks/epoch_times.py                 # BLAS threads as they are
    PYTHONPATH=. python benchmarks/epoch_times.py --threads 1 2   # both, side by side
    COURSE_DATA_MIRROR=file:///work/shared/datasets PYTHONPATH=. python benchmarks/epoch_times.py
"""
from __future__ import annotations

import argparse
import contextlib
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

from _timing import load_note, print_table, time_calls  # noqa: E402
from course_lib import recipes  # noqa: E402
from course_lib.optimizers import SGD, Adam  # noqa: E402
from course_lib.training import RnnlmTrainer, Trainer, clip_grads  # noqa: E402

SEQ2SEQ_ROWS = {  # recipe name -> label
    "seq2seq_addition_baseline": "Seq2seq, addition",
    "seq2seq_addition_reverse": "Seq2seq, addition, reversed input",
    "seq2seq_addition_peeky_reverse": "Peeky Seq2seq, addition, reversed input",
    "attention_date": "AttentionSeq2seq, date, reversed input",
}


class _StampedOptimizer:
    """Wraps an optimizer and records ``time.perf_counter()`` after every update, so
    the time of each training iteration is the gap between two stamps."""

    def __init__(self, inner):
        self.inner = inner
        self.stamps: list[tuple[float, float]] = []

    def update(self, params, grads):
        self.inner.update(params, grads)
        self.stamps.append((time.perf_counter(), time.process_time()))

    def iteration_times(self, cpu: bool = False) -> list[float]:
        """Seconds between consecutive updates (wall clock, or process CPU time)."""
        return list(np.diff([s[1 if cpu else 0] for s in self.stamps]))


def seq2seq_row(name: str, fraction: float, seed: int = 1984) -> tuple:
    """Train recipe ``name`` for one epoch (or ``fraction`` of one) and time it."""
    from course_lib.datasets import load_sequence

    recipe = recipes.SEQ2SEQ_RECIPES[name]
    settings = recipes.SEQ2SEQ_TRAIN[recipe["data"]]
    (x, t), _, vocab = load_sequence(recipe["data"])
    if recipe["reverse"]:
        x = x[:, ::-1].copy()
    batch = settings["batch_size"]
    iters_per_epoch = len(x) // batch
    n = len(x) if fraction >= 1 else max(int(len(x) * fraction) // batch, 2) * batch
    rng = np.random.default_rng(seed)
    model = recipes.build(name, len(vocab), rng=rng)
    optimizer = _StampedOptimizer(Adam())
    trainer = Trainer(model, optimizer)
    start = time.perf_counter()
    # on_epoch_end given (a no-op): Trainer would otherwise call model.accuracy, which
    # seq2seq models do not support.
    trainer.fit(x[:n], t[:n], max_epoch=1, batch_size=batch, max_grad=settings["max_grad"],
                rng=rng, progress=False, on_epoch_end=lambda m: {})
    seconds = time.perf_counter() - start
    iters = n // batch
    median_iter = statistics.median(optimizer.iteration_times())
    median_cpu = statistics.median(optimizer.iteration_times(cpu=True))
    if iters == iters_per_epoch:
        how, epoch = "measured: one full epoch (Trainer.fit)", seconds
    else:
        how, epoch = f"extrapolated from {iters} iterations", seconds * iters_per_epoch / iters
    size = f"V={len(vocab)}, D={settings['wordvec_size']}, H={settings['hidden_size']}"
    return (SEQ2SEQ_ROWS[name], size, f"{iters}/{iters_per_epoch}", median_iter * 1e3, median_cpu * 1e3,
            epoch, median_iter * iters_per_epoch, how)


def rnnlm_row(lm_iters: int, warmup: int = 5) -> tuple | None:
    """Time ``lm_iters`` training iterations of the PTB Rnnlm and extrapolate to an epoch.

    Returns None (after saying why) when PTB is not available.
    """
    from course_lib.datasets import DataUnavailableError, load_ptb

    try:
        corpus, word_to_id, _ = load_ptb("train", source="ptb")
    except (DataUnavailableError, OSError) as err:
        print(f"\nPTB unavailable, skipping the Rnnlm row: {str(err).splitlines()[0]}\n"
              "  Set COURSE_DATA_MIRROR=file://<absolute path of a folder holding ptb/ptb.*.txt> "
              "or run `make data` with internet.")
        return None
    recipe = recipes.RECIPES["rnnlm_ptb"]
    settings = recipe["train"]
    B, T = settings["batch_size"], settings["time_size"]
    model = recipes.build("rnnlm_ptb", len(word_to_id), rng=np.random.default_rng(1234))
    optimizer = SGD(lr=settings["lr"])
    trainer = RnnlmTrainer(model, optimizer)   # used for its get_batch (the offset streams)
    xs, ts = corpus[:-1], corpus[1:]
    iters_per_epoch = len(xs) // (B * T)

    def step():
        bx, bt = trainer.get_batch(xs, ts, B, T)
        model.forward(bx, bt)
        model.backward()
        clip_grads(model.grads, settings["max_grad"])
        optimizer.update(model.params, model.grads)

    model.reset_state()
    timing = time_calls(step, warmup=warmup, repeat=lm_iters)
    mean = sum(timing.samples) / len(timing.samples)
    size = f"V={len(word_to_id):,}, D={recipe['model']['wordvec_size']}, H={recipe['model']['hidden_size']}"
    return ("Rnnlm, PTB", size, f"{lm_iters}/{iters_per_epoch}", timing.median * 1e3, timing.cpu_median * 1e3,
            mean * iters_per_epoch, timing.median * iters_per_epoch,
            f"extrapolated from {lm_iters} iterations (mean × {iters_per_epoch})")


def _thread_limit(threads):
    """A context that limits NumPy's BLAS to ``threads`` (None: leave as it is)."""
    if threads is None:
        return contextlib.nullcontext()
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        raise SystemExit("--threads needs the threadpoolctl package (pip install threadpoolctl); "
                         "or set OPENBLAS_NUM_THREADS=<n> before starting the script instead.") from None
    return threadpool_limits(limits=threads, user_api="blas")


def _blas_threads():
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "?"
    counts = [p["num_threads"] for p in threadpool_info() if p.get("user_api") == "blas"]
    return counts[0] if counts else "?"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, nargs="+", default=None,
                        help="BLAS thread counts to measure (default: as configured)")
    parser.add_argument("--fraction", type=float, default=1.0,
                        help="share of an epoch the seq2seq rows train (default 1: a full epoch)")
    parser.add_argument("--lm-iters", type=int, default=200,
                        help="timed PTB Rnnlm iterations, extrapolated to an epoch (default 200)")
    parser.add_argument("--only", choices=["seq2seq", "attention", "rnnlm"], nargs="+",
                        help="measure only these groups of rows")
    args = parser.parse_args(argv)
    if not 0 < args.fraction <= 1 or args.lm_iters < 3:
        parser.error("--fraction must be in (0, 1] and --lm-iters at least 3")
    groups = set(args.only or ["seq2seq", "attention", "rnnlm"])

    print(f"Seconds per epoch, NumPy {np.__version__}; {load_note()} (before the run)")
    rows = []
    for threads in (args.threads or [None]):
        with _thread_limit(threads):
            n_threads = _blas_threads()
            names = [n for n in SEQ2SEQ_ROWS
                     if (n == "attention_date" and "attention" in groups)
                     or (n != "attention_date" and "seq2seq" in groups)]
            jobs = [lambda name=name: seq2seq_row(name, args.fraction) for name in names]
            if "rnnlm" in groups:
                jobs.append(lambda: rnnlm_row(args.lm_iters))
            for job in jobs:
                row = job()
                if row is not None:
                    rows.append((row[0], row[1], n_threads) + row[2:])
                    print(f"  {row[0]}, BLAS threads {n_threads}: {row[3]:.1f} ms/iter, "
                          f"{row[5]:.1f} s/epoch ({load_note()})", flush=True)
    print_table(["model", "sizes", "BLAS threads", "iters timed/epoch", "median ms/iter", "cpu ms/iter",
                 "s/epoch", "median × iters (s)", "how"], rows,
                title="Training time per epoch (s/epoch: wall clock; median × iters: the same from "
                      "the median iteration, less sensitive to other load; cpu: process CPU time)")
    print(f"\n{load_note()} (after the run)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
