"""Every notebook belongs to a syllabus week and starts with its title; every week has one."""
import json
from pathlib import Path

import pytest

from course_lib import syllabus

# Weeks whose notebook is not written yet. This set only shrinks: the test fails when
# a listed week has a notebook, so remove the week here when you add its notebook.
NOT_YET_WRITTEN: set[int] = set()

WEEKS = syllabus.load()


def test_syllabus_has_twenty_weeks_matching_the_source():
    assert [w.number for w in WEEKS] == list(range(1, 21))
    assert WEEKS[0].title == "1장-헬로 파이썬" and WEEKS[0].pages == "0–45p"
    assert WEEKS[16].title == "5장-순환신경망(RNN)" and WEEKS[16].book == 2
    assert {w.number for w in WEEKS if w.is_exam} == {6, 7, 13, 14}


def test_every_notebook_belongs_to_a_week():
    listed = {Path(w.notebook).name for w in WEEKS}
    for nb in sorted(syllabus.CHAPTERS_DIR.glob("*.ipynb")):
        assert nb.name in listed, f"{nb.name} is not linked from syllabus.md"


@pytest.mark.parametrize("week", WEEKS, ids=lambda w: f"week{w.number:02d}")
def test_week_has_its_notebook_with_the_title(week):
    if week.number in NOT_YET_WRITTEN:
        assert not week.path.exists(), (
            f"week {week.number} now has {week.path.name}: remove it from NOT_YET_WRITTEN")
        return
    assert week.path.exists(), f"week {week.number}: {week.notebook} is missing"
    nb = json.loads(week.path.read_text(encoding="utf-8"))
    first = nb["cells"][0]
    assert first["cell_type"] == "markdown"
    heading = "".join(first["source"]).splitlines()[0].strip()
    assert heading == week.heading


def test_unknown_week_is_explained():
    with pytest.raises(ValueError, match="not in the syllabus"):
        syllabus.week(21)


def test_gaps_in_the_table_are_rejected(tmp_path):
    bad = tmp_path / "s.md"
    bad.write_text("| 1 | 1 | a | 1p | [x](x.ipynb) |\n| 3 | 1 | b | 2p | [y](y.ipynb) |\n", encoding="utf-8")
    with pytest.raises(ValueError, match="gaps"):
        syllabus.load(bad)
