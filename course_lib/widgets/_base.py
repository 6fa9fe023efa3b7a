"""Shared machinery of the interactive demos: figure -> PNG, the demo box, small HTML helpers.

Every demo is a function that builds its controls, writes an ``update(box)`` that
recomputes ``box.state`` and redraws, and hands both to :func:`_assemble`, which
returns the demo box (an ``ipywidgets.VBox`` subclass) with ``.controls``,
``.output``, ``.info``, ``.state``, ``.refresh()``, ``.hold()``, ``.show(fig)`` and
``.snapshot()``.

Saved outputs. A front end without the live widget (a notebook opened untrusted,
GitHub, nbviewer) cannot draw the widget view and falls back to another mime type of
the same output. The demo box therefore displays as the widget view plus
``image/png`` (a picture of what the demo shows when it is displayed: its figure,
the controls' values, its info text and a Korean note that running the cell makes
it interactive) and ``text/plain`` (the same note, never the ``VBox(...)`` repr).
JupyterLab renders the widget view only for trusted outputs (its renderer is
registered as unsafe), so a live cell still shows the interactive widget.
"""
from __future__ import annotations

import base64
import contextlib
import functools
import html
import io
import re
import sys
import unicodedata
import warnings

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


def _fit_left(fig: Figure, ax, min_px: float = 4.0) -> None:
    """Widen the left margin until ``ax``'s y tick labels and y label fit in ``fig``.

    Measures only the y axis (no full draw), so it stays cheap enough for every redraw.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    x0 = ax.yaxis.get_tightbbox(renderer).x0
    if x0 < min_px:
        fig.subplots_adjust(left=fig.subplotpars.left + (min_px - x0) / fig.bbox.width)


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


def _check_vocabulary(word_to_id, id_to_word, source: str) -> None:
    """Raise a clear ``ValueError`` unless ``id_to_word`` maps every id of the non-empty
    dict ``word_to_id`` back to its word; ``source`` names where the pair comes from
    (e.g. ``'load_ptb'``)."""
    from collections.abc import Mapping

    if not isinstance(word_to_id, Mapping) or not word_to_id:
        raise ValueError("word_to_id must be a non-empty dict word -> id.")
    try:
        bad = [w for w, i in word_to_id.items() if id_to_word[i] != w]
    except (KeyError, IndexError, TypeError):
        bad = ["?"]
    if bad:
        raise ValueError("id_to_word must map every id of word_to_id back to its word "
                         f"(first mismatch: {bad[0]!r}); pass the pair returned by {source}.")


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


# ------------------------------------------------------------------ saved snapshot
_CONTROL_KINDS = (  # (class-name test, Korean name) in the order they are named
    (lambda n: "Slider" in n, "슬라이더"),
    (lambda n: n in ("Dropdown", "Select", "RadioButtons", "ToggleButtons"), "메뉴"),
    (lambda n: n in ("Text", "Textarea", "IntText", "FloatText", "BoundedIntText", "BoundedFloatText"),
     "입력 칸"),
    (lambda n: n in ("Checkbox", "ToggleButton"), "체크박스"),
    (lambda n: n == "Button", "버튼"),
)
SNAPSHOT_NOTE = "▶ 저장된 첫 화면입니다."


def _with_ro(word: str) -> str:
    """``word`` + the particle (으)로: '슬라이더로', '입력 칸으로', '메뉴로'."""
    code = ord(word[-1]) - 0xAC00
    if not 0 <= code < 11172:
        return word + "(으)로"
    final = code % 28  # 0: no final consonant, 8: ㄹ
    return word + ("로" if final in (0, 8) else "으로")


def _snapshot_note(controls: dict) -> str:
    """The Korean note of a saved picture: what running the cell lets the reader do."""
    kinds = []
    for control in controls.values():
        name = type(control).__name__
        kind = next((k for test, k in _CONTROL_KINDS if test(name)), None)
        if kind and kind not in kinds:
            kinds.append(kind)
    how = f"{_with_ro('·'.join(kinds))} 직접 바꿔 볼 수 있습니다." if kinds else "직접 조작할 수 있습니다."
    return f"{SNAPSHOT_NOTE} 셀을 실행하면 {how}"


def _control_value(control) -> str | None:
    """A control's value as the reader would see it; None for buttons."""
    name = type(control).__name__
    value = getattr(control, "value", None)
    if name in ("Button",) or value is None and not hasattr(control, "label"):
        return None
    if name in ("Checkbox", "ToggleButton"):
        return "켜짐" if value else "꺼짐"
    if hasattr(control, "label") and hasattr(control, "options"):
        return str(control.label)

    def number(v):
        if isinstance(v, float):
            try:
                return format(v, getattr(control, "readout_format", "") or ".6g")
            except ValueError:  # a d3 format Python does not know
                return _fmt(v)
        return str(v)

    if isinstance(value, tuple) and len(value) == 2:
        return f"{number(value[0])} – {number(value[1])}"
    if isinstance(value, str):
        return f"'{value}'"
    return number(value)


def _controls_line(controls: dict) -> str:
    parts = []
    for control in controls.values():
        value = _control_value(control)
        if value is None:
            continue
        label = str(getattr(control, "description", "") or "").strip()
        parts.append(f"{label}: {value}" if label else value)
    return "   ·   ".join(parts)


def _html_lines(markup: str) -> list[str]:
    """Readable text lines of the demos' small HTML: paragraphs, line breaks, tables
    (one row a line, cells separated by ' | ')."""
    s = re.sub(r"(?i)<br\s*/?>", "\n", markup or "")
    s = re.sub(r"(?i)</t[dh]>\s*<t[dh][^>]*>", " | ", s)
    s = re.sub(r"(?i)<(table|tr|p|div|h\d|li)\b[^>]*>|</(table|tr|p|div|h\d|li)>", "\n", s)
    s = html.unescape(re.sub(r"<[^>]+>", "", s))
    return [line for line in (" ".join(raw.split()) for raw in s.split("\n")) if line]


def _em_width(text: str) -> float:
    """Rough width of ``text`` in em: DejaVu Sans for Latin (about 0.6 em a character),
    the Korean font for Hangul and other wide characters (about 0.88 em)."""
    return sum(0.88 if unicodedata.east_asian_width(c) in "WF" else 0.6 for c in text)


def _wrap(lines, width: float) -> list[str]:
    """Wrap each line to ``width`` em (words first, a word longer than a line is split)."""
    out = []
    for line in lines:
        current = ""
        for word in line.split(" "):
            candidate = f"{current} {word}" if current else word
            if _em_width(candidate) <= width:
                current = candidate
                continue
            if current:
                out.append(current)
            current = ""
            for ch in word:
                if current and _em_width(current + ch) > width:
                    out.append(current)
                    current = ""
                current += ch
        out.append(current)
    return out


def _snapshot_text(box) -> str:
    """``text/plain`` of a demo box: the note, the title and the controls' values."""
    lines = [_snapshot_note(box.controls)]
    if box.title:
        lines.append(box.title)
    values = _controls_line(box.controls)
    if values:
        lines.append(values)
    return "\n".join(lines)


def _snapshot_png(box) -> bytes:
    """A PNG of what ``box`` shows now: the Korean note, title, controls' values, the
    figure of its Output (its already-rendered PNG, pasted pixel for pixel) and its
    info text (beside the figure or below it)."""
    import matplotlib.image
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.patches import Rectangle
    from matplotlib.transforms import IdentityTransform

    plotting.use_korean_font()
    dpi, pad, gap = 100, 12, 14
    image = None
    for out in box.output.outputs:
        data = out.get("data", {})
        if "image/png" in data:
            image = matplotlib.image.imread(io.BytesIO(base64.b64decode(data["image/png"])), format="png")
    info = _html_lines(box.info.value) if box.info is not None else []
    fig_w, fig_h = (image.shape[1], image.shape[0]) if image is not None else (0, 0)

    def cols(px, size):  # a width in pixels as em of a font size in points
        return max(10.0, px / (size * dpi / 72))

    info_size, small = 9.0, 9.0
    beside = bool(info) and image is not None and not box._info_below and fig_w <= 640
    info_px = 380 if beside else max(fig_w, 600)
    info_lines = _wrap(info, cols(info_px, info_size))
    body_w = fig_w + (gap + info_px if beside else 0) if image is not None else info_px
    width = max(body_w, 600) + 2 * pad

    fig = Figure(figsize=(width / dpi, 1), dpi=dpi, facecolor="white")
    canvas = FigureCanvasAgg(fig)
    ident = IdentityTransform()

    def block(lines, size, **kw):
        # parse_math=False: text such as PTB's "$ million" is not mathtext
        return fig.text(0, 0, "\n".join(lines), fontsize=size, va="top", ha="left", transform=ident,
                        linespacing=1.35, parse_math=False, **kw)

    note = block(_wrap([_snapshot_note(box.controls)], cols(width - 2 * pad - 16, 10)), 10,
                 color="#5a4500", fontweight="bold")
    title = block(_wrap([box.title], cols(width - 2 * pad, 11)), 11, fontweight="bold") if box.title else None
    values = _controls_line(box.controls)
    values = block(_wrap([values], cols(width - 2 * pad, small)), small, color="#333333") if values else None
    info_text = block(info_lines, info_size, color="#222222") if info_lines else None

    renderer = canvas.get_renderer()

    def height(text):
        return 0 if text is None else text.get_window_extent(renderer).height

    # the width estimate of _wrap is rough: widen the picture if a line came out longer
    widest = max(t.get_window_extent(renderer).width + (16 if t is note else 0)
                 + (fig_w + gap if t is info_text and beside else 0)
                 for t in (note, title, values, info_text) if t is not None)
    width = max(width, int(np.ceil(widest)) + 2 * pad)

    y = pad  # distance from the top, in pixels
    placed = []  # (artist, x, y_from_top)
    note_h = height(note) + 12
    placed.append((note, pad + 8, y + 6))
    banner = (pad, y, width - 2 * pad, note_h)
    y += note_h + 10
    for text in (title, values):
        if text is not None:
            placed.append((text, pad, y))
            y += height(text) + 8
    y += 4
    body_top = y
    if image is not None:
        figure_at = (pad, body_top)
        if info_text is not None and beside:
            placed.append((info_text, pad + fig_w + gap, body_top + 8))
            y = body_top + max(fig_h, height(info_text) + 8)
        else:
            y = body_top + fig_h
            if info_text is not None:
                placed.append((info_text, pad, y + 8))
                y += height(info_text) + 12
    elif info_text is not None:
        placed.append((info_text, pad, y))
        y += height(info_text)
    total = int(np.ceil(y + pad))

    fig.set_size_inches(width / dpi, total / dpi)
    for text, x, top in placed:
        text.set_position((x, total - top))
    fig.add_artist(Rectangle((banner[0], total - banner[1] - banner[3]), banner[2], banner[3],
                             transform=ident, facecolor="#fff3c4", edgecolor="#e0b000", lw=1))
    fig.add_artist(Rectangle((1, 1), width - 2, total - 2, transform=ident, facecolor="none",
                             edgecolor="#bbbbbb", lw=1))
    if image is not None:
        fig.figimage(image, xo=figure_at[0], yo=total - figure_at[1] - fig_h, origin="upper", zorder=1)
    canvas.draw()
    # 256 colours: a quarter of the bytes of a true-colour PNG, for the same look (the
    # pictures are stored in the committed notebooks)
    from PIL import Image

    rgb = Image.fromarray(np.asarray(canvas.buffer_rgba())[..., :3])
    buf = io.BytesIO()
    rgb.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(buf, format="PNG")
    return buf.getvalue()


@functools.cache
def _demo_box_class():
    """The demo box class, an ``ipywidgets.VBox`` subclass (made on first use, so that
    importing this package does not need ipywidgets)."""
    w = _ipywidgets()

    class DemoBox(w.VBox):
        """A demo's VBox whose saved output reads right without a kernel.

        Displayed, it gives the usual widget view plus ``image/png`` (:meth:`snapshot`)
        and ``text/plain`` (a Korean note instead of the ``VBox(...)`` repr).
        """

        def snapshot(self) -> bytes:
            """PNG bytes of what the demo shows now, with the Korean note drawn in."""
            return _snapshot_png(self)

        def _repr_mimebundle_(self, **kwargs):
            data = super()._repr_mimebundle_(**kwargs)
            if not data:  # a closed widget
                return data
            data = dict(data, **{"text/plain": _snapshot_text(self)})
            try:
                data["image/png"] = base64.b64encode(self.snapshot()).decode("ascii")
            except Exception as exc:  # noqa: BLE001 - the live widget must show regardless
                warnings.warn(f"could not draw the saved picture of the demo: {exc!r}", RuntimeWarning,
                              stacklevel=2)
            return data

    DemoBox.__module__ = __name__
    DemoBox.__qualname__ = "DemoBox"
    return DemoBox


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
    box = _demo_box_class()(parts + body)
    box.title = title
    box._info_below = info_below
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
