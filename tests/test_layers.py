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
