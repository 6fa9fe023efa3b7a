import numpy as np
import pytest

from course_lib.optimizers import OPTIMIZERS, SGD, Adam, Momentum


def _f(p):
    """The book's elongated bowl f(x, y) = x^2/20 + y^2, minimum at (0, 0)."""
    x, y = p
    return x ** 2 / 20 + y ** 2, np.array([x / 10, 2 * y])


# learning rates from book 1, 6.1 (figure 6-8 etc.)
LRS = {"sgd": 0.95, "momentum": 0.1, "nesterov": 0.1, "adagrad": 1.5, "rmsprop": 0.1, "adam": 0.3}


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_optimizer_descends_the_bowl(name):
    p = np.array([-7.0, 2.0])
    opt = OPTIMIZERS[name](lr=LRS[name])
    start = _f(p)[0]
    for _ in range(300):
        g = _f(p)[1]
        opt.update([p], [g])
    assert _f(p)[0] < start * 1e-2, f"{name} ended at {p}"


def test_sgd_is_one_exact_step():
    p = np.array([1.0, 2.0])
    SGD(lr=0.5).update([p], [np.array([2.0, -2.0])])
    np.testing.assert_allclose(p, [0.0, 3.0])


def test_momentum_accumulates_velocity():
    p = np.zeros(1)
    opt = Momentum(lr=1.0, momentum=0.5)
    opt.update([p], [np.ones(1)])
    opt.update([p], [np.ones(1)])
    np.testing.assert_allclose(p, [-1.0 - 1.5])


def test_adam_first_step_has_size_lr():
    p = np.zeros(3)
    Adam(lr=0.1).update([p], [np.array([1e-3, -5.0, 100.0])])
    np.testing.assert_allclose(np.abs(p), 0.1, rtol=1e-2)


def test_optimizers_keep_float32():
    p = np.ones(4, dtype=np.float32)
    for cls in OPTIMIZERS.values():
        cls().update([p], [np.ones(4, dtype=np.float32)])
    assert p.dtype == np.float32


def test_bad_arguments_are_explained():
    with pytest.raises(ValueError, match="positive"):
        SGD(lr=0)
    with pytest.raises(ValueError, match="pair up"):
        SGD().update([np.zeros(1)], [])


def test_nesterov_matches_the_look_ahead_formulation():
    # Sutskever et al. (2013), eq. 3-4: v <- mu*v - lr*grad(theta + mu*v); theta <- theta + v.
    # The reformulated optimizer's parameters are the look-ahead point theta + mu*v.
    import numpy as np

    from course_lib.optimizers import Nesterov

    A = np.array([[3.0, 0.5], [0.5, 1.0]])

    def grad(x):  # f(x) = x^T A x / 2 + sin(x).sum(): not quadratic, so the point matters
        return A @ x + np.cos(x)

    lr, mu = 0.05, 0.9
    theta, v = np.array([2.0, -1.5]), np.zeros(2)
    p = theta.copy()
    opt = Nesterov(lr=lr, momentum=mu)
    for _ in range(40):
        g = grad(p)
        opt.update([p], [g])
        v = mu * v - lr * grad(theta + mu * v)
        theta = theta + v
        np.testing.assert_allclose(p, theta + mu * v, rtol=1e-12, atol=1e-12)


def test_adam_matches_the_books_formulas_and_keeps_the_dtype():
    # book 1 common/optimizer.py, written out: the in-place version must give the same steps
    import numpy as np

    from course_lib.optimizers import Adam

    rng = np.random.default_rng(3)
    lr, b1, b2, eps = 0.01, 0.9, 0.999, 1e-7
    p_ref = rng.normal(size=(5, 4))
    m, v = np.zeros_like(p_ref), np.zeros_like(p_ref)
    p = p_ref.copy()
    opt = Adam(lr=lr, beta1=b1, beta2=b2, eps=eps)
    for it in range(1, 21):
        g = rng.normal(size=p.shape)
        lr_t = lr * np.sqrt(1.0 - b2 ** it) / (1.0 - b1 ** it)
        m += (1 - b1) * (g - m)
        v += (1 - b2) * (g ** 2 - v)
        p_ref -= lr_t * m / (np.sqrt(v) + eps)
        opt.update([p], [g])
        np.testing.assert_allclose(p, p_ref, rtol=1e-13, atol=1e-15)
    p32 = np.ones(3, dtype=np.float32)
    Adam().update([p32], [np.ones(3, dtype=np.float32)])
    assert p32.dtype == np.float32 and np.all(p32 < 1)
