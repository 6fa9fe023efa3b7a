"""SimpleConvNet and DeepConvNet (book 1, ch. 7–8): gradients, learning, weights."""
import numpy as np
import pytest

from course_lib.conv import col2im, col2im_t, im2col, im2col_t
from course_lib.gradcheck import check_model
from course_lib.layers import Dropout
from course_lib.models import DeepConvNet, SimpleConvNet
from course_lib.optimizers import Adam


@pytest.mark.parametrize("fh,fw,stride,pad", [(3, 3, 1, 1), (3, 2, 2, 1), (5, 5, 1, 0)])
def test_transposed_im2col_is_im2col_transposed_and_adjoint(fh, fw, stride, pad):
    rng = np.random.default_rng(fh + stride)
    x = rng.normal(size=(2, 3, 9, 7))
    col_t = im2col_t(x, fh, fw, stride, pad)
    np.testing.assert_array_equal(col_t, im2col(x, fh, fw, stride, pad).T)
    c = rng.normal(size=col_t.shape)
    np.testing.assert_allclose(col2im_t(c, x.shape, fh, fw, stride, pad), col2im(c.T, x.shape, fh, fw, stride, pad),
                               rtol=1e-12, atol=1e-12)


def _fixed_dropout_loss(model, x, t):
    """Loss with the same dropout masks at every call (each Dropout's generator reseeded)."""
    drops = [layer for layer in model.layers if isinstance(layer, Dropout)]

    def loss():
        for i, layer in enumerate(drops):
            layer.rng = np.random.default_rng(100 + i)
        return model.forward(x, t)
    return loss


def test_simple_convnet_gradients():
    rng = np.random.default_rng(0)
    model = SimpleConvNet(input_dim=(2, 8, 8), conv_param={"filter_num": 3, "filter_size": 3},
                          hidden_size=5, output_size=4, weight_init_std=0.3, dtype=np.float64, rng=rng)
    x = rng.normal(size=(3, 2, 8, 8))
    t = rng.integers(0, 4, 3)
    errors = check_model(model, lambda: model.forward(x, t))
    assert max(errors.values()) < 1e-6, errors


def test_deep_convnet_gradients_with_fixed_dropout():
    rng = np.random.default_rng(1)
    params = ((2, 3, 1, 1), (2, 3, 1, 1), (3, 3, 1, 1), (3, 3, 2, 1), (2, 3, 1, 1), (2, 3, 1, 1))
    model = DeepConvNet(input_dim=(1, 8, 8), conv_params=params, hidden_size=6, output_size=3,
                        dtype=np.float64, rng=rng)
    x = rng.normal(size=(2, 1, 8, 8))
    t = rng.integers(0, 3, 2)
    assert model.layers[-1].dropout_ratio == 0.5
    errors = check_model(model, _fixed_dropout_loss(model, x, t))
    assert max(errors.values()) < 1e-6, errors


def test_book_shapes_and_dtype():
    simple = SimpleConvNet(rng=np.random.default_rng(0))
    assert [p.shape for p in simple.params] == [(30, 1, 5, 5), (30,), (4320, 100), (100,), (100, 10), (10,)]
    assert simple.params[0].std() == pytest.approx(0.01, rel=0.2)
    deep = DeepConvNet(rng=np.random.default_rng(0))
    shapes = [p.shape for p in deep.params]
    assert shapes[::2] == [(16, 1, 3, 3), (16, 16, 3, 3), (32, 16, 3, 3), (32, 32, 3, 3), (64, 32, 3, 3),
                           (64, 64, 3, 3), (1024, 50), (50, 10)]
    assert {p.dtype for p in simple.params + deep.params} == {np.dtype(np.float32)}
    # He initialisation: sqrt(2 / fan_in), the book's pre_node_nums
    for W, fan_in in zip(deep.params[::2], [9, 144, 144, 288, 288, 576, 1024, 50]):
        assert W.std() == pytest.approx(np.sqrt(2 / fan_in), rel=0.35)
    x = np.random.default_rng(0).random((4, 1, 28, 28), dtype=np.float32)
    for model in (simple, deep):
        out = model.predict(x)
        assert out.shape == (4, 10) and out.dtype == np.float32


def test_deep_convnet_dropout_only_in_training():
    model = DeepConvNet(rng=np.random.default_rng(0))
    x = np.random.default_rng(1).random((3, 1, 28, 28), dtype=np.float32)
    np.testing.assert_array_equal(model.predict(x), model.predict(x))   # inference: deterministic
    model.forward(x, np.arange(3))
    assert all(layer.train_flg for layer in model.layers if isinstance(layer, Dropout))
    model.accuracy(x, np.arange(3))
    assert not any(layer.train_flg for layer in model.layers if isinstance(layer, Dropout))


def _mnist_batch(n):
    from course_lib.datasets import load_mnist

    (x, t), _ = load_mnist(flatten=False, source="sample")
    idx = np.random.default_rng(0).permutation(len(x))[:n]
    return x[idx], t[idx]


@pytest.mark.parametrize("kind", ["simple", "deep"])
def test_loss_decreases_on_mnist_sample(kind):
    x, t = _mnist_batch(40)
    rng = np.random.default_rng(0)
    model = SimpleConvNet(rng=rng) if kind == "simple" else DeepConvNet(rng=rng)
    opt = Adam(lr=0.001 if kind == "simple" else 0.002)
    first = float(model.forward(x, t, train_flg=False))
    for _ in range(30 if kind == "simple" else 20):
        model.forward(x, t)
        model.backward()
        opt.update(model.params, model.grads)
    last = float(model.forward(x, t, train_flg=False))
    assert last < 0.7 * first and last < 0.9 * np.log(10), (first, last)  # and below chance level


def test_save_load_round_trip(tmp_path):
    for cls in (SimpleConvNet, DeepConvNet):
        a, b = cls(rng=np.random.default_rng(0)), cls(rng=np.random.default_rng(1))
        path = a.save_params(tmp_path / f"{cls.__name__}.npz", dtype=np.float16)
        b.load_params(path)
        for pa, pb in zip(a.params, b.params):
            assert pb.dtype == np.float32
            np.testing.assert_array_equal(pb, pa.astype(np.float16).astype(np.float32))
        x = np.random.default_rng(2).random((2, 1, 28, 28), dtype=np.float32)
        np.testing.assert_allclose(a.predict(x), b.predict(x), rtol=2e-2, atol=2e-2)
