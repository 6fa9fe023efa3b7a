"""Convolution and pooling layers on images (N, C, H, W), book 1 ch. 7.

``im2col`` turns every receptive field into one row, so that a convolution becomes a
single matrix product; ``col2im`` adds such rows back into an image (the backward of
``im2col``). Both work on strided views of the padded batch: no Python loop over the
batch or the channels, only over the FH×FW filter offsets in ``col2im``.
``Convolution`` uses the transposed pair ``im2col_t``/``col2im_t`` (one row per
filter tap: the same products, faster copies) and ``Pooling`` strided views of the
window offsets; ``benchmarks/convnets.py`` measures both against the book's code.
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


def im2col_t(x, filter_h: int, filter_w: int, stride: int = 1, pad: int = 0):
    """:func:`im2col` transposed, as :class:`Convolution` uses it: one row per filter tap.

    x: (N, C, H, W) → col_t (C·FH·FW, N·OH·OW) with ``col_t == im2col(x, …).T``. Built
    by one strided copy per ``(fh, fw)`` offset, each a shifted view of the whole
    batch (long contiguous runs of OW pixels), instead of :func:`im2col`'s copy whose
    innermost run is FW pixels: about 4× faster, and the products of the layer
    (``W (FN, C·FH·FW) @ col_t``) come out channel-major.
    """
    N, C, H, W = x.shape
    oh = conv_output_size(H, filter_h, stride, pad)
    ow = conv_output_size(W, filter_w, stride, pad)
    if pad:
        x = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    xt = x.transpose(1, 0, 2, 3)                                   # (C, N, H, W) view
    col = np.empty((C, filter_h, filter_w, N, oh, ow), dtype=x.dtype)
    for y in range(filter_h):
        for x0 in range(filter_w):
            col[:, y, x0] = xt[:, :, y:y + stride * (oh - 1) + 1:stride, x0:x0 + stride * (ow - 1) + 1:stride]
    return col.reshape(C * filter_h * filter_w, N * oh * ow)


def col2im_t(col_t, input_shape, filter_h: int, filter_w: int, stride: int = 1, pad: int = 0):
    """Adjoint of :func:`im2col_t` (``col2im(col_t.T, …)``): col_t (C·FH·FW, N·OH·OW)
    → (N, C, H, W), returned as a view of a channel-major (C, N, H, W) array."""
    N, C, H, W = input_shape
    oh = conv_output_size(H, filter_h, stride, pad)
    ow = conv_output_size(W, filter_w, stride, pad)
    col = col_t.reshape(C, filter_h, filter_w, N, oh, ow)
    img = np.zeros((C, N, H + 2 * pad, W + 2 * pad), dtype=col_t.dtype)
    for y in range(filter_h):
        for x0 in range(filter_w):
            img[:, :, y:y + stride * (oh - 1) + 1:stride, x0:x0 + stride * (ow - 1) + 1:stride] += col[:, y, x0]
    return img[:, :, pad:H + pad, pad:W + pad].transpose(1, 0, 2, 3)


class Convolution:
    """2-D convolution (cross-correlation, as in the book) with bias.

    W: (FN, C, FH, FW) filters, b: (FN,). forward(x): x (N, C, H, W) →
    (N, FN, OH, OW) with ``OH = (H + 2·pad − FH) / stride + 1``.

    The book's computation (``out = im2col(x) @ W.reshape(FN, -1).T + b``) done in
    its transposed form, ``W.reshape(FN, -1) @ im2col_t(x) + b``, the same numbers
    with faster copies (see :func:`im2col_t`). The output is a (N, FN, OH, OW) view
    of a channel-major (FN, N, OH, OW) array; NumPy's elementwise layers keep that
    layout, so the next backward pass needs no transposing copy. ``col_t`` holds
    the input's columns for the backward pass.
    """

    def __init__(self, W, b, stride: int = 1, pad: int = 0):
        self.params = [W, b]
        self.grads = [np.zeros_like(W), np.zeros_like(b)]
        self.stride, self.pad = stride, pad
        self.x_shape = None
        self.col_t = None

    def forward(self, x):
        W, b = self.params
        FN, C, FH, FW = W.shape
        if x.ndim != 4 or x.shape[1] != C:
            raise ValueError(f"Convolution expects x of shape (N, {C}, H, W), got {x.shape}")
        N, _, H, Wd = x.shape
        oh = conv_output_size(H, FH, self.stride, self.pad)
        ow = conv_output_size(Wd, FW, self.stride, self.pad)
        self.x_shape = x.shape
        self.col_t = im2col_t(x, FH, FW, self.stride, self.pad)      # (C·FH·FW, N·OH·OW)
        out = W.reshape(FN, -1) @ self.col_t                          # (FN, N·OH·OW)
        out += b[:, None]
        return out.reshape(FN, N, oh, ow).transpose(1, 0, 2, 3)

    def backward(self, dout):
        W, _ = self.params
        FN, C, FH, FW = W.shape
        dout = dout.transpose(1, 0, 2, 3).reshape(FN, -1)            # (FN, N·OH·OW); a view if channel-major
        self.grads[0][...] = (dout @ self.col_t.T).reshape(W.shape)
        self.grads[1][...] = dout.sum(axis=1)
        dcol_t = W.reshape(FN, -1).T @ dout                           # (C·FH·FW, N·OH·OW)
        return col2im_t(dcol_t, self.x_shape, FH, FW, self.stride, self.pad)


class Pooling:
    """Max pooling over ``pool_h × pool_w`` windows of each channel.

    forward(x): x (N, C, H, W) → (N, C, OH, OW). backward routes each output's
    gradient to the first maximum of its window (row by row, as ``argmax`` does), so
    tied maxima (e.g. the zeros after a ReLU) do not multiply the gradient.

    Both passes loop over the ``pool_h·pool_w`` offsets of a window, each a strided
    view of the whole batch: the forward pass is an elementwise ``np.maximum`` of
    these views (no reshaped copy of every window, no ``argmax``), and the backward
    pass finds each window's first maximum by comparing the views with the output.
    About 8× faster than the book's max/argmax over an ``im2col`` copy.
    """

    def __init__(self, pool_h: int, pool_w: int, stride: int = 1, pad: int = 0):
        self.params, self.grads = [], []
        self.pool_h, self.pool_w, self.stride, self.pad = pool_h, pool_w, stride, pad
        self.x_shape = None
        self.xp = self.out = None

    def _windows(self, xp, oh: int, ow: int):
        """The ``pool_h·pool_w`` strided views (N, C, OH, OW), offset (i, j) row by row."""
        s = self.stride
        return [xp[:, :, i:i + s * (oh - 1) + 1:s, j:j + s * (ow - 1) + 1:s]
                for i in range(self.pool_h) for j in range(self.pool_w)]

    def forward(self, x):
        N, C, H, W = x.shape
        oh = conv_output_size(H, self.pool_h, self.stride, self.pad)
        ow = conv_output_size(W, self.pool_w, self.stride, self.pad)
        self.x_shape = x.shape
        p = self.pad
        xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)), constant_values=-np.inf) if p else x
        views = self._windows(xp, oh, ow)
        out = views[0].copy(order="K")   # keeps a channel-major input's layout
        for view in views[1:]:
            np.maximum(out, view, out=out)
        self.xp, self.out = xp, out
        return out

    def backward(self, dout):
        N, C, H, W = self.x_shape
        p = self.pad
        oh, ow = self.out.shape[2:]
        dxp = np.zeros_like(self.xp, dtype=dout.dtype)  # same layout as the input
        overlap = self.stride < max(self.pool_h, self.pool_w)  # windows share pixels: add
        taken = np.zeros(self.out.shape, dtype=bool)
        for view, dview in zip(self._windows(self.xp, oh, ow), self._windows(dxp, oh, ow)):
            first = view == self.out
            first &= ~taken          # only the first maximum of each window
            taken |= first
            if overlap:
                dview += dout * first
            else:
                np.multiply(dout, first, out=dview)
        return dxp[:, :, p:H + p, p:W + p] if p else dxp
