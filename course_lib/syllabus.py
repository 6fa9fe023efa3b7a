"""Parse ``syllabus.md``, the single source of truth for week titles and pages.

The table's rows look like::

    | 4 | 1 | 4장-신경망 학습 | 106p ~ 146p | [week04_...](chapters/week04_....ipynb) |
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SYLLABUS_PATH = REPO_ROOT / "syllabus.md"
CHAPTERS_DIR = REPO_ROOT / "chapters"

_ROW = re.compile(r"^\|\s*(\d+)\s*\|\s*(\d)\s*\|([^|]*)\|([^|]*)\|\s*\[[^\]]*\]\(([^)]+)\)\s*\|\s*$")
EXAM_WEEKS = frozenset({6, 7, 13, 14})


@dataclass(frozen=True)
class Week:
    """One syllabus row: week number, book (1 or 2), title, pages and notebook path."""

    number: int
    book: int
    title: str
    pages: str
    notebook: str  # relative to the repository root, e.g. "chapters/week04_....ipynb"

    @property
    def heading(self) -> str:
        """The notebook's first line: ``# 04주차 — 4장-신경망 학습``."""
        return f"# {self.number:02d}주차 — {self.title}"

    @property
    def is_exam(self) -> bool:
        return self.number in EXAM_WEEKS

    @property
    def path(self) -> Path:
        return REPO_ROOT / self.notebook


def load(path: Path | str = SYLLABUS_PATH) -> list[Week]:
    """Read the syllabus table; weeks in order 1..N. Raises ``ValueError`` on gaps."""
    weeks = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        m = _ROW.match(line.strip())
        if m:
            num, book, title, pages, nb = m.groups()
            weeks.append(Week(int(num), int(book), title.strip(), pages.strip(), nb.strip()))
    numbers = [w.number for w in weeks]
    if numbers != list(range(1, len(weeks) + 1)):
        raise ValueError(f"{path}: week rows must run 1, 2, ... without gaps; found {numbers}")
    return weeks


def week(number: int, path: Path | str = SYLLABUS_PATH) -> Week:
    """The syllabus row of one week; a clear error for a week that does not exist."""
    weeks = load(path)
    for w in weeks:
        if w.number == number:
            return w
    raise ValueError(f"week {number} is not in the syllabus (weeks 1–{len(weeks)})")
