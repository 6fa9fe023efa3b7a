"""Command line of the course: ``python -m course_lib COMMAND``.

  execute N        re-run week N's notebook and save its outputs (make execute WEEK=N)
  data             fetch MNIST and PTB into the cache (make data)
  train NAME       train a recipe, save weights/NAME.npz + NAME.json
  generate-data    write data/addition.txt and data/date.txt
  assign N         write the student version to release/weekNN/ (instructors; nbgrader)
  grade N DIR      grade the submissions in DIR into grades/weekNN/ (instructors; nbgrader)

Every error is one line on stderr that says what to do, with exit status 2.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from .grading.assign import CommandError, display_path, week_notebook

PROG = "python -m course_lib"


def execute(week_number: int, timeout: int = 1800, profile: str = "full") -> Path:
    """Run one week's notebook top to bottom and save it with its outputs.

    Runs in the given profile (``full`` for the committed outputs) with the notebook's
    folder as working directory and one BLAS thread in the kernel
    (``OPENBLAS_NUM_THREADS=1``, ``OMP_NUM_THREADS=1``, as ``make test`` runs), so that
    a re-run gives the committed numbers. The notebook is only replaced when every
    cell ran; on an error the stored file is left as it was and :class:`CommandError`
    says which cell failed.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    from .fileio import atomic_write
    from .grading.notebook import kernel_env

    path = week_notebook(week_number)
    nb = nbformat.read(path, as_version=4)
    # the kernel's environment only (ours stays as it is): the profile, one BLAS thread,
    # and no MPLBACKEND (a non-inline backend would drop every figure from the notebook)
    env = kernel_env(profile)
    start = time.perf_counter()
    nb.metadata.pop("widgets", None)  # an earlier run's state would stay otherwise
    # store_widget_state=False: without saved widget state, nbviewer and nbconvert show
    # each demo's saved picture (cl.widgets) instead of a dead widget view
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", store_widget_state=False,
                            resources={"metadata": {"path": str(path.parent)}})
    where = display_path(path)
    try:
        client.execute(env=env, cwd=str(path.parent))
    except CellExecutionError as err:
        evalue = " ".join(str(err.evalue).split())[:200]
        raise CommandError(f"{where}: a cell raised {err.ename}: {evalue} — fix it and run again "
                           "(the notebook was left as it was)") from None
    except CellTimeoutError:
        raise CommandError(f"{where}: a cell ran longer than {timeout} s; pass a larger --timeout "
                           "(the notebook was left as it was)") from None
    except DeadKernelError:
        raise CommandError(f"{where}: the kernel died (out of memory?); close other programs and "
                           "run again (the notebook was left as it was)") from None
    with atomic_write(path) as f:
        f.write(nbformat.writes(nb).encode("utf-8"))
    print(f"{where}: executed in the {profile} profile in {time.perf_counter() - start:.0f} s")
    return path


def fetch_data(timeout: float = 10.0) -> None:
    """Fetch every full data set (MNIST, PTB) into the cache, from COURSE_DATA_MIRROR or the web.

    Tries every file, then names each one that could not be had, where to put it and
    how to use a mirror (:class:`CommandError`).
    """
    from . import datasets
    from .datasets import cache

    missing = []
    for remote in cache.REGISTRY.values():
        try:
            cache.fetch(remote, timeout=timeout)
        except datasets.DataUnavailableError:
            missing.append(remote)
    root = cache.data_dir()
    if missing:
        lines = [f"{len(missing)} of {len(cache.REGISTRY)} data files could not be had "
                 "(no internet?). Put each file, unchanged, where shown:"]
        for r in missing:
            lines.append(f"  {root / r.name}")
            lines.append(f"      from {r.urls[0] if r.urls else '(no public URL)'}")
            lines.append(f"      SHA-256 {r.sha256}")
        lines.append(f"or set {cache.ENV_MIRROR}=file:///path/to/folder (a folder holding "
                     "mnist/<file> and ptb/<file>) and run `make data` again.")
        raise CommandError("\n".join(lines))
    datasets.load_mnist(source="full")
    datasets.load_ptb("train", source="ptb")
    print(f"data cache: {root}")


def train(name: str, *, epochs: int | None, source: str, out: str | None) -> Path:
    """Train recipe ``name`` and save its weights; the recipe is checked before any data loads."""
    from . import recipes
    from .datasets import DataUnavailableError

    known = recipes.names()
    if name not in known:
        raise CommandError(f"unknown recipe {name!r}; use one of: {', '.join(known)}")
    if epochs is not None and epochs < 1:
        raise CommandError(f"--epochs must be at least 1, got {epochs}")
    try:
        if name in recipes.SEQ2SEQ_RECIPES:
            model, results = recipes.train_seq2seq(name, max_epoch=epochs)
            metric = f"test accuracy {results['test_acc'][-1]:.4f}"
        elif name in recipes.SENTIMENT_RECIPES:
            model, results = recipes.train_sentiment(name, max_epoch=epochs)
            metric = f"test accuracy {results['test_accuracy']:.4f} (epoch {results['best_epoch']})"
        elif name in recipes.CONVNET_RECIPES:
            model, results = recipes.train_convnet(name, max_epoch=epochs, source="full")
            metric = f"test accuracy {results['test_accuracy']:.4f}"
        elif name in recipes.LENGTH_RECIPES:
            model, results = recipes.train_length(name, max_epoch=epochs)
            metric = f"test exact match {results['test_exact'][-1]:.4f}"
        elif name in recipes.WORD2VEC_RECIPES:
            model, results = recipes.train_word2vec(name, source=source, max_epoch=epochs)
            metric = f"final loss {results['loss'][-1]:.4f}"
        else:
            model, results = recipes.train_lm(name, source=source, max_epoch=epochs)
            metric = f"test perplexity {results['test_ppl']:.2f}"
    except DataUnavailableError:
        if name in recipes.CONVNET_RECIPES:
            raise CommandError("MNIST is not in the data cache and could not be downloaded; run "
                               f"`{PROG} data` for the list of files (or set COURSE_DATA_MIRROR)") from None
        if name in recipes.SENTIMENT_RECIPES:
            raise CommandError("MR (mr/rt-polarity.pos, mr/rt-polarity.neg) is not in the data cache "
                               f"and could not be downloaded; run `{PROG} data` for the list of files "
                               "(or set COURSE_DATA_MIRROR)") from None
        raise CommandError("PTB is not in the data cache and could not be downloaded; run "
                           f"`{PROG} data` for the list of files (or set COURSE_DATA_MIRROR), "
                           "or pass --source builtin") from None
    if name in recipes.WORD2VEC_RECIPES:
        path = recipes.save_word_vectors(name, model, results, out or recipes.WEIGHTS_DIR)
    else:
        path = recipes.save(name, model, results, out or recipes.WEIGHTS_DIR)
    print(f"{name}: {metric}, {results['seconds_per_epoch']:.0f} s/epoch → {path}")
    return path


def generate_data(data_dir: str | None, overwrite: bool) -> None:
    from .datasets import sequence

    try:
        sequence.write_sequence_files(data_dir or sequence.DATA_DIR, overwrite=overwrite)
    except FileExistsError as err:
        # the library names its Python argument; on the command line it is --overwrite
        first = re.split(r"[;.]\s+(?:it was left|Move it aside)", str(err))[0]
        first = first.split("overwrite=True")[0].rstrip(" ;,.")
        raise CommandError(f"{first}; pass --overwrite to replace it with the generated "
                           "content (or move it aside)") from None


class _Parser(argparse.ArgumentParser):
    """argparse with its usage errors on one line."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description=__doc__.split("\n\n")[0],
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser("execute", help="re-run a week's notebook and save its outputs")
    p.add_argument("week", type=int)
    p.add_argument("--profile", choices=["full", "quick"], default="full")
    p.add_argument("--timeout", type=int, default=1800, help="seconds per cell (default 1800)")
    p = sub.add_parser("data", help="download the full data sets (MNIST, PTB) into the cache")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds per network operation")
    p = sub.add_parser("train", help="train a recipe and save weights/NAME.npz + NAME.json")
    p.add_argument("name", help="a recipe of course_lib.recipes, e.g. rnnlm_ptb, "
                   "seq2seq_addition_peeky_reverse, attention_date, sentiment_mr, copy_attention")
    p.add_argument("--epochs", type=int, default=None, help="override the recipe's epochs")
    p.add_argument("--source", choices=["ptb", "builtin"], default="ptb")
    p.add_argument("--out", default=None, help="folder (default: weights/)")
    p = sub.add_parser("generate-data", help="write data/addition.txt and data/date.txt")
    p.add_argument("--overwrite", action="store_true", help="replace files whose content differs")
    p.add_argument("--data-dir", default=None, help="folder to write into (default: data/)")
    p = sub.add_parser("assign", help="write the student version of a week to release/weekNN/ "
                       "(instructors; needs nbgrader)")
    p.add_argument("week", type=int)
    p.add_argument("--out", default=None, help="folder to write into (default: release/weekNN/)")
    p.add_argument("--force", action="store_true", help="replace an existing release")
    p = sub.add_parser("grade", help="grade a folder of submissions into grades/weekNN/ "
                       "(instructors; needs nbgrader)",
                       description="Grade SUBMISSIONS/<student>.ipynb or SUBMISSIONS/<student>/*.ipynb "
                       "with the hidden tests restored, in the quick profile; write gradebook.csv, "
                       "totals.csv and feedback/<student>.md. The submissions are never modified.")
    p.add_argument("week", type=int)
    p.add_argument("submissions", help="folder of <student>.ipynb or <student>/<notebook>.ipynb")
    p.add_argument("--out", default=None, help="folder to write into (default: grades/weekNN/)")
    p.add_argument("--force", action="store_true", help="replace earlier grades in the output folder")
    p.add_argument("--timeout", type=int, default=60,
                   help="seconds per cell; a cell that runs longer fails (default 60)")
    return parser


def _run(args) -> None:
    if args.command == "execute":
        execute(args.week, timeout=args.timeout, profile=args.profile)
    elif args.command == "data":
        fetch_data(timeout=args.timeout)
    elif args.command == "train":
        train(args.name, epochs=args.epochs, source=args.source, out=args.out)
    elif args.command == "generate-data":
        generate_data(args.data_dir, args.overwrite)
    elif args.command == "assign":
        from .grading.assign import assign

        path = assign(args.week, args.out, force=args.force)
        print(f"week {args.week}: student version → {display_path(path)}")
    elif args.command == "grade":
        from .grading.grade import grade

        grade(args.week, args.submissions, args.out, force=args.force, timeout=args.timeout)


def main(argv=None) -> int:
    """Run the command line; return the exit status (2 for an error, printed on one line)."""
    args = _parser().parse_args(argv)
    try:
        _run(args)
    except CommandError as err:
        print(f"{PROG} {args.command}: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{PROG} {args.command}: interrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
