"""The practice midterm (week 7): every student gets other numbers, and the instructor
version's answer key is right for any student ID.

The instructor notebook runs top to bottom in the quick profile (cwd chapters/) with
its ``STUDENT_ID`` cell replaced, once per ID in ``IDS``. Its solution cells compute the
answers from the numbers the question cells print, and the hidden tests recompute the
key from ``cl.grading.student_rng(STUDENT_ID, "qN")``: every graded cell passing for
every ID shows that both draw the same numbers. Copying a friend's answer (the key of
another ID) is a shortcut in tests/shortcuts/week07.py, run by tests/test_exercises.py.
"""
from __future__ import annotations

import re

import nbformat
import pytest
from nbclient import NotebookClient

from course_lib import syllabus

WEEK = syllabus.week(7)
EXAMPLE_ID = "20260000"
STUDENT_ID_LINE = f'STUDENT_ID = "{EXAMPLE_ID}"  # 자신의 학번으로 바꾸세요'
IDS = [EXAMPLE_ID, "20261234", "20269876"]
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS", re.S)


def _nbgrader(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader") or {}


def _notebook():
    return nbformat.read(WEEK.path, as_version=4)


def _questions(nb) -> list[int]:
    """Question numbers, from the grade ids ``week07_qN_data`` in notebook order."""
    found = [re.fullmatch(r"week07_q(\d+)_data", _nbgrader(c).get("grade_id", "")) for c in nb.cells]
    return [int(m.group(1)) for m in found if m]


def _cell(nb, grade_id):
    matches = [c for c in nb.cells if _nbgrader(c).get("grade_id") == grade_id]
    assert len(matches) == 1, f"{WEEK.path.name}: expected one cell with grade_id {grade_id!r}"
    return matches[0]


def _stdout(cell) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")


def _errors(nb) -> list[str]:
    return [f"cell {i} [{_nbgrader(c).get('grade_id', '')}]: {o['ename']}: {o['evalue'][:300]}"
            for i, c in enumerate(nb.cells) if c.cell_type == "code"
            for o in c.get("outputs", []) if o.get("output_type") == "error"]


@pytest.fixture(scope="module")
def run_for():
    """``run_for(student_id)``: the instructor notebook executed with that ID (cached)."""
    cache = {}

    def run(student_id: str):
        if student_id not in cache:
            nb = _notebook()
            cell = nb.cells[2]
            assert cell.source == STUDENT_ID_LINE
            cell.source = f'STUDENT_ID = "{student_id}"'
            client = NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                                    resources={"metadata": {"path": str(WEEK.path.parent)}})
            with pytest.MonkeyPatch.context() as mp:
                mp.setenv("COURSE_PROFILE", "quick")
                mp.setenv("OPENBLAS_NUM_THREADS", "1")
                client.execute()
            cache[student_id] = nb
        return cache[student_id]

    return run


def test_the_student_id_cell_follows_the_setup_and_is_an_ordinary_cell():
    nb = _notebook()
    assert "cl.setup()" in nb.cells[1].source
    cell = nb.cells[2]
    assert cell.cell_type == "code" and cell.source == STUDENT_ID_LINE
    assert "nbgrader" not in cell.metadata, "the student must be able to edit the STUDENT_ID cell"


def test_each_question_draws_its_numbers_from_the_student_id_and_hides_its_key():
    nb = _notebook()
    questions = _questions(nb)
    assert len(questions) >= 10 and questions == list(range(1, len(questions) + 1))
    for n in questions:
        data = _cell(nb, f"week07_q{n}_data")
        meta = _nbgrader(data)
        assert meta["locked"] and not meta["grade"] and not meta["solution"], f"q{n}: the question cell is read-only"
        assert f'student_rng(student_id, "q{n}")' in data.source, f"q{n}: numbers not drawn from the ID"
        assert "STUDENT_ID" in data.source
        answer = _nbgrader(_cell(nb, f"week07_q{n}"))
        assert answer["solution"] and not answer["grade"] and not answer["locked"]
        test = _cell(nb, f"week07_q{n}_test")
        assert _nbgrader(test)["grade"] and _nbgrader(test)["points"] > 0
        hidden = HIDDEN.findall(test.source)
        assert len(hidden) == 1, f"q{n}: the test cell needs one hidden part"
        assert f'student_rng(student_id, "q{n}")' in hidden[0] or f'student_rng(STUDENT_ID, "q{n}")' in hidden[0], (
            f"q{n}: the hidden test must recompute the key from the student's ID")
        visible = HIDDEN.sub("", test.source)
        assert "student_rng" not in visible, f"q{n}: the visible test must not reveal the key"
        order = [nb.cells.index(c) for c in (data, _cell(nb, f"week07_q{n}"), test)]
        assert order == sorted(order), f"q{n}: question, answer and test cells out of order"


def test_the_points_add_up_to_the_total_in_the_first_cell():
    nb = _notebook()
    stated = re.search(r"총 (\d+)점", nb.cells[0].source)
    assert stated, "the first cell states the total points (총 N점)"
    points = sum(_nbgrader(c).get("points", 0) for c in nb.cells if _nbgrader(c).get("grade"))
    assert points == int(stated.group(1))


@pytest.mark.parametrize("student_id", IDS)
def test_the_instructor_key_passes_for_every_id(run_for, student_id):
    nb = run_for(student_id)
    assert not _errors(nb), f"STUDENT_ID={student_id}:\n" + "\n".join(_errors(nb))
    for c in nb.cells:
        if _nbgrader(c).get("grade"):
            assert "통과!" in _stdout(c), f"{_nbgrader(c)['grade_id']} printed no 통과! for {student_id}"


@pytest.mark.parametrize("pair", [(IDS[0], IDS[1]), (IDS[1], IDS[2])], ids=lambda p: "-".join(p))
def test_two_ids_give_different_questions(run_for, pair):
    first, second = (run_for(sid) for sid in pair)
    for n in _questions(first):
        numbers = [_stdout(_cell(nb, f"week07_q{n}_data")) for nb in (first, second)]
        assert numbers[0].strip(), f"q{n} prints no numbers"
        assert numbers[0] != numbers[1], f"q{n}: {pair[0]} and {pair[1]} got the same question:\n{numbers[0]}"


def test_the_same_id_gives_the_same_question(run_for):
    again = _notebook()
    stored = {n: _stdout(_cell(again, f"week07_q{n}_data")) for n in _questions(again)}
    fresh = run_for(EXAMPLE_ID)
    for n, text in stored.items():
        assert _stdout(_cell(fresh, f"week07_q{n}_data")) == text, (
            f"q{n}: the committed numbers for {EXAMPLE_ID} differ from a fresh run")
