"""Tests of course_lib.widgets.review (week 11): the spiral decision-region demo."""
import matplotlib

matplotlib.use("Agg")  # headless, before anything imports pyplot

import ipywidgets  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course_lib import widgets  # noqa: E402
from test_widgets import _png, _restore_rc  # noqa: E402,F401  (shared helpers, autouse fixture)
from course_lib.datasets import load_spiral  # noqa: E402
from course_lib.widgets.review import train_spiral_snapshots  # noqa: E402


@pytest.fixture(scope="module")
def small_spiral():
    return load_spiral(n_per_class=40)


def test_snapshots_record_every_epoch_and_the_net_learns(small_spiral):
    x, t = small_spiral
    run = train_spiral_snapshots(x, t, 10, max_epoch=60, batch_size=30, lr=1.0, seed=0)
    assert len(run["params"]) == 61 and run["loss"].shape == (61,) and run["accuracy"].shape == (61,)
    W1, b1, W2, b2 = run["params"][0]
    assert W1.shape == (2, 10) and b1.shape == (10,) and W2.shape == (10, 3) and b2.shape == (3,)
    # the snapshots are copies: the first one still holds the small initial weights
    assert np.abs(W1).max() < 0.1 and not np.allclose(run["params"][0][0], run["params"][-1][0])
    # the last snapshot is the trained model's parameters
    for saved, p in zip(run["params"][-1], run["model"].params):
        np.testing.assert_array_equal(saved, p)
    # the recorded numbers are the model's loss/accuracy at that snapshot
    assert run["loss"][-1] == pytest.approx(run["model"].forward(x, t))
    assert run["accuracy"][-1] == pytest.approx(run["model"].accuracy(x, t))
    assert run["accuracy"][0] < 0.5 < run["accuracy"][-1]
    assert run["loss"][-1] < run["loss"][0]


def test_snapshots_are_deterministic_for_a_seed(small_spiral):
    x, t = small_spiral
    a = train_spiral_snapshots(x, t, 5, max_epoch=5, seed=3)
    b = train_spiral_snapshots(x, t, 5, max_epoch=5, seed=3)
    np.testing.assert_array_equal(a["loss"], b["loss"])


def test_widget_builds_and_epoch_slider_moves_through_training():
    x, t = load_spiral()
    box = widgets.spiral_decision_regions(x, t, hidden_sizes=(3, 10), hidden_size=10, max_epoch=150)
    assert isinstance(box, ipywidgets.VBox)
    assert set(box.controls) == {"epoch", "hidden"}
    assert box.controls["epoch"].value == 150 and box.state["epoch"] == 150
    assert box.state["hidden_size"] == 10 and box.state["trained"] == [10]
    trained_acc, trained_png = box.state["accuracy"], _png(box)
    assert trained_acc > 0.85
    assert box.state["regions"].shape == (150, 150)
    assert set(np.unique(box.state["regions"])) == {0, 1, 2}
    assert "정확도" in box.info.value

    box.controls["epoch"].value = 0
    assert box.state["epoch"] == 0
    assert box.state["accuracy"] < 0.5 and box.state["loss"] > 1.0   # before training: chance level
    assert _png(box) != trained_png
    assert "에폭 <b>0</b>" in box.info.value


def test_widget_retrains_once_per_hidden_size(small_spiral, monkeypatch):
    from course_lib.widgets import review

    calls = []
    real = review.train_spiral_snapshots

    def counting(*args, **kwargs):
        calls.append(args[2])
        return real(*args, **kwargs)

    monkeypatch.setattr(review, "train_spiral_snapshots", counting)
    x, t = small_spiral
    box = widgets.spiral_decision_regions(x, t, hidden_sizes=(2, 10), hidden_size=10, max_epoch=40)
    acc_10 = box.state["accuracy"]
    box.controls["hidden"].value = 2
    assert box.state["hidden_size"] == 2 and box.state["trained"] == [2, 10]
    assert box.state["accuracy"] != acc_10
    box.controls["epoch"].value = 10
    box.controls["hidden"].value = 10
    box.controls["hidden"].value = 2
    assert calls == [10, 2]                     # cached: each size trained once
    assert box.state["epoch"] == 10 and box.state["hidden_size"] == 2


def test_widget_default_data_and_snapshot_picture():
    box = widgets.spiral_decision_regions(hidden_sizes=(10,), max_epoch=5)
    assert box.state["epoch"] == 5
    png = box.snapshot()
    assert png.startswith(b"\x89PNG")


def test_widget_rejects_bad_arguments(small_spiral):
    x, t = small_spiral
    with pytest.raises(ValueError, match="hidden_size"):
        widgets.spiral_decision_regions(x, t, hidden_sizes=(2, 3), hidden_size=10)
    with pytest.raises(ValueError, match=r"\(N, 2\)"):
        widgets.spiral_decision_regions(np.zeros((5, 3)), t[:5])
    with pytest.raises(ValueError, match="match"):
        widgets.spiral_decision_regions(x, t[:5])
    with pytest.raises(ValueError, match="max_epoch"):
        widgets.spiral_decision_regions(x, t, max_epoch=0)
