"""Tests of course_lib.widgets.word2vec (week 16): the analogy explorer and the neighbourhood map."""
import matplotlib

matplotlib.use("Agg")  # headless, before anything imports pyplot

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course_lib import text, widgets  # noqa: E402
from course_lib.widgets.word2vec import _TYPED, BOOK_ANALOGIES  # noqa: E402
# the shared helpers of the widget tests (and their autouse rc-restoring fixture)
from test_widgets_sequence import _check_box, _png, _restore_rc  # noqa: E402,F401


@pytest.fixture
def vocab():
    """Small vectors in which every book analogy has its answer exactly at b - a + c.

    The other words are short random vectors, so the book's score (the rows' dot
    product with the normalised query) ranks the exact answer first.
    """
    rng = np.random.default_rng(0)
    words = ["you", "we", "i", "they", "year", "month", "week", "car", "auto", "toyota", "ford"]
    vecs = {w: 0.3 * rng.standard_normal(6) for w in words}
    for a, b, c, d in BOOK_ANALOGIES:
        for w in (a, b, c):
            vecs.setdefault(w, rng.standard_normal(6))
        vecs[d] = vecs[b] - vecs[a] + vecs[c]
    vecs["we"] = vecs["you"] + 0.01 * rng.standard_normal(6)      # the nearest neighbour of "you"
    id_to_word = dict(enumerate(vecs))
    word_to_id = {w: i for i, w in id_to_word.items()}
    W = np.array([vecs[id_to_word[i]] for i in range(len(vecs))], dtype=np.float32)
    return W, word_to_id, id_to_word


# ---------------------------------------------------------------- analogy_explorer
def test_analogy_explorer_solves_the_presets_and_follows_the_menu(vocab):
    W, w2i, i2w = vocab
    box = widgets.analogy_explorer(W, w2i, i2w)
    _check_box(box, ["preset", "a", "b", "c"])
    c = box.controls
    assert (box.state["a"], box.state["b"], box.state["c"]) == ("king", "man", "queen")
    assert box.state["answers"][0][0] == "woman" and box.state["rank"] == 1
    assert box.state["expected"] == "woman" and box.state["error"] is None
    assert box.state["answers"] == text.analogy("king", "man", "queen", w2i, i2w, W, top=5, verbose=False)
    assert "woman" in box.info.value and "1위" in box.info.value
    before = _png(box)

    c["preset"].value = 2                                  # car : cars = child : ?
    assert (c["a"].value, c["b"].value, c["c"].value) == ("car", "cars", "child")
    assert box.state["answers"][0][0] == "children" and box.state["expected"] == "children"
    assert len(box.state["answers"]) == 5
    assert _png(box) != before


def test_analogy_explorer_typed_question_and_unknown_word(vocab):
    W, w2i, i2w = vocab
    box = widgets.analogy_explorer(W, w2i, i2w, top=3)
    c = box.controls
    c["c"].value = "Bad"                                   # king : man = bad : ? (case is forgiven)
    assert c["preset"].value == _TYPED
    assert box.state["c"] == "bad" and box.state["expected"] is None and box.state["rank"] is None
    assert len(box.state["answers"]) == 3
    assert not {"king", "man", "bad"} & {w for w, _ in box.state["answers"]}   # a, b, c are left out

    c["a"].value = "zebra"
    assert box.state["error"] and "어휘" in box.state["error"] and "'zebra'" in box.state["error"]
    assert "어휘(vocabulary)에 없는 단어" in box.info.value
    assert _png(box) is None and box.state["answers"] is None

    c["preset"].value = 1                                  # a preset repairs everything
    assert box.state["error"] is None and box.state["answers"][0][0] == "went"
    c["b"].value = "take"                                  # a = b: three different words are needed
    assert "서로 다른 세 단어" in box.state["error"]


def test_analogy_explorer_rejects_bad_arguments(vocab):
    W, w2i, i2w = vocab
    with pytest.raises(ValueError, match="top"):
        widgets.analogy_explorer(W, w2i, i2w, top=0)
    with pytest.raises(ValueError, match="missing from the vocabulary"):
        widgets.analogy_explorer(W, w2i, i2w, presets=[("king", "man", "unicorn", None)])
    with pytest.raises(ValueError, match="word_to_id"):
        widgets.analogy_explorer(W[:-1], w2i, i2w)
    with pytest.raises(ValueError, match="id_to_word"):
        widgets.analogy_explorer(W, w2i, {i: w.upper() for i, w in i2w.items()})


# ---------------------------------------------------------------- word_neighbourhood
def test_word_neighbourhood_ranks_by_cosine_and_reacts_to_k(vocab):
    W, w2i, i2w = vocab
    box = widgets.word_neighbourhood(W, w2i, i2w, word="you", k=4)
    _check_box(box, ["preset", "word", "k"])
    s = box.state
    assert s["word"] == "you" and s["k"] == 4 and s["error"] is None
    # brute force: cosine similarity of every other word
    unit = W / np.linalg.norm(W, axis=1, keepdims=True)
    sims = unit @ unit[w2i["you"]]
    sims[w2i["you"]] = -np.inf
    want = [i2w[int(i)] for i in np.argsort(-sims)[:4]]
    assert [w for w, _ in s["neighbours"]] == want and want[0] == "we"
    np.testing.assert_allclose([v for _, v in s["neighbours"]], np.sort(sims)[::-1][:4], rtol=1e-5)
    assert s["xy"].shape == (5, 2)
    # the map is the PCA of the 5 vectors: centred coordinates, first axis the widest
    np.testing.assert_allclose(s["xy"].mean(axis=0), 0, atol=1e-9)
    assert np.var(s["xy"][:, 0]) >= np.var(s["xy"][:, 1])
    before = _png(box)

    box.controls["k"].value = 9
    assert len(box.state["neighbours"]) == 9 and box.state["xy"].shape == (10, 2)
    assert _png(box) != before
    assert box.info.value.count("<tr>") == 10             # header + 9 rows


def test_word_neighbourhood_menu_typing_and_unknown_word(vocab):
    W, w2i, i2w = vocab
    box = widgets.word_neighbourhood(W, w2i, i2w, word="year", k=3)
    c = box.controls
    assert c["preset"].value == "year"
    c["preset"].value = "car"
    assert c["word"].value == "car" and box.state["word"] == "car"
    c["word"].value = "MONTH"                               # not in the menu, case forgiven
    assert box.state["word"] == "month" and c["preset"].value == _TYPED
    c["word"].value = "unicorn"
    assert box.state["error"] and "'unicorn'" in box.state["error"] and _png(box) is None
    c["word"].value = "toyota"
    assert box.state["error"] is None and c["preset"].value == "toyota" and _png(box)


def test_word_neighbourhood_rejects_bad_arguments(vocab):
    W, w2i, i2w = vocab
    with pytest.raises(ValueError, match="not in the vocabulary"):
        widgets.word_neighbourhood(W, w2i, i2w, word="unicorn")
    with pytest.raises(ValueError, match="k must be"):
        widgets.word_neighbourhood(W, w2i, i2w, k=0)
    with pytest.raises(ValueError, match="matrix"):
        widgets.word_neighbourhood(W[0], w2i, i2w)
