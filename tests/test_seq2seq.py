import numpy as np
import pytest

from course_lib.gradcheck import assert_gradients_close, check_model
from course_lib.models.seq2seq import AttentionSeq2seq, Seq2seq, padding_mask
from course_lib.optimizers import Adam
from course_lib.training import Trainer, seq2seq_accuracy

V = 6


def _gradcheck(model, xs, ts):
    assert_gradients_close(check_model(model, lambda: float(model.forward(xs, ts))))


def _randomize(model, rng):
    for p in model.params:
        p[...] = rng.standard_normal(p.shape) * 0.5


MODELS = {
    "seq2seq": lambda rng: Seq2seq(V, 3, 4, dtype=np.float64, rng=rng),
    "peeky": lambda rng: Seq2seq(V, 3, 4, peeky=True, dtype=np.float64, rng=rng),
    "attention": lambda rng: AttentionSeq2seq(V, 3, 4, dtype=np.float64, rng=rng),
    "attention-bi-additive-masked": lambda rng: AttentionSeq2seq(
        V, 3, 4, kind="additive", bidirectional=True, pad_id=0, dtype=np.float64, rng=rng),
}


@pytest.mark.parametrize("name", sorted(MODELS))
def test_seq2seq_gradients(name):
    rng = np.random.default_rng(0)
    model = MODELS[name](rng)
    _randomize(model, rng)
    xs = rng.integers(1, V, (2, 5))
    xs[0, 3:] = 0     # trailing padding (masked in the masked variant)
    ts = rng.integers(1, V, (2, 4))
    _gradcheck(model, xs, ts)


def test_padding_mask_keeps_inner_spaces():
    xs = np.array([[5, 0, 6, 0, 0], [0, 0, 7, 8, 9], [0, 0, 0, 0, 0]])
    np.testing.assert_array_equal(padding_mask(xs, 0), [[1, 1, 1, 0, 0], [0, 0, 1, 1, 1], [1, 0, 0, 0, 0]])


def _copy_task(rng, n):
    """Reverse a 3-symbol string: a task every variant must learn quickly."""
    body = rng.integers(2, V, (n, 3))
    xs = body
    ts = np.concatenate([np.ones((n, 1), int), body[:, ::-1]], axis=1)  # start id 1
    return xs, ts


@pytest.mark.parametrize("name", ["seq2seq", "peeky", "attention"])
def test_seq2seq_learns_and_generates(name):
    rng = np.random.default_rng(0)
    model = {"seq2seq": lambda: Seq2seq(V, 8, 32, rng=rng),
             "peeky": lambda: Seq2seq(V, 8, 32, peeky=True, rng=rng),
             "attention": lambda: AttentionSeq2seq(V, 8, 32, rng=rng)}[name]()
    xs, ts = _copy_task(rng, 600)
    before = seq2seq_accuracy(model, xs, ts, start_id=1)
    hist = Trainer(model, Adam(0.01)).fit(
        xs, ts, max_epoch=15, batch_size=32, max_grad=5.0, rng=rng, progress=False,
        on_epoch_end=lambda m: {"acc": seq2seq_accuracy(m, xs[:100], ts[:100], 1)})
    assert hist["loss"][-1] < 0.3 * hist["loss"][0]
    assert seq2seq_accuracy(model, xs, ts, start_id=1) > max(0.9, before)
    assert len(hist["acc"]) == 15
    gen = model.generate(xs[:4], 1, 3)
    assert gen.shape == (4, 3)


def test_attention_weights_after_generation():
    rng = np.random.default_rng(0)
    model = AttentionSeq2seq(V, 4, 8, rng=rng)
    model.generate(rng.integers(0, V, (3, 7)), 1, 5)
    w = model.attention_weights
    assert w.shape == (3, 5, 7)
    np.testing.assert_allclose(w.sum(axis=2), 1.0, rtol=1e-5)


def test_trainer_on_seq2seq_without_callback_does_not_call_accuracy():
    rng = np.random.default_rng(0)
    xs, ts = _copy_task(rng, 64)
    hist = Trainer(Seq2seq(V, 4, 8, rng=rng), Adam()).fit(xs, ts, max_epoch=1, batch_size=32, progress=False)
    assert len(hist["loss"]) == 1 and "train_acc" not in hist
