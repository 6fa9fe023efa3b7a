"""Shared plot helpers and the Korean font set-up.

``use_korean_font()`` makes matplotlib render Hangul (it is called by ``cl.setup()``).
The helpers draw the figures every notebook needs: 1-D functions
(``plot_function``), learning curves (``plot_history``) and digit grids
(``show_images``). They return the Axes they drew on and never call ``plt.show()``.
"""
from __future__ import annotations

import importlib.util
import os
import warnings
from collections.abc import Mapping, Sequence

import matplotlib
import numpy as np
from matplotlib import font_manager

__all__ = ["use_korean_font", "plot_function", "plot_history", "show_images"]

# Families tried, in order, when koreanize-matplotlib is not installed.
_FALLBACK_FAMILIES = (
    "NanumGothic",
    "Noto Sans CJK KR",
    "Noto Sans KR",
    "Malgun Gothic",  # Windows
    "AppleGothic",  # macOS
    "Apple SD Gothic Neo",  # macOS
)
# File-name fragments of the same fonts, for fonts the matplotlib cache has not seen.
_FALLBACK_FILES = ("nanumgothic", "notosanscjk", "notosanskr", "malgun", "applegothic")
_INSTALL_HINT = "pip install koreanize-matplotlib"

_family: str | None = None  # cached result of the first successful search


def _koreanize_font_files() -> list[str]:
    """Paths of the TTFs shipped by koreanize-matplotlib, without importing it."""
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return []
    folder = os.path.join(list(spec.submodule_search_locations)[0], "fonts")
    if not os.path.isdir(folder):
        return []
    return sorted(
        os.path.join(folder, name) for name in os.listdir(folder) if name.lower().endswith(".ttf")
    )


def _register(paths: Sequence[str]) -> str | None:
    """Add font files to matplotlib's font manager; return the first file's family."""
    family = None
    for path in paths:
        try:
            font_manager.fontManager.addfont(path)
        except (OSError, RuntimeError, ValueError):
            continue
        if family is None:
            family = font_manager.FontProperties(fname=path).get_name()
    return family


def _find_installed_korean_font() -> str | None:
    """Family name of an installed Korean font, or None."""
    known = {entry.name for entry in font_manager.fontManager.ttflist}
    for family in _FALLBACK_FAMILIES:
        if family in known:
            return family
    # Fonts installed after matplotlib built its cache (e.g. Debian fonts-nanum).
    for path in font_manager.findSystemFonts():
        name = os.path.basename(path).lower().replace(" ", "").replace("-", "")
        if any(fragment in name for fragment in _FALLBACK_FILES):
            family = _register([path])
            if family:
                return family
    return None


def _apply_style(family: str | None) -> None:
    rc = matplotlib.rcParams
    if family:
        # DejaVu Sans first, the Korean font as fallback: NanumGothic maps U+2212
        # (the minus of log-axis ticks) and '²' to poor glyphs, while DejaVu has no
        # Hangul, so matplotlib's per-glyph fallback takes Hangul from the Korean font.
        rc["font.family"] = ["DejaVu Sans", family]
        rc["axes.unicode_minus"] = False  # else '-' is a box in Korean fonts
    rc["figure.dpi"] = 100
    rc["axes.grid"] = True
    rc["grid.alpha"] = 0.3
    rc["axes.spines.top"] = False
    rc["axes.spines.right"] = False


def use_korean_font() -> str:
    """Make matplotlib render Korean text; set a modest default style.

    Registers the NanumGothic TTFs shipped inside the ``koreanize-matplotlib``
    package (without importing it, which would raise distutils deprecation
    warnings). Without that package, uses an installed Korean font (NanumGothic,
    Noto Sans CJK KR, Malgun Gothic, AppleGothic). Sets ``font.family`` and
    ``axes.unicode_minus = False``, plus figure dpi 100 and a light grid.

    Cheap on repeat calls: the font search runs once; the rcParams are re-applied
    each call (so it also repairs them after ``plt.rcdefaults()``).

    Returns:
        The font family name in use, e.g. ``'NanumGothic'``; ``''`` (after a
        ``UserWarning``) when no Korean font could be found.
    """
    global _family
    if _family is None:
        _family = _register(_koreanize_font_files()) or _find_installed_korean_font() or ""
        if not _family:
            warnings.warn(
                "No Korean font found: Korean labels will show as boxes. "
                f"Install one with `{_INSTALL_HINT}` (or `conda install -c conda-forge "
                "koreanize-matplotlib`), then restart the kernel.",
                UserWarning,
                stacklevel=2,
            )
    _apply_style(_family or None)
    return _family


def _new_axes(ax, figsize):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize)
    return ax


def plot_function(f, x_range, ax=None, label=None, title=None):
    """Plot a 1-D function ``y = f(x)`` such as a step, sigmoid or ReLU.

    Args:
        f: callable taking an array ``x`` of shape (M,) and returning shape (M,).
        x_range: ``(start, stop)`` — 501 evenly spaced points are used — or an
            explicit 1-D array of x values (e.g. ``np.arange(-5, 5, 0.1)``).
        ax: Axes to draw on; a new figure is made when None.
        label: legend entry for the curve (a legend is drawn when given).
        title: Axes title.

    Returns:
        The matplotlib Axes.
    """
    x = np.asarray(x_range, dtype=float)
    if x.ndim != 1 or x.size < 2:
        raise ValueError(
            f"x_range must be (start, stop) or a 1-D array of x values, got shape {x.shape}."
        )
    if x.size == 2:
        if not x[0] < x[1]:
            raise ValueError(f"x_range=(start, stop) needs start < stop, got {tuple(x)}.")
        x = np.linspace(x[0], x[1], 501)
    y = np.asarray(f(x), dtype=float)
    if y.shape != x.shape:
        raise ValueError(f"f(x) must return the shape of x {x.shape}, got {y.shape}.")
    ax = _new_axes(ax, (5, 3.5))
    ax.plot(x, y, label=label)
    ax.set_xlabel("입력 (x)")
    ax.set_ylabel("출력 (y)")
    if title:
        ax.set_title(title)
    if label:
        ax.legend()
    return ax


_KIND_LABELS = {
    "acc": "정확도 (accuracy)",
    "loss": "손실 (loss)",
    "ppl": "퍼플렉서티 (perplexity)",
}
_X_LABELS = {"epoch": "에폭 (epoch)", "iteration": "반복 (iteration)"}
_KEY_NAMES = {"train": "훈련", "test": "시험", "val": "검증"}


def _kind(key: str) -> str:
    k = key.lower()
    if "acc" in k:
        return "acc"
    if "ppl" in k or "perplex" in k:
        return "ppl"
    return "loss"


def _legend_name(key: str) -> str:
    words = key.lower().split("_")
    korean = [_KEY_NAMES[w] for w in words if w in _KEY_NAMES]
    return f"{' '.join(korean)} ({key})" if korean else key


def plot_history(history, ax=None, keys=None, title=None, x="epoch"):
    """Plot learning curves from a dict of per-epoch (or per-iteration) lists.

    Args:
        history: mapping ``name -> sequence of numbers``, e.g.
            ``{'loss': [...], 'train_acc': [...], 'test_acc': [...]}``. Sequences
            may differ in length; each is plotted against 1, 2, 3, ... (epoch 1 is
            the state after the first epoch).
        ax: Axes to draw on; a new figure is made when None.
        keys: which entries to plot (default: all, in order).
        title: Axes title.
        x: ``'epoch'`` (x axis '에폭') or ``'iteration'`` (x axis '반복').

    Keys containing ``acc`` are accuracies, ``ppl``/``perplexity`` perplexities,
    anything else a loss. When accuracies are mixed with another kind, the
    accuracies use a second y axis on the right (``ax.twinx()``).

    Returns:
        The (left) matplotlib Axes.
    """
    if not isinstance(history, Mapping) or not history:
        raise TypeError("history must be a non-empty dict of lists, e.g. {'loss': [2.3, 1.1]}.")
    if x not in _X_LABELS:
        raise ValueError(f"x must be one of {list(_X_LABELS)}, got {x!r}.")
    keys = list(history) if keys is None else list(keys)
    missing = [k for k in keys if k not in history]
    if missing:
        raise KeyError(f"keys {missing} are not in history; available: {list(history)}.")
    series = {}
    for k in keys:
        values = np.asarray(history[k], dtype=float)
        if values.ndim != 1 or values.size == 0:
            raise ValueError(f"history[{k!r}] must be a non-empty 1-D list, got shape {values.shape}.")
        series[k] = values

    ax = _new_axes(ax, (6, 3.5))
    kinds = {k: _kind(k) for k in keys}
    twin = "acc" in kinds.values() and len(set(kinds.values())) > 1
    right = ax.twinx() if twin else None
    lines = []
    for i, (k, values) in enumerate(series.items()):
        target = right if (twin and kinds[k] == "acc") else ax
        style = "--" if twin and kinds[k] == "acc" else "-"
        marker = "o" if values.size <= 30 else None
        (line,) = target.plot(
            np.arange(1, values.size + 1), values, style, marker=marker, markersize=3,
            color=f"C{i}", label=_legend_name(k),
        )
        lines.append(line)
    left_kinds = {kinds[k] for k in keys if not (twin and kinds[k] == "acc")}
    ax.set_ylabel(_KIND_LABELS[left_kinds.pop()] if len(left_kinds) == 1 else "값 (value)")
    if right is not None:
        right.set_ylabel(_KIND_LABELS["acc"])
        right.grid(False)
        right.spines["right"].set_visible(True)
    ax.set_xlabel(_X_LABELS[x])
    # whole epochs only: one or two epochs would otherwise get ticks at 0.96, 1.04, ...
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))
    longest = max(v.size for v in series.values())
    if longest <= 3:
        ax.set_xlim(0.5, longest + 0.5)
    if title:
        ax.set_title(title)
    ax.legend(lines, [line.get_label() for line in lines], loc="best")
    return ax


def _as_image_stack(images) -> np.ndarray:
    """Reshape (N, D), (N, H, W) or (N, 1, H, W) to (N, H, W); D must be a square."""
    a = np.asarray(images)
    if a.ndim == 4 and a.shape[1] == 1:
        a = a[:, 0]
    elif a.ndim == 2:
        side = int(round(np.sqrt(a.shape[1])))
        if side * side != a.shape[1]:
            raise ValueError(
                f"images of shape {a.shape}: each row of {a.shape[1]} values is not a square "
                "image; pass (N, 784), (N, 28, 28) or (N, 1, 28, 28)."
            )
        a = a.reshape(a.shape[0], side, side)
    if a.ndim != 3 or a.shape[0] == 0:
        raise ValueError(
            f"images must be (N, 784), (N, 28, 28) or (N, 1, 28, 28) with N >= 1, got {a.shape}."
        )
    return a


def show_images(images, labels=None, ncols=10, ax=None):
    """Show a grid of grey-scale digits (MNIST style) on one Axes.

    Args:
        images: array (N, 784), (N, 28, 28) or (N, 1, 28, 28); any square size works.
        labels: optional sequence of N labels (ints or strings) drawn in the
            top-left corner of each tile.
        ncols: tiles per row.
        ax: Axes to draw on; a new figure sized to the grid is made when None.

    Returns:
        The matplotlib Axes (axis lines and grid turned off).
    """
    stack = _as_image_stack(images).astype(float)
    n, h, w = stack.shape
    if labels is not None and len(labels) != n:
        raise ValueError(f"got {len(labels)} labels for {n} images; pass one label per image.")
    if int(ncols) < 1:
        raise ValueError(f"ncols must be >= 1, got {ncols}.")
    ncols = min(int(ncols), n)
    nrows = -(-n // ncols)
    pad = 2
    lo, hi = float(stack.min()), float(stack.max())
    mosaic = np.full((nrows * (h + pad) - pad, ncols * (w + pad) - pad), lo)
    for i in range(n):
        r, c = divmod(i, ncols)
        mosaic[r * (h + pad): r * (h + pad) + h, c * (w + pad): c * (w + pad) + w] = stack[i]
    ax = _new_axes(ax, (0.8 * ncols, 0.8 * nrows + 0.2))
    # MNIST digits are bright strokes on 0: 'gray_r' shows dark ink on white paper.
    ax.imshow(mosaic, cmap="gray_r", vmin=lo, vmax=max(hi, lo + 1e-12), interpolation="nearest")
    if labels is not None:
        for i, lab in enumerate(labels):
            r, c = divmod(i, ncols)
            ax.text(c * (w + pad) + 1, r * (h + pad) + 1, str(lab), color="tab:red",
                    fontsize=8, va="top", ha="left")
    ax.set_axis_off()
    ax.grid(False)
    return ax
