"""Widgets of week 9 (book 1 ch. 7): the 3×3 kernel editor and the im2col explorer.

Both compute with :mod:`course_lib.conv` (``Convolution``, ``im2col``,
``conv_output_size``) and only draw.
"""
from __future__ import annotations

import html

import numpy as np

from .. import conv, plotting
from ._base import _assemble, _figure, _fmt, _ipywidgets, _layout, _slider_style

__all__ = ["KERNEL_PRESETS", "im2col_explorer", "kernel_editor"]

_CUSTOM = "custom"

# name -> (Korean label, 3×3 kernel, what it responds to). Kernels are applied as the
# book's convolution (cross-correlation: no flip), so "vertical" is bright where the
# ink is on the left of a vertical stroke edge and dark on its right.
KERNEL_PRESETS = {
    "identity": ("항등 (identity)", [[0, 0, 0], [0, 1, 0], [0, 0, 0]],
                 "입력을 그대로 통과시킵니다 (패딩이 없으면 가장자리 한 줄씩만 잘립니다)."),
    "vertical": ("세로 경계 (vertical edge)", [[1, 0, -1], [1, 0, -1], [1, 0, -1]],
                 "왼쪽과 오른쪽의 밝기 차이: 세로로 뻗은 획의 양쪽 가장자리에서 크게(+/−) 반응합니다."),
    "horizontal": ("가로 경계 (horizontal edge)", [[1, 1, 1], [0, 0, 0], [-1, -1, -1]],
                   "위와 아래의 밝기 차이: 가로로 뻗은 획의 위아래 가장자리에서 반응합니다."),
    "sobel_x": ("소벨 x (Sobel, 세로 경계)", [[1, 0, -1], [2, 0, -2], [1, 0, -1]],
                "세로 경계 필터의 가운데 행에 가중치 2를 준 것으로, 잡음에 조금 덜 민감합니다."),
    "sobel_y": ("소벨 y (Sobel, 가로 경계)", [[1, 2, 1], [0, 0, 0], [-1, -2, -1]],
                "가로 경계 필터의 가운데 열에 가중치 2를 준 것입니다."),
    "blur": ("흐림 (box blur)", [[1 / 9] * 3] * 3,
             "3×3 이웃의 평균: 획이 번지고 부드러워집니다 (값이 모두 양수라 출력도 양수입니다)."),
    "sharpen": ("선명하게 (sharpen)", [[0, -1, 0], [-1, 5, -1], [0, -1, 0]],
                "자기 자신을 키우고 이웃을 빼서 획의 가장자리를 강조합니다."),
}
_KEYS = [f"k{i}{j}" for i in range(3) for j in range(3)]


def _preset_of(kernel) -> str | None:
    """Name of the preset equal to ``kernel`` (3, 3), or None."""
    return next((name for name, (_, k, _) in KERNEL_PRESETS.items()
                 if np.allclose(kernel, k, rtol=0, atol=1e-9)), None)


def _convolve(image, kernel, stride: int, pad: int) -> np.ndarray:
    """One image (H, W) and one kernel (FH, FW) through the library's Convolution → (OH, OW)."""
    W = np.asarray(kernel, dtype=np.float64)[None, None]
    layer = conv.Convolution(W, np.zeros(1), stride=stride, pad=pad)
    return layer.forward(np.asarray(image, dtype=np.float64)[None, None])[0, 0]


def _draw_kernel(ax, kernel) -> None:
    k = np.asarray(kernel, dtype=float)
    lim = max(float(np.abs(k).max()), 1e-12)
    ax.imshow(k, cmap="RdBu_r", vmin=-lim, vmax=lim)
    for (i, j), v in np.ndenumerate(k):
        ax.text(j, i, _fmt(round(v, 3)), ha="center", va="center", fontsize=9,
                color="white" if abs(v) > 0.6 * lim else "black")
    ax.set_xticks(range(3))
    ax.set_yticks(range(3))
    ax.set_title("필터 (kernel) 3×3", fontsize=10)
    ax.set_xlabel("열 (column)", fontsize=8)
    ax.set_ylabel("행 (row)", fontsize=8)


def kernel_editor(images, labels=None, *, index: int = 0, preset: str = "vertical"):
    """Week 9: edit a 3×3 kernel and see the feature map of an MNIST digit.

    Args:
        images: digits (N, 784), (N, 28, 28) or (N, 1, 28, 28) (any square size).
        labels: optional (N,) labels shown in the title.
        index: the digit shown first; preset: the kernel shown first (a key of
            :data:`KERNEL_PRESETS`).

    Controls: ``'preset'`` (Dropdown: custom or a key of ``KERNEL_PRESETS``; choosing
    one writes its nine weights), ``'k00'`` … ``'k22'`` (FloatText, the kernel row by
    row; editing one turns the preset back to custom), ``'index'`` (IntSlider over the
    digits), ``'stride'`` (1–3), ``'pad'`` (0–2) and ``'relu'`` (Checkbox: also show
    the map after ReLU). The feature map is the library's ``Convolution`` (no flip,
    zero bias) of the digit with the kernel.

    State: ``feature_map`` ((OH, OW), before ReLU), ``relu_map`` ((OH, OW) or None),
    ``kernel`` ((3, 3)), ``preset`` (matching preset name or None), ``index``,
    ``label`` (or None), ``stride``, ``pad``, ``output_shape`` ((OH, OW)).
    """
    w = _ipywidgets()
    stack = plotting._as_image_stack(images).astype(np.float64)
    n, h, width = stack.shape
    labs = None if labels is None else np.asarray(labels).reshape(n, -1)
    labs = None if labs is None else (labs[:, 0] if labs.shape[1] == 1 else labs.argmax(axis=1))
    if preset not in KERNEL_PRESETS:
        raise ValueError(f"preset={preset!r}: choose one of {sorted(KERNEL_PRESETS)}")
    if not 0 <= index < n:
        raise ValueError(f"index={index} is outside the {n} images (0..{n - 1})")

    start = np.asarray(KERNEL_PRESETS[preset][1], dtype=float)
    small = {"description_width": "30px"}
    controls = {
        "preset": w.Dropdown(options=[("직접 입력 (custom)", _CUSTOM)]
                             + [(label, key) for key, (label, _, _) in KERNEL_PRESETS.items()],
                             value=preset, description="필터 (preset)", style=_slider_style(),
                             layout=_layout()),
        **{key: w.FloatText(value=float(start.flat[i]), step=0.1, description=f"w{key[1:]}",
                            style=small, layout=w.Layout(width="120px"))
           for i, key in enumerate(_KEYS)},
        "index": w.IntSlider(value=index, min=0, max=n - 1, description="숫자 번호 (index)",
                             style=_slider_style(), layout=_layout()),
        "stride": w.IntSlider(value=1, min=1, max=3, description="스트라이드 (stride)",
                              style=_slider_style(), layout=_layout("300px")),
        "pad": w.IntSlider(value=1, min=0, max=2, description="패딩 (padding)",
                           style=_slider_style(), layout=_layout("300px")),
        "relu": w.Checkbox(value=True, description="ReLU 뒤의 맵도 보기", indent=False),
    }
    info = w.HTML()

    def on_preset(change):
        name = change["new"]
        if name == _CUSTOM:      # keep the weights as they are
            return
        with box.hold():          # nine boxes, one redraw
            for key, v in zip(_KEYS, np.ravel(KERNEL_PRESETS[name][1])):
                controls[key].value = float(v)

    def update(box):
        kernel = np.array([float(controls[k].value) for k in _KEYS]).reshape(3, 3)
        i = int(controls["index"].value)
        stride, pad = int(controls["stride"].value), int(controls["pad"].value)
        relu = bool(controls["relu"].value)
        matched = _preset_of(kernel)
        if controls["preset"].value != _CUSTOM and controls["preset"].value != matched:
            controls["preset"].value = _CUSTOM       # an edited weight: no longer the preset
        fmap = _convolve(stack[i], kernel, stride, pad)
        relu_map = np.maximum(fmap, 0) if relu else None
        label = None if labs is None else int(labs[i])
        box.state = {"feature_map": fmap, "relu_map": relu_map, "kernel": kernel, "preset": matched,
                     "index": i, "label": label, "stride": stride, "pad": pad,
                     "output_shape": fmap.shape}

        panels = 4 if relu else 3
        fig = _figure(2.45 * panels, 2.9, left=0.04, right=0.98, bottom=0.16, top=0.84, wspace=0.35)
        axes = fig.subplots(1, panels)
        for ax in axes:
            ax.grid(False)
        ax = axes[0]
        ax.imshow(np.pad(stack[i], pad), cmap="gray_r", extent=(-pad - 0.5, width + pad - 0.5,
                                                                   h + pad - 0.5, -pad - 0.5))
        from matplotlib.patches import Rectangle
        ax.add_patch(Rectangle((-pad - 0.5, -pad - 0.5), 3, 3, fill=False, ec="tab:red", lw=1.5))
        if pad:
            ax.add_patch(Rectangle((-0.5, -0.5), width, h, fill=False, ec="tab:blue", lw=0.8, ls="--"))
        ax.set_title(f"입력 #{i}" + ("" if label is None else f" (정답 {label})"), fontsize=10)
        ax.set_xlabel(f"{h}×{width}, 패딩 {pad}", fontsize=8)
        ax.set_xticks([])
        ax.set_yticks([])
        _draw_kernel(axes[1], kernel)
        lim = max(float(np.abs(fmap).max()), 1e-12)
        axes[2].imshow(fmap, cmap="RdBu_r", vmin=-lim, vmax=lim)
        axes[2].set_title("특징 맵 (feature map)", fontsize=10)
        axes[2].set_xlabel(f"{fmap.shape[0]}×{fmap.shape[1]}, 빨강 +, 파랑 −", fontsize=8)
        axes[2].set_xticks([])
        axes[2].set_yticks([])
        if relu:
            axes[3].imshow(relu_map, cmap="gray_r", vmin=0, vmax=max(float(relu_map.max()), 1e-12))
            axes[3].set_title("ReLU 뒤 (max(0, ·))", fontsize=10)
            axes[3].set_xlabel("음수는 0이 됩니다", fontsize=8)
            axes[3].set_xticks([])
            axes[3].set_yticks([])
        box.show(fig)

        oh = (h + 2 * pad - 3) / stride + 1
        size = (f"({h} + 2·{pad} − 3) / {stride} + 1 = {_fmt(oh)}"
                + ("" if oh == fmap.shape[0] else f" → 내림(floor)해서 {fmap.shape[0]}"))
        what = KERNEL_PRESETS[matched][2] if matched else "직접 입력한 필터입니다."
        name = KERNEL_PRESETS[matched][0] if matched else "직접 입력 (custom)"
        info.value = (f"<p><b>{html.escape(name)}</b>: {html.escape(what)}</p>"
                      f"<p>출력 크기 OH = {html.escape(size)}</p>"
                      f"<p>특징 맵의 값: 최소 {fmap.min():.2f}, 최대 {fmap.max():.2f}"
                      + ("" if relu_map is None else
                         f"<br>ReLU 뒤 0이 아닌 칸: {int((relu_map > 0).sum())} / {relu_map.size}")
                      + "</p>")

    box = _assemble(controls, update, info=info, title="합성곱 필터 편집기 (kernel editor)",
                    skip=("preset",), info_below=True,
                    rows=[["preset"], _KEYS[0:3], _KEYS[3:6], _KEYS[6:9], ["index"], ["stride", "pad"],
                          ["relu"]])
    controls["preset"].observe(on_preset, names="value")
    return box


# ------------------------------------------------------------------ im2col explorer
_PAD_RGB = np.array([0.92, 0.92, 0.92])
_NUMBERS_UP_TO = 160      # matrix cells that still get their number written in (speed)


def _pixel_colours(C: int, n: int) -> np.ndarray:
    """(C·n + 1, 3) RGB: row 0 padding grey, then pixel k of channel c from light to dark
    in that channel's colour map (blues, oranges)."""
    from matplotlib import colormaps

    out = [_PAD_RGB]
    for c in range(C):
        cmap = colormaps["Blues" if c == 0 else "Oranges"]
        out += [cmap(0.2 + 0.65 * k / max(n - 1, 1))[:3] for k in range(n)]
    return np.array(out)


def _cell_numbers(ax, ids, rows, cols, rgb) -> None:
    for a, b in zip(rows, cols):
        v = int(ids[a, b])
        dark = rgb[a, b].mean() < 0.55
        ax.text(b, a, str(v), ha="center", va="center", fontsize=7,
                color="white" if dark else ("#888888" if v == 0 else "black"))


def im2col_explorer(*, channels: int = 2, size: int = 4, filter_size: int = 2, stride: int = 1,
                    pad: int = 0, row: int = 0):
    """Week 9: which window of the input becomes which row of ``im2col``'s matrix.

    The input is one image (N = 1) of ``channels`` channels ``size × size`` whose
    pixels are numbered 1, 2, 3, … (channel by channel, row by row) and coloured by
    that number (channel 0 blues, channel 1 oranges, padding grey), so that every
    entry of the matrix shows which pixel it copies (0: a padding cell).

    Controls: ``'channels'`` (1–2), ``'size'`` (3–5), ``'filter'`` (2–3), ``'stride'``
    (1–2), ``'pad'`` (0–1), ``'row'`` (IntSlider over the matrix rows; its maximum
    follows the other controls).

    State: ``col`` ((OH·OW, C·FH·FW), the library's ``im2col`` of the numbered input),
    ``row``, ``window`` ((i, j): the output position of that row), ``output_shape``
    ((OH, OW)), ``x`` ((1, C, H, W), the numbered input).
    """
    from matplotlib.patches import Rectangle

    w = _ipywidgets()
    style, lay = _slider_style(), _layout("300px")
    controls = {
        "channels": w.IntSlider(value=channels, min=1, max=2, description="채널 C", style=style, layout=lay),
        "size": w.IntSlider(value=size, min=3, max=5, description="입력 크기 H = W", style=style, layout=lay),
        "filter": w.IntSlider(value=filter_size, min=2, max=3, description="필터 FH = FW", style=style,
                              layout=lay),
        "stride": w.IntSlider(value=stride, min=1, max=2, description="스트라이드 S", style=style, layout=lay),
        "pad": w.IntSlider(value=pad, min=0, max=1, description="패딩 P", style=style, layout=lay),
        "row": w.IntSlider(value=row, min=0, max=max(row, 0), description="행 번호 (row)", style=style,
                           layout=_layout()),
    }
    info = w.HTML()

    def update(box):
        C, H = int(controls["channels"].value), int(controls["size"].value)
        F, S, P = int(controls["filter"].value), int(controls["stride"].value), int(controls["pad"].value)
        oh = conv.conv_output_size(H, F, S, P)
        rows = oh * oh
        if controls["row"].max != rows - 1:
            busy, box._busy = box._busy, True   # a new shape: clamp the row slider, no second redraw
            try:
                controls["row"].max = rows - 1
            finally:
                box._busy = busy
        r = min(int(controls["row"].value), rows - 1)
        x = np.arange(1, C * H * H + 1, dtype=float).reshape(1, C, H, H)
        col = conv.im2col(x, F, F, S, P)
        i, j = divmod(r, oh)
        box.state = {"col": col, "row": r, "window": (i, j), "output_shape": (oh, oh), "x": x}

        colours = _pixel_colours(C, H * H)
        ncol, Hp = C * F * F, H + 2 * P
        # the padded channels side by side, one blank column between them (id -1: white)
        ids_in = np.full((Hp, C * (Hp + 1) - 1), -1, dtype=int)
        for c in range(C):
            ids_in[:, c * (Hp + 1):c * (Hp + 1) + Hp] = np.pad(x[0, c].astype(int), P)
        rgb_in = np.where(ids_in[..., None] >= 0, colours[np.maximum(ids_in, 0)], 1.0)
        ids_col = col.astype(int)
        rgb_col = colours[ids_col]

        numbers = rows * ncol <= _NUMBERS_UP_TO
        cell = 0.27 if numbers else 0.17                       # inches per matrix cell
        in_cell = 0.27
        width_in = in_cell * ids_in.shape[1] + cell * ncol + 1.6
        height_in = max(cell * rows, in_cell * (Hp + 1)) + 1.3
        fig = _figure(max(width_in, 5.0), height_in, left=0.03, right=0.98, bottom=0.75 / height_in,
                      top=1 - 0.4 / height_in, wspace=0.25)
        ax_in, ax_col = fig.subplots(1, 2, width_ratios=[in_cell * ids_in.shape[1], cell * ncol + 0.6])
        for ax in (ax_in, ax_col):
            ax.grid(False)
            ax.set_anchor("N")
        ax_in.imshow(rgb_in, interpolation="nearest")
        ax_col.imshow(rgb_col, interpolation="nearest", aspect="equal")
        for c in range(C):
            x0 = c * (Hp + 1)
            ax_in.add_patch(Rectangle((x0 + j * S - 0.5, i * S - 0.5), F, F, fill=False, ec="tab:red", lw=2.2))
            ax_in.text(x0 + (Hp - 1) / 2, Hp - 0.3, f"채널 {c}", ha="center", va="top", fontsize=9)
        cells_in = np.argwhere(ids_in >= 0)
        _cell_numbers(ax_in, ids_in, cells_in[:, 0], cells_in[:, 1], rgb_in)
        if numbers:
            shown = np.argwhere(np.ones_like(ids_col, dtype=bool))
        else:                      # a large matrix: numbers on the chosen row only
            shown = np.array([(r, k) for k in range(ncol)])
        _cell_numbers(ax_col, ids_col, shown[:, 0], shown[:, 1], rgb_col)
        ax_col.add_patch(Rectangle((-0.5, r - 0.5), ncol, 1, fill=False, ec="tab:red", lw=2.2))
        ax_in.set_ylim(Hp + 0.6, -0.5)
        ax_in.set_axis_off()
        ax_in.set_title(f"입력 (1, {C}, {H}, {H}), 패딩 {P}", fontsize=10)
        ax_col.set_yticks(range(rows) if rows <= 16 else range(0, rows, 5))
        ax_col.set_xticks(range(0, ncol, F * F))
        ax_col.tick_params(labelsize=7, length=2)
        ax_col.set_xlabel("열 = (채널, 필터 행, 필터 열)", fontsize=8)
        ax_col.set_ylabel("행 = 창 (window)", fontsize=8)
        ax_col.set_title(f"im2col 결과 ({rows}, {ncol})", fontsize=10)
        box.show(fig)

        info.value = (f"<p>출력 크기 OH = OW = ({H} + 2·{P} − {F}) / {S} + 1 = {oh}; 행 수 = N·OH·OW = "
                      f"1·{oh}·{oh} = {rows}, 열 수 = C·FH·FW = {C}·{F}·{F} = {ncol}</p>"
                      f"<p>행 {r} = 출력 위치 ({i}, {j})의 창: 패딩한 입력의 ({i * S}, {j * S})에서 시작하는 "
                      f"{F}×{F} 창을 채널 0부터 한 줄로 펼친 것입니다: "
                      f"{', '.join(str(int(v)) for v in col[r])}</p>"
                      "<p>회색 0은 패딩 칸입니다. 스트라이드가 필터보다 작으면 이웃한 창이 겹치므로 같은 픽셀이 "
                      "여러 행에 나옵니다.</p>")

    return _assemble(controls, update, info=info, title="im2col 탐색기: 창(window)이 행이 됩니다",
                     rows=[["channels", "size"], ["filter", "stride"], ["pad"], ["row"]], info_below=True)
