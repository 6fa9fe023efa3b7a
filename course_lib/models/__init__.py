"""Models: book 1 networks now; RNN language models and seq2seq models join later."""
from .base import Model
from .mlp import TwoLayerNet

__all__ = ["Model", "TwoLayerNet"]
