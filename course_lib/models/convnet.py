"""Convolutional networks of book 1: SimpleConvNet (ch. 7) and DeepConvNet (ch. 8).

Images ``x``: (N, C, H, W) (MNIST: (N, 1, 28, 28)), labels ``t``: (N,) or one-hot
(N, output_size). Float32 by default (``dtype=np.float64`` for gradient checks); the
book computes in float64, which costs about twice the time for no gain in accuracy.
"""
from __future__ import annotations

import numpy as np

from ..conv import Convolution, Pooling, conv_output_size
from ..layers import Affine, Dropout, Relu, SoftmaxWithLoss
from .base import Model, TrainSwitch
from .mlp import weight_scale


class SimpleConvNet(TrainSwitch, Model):
    """Conv → ReLU → Pool(2×2, stride 2) → Affine → ReLU → Affine → SoftmaxWithLoss.

    Defaults are the book's (ch. 7.5): 30 filters 5×5, pad 0, stride 1; hidden 100;
    10 classes; weights ``0.01·N(0, 1)`` (``weight_init_std`` may also be
    ``'he'``/``'relu'``, ``'xavier'``/``'sigmoid'``: scaled by each layer's fan-in).
    ``params = [W1 (FN, C, FH, FW), b1 (FN,), W2 (FN·PH·PW, hidden), b2, W3 (hidden, out), b3]``.
    """

    def __init__(self, input_dim=(1, 28, 28), conv_param=None, hidden_size: int = 100,
                 output_size: int = 10, weight_init_std=0.01, dtype=np.float32,
                 rng: np.random.Generator | None = None):
        conv = {"filter_num": 30, "filter_size": 5, "pad": 0, "stride": 1, **(conv_param or {})}
        rng = rng if rng is not None else np.random.default_rng()
        C, H, W = input_dim
        fn, fs, pad, stride = conv["filter_num"], conv["filter_size"], conv["pad"], conv["stride"]
        oh, ow = conv_output_size(H, fs, stride, pad), conv_output_size(W, fs, stride, pad)
        pool_out = fn * conv_output_size(oh, 2, 2) * conv_output_size(ow, 2, 2)

        def init(shape, fan_in):
            return (weight_scale(weight_init_std, fan_in) * rng.standard_normal(shape)).astype(dtype)

        self.layers = [
            Convolution(init((fn, C, fs, fs), C * fs * fs), np.zeros(fn, dtype), stride, pad),
            Relu(),
            Pooling(2, 2, stride=2),
            Affine(init((pool_out, hidden_size), pool_out), np.zeros(hidden_size, dtype)),
            Relu(),
            Affine(init((hidden_size, output_size), hidden_size), np.zeros(output_size, dtype)),
        ]
        self.loss_layer = SoftmaxWithLoss()
        self._collect_params()


DEEP_CONV_PARAMS = (  # the book's ch. 8 DeepConvNet: (filter_num, filter_size, pad, stride)
    (16, 3, 1, 1), (16, 3, 1, 1), (32, 3, 1, 1), (32, 3, 2, 1), (64, 3, 1, 1), (64, 3, 1, 1),
)


class DeepConvNet(TrainSwitch, Model):
    """Book 1's ch. 8 network (test accuracy about 99.4 % on MNIST).

    ``[Conv → ReLU → Conv → ReLU → Pool] × 3 → Affine → ReLU → Dropout → Affine →
    Dropout → SoftmaxWithLoss``, 3×3 filters 16, 16, 32, 32, 64, 64 with pads
    1, 1, 1, 2, 1, 1 (the book's: the fourth pads by 2, so 14 → 16 → pool → 8),
    pools 2×2 stride 2, hidden 50, dropout 0.5. He initialisation, ``sqrt(2 / fan_in)``.
    ``conv_params``: six ``(filter_num, filter_size, pad, stride)`` to change the shapes.
    ``params`` = ``W, b`` of the six convolutions and the two Affine layers (16 arrays).
    Dropout is inverted (``layers.Dropout``) and off in ``predict``/``accuracy``.
    """

    def __init__(self, input_dim=(1, 28, 28), conv_params=DEEP_CONV_PARAMS, hidden_size: int = 50,
                 output_size: int = 10, dropout_ratio: float = 0.5, dtype=np.float32,
                 rng: np.random.Generator | None = None):
        if len(conv_params) != 6:
            raise ValueError(f"DeepConvNet has six convolutions, got {len(conv_params)} conv_params")
        rng = rng if rng is not None else np.random.default_rng()
        C, H, W = input_dim

        def init(shape, fan_in):
            return (weight_scale("he", fan_in) * rng.standard_normal(shape)).astype(dtype)

        self.layers = []
        for i, (fn, fs, pad, stride) in enumerate(conv_params):
            self.layers += [Convolution(init((fn, C, fs, fs), C * fs * fs), np.zeros(fn, dtype), stride, pad),
                            Relu()]
            C, H, W = fn, conv_output_size(H, fs, stride, pad), conv_output_size(W, fs, stride, pad)
            if i % 2 == 1:
                self.layers.append(Pooling(2, 2, stride=2))
                H, W = conv_output_size(H, 2, 2), conv_output_size(W, 2, 2)
        flat = C * H * W
        self.layers += [
            Affine(init((flat, hidden_size), flat), np.zeros(hidden_size, dtype)),
            Relu(),
            Dropout(dropout_ratio, rng=rng),
            Affine(init((hidden_size, output_size), hidden_size), np.zeros(output_size, dtype)),
            Dropout(dropout_ratio, rng=rng),
        ]
        self.loss_layer = SoftmaxWithLoss()
        self._collect_params()
