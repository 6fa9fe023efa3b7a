"""Hand-out: ``python -m course_lib assign N`` (``make assign WEEK=N``).

Writes the student version of week N's notebook to ``release/weekNN/<notebook>.ipynb``:
the committed instructor notebook passed through nbgrader's own preprocessors
(``LockCells``, ``ClearSolutions``, ``ClearOutput``, ``ClearHiddenTests``; see
:func:`course_lib.grading.notebook.student_version`) — solutions and hidden tests
removed, outputs, execution counts and saved widget state cleared, graded and
read-only cells locked. No nbgrader course folder or gradebook database is involved.

An existing release is never replaced without ``force=True`` (``--force``).
Needs the ``instructor`` extra: ``pip install -e ".[instructor]"``.
"""
from __future__ import annotations

import os
from pathlib import Path

from .. import syllabus
from ..fileio import atomic_write

INSTALL_HINT = 'pip install -e ".[instructor]"'


class CommandError(Exception):
    """An error of the assign/grade commands: a one-line message saying what to do.

    The command line prints it as one line and exits with status 2 (no traceback).
    """


def require_nbgrader(command: str) -> None:
    """Raise :class:`CommandError` when nbgrader (the ``instructor`` extra) is missing."""
    try:
        import nbgrader  # noqa: F401
    except ImportError:
        raise CommandError(f"{command} needs nbgrader, which is not installed here: "
                           f"{INSTALL_HINT} (or conda env update -f environment-instructor.yml)") from None


def display_path(path: Path) -> str:
    """``path`` relative to the repository (or the working directory) when it is inside."""
    path = Path(os.path.abspath(path))
    for base in (syllabus.REPO_ROOT, Path.cwd()):
        try:
            return str(path.relative_to(base))
        except ValueError:
            continue
    return str(path)


def week_notebook(week_number: int) -> Path:
    """The instructor notebook of a week, or :class:`CommandError` with a one-line reason."""
    try:
        week = syllabus.week(week_number)
    except ValueError as err:
        raise CommandError(f"{err}; pick one of those weeks") from None
    if not week.path.is_file():
        raise CommandError(f"week {week_number} has no notebook yet ({week.notebook})")
    return week.path


def default_release_dir(week_number: int) -> Path:
    return syllabus.REPO_ROOT / "release" / f"week{week_number:02d}"


def assign(week_number: int, out: Path | str | None = None, *, force: bool = False) -> Path:
    """Write the student version of week ``week_number``; return its path.

    ``out``: the folder to write into (default ``release/weekNN/`` of the repository);
    the file keeps the notebook's name. Raises :class:`CommandError` for a week
    without a notebook, a missing nbgrader, or an existing file without ``force``.
    """
    import nbformat

    source = week_notebook(week_number)
    require_nbgrader("assign")
    from .notebook import student_version

    folder = Path(out) if out is not None else default_release_dir(week_number)
    target = folder / source.name
    if target.exists() and not force:
        raise CommandError(f"{display_path(target)} already exists; pass --force to replace it")
    student = student_version(nbformat.read(source, as_version=4))
    nbformat.validate(student)
    folder.mkdir(parents=True, exist_ok=True)
    with atomic_write(target) as f:
        f.write(nbformat.writes(student).encode("utf-8"))
    return target
