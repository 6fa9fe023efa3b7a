"""Models: book 1's networks, RNN language models and seq2seq models (book 2)."""
from .base import Model
from .mlp import TwoLayerNet
from .rnnlm import BetterRnnlm, GruRnnlm, Rnnlm, RnnlmBase, SimpleRnnlm
from .seq2seq import AttentionSeq2seq, Seq2seq

__all__ = ["AttentionSeq2seq", "BetterRnnlm", "GruRnnlm", "Model", "Rnnlm", "RnnlmBase", "Seq2seq",
           "SimpleRnnlm", "TwoLayerNet"]
