"""Tests of course_lib.word2vec: gradient checks (float64), the sampler, and learning."""
import numpy as np
import pytest

import course_lib as cl
from course_lib import text, word2vec
from course_lib.gradcheck import assert_gradients_close, check_layer, check_model
from course_lib.optimizers import Adam
from course_lib.training import Trainer

TOL = 1e-6


class FixedSampler:
    """Returns the same negatives on every call (so numerical gradients see one loss)."""

    def __init__(self, negative):
        self.negative = np.asarray(negative)

    def get_negative_sample(self, target):
        assert self.negative.shape[:-1] == np.shape(target)
        return self.negative


def fixed_negatives(rng, target, vocab_size, k):
    neg = rng.integers(0, vocab_size, size=np.shape(target) + (k,))
    clash = neg == np.asarray(target)[..., None]
    neg[clash] = (neg[clash] + 1) % vocab_size
    return neg


# ---------------------------------------------------------------------- layers
@pytest.mark.parametrize("idx_shape", [(6,), (6, 4)])
def test_embedding_dot_gradients(idx_shape):
    rng = np.random.default_rng(0)
    W = rng.standard_normal((5, 3))
    layer = word2vec.EmbeddingDot(W)
    h = rng.standard_normal((6, 3))
    idx = rng.integers(0, 5, size=idx_shape)
    idx.reshape(-1)[:3] = 2                                # repeated ids must add up
    out = layer.forward(h, idx)
    assert out.shape == idx_shape
    np.testing.assert_allclose(out, np.sum(W[idx] * (h if idx.ndim == 1 else h[:, None]), axis=-1))
    assert_gradients_close(check_layer(layer, h, idx), TOL)


def test_sigmoid_with_loss_gradients_and_values():
    rng = np.random.default_rng(1)
    x = rng.standard_normal((4, 3)) * 3
    t = (rng.random((4, 3)) < 0.5).astype(float)
    layer = word2vec.SigmoidWithLoss()
    y = 1 / (1 + np.exp(-x))
    expected = -np.sum(t * np.log(y) + (1 - t) * np.log(1 - y)) / 4
    assert layer.forward(x, t) == pytest.approx(expected, rel=1e-12)
    assert_gradients_close(check_layer(layer, x, t), TOL)
    big = np.array([800.0, -800.0])                        # stable: no overflow, no NaN
    assert np.isfinite(layer.forward(big, np.array([0.0, 1.0])))


def test_negative_sampling_loss_gradients_and_book_sum():
    rng = np.random.default_rng(2)
    V, D, N, k = 7, 4, 5, 3
    W = rng.standard_normal((V, D))
    target = rng.integers(0, V, size=N)
    neg = fixed_negatives(rng, target, V, k)
    layer = word2vec.NegativeSamplingLoss(W, sample_size=k, sampler=FixedSampler(neg))
    h = rng.standard_normal((N, D))
    loss = layer.forward(h, target)
    # the book: one positive and k negative SigmoidWithLoss layers, each a batch mean
    sig = lambda s: 1 / (1 + np.exp(-s))                    # noqa: E731
    book = np.mean(-np.log(sig(np.sum(W[target] * h, axis=1))))
    for i in range(k):
        book += np.mean(-np.log(1 - sig(np.sum(W[neg[:, i]] * h, axis=1))))
    assert loss == pytest.approx(book, rel=1e-12)
    assert_gradients_close(check_layer(layer, h, target), TOL)


# --------------------------------------------------------------------- sampler
def test_unigram_sampler_distribution_and_exclusion():
    corpus = np.repeat(np.arange(5), [40, 20, 10, 5, 1])
    sampler = word2vec.UnigramSampler(corpus, power=0.75, sample_size=4, rng=np.random.default_rng(3))
    p = np.array([40, 20, 10, 5, 1], float) ** 0.75
    p /= p.sum()
    np.testing.assert_allclose(sampler.word_p, p)
    target = np.tile(np.arange(5), 4000)                   # 20,000 rows
    calls = []

    class CountingRng:
        def __init__(self, rng):
            self.rng = rng

        def random(self, n):
            calls.append(n)
            return self.rng.random(n)

    sampler.rng = CountingRng(sampler.rng)
    neg = sampler.get_negative_sample(target)
    assert neg.shape == (20000, 4) and np.issubdtype(neg.dtype, np.integer)
    assert not np.any(neg == target[:, None])              # never the row's own target
    assert calls[0] == 80000 and len(calls) <= 2           # one draw (+ rare rounding redraws)
    # each target's negatives follow p with the target removed, renormalised
    for w in range(5):
        freq = np.bincount(neg[target == w].ravel(), minlength=5) / neg[target == w].size
        cond = p.copy()
        cond[w] = 0
        cond /= cond.sum()
        np.testing.assert_allclose(freq, cond, atol=0.015)
    # zero-count words are never drawn; vocab_size pads the table
    s2 = word2vec.UnigramSampler([0, 0, 2, 2, 2], sample_size=2, vocab_size=4, rng=np.random.default_rng(0))
    out = s2.get_negative_sample(np.array([[0, 2], [2, 0]]))
    assert out.shape == (2, 2, 2) and set(np.unique(out)) <= {0, 2}
    with pytest.raises(ValueError):
        word2vec.UnigramSampler([1, 1, 1], sample_size=1).get_negative_sample(np.array([1]))


# ---------------------------------------------------------------------- models
def test_simple_cbow_and_skipgram_gradients():
    rng = np.random.default_rng(4)
    V, H, N = 7, 3, 6
    contexts = rng.integers(0, V, size=(N, 2))
    target = rng.integers(0, V, size=N)
    for cls in (word2vec.SimpleCBOW, word2vec.SimpleSkipGram):
        model = cls(V, H, dtype=np.float64, rng=np.random.default_rng(5))
        for p in model.params:
            p[...] = rng.standard_normal(p.shape)
        errors = check_model(model, lambda: model.forward(contexts, target))
        assert_gradients_close(errors, TOL)
        one_hot = model.forward(text.convert_one_hot(contexts, V), text.convert_one_hot(target, V))
        assert one_hot == pytest.approx(model.forward(contexts, target))
    wide = word2vec.SimpleCBOW(V, H, window_size=2, dtype=np.float64, rng=np.random.default_rng(6))
    ctx4 = rng.integers(0, V, size=(N, 4))
    assert_gradients_close(check_model(wide, lambda: wide.forward(ctx4, target)), TOL)
    with pytest.raises(ValueError):
        wide.forward(contexts, target)


@pytest.mark.parametrize("cls", [word2vec.CBOW, word2vec.SkipGram])
def test_cbow_skipgram_gradients(cls):
    rng = np.random.default_rng(7)
    V, H, N, w, k = 9, 4, 5, 2, 3
    corpus = rng.integers(0, V, size=100)
    model = cls(V, H, w, corpus, sample_size=k, dtype=np.float64, rng=np.random.default_rng(8))
    for p in model.params:
        p[...] = rng.standard_normal(p.shape)
    contexts = rng.integers(0, V, size=(N, 2 * w))
    contexts[0] = contexts[0, 0]                           # repeated ids in one row
    target = rng.integers(0, V, size=N)
    sampled_for = target if cls is word2vec.CBOW else contexts.reshape(-1)
    model.ns_loss.sampler = FixedSampler(fixed_negatives(rng, sampled_for, V, k))
    assert_gradients_close(check_model(model, lambda: model.forward(contexts, target)), TOL)
    assert model.params[0].dtype == np.float64 and model.word_vecs is model.params[0]


def test_skipgram_loss_is_the_books_sum_over_positions():
    rng = np.random.default_rng(9)
    V, H, N, w, k = 8, 3, 4, 1, 2
    corpus = rng.integers(0, V, size=50)
    model = word2vec.SkipGram(V, H, w, corpus, sample_size=k, dtype=np.float64, rng=rng)
    contexts = rng.integers(0, V, size=(N, 2 * w))
    target = rng.integers(0, V, size=N)
    neg = fixed_negatives(rng, contexts.reshape(-1), V, k)
    model.ns_loss.sampler = FixedSampler(neg)
    loss = model.forward(contexts, target)
    neg = neg.reshape(N, 2 * w, k)
    ref = 0.0
    for i in range(2 * w):   # the book: one NegativeSamplingLoss per context position
        layer = word2vec.NegativeSamplingLoss(model.params[1], sample_size=k, sampler=FixedSampler(neg[:, i]))
        ref += layer.forward(model.params[0][target], contexts[:, i])
    assert loss == pytest.approx(ref, rel=1e-12)


def test_simple_models_learn_the_book_sentence():
    corpus, word_to_id, _ = text.preprocess("You say goodbye and I say hello.")
    contexts, target = text.create_contexts_target(corpus, window_size=1)
    V = len(word_to_id)
    for cls in (word2vec.SimpleCBOW, word2vec.SimpleSkipGram):
        model = cls(V, 5, rng=np.random.default_rng(0))
        assert model.params[0].dtype == np.float32
        trainer = Trainer(model, Adam())
        hist = trainer.fit(contexts, target, max_epoch=300, batch_size=3,
                           rng=np.random.default_rng(0), progress=False)
        assert hist["loss"][-1] < 0.6 * hist["loss"][0], (cls.__name__, hist["loss"][0], hist["loss"][-1])


@pytest.mark.parametrize("cls", [word2vec.CBOW, word2vec.SkipGram])
def test_negative_sampling_models_learn_builtin_corpus(cls, tmp_path):
    corpus, word_to_id, _ = cl.datasets.ptb.load_data("train", source="builtin")
    corpus = corpus[:20000]
    contexts, target = text.create_contexts_target(corpus, window_size=2)
    V = len(word_to_id)
    model = cls(V, 30, 2, corpus, sample_size=5, rng=np.random.default_rng(0))
    assert model.params[0].dtype == np.float32
    trainer = Trainer(model, Adam())
    hist = trainer.fit(contexts, target, max_epoch=2, batch_size=100,
                       rng=np.random.default_rng(1), progress=False)
    first, last = np.mean(hist["iter_loss"][:20]), np.mean(hist["iter_loss"][-20:])
    assert last < 0.8 * first, (cls.__name__, first, last)
    path = model.save_params(tmp_path / "w2v.npz", dtype=np.float16)
    other = cls(V, 30, 2, corpus, rng=np.random.default_rng(5))
    other.load_params(path)
    np.testing.assert_allclose(other.word_vecs, model.word_vecs, atol=1e-3)


def test_lazy_attribute():
    assert cl.word2vec is word2vec
