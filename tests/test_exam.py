"""The practice exams (week 7, midterm; week 14, final): every student gets other
numbers, and the instructor version's answer key is right for any student ID.

Each instructor notebook runs top to bottom in the quick profile (cwd chapters/) with
its ``STUDENT_ID`` cell replaced, once per ID. Its solution cells compute the answers
from the numbers the question cells print, and the hidden tests recompute the key from
``cl.grading.student_rng(STUDENT_ID, "qN")``: every graded cell passing for every ID
shows that both draw the same numbers. Copying a friend's answer (the key of another
ID) and the usual wrong formulas are shortcuts in tests/shortcuts/weekNN.py, run by
tests/test_exercises.py; here, answers copied from the example ID's notebook must fail
for another ID.
"""
from __future__ import annotations

import json
import re

import nbformat
import pytest
from nbclient import NotebookClient

from course_lib import syllabus

EXAMPLE_ID = "20260000"
STUDENT_ID_LINE = f'STUDENT_ID = "{EXAMPLE_ID}"  # 자신의 학번으로 바꾸세요'
IDS = [EXAMPLE_ID, "20261234", "20269876"]
EXAMS = {7: IDS, 14: IDS + ["20250001", "20269999"]}       # week -> student IDs to run
PAIRS = {7: [(IDS[0], IDS[1]), (IDS[1], IDS[2])],
         14: [(IDS[0], IDS[1]), (IDS[1], IDS[2]), ("20250001", "20269999")]}
# the copied-answers check needs concept questions whose letter differs between the
# example ID and IDS[1]: week 14 chose its choice orders so (week 7 predates the check)
COPY_CHECKED = [14]
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS", re.S)
DUMP = ('import json as _json\n'
        'print("ANSWERS" + _json.dumps({k: (v.tolist() if hasattr(v, "tolist") else v)\n'
        '                              for k, v in sorted(globals().items()) if k.startswith("answer_")}))')


def _nbgrader(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader") or {}


def _notebook(week: int):
    return nbformat.read(syllabus.week(week).path, as_version=4)


def _questions(nb, week: int) -> list[int]:
    """Question numbers, from the grade ids ``weekNN_qN_data`` in notebook order."""
    found = [re.fullmatch(rf"week{week:02d}_q(\d+)_data", _nbgrader(c).get("grade_id", "")) for c in nb.cells]
    return [int(m.group(1)) for m in found if m]


def _cell(nb, grade_id):
    matches = [c for c in nb.cells if _nbgrader(c).get("grade_id") == grade_id]
    assert len(matches) == 1, f"expected one cell with grade_id {grade_id!r}"
    return matches[0]


def _stdout(cell) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")


def _errors(nb) -> list[str]:
    return [f"cell {i} [{_nbgrader(c).get('grade_id', '')}]: {o['ename']}: {o['evalue'][:300]}"
            for i, c in enumerate(nb.cells) if c.cell_type == "code"
            for o in c.get("outputs", []) if o.get("output_type") == "error"]


def _with_id(nb, student_id):
    cell = nb.cells[2]
    assert cell.source == STUDENT_ID_LINE
    cell.source = f'STUDENT_ID = "{student_id}"'
    return nb


def _execute(nb, week: int):
    client = NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(syllabus.week(week).path.parent)}})
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COURSE_PROFILE", "quick")
        mp.setenv("OPENBLAS_NUM_THREADS", "1")
        client.execute()
    return nb


@pytest.fixture(scope="module")
def run_for():
    """``run_for(week, student_id)``: the instructor notebook executed with that ID
    (cached); its last cell prints the ``answer_N`` values as JSON."""
    cache = {}

    def run(week: int, student_id: str):
        if (week, student_id) not in cache:
            nb = _with_id(_notebook(week), student_id)
            nb.cells.append(nbformat.v4.new_code_cell(DUMP))
            cache[week, student_id] = _execute(nb, week)
        return cache[week, student_id]

    return run


def _answers(nb) -> dict:
    text = _stdout(nb.cells[-1])
    assert text.startswith("ANSWERS"), text[:300]
    return json.loads(text[len("ANSWERS"):])


@pytest.mark.parametrize("week", EXAMS)
def test_the_student_id_cell_follows_the_setup_and_is_an_ordinary_cell(week):
    nb = _notebook(week)
    assert "cl.setup()" in nb.cells[1].source
    cell = nb.cells[2]
    assert cell.cell_type == "code" and cell.source == STUDENT_ID_LINE
    assert "nbgrader" not in cell.metadata, "the student must be able to edit the STUDENT_ID cell"


@pytest.mark.parametrize("week", EXAMS)
def test_each_question_draws_its_numbers_from_the_student_id_and_hides_its_key(week):
    nb = _notebook(week)
    prefix = f"week{week:02d}"
    questions = _questions(nb, week)
    assert 10 <= len(questions) <= 13 and questions == list(range(1, len(questions) + 1))
    for n in questions:
        data = _cell(nb, f"{prefix}_q{n}_data")
        meta = _nbgrader(data)
        assert meta["locked"] and not meta["grade"] and not meta["solution"], f"q{n}: the question cell is read-only"
        assert f'student_rng(student_id, "q{n}")' in data.source, f"q{n}: numbers not drawn from the ID"
        assert "STUDENT_ID" in data.source
        answer = _nbgrader(_cell(nb, f"{prefix}_q{n}"))
        assert answer["solution"] and not answer["grade"] and not answer["locked"]
        test = _cell(nb, f"{prefix}_q{n}_test")
        assert _nbgrader(test)["grade"] and _nbgrader(test)["points"] > 0
        hidden = HIDDEN.findall(test.source)
        assert len(hidden) == 1, f"q{n}: the test cell needs one hidden part"
        assert f'student_rng(student_id, "q{n}")' in hidden[0] or f'student_rng(STUDENT_ID, "q{n}")' in hidden[0], (
            f"q{n}: the hidden test must recompute the key from the student's ID")
        visible = HIDDEN.sub("", test.source)
        assert "student_rng" not in visible, f"q{n}: the visible test must not reveal the key"
        order = [nb.cells.index(c) for c in (data, _cell(nb, f"{prefix}_q{n}"), test)]
        assert order == sorted(order), f"q{n}: question, answer and test cells out of order"


@pytest.mark.parametrize("week", EXAMS)
def test_the_points_add_up_to_the_total_in_the_first_cell(week):
    nb = _notebook(week)
    stated = re.search(r"(\d+)문제, 총 (\d+)점", nb.cells[0].source)
    assert stated, "the first cell states the number of questions and the total points (N문제, 총 M점)"
    points = sum(_nbgrader(c).get("points", 0) for c in nb.cells if _nbgrader(c).get("grade"))
    assert points == int(stated.group(2))
    assert len(_questions(nb, week)) == int(stated.group(1))


@pytest.mark.parametrize("week, student_id", [(w, sid) for w, ids in EXAMS.items() for sid in ids])
def test_the_instructor_key_passes_for_every_id(run_for, week, student_id):
    nb = run_for(week, student_id)
    assert not _errors(nb), f"STUDENT_ID={student_id}:\n" + "\n".join(_errors(nb))
    for c in nb.cells:
        if _nbgrader(c).get("grade"):
            assert "통과!" in _stdout(c), f"{_nbgrader(c)['grade_id']} printed no 통과! for {student_id}"


@pytest.mark.parametrize("week, pair", [(w, p) for w, ps in PAIRS.items() for p in ps],
                         ids=lambda v: "-".join(v) if isinstance(v, tuple) else f"week{v:02d}")
def test_two_ids_give_different_questions(run_for, week, pair):
    first, second = (run_for(week, sid) for sid in pair)
    for n in _questions(first, week):
        numbers = [_stdout(_cell(nb, f"week{week:02d}_q{n}_data")) for nb in (first, second)]
        assert numbers[0].strip(), f"q{n} prints no numbers"
        assert numbers[0] != numbers[1], f"q{n}: {pair[0]} and {pair[1]} got the same question:\n{numbers[0]}"


@pytest.mark.parametrize("week", EXAMS)
def test_the_same_id_gives_the_same_question(run_for, week):
    again = _notebook(week)
    prefix = f"week{week:02d}"
    stored = {n: _stdout(_cell(again, f"{prefix}_q{n}_data")) for n in _questions(again, week)}
    fresh = run_for(week, EXAMPLE_ID)
    for n, text in stored.items():
        assert _stdout(_cell(fresh, f"{prefix}_q{n}_data")) == text, (
            f"q{n}: the committed numbers for {EXAMPLE_ID} differ from a fresh run")


@pytest.mark.parametrize("week", COPY_CHECKED)
def test_answers_copied_from_the_example_id_fail_for_another_id(run_for, week):
    """A student who copies the example ID's answers (the committed instructor notebook
    answers 20260000) fails every question answered by a value."""
    prefix = f"week{week:02d}"
    copied = _answers(run_for(week, EXAMPLE_ID))
    assert len(copied) >= 8, sorted(copied)
    nb = _with_id(_notebook(week), IDS[1])
    for name, value in copied.items():
        _cell(nb, f"{prefix}_q{name.split('_')[1]}").source = f"{name} = {value!r}"
    _execute(nb, week)
    for name in copied:
        test = _cell(nb, f"{prefix}_q{name.split('_')[1]}_test")
        assert "통과!" not in _stdout(test), f"{name} copied from {EXAMPLE_ID} passes for {IDS[1]}"
        assert any(o.get("output_type") == "error" for o in test.outputs), f"{name}: the test cell raised nothing"
