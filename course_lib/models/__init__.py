"""Models: book 1's networks, RNN language models and seq2seq models (book 2)."""
from .base import Model
from .convnet import DeepConvNet, SimpleConvNet
from .mlp import MultiLayerNet, MultiLayerNetExtend, TwoLayerNet
from .rnnlm import BetterRnnlm, GruRnnlm, Rnnlm, RnnlmBase, SimpleRnnlm
from .seq2seq import AttentionSeq2seq, Seq2seq

__all__ = ["AttentionSeq2seq", "BetterRnnlm", "DeepConvNet", "GruRnnlm", "Model", "MultiLayerNet",
           "MultiLayerNetExtend", "Rnnlm", "RnnlmBase", "Seq2seq", "SimpleConvNet", "SimpleRnnlm",
           "TwoLayerNet"]
