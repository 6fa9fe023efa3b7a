"""Widgets of week 10 (book 1 ch. 8): data augmentation viewer."""
from __future__ import annotations

import numpy as np

from .. import augment, plotting
from ._base import _assemble, _figure, _ipywidgets, _layout, _slider_style

__all__ = ["augmentation_viewer"]


def _as_batch(x) -> np.ndarray:
    """Images (N, 784), (N, H, W) or (N, 1, H, W) as a float (N, 1, H, W) batch."""
    stack = plotting._as_image_stack(x)            # (N, H, W), validates the shape
    return stack[:, None].astype(np.float32)


def augmentation_viewer(x, t=None, *, n_digits: int = 4, n_versions: int = 6, max_shift: int = 2,
                        max_degrees: int = 10, seed: int = 0):
    """Week 10: a few digits and randomly shifted/rotated versions of each.

    Args:
        x: images (N, 784), (N, 28, 28) or (N, 1, 28, 28); the first ``n_digits`` are shown.
        t: optional labels (N,) (or one-hot (N, 10)) printed beside each row.
        n_digits, n_versions: rows, and augmented copies per row (the original is
            drawn first in each row).
        max_shift, max_degrees, seed: the controls' starting values.

    Controls: ``'max_shift'`` (IntSlider 0..6 pixels), ``'max_degrees'`` (IntSlider
    0..45 degrees), ``'seed'`` (IntText) and ``'new'`` (Button: ``seed + 1``, a new draw).
    Every copy draws ``dx, dy`` uniformly from ``-max_shift..max_shift`` and an angle
    from ``[-max_degrees, max_degrees]`` with :func:`course_lib.augment.random_transform`
    (``np.random.default_rng(seed)``), so the same values give the same picture.
    State: ``max_shift``, ``max_degrees``, ``seed``, ``dx``, ``dy`` (int) and ``degrees``
    (float), each (n_digits, n_versions); ``images`` (n_digits, n_versions, H, W);
    ``labels`` (list of ints, or None).
    """
    w = _ipywidgets()
    batch = _as_batch(x)
    if not 1 <= n_digits <= len(batch):
        raise ValueError(f"n_digits must be between 1 and the number of images ({len(batch)}), got {n_digits}")
    if n_versions < 1:
        raise ValueError(f"n_versions must be >= 1, got {n_versions}")
    digits = batch[:n_digits]
    labels = None
    if t is not None:
        t = np.asarray(t)
        labels = [int(v) for v in (t.argmax(axis=1) if t.ndim == 2 else t)[:n_digits]]
    repeated = np.repeat(digits, n_versions, axis=0)      # (n_digits * n_versions, 1, H, W)
    h, wd = digits.shape[2:]

    controls = {
        "max_shift": w.IntSlider(value=max_shift, min=0, max=6, step=1, description="이동 범위 (픽셀)",
                                 style=_slider_style(), layout=_layout()),
        "max_degrees": w.IntSlider(value=max_degrees, min=0, max=45, step=5, description="회전 범위 (도)",
                                   style=_slider_style(), layout=_layout()),
        "seed": w.IntText(value=seed, description="시드 (seed)", style=_slider_style(), layout=_layout("260px")),
        "new": w.Button(description="새 표본 (new sample)", layout=_layout("190px")),
    }
    controls["new"].on_click(lambda _b: setattr(controls["seed"], "value", controls["seed"].value + 1))
    info = w.HTML()

    def update(box):
        s, deg, sd = int(controls["max_shift"].value), int(controls["max_degrees"].value), int(controls["seed"].value)
        out, params = augment.random_transform(repeated, np.random.default_rng(sd), s, deg)
        shape = (n_digits, n_versions)
        images = out[:, 0].reshape(n_digits, n_versions, h, wd)
        box.state = {"max_shift": s, "max_degrees": deg, "seed": sd,
                     "dx": params["dx"].reshape(shape), "dy": params["dy"].reshape(shape),
                     "degrees": params["degrees"].reshape(shape), "images": images, "labels": labels}

        # one mosaic, one imshow: fast enough for every slider step; a strip above each
        # tile holds its parameters
        pad, strip, gap = 2, 9, 6
        cols = n_versions + 1
        row_h, col_w = h + strip, wd + pad
        mosaic = np.zeros((n_digits * row_h, cols * col_w - pad + gap))
        for r in range(n_digits):
            top = r * row_h + strip
            mosaic[top:top + h, :wd] = digits[r, 0]
            for c in range(n_versions):
                left = wd + gap + pad + c * col_w
                mosaic[top:top + h, left:left + wd] = images[r, c]
        fig = _figure(0.8 * cols + 0.6, 0.95 * n_digits + 0.45, left=0.06, right=0.99, bottom=0.02,
                      top=1 - 0.4 / (0.95 * n_digits + 0.45))
        ax = fig.subplots()
        ax.imshow(mosaic, cmap="gray_r", vmin=0.0, vmax=max(float(mosaic.max()), 1e-6), interpolation="nearest",
                  aspect="equal")
        ax.axvline(wd + gap / 2 - 0.5, color="tab:blue", lw=1.5)
        for r in range(n_digits):
            top = r * row_h + strip
            ax.text(wd / 2, top - 1, "원본" + (f" ({labels[r]})" if labels is not None else ""), fontsize=7,
                    color="tab:blue", va="bottom", ha="center")
            for c in range(n_versions):
                k = r * n_versions + c
                left = wd + gap + pad + c * col_w
                ax.text(left + wd / 2, top - 1,
                        f"{params['dx'][k]:+d},{params['dy'][k]:+d} {int(round(params['degrees'][k])):+d}°",
                        fontsize=6.5, color="tab:red", va="bottom", ha="center")
        ax.set_axis_off()
        ax.set_title(f"원본(왼쪽)과 증강한 {n_versions}개: 이동 ±{s}픽셀, 회전 ±{deg}도, seed {sd}", fontsize=10)
        box.show(fig)
        info.value = ("<p>빨간 글씨: 각 사본의 가로 이동 dx, 세로 이동 dy(픽셀, 오른쪽·아래쪽이 +)와 회전 각(도, 반시계 방향이 +).<br>"
                      "가장자리에서 밀려 나간 픽셀은 버려지고 빈 곳은 0(배경)으로 채워집니다.<br>"
                      "시드를 바꾸거나 '새 표본'을 누르면 다른 사본을 뽑습니다.</p>")

    return _assemble(controls, update, info=info, title="데이터 확장 (data augmentation) 보기",
                     skip=("new",), rows=[["max_shift"], ["max_degrees"], ["seed", "new"]], info_below=True)
