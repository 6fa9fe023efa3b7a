"""Shared test set-up: headless plotting and the quick profile."""
import os
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("COURSE_PROFILE", "quick")


@pytest.fixture
def week_without_notebook(monkeypatch):
    """A syllabus week whose notebook is missing (every week has one now): week 16's
    ``path`` points into a folder that does not exist, for the commands' error paths."""
    from course_lib import syllabus

    original = syllabus.Week.path

    def path(self):
        if self.number == 16:
            return syllabus.REPO_ROOT / "no-such-folder" / Path(self.notebook).name
        return original.fget(self)

    monkeypatch.setattr(syllabus.Week, "path", property(path))
    week = syllabus.week(16)
    assert not week.path.exists()
    return week
