"""Tests of course_lib.widgets: every demo builds and reacts to a control change."""
import re

import matplotlib

matplotlib.use("Agg")  # headless, before anything imports pyplot

import ipywidgets  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course_lib import widgets  # noqa: E402


@pytest.fixture(autouse=True)
def _restore_rc():
    with matplotlib.rc_context():
        yield


def _png(box) -> str:
    """The base64 PNG the widget's Output currently shows (exactly one output)."""
    assert len(box.output.outputs) == 1
    bundle = box.output.outputs[0]
    assert bundle["output_type"] == "display_data"
    return bundle["data"]["image/png"]


def _check_box(box, names):
    assert isinstance(box, ipywidgets.VBox)
    assert set(box.controls) == set(names)
    assert isinstance(box.output, ipywidgets.Output)

    def descendants(w):
        yield w
        for child in getattr(w, "children", ()):
            yield from descendants(child)

    shown = list(descendants(box))
    assert box.output in shown
    assert all(c in shown for c in box.controls.values())
    assert _png(box)


# ---------------------------------------------------------------- function_plotter
def test_function_plotter_reacts_to_function_and_range():
    box = widgets.function_plotter()
    _check_box(box, ["function", "x_range"])
    assert box.state["name"] == "sin"
    np.testing.assert_allclose(box.state["y"], np.sin(box.state["x"]))
    before = _png(box)
    box.controls["function"].value = "relu"
    assert box.state["name"] == "relu"
    np.testing.assert_allclose(box.state["y"], np.maximum(0, box.state["x"]))
    assert _png(box) != before
    box.controls["x_range"].value = (1.0, 3.0)
    assert box.state["x"][0] == 1.0 and box.state["x"][-1] == 3.0
    assert box.state["y_min"] == 1.0


def test_function_plotter_empty_range_shows_message_not_error():
    box = widgets.function_plotter()
    box.controls["x_range"].value = (2.0, 2.0)
    assert box.state["y"].size == 0 and box.state["y_min"] is None
    assert _png(box)


# ------------------------------------------------------------- perceptron_explorer
def test_perceptron_presets_follow_the_book():
    box = widgets.perceptron_explorer()
    _check_box(box, ["preset", "w1", "w2", "b"])
    box.controls["preset"].value = "NAND"
    assert box.state["truth_table"] == [1, 1, 1, 0]
    assert box.state["matches"] == "NAND"
    assert (box.controls["w1"].value, box.controls["w2"].value, box.controls["b"].value) == (-0.5, -0.5, 0.7)
    box.controls["preset"].value = "OR"
    assert box.state["truth_table"] == [0, 1, 1, 1] and box.state["matches"] == "OR"
    box.controls["preset"].value = "AND"
    assert box.state["truth_table"] == [0, 0, 0, 1]
    assert box.state["matches"] == "AND" and box.state["correct"] == 4
    assert "일치하는 게이트: <b>AND</b>" in box.info.value


def test_perceptron_sliders_change_table_and_plot():
    box = widgets.perceptron_explorer()
    box.controls["preset"].value = "AND"
    png_and, html_and = _png(box), box.info.value
    box.controls["w1"].value = -0.5
    box.controls["w2"].value = -0.5
    box.controls["b"].value = 0.7
    assert box.state["truth_table"] == [1, 1, 1, 0]
    assert box.state["matches"] == "NAND"
    assert box.state["correct"] == 0  # the target is still AND
    assert _png(box) != png_and and box.info.value != html_and
    box.controls["b"].value = 1.5  # always fires: no gate
    assert box.state["truth_table"] == [1, 1, 1, 1] and box.state["matches"] is None


def test_perceptron_xor_has_no_single_layer_solution_and_explains_two_layers():
    box = widgets.perceptron_explorer()
    box.controls["preset"].value = "XOR"
    assert box.state["matches"] is None
    assert box.state["target"] == "XOR"
    assert box.state["correct"] == 3
    assert "직선 하나로 나눌 수 없습니다" in box.info.value
    assert "XOR(x1, x2) = AND(NAND(x1, x2), OR(x1, x2))" in box.info.value
    # The two-layer table it shows really computes XOR: rows end in y = 0, 1, 1, 0.
    rows = [re.findall(r"<td[^>]*>(\d)</td>", row) for row in box.info.value.split("<tr>")]
    assert [r[-1] for r in rows if len(r) == 5] == ["0", "1", "1", "0"]
    box.controls["preset"].value = "AND"
    assert "AND(NAND" not in box.info.value


def test_perceptron_preset_redraws_once(monkeypatch):
    box = widgets.perceptron_explorer()
    calls = []
    real = widgets._show
    monkeypatch.setattr(widgets, "_show", lambda out, fig: (calls.append(1), real(out, fig)))
    box.controls["preset"].value = "NAND"
    assert len(calls) == 1


def test_perceptron_no_weights_means_no_line():
    box = widgets.perceptron_explorer()
    with box.hold():
        box.controls["w1"].value = 0.0
        box.controls["w2"].value = 0.0
        box.controls["b"].value = 0.1
        assert box.state["truth_table"] == [0, 0, 0, 1]  # not recomputed yet
    assert box.state["truth_table"] == [1, 1, 1, 1]


# ------------------------------------------------------------- activation_explorer
def test_activation_explorer_values_and_derivative():
    box = widgets.activation_explorer()
    _check_box(box, ["function", "x", "derivative"])
    box.controls["x"].value = 0.0
    assert box.state["y"] == pytest.approx(0.5) and box.state["dy"] == pytest.approx(0.25)
    before = _png(box)
    box.controls["derivative"].value = True
    assert _png(box) != before
    box.controls["function"].value = "relu"
    box.controls["x"].value = -1.0
    assert (box.state["y"], box.state["dy"]) == (0.0, 0.0)
    box.controls["x"].value = 2.0
    assert (box.state["y"], box.state["dy"]) == (2.0, 1.0)
    box.controls["function"].value = "step"
    assert (box.state["y"], box.state["dy"]) == (1.0, 0.0)
    box.controls["function"].value = "tanh"
    assert box.state["dy"] == pytest.approx(1 - np.tanh(2.0) ** 2)
    assert "h(2) = <b>0.964028</b>" in box.info.value


# -------------------------------------------------------------------- mnist_viewer
def _digits(n=4):
    """n synthetic 28x28 'digits': image i has a bright square at a position set by i."""
    x = np.zeros((n, 28, 28))
    for i in range(n):
        x[i, 4 + 4 * i: 10 + 4 * i, 8:20] = 1.0
    return x.reshape(n, 784), np.array([3, 1, 4, 1, 5][:n])


def test_mnist_viewer_without_prediction():
    x, t = _digits()
    box = widgets.mnist_viewer(x, t)
    _check_box(box, ["index"])
    assert box.controls["index"].max == 3
    assert box.state == {"index": 0, "label": 3, "prediction": None, "probabilities": None}
    before = _png(box)
    box.controls["index"].value = 2
    assert box.state["index"] == 2 and box.state["label"] == 4
    assert _png(box) != before
    assert "정답 레이블 <b>4</b>" in box.info.value


def test_mnist_viewer_prediction_with_scores_and_cnn_layout():
    x, t = _digits()
    x4 = x.reshape(-1, 1, 28, 28)
    seen = []

    def predict(batch):  # "network": class = row where the square starts, as scores
        seen.append(batch.shape)
        row = int(np.argmax(batch.reshape(28, 28).sum(axis=1) > 0))
        scores = np.zeros((1, 10))
        scores[0, row // 4] = 5.0
        return scores

    onehot = np.eye(10)[t]
    box = widgets.mnist_viewer(x4, onehot, predict_fn=predict)
    assert seen[0] == (1, 1, 28, 28)
    assert box.state["label"] == 3 and box.state["prediction"] == 1
    probs = box.state["probabilities"]
    assert probs.shape == (10,) and probs.sum() == pytest.approx(1.0)
    assert probs[1] == pytest.approx(np.exp(5) / (np.exp(5) + 9))  # softmax of the scores
    box.controls["index"].value = 3
    assert box.state["prediction"] == 4 and box.state["label"] == 1


def test_mnist_viewer_keeps_probabilities_and_checks_inputs():
    x, t = _digits()
    p = np.full((1, 10), 0.05)
    p[0, 7] = 0.55
    box = widgets.mnist_viewer(x, t, predict_fn=lambda b: p)
    np.testing.assert_allclose(box.state["probabilities"], p[0])
    with pytest.raises(ValueError, match="labels"):
        widgets.mnist_viewer(x, t[:2])
    with pytest.raises(ValueError, match="784"):
        widgets.mnist_viewer(np.zeros((4, 100 + 1)), t)
    with pytest.raises(ValueError, match=r"\(1, 10\)"):
        widgets.mnist_viewer(x, t, predict_fn=lambda b: np.zeros((1, 3)))


# ------------------------------------------------------- gradient_descent_explorer
def test_gradient_descent_converges_with_the_books_settings():
    box = widgets.gradient_descent_explorer()
    _check_box(box, ["function", "lr", "steps", "x0", "x1"])
    c = box.controls
    with box.hold():  # one redraw for four changes
        c["lr"].value, c["x0"].value, c["x1"].value = 0.1, -3.0, 4.0
        c["steps"].value = 100
    path = box.state["path"]
    assert path.shape == (101, 2)
    np.testing.assert_array_equal(path[0], [-3.0, 4.0])
    assert np.all(np.abs(box.state["final_point"]) < 1e-3)
    assert box.state["final_value"] < 1e-6 and not box.state["diverged"]


def test_gradient_descent_diverges_for_a_large_learning_rate():
    box = widgets.gradient_descent_explorer()
    before = _png(box)
    assert 10 ** box.controls["lr"].max >= 1.1  # a log slider's max is an exponent
    box.controls["lr"].value = 1.1
    assert box.state["diverged"]
    values = [x0 ** 2 + x1 ** 2 for x0, x1 in box.state["path"]]
    assert all(b > a for a, b in zip(values, values[1:]))  # grows every step
    assert box.state["final_value"] > 25.0
    assert _png(box) != before
    assert "발산" in box.info.value


def test_gradient_descent_tiny_rate_hardly_moves_and_elongated_differs():
    box = widgets.gradient_descent_explorer()
    box.controls["lr"].value = 1e-3
    assert np.abs(box.state["path"][-1] - box.state["path"][0]).max() < 0.2
    box.controls["lr"].value = 0.1
    round_path = box.state["path"].copy()
    box.controls["function"].value = "elongated"
    assert box.state["path"][-1, 0] < -1.0  # slow along x0: x0 <- 0.99 x0
    assert not np.allclose(box.state["path"], round_path)


@pytest.mark.parametrize("name", list(widgets.GD_FUNCTIONS))
def test_gradient_descent_analytic_gradient_matches_numerical(name):
    from course_lib.gradcheck import numerical_gradient

    _, _, f, grad = widgets.GD_FUNCTIONS[name]
    x = np.array([-1.7, 2.3])
    numeric = numerical_gradient(lambda v: f(v[0], v[1]), x.copy())
    np.testing.assert_allclose(grad(*x), numeric, rtol=1e-6)


def test_gradient_descent_path_rejects_bad_arguments():
    with pytest.raises(ValueError, match="unknown function"):
        widgets.gradient_descent_path("rosen", (0, 0), 0.1, 10)
    with pytest.raises(ValueError, match="lr > 0"):
        widgets.gradient_descent_path("function_2", (0, 0), 0.0, 10)


# ------------------------------------------------------------- backprop_explorer
def test_backprop_explorer_reproduces_the_books_numbers():
    box = widgets.backprop_explorer()
    _check_box(box, ["apple", "apple_num", "orange", "orange_num", "tax"])
    assert box.state["price"] == pytest.approx(715)
    expected = {"d_apple": 2.2, "d_apple_num": 110, "d_orange": 3.3, "d_orange_num": 165, "d_tax": 650}
    for key, value in expected.items():
        assert box.state["grads"][key] == pytest.approx(value), key
    assert "지불 금액 = <b>715</b>" in box.info.value


def test_backprop_explorer_reacts_and_matches_finite_differences():
    box = widgets.backprop_explorer()
    before = _png(box)
    box.controls["apple_num"].value = 3
    assert box.state["price"] == pytest.approx((3 * 100 + 3 * 150) * 1.1)
    assert box.state["grads"]["d_apple"] == pytest.approx(3.3)
    assert box.state["grads"]["d_tax"] == pytest.approx(750)
    assert _png(box) != before

    inputs = {k: float(c.value) for k, c in box.controls.items()}

    def price(**kw):
        return widgets.apple_orange_graph(**kw)[0]["price"]

    h = 1e-4
    for name in inputs:
        up, down = dict(inputs), dict(inputs)
        up[name] += h
        down[name] -= h
        numeric = (price(**up) - price(**down)) / (2 * h)
        assert box.state["grads"]["d_" + name] == pytest.approx(numeric, rel=1e-6), name


def test_perceptron_starts_on_a_selectable_custom_option():
    """ipywidgets shows a Dropdown whose value is None as blank; the custom entry must
    be a real option with a label."""
    box = widgets.perceptron_explorer()
    assert box.controls["preset"].label == "직접 조정 (custom)"
    assert box.state["target"] is None
    box.controls["preset"].value = "AND"
    box.controls["preset"].value = "custom"
    assert box.state["target"] is None and box.state["matches"] == "AND"


# ------------------------------------------------------- saved output without a kernel
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _book1_demos():
    x, t = _digits()
    return {
        "function_plotter": (widgets.function_plotter, "function", "relu"),
        "perceptron_explorer": (widgets.perceptron_explorer, "b", 0.3),
        "activation_explorer": (widgets.activation_explorer, "x", -2.0),
        "mnist_viewer": (lambda: widgets.mnist_viewer(x, t, predict_fn=lambda b: np.eye(10)[:1]), "index", 2),
        "gradient_descent_explorer": (widgets.gradient_descent_explorer, "lr", 0.5),
        "backprop_explorer": (widgets.backprop_explorer, "orange_num", 7),
    }


def check_saved_bundle(box):
    """The bundle a notebook stores for ``box``: the widget view, a PNG picture and a
    Korean text/plain that is not the repr. Returns (bundle, decoded PNG array)."""
    import base64
    import io
    import warnings

    import matplotlib.image

    import logging

    class Records(logging.Handler):
        def __init__(self):
            super().__init__(logging.WARNING)
            self.messages = []

        def emit(self, record):
            self.messages.append(record.getMessage())

    records = Records()
    logger = logging.getLogger("matplotlib")  # mathtext logs its missing glyphs here
    logger.addHandler(records)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # the text font's missing glyphs are warnings
            bundle = box._repr_mimebundle_()
    finally:
        logger.removeHandler(records)
    assert not [m for m in records.messages if "glyph" in m], records.messages
    assert set(bundle) == {WIDGET_VIEW, "image/png", "text/plain"}
    assert bundle[WIDGET_VIEW]["model_id"] == box.model_id
    text = bundle["text/plain"]
    assert "VBox(" not in text and "children" not in text
    assert text.startswith("▶ 저장된 첫 화면입니다. 셀을 실행하면 ") and text.splitlines()[0].endswith("있습니다.")
    png = base64.b64decode(bundle["image/png"])
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    picture = matplotlib.image.imread(io.BytesIO(png), format="png")
    if box.output.outputs:  # the picture holds the demo's figure, pixel for pixel in size
        figure = matplotlib.image.imread(io.BytesIO(base64.b64decode(_png(box))), format="png")
        assert picture.shape[0] > figure.shape[0] and picture.shape[1] >= figure.shape[1]
    assert len(png) < 150_000  # stored in the committed notebooks: stays small
    return bundle, picture


@pytest.mark.parametrize("name", list(_book1_demos()))
def test_every_demo_saves_a_picture_and_a_korean_note(name):
    make, control, value = _book1_demos()[name]
    box = make()
    bundle, picture = check_saved_bundle(box)
    before_png = _png(box)
    box.controls[control].value = value
    assert _png(box) != before_png  # the live output follows the control
    after, picture_after = check_saved_bundle(box)
    assert after["image/png"] != bundle["image/png"]  # the picture shows the current state
    assert after["text/plain"] != bundle["text/plain"]  # ... and so does the values line


def test_snapshot_note_names_the_controls_with_the_right_particle():
    from course_lib.widgets._base import _snapshot_note, _with_ro

    assert _with_ro("슬라이더") == "슬라이더로" and _with_ro("입력 칸") == "입력 칸으로"
    assert _with_ro("메뉴") == "메뉴로" and _with_ro("버튼") == "버튼으로" and _with_ro("파일") == "파일로"
    note = _snapshot_note({"a": ipywidgets.FloatSlider(), "b": ipywidgets.Dropdown(options=["x"]),
                           "c": ipywidgets.IntSlider()})
    assert note == "▶ 저장된 첫 화면입니다. 셀을 실행하면 슬라이더·메뉴로 직접 바꿔 볼 수 있습니다."
    assert _snapshot_note({}).endswith("셀을 실행하면 직접 조작할 수 있습니다.")


def test_snapshot_text_reads_html_tables_and_control_values():
    from course_lib.widgets._base import _controls_line, _html_lines, _table

    markup = "<p>지불 금액 = <b>715</b><br>둘째 줄</p>" + _table(["입력", "값"], [("사과", 2.2), ("귤 & 배", 3)])
    assert _html_lines(markup) == ["지불 금액 = 715", "둘째 줄", "입력 | 값", "사과 | 2.2", "귤 & 배 | 3"]
    box = widgets.gradient_descent_explorer()
    line = _controls_line(box.controls)
    assert "학습률 (lr): 0.1" in line and "반복 횟수 (steps): 20" in line and "시작점 x0: -3.00" in line
    box = widgets.function_plotter()
    assert _controls_line(box.controls) == "함수 (function): 사인 sin(x)   ·   x 범위 (range): -5.00 – 5.00"


def test_a_demo_without_a_figure_still_gets_a_picture_of_its_text():
    box = widgets.perceptron_explorer()
    box.show(None)  # as a demo does when the student's input is invalid
    _, picture = check_saved_bundle(box)
    assert picture.shape[0] > 150  # note, title, values and the truth table


def test_snapshot_draws_dollar_signs_as_text():
    box = widgets.activation_explorer()
    box.info.value = "<p>the $ 5 million 한글 $ bid</p>"  # PTB text: '$' is a word, not mathtext
    check_saved_bundle(box)


def test_a_closed_demo_displays_as_nothing_special():
    box = widgets.function_plotter()
    box.close()
    assert not box._repr_mimebundle_


def test_nbconvert_and_nbviewer_show_the_picture_not_the_repr():
    """nbconvert's HTML (what nbviewer serves) skips the widget view when the notebook
    stores no widget state and falls back to the PNG."""
    nbformat = pytest.importorskip("nbformat")
    exporter = pytest.importorskip("nbconvert").HTMLExporter

    box = widgets.backprop_explorer()
    bundle = box._repr_mimebundle_()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("cl.widgets.backprop_explorer()", execution_count=1, outputs=[
        nbformat.v4.new_output("execute_result", data=bundle, execution_count=1)])]
    body, _ = exporter(template_name="lab").from_notebook_node(nb)
    assert f"data:image/png;base64,{bundle['image/png']}" in body
    assert "VBox(" not in body


# --------------------------------------------------------- details noticed in a browser
def _drawn(monkeypatch):
    """A list that receives every figure the demos draw from now on."""
    figures = []
    real = widgets._show
    monkeypatch.setattr(widgets, "_show", lambda out, fig: (figures.append(fig), real(out, fig)))
    return figures


def test_function_plotter_y_label_fits_for_exp_on_the_full_range(monkeypatch):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figures = _drawn(monkeypatch)
    box = widgets.function_plotter()
    with box.hold():
        box.controls["function"].value = "exp"
        box.controls["x_range"].value = (-10.0, 10.0)
    fig = figures[-1]
    ax = fig.axes[0]
    renderer = FigureCanvasAgg(fig).get_renderer()
    assert ax.yaxis.label.get_window_extent(renderer).x0 >= 0
    assert ax.yaxis.get_tightbbox(renderer).x0 >= 0  # tick labels '20000' and the label fit
    assert ax.get_position().x1 > 0.8  # and the plot did not shrink away
