"""Data augmentation of image batches (book 1, 8.1.2): shifts and small rotations.

Images are batches ``x`` of shape (N, C, H, W) (MNIST: (N, 1, 28, 28)), as the
convolutional networks read them. Every function returns a new array of the same
shape and dtype and fills what comes in from outside the picture with 0 (MNIST's
background). Conventions, as the picture is drawn (row 0 at the top):

- ``dx > 0`` moves the content to the right, ``dy > 0`` moves it down;
- ``degrees > 0`` turns it counter-clockwise about the image centre.

Plain NumPy, no loop over the batch: :func:`shift` copies slices (exact, integer
pixels); :func:`transform` resamples with bilinear interpolation (rotation and
shift in one pass, one set of parameters per image). :func:`random_transform` draws
the parameters from a ``numpy.random.Generator``, so a seed gives the same batch.
"""
from __future__ import annotations

import numpy as np

__all__ = ["shift", "rotate", "transform", "random_transform"]


def _per_image(value, n: int, what: str) -> np.ndarray:
    """A scalar or an (N,) sequence as an (N,) float array."""
    a = np.asarray(value, dtype=np.float64)
    if a.ndim == 0:
        return np.full(n, float(a))
    if a.shape != (n,):
        raise ValueError(f"{what} must be a number or one value per image ({n},), got shape {a.shape}")
    return a


def _check_batch(x) -> np.ndarray:
    x = np.asarray(x)
    if x.ndim != 4:
        raise ValueError(f"images must be a batch (N, C, H, W), got shape {x.shape}; "
                         "MNIST from load_mnist(flatten=False) is (N, 1, 28, 28)")
    return x


def shift(x, dx, dy):
    """Shift every image by whole pixels, filling the uncovered border with 0.

    x: (N, C, H, W); dx, dy: integers, or (N,) integer arrays (one shift per image).
    ``out[n, c, i, j] = x[n, c, i - dy[n], j - dx[n]]`` where that index lies inside the
    image, else 0. Returns (N, C, H, W), same dtype. A shift of H (or W) or more
    leaves an empty image.
    """
    x = _check_batch(x)
    n, _, h, w = x.shape
    dxs, dys = _per_image(dx, n, "dx"), _per_image(dy, n, "dy")
    if np.any(dxs != np.round(dxs)) or np.any(dys != np.round(dys)):
        raise ValueError("shift takes whole pixels; use transform(...) for fractional shifts")
    out = np.zeros_like(x)
    # one slice copy per distinct (dx, dy): a handful for a random batch of small shifts
    pairs = np.stack([dxs, dys], axis=1).astype(np.int64)
    for (sx, sy) in np.unique(pairs, axis=0):
        idx = np.flatnonzero((pairs[:, 0] == sx) & (pairs[:, 1] == sy))
        if abs(sx) >= w or abs(sy) >= h:
            continue
        dst_r, src_r = slice(max(sy, 0), h + min(sy, 0)), slice(max(-sy, 0), h - max(sy, 0))
        dst_c, src_c = slice(max(sx, 0), w + min(sx, 0)), slice(max(-sx, 0), w - max(sx, 0))
        out[idx, :, dst_r, dst_c] = x[idx, :, src_r, src_c]
    return out


def transform(x, dx=0.0, dy=0.0, degrees=0.0):
    """Rotate each image about its centre, then shift it, by bilinear resampling.

    x: (N, C, H, W); dx, dy (pixels, may be fractional) and degrees: numbers or (N,)
    arrays. Output pixel ``p`` (row, column) takes the input at ``R⁻¹(p − centre − d) +
    centre`` (``R``: the rotation by ``degrees`` counter-clockwise as drawn,
    ``d = (dy, dx)``), interpolated bilinearly from its four neighbours; neighbours
    outside the image count as 0. Integer shifts with ``degrees=0`` give exactly
    :func:`shift`. Returns (N, C, H, W), same dtype.
    """
    x = _check_batch(x)
    n, c, h, w = x.shape
    dxs, dys = _per_image(dx, n, "dx"), _per_image(dy, n, "dy")
    theta = np.deg2rad(_per_image(degrees, n, "degrees"))
    cy, cx = (h - 1) / 2.0, (w - 1) / 2.0
    rows, cols = np.meshgrid(np.arange(h, dtype=np.float64), np.arange(w, dtype=np.float64), indexing="ij")
    # output offsets from the centre, minus the shift: (N, H, W)
    u = rows[None] - cy - dys[:, None, None]
    v = cols[None] - cx - dxs[:, None, None]
    cos, sin = np.cos(theta)[:, None, None], np.sin(theta)[:, None, None]
    # source = R(-θ) applied to the output offset; rows point down, so with this sign a
    # positive angle turns the picture counter-clockwise as drawn
    src_r = cos * u + sin * v + cy
    src_c = -sin * u + cos * v + cx
    r0, c0 = np.floor(src_r), np.floor(src_c)
    fr, fc = src_r - r0, src_c - c0
    r0, c0 = r0.astype(np.int64), c0.astype(np.int64)

    # pad by one pixel of zeros so that every neighbour index is valid
    padded = np.zeros((n, c, h + 2, w + 2), dtype=np.float64)
    padded[:, :, 1:-1, 1:-1] = x
    batch = np.arange(n)[:, None, None]
    out = np.zeros((n, c, h, w), dtype=np.float64)
    for rr, cc, weight in ((r0, c0, (1 - fr) * (1 - fc)), (r0, c0 + 1, (1 - fr) * fc),
                           (r0 + 1, c0, fr * (1 - fc)), (r0 + 1, c0 + 1, fr * fc)):
        inside = (rr >= -1) & (rr <= h) & (cc >= -1) & (cc <= w)
        ri, ci = np.clip(rr, -1, h) + 1, np.clip(cc, -1, w) + 1
        vals = padded[batch, :, ri, ci]                    # (N, H, W, C)
        out += np.moveaxis(vals * (weight * inside)[..., None], -1, 1)
    return out.astype(x.dtype, copy=False)


def rotate(x, degrees):
    """Rotate each image by ``degrees`` (number or (N,)) counter-clockwise about its
    centre, bilinear, zero fill. x: (N, C, H, W) → (N, C, H, W)."""
    return transform(x, 0.0, 0.0, degrees)


def random_transform(x, rng: np.random.Generator, max_shift: int = 2, max_degrees: float = 10.0):
    """A randomly shifted and rotated copy of every image (one draw per image).

    x: (N, C, H, W). Shifts are whole pixels drawn uniformly from
    ``-max_shift..max_shift`` (each axis), angles uniformly from
    ``[-max_degrees, max_degrees]``. Returns ``(out, params)``: ``out`` (N, C, H, W) and
    ``params`` a dict of (N,) arrays ``dx``, ``dy`` (int) and ``degrees`` (float) — the
    draws, so that a figure can label them or a test redo them.
    """
    x = _check_batch(x)
    n = x.shape[0]
    if max_shift < 0 or max_degrees < 0:
        raise ValueError(f"max_shift and max_degrees must be >= 0, got {max_shift}, {max_degrees}")
    dx = rng.integers(-max_shift, max_shift + 1, size=n)
    dy = rng.integers(-max_shift, max_shift + 1, size=n)
    degrees = rng.uniform(-max_degrees, max_degrees, size=n)
    out = transform(x, dx, dy, degrees) if max_degrees > 0 else shift(x, dx, dy)
    return out, {"dx": dx, "dy": dy, "degrees": degrees}
