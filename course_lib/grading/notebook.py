"""Notebook transforms for hand-out and grading, and a kernel that runs cells one by one.

Instructor side: needs nbgrader (the ``instructor`` extra) for :func:`student_version`;
the rest needs only nbformat and nbclient.

- :func:`student_version`: the notebook a student gets, through nbgrader's own
  preprocessors (solutions and hidden tests removed, outputs cleared, graded cells
  locked), without saved widget state or cell metadata that could give answers away.
- :func:`graded_cells`: ``(grade_id, points)`` of the graded test cells, in order.
- :func:`with_instructor_tests`: a submission whose locked cells carry the instructor's
  source again (hidden tests back; a student cannot weaken a test), and the graded
  cells the submission lacks, each with a Korean reason.
- :func:`execute`: run a notebook with ``allow_errors`` and a per-cell timeout in the
  course's kernel environment; :func:`cell_errors` reads a cell's first error.
- :func:`kernel`: one kernel for a notebook that runs a given cell or a given source
  and says whether it raised.
- :func:`check_instructor` / :func:`check_student`: the audits of
  ``tests/test_exercises.py`` — the instructor version passes every graded test and
  fails it with every shortcut answer; the student version fails every graded test and
  nothing else (no later cell uses an answer); no output reports a missing glyph.
"""
from __future__ import annotations

import contextlib
import copy
import os
from collections.abc import Iterator
from pathlib import Path

import nbformat
from nbformat import NotebookNode

KERNEL_NAME = "python3"
# nbgrader metadata a student version keeps (nbgrader's checksum and cell_type are
# recomputed for the student version by ComputeChecksums).
_NBGRADER_KEYS = {"schema_version", "grade", "solution", "locked", "grade_id", "points", "task"}
# cell metadata a student version keeps: everything else (execution timings, stored
# widget views, editor state, ...) is dropped.
_CELL_META_KEYS = {"nbgrader", "tags", "editable", "deletable", "jupyter", "slideshow"}
# notebook metadata a student version keeps ("widgets" holds the saved widget state,
# i.e. the values an instructor run left in sliders and outputs).
_NB_META_KEYS = {"kernelspec", "language_info", "title", "authors"}
_LEFTOVER_MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")


def _nbgrader(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader") or {}


def _is_graded(cell) -> bool:
    return bool(_nbgrader(cell).get("grade"))


def _is_solution(cell) -> bool:
    return bool(_nbgrader(cell).get("solution"))


def _is_locked(cell) -> bool:
    """nbgrader's rule: graded cells and read-only cells are overwritten at grading."""
    meta = _nbgrader(cell)
    if not meta or meta.get("solution"):
        return False
    return bool(meta.get("grade") or meta.get("locked"))


def student_version(nb: NotebookNode) -> NotebookNode:
    """The student's copy of an instructor notebook (a new notebook; ``nb`` is untouched).

    nbgrader's LockCells, ClearSolutions, ClearOutput and ClearHiddenTests (in the order
    of ``nbgrader generate_assignment``), then: no execution counts, no saved widget
    state, cell metadata reduced to what nbgrader and the editor need, checksums
    computed and the nbgrader metadata validated as nbgrader does.
    """
    from nbgrader.preprocessors import (CheckCellMetadata, ClearHiddenTests, ClearOutput,
                                        ClearSolutions, ComputeChecksums, LockCells)

    out = copy.deepcopy(nb)
    resources: dict = {}
    for pre in (LockCells(), ClearSolutions(), ClearOutput(), ClearHiddenTests()):
        out, resources = pre.preprocess(out, resources)
    for key in list(out.metadata):
        if key not in _NB_META_KEYS:
            del out.metadata[key]
    for cell in out.cells:
        for key in list(cell.metadata):
            if key not in _CELL_META_KEYS:
                del cell.metadata[key]
        if "nbgrader" in cell.metadata:
            meta = cell.metadata.nbgrader
            for key in list(meta):
                if key not in _NBGRADER_KEYS:
                    del meta[key]
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        text = cell.source
        leftover = [m for m in _LEFTOVER_MARKERS if m in text]
        if leftover:  # nbgrader enforces this already; a leak must never pass silently
            raise ValueError(f"student version still contains {leftover[0]!r} in a cell")
    for pre in (ComputeChecksums(), CheckCellMetadata()):
        out, resources = pre.preprocess(out, resources)
    return out


def graded_cells(nb: NotebookNode) -> list[tuple[str, float]]:
    """``(grade_id, points)`` of every graded cell, in notebook order."""
    return [(_nbgrader(c)["grade_id"], float(_nbgrader(c).get("points", 0)))
            for c in nb.cells if _is_graded(c)]


def _missing_reason(grade_id: str) -> str:
    return (f"제출한 노트북에서 채점 셀을 찾지 못했습니다(grade_id: {grade_id}). "
            "셀을 지웠거나 셀의 메타데이터가 바뀌었을 수 있습니다. 이 문항은 0점입니다.")


def with_instructor_tests(submission_nb: NotebookNode,
                          instructor_nb: NotebookNode) -> tuple[NotebookNode, dict[str, str]]:
    """The submission ready to grade, and ``{grade_id: reason}`` of graded cells it lacks.

    A copy of ``submission_nb`` where every locked cell (graded test cells and
    read-only cells, matched by ``grade_id``) is the instructor's cell again: hidden
    tests are back and an edited test counts for nothing. Answer cells keep the
    student's source but get the instructor's nbgrader metadata back (points and flags
    cannot be changed). A cell whose ``grade_id`` the instructor notebook does not have,
    or that repeats an earlier one (a copied cell), becomes an ordinary cell.
    """
    sub = copy.deepcopy(submission_nb)
    reference = {}
    for cell in instructor_nb.cells:
        gid = _nbgrader(cell).get("grade_id")
        if gid:
            reference[gid] = cell
    seen = set()
    for i, cell in enumerate(sub.cells):
        gid = _nbgrader(cell).get("grade_id")
        if "nbgrader" not in cell.get("metadata", {}):
            continue
        if gid not in reference or gid in seen:
            del cell.metadata["nbgrader"]
            continue
        seen.add(gid)
        source = reference[gid]
        if _is_locked(source):
            new = copy.deepcopy(source)
            if new.cell_type == "code":
                new.outputs = []
                new.execution_count = None
            if "id" in cell:  # keep the submission's cell ids (or its lack of them)
                new["id"] = cell["id"]
            else:
                new.pop("id", None)
            sub.cells[i] = new
        else:
            cell.metadata["nbgrader"] = copy.deepcopy(source.metadata["nbgrader"])
    missing = {gid: _missing_reason(gid) for gid, _ in graded_cells(instructor_nb) if gid not in seen}
    return sub, missing


def kernel_env(profile: str = "quick") -> dict[str, str]:
    """The kernel's environment: ours, the given profile, one BLAS thread, inline figures."""
    env = dict(os.environ)
    env["COURSE_PROFILE"] = profile
    env["OPENBLAS_NUM_THREADS"] = "1"
    env["OMP_NUM_THREADS"] = "1"
    # a non-inline backend (MPLBACKEND=Agg, as the tests set it) would never draw the
    # figures: no saved pictures, and no "does not have a glyph" warning to catch
    env.pop("MPLBACKEND", None)
    return env


def cell_errors(cell) -> str | None:
    """``"ename: evalue"`` of the first error output of a code cell, or ``None``."""
    if cell.get("cell_type") != "code":
        return None
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            return f"{out.get('ename', '')}: {out.get('evalue', '')}"
    return None


class CellRunner:
    """Runs cells of one notebook in one kernel; see :func:`kernel`."""

    def __init__(self, client):
        self._client = client
        self.nb = client.nb

    def run(self, index: int) -> str | None:
        """Run ``nb.cells[index]`` (outputs stored in the cell); its error or ``None``."""
        cell = self.nb.cells[index]
        if cell.cell_type != "code":
            return None
        self._client.execute_cell(cell, index)
        return cell_errors(self.nb.cells[index])

    def run_source(self, source: str) -> tuple[str | None, NotebookNode]:
        """Run a throwaway code cell (not kept in the notebook); its error and the cell."""
        cell = nbformat.v4.new_code_cell(source)
        self.nb.cells.append(cell)
        index = len(self.nb.cells) - 1
        try:
            self._client.execute_cell(cell, index)
        finally:
            cell = self.nb.cells.pop(index)
        return cell_errors(cell), cell


def _timeout_message(timeout: int) -> str:
    return f"셀 실행이 {timeout}초 안에 끝나지 않아 중단했습니다(무한 반복인지 확인하세요)."


@contextlib.contextmanager
def kernel(nb: NotebookNode, *, cwd, timeout: int = 60,
           profile: str = "quick") -> Iterator[CellRunner]:
    """One ``python3`` kernel for ``nb`` (run in place), in :func:`kernel_env`'s environment.

    Errors never raise: they are stored as the cell's error output (a cell that runs
    past ``timeout`` seconds is interrupted and gets a ``TimeoutError`` output). A dead
    kernel raises nbclient's ``DeadKernelError``.
    """
    from nbclient import NotebookClient

    on_timeout = {"ename": "TimeoutError", "evalue": _timeout_message(timeout), "traceback": []}

    def record_error_reply(cell, cell_index, execute_reply):
        # make every failed reply visible in the outputs, so that cell_errors sees it;
        # a timeout (a reply made up by nbclient from error_on_timeout) comes first,
        # before the KeyboardInterrupt that the interrupted kernel may still print
        content = (execute_reply or {}).get("content", {})
        if content.get("status") != "error":
            return
        timed_out = all(content.get(k) == v for k, v in on_timeout.items())
        if timed_out or cell_errors(cell) is None:
            cell.outputs.insert(0, nbformat.v4.new_output(
                "error", ename=content.get("ename", "Error"),
                evalue=content.get("evalue", ""), traceback=content.get("traceback", [])))

    client = NotebookClient(
        nb, timeout=timeout, kernel_name=KERNEL_NAME, allow_errors=True,
        interrupt_on_timeout=True, record_timing=False,
        error_on_timeout=on_timeout,
        on_cell_executed=record_error_reply,
        resources={"metadata": {"path": str(cwd)}})
    with client.setup_kernel(env=kernel_env(profile), cwd=str(cwd)):
        yield CellRunner(client)


def execute(nb: NotebookNode, *, cwd, timeout: int = 60, profile: str = "quick") -> NotebookNode:
    """Run every code cell of a copy of ``nb`` in one kernel; the executed copy.

    ``cwd`` is the kernel's working directory; ``timeout`` is per cell (the cell is
    interrupted and gets a ``TimeoutError`` output, and the run goes on). Errors are
    left in the cells' outputs (:func:`cell_errors`); nbclient's ``DeadKernelError``
    (e.g. the kernel crashed) propagates.
    """
    out = copy.deepcopy(nb)
    with kernel(out, cwd=Path(cwd), timeout=timeout, profile=profile) as runner:
        for index in range(len(out.cells)):
            runner.run(index)
    return out


# ---------------------------------------------------------------------------
# Audits used by tests/test_exercises.py: is every exercise honest?

GLYPH_WARNING = "does not have a glyph"


def _first_line(cell_or_source) -> str:
    text = cell_or_source if isinstance(cell_or_source, str) else cell_or_source.source
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:80]
    return ""


def _label(index: int, cell) -> str:
    gid = _nbgrader(cell).get("grade_id")
    return f"cell {index}" + (f" [{gid}]" if gid else "") + f" {_first_line(cell)!r}"


def _head(source: str, lines: int = 3) -> str:
    return "\n".join("        " + line for line in source.strip("\n").splitlines()[:lines])


def _output_text(out) -> str:
    if out.get("output_type") == "stream":
        return out.get("text", "")
    if out.get("output_type") == "error":
        return "\n".join([out.get("evalue", "")] + list(out.get("traceback", [])))
    data = out.get("data", {})
    return "\n".join(v for k, v in data.items() if k.startswith("text/") and isinstance(v, str))


def glyph_problems(nb: NotebookNode, what: str = "") -> list[str]:
    """Cells whose outputs say a glyph is missing (Korean drawn as boxes)."""
    return [f"{what}{_label(i, c)}: an output says '{GLYPH_WARNING}' (Korean drawn as boxes?)"
            for i, c in enumerate(nb.cells) if c.cell_type == "code"
            and any(GLYPH_WARNING in _output_text(o) for o in c.get("outputs", []))]


def exercises(nb: NotebookNode) -> dict[str, tuple[int, int]]:
    """``{key: (answer cell index, test cell index)}`` of the exercises ``key``/``key_test``."""
    answers = {_nbgrader(c)["grade_id"]: i for i, c in enumerate(nb.cells)
               if _is_solution(c) and _nbgrader(c).get("grade_id")}
    tests = {_nbgrader(c)["grade_id"]: i for i, c in enumerate(nb.cells) if _is_graded(c)}
    return {key: (i, tests[key + "_test"]) for key, i in answers.items() if key + "_test" in tests}


def check_instructor(nb: NotebookNode, *, cwd, shortcuts: dict[str, list[str]] | None = None,
                     timeout: int = 60, profile: str = "quick") -> list[str]:
    """Problems of the instructor version, run cell by cell in one kernel (``[]``: none).

    Every cell must run without error (so every graded test passes). After the test
    cell of exercise ``key`` passed, each source of ``shortcuts[key]`` runs as if it were
    the answer cell, then the test cell again, which must fail; then the honest answer
    cell and the test run again (so later cells see the honest answer). A shortcut key
    that names no exercise is a problem too, and so is a missing glyph in any output.
    """
    shortcuts = shortcuts or {}
    nb = copy.deepcopy(nb)
    found = exercises(nb)
    problems = [f"shortcut key {key!r} names no exercise of this notebook (known: "
                f"{', '.join(sorted(found)) or 'none'})" for key in shortcuts if key not in found]
    by_test = {test: key for key, (_, test) in found.items()}
    with kernel(nb, cwd=cwd, timeout=timeout, profile=profile) as runner:
        for i, cell in enumerate(nb.cells):
            err = runner.run(i)
            if err is not None:
                problems.append(f"{_label(i, cell)} raised {err}")
                continue
            key = by_test.get(i)
            if key is None or not shortcuts.get(key):
                continue
            for n, source in enumerate(shortcuts[key], 1):
                err, _ = runner.run_source(source)
                if err is not None:
                    problems.append(f"{key}: shortcut #{n} raised {err} when run as the answer "
                                    f"cell (a shortcut must define the answer):\n{_head(source)}")
                    continue
                err, _ = runner.run_source(cell.source)
                if err is None:
                    problems.append(f"{key}: shortcut #{n} PASSED the graded test:\n{_head(source)}")
            answer = found[key][0]
            for j in (answer, i):
                err = runner.run(j)
                if err is not None:
                    problems.append(f"{key}: after its shortcuts, {_label(j, nb.cells[j])} "
                                    f"raised {err} (a shortcut left state behind?)")
    # nbgrader's determine_grade scores a graded cell that wrote to stderr as failed:
    # a warning in a test cell would give every honest student 0 for that exercise
    for i, cell in enumerate(nb.cells):
        if _is_graded(cell) and any(o.get("output_type") == "stream" and o.get("name") == "stderr"
                                    for o in cell.get("outputs", [])):
            problems.append(f"{_label(i, cell)} writes to stderr, which nbgrader scores as a "
                            "failure: silence the warning or fix its cause")
    return problems + glyph_problems(nb, "instructor version: ")


def _compile_errors(index: int, cell) -> str | None:
    from IPython.core.inputtransformer2 import TransformerManager

    try:
        compile(TransformerManager().transform_cell(cell.source), f"<cell {index}>", "exec")
    except SyntaxError as e:
        return f"{_label(index, cell)} is not valid Python in the student version: {e}"
    return None


def check_student(nb: NotebookNode, *, cwd, timeout: int = 60,
                  profile: str = "quick") -> list[str]:
    """Problems of the student version of ``nb`` run top to bottom (``[]``: none).

    Every graded test cell must fail (and still be valid Python once the hidden tests
    are gone); any other cell that fails must be an answer cell raising
    ``NotImplementedError`` — so no later cell uses an answer. No missing glyph either.
    """
    student = student_version(nb)
    problems = [p for i, c in enumerate(student.cells)
                if _is_graded(c) and c.cell_type == "code" and (p := _compile_errors(i, c))]
    ran = execute(student, cwd=cwd, timeout=timeout, profile=profile)
    for i, cell in enumerate(ran.cells):
        err = cell_errors(cell)
        if _is_graded(cell):
            if err is None and cell.cell_type == "code":
                problems.append(f"{_label(i, cell)}: this graded test PASSES in the student "
                                "version (it does not test the answer)")
        elif err is not None and not (_is_solution(cell) and err.startswith("NotImplementedError:")):
            problems.append(f"{_label(i, cell)} raised {err} in the student version "
                            "(does it use an exercise's answer?)")
    return problems + glyph_problems(ran, "student version: ")
