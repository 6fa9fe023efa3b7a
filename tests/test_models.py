import numpy as np
import pytest

from course_lib.datasets.spiral import load_spiral
from course_lib.gradcheck import rel_error
from course_lib.models import TwoLayerNet
from course_lib.optimizers import SGD
from course_lib.training import Trainer


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
def test_two_layer_net_backprop_matches_numerical(activation):
    rng = np.random.default_rng(3)
    net = TwoLayerNet(5, 4, 3, weight_init_std=0.5, activation=activation, rng=rng)
    x = rng.standard_normal((6, 5))
    t = rng.integers(0, 3, 6)
    num = net.numerical_gradient(x, t, h=1e-5)
    bp = net.gradient(x, t)
    for i, (a, b) in enumerate(zip(bp, num)):
        assert rel_error(a, b) < 1e-6, f"param {i}"


def test_two_layer_net_learns_spiral():
    x, t = load_spiral()
    net = TwoLayerNet(2, 10, 3, weight_init_std=1.0, rng=np.random.default_rng(0))
    trainer = Trainer(net, SGD(lr=1.0))
    hist = trainer.fit(x, t, max_epoch=300, batch_size=30, rng=np.random.default_rng(0), progress=False)
    assert hist["loss"][-1] < 0.35 * hist["loss"][0]
    assert net.accuracy(x, t) > 0.85


def test_save_and_load_params_roundtrip(tmp_path):
    a = TwoLayerNet(4, 3, 2, rng=np.random.default_rng(0))
    b = TwoLayerNet(4, 3, 2, rng=np.random.default_rng(1))
    path = a.save_params(tmp_path / "w.npz")
    b.load_params(path)
    for pa, pb in zip(a.params, b.params):
        np.testing.assert_array_equal(pa, pb)
    assert [p.name for p in tmp_path.iterdir()] == ["w.npz"]


def test_load_params_refuses_other_shapes_and_pickles(tmp_path):
    path = TwoLayerNet(4, 3, 2).save_params(tmp_path / "w.npz")
    with pytest.raises(ValueError, match="shape"):
        TwoLayerNet(4, 5, 2).load_params(path)
    evil = tmp_path / "evil.npz"
    np.savez(evil, p000=np.array([{"a": 1}], dtype=object))
    with pytest.raises(ValueError):
        TwoLayerNet(4, 3, 2).load_params(evil)


def test_unknown_activation():
    with pytest.raises(ValueError, match="sigmoid"):
        TwoLayerNet(2, 2, 2, activation="tanh")
