"""Sequence-to-sequence models (book 2, ch. 7–8): encoder → decoder, with the Peeky
decoder and attention.

Inputs are character ids: ``xs`` (N, T_in) questions, ``ts`` (N, T_out) answers whose
first id is the start symbol ``_``. Training uses teacher forcing: the decoder reads
``ts[:, :-1]`` and learns to predict ``ts[:, 1:]``. Generation is greedy: the decoder
reads its own previous output, starting from the start id, for a whole batch at once.
"""
from __future__ import annotations

import numpy as np

from ..attention import TimeAttention
from ..time_layers import TimeAffine, TimeBiLSTM, TimeEmbedding, TimeLSTM, TimeSoftmaxWithLoss
from .base import ParamsIO


def _randn(rng, shape, scale, dtype):
    return (scale * rng.standard_normal(shape)).astype(dtype)


def _lstm(rng, D, H, dtype, stateful=False):
    return TimeLSTM(_randn(rng, (D, 4 * H), 1 / np.sqrt(D), dtype),
                    _randn(rng, (H, 4 * H), 1 / np.sqrt(H), dtype), np.zeros(4 * H, dtype), stateful)


def padding_mask(xs, pad_id):
    """True at real positions of ``xs`` (N, T): False on the run of ``pad_id`` at the
    end (padding) or at the start (padding of a reversed input). Spaces inside a
    sentence stay True. A row of only padding keeps its first position."""
    pad = np.asarray(xs) == pad_id
    T = pad.shape[1]
    lead = np.where(pad.all(axis=1), T, np.argmin(pad, axis=1))          # leading pad count
    trail = np.where(pad.all(axis=1), 0, np.argmin(pad[:, ::-1], axis=1))  # trailing pad count
    pos = np.arange(T)
    mask = (pos >= lead[:, None]) & (pos < T - trail[:, None])
    mask[~mask.any(axis=1), 0] = True
    return mask


def _greedy(step, start_ids, length):
    """Feed each step's arg-max back in: ``step(x (N, 1)) → scores (N, 1, V)``,
    starting from ``start_ids`` (N,). Returns ids (N, length)."""
    x = np.asarray(start_ids).reshape(-1, 1)
    out = np.empty((len(x), length), dtype=np.int64)
    for t in range(length):
        x = step(x).argmax(axis=2)
        out[:, t] = x[:, 0]
    return out


class Encoder:
    """Embedding → LSTM; ``forward(xs (N, T))`` → last hidden state ``h`` (N, H).

    With ``return_all=True`` (attention) it returns all states ``hs`` (N, T, H).
    ``bidirectional=True`` uses a :class:`TimeBiLSTM` whose two halves have
    ``hidden_size // 2`` units each, so the output size stays ``H``.
    """

    def __init__(self, vocab_size, wordvec_size, hidden_size, *, return_all=False,
                 bidirectional=False, dtype=np.float32, rng=None):
        rng = rng if rng is not None else np.random.default_rng()
        V, D, H = vocab_size, wordvec_size, hidden_size
        self.embed = TimeEmbedding(_randn(rng, (V, D), 0.01, dtype))
        if bidirectional:
            if H % 2:
                raise ValueError("a bidirectional encoder needs an even hidden_size")
            a, b = _lstm(rng, D, H // 2, dtype), _lstm(rng, D, H // 2, dtype)
            self.lstm = TimeBiLSTM(*a.params, *b.params)
        else:
            self.lstm = _lstm(rng, D, H, dtype)
        self.return_all = return_all
        self.params = self.embed.params + self.lstm.params
        self.grads = self.embed.grads + self.lstm.grads
        self.hs = None

    def forward(self, xs):
        self.hs = self.lstm.forward(self.embed.forward(xs))
        return self.hs if self.return_all else self.hs[:, -1]

    def backward(self, dh):
        if self.return_all:
            dhs = dh
        else:
            dhs = np.zeros_like(self.hs)
            dhs[:, -1] = dh
        self.embed.backward(self.lstm.backward(dhs))


class Decoder:
    """Embedding → LSTM (initial state = encoder's ``h``) → Affine.

    ``peeky=True`` (book 2, 7.4.2) also feeds ``h`` into the LSTM and the Affine at
    every step, concatenated with their usual inputs. ``forward(xs (N, T), h (N, H))``
    → scores (N, T, V); ``backward(dscore)`` → ``dh`` (N, H).
    """

    def __init__(self, vocab_size, wordvec_size, hidden_size, *, peeky=False,
                 dtype=np.float32, rng=None):
        rng = rng if rng is not None else np.random.default_rng()
        V, D, H = vocab_size, wordvec_size, hidden_size
        self.peeky = peeky
        extra = H if peeky else 0
        self.embed = TimeEmbedding(_randn(rng, (V, D), 0.01, dtype))
        self.lstm = _lstm(rng, D + extra, H, dtype, stateful=True)
        self.affine = TimeAffine(_randn(rng, (H + extra, V), 1 / np.sqrt(H + extra), dtype), np.zeros(V, dtype))
        self.params = self.embed.params + self.lstm.params + self.affine.params
        self.grads = self.embed.grads + self.lstm.grads + self.affine.grads
        self.H = H

    def _peek(self, out, h):
        N, T, _ = out.shape
        return np.concatenate((np.broadcast_to(h[:, None, :], (N, T, h.shape[1])), out), axis=2)

    def forward(self, xs, h):
        self.lstm.set_state(h)
        return self._run(xs, h)

    def _run(self, xs, h):
        """Scores for ``xs`` (N, T) continuing from the LSTM's current state."""
        out = self.embed.forward(xs)
        if self.peeky:
            out = self._peek(out, h)
        out = self.lstm.forward(out)
        if self.peeky:
            out = self._peek(out, h)
        return self.affine.forward(out)

    def backward(self, dscore):
        H = self.H
        dout = self.affine.backward(dscore)
        dh_peek = 0
        if self.peeky:
            dh_peek = dout[:, :, :H].sum(axis=1)
            dout = dout[:, :, H:]
        dout = self.lstm.backward(dout)
        if self.peeky:
            dh_peek = dh_peek + dout[:, :, :H].sum(axis=1)
            dout = dout[:, :, H:]
        self.embed.backward(dout)
        return self.lstm.dh + dh_peek

    def generate(self, h, start_ids, length):
        """Greedy decoding for a batch: ``h`` (N, H), ``start_ids`` (N,) → ids (N, length)."""
        self.lstm.set_state(h)
        return _greedy(lambda x: self._run(x, h), start_ids, length)


class AttentionDecoder:
    """Embedding → LSTM → attention over the encoder states → Affine([context, h]).

    ``forward(xs (N, T), enc_hs (N, T_in, H), mask=None)`` → scores (N, T, V);
    ``backward(dscore)`` → ``denc_hs`` (N, T_in, H). ``attention_weights`` (N, T, T_in)
    after each forward. ``kind='additive'`` uses Bahdanau scores.
    """

    def __init__(self, vocab_size, wordvec_size, hidden_size, *, kind="dot",
                 dtype=np.float32, rng=None):
        rng = rng if rng is not None else np.random.default_rng()
        V, D, H = vocab_size, wordvec_size, hidden_size
        self.embed = TimeEmbedding(_randn(rng, (V, D), 0.01, dtype))
        self.lstm = _lstm(rng, D, H, dtype, stateful=True)
        att_params = ()
        if kind == "additive":
            att_params = (_randn(rng, (H, H), 1 / np.sqrt(H), dtype), _randn(rng, (H, H), 1 / np.sqrt(H), dtype),
                          _randn(rng, (H,), 1 / np.sqrt(H), dtype))
        self.attention = TimeAttention(kind, *att_params)
        self.affine = TimeAffine(_randn(rng, (2 * H, V), 1 / np.sqrt(2 * H), dtype), np.zeros(V, dtype))
        self.params = self.embed.params + self.lstm.params + self.attention.params + self.affine.params
        self.grads = self.embed.grads + self.lstm.grads + self.attention.grads + self.affine.grads
        self.H = H
        self.mask = None

    def forward(self, xs, enc_hs, mask=None):
        self.lstm.set_state(enc_hs[:, -1])
        return self._run(xs, enc_hs, mask)

    def _run(self, xs, enc_hs, mask):
        self.mask = mask
        dec_hs = self.lstm.forward(self.embed.forward(xs))
        c = self.attention.forward(enc_hs, dec_hs, mask)
        return self.affine.forward(np.concatenate((c, dec_hs), axis=2))

    @property
    def attention_weights(self):
        return self.attention.attention_weights

    def backward(self, dscore):
        H = self.H
        dout = self.affine.backward(dscore)
        dc, ddec_hs0 = dout[:, :, :H], dout[:, :, H:]
        denc_hs, ddec_hs1 = self.attention.backward(dc)
        dx = self.lstm.backward(ddec_hs0 + ddec_hs1)
        self.embed.backward(dx)
        denc_hs = denc_hs.copy()
        denc_hs[:, -1] += self.lstm.dh
        return denc_hs

    def generate(self, enc_hs, start_ids, length, mask=None):
        """Greedy decoding: ``enc_hs`` (N, T_in, H), ``start_ids`` (N,) → ids (N, length).

        ``self.generated_weights`` (N, length, T_in) holds the attention of each step.
        """
        self.lstm.set_state(enc_hs[:, -1])
        weights = []

        def step(x):
            score = self._run(x, enc_hs, mask)
            weights.append(self.attention_weights[:, 0])
            return score

        out = _greedy(step, start_ids, length)
        weights = np.stack(weights, axis=1) if weights else np.empty((len(enc_hs), 0, enc_hs.shape[1]))
        self.generated_weights = weights
        return out


class Seq2seq(ParamsIO):
    """Encoder–decoder (book 2, 7.3). ``peeky=True`` gives the Peeky decoder (7.4.2).

    ``forward(xs (N, T_in), ts (N, T_out))`` → mean loss over the ``T_out - 1``
    predicted characters; ``generate(xs, start_id, length)`` → ids (N, length).
    """

    def __init__(self, vocab_size, wordvec_size=16, hidden_size=128, *, peeky=False,
                 dtype=np.float32, rng=None):
        rng = rng if rng is not None else np.random.default_rng()
        self.encoder = Encoder(vocab_size, wordvec_size, hidden_size, dtype=dtype, rng=rng)
        self.decoder = Decoder(vocab_size, wordvec_size, hidden_size, peeky=peeky, dtype=dtype, rng=rng)
        self.loss_layer = TimeSoftmaxWithLoss()
        self.params = self.encoder.params + self.decoder.params
        self.grads = self.encoder.grads + self.decoder.grads

    def _encode(self, xs):
        return self.encoder.forward(xs)

    def _decode(self, dec_xs, enc_out):
        return self.decoder.forward(dec_xs, enc_out)

    def forward(self, xs, ts):
        enc_out = self._encode(xs)
        score = self._decode(ts[:, :-1], enc_out)
        return self.loss_layer.forward(score, ts[:, 1:])

    def backward(self, dout=1):
        dscore = self.loss_layer.backward(dout)
        self.encoder.backward(self.decoder.backward(dscore))

    def generate(self, xs, start_id, length):
        """Greedy answers for a batch of questions: ``xs`` (N, T_in) → ids (N, length)."""
        enc_out = self._encode(xs)
        return self.decoder.generate(enc_out, np.full(len(xs), start_id), length)


class AttentionSeq2seq(Seq2seq):
    """Seq2seq with attention (book 2, 8.2); optional bidirectional encoder (8.4.1)
    and additive attention. ``pad_id`` (e.g. the id of ' ') masks padded encoder
    positions out of the attention when given.
    """

    def __init__(self, vocab_size, wordvec_size=16, hidden_size=256, *, kind="dot",
                 bidirectional=False, pad_id=None, dtype=np.float32, rng=None):
        rng = rng if rng is not None else np.random.default_rng()
        self.encoder = Encoder(vocab_size, wordvec_size, hidden_size, return_all=True,
                               bidirectional=bidirectional, dtype=dtype, rng=rng)
        self.decoder = AttentionDecoder(vocab_size, wordvec_size, hidden_size, kind=kind, dtype=dtype, rng=rng)
        self.loss_layer = TimeSoftmaxWithLoss()
        self.params = self.encoder.params + self.decoder.params
        self.grads = self.encoder.grads + self.decoder.grads
        self.pad_id = pad_id
        self._mask = None

    def _encode(self, xs):
        self._mask = None if self.pad_id is None else padding_mask(xs, self.pad_id)
        return self.encoder.forward(xs)

    def _decode(self, dec_xs, enc_hs):
        return self.decoder.forward(dec_xs, enc_hs, self._mask)

    def generate(self, xs, start_id, length):
        enc_hs = self._encode(xs)
        return self.decoder.generate(enc_hs, np.full(len(xs), start_id), length, self._mask)

    @property
    def attention_weights(self):
        """Weights of the last ``generate`` call: (N, length, T_in)."""
        return self.decoder.generated_weights
