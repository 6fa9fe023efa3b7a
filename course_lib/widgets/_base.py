"""Shared machinery of the interactive demos: figure -> PNG, the demo box, small HTML helpers.

Every demo is a function that builds its controls, writes an ``update(box)`` that
recomputes ``box.state`` and redraws, and hands both to :func:`_assemble`, which
returns the ``ipywidgets.VBox`` with ``.controls``, ``.output``, ``.info``,
``.state``, ``.refresh()``, ``.hold()`` and ``.show(fig)``.
"""
from __future__ import annotations

import base64
import contextlib
import html
import io
import sys

import numpy as np
from matplotlib.figure import Figure

from .. import plotting


def _ipywidgets():
    try:
        import ipywidgets
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "The interactive demos need ipywidgets: `pip install ipywidgets` "
            "(or `conda install -c conda-forge ipywidgets`), then restart the kernel."
        ) from exc
    return ipywidgets


def _figure(width: float, height: float, **margins) -> Figure:
    """A small figure that pyplot does not manage (no plt.close needed).

    Margins are fixed (``Figure.subplots_adjust`` keywords) rather than computed by a
    layout engine: a redraw on every slider step must stay fast.
    """
    plotting.use_korean_font()
    fig = Figure(figsize=(width, height), dpi=100)
    fig.subplots_adjust(**{"left": 0.13, "right": 0.97, "bottom": 0.15, "top": 0.88, **margins})
    return fig


def _png_bundle(fig: Figure) -> dict:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", pil_kwargs={"compress_level": 1})  # fast over small
    text = f"<Figure size {fig.bbox.width:.0f}x{fig.bbox.height:.0f} with {len(fig.axes)} Axes>"
    return {
        "output_type": "display_data",
        "data": {"image/png": base64.b64encode(buf.getvalue()).decode("ascii"), "text/plain": text},
        "metadata": {},
    }


def _show(output, fig: Figure) -> None:
    """Replace what ``output`` shows by ``fig`` (``fig=None``: show nothing)."""
    output.outputs = () if fig is None else (_png_bundle(fig),)


def _log_yaxis(ax, lo: float, hi: float) -> None:
    """Log-scale y axis from ``lo`` to ``hi`` (> 0), widened to whole decades.

    Tick labels are ``$10^{-3}$`` in mathtext's own font (DejaVu), whatever
    ``font.family`` holds (matplotlib's default labels use the text font, and a Korean
    text font lacks the math minus U+2212). No minor ticks: fewer artists to draw.
    """
    from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator

    ax.set_yscale("log")
    ax.set_ylim(10.0 ** np.floor(np.log10(lo)), 10.0 ** np.ceil(np.log10(hi)))
    ax.yaxis.set_major_locator(LogLocator(base=10, numticks=8))
    ax.yaxis.set_major_formatter(FuncFormatter(
        lambda v, _pos: f"$10^{{{int(round(np.log10(v)))}}}$" if v > 0 else ""))
    ax.yaxis.set_minor_locator(NullLocator())


def _fmt(v: float) -> str:
    """Short number for display: 715.0000000000001 -> '715', 2.2000000000000002 -> '2.2'."""
    return f"{float(v):.6g}"


def _table(header, rows, highlight=None) -> str:
    """A small HTML table; ``highlight``: optional list of per-row CSS colours."""
    cell = "padding:2px 10px;border:1px solid #ccc;text-align:center"
    head = "".join(f"<th style='{cell}'>{html.escape(str(h))}</th>" for h in header)
    body = []
    for i, row in enumerate(rows):
        bg = f";background:{highlight[i]}" if highlight and highlight[i] else ""
        body.append(
            "<tr>" + "".join(f"<td style='{cell}{bg}'>{html.escape(str(c))}</td>" for c in row) + "</tr>"
        )
    return f"<table style='border-collapse:collapse'><tr>{head}</tr>{''.join(body)}</table>"


def _message(text: str) -> str:
    """A red HTML paragraph telling the student what is wrong with their input."""
    return f"<p style='color:#c00;max-width:420px'>{html.escape(text)}</p>"


def _assemble(controls: dict, update, *, info=None, title=None, skip=(), rows=None, info_below=False):
    """Build the VBox (controls, info, output), wire ``observe`` and draw once.

    ``update(box)`` recomputes ``box.state`` and redraws with ``box.show(fig)`` and
    ``box.info``. Controls named in ``skip`` are not wired: the caller observes them
    itself (buttons, presets). ``rows``: optional list of lists of control names laid
    out side by side (default: one control per line). ``info_below``: put the info
    under the figure instead of beside it (for wide figures).
    """
    w = _ipywidgets()
    output = w.Output()
    parts = []
    if title:
        parts.append(w.HTML(f"<b>{html.escape(title)}</b>"))
    if rows is None:
        rows = [[name] for name in controls]
    parts.append(w.VBox([w.HBox([controls[n] for n in row]) if len(row) > 1 else controls[row[0]]
                         for row in rows]))
    if info is None:
        body = [output]
    else:
        body = [info, output] if info_below else [w.HBox([output, info])]
    box = w.VBox(parts + body)
    box.controls = controls
    box.output = output
    box.info = info
    box.state = {}
    box._busy = False  # True inside hold(): several controls change, one redraw

    def refresh(_change=None):
        if not box._busy:
            update(box)

    @contextlib.contextmanager
    def hold():
        outer = box._busy
        box._busy = True
        try:
            yield box
        finally:
            box._busy = outer
        if not outer:
            refresh()

    def show(fig):
        # Looked up on the package at call time, so that wrapping
        # ``course_lib.widgets._show`` (e.g. to count redraws in a test) sees every draw.
        sys.modules[__package__]._show(output, fig)

    box.refresh = refresh
    box.hold = hold
    box.show = show
    for name, control in controls.items():
        if name not in skip:
            control.observe(refresh, names="value")
    refresh()
    return box


def _slider_style():
    return {"description_width": "130px"}


def _layout(width: str = "420px"):
    return _ipywidgets().Layout(width=width)
