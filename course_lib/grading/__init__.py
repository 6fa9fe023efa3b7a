"""Exercise checking: what a notebook's graded test cells call, plus hand-out and grading.

Student-kernel side (no extra dependencies, importable everywhere):

- :func:`no_library_calls` / :func:`call_without_library` run a student's code while
  watching every Python call into ``course_lib`` (``sys.setprofile``), so that an
  answer that calls the library where the exercise says "implement it" fails, however
  it reached the library (``cl.functions.softmax``, ``from course_lib.functions import
  softmax as f``, or a library function that calls softmax inside).
- :func:`expect_close`, :func:`expect_equal`, :func:`expect_shape`: assertions whose
  messages tell a student in Korean what was expected, what came back and a hint.
- :func:`student_rng`: the per-student random numbers of the practice exams.

Instructor side (needs the ``instructor`` extra, i.e. nbgrader): ``course_lib.grading.assign``
and ``course_lib.grading.grade``, used by ``python -m course_lib assign|grade``.
"""
from .checks import expect_close, expect_equal, expect_shape, expect_true
from .exam import student_rng, student_seed
from .watch import LibraryCallError, call_without_library, no_library_calls

__all__ = [
    "LibraryCallError", "call_without_library", "expect_close", "expect_equal", "expect_shape",
    "expect_true", "no_library_calls", "student_rng", "student_seed",
]
