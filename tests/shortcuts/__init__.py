"""Shortcut answers: what a lazy student would try, one file per week.

``tests/shortcuts/weekNN.py`` holds a module docstring and one dictionary::

    SHORTCUTS = {
        "weekNN_exK": [
            "<python source of a whole replacement answer cell>",
            ...
        ],
    }

The key is the ``grade_id`` of an exercise's answer cell; its graded test cell has the
``grade_id`` ``"weekNN_exK_test"``. Each source replaces the whole answer cell, so it
defines every name the answer cell defines (``def`` / ``class`` / top-level values):
the library call the exercise forbids, an ignored parameter, a closed form where a
computation graph is asked, a hard-coded answer to the visible inputs, …

``tests/test_exercises.py`` runs the instructor notebook cell by cell in one kernel
(quick profile, working directory ``chapters/``). When the test cell of ``weekNN_exK``
has passed with the honest answer, it runs each shortcut source in the notebook's
namespace (every earlier cell's names exist: ``np``, ``cl``, ``plt``, …) followed by the
test cell, and requires the test cell to FAIL; a shortcut that itself raises when run
is reported too. Then it re-runs the honest answer cell and the test cell, so later
cells see the honest answer. A key that names no exercise of that week's notebook, or a
file for a week without a notebook, fails the test (stale shortcuts). A week without a
file simply has no shortcuts.
"""
