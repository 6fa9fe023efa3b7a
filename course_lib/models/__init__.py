"""Models: book 1's networks, RNN language models and seq2seq models (book 2)."""
from .base import Model
from .convnet import DeepConvNet, SimpleConvNet
from .mlp import MultiLayerNet, MultiLayerNetExtend, TwoLayerNet
from .rnnlm import BetterRnnlm, GruRnnlm, Rnnlm, RnnlmBase, SimpleRnnlm
from .seq2seq import AttentionSeq2seq, Seq2seq
from .sentiment import SentimentLSTM

__all__ = ["AttentionSeq2seq", "BetterRnnlm", "GruRnnlm", "Model", "Rnnlm", "RnnlmBase", "Seq2seq",
           "SimpleRnnlm", "TwoLayerNet"]
__all__ += ["SentimentLSTM"]
__all__ += ["DeepConvNet", "MultiLayerNet", "MultiLayerNetExtend", "SimpleConvNet"]
