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
            assert "assert" in text or "cl.grading.expect_" in text, (
                f"{path.name}/{gid}: a test cell must assert something")
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


# --- what a reader sees without a kernel: markdown, stored outputs, links -----------------

# `**순전파(forward propagation)**를`: a closing `**` after punctuation must be followed by
# whitespace or punctuation in CommonMark; a Korean particle is neither, so it stays open.
OPEN_BOLD = re.compile(r"\*\*[^*\n]*[)\]}'\".,:;!?]\*\*[가-힣]")
# `0~255 … 0.0~1.0`: GitHub-flavoured renderers turn the text between two tildes into
# strike-through; ranges take an en dash.
TILDE_RANGE = re.compile(r"\d\s*~\s*\d")
# 해요체 statement endings (있어요. 해요! 이에요) where the course writes 합니다체;
# requests ending in -세요 and questions (…까요?) are fine.
HAEYO = re.compile(r"[가-힣]*(?<!세)요(?=[.!)\n]|$)")
HAEYO_OK = {"필요", "중요", "주요", "강요", "개요", "요"}
LINK = re.compile(r"\]\(([^)\s]+\.ipynb)(#[^)]*)?\)")
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def _markdown(path):
    """Markdown prose of a notebook with code spans and fenced blocks removed."""
    text = "\n".join(_src(c) for c in _cells(path) if c["cell_type"] == "markdown")
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    return re.sub(r"`[^`\n]*`", "", text)


def _korean_strings(cell):
    """String literals with Hangul in a code cell: printed messages, test feedback, plot text."""
    return re.findall(r"[\"']([^\"'\n]*[가-힣][^\"'\n]*)[\"']", _src(cell))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_markdown_renders(path):
    text = _markdown(path)
    bold = OPEN_BOLD.findall(text)
    assert not bold, (f"{path.name}: {len(bold)} bold spans stay unrendered before a Korean particle, "
                      f"e.g. {bold[:3]}; write **용어**(term)를")
    tilde = [line for line in text.splitlines() if TILDE_RANGE.search(line)]
    assert not tilde, f"{path.name}: ranges with '~' (write 0–255): {tilde[:3]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_one_register(path):
    found = [w for w in HAEYO.findall(_markdown(path)) if w not in HAEYO_OK]
    for cell in _cells(path):
        if cell["cell_type"] == "code":
            for s in _korean_strings(cell):
                found += [w for w in HAEYO.findall(s) if w not in HAEYO_OK]
    assert not found, f"{path.name}: 해요체 endings in a 합니다체 course: {sorted(set(found))[:10]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_links_point_to_notebooks_that_exist(path):
    for target, _ in LINK.findall(_markdown(path)):
        if "://" in target:
            continue
        assert (path.parent / target).exists(), (
            f"{path.name} links to {target}, which does not exist: name the week in plain text")


def test_one_kernelspec_for_all_notebooks():
    for path in NOTEBOOKS:
        spec = json.loads(path.read_text(encoding="utf-8"))["metadata"].get("kernelspec")
        assert spec == KERNELSPEC, f"{path.name}: kernelspec {spec} (opens as modified); use {KERNELSPEC}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_outputs_read_right_without_a_kernel(path):
    for i, c in enumerate(_cells(path)):
        for o in c.get("outputs", []):
            data = o.get("data", {})
            plain = "".join(data.get("text/plain", ""))
            text = "".join(o.get("text", "")) + plain
            where = f"{path.name}, cell {i}"
            assert not plain.startswith(("VBox(", "HBox(", "Box(", "interactive(")), (
                f"{where}: a saved widget shows '{plain[:20]}…' without a kernel; "
                "cl.widgets demos save a picture of their first state")
            if "application/vnd.jupyter.widget-view+json" in data:
                assert "image/png" in data, f"{where}: a saved widget output has no picture"
            assert "does not have a glyph" not in text and "missing from font" not in text, (
                f"{where}: Korean drawn as boxes in a plot (keep Korean outside $…$)")
            assert o.get("output_type") != "error" and "Traceback (most recent call last)" not in text, (
                f"{where}: a stored traceback")
            assert not re.search(r"\|\s*0/\d+ \[", plain), (
                f"{where}: a saved progress bar shows its first state (0/N)")


POINTS_IN_HEADING = re.compile(r"연습문제[^\n]*\((\d+(?:\.\d+)?)점\)")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_exercise_headings_state_the_points_of_their_test(path):
    cells = _cells(path)
    points = {c["metadata"]["nbgrader"]["grade_id"]: c["metadata"]["nbgrader"].get("points")
              for c in cells if c.get("metadata", {}).get("nbgrader", {}).get("grade")}
    heading = None
    for c in cells:
        if c["cell_type"] == "markdown":
            m = POINTS_IN_HEADING.search(_src(c))
            heading = float(m.group(1)) if m else heading
            continue
        meta = c.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution") and heading is not None:
            test = points.get(meta["grade_id"] + "_test")
            assert test is None or float(test) == heading, (
                f"{path.name}/{meta['grade_id']}: the heading says {heading:g}점, the test cell has {test} points")
            heading = None


def test_no_saved_widget_state():
    # with widget state saved, nbviewer/nbconvert embed a widget view instead of the
    # demo's saved picture; `make execute` runs with store_widget_state=False
    for path in NOTEBOOKS:
        meta = json.loads(path.read_text(encoding="utf-8"))["metadata"]
        assert "widgets" not in meta, f"{path.name} stores widget state: re-run `make execute WEEK=N`"
