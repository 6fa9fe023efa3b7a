"""PROTOTYPES (not library code): candidate speed-ups of course_lib measured side by
side with the library's versions, so that a change to the library is decided on
numbers. Nothing here is imported by course_lib.

(The ``np.vdot`` norm in ``clip_grads`` started here: 14.7 → 5.4 ms per call on the
650-unit LM's gradients; it is now the library's.)

``InPlaceBackwardTimeLSTM`` and ``PrecomputedBackwardTimeLSTM``: ``TimeLSTM``
   with a backward pass that allocates no per-step temporaries (in-place ufuncs
   into preallocated arrays), and one that computes all forward-only gate factors
   for every time step before the loop. Kept to show the measured result (no gain:
   the loop is dominated by the matrix products and the data stays in cache).

Each candidate is checked against the library (same results up to rounding), then
timed in alternating blocks with the library version (process CPU time, which the
other processes' load disturbs least, and wall-clock time).

Run from the repository root::

    OPENBLAS_NUM_THREADS=1 PYTHONPATH=. python benchmarks/prototype_hotspots.py
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
for path in (str(HERE), str(HERE.parent)):
    if path not in sys.path:
        sys.path.insert(0, path)

from _timing import Timing, load_note, print_table, time_calls  # noqa: E402
from course_lib.time_layers import TimeLSTM  # noqa: E402


# --------------------------------------------------------------------------- prototypes
def _backward_buffers(layer, dhs):
    """What both prototype backward passes start from: the forward cache, time-major
    ``dhs_t`` (T, N, H), zero ``dh``/``dc``, two (N, H) scratch arrays and a
    contiguous ``Wh.T``."""
    Wh = layer.params[1]
    xs_t, A, hs, cs, tanh_cs = layer.cache
    N, H = xs_t.shape[1], Wh.shape[0]
    dh = np.zeros((N, H), A.dtype)
    return (xs_t, A, hs, cs, tanh_cs, dhs.transpose(1, 0, 2), dh, np.zeros_like(dh),
            np.empty_like(dh), np.empty_like(dh), np.ascontiguousarray(Wh.T))


class InPlaceBackwardTimeLSTM(TimeLSTM):
    """PROTOTYPE: ``TimeLSTM`` whose ``backward(dhs (N, T, H))`` → ``dxs (N, T, D)``
    writes every per-step quantity into preallocated (N, H) arrays."""

    def backward(self, dhs):
        xs_t, A, hs, cs, tanh_cs, dhs_t, dh, dc, dht, tmp, WhT = _backward_buffers(self, dhs)
        T, N, _ = xs_t.shape
        H = WhT.shape[1]
        dA = np.empty_like(A)
        for t in reversed(range(T)):
            a, da, tc = A[t], dA[t], tanh_cs[t]
            f, i, o, g = a[:, :H], a[:, H:2 * H], a[:, 2 * H:3 * H], a[:, 3 * H:]
            np.add(dhs_t[t], dh, out=dht)
            np.multiply(tc, tc, out=tmp)
            np.subtract(1, tmp, out=tmp)
            tmp *= o
            tmp *= dht
            dc += tmp
            df, di, do, dg = da[:, :H], da[:, H:2 * H], da[:, 2 * H:3 * H], da[:, 3 * H:]
            np.subtract(1, f, out=df)
            df *= f
            df *= cs[t]
            df *= dc
            np.subtract(1, i, out=di)
            di *= i
            di *= g
            di *= dc
            np.subtract(1, o, out=do)
            do *= o
            do *= tc
            do *= dht
            np.multiply(g, g, out=dg)
            np.subtract(1, dg, out=dg)
            dg *= i
            dg *= dc
            dc *= f
            dh = da @ WhT
        self.dh, self.dc = dh, dc
        return self._finish_backward(xs_t, dA, hs[:-1])


class PrecomputedBackwardTimeLSTM(TimeLSTM):
    """PROTOTYPE: ``TimeLSTM`` whose backward computes the forward-only gate factors
    (T, N, 4H) for all steps at once, then runs 7 in-place ufuncs per step."""

    def backward(self, dhs):
        xs_t, A, hs, cs, tanh_cs, dhs_t, dh, dc, dht, tmp, WhT = _backward_buffers(self, dhs)
        T, N, _ = xs_t.shape
        H = WhT.shape[1]
        f, i, g = A[..., :H], A[..., H:2 * H], A[..., 3 * H:]
        Q = np.empty_like(A)
        np.subtract(1, A[..., :3 * H], out=Q[..., :3 * H])
        Q[..., :3 * H] *= A[..., :3 * H]               # s(1-s) for f, i, o
        Q[..., :H] *= cs[:-1]                          # c_prev · f'
        Q[..., H:2 * H] *= g                           # g · i'
        Q[..., 2 * H:3 * H] *= tanh_cs                 # tanh(c) · o'
        np.square(g, out=Q[..., 3 * H:])
        np.subtract(1, Q[..., 3 * H:], out=Q[..., 3 * H:])
        Q[..., 3 * H:] *= i                            # i · (1 - g²)
        P = np.square(tanh_cs)
        np.subtract(1, P, out=P)
        P *= A[..., 2 * H:3 * H]                       # o · (1 - tanh(c)²)
        dA = np.empty_like(A)
        for t in reversed(range(T)):
            np.add(dhs_t[t], dh, out=dht)
            np.multiply(dht, P[t], out=tmp)
            dc += tmp
            d4, q4 = dA[t].reshape(N, 4, H), Q[t].reshape(N, 4, H)
            np.multiply(q4[:, :2], dc[:, None, :], out=d4[:, :2])
            np.multiply(q4[:, 3], dc, out=d4[:, 3])
            np.multiply(q4[:, 2], dht, out=d4[:, 2])
            dc *= f[t]
            dh = dA[t] @ WhT
        self.dh, self.dc = dh, dc
        return self._finish_backward(xs_t, dA, hs[:-1])


# --------------------------------------------------------------------------- measuring
def _alternate(steps, rounds=3, warmup=2, repeat=8):
    """Time several step functions in alternating blocks; returns pooled Timings."""
    pooled = [Timing() for _ in steps]
    for _ in range(rounds):
        for k, step in enumerate(steps):
            t = time_calls(step, warmup=warmup, repeat=repeat)
            pooled[k].samples += t.samples
            pooled[k].cpu_samples += t.cpu_samples
    return pooled


def _row(label, lib: Timing, proto: Timing):
    return (label, lib.cpu_median * 1e3, proto.cpu_median * 1e3, lib.median * 1e3, proto.median * 1e3,
            100 * (1 - proto.cpu_median / lib.cpu_median))


def _make_lstm(cls, N, T, D, H, dtype, seed=0):
    rng = np.random.default_rng(seed)

    def rand(shape, scale):
        return (scale * rng.standard_normal(shape)).astype(dtype)

    layer = cls(rand((D, 4 * H), D ** -0.5), rand((H, 4 * H), H ** -0.5), rand((4 * H,), 0.1))
    return layer, rand((N, T, D), 1.0), rand((N, T, H), 1.0)


def lstm_rows():
    worst = 0.0
    for cls in (InPlaceBackwardTimeLSTM, PrecomputedBackwardTimeLSTM):
        for N, T, D, H in [(3, 5, 4, 6), (20, 35, 650, 650)]:
            outs = []
            for c in (TimeLSTM, cls):
                layer, xs, dhs = _make_lstm(c, N, T, D, H, np.float64)
                layer.forward(xs)
                dxs = layer.backward(dhs)
                outs.append([dxs, layer.dh, layer.dc] + list(layer.grads))
            for a, b in zip(*outs):
                worst = max(worst, float(np.max(np.abs(a - b)) / (np.max(np.abs(a)) + 1e-300)))
    print(f"TimeLSTM backward prototypes vs library (float64): max relative difference {worst:.1e}")

    rows = []
    for label, (N, T, D, H) in [("LM layer N20 T35 D650 H650", (20, 35, 650, 650)),
                                ("addition encoder N128 T7 D16 H128", (128, 7, 16, 128)),
                                ("date encoder N128 T29 D16 H256", (128, 29, 16, 256))]:
        steps = []
        for cls in (TimeLSTM, InPlaceBackwardTimeLSTM, PrecomputedBackwardTimeLSTM):
            layer, xs, dhs = _make_lstm(cls, N, T, D, H, np.float32)
            layer.forward(xs)

            def step(layer=layer, cache=layer.cache, dhs=dhs):
                layer.cache = cache
                layer.backward(dhs)
            steps.append(step)
        lib, inplace, pre = _alternate(steps)
        rows.append(_row(f"TimeLSTM.backward in place, {label}", lib, inplace))
        rows.append(_row(f"TimeLSTM.backward precomputed, {label}", lib, pre))
    return rows


def main() -> int:
    print("PROTOTYPES vs course_lib, float32; " + load_note())
    rows = lstm_rows()
    print_table(["what", "lib cpu ms", "proto cpu ms", "lib wall ms", "proto wall ms", "cpu gain %"], rows,
                title="Library vs prototype (medians over alternating blocks)")
    print(f"\n{load_note()} (after the run)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
