"""SentimentLSTM (many-to-one: Embedding → LSTM → last state → Affine) and its recipe."""
import json

import numpy as np
import pytest

from course_lib import recipes
from course_lib.datasets import pad_sequences
from course_lib.functions import softmax
from course_lib.gradcheck import check_model
from course_lib.models import SentimentLSTM

V = 13
rng0 = np.random.default_rng(0)
SEQS = [rng0.integers(1, V, size=n) for n in (5, 1, 3, 0, 4, 2)]
T_LABELS = np.array([0, 1, 1, 0, 1, 0])


def make(read, dropout=0.0, dtype=np.float64, seed=1):
    return SentimentLSTM(V, 5, 4, read=read, dropout_ratio=dropout, dtype=dtype,
                         rng=np.random.default_rng(seed))


@pytest.mark.parametrize("read, padding", [("last", "pre"), ("mask", "post"), ("last", "post")])
@pytest.mark.parametrize("dropout", [0.0, 0.4])
def test_gradient_check_whole_model(read, padding, dropout):
    model = make(read, dropout)
    X, _ = pad_sequences(SEQS, padding=padding)

    def loss():
        # the same dropout masks on every call, so the loss is a function of the params
        model.embed_dropout.rng = np.random.default_rng(5)
        model.state_dropout.rng = np.random.default_rng(6)
        return model.forward(X, T_LABELS)

    errors = check_model(model, loss)
    assert len(errors) == 6 and max(errors.values()) < 1e-6, errors


def _reference_scores(model, seq):
    """Scores of one unpadded sentence: Affine of the LSTM state after its last word."""
    W, b = model.affine.params
    if len(seq) == 0:
        return b.copy()
    hs = model.lstm.forward(model.embed.forward(np.asarray(seq)[None]))
    return hs[0, -1] @ W + b


def test_mask_reads_each_sentence_at_its_true_end():
    model = make("mask")
    X, L = pad_sequences(SEQS, padding="post")
    scores = model.predict(X)
    expected = np.array([_reference_scores(model, s) for s in SEQS])
    np.testing.assert_allclose(scores, expected, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(model.predict(X, lengths=L), scores)
    # ids after the true end never matter; a longer pad tail neither
    X2, _ = pad_sequences(SEQS, maxlen=9, padding="post")
    np.testing.assert_allclose(model.predict(X2), scores, rtol=1e-10, atol=1e-12)


def test_last_reads_the_final_column_so_padding_side_matters():
    model = make("last")
    X_pre, _ = pad_sequences(SEQS, padding="pre")
    X_post, _ = pad_sequences(SEQS, padding="post")
    s_pre, s_post = model.predict(X_pre), model.predict(X_post)
    # the longest sentence has no padding: the same in both; a shorter one differs
    np.testing.assert_allclose(s_pre[0], _reference_scores(model, SEQS[0]), rtol=1e-10)
    np.testing.assert_allclose(s_post[0], s_pre[0], rtol=1e-10)
    np.testing.assert_allclose(s_post[2], _reference_scores(model, list(SEQS[2]) + [0, 0]),
                               rtol=1e-10)
    assert not np.allclose(s_post[2], _reference_scores(model, SEQS[2]))


def test_backward_routes_the_gradient_to_the_read_step():
    X, _ = pad_sequences(SEQS, padding="post")
    model = make("mask")
    model.forward(X, T_LABELS)
    model.backward()
    assert not model.grads[0][0].any(), "pads after the true end must get no gradient"
    model = make("last")
    model.forward(X, T_LABELS)
    model.backward()
    assert model.grads[0][0].any(), "with read='last', post-padding pads are read and learn"


def test_mask_refuses_pre_padding_and_bad_arguments():
    model = make("mask")
    X, _ = pad_sequences(SEQS, padding="pre")
    with pytest.raises(ValueError, match="post"):
        model.predict(X)
    with pytest.raises(ValueError, match="read"):
        SentimentLSTM(V, read="first")
    with pytest.raises(ValueError, match=r"\(N, T\)"):
        model.predict(np.arange(4))


def test_prefix_proba_and_predict_proba_agree():
    model = make("mask", dropout=0.5)
    seq = SEQS[0]
    p = model.prefix_proba(seq)
    assert p.shape == (len(seq), 2)
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    for k in range(1, len(seq) + 1):
        np.testing.assert_allclose(p[k - 1], softmax(_reference_scores(model, seq[:k])), rtol=1e-10)
    X, _ = pad_sequences(SEQS, padding="post")
    proba = model.predict_proba(X, batch_size=4)
    np.testing.assert_allclose(proba[0], p[-1], rtol=1e-10)
    assert model.prefix_proba([]).shape == (0, 2)
    assert 0.0 <= model.accuracy(X, T_LABELS) <= 1.0


def test_float32_params_and_save_load(tmp_path):
    model = make("mask", dtype=np.float32)
    assert all(p.dtype == np.float32 for p in model.params) and len(model.params) == 6
    path = model.save_params(tmp_path / "m.npz", dtype=np.float16)
    other = make("mask", dtype=np.float32, seed=9)
    other.load_params(path)
    for p, q in zip(model.params, other.params):
        np.testing.assert_allclose(q, p.astype(np.float16).astype(np.float32))


# ------------------------------------------------------------------ recipe
def test_recipe_loss_decreases_on_the_shipped_sample(tmp_path):
    model, results = recipes.train_sentiment(source="sample", max_epoch=6, progress=False,
                                             model=dict(wordvec_size=16, hidden_size=16, dropout_ratio=0.0),
                                             train=dict(lr=0.01, batch_size=16))
    loss = results["loss"]
    assert results["source"] == "sample" and results["seed"] == recipes.SENTIMENT_SEED
    assert loss[-1] < 0.5 * loss[0], loss
    assert results["train_acc"][-1] > 0.9
    assert results["n_train"] + results["n_val"] == 270 and results["n_test"] == 30
    assert results["test_accuracy"] == results["test_acc"][results["best_epoch"] - 1]
    assert results["val_accuracy"] == max(results["val_acc"])
    recipes.save("sentiment_mr", model, results, directory=tmp_path)
    loaded, loaded_results, vocab = recipes.load_sentiment("sentiment_mr", directory=tmp_path)
    assert loaded_results == json.loads(json.dumps(results))
    assert len(vocab) == results["vocab_size"] and vocab.id_to_word[:2] == ["<pad>", "<unk>"]
    for p, q in zip(model.params, loaded.params):
        np.testing.assert_allclose(q, p.astype(np.float16).astype(np.float32))


def test_recipe_is_reproducible_and_can_skip_the_test_split():
    kw = dict(source="sample", max_epoch=1, progress=False, evaluate_test=False,
              model=dict(wordvec_size=8, hidden_size=8))
    _, a = recipes.train_sentiment(**kw)
    _, b = recipes.train_sentiment(**kw)
    assert a["loss"] == b["loss"] and a["test_accuracy"] is None and "test_acc" not in a


def test_committed_weights_meet_the_bar():
    path = recipes.WEIGHTS_DIR / "sentiment_mr.npz"
    if not path.exists():
        pytest.skip("weights/sentiment_mr.npz not trained yet")
    model, results, vocab = recipes.load_sentiment("sentiment_mr")
    assert results["source"] == "mr" and results["test_accuracy"] >= 0.77
    assert all(p.dtype == np.float32 for p in model.params)
    stored = np.load(path, allow_pickle=False)
    assert all(stored[k].dtype == np.float16 for k in stored.files)
    good = model.predict_proba(pad_sequences([vocab.encode("a moving , beautifully acted film .")],
                                             padding=results["padding"])[0])
    bad = model.predict_proba(pad_sequences([vocab.encode("a dull , tedious and boring mess .")],
                                            padding=results["padding"])[0])
    assert good[0, 1] > 0.5 > bad[0, 1]
