"""Tests of course_lib.text against book 2 ch. 2's worked example and naive references."""
import numpy as np
import pytest

import course_lib as cl
from course_lib import text

BOOK = "You say goodbye and I say hello."


@pytest.fixture
def toy():
    return text.preprocess(BOOK)


def naive_co_matrix(corpus, vocab_size, window_size):
    """The book's double loop (ch. 2.3.4), transcribed."""
    C = np.zeros((vocab_size, vocab_size), dtype=np.int32)
    for idx, word_id in enumerate(corpus):
        for i in range(1, window_size + 1):
            left, right = idx - i, idx + i
            if left >= 0:
                C[word_id, corpus[left]] += 1
            if right < len(corpus):
                C[word_id, corpus[right]] += 1
    return C


def naive_ppmi(C, eps=1e-8):
    """The book's double loop (ch. 2.4.1), transcribed."""
    M = np.zeros_like(C, dtype=np.float64)
    N = np.sum(C)
    S = np.sum(C, axis=0)
    for i in range(C.shape[0]):
        for j in range(C.shape[1]):
            pmi = np.log2(C[i, j] * N / (S[j] * S[i]) + eps)
            M[i, j] = max(0, pmi)
    return M


def test_preprocess_book_example(toy):
    corpus, word_to_id, id_to_word = toy
    assert corpus.tolist() == [0, 1, 2, 3, 4, 1, 5, 6]
    assert word_to_id == {"you": 0, "say": 1, "goodbye": 2, "and": 3, "i": 4, "hello": 5, ".": 6}
    assert id_to_word[4] == "i" and corpus.dtype == np.int32
    assert text.preprocess("a  b.  A")[0].tolist() == [0, 1, 2, 0]


def test_co_matrix_book_example(toy):
    corpus, word_to_id, _ = toy
    C = text.create_co_matrix(corpus, len(word_to_id), window_size=1)
    expected = np.array([
        [0, 1, 0, 0, 0, 0, 0],
        [1, 0, 1, 0, 1, 1, 0],
        [0, 1, 0, 1, 0, 0, 0],
        [0, 0, 1, 0, 1, 0, 0],
        [0, 1, 0, 1, 0, 0, 0],
        [0, 1, 0, 0, 0, 0, 1],
        [0, 0, 0, 0, 0, 1, 0],
    ], dtype=np.int32)
    np.testing.assert_array_equal(C, expected)
    assert C.dtype == np.int32


@pytest.mark.parametrize("window_size", [1, 2, 3, 5])
def test_co_matrix_matches_book_loop(window_size):
    rng = np.random.default_rng(window_size)
    corpus = rng.integers(0, 12, size=200)
    np.testing.assert_array_equal(text.create_co_matrix(corpus, 12, window_size),
                                  naive_co_matrix(corpus, 12, window_size))
    short = np.array([3, 1])          # shorter than the window
    np.testing.assert_array_equal(text.create_co_matrix(short, 4, window_size),
                                  naive_co_matrix(short, 4, window_size))


def test_cos_similarity_and_most_similar(toy, capsys):
    corpus, word_to_id, id_to_word = toy
    C = text.create_co_matrix(corpus, len(word_to_id))
    sim = text.cos_similarity(C[word_to_id["you"]], C[word_to_id["i"]])
    assert sim == pytest.approx(0.7071067691154799, abs=1e-9)   # the book's printed value
    assert text.cos_similarity(np.zeros(3), np.ones(3)) == 0.0
    result = text.most_similar("you", word_to_id, id_to_word, C, top=5)
    assert [w for w, _ in result] == ["goodbye", "i", "hello", "say", "and"]
    np.testing.assert_allclose([s for _, s in result], [0.7071068] * 3 + [0, 0], atol=1e-6)
    out = capsys.readouterr().out
    assert "[query] you" in out and " i: 0.7071" in out
    assert text.most_similar("zebra", word_to_id, id_to_word, C) == []
    assert "zebra" in capsys.readouterr().out
    # the vectorised similarities equal cos_similarity row by row
    rng = np.random.default_rng(0)
    W = rng.standard_normal((20, 4))
    w2i = {f"w{i}": i for i in range(20)}
    i2w = {i: w for w, i in w2i.items()}
    got = dict(text.most_similar("w3", w2i, i2w, W, top=19, verbose=False))
    for word, s in got.items():
        assert s == pytest.approx(text.cos_similarity(W[3], W[w2i[word]]), abs=1e-12)


def test_ppmi_book_example(toy):
    corpus, word_to_id, _ = toy
    M = text.ppmi(text.create_co_matrix(corpus, len(word_to_id)))
    assert M.dtype == np.float32
    expected_row1 = [1.807, 0.0, 0.807, 0.0, 0.807, 0.807, 0.0]   # the book's print
    np.testing.assert_allclose(M[1], expected_row1, atol=1e-3)
    assert M[5, 6] == pytest.approx(2.807, abs=1e-3)
    np.testing.assert_allclose(M, M.T)


def test_ppmi_matches_double_loop_on_random_counts(capsys):
    rng = np.random.default_rng(7)
    C = rng.poisson(0.8, size=(40, 40)).astype(np.int32)
    C = C + C.T
    C[:, 5] = 0
    C[5, :] = 0                       # a word that never co-occurs: S = 0
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = naive_ppmi(C)
    got = text.ppmi(C, verbose=True, block_rows=7)   # blocks that do not divide 40
    np.testing.assert_allclose(got, expected, rtol=2e-5, atol=2e-5)
    assert "100% 완료" in capsys.readouterr().out
    # the eps is the book's: added inside the log
    with np.errstate(divide="ignore", invalid="ignore"):
        expected_eps = naive_ppmi(C, eps=0.5)
    np.testing.assert_allclose(text.ppmi(C, eps=0.5), expected_eps, rtol=2e-5, atol=2e-5)


def test_svd_exact_and_truncated():
    corpus, word_to_id, _ = text.preprocess(BOOK)
    M = text.ppmi(text.create_co_matrix(corpus, len(word_to_id)))
    U, S, Vt = text.svd(M)
    np.testing.assert_allclose(U @ np.diag(S) @ Vt, M, atol=1e-5)
    assert U[0, 0] == pytest.approx(0.3409, abs=1e-3) or U[0, 0] == pytest.approx(-0.3409, abs=1e-3)
    # a low-rank matrix: every truncated method recovers its singular values
    rng = np.random.default_rng(1)
    A = rng.standard_normal((300, 5)) @ rng.standard_normal((5, 200))
    _, s_exact, _ = np.linalg.svd(A)
    for method in ("randomized", "svds"):
        U, S, Vt = text.svd(A, k=5, method=method)
        assert U.shape == (300, 5) and S.shape == (5,) and Vt.shape == (5, 200)
        np.testing.assert_allclose(S, s_exact[:5], rtol=1e-6)
        assert np.all(np.diff(S) <= 0)
    sparse_like = np.where(rng.random((300, 200)) < 0.03, 1.0, 0.0)   # handed on as sparse
    _, S, _ = text.svd(sparse_like, k=3, method="randomized", n_iter=10)
    np.testing.assert_allclose(S, np.linalg.svd(sparse_like)[1][:3], rtol=1e-2)
    with pytest.raises(ValueError):
        text.svd(A, method="randomized")


def test_analogy_book_normalisation(capsys):
    words = ["king", "man", "queen", "woman", "apple"]
    w2i = {w: i for i, w in enumerate(words)}
    i2w = dict(enumerate(words))
    W = np.array([[1, 1, 0], [1, 0, 0], [0, 1, 1], [0, 0, 1], [5, -5, 0.]])
    # king : man = queen : ? → man - king + queen = (0, 0, 1) = woman
    result = text.analogy("king", "man", "queen", w2i, i2w, W, top=2, answer="woman")
    assert result[0][0] == "woman" and result[0][1] == pytest.approx(1.0)
    out = capsys.readouterr().out
    assert "[analogy] king:man = queen:?" in out and "==>woman" in out
    # rows are not normalised (the book's scores): a long row scores by its length
    W2 = W.copy()
    W2[4] = [0, 0, 3]
    assert text.analogy("king", "man", "queen", w2i, i2w, W2, verbose=False)[0] == ("apple", 3.0)
    top2 = text.analogy("king", "man", "queen", w2i, i2w, W2, verbose=False, cosine=True, top=2)
    assert {w for w, _ in top2} == {"woman", "apple"} and top2[0][1] == pytest.approx(top2[1][1])
    assert text.analogy("king", "man", "zebra", w2i, i2w, W) == []


def test_contexts_target_and_one_hot(toy):
    corpus, word_to_id, _ = toy
    contexts, target = text.create_contexts_target(corpus, window_size=1)
    np.testing.assert_array_equal(contexts, [[0, 2], [1, 3], [2, 4], [3, 1], [4, 5], [1, 6]])
    np.testing.assert_array_equal(target, [1, 2, 3, 4, 1, 5])
    # the book's loop, for a wider window
    rng = np.random.default_rng(3)
    c = rng.integers(0, 50, size=30)
    w = 3
    ctx, tgt = text.create_contexts_target(c, w)
    ref = [[c[i + t] for t in range(-w, w + 1) if t != 0] for i in range(w, len(c) - w)]
    np.testing.assert_array_equal(ctx, ref)
    np.testing.assert_array_equal(tgt, c[w:-w])
    one_hot = text.convert_one_hot(contexts, len(word_to_id))
    assert one_hot.shape == (6, 2, 7) and one_hot.dtype == np.int32
    np.testing.assert_array_equal(one_hot.argmax(axis=-1), contexts)
    assert text.convert_one_hot(target, 7).sum() == 6
    with pytest.raises(ValueError):
        text.create_contexts_target(corpus[:2], window_size=1)


def test_lazy_attribute():
    assert cl.text is text
