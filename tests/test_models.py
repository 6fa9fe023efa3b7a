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


# --- book 1, ch. 6: MultiLayerNet(Extend) ---------------------------------------------

from course_lib.gradcheck import check_model  # noqa: E402
from course_lib.layers import BatchNormalization, Dropout  # noqa: E402
from course_lib.models import MultiLayerNet, MultiLayerNetExtend  # noqa: E402
from course_lib.models.mlp import weight_scale  # noqa: E402
from course_lib.optimizers import Adam  # noqa: E402


def _fixed_masks_loss(net, x, t):
    drops = [layer for layer in net.layers if isinstance(layer, Dropout)]

    def loss():
        for i, layer in enumerate(drops):
            layer.rng = np.random.default_rng(50 + i)  # the same masks at every call
        return net.forward(x, t)
    return loss


@pytest.mark.parametrize("activation,init,bn,dropout,decay", [
    ("relu", "he", False, False, 0.0),
    ("sigmoid", "xavier", False, False, 0.1),
    ("relu", "relu", True, False, 0.05),
    ("relu", 0.3, True, True, 0.05),
    ("sigmoid", "sigmoid", False, True, 0.0),
])
def test_multi_layer_net_gradients(activation, init, bn, dropout, decay):
    rng = np.random.default_rng(11)
    net = MultiLayerNet(5, [6, 4, 5], 3, activation=activation, weight_init_std=init, weight_decay_lambda=decay,
                        use_batchnorm=bn, use_dropout=dropout, dropout_ratio=0.3, dtype=np.float64, rng=rng)
    x = rng.standard_normal((8, 5))
    t = rng.integers(0, 3, 8)
    errors = check_model(net, _fixed_masks_loss(net, x, t))
    # a bias right before a batch norm has gradient 0 (the mean is subtracted again):
    # both gradients are rounding noise there, so check its size instead of the ratio
    before_bn = {len(sum((layer.params for layer in net.layers[:i]), [])) + 1
                 for i, layer in enumerate(net.layers[:-1]) if isinstance(net.layers[i + 1], BatchNormalization)}
    for i in before_bn:
        assert np.abs(net.grads[i]).max() < 1e-9
    assert max(v for k, v in errors.items() if int(k[5:]) not in before_bn) < 1e-6, errors


def test_multi_layer_net_structure_and_init():
    net = MultiLayerNetExtend(784, [100] * 4, 10, use_batchnorm=True, use_dropout=True, rng=np.random.default_rng(0))
    assert MultiLayerNetExtend is MultiLayerNet
    kinds = [type(layer).__name__ for layer in net.layers]
    assert kinds[:4] == ["Affine", "BatchNormalization", "Relu", "Dropout"] and kinds[-1] == "Affine"
    assert len(net.params) == 5 * 2 + 4 * 2  # W, b per Affine; gamma, beta per batch norm
    assert {p.dtype for p in net.params} == {np.dtype(np.float32)}
    assert net.params[0].std() == pytest.approx(np.sqrt(2 / 784), rel=0.05)
    assert weight_scale("xavier", 100) == weight_scale("sigmoid", 100) == pytest.approx(0.1)
    assert weight_scale("he", 50) == pytest.approx(0.2) and weight_scale(0.01, 9) == 0.01
    with pytest.raises(ValueError, match="xavier"):
        MultiLayerNet(4, [3], 2, weight_init_std="glorot")
    with pytest.raises(ValueError, match="sigmoid"):
        MultiLayerNet(4, [3], 2, activation="tanh")


def test_weight_decay_adds_half_lambda_sum_of_squares():
    x = np.random.default_rng(0).standard_normal((4, 3))
    t = np.array([0, 1, 1, 0])
    plain = MultiLayerNet(3, [5], 2, dtype=np.float64, rng=np.random.default_rng(1))
    decayed = MultiLayerNet(3, [5], 2, weight_decay_lambda=0.2, dtype=np.float64, rng=np.random.default_rng(1))
    penalty = 0.5 * 0.2 * sum((W ** 2).sum() for W in decayed.params[::2])
    assert decayed.forward(x, t) == pytest.approx(plain.forward(x, t) + penalty)
    plain.backward()
    decayed.backward()
    np.testing.assert_allclose(decayed.grads[0], plain.grads[0] + 0.2 * decayed.params[0])
    np.testing.assert_allclose(decayed.grads[1], plain.grads[1])  # biases are not decayed


def test_train_and_inference_modes():
    rng = np.random.default_rng(0)
    net = MultiLayerNet(6, [20, 20], 3, use_batchnorm=True, use_dropout=True, dropout_ratio=0.5,
                        dtype=np.float64, rng=rng)
    x = rng.standard_normal((30, 6)) * 3 + 1
    t = rng.integers(0, 3, 30)
    net.forward(x, t)  # training mode: dropout masks and batch statistics
    assert all(layer.train_flg for layer in net.layers if hasattr(layer, "train_flg"))
    np.testing.assert_array_equal(net.predict(x), net.predict(x))  # inference: deterministic
    assert not any(layer.train_flg for layer in net.layers if hasattr(layer, "train_flg"))
    bn = next(layer for layer in net.layers if isinstance(layer, BatchNormalization))
    assert not np.allclose(bn.running_mean, 0)  # updated by the training pass
    net.set_train(True)
    assert not np.array_equal(net.predict(x, train_flg=True), net.predict(x, train_flg=True))
    net.accuracy(x, t)
    assert not any(layer.train_flg for layer in net.layers if hasattr(layer, "train_flg"))


@pytest.mark.parametrize("options", [{}, {"use_batchnorm": True}, {"use_dropout": True, "dropout_ratio": 0.2}])
def test_multi_layer_net_loss_decreases_on_mnist_sample(options):
    from course_lib.datasets import load_mnist

    (x, t), _ = load_mnist(source="sample")
    x, t = x[:300], t[:300]
    net = MultiLayerNet(784, [100] * 4, 10, rng=np.random.default_rng(0), **options)
    opt = Adam(lr=0.001)
    first = float(net.forward(x, t, train_flg=False))
    for i in range(30):
        batch = slice(i % 3 * 100, i % 3 * 100 + 100)
        net.forward(x[batch], t[batch])
        net.backward()
        opt.update(net.params, net.grads)
    last = float(net.forward(x, t, train_flg=False))
    assert last < 0.5 * first, (first, last)


def test_multi_layer_net_save_load_keeps_batchnorm_statistics(tmp_path):
    rng = np.random.default_rng(0)
    a = MultiLayerNet(5, [4, 4], 3, use_batchnorm=True, rng=rng)
    x = rng.standard_normal((10, 5)).astype(np.float32) * 2 + 1
    a.forward(x, rng.integers(0, 3, 10))  # moves the running statistics
    b = MultiLayerNet(5, [4, 4], 3, use_batchnorm=True, rng=np.random.default_rng(1))
    b.load_params(a.save_params(tmp_path / "mlp.npz"))
    for pa, pb in zip(a.params, b.params):
        np.testing.assert_array_equal(pa, pb)
    np.testing.assert_array_equal(a.predict(x), b.predict(x))
