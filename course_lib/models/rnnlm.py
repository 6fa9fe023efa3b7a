"""RNN language models of book 2 (ch. 5–7) and text generation.

All take word ids ``xs`` (N, T) and next-word targets ``ts`` (N, T) and return the
mean cross-entropy per word; ``predict(xs)`` gives scores (N, T, V). Weights are
float32 (``dtype`` argument), initialised as in the book (Xavier-like ``1/sqrt(D)``).
"""
from __future__ import annotations

import numpy as np

from ..functions import softmax
from ..time_layers import (TimeAffine, TimeDropout, TimeEmbedding, TimeGRU, TimeLSTM, TimeRNN,
                           TimeSoftmaxWithLoss)
from .base import Model, TrainSwitch


def _init(rng, shape, scale, dtype):
    return (scale * rng.standard_normal(shape)).astype(dtype)


class RnnlmBase(TrainSwitch, Model):
    """Shared behaviour: stateful layers, ``reset_state``, dropout switch, generation."""

    def reset_state(self):
        """Forget the hidden state carried between batches (start of an epoch/text)."""
        for layer in self.layers:
            if hasattr(layer, "reset_state"):
                layer.reset_state()

    def _recurrent_layers(self):
        return [layer for layer in self.layers if hasattr(layer, "reset_state")]

    def get_state(self):
        """The carried hidden (and cell) states, to put back later with :meth:`restore_state`."""
        return [(layer.h, layer.c) for layer in self._recurrent_layers()]

    def restore_state(self, state):
        """Carry ``state`` (from :meth:`get_state`) into the next forward pass."""
        for layer, (h, c) in zip(self._recurrent_layers(), state):
            layer.h, layer.c = h, c

    def generate(self, start_ids, length: int = 100, *, temperature: float = 1.0,
                 skip_ids=(), rng: np.random.Generator | None = None) -> list[int]:
        """Continue a text: feed ``start_ids`` (the prompt) and then ``length`` ids.

        ``temperature=0`` picks the most probable next word (greedy/deterministic);
        otherwise the next id is sampled from ``softmax(scores / temperature)``:
        below 1 sharper (safer), above 1 flatter (more diverse). ``skip_ids`` (e.g. the
        id of ``<unk>``) are never produced. Returns the prompt plus the new ids.
        The model's carried state is reset first.
        """
        if temperature < 0:
            raise ValueError(f"temperature must be >= 0, got {temperature}")
        rng = rng if rng is not None else np.random.default_rng()
        start_ids = [int(i) for i in np.atleast_1d(start_ids)]
        if not start_ids:
            raise ValueError("generate needs at least one start id (the prompt)")
        self.reset_state()
        out = list(start_ids)
        scores = self.predict(np.array([start_ids]))[0, -1]
        skip = np.array(sorted(set(skip_ids)), dtype=int)
        for _ in range(length):
            scores = scores.astype(np.float64)
            if skip.size:
                scores[skip] = -np.inf
            if temperature == 0:
                nxt = int(np.argmax(scores))
            else:
                p = softmax(scores / temperature)
                nxt = int(rng.choice(len(p), p=p))
            out.append(nxt)
            scores = self.predict(np.array([[nxt]]))[0, -1]
        self.reset_state()
        return out


class _OneLayerRnnlm(RnnlmBase):
    """Embedding (V, D) → one recurrent Time layer (H) → Affine (H, V) → Softmax-with-loss.

    Subclasses name the recurrent layer class (``_time_cls``), how many gate blocks
    its weights hold (``_blocks``: ``Wx`` is (D, k·H)) and the attribute under which
    the layer is kept (``rnn_layer``, ``lstm_layer``, ``gru_layer``). Weights are drawn
    in the book's order (embedding, ``Wx``, ``Wh``, affine) from ``rng``.
    """

    _time_cls = TimeRNN
    _blocks = 1
    _layer_attr = "rnn_layer"

    def __init__(self, vocab_size: int = 10000, wordvec_size: int = 100, hidden_size: int = 100,
                 dtype=np.float32, rng: np.random.Generator | None = None):
        rng = rng if rng is not None else np.random.default_rng()
        V, D, H, k = vocab_size, wordvec_size, hidden_size, self._blocks
        self.layers = [
            TimeEmbedding(_init(rng, (V, D), 0.01, dtype)),
            self._time_cls(_init(rng, (D, k * H), 1 / np.sqrt(D), dtype),
                           _init(rng, (H, k * H), 1 / np.sqrt(H), dtype),
                           np.zeros(k * H, dtype), stateful=True),
            TimeAffine(_init(rng, (H, V), 1 / np.sqrt(H), dtype), np.zeros(V, dtype)),
        ]
        self.loss_layer = TimeSoftmaxWithLoss()
        setattr(self, self._layer_attr, self.layers[1])
        self._collect_params()


class SimpleRnnlm(_OneLayerRnnlm):
    """Embedding → RNN → Affine → Softmax-with-loss (book 2, 5.5).

    ``V`` vocabulary, ``D`` word-vector size, ``H`` hidden size; the RNN layer is
    ``self.rnn_layer``.
    """


class Rnnlm(_OneLayerRnnlm):
    """Embedding → LSTM → Affine → Softmax-with-loss (book 2, 6.4); ``self.lstm_layer``."""

    _time_cls = TimeLSTM
    _blocks = 4
    _layer_attr = "lstm_layer"


class GruRnnlm(_OneLayerRnnlm):
    """Embedding → GRU → Affine → Softmax-with-loss (``Rnnlm`` with the GRU of book 2,
    appendix C); ``self.gru_layer``. Three quarters of the LSTM's recurrent weights."""

    _time_cls = TimeGRU
    _blocks = 3
    _layer_attr = "gru_layer"


class BetterRnnlm(RnnlmBase):
    """Two stacked LSTMs with dropout and weight tying (book 2, 6.5).

    Embedding (V, D) → Dropout → LSTM → Dropout → LSTM → Dropout → Affine whose
    weight is the embedding matrix transposed (so ``D == H``). The tied weight
    appears once in ``params``; its gradient is the sum of both uses.
    """

    def __init__(self, vocab_size: int = 10000, wordvec_size: int = 650, hidden_size: int = 650,
                 dropout_ratio: float = 0.5, dtype=np.float32, rng: np.random.Generator | None = None):
        if wordvec_size != hidden_size:
            raise ValueError("weight tying needs wordvec_size == hidden_size")
        rng = rng if rng is not None else np.random.default_rng()
        V, D, H = vocab_size, wordvec_size, hidden_size
        embed_W = _init(rng, (V, D), 0.01, dtype)

        def lstm():
            return TimeLSTM(_init(rng, (D, 4 * H), 1 / np.sqrt(D), dtype),
                            _init(rng, (H, 4 * H), 1 / np.sqrt(H), dtype), np.zeros(4 * H, dtype), stateful=True)

        self.layers = [
            TimeEmbedding(embed_W),
            TimeDropout(dropout_ratio, rng), lstm(),
            TimeDropout(dropout_ratio, rng), lstm(),
            TimeDropout(dropout_ratio, rng),
            TimeAffine(embed_W.T, np.zeros(V, dtype)),   # a view: updates of embed_W show here
        ]
        self.loss_layer = TimeSoftmaxWithLoss()
        self.lstm_layers = [self.layers[2], self.layers[4]]
        self._collect_params()
        affine = self.layers[-1]
        # drop the tied (transposed) weight from the optimiser's lists
        self.params = [p for p in self.params if p is not affine.params[0]]
        self.grads = [g for g in self.grads if g is not affine.grads[0]]

    def backward(self, dout=1):
        dx = super().backward(dout)
        self.layers[0].grads[0] += self.layers[-1].grads[0].T
        return dx
