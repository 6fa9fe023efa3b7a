"""Static checks of every notebook in chapters/ (nbval executes them separately).

- nbgrader cells follow schema 3 and have unique, valid grade ids;
- the solution markers appear only inside solution cells (nbgrader's ClearSolutions
  fails on any other cell that contains them);
- every exercise has a graded test cell with points;
- committed outputs come from an execution (outputs with execution counts), and at
  least one cell is compared by nbval (``# NBVAL_CHECK_OUTPUT``);
- no cell relies on a trailing ';' to hide output (nbval ignores it);
- every cell that calls ``plt.show()`` has its figure saved (an execution under a
  non-inline backend such as ``MPLBACKEND=Agg`` silently drops them).
"""
import json
import re

import pytest

from course_lib import syllabus

NOTEBOOKS = sorted(syllabus.CHAPTERS_DIR.glob("*.ipynb"))
MARKERS = ("BEGIN SOLUTION", "END SOLUTION")
GRADE_ID = re.compile(r"^[A-Za-z0-9_-]+$")


def _cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _src(cell):
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_nbgrader_metadata(path):
    ids = set()
    solutions = graded = 0
    for cell in _cells(path):
        meta = cell.get("metadata", {}).get("nbgrader")
        text = _src(cell)
        if meta is None:
            assert not any(m in text for m in MARKERS), (
                f"{path.name}: a cell without nbgrader metadata contains a solution marker")
            continue
        assert meta.get("schema_version") == 3, f"{path.name}: nbgrader schema must be 3"
        for key in ("grade", "solution", "locked"):
            assert isinstance(meta.get(key), bool), f"{path.name}: nbgrader '{key}' missing"
        gid = meta.get("grade_id", "")
        assert GRADE_ID.match(gid), f"{path.name}: bad grade_id {gid!r}"
        assert gid not in ids, f"{path.name}: duplicate grade_id {gid!r}"
        ids.add(gid)
        if meta["solution"]:
            solutions += 1
            assert cell["cell_type"] != "code" or all(m in text for m in MARKERS), (
                f"{path.name}/{gid}: a code solution cell needs both solution markers")
        else:
            assert not any(m in text for m in MARKERS), f"{path.name}/{gid}: marker outside a solution cell"
        if meta["grade"]:
            graded += 1
            assert meta.get("points", 0) > 0 and meta["locked"], f"{path.name}/{gid}: graded cells are locked with points"
            assert "assert" in text, f"{path.name}/{gid}: a test cell must assert something"
    assert solutions >= 2 and graded >= solutions, f"{path.name}: {solutions} exercises, {graded} graded cells"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_outputs_come_from_an_execution(path):
    code = [c for c in _cells(path) if c["cell_type"] == "code"]
    assert any(c.get("outputs") for c in code), f"{path.name} has no outputs: run `make execute WEEK=N`"
    for c in code:
        if c.get("outputs"):
            assert c.get("execution_count") is not None, (
                f"{path.name}: a cell has outputs but no execution count (nbval rejects it)")
    assert any("NBVAL_CHECK_OUTPUT" in _src(c) for c in code), f"{path.name}: no cell is compared by nbval"
    for c in code:
        assert not _src(c).rstrip().endswith(";"), (
            f"{path.name}: a cell ends with ';' — nbval ignores it; use '_ = ...' or plt.show()")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_figure_cells_keep_their_figures(path):
    for i, c in enumerate(_cells(path)):
        if c["cell_type"] == "code" and "plt.show()" in _src(c):
            assert any("image/png" in o.get("data", {}) for o in c.get("outputs", [])), (
                f"{path.name}, cell {i}: plt.show() but no saved figure; re-run "
                "`make execute WEEK=N` without MPLBACKEND set")
