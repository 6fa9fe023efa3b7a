"""Tests of course_lib.widgets.convolution (week 9): the kernel editor and the im2col explorer."""
import matplotlib

matplotlib.use("Agg")  # headless, before anything imports pyplot

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from test_widgets import _check_box, _png, _restore_rc  # noqa: E402,F401  (shared helpers, autouse fixture)

from course_lib import widgets  # noqa: E402
from course_lib.widgets.convolution import KERNEL_PRESETS  # noqa: E402


def _check_demo(box, names):
    """Built with these controls, showing a picture, and the info panel is part of the box."""
    _check_box(box, names)

    def descendants(w):
        yield w
        for child in getattr(w, "children", ()):
            yield from descendants(child)

    assert box.info in list(descendants(box))


def _correlate(image, kernel, stride, pad):
    """Independent reference: the book's convolution (no flip) window by window."""
    xp = np.pad(image, pad)
    fh, fw = kernel.shape
    oh, ow = (xp.shape[0] - fh) // stride + 1, (xp.shape[1] - fw) // stride + 1
    return np.array([[np.sum(xp[i * stride:i * stride + fh, j * stride:j * stride + fw] * kernel)
                      for j in range(ow)] for i in range(oh)])


@pytest.fixture
def digits():
    """Six 12x12 'digits': random strokes, labels 0..5 (no data set needed)."""
    rng = np.random.default_rng(0)
    x = (rng.random((6, 1, 12, 12)) > 0.7).astype(np.float32)
    return x, np.arange(6)


KERNEL_KEYS = [f"k{i}{j}" for i in range(3) for j in range(3)]


# ------------------------------------------------------------------ kernel editor
def test_kernel_editor_builds_and_computes_the_feature_map(digits):
    x, t = digits
    box = widgets.kernel_editor(x, t)
    _check_demo(box, ["preset", *KERNEL_KEYS, "index", "stride", "pad", "relu"])
    s = box.state
    assert s["preset"] == "vertical" and box.controls["preset"].value == "vertical"
    np.testing.assert_array_equal(s["kernel"], KERNEL_PRESETS["vertical"][1])
    np.testing.assert_allclose(s["feature_map"], _correlate(x[0, 0], s["kernel"], 1, 1), atol=1e-12)
    np.testing.assert_array_equal(s["relu_map"], np.maximum(s["feature_map"], 0))
    assert s["output_shape"] == (12, 12) and s["label"] == 0 and s["index"] == 0
    assert "(12 + 2·1 − 3) / 1 + 1 = 12" in box.info.value


def test_kernel_editor_preset_sets_the_weights_and_redraws(digits):
    x, t = digits
    box = widgets.kernel_editor(x, t)
    before_png, before_map = _png(box), box.state["feature_map"].copy()
    box.controls["preset"].value = "blur"
    assert box.state["preset"] == "blur"
    assert [box.controls[k].value for k in KERNEL_KEYS] == pytest.approx([1 / 9] * 9)
    np.testing.assert_allclose(box.state["feature_map"], _correlate(x[0, 0], np.full((3, 3), 1 / 9), 1, 1))
    assert not np.allclose(box.state["feature_map"], before_map)
    assert _png(box) != before_png
    # each preset gives the reference feature map of its kernel
    for name, (_, kernel, _) in KERNEL_PRESETS.items():
        box.controls["preset"].value = name
        assert box.state["preset"] == name
        np.testing.assert_allclose(box.state["feature_map"], _correlate(x[0, 0], np.array(kernel, float), 1, 1),
                                   atol=1e-12)


def test_kernel_editor_editing_a_weight_turns_the_preset_to_custom(digits):
    x, t = digits
    box = widgets.kernel_editor(x, t, preset="sobel_x")
    box.controls["k11"].value = 4.0
    assert box.controls["preset"].value == "custom" and box.state["preset"] is None
    want = np.array(KERNEL_PRESETS["sobel_x"][1], float)
    want[1, 1] = 4.0
    np.testing.assert_allclose(box.state["feature_map"], _correlate(x[0, 0], want, 1, 1), atol=1e-12)
    # typing the preset's weight back is recognised, though the menu stays on custom
    box.controls["k11"].value = 0.0
    assert box.state["preset"] == "sobel_x"


def test_kernel_editor_stride_pad_index_and_relu(digits):
    x, t = digits
    box = widgets.kernel_editor(x, t)
    with box.hold():
        box.controls["stride"].value = 2
        box.controls["pad"].value = 0
        box.controls["index"].value = 3
    s = box.state
    assert s["output_shape"] == (5, 5)       # (12 - 3) / 2 + 1 = 5.5 -> 5
    assert s["label"] == 3 and s["index"] == 3
    np.testing.assert_allclose(s["feature_map"], _correlate(x[3, 0], s["kernel"], 2, 0), atol=1e-12)
    assert "내림(floor)해서 5" in box.info.value
    png = _png(box)
    box.controls["relu"].value = False
    assert box.state["relu_map"] is None and _png(box) != png


def test_kernel_editor_accepts_flat_images_without_labels():
    rng = np.random.default_rng(1)
    box = widgets.kernel_editor(rng.random((3, 784)), index=2, preset="identity")
    assert box.state["label"] is None and box.state["output_shape"] == (28, 28)
    assert box.state["index"] == 2 and "정답" not in box.info.value
    with box.hold():
        box.controls["pad"].value = 0
    assert box.state["output_shape"] == (26, 26)


def test_kernel_editor_rejects_bad_arguments(digits):
    x, t = digits
    with pytest.raises(ValueError, match="preset"):
        widgets.kernel_editor(x, t, preset="emboss")
    with pytest.raises(ValueError, match="index"):
        widgets.kernel_editor(x, t, index=6)
    with pytest.raises(ValueError):
        widgets.kernel_editor(np.zeros((2, 10)))


def test_kernel_editor_snapshot_is_a_png(digits):
    box = widgets.kernel_editor(*digits)
    assert box.snapshot().startswith(b"\x89PNG")


# ------------------------------------------------------------------ im2col explorer
def _im2col_loops(x, f, stride, pad):
    n, c, h, w = x.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    oh, ow = (h + 2 * pad - f) // stride + 1, (w + 2 * pad - f) // stride + 1
    return np.array([xp[i, :, a * stride:a * stride + f, b * stride:b * stride + f].reshape(-1)
                     for i in range(n) for a in range(oh) for b in range(ow)])


def test_im2col_explorer_builds_with_the_book_layout():
    box = widgets.im2col_explorer()
    _check_demo(box, ["channels", "size", "filter", "stride", "pad", "row"])
    s = box.state
    assert s["col"].shape == (9, 8) and s["output_shape"] == (3, 3)
    np.testing.assert_array_equal(s["col"][0], [1, 2, 5, 6, 17, 18, 21, 22])
    np.testing.assert_array_equal(s["col"], _im2col_loops(s["x"], 2, 1, 0))
    assert box.controls["row"].max == 8


def test_im2col_explorer_row_moves_the_window_and_redraws():
    box = widgets.im2col_explorer()
    png = _png(box)
    box.controls["row"].value = 5
    assert box.state["row"] == 5 and box.state["window"] == (1, 2)
    assert _png(box) != png
    assert "행 5 = 출력 위치 (1, 2)" in box.info.value


def test_im2col_explorer_new_shape_clamps_the_row_once(monkeypatch):
    box = widgets.im2col_explorer(channels=1, size=5, filter_size=2, stride=1, pad=1, row=35)
    assert box.state["col"].shape == (36, 4) and box.state["row"] == 35
    draws = []
    real_show = widgets._show
    monkeypatch.setattr(widgets, "_show", lambda out, fig: (draws.append(fig), real_show(out, fig)))
    box.controls["stride"].value = 2           # (5 + 2 - 2) / 2 + 1 = 3.5 -> 3: 9 rows
    assert len(draws) == 1
    s = box.state
    assert s["col"].shape == (9, 4) and box.controls["row"].max == 8 and s["row"] == 8
    np.testing.assert_array_equal(s["col"], _im2col_loops(s["x"], 2, 2, 1))
    assert s["col"][0].tolist() == [0, 0, 0, 1]   # the top-left window is mostly padding


def test_im2col_explorer_large_matrix_still_draws():
    box = widgets.im2col_explorer(channels=2, size=5, filter_size=3, stride=1, pad=1, row=24)
    s = box.state
    assert s["col"].shape == (25, 18) and s["window"] == (4, 4)
    np.testing.assert_array_equal(s["col"], _im2col_loops(s["x"], 3, 1, 1))
    assert _png(box)
