"""Tests of course_lib.widgets.training_tech (week 8): the optimizer race and the
initialisation histograms build, react to their controls, and compute what the book says."""
import matplotlib

matplotlib.use("Agg")  # headless, before anything imports pyplot

import ipywidgets  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course_lib import widgets  # noqa: E402
from test_widgets import _png, _restore_rc  # noqa: E402,F401  (shared helpers, autouse fixture)
from course_lib.gradcheck import numerical_gradient  # noqa: E402
from course_lib.optimizers import OPTIMIZERS  # noqa: E402


def _check_box(box, names):
    assert isinstance(box, ipywidgets.VBox)
    assert set(box.controls) == set(names)

    def descendants(w):
        yield w
        for child in getattr(w, "children", ()):
            yield from descendants(child)

    shown = list(descendants(box))
    assert box.output in shown and box.info in shown
    assert all(c in shown for c in box.controls.values())
    assert _png(box)
    assert box.snapshot()[:8] == b"\x89PNG\r\n\x1a\n"


# ------------------------------------------------------------------- optimizer race
RACE_NAMES = ["steps"] + [f"{kind}_{k}" for k in ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam")
                          for kind in ("use", "lr")]


def test_race_gradient_matches_numerical():
    p = np.array([-3.3, 1.7])
    numeric = numerical_gradient(lambda v: widgets.race_function(v[0], v[1]), p.copy())
    np.testing.assert_allclose(widgets.race_gradient(*p), numeric, rtol=1e-7)


def test_optimizer_path_is_the_libraries_update_from_the_books_start():
    path = widgets.optimizer_path("sgd", lr=0.95, steps=30)
    assert path.shape == (31, 2)
    np.testing.assert_array_equal(path[0], [-7.0, 2.0])
    # SGD on x²/20 + y²: x <- (1 - lr/10) x, y <- (1 - 2 lr) y, exactly
    k = np.arange(31)
    np.testing.assert_allclose(path[:, 0], -7.0 * (1 - 0.095) ** k)
    np.testing.assert_allclose(path[:, 1], 2.0 * (1 - 1.9) ** k)
    # every optimizer of the library runs; an unknown name is refused
    assert set(widgets.RACE_LEARNING_RATES) == set(OPTIMIZERS)
    for name, (_, lr) in widgets.RACE_LEARNING_RATES.items():
        p = widgets.optimizer_path(name, lr, 30)
        assert widgets.race_function(*p[-1]) < 0.25 * widgets.race_function(*p[0]), name
    with pytest.raises(ValueError, match="unknown optimizer"):
        widgets.optimizer_path("lbfgs", 0.1, 3)


def test_optimizer_race_starts_with_the_books_four_and_reacts():
    box = widgets.optimizer_race()
    _check_box(box, RACE_NAMES)
    assert box.state["selected"] == ["sgd", "momentum", "adagrad", "adam"]
    assert box.state["lrs"] == {"sgd": 0.95, "momentum": 0.1, "adagrad": 1.5, "adam": 0.3}
    # the sliders hold the book's rates exactly (a log slider would snap 0.95 to 1.0 in the browser)
    for key, (_, lr) in widgets.RACE_LEARNING_RATES.items():
        assert lr in widgets.LR_CHOICES and box.controls[f"lr_{key}"].value == lr
    assert box.controls["lr_sgd"].label == "0.95"
    assert all(p.shape == (31, 2) for p in box.state["paths"].values())
    np.testing.assert_allclose(box.state["paths"]["adam"], widgets.optimizer_path("adam", 0.3, 30))
    before = _png(box)

    box.controls["use_nesterov"].value = True
    assert "nesterov" in box.state["selected"] and _png(box) != before
    with box.hold():
        box.controls["steps"].value = 60
        box.controls["lr_sgd"].value = 0.5
    assert box.state["paths"]["sgd"].shape == (61, 2)
    np.testing.assert_allclose(box.state["paths"]["sgd"], widgets.optimizer_path("sgd", 0.5, 60))
    assert "SGD" in box.info.value and "Nesterov" in box.info.value


def test_optimizer_race_reports_divergence_and_an_empty_choice():
    box = widgets.optimizer_race()
    box.controls["lr_sgd"].value = 1.2                 # |1 - 2 lr| > 1: y grows every step
    assert box.state["final_values"]["sgd"] > widgets.race_function(-7.0, 2.0)
    assert "발산" in box.info.value
    with box.hold():
        for key in widgets.RACE_LEARNING_RATES:
            box.controls[f"use_{key}"].value = False
    assert box.state["selected"] == [] and box.state["paths"] == {}
    assert "하나 이상" in box.info.value and _png(box)


# ------------------------------------------------------------- init histograms
def test_layer_activations_follow_the_books_figures():
    def last_std(scheme, act):
        return widgets.layer_activations(scheme, act)[-1].std()

    acts = widgets.layer_activations("std1", "sigmoid")
    assert len(acts) == 5 and all(a.shape == (1000, 100) for a in acts)
    # std 1 + sigmoid: saturated at 0 and 1 (figure 6-10)
    assert np.mean((acts[-1] < 0.05) | (acts[-1] > 0.95)) > 0.5
    # std 0.01 + sigmoid: everything near 0.5 (figure 6-11)
    assert last_std("std0.01", "sigmoid") < 0.02
    assert abs(widgets.layer_activations("std0.01", "sigmoid")[-1].mean() - 0.5) < 0.01
    # Xavier + sigmoid: spread out (figure 6-13)
    assert 0.05 < last_std("xavier", "sigmoid") < 0.3
    # ReLU: std 0.01 vanishes, Xavier shrinks layer by layer, He stays (figure 6-14)
    he = [a.std() for a in widgets.layer_activations("he", "relu")]
    xavier = [a.std() for a in widgets.layer_activations("xavier", "relu")]
    assert max(he) / min(he) < 1.5
    assert all(b < a for a, b in zip(xavier, xavier[1:])) and xavier[-1] < 0.5 * xavier[0]
    assert last_std("std0.01", "relu") < 1e-4
    # the same standard-normal draws for every scheme: He is Xavier times sqrt(2) before the ReLU
    np.testing.assert_allclose(widgets.layer_activations("he", "relu")[0],
                               np.sqrt(2) * widgets.layer_activations("xavier", "relu")[0])
    with pytest.raises(ValueError, match="unknown scheme"):
        widgets.layer_activations("lecun", "relu")
    with pytest.raises(ValueError, match="unknown activation"):
        widgets.layer_activations("he", "gelu")


def test_init_histograms_reacts_to_scheme_and_activation():
    box = widgets.init_histograms()
    _check_box(box, ["scheme", "activation"])
    assert (box.state["scheme"], box.state["activation"]) == ("std1", "sigmoid")
    assert box.state["counts"].shape == (5, 30) and box.state["edges"].shape == (31,)
    assert box.state["zero_fraction"] is None
    assert "기울기 소실" in box.state["diagnosis"]
    before, counts_before = _png(box), box.state["counts"].copy()

    box.controls["scheme"].value = "xavier"
    assert box.state["scheme"] == "xavier" and _png(box) != before
    assert not np.array_equal(box.state["counts"], counts_before)
    # the histogram counts the values of each layer inside 0–1
    acts = widgets.layer_activations("xavier", "sigmoid")
    np.testing.assert_array_equal(box.state["counts"][2], np.histogram(acts[2], bins=box.state["edges"])[0])
    np.testing.assert_allclose(box.state["std"], [a.std() for a in acts])
    # widely spread as a whole, yet each sigmoid neuron hardly depends on the input by layer 5
    np.testing.assert_allclose(box.state["unit_spread"], [a.std(axis=0).mean() for a in acts])
    assert box.state["unit_spread"][-1] < 0.01 * box.state["unit_spread"][0]
    assert "tanh" in box.state["diagnosis"] and "뉴런별" in box.info.value
    box.controls["activation"].value = "tanh"          # zero-centred: Xavier keeps the signal
    assert box.state["unit_spread"][-1] > 0.4 * box.state["unit_spread"][0]
    assert "잘 되는" in box.state["diagnosis"]

    with box.hold():
        box.controls["scheme"].value = "he"
        box.controls["activation"].value = "relu"
    assert box.state["edges"][0] == 0.0 and box.state["edges"][-1] == 2.0
    assert all(0.4 < z < 0.6 for z in box.state["zero_fraction"])   # ReLU zeroes about half
    assert "알맞은" in box.state["diagnosis"]
    assert "0인 비율" in box.info.value
    box.controls["scheme"].value = "std1"
    assert "폭발" in box.state["diagnosis"]
    assert box.state["outside"][-1] + box.state["zero_fraction"][-1] > 0.99   # zeros or far beyond 2
    box.controls["activation"].value = "tanh"
    assert box.state["edges"][0] == -1.0
