"""Training recipes and the committed weights the notebooks load."""
import json

import numpy as np
import pytest

from course_lib import recipes
from course_lib.training import seq2seq_accuracy

SEQ2SEQ_BARS = {   # committed weights must still answer the test questions this well
    "seq2seq_addition_peeky_reverse": 0.97,
    "attention_date": 0.99,
}


@pytest.mark.parametrize("name", ["rnnlm_ptb"] + sorted(recipes.SEQ2SEQ_RECIPES))
def test_committed_weights_load_and_match_their_results(name):
    model, results = recipes.load_pretrained(name)
    assert results["recipe"] == name
    stored = np.load(recipes.WEIGHTS_DIR / f"{name}.npz", allow_pickle=False)
    assert all(stored[k].dtype == np.float16 for k in stored.files)
    assert all(p.dtype == np.float32 for p in model.params)
    if name in SEQ2SEQ_BARS:
        _, (x_test, t_test), vocab = recipes.seq2seq_data(name)
        acc = seq2seq_accuracy(model, x_test[:500], t_test[:500], vocab.char_to_id["_"])
        assert acc >= SEQ2SEQ_BARS[name], (name, acc)
        assert results["test_acc"][-1] >= SEQ2SEQ_BARS[name]


def test_committed_weights_stay_small():
    # float16 .npz: the PTB LM (3.9 MB) and the CBOW vectors (about 1.9 MB) are the big ones
    total = sum(p.stat().st_size for p in recipes.WEIGHTS_DIR.glob("*.npz"))
    assert total < 16 * 2**20, f"committed weights are {total / 2**20:.1f} MB"


def test_train_lm_is_reproducible_and_records_its_seed():
    _, a = recipes.train_lm("rnnlm_ptb", source="builtin", max_epoch=1, progress=False, rng_seed=5)
    _, b = recipes.train_lm("rnnlm_ptb", source="builtin", max_epoch=1, progress=False, rng_seed=5)
    assert a["seed"] == 5 and a["test_ppl"] == b["test_ppl"]
    assert a["val_ppl"][-1] < 0.5 * a["vocab_size"]      # one epoch is far better than uniform


def test_save_then_load_pretrained_round_trip(tmp_path):
    model, results = recipes.train_seq2seq("seq2seq_addition_reverse", max_epoch=1, n_train=256,
                                           n_test=64, progress=False)
    assert results["seed"] == recipes.SEQ2SEQ_SEED
    recipes.save("seq2seq_addition_reverse", model, results, directory=tmp_path)
    loaded, loaded_results = recipes.load_pretrained("seq2seq_addition_reverse", directory=tmp_path)
    assert loaded_results == json.loads(json.dumps(results))
    for p, q in zip(model.params, loaded.params):
        np.testing.assert_allclose(q, p.astype(np.float16).astype(np.float32))


def test_unknown_recipe_and_missing_weights_say_what_to_do(tmp_path):
    with pytest.raises(ValueError, match="known"):
        recipes.build("rnnlm_typo")
    with pytest.raises(FileNotFoundError, match="python -m course_lib train rnnlm_ptb"):
        recipes.load_pretrained("rnnlm_ptb", directory=tmp_path)


def test_committed_deep_convnet_reaches_the_books_accuracy():
    model, results = recipes.load_convnet("deep_convnet_mnist")
    assert results["recipe"] == "deep_convnet_mnist" and len(results["test_acc"]) == results["train"]["max_epoch"]
    assert results["test_accuracy"] >= 0.993          # all 10,000 test images, float16 weights
    assert len(results["wrong_indices"]) == round((1 - results["test_accuracy"]) * results["n_test"])
    assert all(p.dtype == np.float32 for p in model.params)


def test_train_convnet_learns_and_records_what_it_measured(tmp_path):
    model, results = recipes.train_convnet(max_epoch=2, n_train=1000, source="sample", progress=False,
                                           rng_seed=3)
    assert len(results["iter_loss"]) == 20 and results["loss"][1] < results["loss"][0]
    assert np.mean(results["iter_loss"][-4:]) < np.mean(results["iter_loss"][:4]) - 0.2
    assert 0.0 <= results["test_accuracy"] <= 1.0 and results["machine"]["cpus"] >= 1
    recipes.save("deep_convnet_mnist", model, results, directory=tmp_path)
    loaded, again = recipes.load_convnet("deep_convnet_mnist", directory=tmp_path)
    assert again == json.loads(json.dumps(results))
    x = np.random.default_rng(0).random((4, 1, 28, 28), dtype=np.float32)
    # the results' accuracy was measured with float16-rounded weights: the saved model is that model
    np.testing.assert_allclose(loaded.predict(x), model.predict(x), rtol=1e-5, atol=1e-5)


def test_committed_cbow_vectors_load_without_ptb_and_answer_the_books_queries():
    W, word_to_id, id_to_word, results = recipes.load_word_vectors("cbow_ptb")
    assert W.shape == (results["vocab_size"], results["settings"]["hidden_size"]) == (10000, 100)
    assert results["loss"][-1] < results["loss"][0]
    from course_lib.text import analogy, most_similar
    assert "we" in [w for w, _ in most_similar("you", word_to_id, id_to_word, W, top=10, verbose=False)]
    hits = [d in [w for w, _ in analogy(a, b, c, word_to_id, id_to_word, W, top=5, verbose=False)]
            for a, b, c, d in [("king", "man", "queen", "woman"), ("take", "took", "go", "went"),
                               ("car", "cars", "child", "children"), ("good", "better", "bad", "worse")]]
    assert sum(hits) >= 3, hits                                    # the bar


def test_word_vectors_round_trip_with_their_vocabulary(tmp_path):
    model, results = recipes.train_word2vec("cbow_ptb", source="builtin", max_epoch=1, progress=False)
    assert results["loss_every_20"] and results["n_contexts"] > 0
    recipes.save_word_vectors("cbow_ptb", model, results, directory=tmp_path)
    W, word_to_id, id_to_word, _ = recipes.load_word_vectors("cbow_ptb", directory=tmp_path)
    np.testing.assert_array_equal(W, model.word_vecs.astype(np.float16).astype(np.float32))
    assert [id_to_word[i] for i in range(3)] == results["vocab"].split(" ")[:3]
    assert all(word_to_id[w] == i for i, w in id_to_word.items())
    with pytest.raises(FileNotFoundError, match="python -m course_lib train skipgram_ptb"):
        recipes.load_word_vectors("skipgram_ptb", directory=tmp_path)
