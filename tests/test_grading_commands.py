"""``python -m course_lib assign 3`` and ``python -m course_lib grade 3 DIR`` on week 3.

The grade test uses one folder with an honest submission, a blank one, one that calls
the library where the exercise says to implement, a broken JSON file and an endless
loop, and checks the gradebook CSV, the feedback and that the folder is untouched.
The submissions are built from the committed instructor notebook, so the test follows
the notebook's exercises as they change.
"""
import ast
import copy
import csv
import re

import nbformat
import pytest

# no importorskip: CI installs the instructor extra, and a missing nbgrader must fail here
import nbgrader  # noqa: E402,F401  (pip install -e ".[instructor]")

import course_lib.__main__ as cli  # noqa: E402
from course_lib import syllabus  # noqa: E402
from course_lib.grading import grade as grading  # noqa: E402
from course_lib.grading.assign import CommandError, assign, default_release_dir  # noqa: E402
from course_lib.grading.notebook import graded_cells, student_version  # noqa: E402

WEEK = 3
TIMEOUT = 10  # seconds per cell: the endless loop costs this much
_MARKER = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n?", re.M)


def _meta(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


@pytest.fixture(scope="module")
def instructor():
    return nbformat.read(syllabus.week(WEEK).path, as_version=4)


def _answer_cells(nb):
    return [c for c in nb.cells if _meta(c).get("solution") and _meta(c).get("grade_id")]


def _filled(instructor_nb, replace=None):
    """The student version with the instructor's answers typed in (``replace``: grade_id -> source)."""
    honest = {_meta(c)["grade_id"]: _MARKER.sub("", c.source) for c in _answer_cells(instructor_nb)}
    honest.update(replace or {})
    nb = student_version(instructor_nb)
    for cell in _answer_cells(nb):
        cell.source = honest[_meta(cell)["grade_id"]]
    return nb


def _function(cell):
    """(grade_id, name, arguments) of an answer cell that defines one function."""
    tree = ast.parse(_MARKER.sub("", cell.source))
    funcs = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    return (_meta(cell)["grade_id"], funcs[0].name, ast.unparse(funcs[0].args)) if funcs else None


def _snapshot(folder):
    return {p.relative_to(folder): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


# ------------------------------------------------------------------ assign
def test_assign_writes_the_student_version(tmp_path, instructor, capsys):
    assert default_release_dir(WEEK) == syllabus.REPO_ROOT / "release" / "week03"
    rc = cli.main(["assign", str(WEEK), "--out", str(tmp_path)])
    out, err = capsys.readouterr()
    assert rc == 0, err
    target = tmp_path / syllabus.week(WEEK).path.name
    assert "student version" in out and target.name in out
    text = target.read_text(encoding="utf-8")
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
        assert marker not in text
    nb = nbformat.read(target, as_version=4)
    nbformat.validate(nb)
    assert "widgets" not in nb.metadata
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    graded = [c for c in nb.cells if _meta(c).get("grade")]
    assert [_meta(c)["grade_id"] for c in graded] == [g for g, _ in graded_cells(instructor)]
    assert graded and all(c.metadata.get("editable") is False and c.metadata.get("deletable") is False
                          for c in graded)
    answers = _answer_cells(nb)
    assert answers and all("raise NotImplementedError()" in c.source for c in answers)
    assert len(nb.cells) == len(instructor.cells)


def test_assign_never_overwrites_without_force(tmp_path, capsys):
    target = assign(WEEK, tmp_path)
    target.write_text("an edited release", encoding="utf-8")
    rc = cli.main(["assign", str(WEEK), "--out", str(tmp_path)])
    err = capsys.readouterr().err
    assert rc == 2 and len(err.strip().splitlines()) == 1 and "--force" in err
    assert target.read_text(encoding="utf-8") == "an edited release"
    with pytest.raises(CommandError, match="--force"):
        assign(WEEK, tmp_path)
    assert cli.main(["assign", str(WEEK), "--out", str(tmp_path), "--force"]) == 0
    assert nbformat.read(target, as_version=4).cells


def test_assign_week_without_notebook(tmp_path, capsys, week_without_notebook):
    week = week_without_notebook
    rc = cli.main(["assign", str(week.number), "--out", str(tmp_path)])
    err = capsys.readouterr().err
    assert rc == 2 and err.strip().endswith(f"week {week.number} has no notebook yet ({week.notebook})")
    assert not list(tmp_path.iterdir())


# ------------------------------------------------------------------ grade
@pytest.fixture(scope="module")
def graded(tmp_path_factory, instructor):
    """Grade a folder of five submissions once; (submissions, out, snapshot, log, facts)."""
    root = tmp_path_factory.mktemp("grade3")
    subs, out = root / "submitted", root / "grades"
    subs.mkdir()
    answers = [_function(c) for c in _answer_cells(instructor)]
    softmax = [a for a in answers if a and a[1] == "my_softmax"]
    assert softmax, "week 3 has no my_softmax exercise any more: update this test"
    softmax_id = softmax[0][0]
    looped = [a for a in answers if a and a[0] != softmax_id][-1]
    loop_id, name, args = looped

    # honest: the instructor notebook itself
    (subs / "honest.ipynb").write_bytes(syllabus.week(WEEK).path.read_bytes())
    # blank: the student version as handed out, in the <student>/<notebook> layout
    (subs / "blank").mkdir()
    nbformat.write(student_version(instructor), subs / "blank" / syllabus.week(WEEK).path.name)
    # library call where the exercise says to implement; every other answer honest
    nbformat.write(_filled(instructor, {softmax_id: "def my_softmax(a):\n    return cl.functions.softmax(a)\n"}),
                   subs / "library.ipynb")
    # endless loop in one answer; every other answer honest
    nbformat.write(_filled(instructor, {loop_id: f"def {name}({args}):\n    while True:\n        pass\n"}),
                   subs / "loop.ipynb")
    # not JSON
    (subs / "broken.ipynb").write_bytes(syllabus.week(WEEK).path.read_bytes()[:500])
    before = _snapshot(subs)

    log = []
    results = grading.grade(WEEK, subs, out, timeout=TIMEOUT, log=log.append)
    rows = list(csv.DictReader((out / "gradebook.csv").open(encoding="utf-8-sig")))
    return dict(subs=subs, out=out, before=before, log=log, results=results, rows=rows,
                softmax_id=softmax_id + "_test", loop_id=loop_id + "_test",
                exercises=graded_cells(instructor))


def _by_student(rows, student):
    return {r["exercise"]: r for r in rows if r["student"] == student}


def test_gradebook_columns_and_students(graded):
    rows = graded["rows"]
    assert list(rows[0]) [:5] == ["student", "exercise", "points", "max_points", "reason"]
    assert sorted({r["student"] for r in rows}) == ["blank", "broken", "honest", "library", "loop"]
    ids = [g for g, _ in graded["exercises"]]
    for student in ("blank", "broken", "honest", "library", "loop"):
        mine = _by_student(rows, student)
        assert list(mine) == ids
        assert all(float(mine[g]["max_points"]) == p for g, p in graded["exercises"])


def test_honest_gets_full_marks_blank_gets_zero(graded):
    honest, blank = _by_student(graded["rows"], "honest"), _by_student(graded["rows"], "blank")
    assert all(float(r["points"]) == float(r["max_points"]) and r["reason"] == "" for r in honest.values())
    assert all(float(r["points"]) == 0 and r["reason"] for r in blank.values())
    assert any("NotImplementedError" in r["reason"] for r in blank.values())


def test_library_call_loses_that_exercise_only(graded):
    library = _by_student(graded["rows"], "library")
    for gid, row in library.items():
        if gid == graded["softmax_id"]:
            assert float(row["points"]) == 0 and row["reason"], row
        else:
            assert float(row["points"]) == float(row["max_points"]), row


def test_broken_json_scores_zero_with_reason(graded):
    broken = _by_student(graded["rows"], "broken")
    assert all(float(r["points"]) == 0 and "노트북 파일을 읽을 수 없습니다" in r["reason"]
               for r in broken.values())


def test_endless_loop_times_out_and_the_others_count(graded):
    loop = _by_student(graded["rows"], "loop")
    assert float(loop[graded["loop_id"]]["points"]) == 0
    assert "시간 초과" in loop[graded["loop_id"]]["reason"]
    assert all(float(r["points"]) == float(r["max_points"])
               for gid, r in loop.items() if gid != graded["loop_id"])


def test_submissions_are_untouched(graded):
    assert _snapshot(graded["subs"]) == graded["before"]


def test_feedback_and_totals(graded):
    out = graded["out"]
    assert sorted(p.name for p in (out / "feedback").iterdir()) == [
        f"{s}.md" for s in ("blank", "broken", "honest", "library", "loop")]
    total = sum(p for _, p in graded["exercises"])
    honest = (out / "feedback" / "honest.md").read_text(encoding="utf-8")
    assert f"총점: {total:g} / {total:g}점" in honest.splitlines()[2]
    loop = (out / "feedback" / "loop.md").read_text(encoding="utf-8")
    assert "시간 초과" in loop and "실패한 문항" in loop
    library = (out / "feedback" / "library.md").read_text(encoding="utf-8")
    reason = _by_student(graded["rows"], "library")[graded["softmax_id"]]["reason"]
    assert reason.split(":")[0] in library                # the message the test raised
    totals = list(csv.DictReader((out / "totals.csv").open(encoding="utf-8-sig")))
    assert {r["student"]: float(r["points"]) for r in totals}["honest"] == total
    assert len(graded["log"]) == 6 and graded["log"][-1].startswith("5 submissions")


def test_grade_refuses_to_overwrite_and_force_replaces(graded, tmp_path, capsys):
    rc = cli.main(["grade", str(WEEK), str(graded["subs"]), "--out", str(graded["out"])])
    err = capsys.readouterr().err
    assert rc == 2 and len(err.strip().splitlines()) == 1 and "--force" in err
    # --force on a cheap folder (one unreadable file: nothing to execute)
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "kim.ipynb").write_text("{ not json", encoding="utf-8")
    out = tmp_path / "out"
    (out / "feedback").mkdir(parents=True)
    (out / "feedback" / "old.md").write_text("old", encoding="utf-8")
    (out / "gradebook.csv").write_text("old", encoding="utf-8")
    assert cli.main(["grade", str(WEEK), str(subs), "--out", str(out)]) == 2
    assert cli.main(["grade", str(WEEK), str(subs), "--out", str(out), "--force"]) == 0
    assert sorted(p.name for p in (out / "feedback").iterdir()) == ["kim.md"]
    rows = list(csv.DictReader((out / "gradebook.csv").open(encoding="utf-8-sig")))
    assert {r["student"] for r in rows} == {"kim"} and all(r["points"] == "0" for r in rows)


def test_find_submissions_layouts(tmp_path):
    name = syllabus.week(WEEK).path.name
    (tmp_path / "a.ipynb").write_text("{}")
    (tmp_path / "b" / "week03").mkdir(parents=True)             # nbgrader: submitted/<student>/<assignment>/
    (tmp_path / "b" / "week03" / name).write_text("{}")
    (tmp_path / "b" / "week03" / ".ipynb_checkpoints").mkdir()
    (tmp_path / "b" / "week03" / ".ipynb_checkpoints" / "x-checkpoint.ipynb").write_text("{}")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "x.ipynb").write_text("{}")
    (tmp_path / "c" / "y.ipynb").write_text("{}")
    (tmp_path / "d").mkdir()
    (tmp_path / "e.ipynb").write_text("{}")                      # the same student twice
    (tmp_path / "e").mkdir()
    (tmp_path / "e" / name).write_text("{}")
    (tmp_path / ".hidden.ipynb").write_text("{}")
    (tmp_path / "notes.txt").write_text("")
    found = {s: (p, why) for s, p, why in grading.find_submissions(tmp_path, name)}
    assert sorted(found) == ["a", "b", "c", "d", "e"]
    assert found["e"][0] is None and "여러 개" in found["e"][1]
    assert found["a"][0] == tmp_path / "a.ipynb"
    assert found["b"][0] == tmp_path / "b" / "week03" / name
    assert found["c"][0] is None and "여러 개" in found["c"][1]
    assert found["d"][0] is None and "없습니다" in found["d"][1]


def test_practice_exam_student_id_is_read_and_compared(tmp_path, instructor):
    exam = copy.deepcopy(instructor)
    exam.cells.insert(2, nbformat.v4.new_code_cell('STUDENT_ID = "20260000"  # 자신의 학번으로 바꾸세요'))
    sub = copy.deepcopy(exam)
    sub.cells[2].source = 'STUDENT_ID = "20261234"'
    path = tmp_path / "20269999.ipynb"
    # only the ID check: nothing to execute when every graded cell is missing
    for cell in sub.cells:
        cell.metadata.pop("nbgrader", None)
    nbformat.write(sub, path)
    result = grading.grade_submission("20269999", path, exam, cwd=syllabus.CHAPTERS_DIR)
    assert result.student_id == "20261234"
    assert "20261234" in result.note and "20269999" in result.note
    assert result.points == 0 and "채점 셀" in result.problem

    # the example ID left as it is, and an ID switched in a later cell, are both flagged
    sub.cells[2].source = 'STUDENT_ID = "20260000"'
    sub.cells.append(nbformat.v4.new_code_cell('STUDENT_ID = "20265555"  # a friend\'s answers'))
    nbformat.write(sub, path)
    result = grading.grade_submission("20260000", path, exam, cwd=syllabus.CHAPTERS_DIR)
    assert "예시 학번" in result.note and "2번 대입" in result.note


def _cell(kind, source, **nbgrader):
    cell = (nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell)(source)
    if nbgrader:
        cell.metadata["nbgrader"] = {"schema_version": 3, "grade": False, "solution": False,
                                     "locked": False, **nbgrader}
    return cell


def test_a_crashed_kernel_scores_zero_with_the_reason(tmp_path):
    tiny = nbformat.v4.new_notebook()
    tiny.cells = [
        _cell("markdown", "### 연습문제 1 — 두 배 (1점)"),
        _cell("code", "def double(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION",
              solution=True, grade_id="t_ex1"),
        _cell("code", 'assert double(2) == 4, "double(2)는 4여야 합니다"\nprint("통과!")',
              grade=True, locked=True, points=1, grade_id="t_ex1_test"),
    ]
    honest = tmp_path / "honest.ipynb"
    nbformat.write(tiny, honest)
    crash = copy.deepcopy(tiny)
    crash.cells[1].source = "import os\nos._exit(1)"
    nbformat.write(crash, tmp_path / "crash.ipynb")
    ok = grading.grade_submission("honest", honest, tiny, cwd=tmp_path, timeout=TIMEOUT)
    assert (ok.points, ok.max_points, ok.problem) == (1, 1, "")
    dead = grading.grade_submission("crash", tmp_path / "crash.ipynb", tiny, cwd=tmp_path, timeout=TIMEOUT)
    assert dead.points == 0 and dead.max_points == 1
    assert "커널이 중단" in dead.problem and "커널이 중단" in dead.exercises[0].reason
