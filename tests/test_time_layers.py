import numpy as np
import pytest

from course_lib.gradcheck import assert_gradients_close, check_layer, numerical_gradient, rel_error
from course_lib.layers import Embedding
from course_lib.time_layers import (GRU, LSTM, RNN, TimeAffine, TimeBiLSTM, TimeDropout,
                                    TimeEmbedding, TimeGRU, TimeLSTM, TimeRNN, TimeSoftmaxWithLoss)

N, T, D, H, V = 2, 4, 3, 5, 6


@pytest.fixture
def rng():
    return np.random.default_rng(0)


def _w(rng, *shape, scale=0.5):
    return scale * rng.standard_normal(shape)


def _rec_params(rng, k):
    return _w(rng, D, k * H), _w(rng, H, k * H), _w(rng, k * H)


class _StepWrapper:
    """Expose a single-step cell with several inputs/outputs as a layer for check_layer."""

    def __init__(self, cell, n_out):
        self.cell, self.n_out = cell, n_out
        self.params, self.grads = cell.params, cell.grads

    def forward(self, *inputs):
        out = self.cell.forward(*inputs)
        return np.concatenate(out, axis=1) if isinstance(out, tuple) else out

    def backward(self, dout):
        if self.n_out == 1:
            return self.cell.backward(dout)
        return self.cell.backward(*np.split(dout, self.n_out, axis=1))


def test_rnn_cell_gradient(rng):
    cell = _StepWrapper(RNN(*(_w(rng, D, H), _w(rng, H, H), _w(rng, H))), 1)
    assert_gradients_close(check_layer(cell, _w(rng, N, D), _w(rng, N, H)))


def test_lstm_cell_gradient(rng):
    cell = _StepWrapper(LSTM(*_rec_params(rng, 4)), 2)
    assert_gradients_close(check_layer(cell, _w(rng, N, D), _w(rng, N, H), _w(rng, N, H)))


def test_gru_cell_gradient(rng):
    cell = _StepWrapper(GRU(*_rec_params(rng, 3)), 1)
    assert_gradients_close(check_layer(cell, _w(rng, N, D), _w(rng, N, H)))


@pytest.mark.parametrize("cls, k", [(TimeRNN, 1), (TimeLSTM, 4), (TimeGRU, 3)])
def test_time_recurrent_gradients(rng, cls, k):
    layer = cls(*_rec_params(rng, k))
    assert_gradients_close(check_layer(layer, _w(rng, N, T, D)))


@pytest.mark.parametrize("cls, k", [(TimeRNN, 1), (TimeLSTM, 4), (TimeGRU, 3)])
def test_time_layer_matches_its_cell_step_by_step(rng, cls, k):
    cell_cls = {TimeRNN: RNN, TimeLSTM: LSTM, TimeGRU: GRU}[cls]
    params = _rec_params(rng, k)
    xs = _w(rng, N, T, D)
    hs = cls(*params).forward(xs)
    cell = cell_cls(*params)
    h, c = np.zeros((N, H)), np.zeros((N, H))
    for t in range(T):
        if cls is TimeLSTM:
            h, c = cell.forward(xs[:, t], h, c)
        else:
            h = cell.forward(xs[:, t], h)
        np.testing.assert_allclose(hs[:, t], h, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("cls, k", [(TimeRNN, 1), (TimeLSTM, 4), (TimeGRU, 3)])
def test_stateful_second_call_and_initial_state_gradient(rng, cls, k):
    """Truncated BPTT: the second call starts from the first call's last state, which is
    a constant for the second call's gradients; ``dh`` is d loss / d initial h."""
    layer = cls(*_rec_params(rng, k), stateful=True)
    layer.forward(_w(rng, N, T, D))
    h0 = layer.h.copy()
    c0 = layer.c.copy() if layer.c is not None else None
    assert np.any(h0 != 0)
    xs2 = _w(rng, N, T, D)
    r = rng.standard_normal((N, T, H))

    def loss(_=None):
        layer.set_state(h0, c0)
        return float(np.sum(layer.forward(xs2) * r))

    loss()
    dxs = layer.backward(r.copy())
    analytic = [g.copy() for g in layer.grads]
    dh = layer.dh.copy()
    assert rel_error(dxs, numerical_gradient(loss, xs2, 1e-5)) < 1e-6
    for a, p in zip(analytic, layer.params):
        assert rel_error(a, numerical_gradient(loss, p, 1e-5)) < 1e-6
    assert rel_error(dh, numerical_gradient(loss, h0, 1e-5)) < 1e-6
    if c0 is not None:
        assert rel_error(layer.dc, numerical_gradient(loss, c0, 1e-5)) < 1e-6


def test_stateful_carries_and_reset_forgets(rng):
    params = _rec_params(rng, 4)
    xs = _w(rng, N, 2 * T, D)
    whole = TimeLSTM(*params).forward(xs)
    layer = TimeLSTM(*params, stateful=True)
    parts = np.concatenate([layer.forward(xs[:, :T]), layer.forward(xs[:, T:])], axis=1)
    np.testing.assert_allclose(parts, whole, atol=1e-12)
    layer.reset_state()
    np.testing.assert_allclose(layer.forward(xs[:, :T]), whole[:, :T], atol=1e-12)
    stateless = TimeLSTM(*params)
    stateless.forward(xs[:, :T])
    np.testing.assert_allclose(stateless.forward(xs[:, :T]), whole[:, :T], atol=1e-12)


def test_bilstm_gradient_and_direction(rng):
    layer = TimeBiLSTM(*_rec_params(rng, 4), *_rec_params(rng, 4))
    xs = _w(rng, N, T, D)
    hs = layer.forward(xs)
    assert hs.shape == (N, T, 2 * H)
    # the backward half at step 0 has read the whole sequence: changing the last input changes it
    xs2 = xs.copy()
    xs2[:, -1] += 1
    hs2 = layer.forward(xs2)
    assert np.allclose(hs[:, 0, :H], hs2[:, 0, :H]) and not np.allclose(hs[:, 0, H:], hs2[:, 0, H:])
    assert_gradients_close(check_layer(layer, xs))


def test_embedding_gradient_with_repeated_ids(rng):
    W = _w(rng, V, D)
    ids = np.array([[0, 2, 2, 5], [5, 5, 1, 0]])
    layer = TimeEmbedding(W)
    out = layer.forward(ids)
    assert out.shape == (2, 4, D)
    r = rng.standard_normal(out.shape)
    layer.backward(r)
    expected = np.zeros_like(W)
    np.add.at(expected, ids, r)
    np.testing.assert_allclose(layer.grads[0], expected, atol=1e-12)
    assert_gradients_close(check_layer(Embedding(W), ids))


def test_time_affine_gradient(rng):
    assert_gradients_close(check_layer(TimeAffine(_w(rng, D, V), _w(rng, V)), _w(rng, N, T, D)))


def test_time_softmax_with_loss_gradient_and_ignore_label(rng):
    xs = _w(rng, N, T, V)
    ts = rng.integers(0, V, (N, T))
    assert_gradients_close(check_layer(TimeSoftmaxWithLoss(), xs, ts))
    ts[0, 1] = ts[1, 3] = -1
    layer = TimeSoftmaxWithLoss()
    assert_gradients_close(check_layer(layer, xs, ts))
    layer.forward(xs, ts)
    dx = layer.backward()
    assert np.all(dx[0, 1] == 0) and np.all(dx[1, 3] == 0)
    # the masked loss is the mean over the counted steps only
    from course_lib.functions import softmax
    y = softmax(xs)
    keep = ts != -1
    manual = -np.log(y[np.arange(N)[:, None], np.arange(T), np.where(keep, ts, 0)])[keep].mean()
    assert layer.forward(xs, ts) == pytest.approx(manual, rel=1e-10)


def test_time_dropout_scales_and_masks_gradient(rng):
    layer = TimeDropout(0.5, rng=np.random.default_rng(0))
    xs = np.ones((20, 30, 40), dtype=np.float32)
    out = layer.forward(xs)
    assert out.dtype == np.float32
    assert set(np.unique(out)) <= {0.0, 2.0}
    assert abs(out.mean() - 1.0) < 0.05
    np.testing.assert_array_equal(layer.backward(np.ones_like(xs)), out)
    layer.train_flg = False
    assert layer.forward(xs) is xs
    with pytest.raises(ValueError):
        TimeDropout(1.0)


def test_float32_stays_float32(rng):
    params = [p.astype(np.float32) for p in _rec_params(rng, 4)]
    layer = TimeLSTM(*params)
    hs = layer.forward(_w(rng, N, T, D).astype(np.float32))
    dx = layer.backward(np.ones_like(hs))
    assert hs.dtype == dx.dtype == np.float32
    assert all(g.dtype == np.float32 for g in layer.grads)
