"""The length recipes of week 20 (seq2seq vs attention copying 1-30 digits): the committed
weights, the loss that leaves the padding out, the scoring and a short training run."""
import json

import numpy as np
import pytest

import course_lib.__main__ as cli
from course_lib import recipes
from course_lib.datasets.sequence import COPY_VOCAB

PAD, START = COPY_VOCAB.char_to_id[" "], COPY_VOCAB.char_to_id["_"]


@pytest.fixture(scope="module")
def committed():
    return {name: recipes.load_length(name) for name in recipes.LENGTH_RECIPES}


@pytest.mark.parametrize("name", sorted(recipes.LENGTH_RECIPES))
def test_committed_weights_load_and_reproduce_their_results(committed, name):
    model, results = committed[name]
    assert results["recipe"] == name and results["settings"]["max_epoch"] == len(results["loss"])
    stored = np.load(recipes.WEIGHTS_DIR / f"{name}.npz", allow_pickle=False)
    assert all(stored[k].dtype == np.float16 for k in stored.files)
    assert all(p.dtype == np.float32 for p in model.params)
    # the per-length accuracies were measured with the float16 weights: the same numbers again
    # (up to a rare tie of the arg-max on another BLAS)
    _, (x_test, t_test), _ = recipes.length_data(n_train=1)
    assert len(x_test) == results["n_test"]
    char_acc, exact = recipes.answer_accuracy(model, x_test, t_test, START, PAD)
    lengths = (x_test != PAD).sum(axis=1)
    assert results["lengths"] == sorted(set(lengths.tolist()))
    for k, rec_char, rec_exact in zip(results["lengths"], results["char_acc_by_length"], results["exact_by_length"]):
        assert abs(char_acc[lengths == k].mean() - rec_char) < 0.02, (name, k)
        assert abs(exact[lengths == k].mean() - rec_exact) < 0.02, (name, k)


def test_attention_keeps_long_inputs_and_the_fixed_vector_does_not(committed):
    _, att = committed["copy_attention"]
    _, s2s = committed["copy_seq2seq"]
    long = np.array(att["lengths"]) >= 20
    att_long = np.mean(np.array(att["char_acc_by_length"])[long])
    s2s_long = np.mean(np.array(s2s["char_acc_by_length"])[long])
    s2s_short = np.mean(np.array(s2s["char_acc_by_length"])[:3])         # 1-3 digits
    assert att_long >= 0.9, att_long
    assert s2s_long <= 0.5 and s2s_short >= 0.8, (s2s_long, s2s_short)


@pytest.mark.parametrize("name", sorted(recipes.LENGTH_RECIPES))
def test_the_loss_leaves_the_padding_out(name):
    rng = np.random.default_rng(3)
    model = recipes.build_length(name, rng=rng)
    assert model.loss_layer.ignore_label == PAD
    (x, t), _, _ = recipes.length_data(n_train=16, per_length_test=1)
    longer = np.concatenate([t, np.full((len(t), 7), PAD, dtype=t.dtype)], axis=1)   # more padding
    assert model.forward(x, t) == pytest.approx(model.forward(x, longer), rel=1e-6)


def test_answer_accuracy_scores_the_real_positions_only():
    class Fixed:
        def __init__(self, guess):
            self.guess = np.array(guess)

        def generate(self, xs, start_id, length):
            assert start_id == START and length == self.guess.shape[1]
            return self.guess[:len(xs)]

    d = {c: COPY_VOCAB.char_to_id[c] for c in "0123456789."}
    t = np.array([[START, d["4"], d["2"], d["."], PAD], [START, d["7"], d["."], PAD, PAD]])
    guess = [[d["4"], d["2"], d["."], d["9"]],              # right, garbage after the end mark
             [d["1"], d["."], d["3"], d["3"]]]              # first digit wrong
    char_acc, exact = recipes.answer_accuracy(Fixed(guess), np.zeros((2, 3), int), t, START, PAD)
    np.testing.assert_allclose(char_acc, [1.0, 0.5])
    np.testing.assert_array_equal(exact, [True, False])


def test_train_length_learns_and_the_command_saves_it(capsys, monkeypatch, tmp_path):
    monkeypatch.setitem(recipes.LENGTH_TRAIN, "n_train", 1024)
    monkeypatch.setitem(recipes.LENGTH_TRAIN, "per_length_test", 2)
    rc = cli.main(["train", "copy_attention", "--epochs", "3", "--out", str(tmp_path)])
    out, err = capsys.readouterr()
    assert rc == 0, err
    assert "copy_attention: test exact match" in out
    model, results = recipes.load_length("copy_attention", directory=tmp_path)
    assert results["n_train"] == 1024 and len(results["loss"]) == 3
    assert results["loss"][-1] < results["loss"][0] < np.log(len(COPY_VOCAB)) + 0.05   # learning
    assert results["machine"]["cpus"] >= 1 and results["seed"] == recipes.SEQ2SEQ_SEED
    assert json.loads((tmp_path / "copy_attention.json").read_text(encoding="utf-8")) == results
