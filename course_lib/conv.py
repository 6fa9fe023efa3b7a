"""Convolution and pooling layers on images (N, C, H, W), book 1 ch. 7.

``im2col`` turns every receptive field into one row, so that a convolution becomes a
single matrix product; ``col2im`` adds such rows back into an image (the backward of
``im2col``). Both work on strided views of the padded batch: no Python loop over the
batch or the channels, only over the FH×FW filter offsets in ``col2im``.
"""
from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv_output_size(size: int, filter_size: int, stride: int = 1, pad: int = 0) -> int:
    """``⌊(size + 2·pad − filter_size) / stride⌋ + 1``, as the book's ``im2col`` (and
    PyTorch) compute it: rows a window cannot reach at the end are left out."""
    span = size + 2 * pad - filter_size
    if span < 0:
        raise ValueError(f"filter {filter_size} is larger than the input {size} with pad {pad}; "
                         "use a smaller filter or more padding")
    return span // stride + 1


def im2col(x, filter_h: int, filter_w: int, stride: int = 1, pad: int = 0):
    """Receptive fields as rows.

    x: (N, C, H, W) → col (N·OH·OW, C·FH·FW); row ``(n, i, j)`` holds the
    ``C×FH×FW`` window whose top-left corner is ``(i·stride − pad, j·stride − pad)``,
    in the book's column order (channel, then filter row, then filter column).
    """
    N, C, H, W = x.shape
    oh = conv_output_size(H, filter_h, stride, pad)
    ow = conv_output_size(W, filter_w, stride, pad)
    if pad:
        x = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    win = sliding_window_view(x, (filter_h, filter_w), axis=(2, 3))[:, :, ::stride, ::stride]
    # (N, C, OH, OW, FH, FW) view -> (N, OH, OW, C, FH, FW): the one copy
    return win[:, :, :oh, :ow].transpose(0, 2, 3, 1, 4, 5).reshape(N * oh * ow, -1)


def col2im(col, input_shape, filter_h: int, filter_w: int, stride: int = 1, pad: int = 0):
    """Adjoint of :func:`im2col`: add each row back onto its window.

    col: (N·OH·OW, C·FH·FW), input_shape: (N, C, H, W) → (N, C, H, W). Where windows
    overlap (stride < filter) their contributions add up, as the gradient must.
    """
    N, C, H, W = input_shape
    oh = conv_output_size(H, filter_h, stride, pad)
    ow = conv_output_size(W, filter_w, stride, pad)
    col = col.reshape(N, oh, ow, C, filter_h, filter_w).transpose(0, 3, 4, 5, 1, 2)
    img = np.zeros((N, C, H + 2 * pad, W + 2 * pad), dtype=col.dtype)
    for y in range(filter_h):
        y_end = y + stride * oh
        for x in range(filter_w):
            img[:, :, y:y_end:stride, x:x + stride * ow:stride] += col[:, :, y, x]
    return img[:, :, pad:H + pad, pad:W + pad]


class Convolution:
    """2-D convolution (cross-correlation, as in the book) with bias.

    W: (FN, C, FH, FW) filters, b: (FN,). forward(x): x (N, C, H, W) →
    (N, FN, OH, OW) with ``OH = (H + 2·pad − FH) / stride + 1``.
    """

    def __init__(self, W, b, stride: int = 1, pad: int = 0):
        self.params = [W, b]
        self.grads = [np.zeros_like(W), np.zeros_like(b)]
        self.stride, self.pad = stride, pad
        self.x_shape = None
        self.col = None

    def forward(self, x):
        W, b = self.params
        FN, C, FH, FW = W.shape
        if x.ndim != 4 or x.shape[1] != C:
            raise ValueError(f"Convolution expects x of shape (N, {C}, H, W), got {x.shape}")
        N, _, H, Wd = x.shape
        oh = conv_output_size(H, FH, self.stride, self.pad)
        ow = conv_output_size(Wd, FW, self.stride, self.pad)
        self.x_shape = x.shape
        self.col = im2col(x, FH, FW, self.stride, self.pad)          # (N·OH·OW, C·FH·FW)
        out = self.col @ W.reshape(FN, -1).T + b                      # (N·OH·OW, FN)
        return out.reshape(N, oh, ow, FN).transpose(0, 3, 1, 2)

    def backward(self, dout):
        W, _ = self.params
        FN, C, FH, FW = W.shape
        dout = dout.transpose(0, 2, 3, 1).reshape(-1, FN)            # (N·OH·OW, FN)
        self.grads[0][...] = (self.col.T @ dout).T.reshape(W.shape)
        self.grads[1][...] = dout.sum(axis=0)
        dcol = dout @ W.reshape(FN, -1)                               # (N·OH·OW, C·FH·FW)
        return col2im(dcol, self.x_shape, FH, FW, self.stride, self.pad)


class Pooling:
    """Max pooling over ``pool_h × pool_w`` windows of each channel.

    forward(x): x (N, C, H, W) → (N, C, OH, OW). backward routes each output's
    gradient to the first maximum of its window (as ``argmax`` does), so tied
    maxima (e.g. the zeros after a ReLU) do not multiply the gradient.
    """

    def __init__(self, pool_h: int, pool_w: int, stride: int = 1, pad: int = 0):
        self.params, self.grads = [], []
        self.pool_h, self.pool_w, self.stride, self.pad = pool_h, pool_w, stride, pad
        self.x_shape = None
        self.arg_max = None

    def forward(self, x):
        N, C, H, W = x.shape
        ph, pw = self.pool_h, self.pool_w
        oh = conv_output_size(H, ph, self.stride, self.pad)
        ow = conv_output_size(W, pw, self.stride, self.pad)
        self.x_shape = x.shape
        xp = np.pad(x, ((0, 0), (0, 0), (self.pad,) * 2, (self.pad,) * 2),
                    constant_values=-np.inf) if self.pad else x
        win = sliding_window_view(xp, (ph, pw), axis=(2, 3))[:, :, ::self.stride, ::self.stride]
        win = win[:, :, :oh, :ow].reshape(N, C, oh, ow, ph * pw)     # one copy
        self.arg_max = win.argmax(axis=4)                            # (N, C, OH, OW)
        return np.take_along_axis(win, self.arg_max[..., None], axis=4)[..., 0]

    def backward(self, dout):
        N, C, H, W = self.x_shape
        ph, pw = self.pool_h, self.pool_w
        oh, ow = dout.shape[2:]
        dwin = np.zeros((N, C, oh, ow, ph * pw), dtype=dout.dtype)
        np.put_along_axis(dwin, self.arg_max[..., None], dout[..., None], axis=4)
        # (N, C, OH, OW, PH, PW) -> rows of col2im's layout, one channel per "filter"
        dcol = dwin.reshape(N, C, oh, ow, ph, pw).transpose(0, 2, 3, 1, 4, 5).reshape(N * oh * ow, -1)
        return col2im(dcol, self.x_shape, ph, pw, self.stride, self.pad)
