"""Tests of course_lib.plotting: Korean font set-up and the shared plot helpers."""
import os
import warnings

import matplotlib

matplotlib.use("Agg")  # headless, before pyplot is imported

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.ft2font import FT2Font  # noqa: E402

from course_lib import plotting  # noqa: E402

KOREAN = ("에폭", "손실", "정확도")


@pytest.fixture(autouse=True)
def _restore_rc():
    """Each test's rcParams changes and figures are undone afterwards."""
    with matplotlib.rc_context():
        yield
    plt.close("all")


def _resolved_font_file() -> str:
    """The file of the Korean font in the family list (DejaVu Sans comes first)."""
    families = [f for f in matplotlib.rcParams["font.family"] if f != "DejaVu Sans"]
    return font_manager.findfont(font_manager.FontProperties(family=families), fallback_to_default=False)


def test_use_korean_font_finds_nanum_without_importing_koreanize():
    import sys

    family = plotting.use_korean_font()
    assert family == "NanumGothic"
    assert "koreanize_matplotlib" not in sys.modules  # found, not imported
    assert matplotlib.rcParams["font.family"] == ["DejaVu Sans", "NanumGothic"]
    assert matplotlib.rcParams["axes.unicode_minus"] is False
    assert matplotlib.rcParams["figure.dpi"] == 100
    assert matplotlib.rcParams["axes.grid"] is True
    # The file may be koreanize-matplotlib's copy or Debian's fonts-nanum (when
    # matplotlib's font cache knows it): what matters is that it draws Hangul.
    path = _resolved_font_file()
    assert os.path.basename(path) == "NanumGothic.ttf"
    charmap = FT2Font(path).get_charmap()
    assert all(ord(ch) in charmap for word in KOREAN for ch in word)


def test_korean_text_renders_with_no_missing_glyphs():
    plotting.use_korean_font()
    path = _resolved_font_file()
    charmap = FT2Font(path).get_charmap()
    assert all(ord(ch) in charmap for word in KOREAN for ch in word)
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3], [-1.0, -0.5, 0.2], label="손실")
    ax.set_title("정확도와 손실")
    ax.set_xlabel("에폭")
    ax.set_ylabel("손실 (-1 … 0)")
    ax.legend()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font(s)" would raise
        fig.canvas.draw()


def test_missing_glyph_check_catches_a_font_without_hangul():
    # The check above can fail: a Latin-only font makes matplotlib warn.
    with matplotlib.rc_context({"font.family": ["DejaVu Sans"]}):
        fig, ax = plt.subplots()
        ax.set_xlabel("에폭")
        with pytest.warns(UserWarning, match="missing from font"):
            fig.canvas.draw()


def test_use_korean_font_is_idempotent_and_repairs_rcparams():
    family = plotting.use_korean_font()
    n_fonts = len(font_manager.fontManager.ttflist)
    matplotlib.rcdefaults()
    assert plotting.use_korean_font() == family
    assert len(font_manager.fontManager.ttflist) == n_fonts  # nothing registered twice
    assert matplotlib.rcParams["font.family"] == ["DejaVu Sans", family]
    assert matplotlib.rcParams["axes.unicode_minus"] is False


def test_fallback_uses_an_installed_korean_font(monkeypatch):
    plotting.use_korean_font()  # NanumGothic is now known to matplotlib
    monkeypatch.setattr(plotting, "_family", None)
    monkeypatch.setattr(plotting, "_koreanize_font_files", lambda: [])
    assert plotting.use_korean_font() == "NanumGothic"


def test_no_korean_font_warns_with_install_hint(monkeypatch):
    monkeypatch.setattr(plotting, "_family", None)
    monkeypatch.setattr(plotting, "_koreanize_font_files", lambda: [])
    monkeypatch.setattr(plotting, "_find_installed_korean_font", lambda: None)
    with matplotlib.rc_context({"font.family": ["DejaVu Sans"]}):
        with pytest.warns(UserWarning, match="pip install koreanize-matplotlib"):
            assert plotting.use_korean_font() == ""
        assert matplotlib.rcParams["font.family"] == ["DejaVu Sans"]


def test_plot_function_draws_f_with_korean_labels():
    ax = plotting.plot_function(np.tanh, (-2, 2), label="tanh", title="활성화 함수")
    line = ax.get_lines()[0]
    x, y = line.get_data()
    assert x.shape == (501,) and x[0] == -2 and x[-1] == 2
    np.testing.assert_allclose(y, np.tanh(x))
    assert ax.get_xlabel() == "입력 (x)" and ax.get_ylabel() == "출력 (y)"
    assert ax.get_title() == "활성화 함수"
    assert ax.get_legend() is not None


def test_plot_function_accepts_explicit_x_and_existing_axes():
    fig, ax = plt.subplots()
    x = np.arange(-5.0, 5.0, 0.1)
    out = plotting.plot_function(lambda v: np.maximum(0, v), x, ax=ax)
    assert out is ax
    np.testing.assert_array_equal(ax.get_lines()[0].get_xdata(), x)


@pytest.mark.parametrize("bad", [(3, 1), (1,), [[0, 1], [2, 3]]])
def test_plot_function_rejects_bad_range(bad):
    with pytest.raises(ValueError, match="x_range"):
        plotting.plot_function(np.sin, bad)


def test_plot_function_rejects_wrong_output_shape():
    with pytest.raises(ValueError, match="shape"):
        plotting.plot_function(lambda v: v[:10], (0, 1))


def test_plot_history_loss_and_accuracy_use_two_axes():
    history = {"loss": [2.3, 1.0, 0.5], "train_acc": [0.1, 0.8, 0.9], "test_acc": [0.1, 0.7, 0.85]}
    ax = plotting.plot_history(history, title="학습 곡선")
    assert ax.get_xlabel() == "에폭 (epoch)"
    assert ax.get_ylabel() == "손실 (loss)"
    twin = [a for a in ax.figure.axes if a is not ax]
    assert len(twin) == 1 and twin[0].get_ylabel() == "정확도 (accuracy)"
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), history["loss"])
    np.testing.assert_allclose(twin[0].get_lines()[1].get_ydata(), history["test_acc"])
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["loss", "훈련 (train_acc)", "시험 (test_acc)"]


def test_plot_history_keys_and_iteration_axis():
    history = {"loss": [3.0, 2.0, 1.0, 0.5], "train_acc": [0.5]}
    ax = plotting.plot_history(history, keys=["loss"], x="iteration")
    assert ax.get_xlabel() == "반복 (iteration)"
    assert ax.get_ylabel() == "손실 (loss)"
    assert len(ax.figure.axes) == 1 and len(ax.get_lines()) == 1
    ax2 = plotting.plot_history({"train_acc": [0.5, 0.9]})
    assert ax2.get_ylabel() == "정확도 (accuracy)"


def test_plot_history_bad_input_messages():
    with pytest.raises(KeyError, match="available"):
        plotting.plot_history({"loss": [1.0]}, keys=["acc"])
    with pytest.raises(TypeError, match="dict of lists"):
        plotting.plot_history([1.0, 2.0])
    with pytest.raises(ValueError, match="x must be"):
        plotting.plot_history({"loss": [1.0]}, x="epochs")
    with pytest.raises(ValueError, match="non-empty"):
        plotting.plot_history({"loss": []})


def _mosaic(ax):
    return ax.get_images()[0].get_array()


def test_show_images_accepts_the_three_mnist_layouts():
    rng = np.random.default_rng(0)
    flat = rng.random((12, 784))
    axes = [
        plotting.show_images(flat, ncols=5),
        plotting.show_images(flat.reshape(12, 28, 28), ncols=5),
        plotting.show_images(flat.reshape(12, 1, 28, 28), ncols=5),
    ]
    mosaics = [_mosaic(ax) for ax in axes]
    assert mosaics[0].shape == (3 * 30 - 2, 5 * 30 - 2)  # 3 rows x 5 columns, 2-px gaps
    for m in mosaics[1:]:
        np.testing.assert_array_equal(m, mosaics[0])
    np.testing.assert_array_equal(mosaics[0][:28, 30:58], flat[1].reshape(28, 28))  # tile 1


def test_show_images_labels_and_existing_axes():
    fig, ax = plt.subplots()
    out = plotting.show_images(np.zeros((3, 28, 28)), labels=[7, 2, 1], ax=ax)
    assert out is ax
    assert [t.get_text() for t in ax.texts] == ["7", "2", "1"]
    assert not ax.axison


@pytest.mark.parametrize("shape", [(4, 780), (4, 3, 28, 28), (28,), (0, 784)])
def test_show_images_rejects_bad_shapes(shape):
    with pytest.raises(ValueError, match="784"):
        plotting.show_images(np.zeros(shape))


def test_show_images_label_count_must_match():
    with pytest.raises(ValueError, match="one label per image"):
        plotting.show_images(np.zeros((3, 784)), labels=[1, 2])


@pytest.mark.parametrize("epochs", [1, 2, 5])
def test_plot_history_ticks_are_whole_epochs(epochs):
    plotting.use_korean_font()
    ax = plotting.plot_history({"loss": list(np.linspace(2.0, 1.0, epochs))})
    plt.gcf().canvas.draw()
    ticks = [t for t in ax.get_xticks() if ax.get_xlim()[0] <= t <= ax.get_xlim()[1]]
    assert ticks and all(float(t).is_integer() for t in ticks), ticks
