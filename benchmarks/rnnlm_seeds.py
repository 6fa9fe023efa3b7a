"""Spread of the book's PTB result over random seeds.

Trains recipe ``rnnlm_ptb`` (book 2, ch6/train_rnnlm.py: batch 20, 35 steps, D=H=100,
SGD lr 20, clip 0.25, 4 epochs) once per seed and prints the test perplexity of each
run, then their mean and standard deviation, so that a single run (the committed
weights, or the book's 136.08) can be read against the spread.

    COURSE_DATA_MIRROR=file:///path/to/datasets OPENBLAS_NUM_THREADS=1 \\
        python benchmarks/rnnlm_seeds.py --seeds 1 2 3 [--jsonl results.jsonl]

Each run takes 10–20 minutes on a laptop core; run several processes side by side
with ``--seeds`` split between them and merge their ``--jsonl`` files with
``--summarize``.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def summarize(rows):
    ppls = [r["test_ppl"] for r in rows]
    for r in rows:
        print(f"seed {r['seed']:>5}: test ppl {r['test_ppl']:.2f}  (val {r['val_ppl'][-1]:.2f}, "
              f"{r['seconds'] / 60:.1f} min)")
    if len(ppls) > 1:
        print(f"{len(ppls)} seeds: mean {statistics.mean(ppls):.2f}, sd {statistics.stdev(ppls):.2f}, "
              f"min {min(ppls):.2f}, max {max(ppls):.2f}")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seeds", type=int, nargs="*", default=[1, 2, 3])
    p.add_argument("--epochs", type=int, default=None, help="override the recipe's 4 epochs")
    p.add_argument("--jsonl", type=Path, default=None, help="append one JSON line per run here")
    p.add_argument("--summarize", type=Path, nargs="*", default=None,
                   help="only print the summary of these --jsonl files")
    args = p.parse_args(argv)
    if args.summarize is not None:
        rows = [json.loads(line) for f in args.summarize for line in f.read_text().splitlines() if line]
        summarize(rows)
        return 0

    from course_lib import recipes

    rows = []
    for s in args.seeds:
        _, res = recipes.train_lm("rnnlm_ptb", max_epoch=args.epochs, progress=False, rng_seed=s)
        row = dict(seed=s, test_ppl=res["test_ppl"], val_ppl=res["val_ppl"], seconds=res["seconds"])
        rows.append(row)
        print(json.dumps(row), flush=True)
        if args.jsonl:
            with open(args.jsonl, "a", encoding="utf-8") as f:
                f.write(json.dumps(row) + "\n")
    summarize(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
