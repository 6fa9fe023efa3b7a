"""ResidualBlock and ResidualMLP (book 1, 8.2.4): gradients, skip switch, learning."""
import numpy as np
import pytest

from course_lib.gradcheck import check_layer, check_model
from course_lib.models.residual import ResidualBlock, ResidualMLP
from course_lib.optimizers import Adam


def _block(skip, seed=0, d=5):
    rng = np.random.default_rng(seed)
    return ResidualBlock(rng.normal(size=(d, d)) * 0.5, rng.normal(size=d) * 0.1,
                         rng.normal(size=(d, d)) * 0.5, rng.normal(size=d) * 0.1, skip=skip)


@pytest.mark.parametrize("skip", [True, False])
def test_block_gradients(skip):
    x = np.random.default_rng(1).normal(size=(4, 5))
    errors = check_layer(_block(skip), x)
    assert set(errors) == {"x0", "param0", "param1", "param2", "param3"}
    assert max(errors.values()) < 1e-6, errors


def test_block_forward_is_relu_of_x_plus_f():
    block, plain = _block(True), _block(False)
    x = np.random.default_rng(2).normal(size=(3, 5))
    W1, b1, W2, b2 = block.params
    f = np.maximum(x @ W1 + b1, 0) @ W2 + b2
    np.testing.assert_allclose(block.forward(x), np.maximum(x + f, 0))
    np.testing.assert_allclose(plain.forward(x), np.maximum(f, 0))
    # the skip path adds dout (masked by the outer ReLU) to the input gradient
    dout = np.ones((3, 5))
    mask = (x + f) > 0
    block.forward(x)
    plain_like = _block(False)
    plain_like.forward(x)          # same weights (same seed), no skip: backward of relu(f) with the mask of x + f
    plain_like.relu.mask = ~mask
    np.testing.assert_allclose(block.backward(dout), plain_like.backward(dout) + dout * mask)


@pytest.mark.parametrize("skip", [True, False])
def test_mlp_gradients_float64(skip):
    rng = np.random.default_rng(3)
    model = ResidualMLP(6, 4, 2, 3, skip=skip, branch_scale=0.5, dtype=np.float64, rng=rng)
    x, t = rng.normal(size=(5, 6)), rng.integers(0, 3, 5)
    for b in model.params[1::2]:      # nonzero biases: a zero row through zero biases sits on a ReLU kink
        b[...] = rng.normal(scale=0.1, size=b.shape)
    errors = check_model(model, lambda: model.forward(x, t))
    assert len(errors) == 2 + 4 * 2 + 2
    assert max(errors.values()) < 1e-6, errors


def test_skip_changes_nothing_but_the_shortcut():
    a = ResidualMLP(784, 16, 3, 10, skip=True, branch_scale=0.1, rng=np.random.default_rng(4))
    b = ResidualMLP(784, 16, 3, 10, skip=False, branch_scale=0.1, rng=np.random.default_rng(4))
    assert len(a.params) == len(b.params) == 2 + 4 * 3 + 2
    assert sum(p.size for p in a.params) == sum(p.size for p in b.params)
    for p, q in zip(a.params, b.params):
        np.testing.assert_array_equal(p, q)
    assert a.params[0].dtype == np.float32
    # He scale, and the branch's second weight scaled by branch_scale
    assert a.params[2].std() == pytest.approx(np.sqrt(2 / 16), rel=0.25)
    assert a.params[4].std() == pytest.approx(0.1 * np.sqrt(2 / 16), rel=0.25)
    x = np.random.default_rng(5).random((2, 784)).astype(np.float32)
    assert not np.allclose(a.predict(x), b.predict(x))
    with pytest.raises(ValueError, match="depth"):
        ResidualMLP(4, 4, -1, 2)


@pytest.mark.parametrize("skip", [True, False])
def test_loss_decreases_on_mnist_sample(skip):
    from course_lib.datasets import load_mnist

    (x, t), _ = load_mnist(source="sample")
    rng = np.random.default_rng(6)
    model = ResidualMLP(784, 32, 3, 10, skip=skip, branch_scale=0.5, rng=rng)
    opt = Adam(lr=0.001)
    first = model.forward(x[:500], t[:500])
    for _ in range(60):
        idx = rng.integers(0, len(x), 100)
        model.forward(x[idx], t[idx])
        model.backward()
        opt.update(model.params, model.grads)
    assert model.first_weight_grad_norm() > 0
    assert model.forward(x[:500], t[:500]) < 0.6 * first
