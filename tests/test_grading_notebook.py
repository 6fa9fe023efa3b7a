"""course_lib.grading.notebook on a tiny synthetic notebook: transforms, runner, audits."""
import copy

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from course_lib.grading import notebook as nbg

ANSWER = '''def double(xs):
    """xs: list of numbers -> list of the doubled numbers."""
    ### BEGIN SOLUTION
    return [2 * x for x in xs]
    ### END SOLUTION
'''
TEST = '''assert double([1, 2]) == [2, 4], "double([1, 2])의 결과가 틀립니다."
### BEGIN HIDDEN TESTS
assert double([5, -1, 0]) == [10, -2, 0], "새 입력에서 틀립니다."
### END HIDDEN TESTS
print("통과!")
'''
HARD_CODED = "def double(xs):\n    return [2, 4]\n"
LOOKS_RIGHT = "def double(xs):\n    return [x + x for x in xs]\n"


def _meta(gid, *, solution=False, grade=False, locked=False, points=None):
    meta = {"schema_version": 3, "grade_id": gid, "solution": solution, "grade": grade,
            "locked": locked}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def make_notebook(*, later_cell="after = [v + 1 for v in [3]]"):
    """Set-up, a read-only cell, one exercise (answer + graded test), and a later cell."""
    nb = new_notebook(cells=[
        new_markdown_cell("# 시험용 노트북"),
        new_code_cell("import os\nfrom pathlib import Path\nSCALE = 2"),
        new_code_cell("INPUTS = [1, 2]", metadata=_meta("demo_given", locked=True)),
        new_markdown_cell("### 연습문제 1 — 두 배 (2점)"),
        new_code_cell(ANSWER, metadata=_meta("demo_ex1", solution=True)),
        new_code_cell(TEST, metadata=_meta("demo_ex1_test", grade=True, locked=True, points=2)),
        new_code_cell(later_cell),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {"x": 1}}}
    for i, cell in enumerate(nb.cells):
        cell.metadata["execution"] = {"iopub.execute_input": "2026-11-22T06:58:51Z"}
        if cell.cell_type == "code":
            cell.execution_count = i
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="[10, -2, 0]\n")]
    return nb


def _all_text(nb):
    return "\n".join(c.source for c in nb.cells)


# ---------------------------------------------------------------------------
# transforms (no kernel)

def test_student_version_hides_solutions_tests_outputs_and_state():
    nb = make_notebook()
    before = copy.deepcopy(nb)
    student = nbg.student_version(nb)
    assert nb == before, "the instructor notebook must stay untouched"
    text = _all_text(student)
    for leak in ("2 * x for x", "BEGIN HIDDEN TESTS", "double([5, -1, 0])", "BEGIN SOLUTION"):
        assert leak not in text
    assert "raise NotImplementedError()" in student.cells[4].source
    assert 'double([1, 2]) == [2, 4]' in student.cells[5].source  # visible test stays
    assert "widgets" not in student.metadata
    for cell in student.cells:
        assert "execution" not in cell.metadata
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
    assert student.cells[5].metadata["editable"] is False
    assert student.cells[5].metadata["deletable"] is False
    assert student.cells[2].metadata["editable"] is False  # read-only cell locked too
    assert student.cells[4].metadata.get("editable", True) is True  # the answer stays editable


def test_graded_cells():
    assert nbg.graded_cells(make_notebook()) == [("demo_ex1_test", 2.0)]


def _submission(answer=ANSWER):
    sub = nbg.student_version(make_notebook())
    sub.cells[4].source = answer
    return sub


def test_with_instructor_tests_restores_hidden_tests_and_locked_cells():
    instructor = make_notebook()
    sub = _submission(LOOKS_RIGHT)
    sub.cells[5].source = 'print("통과!")'                 # a weakened test
    sub.cells[5].metadata.nbgrader.points = 100          # more points
    sub.cells[2].source = "INPUTS = []"                  # an edited read-only cell
    sub.cells[4].metadata.nbgrader.grade = True          # an answer made graded
    before = copy.deepcopy(sub)
    graded, missing = nbg.with_instructor_tests(sub, instructor)
    assert sub == before, "the submission must stay untouched"
    assert missing == {}
    assert graded.cells[5].source == TEST
    assert graded.cells[2].source == "INPUTS = [1, 2]"
    assert graded.cells[4].source == LOOKS_RIGHT
    assert nbg.graded_cells(graded) == [("demo_ex1_test", 2.0)]


def test_with_instructor_tests_reports_missing_and_demotes_strangers():
    instructor = make_notebook()
    sub = _submission()
    copied = copy.deepcopy(sub.cells[5])
    copied.source = "pass"
    stranger = new_code_cell("x = 1", metadata=_meta("fake_test", grade=True, locked=True, points=9))
    del sub.cells[5]
    sub.cells.extend([stranger])
    graded, missing = nbg.with_instructor_tests(sub, instructor)
    assert list(missing) == ["demo_ex1_test"]
    assert "grade_id: demo_ex1_test" in missing["demo_ex1_test"] and "0점" in missing["demo_ex1_test"]
    assert "nbgrader" not in graded.cells[-1].metadata
    assert nbg.graded_cells(graded) == []

    sub = _submission()
    sub.cells.insert(5, copied)                          # a copy of the test cell before it
    graded, missing = nbg.with_instructor_tests(sub, instructor)
    assert missing == {}
    assert graded.cells[5].source == TEST                # the first one counts, restored
    assert "nbgrader" not in graded.cells[6].metadata    # the repeat is an ordinary cell
    assert nbg.graded_cells(graded) == [("demo_ex1_test", 2.0)]


def test_cell_errors():
    cell = new_code_cell("x", outputs=[
        nbformat.v4.new_output("stream", name="stdout", text="hi"),
        nbformat.v4.new_output("error", ename="ValueError", evalue="bad", traceback=[]),
        nbformat.v4.new_output("error", ename="KeyError", evalue="later", traceback=[])])
    assert nbg.cell_errors(cell) == "ValueError: bad"
    assert nbg.cell_errors(new_code_cell("x")) is None
    assert nbg.cell_errors(new_markdown_cell("x")) is None


def test_exercises_pairs_answers_with_tests():
    assert nbg.exercises(make_notebook()) == {"demo_ex1": (4, 5)}


# ---------------------------------------------------------------------------
# kernel runs (a few seconds each)

def test_execute_environment_cwd_and_errors(tmp_path, monkeypatch):
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "4")
    nb = new_notebook(cells=[
        new_code_cell("import os\nprint(os.environ['COURSE_PROFILE'], os.environ['OPENBLAS_NUM_THREADS'],"
                      " os.environ['OMP_NUM_THREADS'], os.environ.get('MPLBACKEND'), os.getcwd())"),
        new_code_cell("1 / 0"),
        new_code_cell("print('still running')"),
    ])
    ran = nbg.execute(nb, cwd=tmp_path, timeout=30, profile="full")
    assert nb.cells[0].outputs == []  # the input is not executed in place
    profile, blas, omp, backend, cwd = ran.cells[0].outputs[0]["text"].split()
    assert (profile, blas, omp, cwd) == ("full", "1", "1", str(tmp_path))
    assert "inline" in backend  # not Agg: figures are drawn (and glyph warnings seen)
    assert nbg.cell_errors(ran.cells[1]).startswith("ZeroDivisionError:")
    assert ran.cells[2].outputs[0]["text"] == "still running\n"


def test_execute_interrupts_an_endless_loop(tmp_path):
    nb = new_notebook(cells=[new_code_cell("while True:\n    pass"), new_code_cell("print('next')")])
    ran = nbg.execute(nb, cwd=tmp_path, timeout=2)
    assert nbg.cell_errors(ran.cells[0]) == "TimeoutError: " + nbg._timeout_message(2)
    assert ran.cells[1].outputs[0]["text"] == "next\n"


def test_runner_reports_errors_of_cells_and_sources(tmp_path):
    nb = make_notebook()
    with nbg.kernel(nb, cwd=tmp_path, timeout=30) as runner:
        assert [runner.run(i) for i in range(6)] == [None] * 6
        assert nb.cells[5].outputs[0]["text"] == "통과!\n"
        assert runner.run_source(HARD_CODED)[0] is None
        err, cell = runner.run_source(TEST)
        assert err.startswith("AssertionError: 새 입력에서 틀립니다")
        assert len(nb.cells) == 7  # throwaway cells are not kept


def test_execute_lets_a_dead_kernel_raise(tmp_path):
    from nbclient.exceptions import DeadKernelError

    nb = new_notebook(cells=[new_code_cell("import os\nos._exit(1)"), new_code_cell("print(1)")])
    with pytest.raises(DeadKernelError):
        nbg.execute(nb, cwd=tmp_path, timeout=30)


def test_check_instructor_honest_passes_and_shortcuts(tmp_path):
    # the later cell needs the honest answer back after the shortcut ran
    nb = make_notebook(later_cell="assert double([3]) == [6]")
    assert nbg.check_instructor(nb, cwd=tmp_path, shortcuts={"demo_ex1": [HARD_CODED]}) == []
    problems = nbg.check_instructor(
        nb, cwd=tmp_path, shortcuts={"demo_ex1": [HARD_CODED, LOOKS_RIGHT, "def double(xs):\n    return oops"
                                                  "\nundefined_name"],
                                     "demo_ex9": ["pass"]})
    assert len(problems) == 3, problems
    assert "'demo_ex9' names no exercise" in problems[0]
    assert "shortcut #2 PASSED" in problems[1] and "return [x + x for x in xs]" in problems[1]
    assert "shortcut #3 raised NameError" in problems[2]


def test_check_instructor_reports_a_failing_honest_answer(tmp_path):
    nb = make_notebook()
    nb.cells[4].source = ANSWER.replace("2 * x", "3 * x")
    problems = nbg.check_instructor(nb, cwd=tmp_path, shortcuts={"demo_ex1": [HARD_CODED]})
    assert len(problems) == 1 and "[demo_ex1_test]" in problems[0] and "AssertionError" in problems[0]


def test_check_student_finds_a_later_cell_that_uses_the_answer(tmp_path):
    assert nbg.check_student(make_notebook(), cwd=tmp_path) == []
    problems = nbg.check_student(make_notebook(later_cell="after = double([3])"), cwd=tmp_path)
    assert len(problems) == 1, problems
    assert "cell 6 'after = double([3])' raised NotImplementedError" in problems[0]


def test_check_student_finds_a_test_that_passes_without_an_answer(tmp_path):
    nb = make_notebook()
    nb.cells[5].source = 'assert INPUTS == [1, 2]\nprint("통과!")'
    problems = nbg.check_student(nb, cwd=tmp_path)
    assert len(problems) == 1 and "PASSES in the student version" in problems[0]


def test_glyph_warnings_are_reported(tmp_path):
    nb = make_notebook(later_cell="import sys\nprint(\"UserWarning: Glyph 50640 (\\\\N{HANGUL SYLLABLE EO}) "
                                  "missing from font(s) DejaVu Sans; Font 'default' does not have a glyph\","
                                  " file=sys.stderr)")
    problems = nbg.check_instructor(nb, cwd=tmp_path)
    assert len(problems) == 1 and "instructor version: cell 6" in problems[0]
