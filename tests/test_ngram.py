from collections import Counter

import numpy as np
import pytest

from course_lib.datasets import load_ptb
from course_lib.ngram import NGramLM

# "you say goodbye and i say hello ." as ids: you 0, say 1, goodbye 2, and 3, i 4, hello 5, . 6
TINY = np.array([0, 1, 2, 3, 4, 1, 5, 6])
V_TINY = 7
YOU, SAY, GOODBYE, HELLO, DOT = 0, 1, 2, 5, 6


def test_counts_by_hand():
    lm = NGramLM(n=3, smoothing="none").fit(TINY, V_TINY)
    assert lm.count((SAY,)) == 2
    assert lm.count((YOU,)) == 1
    assert lm.count((SAY, GOODBYE)) == 1
    assert lm.count((SAY, HELLO)) == 1
    assert lm.count((SAY, YOU)) == 0
    assert lm.count((4, SAY, HELLO)) == 1
    assert lm.count((0, SAY, HELLO)) == 0


def test_counts_match_a_counter_on_random_text():
    rng = np.random.default_rng(0)
    corpus = rng.integers(0, 12, size=3000)
    lm = NGramLM(n=3, smoothing="none").fit(corpus, 12)
    tri = Counter(zip(corpus[:-2].tolist(), corpus[1:-1].tolist(), corpus[2:].tolist()))
    for gram in [(1, 2, 3), (0, 0, 0), (11, 5, 7), (3, 3, 9)]:
        assert lm.count(gram) == tri[gram]


def test_mle_bigram_by_hand():
    lm = NGramLM(n=2, smoothing="none").fit(TINY, V_TINY)
    assert lm.prob((SAY,), GOODBYE) == pytest.approx(1 / 2)
    assert lm.prob((SAY,), HELLO) == pytest.approx(1 / 2)
    assert lm.prob((SAY,), YOU) == 0.0
    # a longer context uses its last n-1 ids
    assert lm.prob((YOU, 4, SAY), HELLO) == pytest.approx(1 / 2)
    # '.' ends the text, so it was never a context: no estimate at all
    assert lm.next_distribution((DOT,)).sum() == 0.0


def test_add_k_bigram_by_hand():
    lm = NGramLM(n=2, smoothing="add-k", k=1.0).fit(TINY, V_TINY)
    assert lm.prob((SAY,), GOODBYE) == pytest.approx((1 + 1) / (2 + 7))
    assert lm.prob((SAY,), YOU) == pytest.approx(1 / (2 + 7))
    half = NGramLM(n=2, smoothing="add-k", k=0.5).fit(TINY, V_TINY)
    assert half.prob((SAY,), GOODBYE) == pytest.approx(1.5 / (2 + 3.5))
    # unseen context: uniform
    np.testing.assert_allclose(lm.next_distribution((DOT,)), np.full(V_TINY, 1 / V_TINY))


def test_backoff_by_hand():
    lm = NGramLM(n=2, smoothing="backoff", discount=0.5).fit(TINY, V_TINY)
    # unigram: (c(w) - d + d * types / V) / N with N = 8, types = 7, V = 7
    p1_goodbye = (1 - 0.5 + 0.5) / 8
    assert lm.prob((DOT,), SAY) == pytest.approx((2 - 0.5 + 0.5) / 8)   # unseen context → unigram
    assert lm.prob((SAY,), GOODBYE) == pytest.approx((1 - 0.5 + 0.5 * 2 * p1_goodbye) / 2)
    assert lm.prob((SAY,), YOU) == pytest.approx(0.5 * 2 * (1 / 8) / 2)


def _naive_backoff(corpus, V, n, d, context, word):
    """Interpolated absolute discounting, straight from the formula with Counters."""
    uni = Counter(corpus.tolist())
    N = len(corpus)
    p = (max(uni[word] - d, 0) + d * len(uni) / V) / N
    for m in range(2, n + 1):
        grams = Counter(tuple(corpus[i:i + m].tolist()) for i in range(len(corpus) - m + 1))
        h = tuple(context[len(context) - (m - 1):])
        c_h = sum(c for g, c in grams.items() if g[:-1] == h)
        if c_h == 0:
            continue
        types = sum(1 for g in grams if g[:-1] == h)
        p = (max(grams[h + (word,)] - d, 0) + d * types * p) / c_h
    return p


def test_backoff_matches_the_formula_on_random_text():
    rng = np.random.default_rng(1)
    corpus = rng.integers(0, 6, size=400) * (rng.random(400) < 0.7)   # skewed, some ids rarer
    lm = NGramLM(n=3, smoothing="backoff", discount=0.6).fit(corpus, 8)   # ids 6, 7 never occur
    for context, word in [((0, 0), 0), ((1, 2), 3), ((5, 4), 7), ((7, 6), 1), ((2, 0), 5)]:
        assert lm.prob(context, word) == pytest.approx(_naive_backoff(corpus, 8, 3, 0.6, context, word))


@pytest.mark.parametrize("n", [1, 2, 3])
@pytest.mark.parametrize("smoothing", ["add-k", "backoff"])
def test_distributions_sum_to_one_for_seen_and_unseen_contexts(n, smoothing):
    lm = NGramLM(n=n, smoothing=smoothing, k=0.3).fit(TINY, V_TINY + 2)   # 2 never-seen words
    for context in [(YOU, SAY), (4, SAY), (DOT, DOT), (7, 8), (SAY, 8)]:
        dist = lm.next_distribution(context)
        assert dist.shape == (V_TINY + 2,)
        assert np.all(dist > 0)
        assert dist.sum() == pytest.approx(1.0)
        assert lm.prob(context, 3) == pytest.approx(dist[3])


def test_mle_distribution_sums_to_one_for_a_seen_context():
    lm = NGramLM(n=3, smoothing="none").fit(TINY, V_TINY)
    assert lm.next_distribution((4, SAY)).sum() == pytest.approx(1.0)
    assert lm.next_distribution((4, SAY))[HELLO] == pytest.approx(1.0)


def test_probs_and_perplexity():
    lm = NGramLM(n=2, smoothing="add-k").fit(TINY, V_TINY)
    p = lm.probs(TINY)
    assert p.shape == (len(TINY) - 1,)
    assert p[0] == pytest.approx(lm.prob((YOU,), SAY))
    assert lm.perplexity(TINY) == pytest.approx(np.exp(-np.mean(np.log(p))))


def test_uniform_model_has_perplexity_v():
    V = 9
    lm = NGramLM(n=1, smoothing="none").fit(np.tile(np.arange(V), 4), V)
    other = np.random.default_rng(0).integers(0, V, size=50)
    assert lm.perplexity(other) == pytest.approx(V)
    # add-k with an enormous k forgets the counts: uniform too
    big_k = NGramLM(n=2, smoothing="add-k", k=1e9).fit(TINY, V_TINY)
    assert big_k.perplexity(TINY) == pytest.approx(V_TINY, rel=1e-6)


def test_unsmoothed_model_is_infinitely_perplexed_by_an_unseen_ngram():
    unseen = np.array([YOU, SAY, YOU])             # (say, you) never occurred
    assert NGramLM(n=2, smoothing="none").fit(TINY, V_TINY).perplexity(unseen) == float("inf")
    assert NGramLM(n=2, smoothing="none").fit(TINY, V_TINY).perplexity(TINY) < 2
    for smoothing in ("add-k", "backoff"):
        ppl = NGramLM(n=2, smoothing=smoothing).fit(TINY, V_TINY).perplexity(unseen)
        assert np.isfinite(ppl) and ppl > 1


def test_sparsity():
    lm = NGramLM(n=2, smoothing="none").fit(TINY, V_TINY)
    assert lm.sparsity() == pytest.approx(1 - 7 / 49)       # 7 distinct bigrams of 49
    assert lm.sparsity(np.array([YOU, SAY, YOU, SAY])) == pytest.approx(1 / 3)
    assert lm.sparsity(TINY) == 0.0


@pytest.fixture(scope="module")
def builtin_corpus():
    train, word_to_id, _ = load_ptb("train", source="builtin")
    valid, _, _ = load_ptb("valid", source="builtin")
    return train, valid, len(word_to_id)


@pytest.mark.parametrize("n", [2, 3])
def test_backoff_beats_add_one_on_held_out_text(builtin_corpus, n):
    train, valid, V = builtin_corpus
    add_one = NGramLM(n=n, smoothing="add-k", k=1.0).fit(train, V).perplexity(valid)
    backoff = NGramLM(n=n, smoothing="backoff").fit(train, V).perplexity(valid)
    unigram = NGramLM(n=1, smoothing="backoff").fit(train, V).perplexity(valid)
    assert np.isfinite(add_one) and np.isfinite(backoff)
    assert backoff < add_one
    assert backoff < unigram < V


def test_errors_say_what_to_do():
    with pytest.raises(ValueError, match="smoothing"):
        NGramLM(smoothing="kneser")
    with pytest.raises(ValueError, match="n must be"):
        NGramLM(n=0)
    with pytest.raises(ValueError, match="k > 0"):
        NGramLM(smoothing="add-k", k=0)
    with pytest.raises(RuntimeError, match="fit"):
        NGramLM().prob((0,), 1)
    with pytest.raises(ValueError, match="outside"):
        NGramLM().fit(TINY, 5)
    with pytest.raises(ValueError, match="1-D array of integer"):
        NGramLM().fit(TINY.astype(float), V_TINY)
    with pytest.raises(ValueError, match="int64"):
        NGramLM(n=6).fit(TINY, 10000)
    lm = NGramLM(n=3).fit(TINY, V_TINY)
    with pytest.raises(ValueError, match="context of the last 2"):
        lm.prob((SAY,), HELLO)
    with pytest.raises(ValueError, match="outside"):
        lm.perplexity(np.array([0, 1, 99]))
