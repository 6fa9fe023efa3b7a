"""Attention (book 2, ch. 8): weights over encoder states and their weighted sum.

Shapes: ``hs`` (N, T, H) are the encoder's hidden states (keys and values); the
query ``h`` is one decoder state (N, H) or a whole decoder sequence (N, Q, H).
Every layer here accepts both query forms, so :class:`TimeAttention` is simply
:class:`Attention` applied to all decoder steps at once (batched matrix products,
no Python loop over time).

``mask`` (N, T) bool, True at real (non-padding) encoder positions, keeps padded
positions out of the softmax: their weight is exactly 0.
"""
from __future__ import annotations

import numpy as np

from .functions import softmax


def _as_3d(h):
    """(N, H) → (N, 1, H) and a flag to squeeze the query axis back out."""
    return (h[:, None, :], True) if h.ndim == 2 else (h, False)


def _masked_softmax(scores, mask):
    """Softmax over the last axis of ``scores`` (N, Q, T) with ``mask`` (N, T) or None."""
    if mask is not None:
        mask = np.asarray(mask, dtype=bool)
        if not mask.any(axis=1).all():
            raise ValueError("attention mask hides every position of some sequence; "
                             "each row of the mask needs at least one True")
        scores = np.where(mask[:, None, :], scores, -np.inf)
    return softmax(scores)


def _softmax_backward(a, da):
    """Gradient through a softmax over the last axis: ``a * (da - sum(da * a))``."""
    return a * (da - (da * a).sum(axis=-1, keepdims=True))


class WeightSum:
    """Context vector ``c = sum_t a_t hs_t``.

    ``forward(hs (N, T, H), a (N, T) or (N, Q, T))`` → ``c`` (N, H) or (N, Q, H).
    ``backward(dc)`` → ``(dhs, da)``.
    """

    def __init__(self):
        self.params, self.grads = [], []
        self.cache = None

    def forward(self, hs, a):
        squeeze = a.ndim == 2
        a3 = a[:, None, :] if squeeze else a
        c = a3 @ hs
        self.cache = (hs, a3, squeeze)
        return c[:, 0] if squeeze else c

    def backward(self, dc):
        hs, a3, squeeze = self.cache
        dc3 = dc[:, None, :] if squeeze else dc
        dhs = a3.transpose(0, 2, 1) @ dc3
        da = dc3 @ hs.transpose(0, 2, 1)
        return dhs, (da[:, 0] if squeeze else da)


class AttentionWeight:
    """Dot-product attention weights ``a = softmax(h · hs_t)`` over the T positions.

    ``forward(hs (N, T, H), h (N, H) or (N, Q, H), mask=None)`` → ``a`` (N, T) or
    (N, Q, T). ``backward(da)`` → ``(dhs, dh)``.
    """

    def __init__(self):
        self.params, self.grads = [], []
        self.cache = None

    def forward(self, hs, h, mask=None):
        h3, squeeze = _as_3d(h)
        a = _masked_softmax(h3 @ hs.transpose(0, 2, 1), mask)
        self.cache = (hs, h3, a, squeeze)
        return a[:, 0] if squeeze else a

    def backward(self, da):
        hs, h3, a, squeeze = self.cache
        da3 = da[:, None, :] if squeeze else da
        ds = _softmax_backward(a, da3)
        dhs = ds.transpose(0, 2, 1) @ h3
        dh = ds @ hs
        return dhs, (dh[:, 0] if squeeze else dh)


class AdditiveAttentionWeight:
    """Additive (Bahdanau) attention weights: ``score_t = v · tanh(hs_t Wk + h Wq)``.

    Params ``Wk`` (H, A), ``Wq`` (Hq, A), ``v`` (A,). Shapes as
    :class:`AttentionWeight`; the intermediate ``tanh`` has shape (N, Q, T, A).
    """

    def __init__(self, Wk, Wq, v):
        self.params = [Wk, Wq, v]
        self.grads = [np.zeros_like(Wk), np.zeros_like(Wq), np.zeros_like(v)]
        self.cache = None

    def forward(self, hs, h, mask=None):
        Wk, Wq, v = self.params
        h3, squeeze = _as_3d(h)
        E = np.tanh((hs @ Wk)[:, None, :, :] + (h3 @ Wq)[:, :, None, :])   # (N, Q, T, A)
        a = _masked_softmax(E @ v, mask)
        self.cache = (hs, h3, E, a, squeeze)
        return a[:, 0] if squeeze else a

    def backward(self, da):
        Wk, Wq, v = self.params
        hs, h3, E, a, squeeze = self.cache
        N, Q, T, A = E.shape
        da3 = da[:, None, :] if squeeze else da
        ds = _softmax_backward(a, da3)                                   # (N, Q, T)
        self.grads[2][...] = np.einsum("nqt,nqta->a", ds, E)
        dpre = ds[..., None] * v * (1 - E ** 2)                           # (N, Q, T, A)
        dk = dpre.sum(axis=1)                                             # (N, T, A)
        dq = dpre.sum(axis=2)                                             # (N, Q, A)
        self.grads[0][...] = hs.reshape(-1, hs.shape[2]).T @ dk.reshape(-1, A)
        self.grads[1][...] = h3.reshape(-1, h3.shape[2]).T @ dq.reshape(-1, A)
        dhs = dk @ Wk.T
        dh = dq @ Wq.T
        return dhs, (dh[:, 0] if squeeze else dh)


class Attention:
    """Attention weights followed by the weighted sum: ``c = Σ_t a_t hs_t``.

    ``forward(hs (N, T, H), h (N, H) or (N, Q, H), mask=None)`` → context ``c``
    (N, H) or (N, Q, H); ``backward(dc)`` → ``(dhs, dh)``. ``attention_weight`` holds
    the last weights, (N, T) or (N, Q, T). ``kind='additive'`` uses Bahdanau scores
    (pass its params ``Wk, Wq, v``).
    """

    def __init__(self, kind: str = "dot", *params):
        if kind == "dot":
            self.weight_layer = AttentionWeight()
        elif kind == "additive":
            if len(params) != 3:
                raise ValueError("additive attention needs its params Wk (H, A), Wq (H, A), v (A,)")
            self.weight_layer = AdditiveAttentionWeight(*params)
        else:
            raise ValueError(f"kind must be 'dot' or 'additive', got {kind!r}")
        self.sum_layer = WeightSum()
        self.params, self.grads = self.weight_layer.params, self.weight_layer.grads
        self.attention_weight = None

    def forward(self, hs, h, mask=None):
        a = self.weight_layer.forward(hs, h, mask)
        self.attention_weight = a
        return self.sum_layer.forward(hs, a)

    def backward(self, dc):
        dhs0, da = self.sum_layer.backward(dc)
        dhs1, dh = self.weight_layer.backward(da)
        return dhs0 + dhs1, dh


class TimeAttention(Attention):
    """Attention for every decoder step: ``forward(hs_enc (N, T, H), hs_dec (N, Q, H),
    mask=None)`` → contexts (N, Q, H); ``backward(dcs)`` → ``(dhs_enc, dhs_dec)``.
    ``attention_weights`` (N, Q, T) is what the heatmaps show.
    """

    @property
    def attention_weights(self):
        return self.attention_weight
