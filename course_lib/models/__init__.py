"""Models: book 1's networks and convnets; book 2's RNN language models, seq2seq and sentiment models."""
from .base import Model
from .convnet import DeepConvNet, SimpleConvNet
from .mlp import MultiLayerNet, MultiLayerNetExtend, TwoLayerNet
from .residual import ResidualBlock, ResidualMLP
from .rnnlm import BetterRnnlm, GruRnnlm, Rnnlm, RnnlmBase, SimpleRnnlm
from .seq2seq import AttentionSeq2seq, Seq2seq
from .sentiment import SentimentLSTM

__all__ = ["AttentionSeq2seq", "BetterRnnlm", "DeepConvNet", "GruRnnlm", "Model", "MultiLayerNet",
           "MultiLayerNetExtend", "ResidualBlock", "ResidualMLP", "Rnnlm", "RnnlmBase", "Seq2seq", "SentimentLSTM", "SimpleConvNet",
           "SimpleRnnlm", "TwoLayerNet"]
