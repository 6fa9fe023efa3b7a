"""Grading: ``python -m course_lib grade N SUBMISSIONS`` (``make grade WEEK=N SUBMISSIONS=dir``).

How a submission is graded (nbgrader's autograde steps, without a course folder and
without a gradebook database):

1. Read the notebook. A file that is not a notebook (broken JSON, …) scores 0 in
   every exercise, with the reason.
2. Restore the instructor's tests: every locked cell (graded test cells and read-only
   cells, matched by ``grade_id`` as nbgrader's ``OverwriteCells`` does) gets the
   instructor's source back, hidden tests included; answer cells keep the student's
   code (:func:`course_lib.grading.notebook.with_instructor_tests`).
3. Run it top to bottom in one fresh kernel, in the quick profile, with the
   repository's ``chapters/`` folder as working directory (the notebooks read
   ``../data`` and ``../weights``), one BLAS thread, and a per-cell timeout: an endless
   loop is interrupted, that cell fails with a "시간 초과" reason and the run goes on.
   A crashed kernel scores 0 with the reason.
4. Score every graded cell with nbgrader's own ``nbgrader.utils.determine_grade``: an
   error (or anything on stderr) in the test cell gives 0, otherwise all its points.

Submissions (``SUBMISSIONS`` is only read, never written):

- ``SUBMISSIONS/<student>.ipynb``, or
- ``SUBMISSIONS/<student>/<any name>.ipynb`` (one notebook per student folder; with
  several, the one named like the week's notebook), which also covers nbgrader's
  ``submitted/<student>/<assignment>/<notebook>.ipynb`` (point at ``submitted/``).

Writes, into ``grades/weekNN/`` unless told otherwise (never over an earlier result
without ``force``):

- ``gradebook.csv``: one row per student and exercise — ``student, exercise, points,
  max_points, reason, student_id, note`` (UTF-8 with BOM, so that Excel shows Korean);
- ``totals.csv``: one row per student — ``student, points, max_points, student_id, note``;
- ``feedback/<student>.md``: the student's feedback in Korean (total first, then every
  exercise with its score and, for a failed one, the message the test raised).

Practice exams (weeks 7, 14) have an editable ``STUDENT_ID = "…"`` cell; the ID found
in the submission goes to the ``student_id`` column, with a note when it differs from
the submission's student name. Needs the ``instructor`` extra (nbgrader).
"""
from __future__ import annotations

import copy
import csv
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from .. import syllabus
from ..fileio import atomic_write
from .assign import CommandError, display_path, require_nbgrader, week_notebook

DEFAULT_TIMEOUT = 60
PROFILE = "quick"
GRADEBOOK = "gradebook.csv"
TOTALS = "totals.csv"
FEEDBACK = "feedback"
GRADEBOOK_COLUMNS = ["student", "exercise", "points", "max_points", "reason", "student_id", "note"]
TOTALS_COLUMNS = ["student", "points", "max_points", "student_id", "note"]
_STUDENT_ID = re.compile(r"^[ \t]*STUDENT_ID[ \t]*=[ \t]*(['\"])(.*?)\1", re.M)
_ASSIGNS_STUDENT_ID = re.compile(r"\bSTUDENT_ID\s*(?:=(?!=)|:=)|globals\(\)\s*\[\s*['\"]STUDENT_ID")
_SKIP = (".", "_")  # hidden files and folders (.ipynb_checkpoints, .DS_Store, __MACOSX)
_CSV_REASON_CHARS = 500


@dataclass
class ExerciseResult:
    """The score of one graded cell. ``reason`` is empty when it passed."""

    exercise: str
    points: float
    max_points: float
    reason: str = ""
    title: str = ""


@dataclass
class SubmissionResult:
    """All scores of one student's submission."""

    student: str
    path: Path | None
    exercises: list[ExerciseResult] = field(default_factory=list)
    problem: str = ""      # why the whole submission scored 0 (unreadable, kernel died, ...)
    student_id: str = ""   # STUDENT_ID typed in a practice exam
    note: str = ""         # e.g. STUDENT_ID differs from the student's name
    seconds: float = 0.0

    @property
    def points(self) -> float:
        return sum(e.points for e in self.exercises)

    @property
    def max_points(self) -> float:
        return sum(e.max_points for e in self.exercises)


# --------------------------------------------------------------------------- submissions
def _visible(path: Path) -> bool:
    return not path.name.startswith(_SKIP)


def find_submissions(folder: Path, notebook_name: str) -> list[tuple[str, Path | None, str]]:
    """``(student, notebook path or None, problem)`` for every submission in ``folder``.

    ``folder/<student>.ipynb`` or ``folder/<student>/**/<name>.ipynb``. A student folder
    with no notebook, or several of which none is named ``notebook_name``, gives a
    ``None`` path and the problem in Korean.
    """
    found = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not _visible(entry):
            continue
        if entry.is_file() and entry.suffix == ".ipynb":
            found.append((entry.stem, entry, ""))
        elif entry.is_dir():
            notebooks = sorted(
                p for p in entry.rglob("*.ipynb")
                if p.is_file() and all(_visible(part) for part in p.relative_to(entry).parents
                                       if part != Path(".")) and _visible(p))
            named = [p for p in notebooks if p.name == notebook_name]
            if len(notebooks) == 1:
                found.append((entry.name, notebooks[0], ""))
            elif len(named) == 1:
                found.append((entry.name, named[0], ""))
            elif not notebooks:
                found.append((entry.name, None, "제출 폴더에 노트북(.ipynb) 파일이 없습니다."))
            else:
                names = ", ".join(str(p.relative_to(entry)) for p in notebooks)
                found.append((entry.name, None,
                              f"제출 폴더에 노트북이 여러 개 있어({names}) 어느 것을 채점할지 알 수 "
                              f"없습니다. {notebook_name} 하나만 제출하세요."))
    # <student>.ipynb next to a folder <student>/: one student, two submissions
    out, seen = [], set()
    for student, path, problem in found:
        if student in seen:
            continue
        twins = [p for s, p, _ in found if s == student]
        if len(twins) > 1:
            path, problem = None, (f"같은 학생({student})의 제출물이 여러 개입니다: "
                                   f"{', '.join(str(p.relative_to(folder)) for p in twins if p)}. "
                                   "하나만 남기세요.")
        seen.add(student)
        out.append((student, path, problem))
    return out


def _one_line(text: str, limit: int | None = None) -> str:
    text = " ".join(text.split())
    if limit is not None and len(text) > limit:
        text = text[:limit - 1] + "…"
    return text


def _exercise_titles(nb) -> dict[str, str]:
    """``{grade_id: "연습문제 N — 제목 (P점)"}`` from the heading above each graded cell."""
    titles, heading = {}, ""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    heading = line.lstrip("#").strip()
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if gid and cell.metadata.nbgrader.get("grade"):
            # "연습문제 1 — 제목 (2점)" without the points: the score column gives them
            titles[gid] = re.sub(r"\s*\(\s*[\d.]+\s*점\s*\)\s*$", "", heading)
    return titles


def _student_id(nb) -> str | None:
    for cell in nb.cells:
        if cell.cell_type == "code":
            m = _STUDENT_ID.search(cell.source)
            if m:
                return m.group(2)
    return None


def _has_student_id(nb) -> bool:
    return _student_id(nb) is not None


# --------------------------------------------------------------------------- scoring
def _stderr_text(cell) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == "stderr")


def _failure_reason(cell, answer_error: str | None) -> str:
    from .notebook import cell_errors

    error = cell_errors(cell)
    if error is None:
        stderr = _stderr_text(cell)
        if stderr:
            return ("테스트 셀이 표준 오류(stderr)에 출력해 nbgrader 규칙에 따라 0점입니다: "
                    + _one_line(stderr, 300))
        return "테스트 셀이 점수를 주지 않았습니다."
    name, _, value = error.partition(": ")
    if name == "TimeoutError":
        reason = f"시간 초과 — {value}"
    elif name == "NotImplementedError":
        reason = "답을 아직 작성하지 않았습니다(NotImplementedError)."
    else:
        reason = error
    if answer_error and name != "TimeoutError":
        reason += f" (답안 셀의 오류: {answer_error})"
    return reason


def score(executed_nb, instructor_nb, missing: dict[str, str]) -> list[ExerciseResult]:
    """Score every graded cell of the instructor notebook on the executed submission."""
    from nbgrader.utils import determine_grade

    from .notebook import cell_errors, graded_cells

    titles = _exercise_titles(instructor_nb)
    by_id, answer_errors = {}, {}
    for cell in executed_nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        gid = meta.get("grade_id")
        if not gid:
            continue
        if meta.get("grade"):
            by_id[gid] = cell
        elif meta.get("solution"):
            answer_errors[gid] = cell_errors(cell)
    results = []
    for gid, max_points in graded_cells(instructor_nb):
        title = titles.get(gid, "")
        if gid in missing or gid not in by_id:
            results.append(ExerciseResult(gid, 0.0, max_points,
                                          missing.get(gid, "채점 셀이 없습니다."), title))
            continue
        cell = by_id[gid]
        points, max_points = determine_grade(cell)
        if points is None:  # not a code cell: nbgrader leaves it to a person
            results.append(ExerciseResult(gid, 0.0, float(max_points),
                                          "자동으로 채점할 수 없는 셀입니다(수동 채점 필요).", title))
            continue
        if points >= max_points:
            reason = ""
        elif points > 0:  # nbgrader's partial credit: the test cell's last value
            reason = "부분 점수: 테스트 셀의 마지막 값이 점수입니다."
        else:
            reason = _failure_reason(cell, answer_errors.get(gid.removesuffix("_test")))
        results.append(ExerciseResult(gid, float(points), float(max_points), reason, title))
    return results


def _zero(instructor_nb, reason: str) -> list[ExerciseResult]:
    from .notebook import graded_cells

    titles = _exercise_titles(instructor_nb)
    return [ExerciseResult(gid, 0.0, pts, reason, titles.get(gid, ""))
            for gid, pts in graded_cells(instructor_nb)]


def _read_notebook(path: Path):
    """``(notebook, "")``, or ``(None, Korean reason)`` for a file that is not a notebook."""
    import json

    import nbformat

    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return None, "UTF-8 텍스트 파일이 아닙니다."
    except OSError as exc:
        return None, f"파일을 열 수 없습니다({type(exc).__name__}: {exc})."
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return None, (f"올바른 JSON이 아닙니다(파일이 잘렸거나 깨졌습니다: {exc.lineno}번째 줄 "
                      f"{exc.colno}번째 글자, {exc.msg}).")
    try:
        return nbformat.reads(text, as_version=4), ""  # validates: raises if it is no notebook
    except Exception as exc:  # noqa: BLE001 - any unreadable file scores 0
        return None, (f"JSON이지만 Jupyter 노트북 형식이 아닙니다({type(exc).__name__}: "
                      f"{_one_line(str(exc), 200)}).")


def grade_submission(student: str, path: Path | None, instructor_nb, *, cwd: Path,
                     timeout: int = DEFAULT_TIMEOUT, problem: str = "") -> SubmissionResult:
    """Grade one submission (only read, never written); never raises for a bad submission."""
    from nbclient.exceptions import DeadKernelError

    from .notebook import execute, graded_cells, with_instructor_tests

    result = SubmissionResult(student, path)
    start = time.perf_counter()
    if path is None:
        result.problem = problem
    else:
        submission, why = _read_notebook(path)
        if why:
            result.problem = f"노트북 파일을 읽을 수 없습니다: {why} 모든 문항이 0점입니다."
    if result.problem:
        result.exercises = _zero(instructor_nb, result.problem)
        result.seconds = time.perf_counter() - start
        return result

    if _has_student_id(instructor_nb):
        sid = _student_id(submission)
        result.student_id = sid or ""
        notes = []
        if sid is None:
            notes.append("노트북에서 STUDENT_ID = \"…\" 셀을 찾지 못했습니다.")
        elif sid != student:
            notes.append(f"노트북의 STUDENT_ID(\"{sid}\")가 제출한 학생 이름({student})과 다릅니다. "
                         "문제는 노트북의 STUDENT_ID로 만들어졌습니다.")
        if sid is not None and sid == _student_id(instructor_nb):
            notes.append(f"STUDENT_ID가 예시 학번(\"{sid}\") 그대로입니다.")
        # the hidden tests read STUDENT_ID at run time: a later cell that sets it again
        # (say, to a friend's ID whose answers were copied) changes the questions graded
        assigned = sum(len(_ASSIGNS_STUDENT_ID.findall(c.source))
                       for c in submission.cells if c.cell_type == "code")
        if assigned > 1:
            notes.append(f"STUDENT_ID를 {assigned}번 대입했습니다: 첫 셀 말고 다른 곳에서 바꾸었는지 확인하세요.")
        result.note = " ".join(notes)

    prepared, missing = with_instructor_tests(submission, instructor_nb)
    if len(missing) == len(graded_cells(instructor_nb)):
        result.problem = "채점 셀이 하나도 없습니다. 이 주차의 노트북을 제출했는지 확인하세요."
        result.exercises = _zero(instructor_nb, result.problem)
    else:
        try:
            executed = execute(prepared, cwd=cwd, timeout=timeout, profile=PROFILE)
        except DeadKernelError as exc:
            result.problem = (f"실행 중 커널이 중단되었습니다(메모리 부족이나 프로세스 종료 등): {exc}. "
                              "모든 문항이 0점입니다.")
        except Exception as exc:  # noqa: BLE001 - one bad submission never stops the others
            result.problem = (f"노트북을 실행할 수 없었습니다: {type(exc).__name__}: "
                              f"{_one_line(str(exc), 200)}. 모든 문항이 0점입니다.")
        if result.problem:
            result.exercises = _zero(instructor_nb, result.problem)
        else:
            result.exercises = score(executed, instructor_nb, missing)
    result.seconds = time.perf_counter() - start
    return result


# --------------------------------------------------------------------------- output
def _fmt(points: float) -> str:
    return f"{points:g}"


def feedback_markdown(result: SubmissionResult, week_number: int, timeout: int) -> str:
    """The student's feedback file (Korean markdown)."""
    lines = [f"# {week_number:02d}주차 채점 결과 — {result.student}", "",
             f"총점: {_fmt(result.points)} / {_fmt(result.max_points)}점", ""]
    if result.path is not None:
        lines.append(f"- 제출 파일: `{result.path.name}`")
    lines.append("- 채점 방법: 숨은 테스트(hidden tests)를 포함한 강사용 테스트 셀로 노트북 전체를 "
                 f"quick 프로필에서 처음부터 실행했습니다(셀마다 {timeout}초 제한). "
                 "테스트 셀에서 오류가 나면 그 문항은 0점입니다.")
    if result.student_id:
        lines.append(f"- STUDENT_ID: `{result.student_id}`")
    if result.note:
        lines.append(f"- 참고: {result.note}")
    if result.problem:
        lines += ["", "## 제출물 전체의 문제", "", result.problem]
    lines += ["", "| 문항 | 점수 | 결과 |", "|---|---:|---|"]
    for e in result.exercises:
        name = e.title or e.exercise
        verdict = "통과" if not e.reason else "실패"
        lines.append(f"| {name} (`{e.exercise}`) | {_fmt(e.points)} / {_fmt(e.max_points)} | {verdict} |")
    failed = [e for e in result.exercises if e.reason]
    if failed and not result.problem:
        lines += ["", "## 실패한 문항", ""]
        for e in failed:
            lines += [f"### {e.title or e.exercise} — {_fmt(e.points)} / {_fmt(e.max_points)}점", "",
                      f"채점 셀: `{e.exercise}`", "", "테스트가 알려 준 내용:", "", "```text",
                      e.reason.replace("```", "'''"), "```", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    import io

    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    with atomic_write(path) as f:
        f.write(buf.getvalue().encode("utf-8-sig"))


def write_results(results: list[SubmissionResult], out: Path, week_number: int, timeout: int) -> None:
    """``gradebook.csv``, ``totals.csv`` and ``feedback/<student>.md`` into ``out``."""
    rows, totals = [], []
    for r in results:
        for e in r.exercises:
            rows.append(dict(student=r.student, exercise=e.exercise, points=_fmt(e.points),
                             max_points=_fmt(e.max_points), reason=_one_line(e.reason, _CSV_REASON_CHARS),
                             student_id=r.student_id, note=r.note))
        totals.append(dict(student=r.student, points=_fmt(r.points), max_points=_fmt(r.max_points),
                           student_id=r.student_id, note=_one_line(r.note or r.problem)))
    (out / FEEDBACK).mkdir(parents=True, exist_ok=True)
    _write_csv(out / GRADEBOOK, GRADEBOOK_COLUMNS, rows)
    _write_csv(out / TOTALS, TOTALS_COLUMNS, totals)
    for r in results:
        with atomic_write(out / FEEDBACK / f"{r.student}.md") as f:
            f.write(feedback_markdown(r, week_number, timeout).encode("utf-8"))


def _inside(path: Path, folder: Path) -> bool:
    path, folder = Path(os.path.abspath(path)), Path(os.path.abspath(folder))
    return path == folder or folder in path.parents


def default_grades_dir(week_number: int) -> Path:
    return syllabus.REPO_ROOT / "grades" / f"week{week_number:02d}"


def grade(week_number: int, submissions: Path | str, out: Path | str | None = None, *,
          force: bool = False, timeout: int = DEFAULT_TIMEOUT, log=print) -> list[SubmissionResult]:
    """Grade every submission of week ``week_number`` in ``submissions``; write the results.

    Returns the results in student order. Raises :class:`CommandError` (one line) for
    a week without a notebook, a missing nbgrader, a missing or empty submissions
    folder, or an output folder that already holds results (unless ``force``).
    """
    import nbformat

    instructor_path = week_notebook(week_number)
    require_nbgrader("grade")
    if timeout < 1:
        raise CommandError(f"--timeout must be at least 1 second, got {timeout}")
    folder = Path(submissions)
    if not folder.is_dir():
        raise CommandError(f"{folder} is not a folder; give the folder that holds the submissions "
                           "(<student>.ipynb or <student>/<notebook>.ipynb)")
    out = Path(out) if out is not None else default_grades_dir(week_number)
    if _inside(out, folder):
        raise CommandError(f"the output folder {out} is inside the submissions folder {folder}, "
                           "which is never written to; pass another --out")
    previous = [p for p in (out / GRADEBOOK, out / TOTALS, out / FEEDBACK) if p.exists()]
    if previous and not force:
        raise CommandError(f"{display_path(out)} already holds grades ({previous[0].name}); "
                           "pass --force to replace them, or --out another folder")
    found = find_submissions(folder, instructor_path.name)
    if not found:
        raise CommandError(f"no submissions in {folder}: expected {folder}/<student>.ipynb or "
                           f"{folder}/<student>/{instructor_path.name}")

    instructor_nb = nbformat.read(instructor_path, as_version=4)
    results = []
    for student, path, problem in found:
        r = grade_submission(student, path, copy.deepcopy(instructor_nb), cwd=syllabus.CHAPTERS_DIR,
                             timeout=timeout, problem=problem)
        status = f"{_fmt(r.points)}/{_fmt(r.max_points)}점 ({r.seconds:.0f} s)"
        if r.problem:
            status += f" — {_one_line(r.problem, 120)}"
        log(f"{student}: {status}")
        results.append(r)

    if force and (out / FEEDBACK).is_dir():  # results of an earlier run (only our own files)
        for old in (out / FEEDBACK).glob("*.md"):
            old.unlink()
    out.mkdir(parents=True, exist_ok=True)
    write_results(results, out, week_number, timeout)
    total = sum(r.points for r in results)
    log(f"{len(results)} submissions, mean {total / len(results):.2f} of "
        f"{_fmt(results[0].max_points)} points → {display_path(out / GRADEBOOK)}, "
        f"{display_path(out / FEEDBACK)}/<student>.md")
    return results
