import numpy as np
import pytest

from course_lib.attention import (AdditiveAttentionWeight, Attention, AttentionWeight,
                                  TimeAttention, WeightSum)
from course_lib.gradcheck import assert_gradients_close, check_layer

N, T, Q, H, A = 2, 5, 3, 4, 6


@pytest.fixture
def rng():
    return np.random.default_rng(0)


@pytest.mark.parametrize("query_shape", [(N, T), (N, Q, T)])
def test_weight_sum_gradient(rng, query_shape):
    a = rng.random(query_shape)
    assert_gradients_close(check_layer(WeightSum(), rng.standard_normal((N, T, H)), a))


@pytest.mark.parametrize("query_shape", [(N, H), (N, Q, H)])
def test_attention_weight_gradient(rng, query_shape):
    assert_gradients_close(check_layer(AttentionWeight(), rng.standard_normal((N, T, H)),
                                       rng.standard_normal(query_shape)))


@pytest.mark.parametrize("query_shape", [(N, H), (N, Q, H)])
def test_additive_attention_weight_gradient(rng, query_shape):
    layer = AdditiveAttentionWeight(rng.standard_normal((H, A)), rng.standard_normal((H, A)),
                                    rng.standard_normal(A))
    assert_gradients_close(check_layer(layer, rng.standard_normal((N, T, H)),
                                       rng.standard_normal(query_shape)))


@pytest.mark.parametrize("kind", ["dot", "additive"])
def test_time_attention_gradient_with_mask(rng, kind):
    params = () if kind == "dot" else (rng.standard_normal((H, A)), rng.standard_normal((H, A)),
                                       rng.standard_normal(A))
    mask = np.ones((N, T), dtype=bool)
    mask[0, 3:] = False
    layer = TimeAttention(kind, *params)
    hs, hq = rng.standard_normal((N, T, H)), rng.standard_normal((N, Q, H))
    assert_gradients_close(check_layer(layer, hs, hq, mask))
    layer.forward(hs, hq, mask)
    w = layer.attention_weights
    assert w.shape == (N, Q, T)
    np.testing.assert_allclose(w.sum(axis=2), 1.0)
    assert np.all(w[0, :, 3:] == 0)


def test_time_attention_equals_attention_step_by_step(rng):
    hs, hq = rng.standard_normal((N, T, H)), rng.standard_normal((N, Q, H))
    cs = TimeAttention().forward(hs, hq)
    for q in range(Q):
        np.testing.assert_allclose(cs[:, q], Attention().forward(hs, hq[:, q]), atol=1e-12)


def test_attention_picks_the_matching_key():
    hs = np.eye(4)[None] * 10          # keys are orthogonal
    h = np.array([[0, 0, 10.0, 0]])    # query aligned with key 2
    att = Attention()
    c = att.forward(hs, h)
    assert att.attention_weight.argmax() == 2 and att.attention_weight[0, 2] > 0.99
    np.testing.assert_allclose(c, hs[:, 2], atol=1e-3)


def test_bad_arguments(rng):
    with pytest.raises(ValueError, match="dot"):
        Attention("cosine")
    with pytest.raises(ValueError, match="at least one True"):
        Attention().forward(rng.standard_normal((1, 3, 2)), rng.standard_normal((1, 2)),
                            np.zeros((1, 3), dtype=bool))
