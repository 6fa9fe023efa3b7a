"""Command line: ``python -m course_lib execute 4``, ``… data``, ``… generate-data``."""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path


def execute(week_number: int, timeout: int = 1800, profile: str = "full") -> Path:
    """Run one week's notebook top to bottom and save it with its outputs.

    Runs in the given profile (``full`` for the committed outputs) with the
    notebook's folder as working directory. The notebook is only replaced when
    every cell ran; on an error the stored file is left as it was.
    """
    import nbformat
    from nbclient import NotebookClient

    from . import syllabus
    from .fileio import atomic_write

    week = syllabus.week(week_number)
    path = week.path
    if not path.exists():
        raise SystemExit(f"{path} does not exist yet (week {week_number} is not written)")
    nb = nbformat.read(path, as_version=4)
    os.environ["COURSE_PROFILE"] = profile
    # the kernel inherits the environment: a non-inline backend (MPLBACKEND=Agg, as the
    # tests set it) would drop every figure from the saved notebook
    os.environ.pop("MPLBACKEND", None)
    start = time.perf_counter()
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    with atomic_write(path) as f:
        f.write(nbformat.writes(nb).encode("utf-8"))
    print(f"{path.relative_to(syllabus.REPO_ROOT)}: executed in the {profile} profile "
          f"in {time.perf_counter() - start:.0f} s")
    return path


def fetch_data() -> None:
    """Fetch every full data set into the cache (from COURSE_DATA_MIRROR or the web)."""
    from . import datasets

    datasets.load_mnist(source="full")
    datasets.load_ptb("train", source="ptb")
    print(f"data cache: {datasets.data_dir()}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course_lib", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_exec = sub.add_parser("execute", help="re-run a week's notebook and save its outputs")
    p_exec.add_argument("week", type=int)
    p_exec.add_argument("--profile", choices=["full", "quick"], default="full")
    p_exec.add_argument("--timeout", type=int, default=1800, help="seconds per cell")
    sub.add_parser("data", help="download the full data sets into the cache")
    p_train = sub.add_parser("train", help="train a recipe and save weights/NAME.npz + NAME.json")
    p_train.add_argument("name", help="a recipe of course_lib.recipes, e.g. rnnlm_ptb, "
                         "seq2seq_addition_peeky_reverse, attention_date")
    p_train.add_argument("--epochs", type=int, default=None, help="override the recipe's epochs")
    p_train.add_argument("--source", choices=["ptb", "builtin"], default="ptb")
    p_train.add_argument("--out", default=None, help="folder (default: weights/)")
    p_gen = sub.add_parser("generate-data", help="write data/addition.txt and data/date.txt")
    p_gen.add_argument("--overwrite", action="store_true", help="replace files whose content differs")
    args = parser.parse_args(argv)
    if args.command == "execute":
        execute(args.week, timeout=args.timeout, profile=args.profile)
    elif args.command == "data":
        fetch_data()
    elif args.command == "train":
        from . import recipes

        if args.name in recipes.SEQ2SEQ_RECIPES:
            model, results = recipes.train_seq2seq(args.name, max_epoch=args.epochs)
            metric = f"test accuracy {results['test_acc'][-1]:.4f}"
        else:
            model, results = recipes.train_lm(args.name, source=args.source, max_epoch=args.epochs)
            metric = f"test perplexity {results['test_ppl']:.2f}"
        path = recipes.save(args.name, model, results, args.out or recipes.WEIGHTS_DIR)
        print(f"{args.name}: {metric}, "
              f"{results['seconds_per_epoch']:.0f} s/epoch → {path}")
    elif args.command == "generate-data":
        from .datasets import write_sequence_files

        write_sequence_files(overwrite=args.overwrite)
    return 0


if __name__ == "__main__":
    sys.exit(main())
