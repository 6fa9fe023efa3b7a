import numpy as np
import pytest

from course_lib.gradcheck import (assert_gradients_close, check_layer, check_model, numerical_diff,
                                  numerical_gradient, rel_error)
from course_lib.layers import Affine


def test_numerical_diff_book_example():
    # book 1, 4.3.2: f(x) = 0.01x^2 + 0.1x at x=5 → 0.2
    assert numerical_diff(lambda x: 0.01 * x ** 2 + 0.1 * x, 5.0) == pytest.approx(0.2, abs=1e-8)


def test_numerical_gradient_function_2_and_restores_input():
    x = np.array([3.0, 4.0])
    g = numerical_gradient(lambda v: np.sum(v ** 2), x)
    np.testing.assert_allclose(g, [6.0, 8.0], atol=1e-6)
    np.testing.assert_array_equal(x, [3.0, 4.0])


def test_numerical_gradient_needs_floats():
    with pytest.raises(TypeError, match="astype"):
        numerical_gradient(lambda v: 0.0, np.array([1, 2]))


def test_rel_error_zero_for_zero_arrays_and_shape_check():
    assert rel_error(np.zeros(3), np.zeros(3)) == 0.0
    with pytest.raises(ValueError):
        rel_error(np.zeros(3), np.zeros(4))


class _WrongAffine(Affine):
    """Affine whose bias gradient is off by a factor 2: the check must notice."""

    def backward(self, dout):
        dx = super().backward(dout)
        self.grads[1][...] *= 2
        return dx


def test_check_layer_catches_a_wrong_gradient():
    rng = np.random.default_rng(1)
    layer = _WrongAffine(rng.standard_normal((3, 2)), rng.standard_normal(2))
    errors = check_layer(layer, rng.standard_normal((4, 3)))
    assert errors["x0"] < 1e-8 and errors["param0"] < 1e-8
    with pytest.raises(AssertionError, match="param1"):
        assert_gradients_close(errors)


def test_check_model_passes_a_right_model_and_catches_a_wrong_one():
    from course_lib.models import TwoLayerNet

    rng = np.random.default_rng(2)
    net = TwoLayerNet(3, 4, 2, weight_init_std=0.5, rng=rng)
    x, t = rng.standard_normal((5, 3)), rng.integers(0, 2, 5)
    assert_gradients_close(check_model(net, lambda: net.loss(x, t)))
    right_backward = net.backward

    def wrong_backward(dout=1):
        dx = right_backward(dout)
        net.grads[2][...] *= 1.01     # W2's gradient 1 % off
        return dx

    net.backward = wrong_backward
    with pytest.raises(AssertionError, match="param2"):
        assert_gradients_close(check_model(net, lambda: net.loss(x, t)))
