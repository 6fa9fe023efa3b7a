"""Progress bars that read right in a saved notebook.

``tqdm.auto`` draws a widget in Jupyter; a saved notebook keeps only that widget's
text as it *started* (``학습: 0%| | 0/10200``), and a fresh clone cannot render the
widget at all. :func:`progress` draws tqdm's own text line into one notebook output
that is updated in place (an IPython display handle), so the saved notebook shows the
bar's final state (100 %, final loss) everywhere, widget manager or not. Outside a
notebook kernel (terminal, ``python -m course_lib train``) it is plain tqdm on stderr.
"""
from __future__ import annotations

import io

from tqdm.std import tqdm as _std_tqdm

# Characters per line: with the 14 px monospace font of JupyterLab this stays on one
# line in a 1,400-pixel-wide window with the file browser open (tqdm shrinks the bar
# itself to fit the description and postfix).
NCOLS = 100
BAR_FORMAT = "{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}{postfix}]"


def _in_notebook_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        return False
    shell = get_ipython()
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"


class NotebookBar(_std_tqdm):
    """tqdm whose text line lives in one notebook output, updated in place.

    Same arguments as ``tqdm``; ``ncols`` defaults to :data:`NCOLS`. ``leave=False``
    empties the output at the end.
    """

    def __init__(self, *args, **kwargs):
        self._handle = None  # set before tqdm's __init__, which draws the first state
        kwargs.setdefault("ncols", NCOLS)
        kwargs.setdefault("ascii", False)  # a StringIO would make tqdm fall back to "#"
        # no rate (it/s): it would crowd out the loss and accuracies of the postfix
        kwargs.setdefault("bar_format", BAR_FORMAT)
        kwargs["file"] = io.StringIO()  # tqdm's own writes go nowhere
        super().__init__(*args, **kwargs)

    def display(self, msg=None, pos=None):
        from IPython.display import display

        text = self.__str__() if msg is None else msg
        bundle = {"text/plain": text}
        if self._handle is None:
            self._handle = display(bundle, raw=True, display_id=True)
        else:
            self._handle.update(bundle, raw=True)
        return True


def progress(*, total: int, desc: str, unit: str = "it", disable: bool = False, leave: bool = True):
    """A progress bar for ``total`` steps: :class:`NotebookBar` in a notebook, tqdm elsewhere.

    Use as ``bar = progress(total=n, desc="학습")``, ``bar.update(1)``,
    ``bar.set_postfix(loss=...)``, ``bar.close()``.
    """
    cls = NotebookBar if _in_notebook_kernel() and not disable else _std_tqdm
    return cls(total=total, desc=desc, unit=unit, disable=disable, leave=leave, dynamic_ncols=False)
