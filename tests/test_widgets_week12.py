"""Tests of course_lib.widgets.wordvec (week 12): the similar-words demo."""
import matplotlib

matplotlib.use("Agg")  # headless, before anything imports pyplot

import ipywidgets  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from scipy import sparse  # noqa: E402

from course_lib import text, widgets  # noqa: E402
from course_lib.widgets.wordvec import _CosineIndex  # noqa: E402


@pytest.fixture(autouse=True)
def _restore_rc():
    with matplotlib.rc_context():
        yield


def _png(box):
    outs = box.output.outputs
    assert len(outs) <= 1
    return outs[0]["data"]["image/png"] if outs else None


@pytest.fixture(scope="module")
def toy():
    corpus, w2i, i2w = text.preprocess("You say goodbye and I say hello. You say hi and I say bye.")
    C = text.create_co_matrix(corpus, len(w2i), 1)
    M = text.ppmi(C)
    U, _, _ = text.svd(M, k=3)
    return {"count": C, "PPMI": M, "SVD": U}, w2i, i2w


def _expected(query, matrix, w2i, i2w, k):
    return text.most_similar(query, w2i, i2w, matrix, top=k, verbose=False)


def test_widget_matches_most_similar_and_reacts_to_every_control(toy):
    vectors, w2i, i2w = toy
    box = widgets.similar_words(vectors, w2i, i2w, query="you", top=3)
    assert isinstance(box, ipywidgets.VBox)
    assert set(box.controls) == {"query", "vectors", "top"}
    assert box.state["vectors"] == "count" and box.state["error"] is None
    want = _expected("you", vectors["count"], w2i, i2w, 3)
    assert box.state["words"] == [w for w, _ in want]
    np.testing.assert_allclose(box.state["similarities"], [s for _, s in want], atol=1e-12)
    first = _png(box)
    assert first and "you" in box.info.value

    box.controls["vectors"].value = "PPMI"
    want = _expected("you", vectors["PPMI"], w2i, i2w, 3)
    assert box.state["vectors"] == "PPMI" and box.state["words"] == [w for w, _ in want]
    np.testing.assert_allclose(box.state["similarities"], [s for _, s in want], atol=1e-6)
    assert _png(box) != first

    box.controls["top"].value = 6
    assert len(box.state["words"]) == 6 and "you" not in box.state["words"]
    assert box.state["similarities"] == sorted(box.state["similarities"], reverse=True)

    box.controls["query"].value = "Hello"          # looked up in lower case
    assert box.state["query"] == "hello" and box.state["error"] is None
    want = _expected("hello", vectors["PPMI"], w2i, i2w, 6)
    assert box.state["words"] == [w for w, _ in want]


def test_unknown_and_empty_words_give_a_korean_message_not_an_error(toy):
    vectors, w2i, i2w = toy
    box = widgets.similar_words(vectors, w2i, i2w, query="say", kind="SVD")
    assert _png(box)
    box.controls["query"].value = "helo"
    assert "어휘(vocabulary)에 없는 단어" in box.state["error"] and "hello" in box.state["error"]
    assert box.state["words"] == [] and _png(box) is None
    assert "helo" in box.info.value
    box.controls["query"].value = "   "
    assert box.state["error"] == "단어를 하나 입력하세요."
    box.controls["query"].value = "you say"
    assert "하나만" in box.state["error"]
    box.controls["query"].value = "i"                 # back to a known word
    assert box.state["error"] is None and _png(box)


def test_large_sparse_matrix_goes_to_csr_with_the_same_similarities():
    rng = np.random.default_rng(0)
    V = 1100                                          # 1.21 M entries: above the dense limit
    dense = np.zeros((V, V), dtype=np.int32)
    rows, cols = rng.integers(0, V, 6000), rng.integers(0, V, 6000)
    dense[rows, cols] = rng.integers(1, 5, 6000)
    index = _CosineIndex(dense)
    assert sparse.issparse(index.W) and index.density < 0.01
    for q in (0, 17, 500):
        want = np.array([text.cos_similarity(dense[j], dense[q]) for j in range(V)])
        np.testing.assert_allclose(index.similarities(q), want, atol=1e-12)
    # a SciPy matrix passed in works too
    sp_index = _CosineIndex(sparse.csr_matrix(dense))
    np.testing.assert_allclose(sp_index.similarities(3), index.similarities(3))


def test_small_dense_and_zero_rows():
    W = np.array([[1.0, 0.0], [2.0, 0.0], [0.0, 0.0], [0.0, -1.0]])
    sims = _CosineIndex(W).similarities(0)
    np.testing.assert_allclose(sims, [1.0, 1.0, 0.0, 0.0], atol=1e-7)
    assert np.all(np.isfinite(_CosineIndex(W).similarities(2)))


def test_prepares_each_matrix_once(toy, monkeypatch):
    from course_lib.widgets import wordvec

    built = []
    real = wordvec._CosineIndex

    class Counting(real):
        def __init__(self, W):
            built.append(W.shape)
            super().__init__(W)

    monkeypatch.setattr(wordvec, "_CosineIndex", Counting)
    vectors, w2i, i2w = toy
    box = widgets.similar_words(vectors, w2i, i2w, query="you")
    for kind in ("SVD", "count", "SVD", "PPMI", "count"):
        box.controls["vectors"].value = kind
    box.controls["query"].value = "i"
    assert len(built) == 3


def test_rejects_bad_arguments(toy):
    vectors, w2i, i2w = toy
    with pytest.raises(ValueError, match="non-empty dict"):
        widgets.similar_words({}, w2i, i2w)
    with pytest.raises(ValueError, match="one row per word"):
        widgets.similar_words({"bad": np.zeros((3, 2))}, w2i, i2w)
    with pytest.raises(ValueError, match="kind"):
        widgets.similar_words(vectors, w2i, i2w, kind="GloVe")
    with pytest.raises(ValueError, match="query"):
        widgets.similar_words(vectors, w2i, i2w, query="zebra")
    with pytest.raises(ValueError, match="id_to_word"):
        widgets.similar_words(vectors, w2i, {i: w.upper() for i, w in i2w.items()})
    with pytest.raises(ValueError, match="top"):
        widgets.similar_words(vectors, w2i, i2w, top=0)
