"""Many-to-one sentiment classifier: Embedding → LSTM → last hidden state → Affine → softmax.

A sentence of word ids ``xs[n]`` (padded to a common length ``T``) is read by one LSTM;
the hidden state after the sentence's last word goes through an Affine layer to two
scores (negative, positive). Which state counts as "after the last word" depends on
where the padding is:

- ``read="last"``: the state at the last column, ``hs[:, -1]``. Right for
  pre-padding (``<pad> <pad> a fine film``); with post-padding the LSTM has read the
  pad ids after the sentence, and its last state must carry the sentence through them.
- ``read="mask"``: the state at each sentence's true end, ``hs[n, len_n - 1]``, for
  post-padding (``a fine film <pad> <pad>``). ``len_n`` is the number of non-pad ids,
  from the mask ``xs != pad_id`` (or the ``lengths`` given); the pad ids after it never
  reach the read state, since the LSTM runs left to right. A sentence of length 0 reads
  the initial state (zeros).

In both modes ``backward`` sends the gradient of the read state to that one time step
of the LSTM (zeros at every other step) and through the LSTM back to the embedding.
"""
from __future__ import annotations

import numpy as np

from ..functions import softmax
from ..layers import Affine, Dropout, SoftmaxWithLoss
from ..time_layers import TimeDropout, TimeEmbedding, TimeLSTM
from .base import ParamsIO

READ_MODES = ("last", "mask")


def _init(rng, shape, scale, dtype):
    return (scale * rng.standard_normal(shape)).astype(dtype)


class SentimentLSTM(ParamsIO):
    """Embedding (V, D) → [Dropout] → LSTM (H) → read one state per sentence → [Dropout]
    → Affine (H, C) → Softmax-with-loss.

    ``xs`` (N, T) int word ids, ``t`` (N,) int labels in ``0..C-1``. ``read`` is
    ``"last"`` (``hs[:, -1]``, for pre-padded input) or ``"mask"`` (``hs[n, len_n - 1]``,
    for post-padded input; see the module docstring). ``dropout_ratio`` applies to the
    word vectors and to the read state in training only. Params, in order: embedding
    ``W`` (V, D); LSTM ``Wx`` (D, 4H), ``Wh`` (H, 4H), ``b`` (4H,); Affine ``W`` (H, C),
    ``b`` (C,). The LSTM's forget-gate bias starts at ``forget_bias`` (1 by default, a
    common choice that helps the state last through long inputs).
    """

    def __init__(self, vocab_size: int, wordvec_size: int = 64, hidden_size: int = 64,
                 n_classes: int = 2, *, read: str = "mask", pad_id: int = 0, dropout_ratio: float = 0.0,
                 forget_bias: float = 1.0, embed_scale: float = 0.1, dtype=np.float32,
                 rng: np.random.Generator | None = None):
        if read not in READ_MODES:
            raise ValueError(f"read must be one of {READ_MODES}, got {read!r}")
        rng = rng if rng is not None else np.random.default_rng()
        V, D, H, C = vocab_size, wordvec_size, hidden_size, n_classes
        self.read, self.pad_id = read, pad_id
        b = np.zeros(4 * H, dtype)
        b[:H] = forget_bias                                # gate order (f, i, o, g)
        self.embed = TimeEmbedding(_init(rng, (V, D), embed_scale, dtype))
        self.embed_dropout = TimeDropout(dropout_ratio, rng)
        self.lstm = TimeLSTM(_init(rng, (D, 4 * H), 1 / np.sqrt(D), dtype),
                             _init(rng, (H, 4 * H), 1 / np.sqrt(H), dtype), b, stateful=False)
        self.state_dropout = Dropout(dropout_ratio, rng)
        self.affine = Affine(_init(rng, (H, C), 1 / np.sqrt(H), dtype), np.zeros(C, dtype))
        self.loss_layer = SoftmaxWithLoss()
        self.layers = [self.embed, self.embed_dropout, self.lstm, self.state_dropout, self.affine]
        self.params = self.embed.params + self.lstm.params + self.affine.params
        self.grads = self.embed.grads + self.lstm.grads + self.affine.grads
        self._cache = None

    # ------------------------------------------------------------------ reading the state
    def lengths(self, xs) -> np.ndarray:
        """True sentence lengths (N,) of post-padded ``xs`` (N, T): the count of non-pad ids.

        Raises ``ValueError`` when a pad id comes before a real word (pre-padded input),
        where the count would not point at the sentence's end.
        """
        xs = np.asarray(xs)
        real = xs != self.pad_id
        lengths = real.sum(axis=1)
        if not np.array_equal(real, np.arange(xs.shape[1]) < lengths[:, None]):
            raise ValueError("read='mask' needs post-padded input (pad ids only after the words) "
                             "or explicit lengths; pad with padding='post'")
        return lengths

    def _read_state(self, hs, lengths):
        """``hs`` (N, T, H) → the read states (N, H) and the time index read per row
        (-1 for a sentence of length 0, which reads the zero initial state)."""
        N, T, H = hs.shape
        if self.read == "last":
            steps = np.full(N, T - 1)
        else:
            steps = np.asarray(lengths).astype(np.int64) - 1
            if steps.shape != (N,) or steps.max(initial=-1) >= T:
                raise ValueError(f"lengths must be (N,) = ({N},) with values in 0..{T}")
        rows = np.arange(N)
        h = hs[rows, np.maximum(steps, 0)]
        if (steps < 0).any():
            h = h * (steps >= 0)[:, None]
        return h, steps

    # ------------------------------------------------------------------ forward / backward
    def set_train(self, flag: bool):
        """Turn dropout on (training) or off (evaluation)."""
        self.embed_dropout.train_flg = self.state_dropout.train_flg = flag

    def predict(self, xs, lengths=None, train_flg: bool = False):
        """Class scores before the softmax: ``xs`` (N, T) ids → (N, C).

        ``lengths`` (N,) is used by ``read="mask"``; by default it is counted from the
        non-pad ids (:meth:`lengths`).
        """
        xs = np.asarray(xs)
        if xs.ndim != 2:
            raise ValueError(f"xs must be (N, T) word ids, got shape {xs.shape}")
        if self.read == "mask" and lengths is None:
            lengths = self.lengths(xs)
        self.set_train(train_flg)
        hs = self.lstm.forward(self.embed_dropout.forward(self.embed.forward(xs)))
        h, steps = self._read_state(hs, lengths)
        self._cache = (hs.shape, steps)
        return self.affine.forward(self.state_dropout.forward(h))

    def forward(self, xs, t, lengths=None, train_flg: bool = True):
        """Mean cross-entropy loss of a batch: ``xs`` (N, T) ids, ``t`` (N,) labels → scalar."""
        return self.loss_layer.forward(self.predict(xs, lengths, train_flg), t)

    def backward(self, dout=1):
        """Back-propagate from the loss; fills ``grads``. The gradient of each read state
        goes to its time step of ``dhs`` (N, T, H), zeros elsewhere."""
        (N, T, H), steps = self._cache
        dh = self.state_dropout.backward(self.affine.backward(self.loss_layer.backward(dout)))
        dhs = np.zeros((N, T, H), dtype=dh.dtype)
        ok = steps >= 0
        dhs[np.flatnonzero(ok), steps[ok]] = dh[ok]
        self.embed.backward(self.embed_dropout.backward(self.lstm.backward(dhs)))
        return None

    # ------------------------------------------------------------------ evaluation helpers
    def predict_proba(self, xs, lengths=None, batch_size: int = 500) -> np.ndarray:
        """Class probabilities (N, C) in evaluation mode, in batches of ``batch_size``."""
        xs = np.asarray(xs)
        out = []
        for i in range(0, len(xs), batch_size):
            part = None if lengths is None else np.asarray(lengths)[i:i + batch_size]
            out.append(softmax(self.predict(xs[i:i + batch_size], part).astype(np.float64)))
        return np.concatenate(out) if out else np.zeros((0, self.affine.params[1].size))

    def accuracy(self, xs, t, lengths=None, batch_size: int = 500) -> float:
        """Fraction of sentences whose most probable class equals the label ``t`` (N,)."""
        p = self.predict_proba(xs, lengths, batch_size)
        return float((p.argmax(axis=1) == np.asarray(t)).mean()) if len(p) else 0.0

    def prefix_proba(self, ids) -> np.ndarray:
        """Probabilities after each prefix of one sentence: ``ids`` (L,) → (L, C).

        Row ``k`` is the prediction after reading ``ids[:k + 1]``: the LSTM runs once
        and the Affine + softmax are applied to its state at every step (no padding).
        """
        ids = np.asarray(ids).reshape(1, -1)
        if ids.shape[1] == 0:
            return np.zeros((0, self.affine.params[1].size))
        self.set_train(False)
        hs = self.lstm.forward(self.embed.forward(ids))[0]          # (L, H)
        W, b = self.affine.params
        return softmax((hs @ W + b).astype(np.float64))
