import numpy as np
import pytest

from course_lib.datasets import load_ptb
from course_lib.gradcheck import assert_gradients_close, check_model
from course_lib.models.rnnlm import BetterRnnlm, GruRnnlm, Rnnlm, SimpleRnnlm
from course_lib.optimizers import SGD
from course_lib.training import RnnlmTrainer, perplexity

V = 7


def _model_gradcheck(model, xs, ts):
    """Backprop vs central differences for every parameter of a whole model (float64)."""
    def loss():
        model.reset_state()
        return float(model.forward(xs, ts))

    assert_gradients_close(check_model(model, loss))


@pytest.mark.parametrize("cls", [SimpleRnnlm, Rnnlm, GruRnnlm])
def test_rnnlm_gradients(cls):
    rng = np.random.default_rng(0)
    model = cls(V, 3, 4, dtype=np.float64, rng=rng)
    for layer in model.layers:          # larger weights than the book's init, for a real test
        for p in layer.params:
            p[...] = rng.standard_normal(p.shape) * 0.5
    xs, ts = rng.integers(0, V, (2, 5)), rng.integers(0, V, (2, 5))
    _model_gradcheck(model, xs, ts)


def test_weight_tying_gradient_and_sharing():
    rng = np.random.default_rng(1)
    model = BetterRnnlm(V, 4, 4, dropout_ratio=0.0, dtype=np.float64, rng=rng)
    for p in model.params:
        p[...] = rng.standard_normal(p.shape) * 0.5
    embed_W = model.layers[0].params[0]
    affine_W = model.layers[-1].params[0]
    assert np.shares_memory(embed_W, affine_W) and affine_W.shape == embed_W.T.shape
    assert sum(p is embed_W for p in model.params) == 1 and len(model.params) == 1 + 3 + 3 + 1
    xs, ts = rng.integers(0, V, (2, 4)), rng.integers(0, V, (2, 4))
    _model_gradcheck(model, xs, ts)


@pytest.mark.parametrize("cls", [Rnnlm, GruRnnlm])
def test_rnnlm_learns_builtin_corpus_with_truncated_bptt(cls):
    corpus, w2id, _ = load_ptb("train", source="builtin")
    corpus = corpus[:3000]
    model = cls(len(w2id), 16, 32, rng=np.random.default_rng(0))
    start = perplexity(model, corpus, batch_size=5, time_size=10)
    trainer = RnnlmTrainer(model, SGD(lr=5.0))
    hist = trainer.fit(corpus[:-1], corpus[1:], max_epoch=3, batch_size=5, time_size=10,
                       max_grad=0.25, eval_interval=20, progress=False)
    end = perplexity(model, corpus, batch_size=5, time_size=10)
    assert start > 0.8 * len(w2id)      # untrained: close to uniform over the vocabulary
    assert end < 0.4 * start, (start, end)
    assert hist["ppl"][-1] < hist["ppl"][0]


def test_get_batch_reads_offset_streams():
    trainer = RnnlmTrainer(None, None)
    xs = np.arange(100)
    bx, bt = trainer.get_batch(xs, xs + 1, batch_size=4, time_size=5)
    np.testing.assert_array_equal(bx[:, 0], [0, 25, 50, 75])
    np.testing.assert_array_equal(bx[1], [25, 26, 27, 28, 29])
    bx2, _ = trainer.get_batch(xs, xs + 1, batch_size=4, time_size=5)
    np.testing.assert_array_equal(bx2[:, 0], [5, 30, 55, 80])


def test_generate_greedy_is_deterministic_and_skips_ids():
    model = Rnnlm(V, 4, 5, rng=np.random.default_rng(2))
    a = model.generate([1], 10, temperature=0)
    b = model.generate([1], 10, temperature=0)
    assert a == b and len(a) == 11 and a[0] == 1
    c = model.generate([1, 2], 30, temperature=1.0, skip_ids=[3, 4], rng=np.random.default_rng(0))
    assert not {3, 4} & set(c[2:])
    with pytest.raises(ValueError):
        model.generate([1], 3, temperature=-1)


def test_temperature_controls_diversity():
    model = Rnnlm(V, 4, 5, rng=np.random.default_rng(3))
    for p in model.params:
        p *= 30    # a peaked model
    cold = model.generate([0], 200, temperature=0.2, rng=np.random.default_rng(0))
    hot = model.generate([0], 200, temperature=5.0, rng=np.random.default_rng(0))
    assert len(set(hot)) >= len(set(cold))
    assert sum(x != y for x, y in zip(hot, cold)) > 20


def test_save_load_float16_roundtrip(tmp_path):
    a = Rnnlm(V, 4, 5, rng=np.random.default_rng(0))
    b = Rnnlm(V, 4, 5, rng=np.random.default_rng(1))
    b.load_params(a.save_params(tmp_path / "lm.npz", dtype=np.float16))
    for pa, pb in zip(a.params, b.params):
        assert pb.dtype == np.float32
        np.testing.assert_allclose(pa, pb, rtol=1e-3, atol=1e-4)


def test_evaluation_between_epochs_leaves_the_training_state_alone():
    corpus, w2id, _ = load_ptb("train", source="builtin")
    model = Rnnlm(len(w2id), 8, 8, rng=np.random.default_rng(0))
    model.predict(corpus[None, :20])
    state = model.get_state()
    h = state[0][0].copy()
    perplexity(model, corpus[:500], batch_size=2, time_size=5)
    assert model.lstm_layer.h is None            # evaluation resets...
    model.restore_state(state)
    np.testing.assert_array_equal(model.lstm_layer.h, h)   # ...and the state comes back


@pytest.mark.parametrize("cls, attr, blocks", [(SimpleRnnlm, "rnn_layer", 1), (Rnnlm, "lstm_layer", 4),
                                                (GruRnnlm, "gru_layer", 3)])
def test_one_layer_lms_shapes_and_seeded_init(cls, attr, blocks):
    V_, D, H = 11, 3, 5
    model = cls(V_, D, H, rng=np.random.default_rng(7))
    Wx, Wh, b = getattr(model, attr).params
    assert (Wx.shape, Wh.shape, b.shape) == ((D, blocks * H), (H, blocks * H), (blocks * H,))
    assert all(p.dtype == np.float32 for p in model.params)
    assert model.predict(np.zeros((2, 4), dtype=int)).shape == (2, 4, V_)
    # the book's draw order (embedding, Wx, Wh, affine): the same seed, the same model
    rng = np.random.default_rng(7)
    embed = (0.01 * rng.standard_normal((V_, D))).astype(np.float32)
    wx = (rng.standard_normal((D, blocks * H)) / np.sqrt(D)).astype(np.float32)
    np.testing.assert_array_equal(model.params[0], embed)
    np.testing.assert_array_equal(Wx, wx)
