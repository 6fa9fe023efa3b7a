"""Recurrent layers (book 2, ch. 5–6 and appendix C) and their Time* forms.

Shapes: ``N`` batch, ``T`` time steps, ``D`` input size, ``H`` hidden size, ``V``
vocabulary. Time layers take batch-major arrays ``(N, T, ...)`` as in the book.

Speed: the Time forms do the input projection of all time steps in one matrix product
``(T*N, D) @ (D, kH)``, keep every per-step quantity in preallocated time-major
arrays, and compute the weight gradients after the loop with one product each. Only
the recurrence ``h_{t-1} @ Wh`` runs step by step.

Stateful layers (``stateful=True``) carry the last hidden state into the next
``forward`` call (truncated BPTT); ``set_state``/``reset_state`` control it. After
``backward``, ``layer.dh`` is the gradient of the loss with respect to the initial
hidden state (what a seq2seq encoder receives from its decoder).
"""
from __future__ import annotations

import numpy as np

from .functions import softmax_cross_entropy_rows
from .layers import Dropout, Embedding


def _sigmoid_(a):
    """In-place logistic sigmoid via ``(tanh(a/2) + 1) / 2``: stable, one transcendental."""
    a *= 0.5
    np.tanh(a, out=a)
    a += 1
    a *= 0.5
    return a


# --------------------------------------------------------------------------- single step
class RNN:
    """One step of a vanilla RNN: ``h_next = tanh(h_prev @ Wh + x @ Wx + b)``.

    ``Wx``: (D, H), ``Wh``: (H, H), ``b``: (H,). ``forward(x (N, D), h_prev (N, H))``
    → ``h_next`` (N, H); ``backward(dh_next)`` → ``(dx, dh_prev)``.
    """

    def __init__(self, Wx, Wh, b):
        self.params = [Wx, Wh, b]
        self.grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
        self.cache = None

    def forward(self, x, h_prev):
        Wx, Wh, b = self.params
        h_next = np.tanh(h_prev @ Wh + x @ Wx + b)
        self.cache = (x, h_prev, h_next)
        return h_next

    def backward(self, dh_next):
        Wx, Wh, _ = self.params
        x, h_prev, h_next = self.cache
        dt = dh_next * (1 - h_next ** 2)
        self.grads[0][...] = x.T @ dt
        self.grads[1][...] = h_prev.T @ dt
        self.grads[2][...] = dt.sum(axis=0)
        return dt @ Wx.T, dt @ Wh.T


class LSTM:
    """One LSTM step. Gates in the columns of ``Wx`` (D, 4H), ``Wh`` (H, 4H), ``b`` (4H,)
    in the order forget, input, output, candidate ``(f, i, o, g)``.

    ``forward(x (N, D), h_prev (N, H), c_prev (N, H))`` → ``(h_next, c_next)``;
    ``backward(dh_next, dc_next)`` → ``(dx, dh_prev, dc_prev)``. The gate values of the
    last step are kept in ``self.gates`` (dict name → (N, H)) for display.
    """

    def __init__(self, Wx, Wh, b):
        self.params = [Wx, Wh, b]
        self.grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
        self.cache = None
        self.gates = {}

    def forward(self, x, h_prev, c_prev):
        Wx, Wh, b = self.params
        H = h_prev.shape[1]
        a = x @ Wx + h_prev @ Wh + b
        _sigmoid_(a[:, :3 * H])
        np.tanh(a[:, 3 * H:], out=a[:, 3 * H:])
        f, i, o, g = a[:, :H], a[:, H:2 * H], a[:, 2 * H:3 * H], a[:, 3 * H:]
        c_next = f * c_prev + g * i
        tanh_c = np.tanh(c_next)
        h_next = o * tanh_c
        self.cache = (x, h_prev, c_prev, a, tanh_c)
        self.gates = {"f": f, "i": i, "o": o, "g": g}
        return h_next, c_next

    def backward(self, dh_next, dc_next):
        Wx, Wh, _ = self.params
        x, h_prev, c_prev, a, tanh_c = self.cache
        da = _lstm_gate_grads(a, c_prev, tanh_c, dh_next, dc_next)
        dc_prev = da[1]
        da = da[0]
        self.grads[0][...] = x.T @ da
        self.grads[1][...] = h_prev.T @ da
        self.grads[2][...] = da.sum(axis=0)
        return da @ Wx.T, da @ Wh.T, dc_prev


def _lstm_gate_grads(a, c_prev, tanh_c, dh, dc_next, out=None):
    """Gradient of an LSTM step w.r.t. its pre-activations.

    ``a``: activated gates (N, 4H) in order (f, i, o, g); ``c_prev``, ``tanh_c``,
    ``dh``, ``dc_next``: (N, H). Returns ``(da (N, 4H), dc_prev (N, H))``; ``da`` is
    written into ``out`` when given.
    """
    H = c_prev.shape[1]
    f, i, o, g = a[:, :H], a[:, H:2 * H], a[:, 2 * H:3 * H], a[:, 3 * H:]
    dc = dc_next + dh * o * (1 - tanh_c ** 2)
    da = np.empty_like(a) if out is None else out
    da[:, :H] = dc * c_prev * f * (1 - f)
    da[:, H:2 * H] = dc * g * i * (1 - i)
    da[:, 2 * H:3 * H] = dh * tanh_c * o * (1 - o)
    da[:, 3 * H:] = dc * i * (1 - g ** 2)
    return da, dc * f


class GRU:
    """One GRU step (book 2, appendix C): update gate ``z``, reset gate ``r``, no cell.

    ``z = σ(x Wxz + h Whz + bz)``, ``r = σ(x Wxr + h Whr + br)``,
    ``h̃ = tanh(x Wxh + (r ⊙ h) Whh + bh)``, ``h_next = (1 - z) ⊙ h + z ⊙ h̃``.
    ``Wx``: (D, 3H), ``Wh``: (H, 3H), ``b``: (3H,) in the order (z, r, h̃).
    ``forward(x (N, D), h_prev (N, H))`` → ``h_next``; ``backward(dh_next)`` →
    ``(dx, dh_prev)``.
    """

    def __init__(self, Wx, Wh, b):
        self.params = [Wx, Wh, b]
        self.grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
        self.cache = None
        self.gates = {}

    def forward(self, x, h_prev):
        Wx, Wh, b = self.params
        ax = x @ Wx + b
        h_next, zr, h_hat = _gru_step(ax, h_prev, Wh)
        self.cache = (x, h_prev, zr, h_hat)
        H = h_prev.shape[1]
        self.gates = {"z": zr[:, :H], "r": zr[:, H:]}
        return h_next

    def backward(self, dh_next):
        Wx, Wh, _ = self.params
        x, h_prev, zr, h_hat = self.cache
        dax, dh_prev, dWh = _gru_step_backward(dh_next, h_prev, zr, h_hat, Wh)
        self.grads[0][...] = x.T @ dax
        self.grads[1][...] = dWh
        self.grads[2][...] = dax.sum(axis=0)
        return dax @ Wx.T, dh_prev


def _gru_step(ax, h_prev, Wh, zr_out=None, hh_out=None):
    """GRU step from the input projection ``ax = x Wx + b`` (N, 3H).

    Returns ``(h_next, zr (N, 2H), h_hat (N, H))``.
    """
    H = h_prev.shape[1]
    zr = np.add(ax[:, :2 * H], h_prev @ Wh[:, :2 * H], out=zr_out)
    _sigmoid_(zr)
    r = zr[:, H:]
    h_hat = np.add(ax[:, 2 * H:], (r * h_prev) @ Wh[:, 2 * H:], out=hh_out)
    np.tanh(h_hat, out=h_hat)
    z = zr[:, :H]
    h_next = h_prev + z * (h_hat - h_prev)
    return h_next, zr, h_hat


def _gru_step_backward(dh_next, h_prev, zr, h_hat, Wh, dax_out=None):
    """Backward of :func:`_gru_step`: returns ``(dax (N, 3H), dh_prev (N, H), dWh (H, 3H))``."""
    H = h_prev.shape[1]
    z, r = zr[:, :H], zr[:, H:]
    dax = np.empty((h_prev.shape[0], 3 * H), dtype=h_prev.dtype) if dax_out is None else dax_out
    dhh = dh_next * z * (1 - h_hat ** 2)              # d pre-activation of h̃
    dax[:, 2 * H:] = dhh
    d_rh = dhh @ Wh[:, 2 * H:].T                      # d (r ⊙ h_prev)
    dax[:, :H] = dh_next * (h_hat - h_prev) * z * (1 - z)
    dax[:, H:2 * H] = d_rh * h_prev * r * (1 - r)
    dh_prev = dh_next * (1 - z) + d_rh * r + dax[:, :2 * H] @ Wh[:, :2 * H].T
    dWh = np.empty_like(Wh)
    dWh[:, :2 * H] = h_prev.T @ dax[:, :2 * H]
    dWh[:, 2 * H:] = (r * h_prev).T @ dhh
    return dax, dh_prev, dWh


# --------------------------------------------------------------------------- Time forms
class _TimeRecurrent:
    """Shared state handling of TimeRNN/TimeLSTM/TimeGRU."""

    has_cell = False

    def __init__(self, Wx, Wh, b, stateful: bool = False):
        self.params = [Wx, Wh, b]
        self.grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
        self.stateful = stateful
        self.h = self.c = None
        self.dh = self.dc = None

    def set_state(self, h, c=None):
        """Use ``h`` (N, H) (and ``c`` for LSTM) as the initial state of the next forward.

        Works for stateless layers too (for that one call), as in the book's seq2seq
        decoder.
        """
        self.h = h
        if self.has_cell:
            self.c = c
        self._given_state = True

    def reset_state(self):
        """Forget the carried state: the next forward starts from zeros."""
        self.h = self.c = None

    def _initial(self, N, H, dtype):
        given = getattr(self, "_given_state", False)
        self._given_state = False
        if self.h is None or not (self.stateful or given):
            self.h = np.zeros((N, H), dtype=dtype)
        if self.has_cell and (self.c is None or not (self.stateful or given)):
            self.c = np.zeros((N, H), dtype=dtype)

    def _begin(self, xs):
        """Start a forward pass over ``xs`` (N, T, D): set the initial state and
        project every step's input. Returns ``(Wh, N, T, H, xs_t, A)``."""
        Wh = self.params[1]
        N, T, _ = xs.shape
        H = Wh.shape[0]
        self._initial(N, H, xs.dtype)
        xs_t, A = self._project(xs)
        return Wh, N, T, H, xs_t, A

    def _project(self, xs):
        """``xs`` (N, T, D) → time-major ``xs_t`` (T, N, D) and ``A = xs_t @ Wx + b`` (T, N, kH)."""
        Wx, _, b = self.params
        N, T, D = xs.shape
        xs_t = np.ascontiguousarray(xs.transpose(1, 0, 2))
        A = (xs_t.reshape(T * N, D) @ Wx).reshape(T, N, -1)
        A += b
        return xs_t, A

    def _finish_backward(self, xs_t, dA, hs_prev):
        """Weight gradients from all steps at once; returns ``dxs`` (N, T, D)."""
        Wx, _, _ = self.params
        T, N, D = xs_t.shape
        dA2 = dA.reshape(T * N, -1)
        self.grads[0][...] = xs_t.reshape(T * N, D).T @ dA2
        self.grads[2][...] = dA2.sum(axis=0)
        if hs_prev is not None:
            self.grads[1][...] = hs_prev.reshape(T * N, -1).T @ dA2
        return (dA2 @ Wx.T).reshape(T, N, D).transpose(1, 0, 2)


class TimeRNN(_TimeRecurrent):
    """``T`` RNN steps. ``xs`` (N, T, D) → ``hs`` (N, T, H); ``backward(dhs)`` → ``dxs``.

    Params ``Wx`` (D, H), ``Wh`` (H, H), ``b`` (H,), shared by every step.
    """

    def forward(self, xs):
        Wh, N, T, H, xs_t, A = self._begin(xs)
        hs = np.empty((T + 1, N, H), dtype=A.dtype)   # hs[0] = initial state
        hs[0] = self.h
        for t in range(T):
            np.tanh(A[t] + hs[t] @ Wh, out=hs[t + 1])
        self.cache = (xs_t, hs)
        self.h = hs[T].copy()
        return hs[1:].transpose(1, 0, 2)

    def backward(self, dhs):
        _, Wh, _ = self.params
        xs_t, hs = self.cache
        T = xs_t.shape[0]
        dhs_t = dhs.transpose(1, 0, 2)
        dA = np.empty_like(hs[1:])
        dh = np.zeros_like(hs[0])
        for t in reversed(range(T)):
            np.multiply(dhs_t[t] + dh, 1 - hs[t + 1] ** 2, out=dA[t])
            dh = dA[t] @ Wh.T
        self.dh = dh
        return self._finish_backward(xs_t, dA, hs[:-1])


class TimeLSTM(_TimeRecurrent):
    """``T`` LSTM steps. ``xs`` (N, T, D) → ``hs`` (N, T, H); ``backward(dhs)`` → ``dxs``.

    Params ``Wx`` (D, 4H), ``Wh`` (H, 4H), ``b`` (4H,), gates ordered (f, i, o, g).
    After ``forward``, ``self.gate_history`` holds the activated gates (T, N, 4H)
    for plotting.
    """

    has_cell = True

    def forward(self, xs):
        Wh, N, T, H, xs_t, A = self._begin(xs)
        hs = np.empty((T + 1, N, H), dtype=A.dtype)
        cs = np.empty((T + 1, N, H), dtype=A.dtype)
        tanh_cs = np.empty((T, N, H), dtype=A.dtype)
        hs[0], cs[0] = self.h, self.c
        tmp = np.empty((N, 4 * H), dtype=A.dtype)
        for t in range(T):
            a = A[t]
            np.matmul(hs[t], Wh, out=tmp)
            a += tmp
            _sigmoid_(a[:, :3 * H])
            np.tanh(a[:, 3 * H:], out=a[:, 3 * H:])
            np.multiply(a[:, :H], cs[t], out=cs[t + 1])
            cs[t + 1] += a[:, H:2 * H] * a[:, 3 * H:]
            np.tanh(cs[t + 1], out=tanh_cs[t])
            np.multiply(a[:, 2 * H:3 * H], tanh_cs[t], out=hs[t + 1])
        self.cache = (xs_t, A, hs, cs, tanh_cs)
        self.gate_history = A
        self.h, self.c = hs[T].copy(), cs[T].copy()
        return hs[1:].transpose(1, 0, 2)

    def backward(self, dhs):
        _, Wh, _ = self.params
        xs_t, A, hs, cs, tanh_cs = self.cache
        T = xs_t.shape[0]
        dhs_t = dhs.transpose(1, 0, 2)
        dA = np.empty_like(A)
        dh = np.zeros_like(hs[0])
        dc = np.zeros_like(cs[0])
        WhT = np.ascontiguousarray(Wh.T)
        for t in reversed(range(T)):
            _, dc = _lstm_gate_grads(A[t], cs[t], tanh_cs[t], dhs_t[t] + dh, dc, out=dA[t])
            dh = dA[t] @ WhT
        self.dh, self.dc = dh, dc
        return self._finish_backward(xs_t, dA, hs[:-1])


class TimeGRU(_TimeRecurrent):
    """``T`` GRU steps. ``xs`` (N, T, D) → ``hs`` (N, T, H). Params as :class:`GRU`."""

    def forward(self, xs):
        Wh, N, T, H, xs_t, A = self._begin(xs)
        hs = np.empty((T + 1, N, H), dtype=A.dtype)
        zrs = np.empty((T, N, 2 * H), dtype=A.dtype)
        h_hats = np.empty((T, N, H), dtype=A.dtype)
        hs[0] = self.h
        for t in range(T):
            hs[t + 1], _, _ = _gru_step(A[t], hs[t], Wh, zr_out=zrs[t], hh_out=h_hats[t])
        self.cache = (xs_t, hs, zrs, h_hats)
        self.h = hs[T].copy()
        return hs[1:].transpose(1, 0, 2)

    def backward(self, dhs):
        _, Wh, _ = self.params
        xs_t, hs, zrs, h_hats = self.cache
        T, N, _ = xs_t.shape
        dhs_t = dhs.transpose(1, 0, 2)
        dA = np.empty((T, N, Wh.shape[1]), dtype=hs.dtype)
        dWh = np.zeros_like(Wh)
        dh = np.zeros_like(hs[0])
        for t in reversed(range(T)):
            _, dh, dWh_t = _gru_step_backward(dhs_t[t] + dh, hs[t], zrs[t], h_hats[t], Wh, dax_out=dA[t])
            dWh += dWh_t
        self.dh = dh
        dxs = self._finish_backward(xs_t, dA, None)
        self.grads[1][...] = dWh
        return dxs


class TimeBiLSTM:
    """Bidirectional LSTM: one TimeLSTM reads left to right, another right to left.

    ``xs`` (N, T, D) → ``hs`` (N, T, 2H): ``hs[..., :H]`` forward direction,
    ``hs[..., H:]`` backward direction (aligned to the same time step).
    Params: the forward LSTM's ``[Wx, Wh, b]`` then the backward LSTM's.
    """

    def __init__(self, Wx1, Wh1, b1, Wx2, Wh2, b2, stateful: bool = False):
        self.forward_lstm = TimeLSTM(Wx1, Wh1, b1, stateful)
        self.backward_lstm = TimeLSTM(Wx2, Wh2, b2, stateful)
        self.params = self.forward_lstm.params + self.backward_lstm.params
        self.grads = self.forward_lstm.grads + self.backward_lstm.grads

    def forward(self, xs):
        h1 = self.forward_lstm.forward(xs)
        h2 = self.backward_lstm.forward(xs[:, ::-1])[:, ::-1]
        return np.concatenate((h1, h2), axis=2)

    def backward(self, dhs):
        H = dhs.shape[2] // 2
        dx1 = self.forward_lstm.backward(dhs[:, :, :H])
        dx2 = self.backward_lstm.backward(dhs[:, ::-1, H:])[:, ::-1]
        return dx1 + dx2

    def reset_state(self):
        self.forward_lstm.reset_state()
        self.backward_lstm.reset_state()


class TimeEmbedding(Embedding):
    """Embedding of a batch of id sequences: ``xs`` (N, T) ints → (N, T, D).

    The same layer as :class:`course_lib.layers.Embedding`, which accepts ids of any
    shape; the name follows the book.
    """


class TimeAffine:
    """Affine applied at every step: ``x`` (N, T, D) @ ``W`` (D, M) + ``b`` (M,) → (N, T, M)."""

    def __init__(self, W, b):
        self.params = [W, b]
        self.grads = [np.zeros_like(W), np.zeros_like(b)]
        self.x = None

    def forward(self, x):
        N, T, D = x.shape
        W, b = self.params
        self.x = x.reshape(N * T, D)
        return (self.x @ W + b).reshape(N, T, -1)

    def backward(self, dout):
        N, T, M = dout.shape
        W, _ = self.params
        dout = dout.reshape(N * T, M)
        self.grads[0][...] = self.x.T @ dout
        self.grads[1][...] = dout.sum(axis=0)
        return (dout @ W.T).reshape(N, T, -1)


class TimeSoftmaxWithLoss:
    """Softmax + cross-entropy at every step, averaged over the counted steps.

    ``forward(xs (N, T, V), ts (N, T) ids or (N, T, V) one-hot)`` → scalar. Steps whose
    label equals ``ignore_label`` (default -1, e.g. padding) are left out of the loss
    and get zero gradient. ``backward(dout=1)`` → ``dxs`` (N, T, V).
    """

    def __init__(self, ignore_label: int = -1):
        self.params, self.grads = [], []
        self.ignore_label = ignore_label
        self.cache = None

    def forward(self, xs, ts):
        N, T, V = xs.shape
        ts = np.asarray(ts)
        if ts.ndim == 3:
            ts = ts.argmax(axis=2)
        ts = ts.reshape(N * T)
        mask = ts != self.ignore_label
        count = max(int(mask.sum()), 1)
        all_counted = bool(mask.all())
        safe_ts = ts if all_counted else np.where(mask, ts, 0)
        losses, ys = softmax_cross_entropy_rows(xs.reshape(N * T, V), safe_ts)
        loss = (losses.sum() if all_counted else (losses * mask).sum()) / count
        self.cache = (safe_ts, ys, None if all_counted else mask, count, xs.shape)
        return loss

    def backward(self, dout=1):
        ts, ys, mask, count, shape = self.cache
        dx = ys
        dx[np.arange(len(ts)), ts] -= 1
        dx *= (dout / count)
        if mask is not None:
            dx *= mask[:, None]
        return dx.reshape(shape)


# Dropout acts on each entry independently, so the time form is the same layer:
# xs (N, T, D) → same shape; inverted, identity when ``train_flg`` is False.
TimeDropout = Dropout
