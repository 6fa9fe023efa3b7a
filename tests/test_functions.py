import numpy as np
import pytest

from course_lib import functions as F
from course_lib.gradcheck import numerical_gradient, rel_error


def test_step_sigmoid_relu_values():
    x = np.array([-1.0, 0.0, 2.0])
    np.testing.assert_array_equal(F.step_function(x), [0, 0, 1])
    np.testing.assert_allclose(F.sigmoid(np.array([0.0])), [0.5])
    np.testing.assert_array_equal(F.relu(x), [0.0, 0.0, 2.0])


def test_sigmoid_is_stable_and_keeps_dtype():
    x = np.array([-1000.0, 1000.0], dtype=np.float32)
    with np.errstate(over="raise"):
        y = F.sigmoid(x)
    assert y.dtype == np.float32
    np.testing.assert_allclose(y, [0.0, 1.0])


@pytest.mark.parametrize("f, g", [(F.sigmoid, F.sigmoid_grad), (F.relu, F.relu_grad)])
def test_activation_derivatives(f, g):
    x = np.array([-2.0, -0.3, 0.4, 1.7])
    num = np.array([(f(v + 1e-6) - f(v - 1e-6)) / 2e-6 for v in x])
    assert rel_error(g(x), num) < 1e-6


def test_softmax_rows_sum_to_one_and_do_not_overflow():
    x = np.array([[1010.0, 1000.0, 990.0], [0.3, 2.9, 4.0]])
    y = F.softmax(x)
    np.testing.assert_allclose(y.sum(axis=1), 1.0)
    assert np.all(np.isfinite(y))
    np.testing.assert_allclose(F.softmax(np.array([0.3, 2.9, 4.0])), [0.01821127, 0.24519181, 0.73659691], rtol=1e-6)


def test_cross_entropy_book_examples():
    t = np.array([0, 0, 1, 0, 0, 0, 0, 0, 0, 0])
    y = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
    assert F.cross_entropy_error(y, t) == pytest.approx(0.510825457, rel=1e-6)
    assert F.cross_entropy_error(y, 2) == pytest.approx(0.510825457, rel=1e-6)
    assert F.mean_squared_error(y, t) == pytest.approx(0.0975)


def test_cross_entropy_rejects_mismatched_labels():
    with pytest.raises(ValueError, match="one-hot"):
        F.cross_entropy_error(np.full((4, 3), 1 / 3), np.array([0, 1]))


def test_softmax_cross_entropy_matches_composition_and_gradient():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((5, 4))
    t = rng.integers(0, 4, 5)
    loss, y = F.softmax_cross_entropy(x, t)
    assert loss == pytest.approx(F.cross_entropy_error(F.softmax(x), t), rel=1e-6)
    g = numerical_gradient(lambda _: F.softmax_cross_entropy(x, t)[0], x)
    expected = y.copy()
    expected[np.arange(5), t] -= 1
    assert rel_error(g, expected / 5) < 1e-7
