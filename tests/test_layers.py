import numpy as np
import pytest

from course_lib.gradcheck import assert_gradients_close, check_layer
from course_lib.layers import Affine, AddLayer, MulLayer, Relu, Sigmoid, SoftmaxWithLoss


@pytest.fixture
def rng():
    return np.random.default_rng(42)


def test_mul_add_apple_example():
    """Book 1, 5.4: two apples at 100 and three oranges at 150 with tax 1.1."""
    mul_apple, mul_orange, add, mul_tax = MulLayer(), MulLayer(), AddLayer(), MulLayer()
    a = mul_apple.forward(100, 2)
    o = mul_orange.forward(150, 3)
    s = add.forward(a, o)
    price = mul_tax.forward(s, 1.1)
    ds, dtax = mul_tax.backward(1)
    da, do = add.backward(ds)
    dorange, dorange_num = mul_orange.backward(do)
    dapple, dapple_num = mul_apple.backward(da)
    assert price == pytest.approx(715)
    assert (dapple, dapple_num, dorange, dorange_num, dtax) == pytest.approx((2.2, 110, 3.3, 165, 650))


def test_mul_add_gradients_on_arrays(rng):
    x, y = rng.standard_normal((3, 2)), rng.standard_normal((3, 2))
    assert_gradients_close(check_layer(MulLayer(), x, y))
    assert_gradients_close(check_layer(AddLayer(), x, y))


def test_relu_gradient(rng):
    x = rng.standard_normal((4, 5))
    x[np.abs(x) < 1e-2] = 0.5  # stay away from the kink
    assert_gradients_close(check_layer(Relu(), x))


def test_sigmoid_gradient(rng):
    assert_gradients_close(check_layer(Sigmoid(), rng.standard_normal((4, 5))))


def test_affine_gradient_2d_and_4d(rng):
    layer = Affine(rng.standard_normal((6, 3)), rng.standard_normal(3))
    assert_gradients_close(check_layer(layer, rng.standard_normal((4, 6))))
    img = rng.standard_normal((2, 1, 2, 3))
    errors = check_layer(Affine(rng.standard_normal((6, 3)), rng.standard_normal(3)), img)
    assert_gradients_close(errors)


def test_affine_backward_writes_grads_in_place(rng):
    layer = Affine(rng.standard_normal((3, 2)), np.zeros(2))
    gW = layer.grads[0]
    layer.forward(rng.standard_normal((4, 3)))
    layer.backward(np.ones((4, 2)))
    assert layer.grads[0] is gW and np.any(gW != 0)


@pytest.mark.parametrize("one_hot", [False, True])
def test_softmax_with_loss_gradient(rng, one_hot):
    x = rng.standard_normal((5, 4))
    t = rng.integers(0, 4, 5)
    if one_hot:
        t = np.eye(4)[t]
    assert_gradients_close(check_layer(SoftmaxWithLoss(), x, t))


# --- book 1, ch. 6-7: dropout, batch normalization, convolution, pooling ------------------

def _conv_reference(x, W, b, stride, pad):
    """Direct loops over every output position (no im2col)."""
    N, C, H, Wd = x.shape
    F, _, fh, fw = W.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    oh, ow = (H + 2 * pad - fh) // stride + 1, (Wd + 2 * pad - fw) // stride + 1
    out = np.zeros((N, F, oh, ow))
    for n in range(N):
        for f in range(F):
            for i in range(oh):
                for j in range(ow):
                    win = xp[n, :, i * stride:i * stride + fh, j * stride:j * stride + fw]
                    out[n, f, i, j] = np.sum(win * W[f]) + b[f]
    return out


@pytest.mark.parametrize("fh,stride,pad", [(3, 1, 0), (3, 2, 1), (5, 1, 2), (2, 2, 0), (3, 3, 1)])
def test_convolution_matches_direct_loops_and_gradients(fh, stride, pad):
    from course_lib.layers import Convolution

    rng = np.random.default_rng(fh * 10 + stride)
    x = rng.normal(size=(2, 3, 7, 8))
    W, b = rng.normal(size=(4, 3, fh, fh)), rng.normal(size=4)
    layer = Convolution(W, b, stride=stride, pad=pad)
    np.testing.assert_allclose(layer.forward(x), _conv_reference(x, W, b, stride, pad), rtol=1e-12, atol=1e-12)
    assert_gradients_close(check_layer(layer, x))


def test_im2col_and_col2im_are_adjoint():
    # <im2col(x), c> == <x, col2im(c)> for every x, c: col2im is the exact backward of im2col
    from course_lib.layers import col2im, im2col

    rng = np.random.default_rng(0)
    x = rng.normal(size=(2, 3, 9, 7))
    col = im2col(x, 3, 2, stride=2, pad=1)
    c = rng.normal(size=col.shape)
    assert np.vdot(col, c) == pytest.approx(np.vdot(x, col2im(c, x.shape, 3, 2, stride=2, pad=1)))


@pytest.mark.parametrize("size,stride,pad", [(2, 2, 0), (3, 1, 0), (3, 2, 1)])
def test_pooling_forward_and_gradient(size, stride, pad):
    from course_lib.layers import Pooling

    rng = np.random.default_rng(size + stride)
    x = rng.normal(size=(2, 3, 7, 7))
    layer = Pooling(size, size, stride=stride, pad=pad)
    out = layer.forward(x)
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)), constant_values=-np.inf)
    for i in range(out.shape[2]):
        for j in range(out.shape[3]):
            win = xp[:, :, i * stride:i * stride + size, j * stride:j * stride + size]
            np.testing.assert_array_equal(out[:, :, i, j], win.max(axis=(2, 3)))
    assert_gradients_close(check_layer(layer, x))


def test_pooling_sends_a_tied_maximum_gradient_once():
    from course_lib.layers import Pooling

    x = np.maximum(np.random.default_rng(1).normal(size=(2, 3, 8, 8)), 0)  # many zero ties
    layer = Pooling(2, 2, stride=2)
    out = layer.forward(x)
    dx = layer.backward(np.ones_like(out))
    assert dx.sum() == out.size and set(np.unique(dx)) <= {0.0, 1.0}


@pytest.mark.parametrize("shape", [(6, 5), (4, 3, 5, 5)])
def test_batch_normalization_gradients_and_statistics(shape):
    from course_lib.layers import BatchNormalization

    rng = np.random.default_rng(len(shape))
    x = rng.normal(loc=3.0, scale=2.0, size=shape)
    C = shape[1]
    layer = BatchNormalization(rng.normal(size=C), rng.normal(size=C))
    assert_gradients_close(check_layer(layer, x))
    layer = BatchNormalization(np.ones(C), np.zeros(C), momentum=0.0)
    y = layer.forward(x)
    axes = (0,) if len(shape) == 2 else (0, 2, 3)
    np.testing.assert_allclose(y.mean(axis=axes), 0, atol=1e-12)
    np.testing.assert_allclose(y.var(axis=axes), 1, rtol=1e-4)
    np.testing.assert_allclose(layer.running_mean, x.mean(axis=axes))  # momentum 0: last batch
    layer.train_flg = False
    assert_gradients_close(check_layer(layer, x))
    np.testing.assert_allclose(layer.forward(x), y, rtol=1e-5, atol=1e-6)


def test_dropout_is_inverted_and_off_at_inference():
    from course_lib.layers import Dropout

    layer = Dropout(0.25, rng=np.random.default_rng(0))
    x = np.ones((200, 50))
    y = layer.forward(x)
    assert set(np.unique(y)) <= {0.0, 1 / 0.75}
    assert abs(y.mean() - 1.0) < 0.02  # expectation kept
    np.testing.assert_array_equal(layer.backward(np.ones_like(x)), y)  # same mask
    layer.train_flg = False
    np.testing.assert_array_equal(layer.forward(x), x)
    with pytest.raises(ValueError, match="dropout_ratio"):
        Dropout(1.0)
