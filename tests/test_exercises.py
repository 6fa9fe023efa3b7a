"""Every exercise of every notebook in chapters/ is honest (quick profile, cwd chapters/).

For each notebook (found by glob, so a new week is checked as soon as it exists):

- instructor version, cell by cell in one kernel: every cell runs, so every graded
  test passes; each shortcut of ``tests/shortcuts/weekNN.py`` (see that package's
  docstring) makes its exercise's graded test fail;
- student version (``course_lib.grading.notebook.student_version``), top to bottom:
  every graded test fails, and any other cell that fails is an answer cell raising
  ``NotImplementedError`` — so no later cell uses an exercise's answer;
- in both runs no output says a glyph is missing (Korean drawn as boxes).

One test class per notebook (``TestWeek03``…): ``--dist loadscope`` sends each class
to one worker, so the notebooks spread over the workers.
"""
import importlib.util
import re

import nbformat

from course_lib import syllabus
from course_lib.grading import notebook as nbg

CHAPTERS = syllabus.CHAPTERS_DIR
NOTEBOOKS = sorted(CHAPTERS.glob("*.ipynb"))
SHORTCUTS_DIR = syllabus.REPO_ROOT / "tests" / "shortcuts"
TIMEOUT = 180  # seconds per cell: a shortcut stuck in a loop fails instead of hanging


def _week(path) -> str:
    m = re.match(r"(week\d+)", path.stem)
    return m.group(1) if m else path.stem


def load_shortcuts(week: str) -> dict[str, list[str]]:
    """``SHORTCUTS`` of ``tests/shortcuts/<week>.py``; ``{}`` when the file is missing."""
    path = SHORTCUTS_DIR / f"{week}.py"
    if not path.exists():
        return {}
    spec = importlib.util.spec_from_file_location(f"_shortcuts_{week}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shortcuts = getattr(module, "SHORTCUTS", None)
    assert isinstance(shortcuts, dict), f"{path.name}: needs a dict SHORTCUTS"
    for key, sources in shortcuts.items():
        assert isinstance(sources, list) and all(isinstance(s, str) for s in sources), (
            f"{path.name}: SHORTCUTS[{key!r}] must be a list of source strings")
    return shortcuts


def _report(path, what, problems) -> str:
    return f"{path.name}, {what}: {len(problems)} problem(s)\n" + "\n".join(
        f"  - {p}" for p in problems)


class _ExerciseChecks:
    path = None  # set per notebook below

    def test_instructor_passes_and_shortcuts_fail(self):
        nb = nbformat.read(self.path, as_version=4)
        problems = nbg.check_instructor(nb, cwd=CHAPTERS, shortcuts=load_shortcuts(_week(self.path)),
                                        timeout=TIMEOUT, profile="quick")
        assert not problems, _report(self.path, "instructor version", problems)

    def test_student_version_fails_only_graded_tests(self):
        nb = nbformat.read(self.path, as_version=4)
        problems = nbg.check_student(nb, cwd=CHAPTERS, timeout=TIMEOUT, profile="quick")
        assert not problems, _report(self.path, "student version", problems)


def _class_name(path) -> str:
    week = _week(path)
    return "Test" + "".join(part.capitalize() for part in re.split(r"[^0-9A-Za-z]+", week) if part)


for _path in NOTEBOOKS:
    _name = _class_name(_path)
    globals()[_name] = type(_name, (_ExerciseChecks,), {"path": _path, "__module__": __name__})


def test_shortcut_files():
    """Each tests/shortcuts/weekNN.py has a docstring, a well-formed SHORTCUTS and a notebook."""
    weeks = {_week(p) for p in NOTEBOOKS}
    for path in sorted(SHORTCUTS_DIR.glob("week*.py")):
        assert path.stem in weeks, f"{path.name}: no notebook chapters/{path.stem}_*.ipynb (stale file?)"
        assert path.read_text(encoding="utf-8").lstrip().startswith(('"""', "'''")), (
            f"{path.name}: start with a module docstring")
        load_shortcuts(path.stem)  # asserts the format
