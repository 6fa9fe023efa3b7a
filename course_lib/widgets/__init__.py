"""Interactive demos, each a function returning an ipywidgets box.

A notebook cell only calls one of these, e.g. ``cl.widgets.perceptron_explorer()``.
Book 1 weeks 1-5 live in :mod:`.book1`, week 8 in :mod:`.training_tech`, week 9 in
:mod:`.convolution`, week 10 in :mod:`.augment`; book 2 week 11 in :mod:`.review`,
week 12 in :mod:`.wordvec`, weeks 15-16 in :mod:`.word2vec`, chapters 5-8 (weeks
17-20) in :mod:`.sequence` and the sentiment demo in :mod:`.sentiment`; the shared
machinery in :mod:`._base`. Every returned box has,
besides its ``children``:

- ``.controls``: dict ``name -> widget`` (sliders, dropdowns, text boxes, ...);
- ``.output``: the ``ipywidgets.Output`` that shows the figure;
- ``.info``: an ``ipywidgets.HTML`` with the numbers as text (when the demo has any);
- ``.state``: dict with the latest computed numbers (truth table, path, gradients...);
- ``.refresh()``: recompute and redraw (changing a control does this already);
- ``.hold()``: context manager; controls set inside it cause one redraw at the end;
- ``.show(fig)``: put a figure into ``.output`` (used by the demos themselves);
- ``.snapshot()``: PNG bytes of what the demo shows now, with a Korean note.

Saved outputs read right without a kernel: displayed, a box gives the widget view
plus ``image/png`` (``.snapshot()``: the note "▶ 저장된 첫 화면입니다. 셀을 실행하면 …",
the title, the controls' values, the figure and the info text) and a Korean
``text/plain`` instead of the ``VBox(...)`` repr. JupyterLab shows the live widget
for a cell run in it (a trusted output) and the picture for a notebook opened as
committed (untrusted: its widget renderer is registered as unsafe); GitHub and
nbconvert/nbviewer show the picture when the notebook stores no widget state.

Controls use ``observe`` callbacks, so setting ``box.controls['w1'].value = 0.3`` from
code (or a test) updates ``.state`` and the display exactly as moving the slider does.
Figures are ``matplotlib.figure.Figure`` objects outside pyplot, rendered to PNG into
the Output: they never pile up in pyplot or show twice in a notebook. Every redraw
goes through this package's ``_show(output, fig)``, so wrapping it sees all of them.
"""
from . import augment, book1, convolution, review, sentiment, sequence, training_tech, word2vec, wordvec
from ._base import _show  # noqa: F401  (tests wrap it to count redraws)
from .augment import *  # noqa: F401,F403
from .book1 import *  # noqa: F401,F403
from .book1 import GATES, GD_FUNCTIONS, PERCEPTRON_PRESETS  # noqa: F401
from .convolution import *  # noqa: F401,F403
from .review import *  # noqa: F401,F403
from .sentiment import *  # noqa: F401,F403
from .sequence import *  # noqa: F401,F403
from .training_tech import *  # noqa: F401,F403
from .word2vec import *  # noqa: F401,F403
from .wordvec import *  # noqa: F401,F403

__all__ = [name for module in (augment, book1, convolution, review, sentiment, sequence, training_tech,
                               word2vec, wordvec) for name in module.__all__]
