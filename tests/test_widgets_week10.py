"""Tests of course_lib.widgets.augment (week 10): the augmentation viewer."""
import matplotlib

matplotlib.use("Agg")  # headless, before anything imports pyplot

import ipywidgets  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course_lib import augment, widgets  # noqa: E402
from test_widgets import _png, _restore_rc  # noqa: E402,F401  (shared helpers, autouse fixture)


def _digits(n=5, size=12):
    rng = np.random.default_rng(0)
    x = np.zeros((n, 1, size, size), dtype=np.float32)
    x[:, 0, 3:9, 5:7] = 1.0                                    # a vertical bar
    x += 0.05 * rng.random(x.shape, dtype=np.float32)
    return x, np.arange(n) % 10


def test_viewer_builds_with_controls_and_state():
    x, t = _digits()
    box = widgets.augmentation_viewer(x, t, n_digits=3, n_versions=4)
    assert isinstance(box, ipywidgets.VBox)
    assert set(box.controls) == {"max_shift", "max_degrees", "seed", "new"}
    s = box.state
    assert (s["max_shift"], s["max_degrees"], s["seed"]) == (2, 10, 0)
    assert s["images"].shape == (3, 4, 12, 12)
    assert s["dx"].shape == s["dy"].shape == s["degrees"].shape == (3, 4)
    assert s["labels"] == [0, 1, 2]
    assert np.abs(s["dx"]).max() <= 2 and np.abs(s["degrees"]).max() <= 10
    # the copies are what course_lib.augment makes from those parameters
    for r in range(3):
        redo = augment.transform(np.repeat(x[r:r + 1], 4, axis=0), s["dx"][r], s["dy"][r], s["degrees"][r])
        np.testing.assert_allclose(s["images"][r], redo[:, 0], atol=1e-6)
    assert _png(box)
    assert box.snapshot()[:8] == b"\x89PNG\r\n\x1a\n"


def test_moving_a_slider_changes_state_and_figure():
    x, t = _digits()
    box = widgets.augmentation_viewer(x, t)
    before_png, before_images = _png(box), box.state["images"].copy()
    box.controls["max_shift"].value = 5
    assert box.state["max_shift"] == 5
    assert np.abs(box.state["dx"]).max() <= 5 and np.abs(box.state["dx"]).max() > 2
    assert _png(box) != before_png and not np.array_equal(box.state["images"], before_images)

    with box.hold():
        box.controls["max_shift"].value = 0
        box.controls["max_degrees"].value = 0
    assert np.all(box.state["dx"] == 0) and np.all(box.state["degrees"] == 0)
    np.testing.assert_allclose(box.state["images"], np.repeat(x[:4, 0][:, None], 6, axis=1), atol=1e-6)


def test_new_sample_button_and_seed_reproduce():
    x, _ = _digits()
    box = widgets.augmentation_viewer(x, n_digits=2, n_versions=3, max_shift=3, max_degrees=20, seed=4)
    first = {k: box.state[k].copy() for k in ("dx", "dy", "degrees")}
    assert box.state["labels"] is None
    box.controls["new"].click()
    assert box.state["seed"] == 5
    assert not all(np.array_equal(first[k], box.state[k]) for k in first)
    box.controls["seed"].value = 4
    for k in first:
        np.testing.assert_array_equal(box.state[k], first[k])


def test_viewer_accepts_flat_images_and_checks_arguments():
    x, t = _digits(size=28)
    box = widgets.augmentation_viewer(x.reshape(len(x), -1), t, n_digits=2, n_versions=2)
    assert box.state["images"].shape == (2, 2, 28, 28)
    with pytest.raises(ValueError, match="n_digits"):
        widgets.augmentation_viewer(x, n_digits=99)
    with pytest.raises(ValueError, match="n_versions"):
        widgets.augmentation_viewer(x, n_versions=0)
