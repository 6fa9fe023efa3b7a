"""The spiral toy data set of book 2, chapter 1 (generated, no download)."""
from __future__ import annotations

import numpy as np


def load_spiral(n_per_class: int = 100, n_classes: int = 3, noise: float = 0.2, seed: int = 1984):
    """Points on ``n_classes`` interleaved spiral arms.

    Returns ``x`` (N, 2) float64 and one-hot ``t`` (N, n_classes) uint8 with
    ``N = n_per_class * n_classes``, as the book's ``spiral.load_data()``.
    """
    rng = np.random.default_rng(seed)
    n = n_per_class * n_classes
    x = np.zeros((n, 2))
    t = np.zeros((n, n_classes), dtype=np.uint8)
    for j in range(n_classes):
        rate = np.arange(n_per_class) / n_per_class
        radius = 1.0 * rate
        theta = j * 4.0 + 4.0 * rate + rng.standard_normal(n_per_class) * noise
        rows = slice(j * n_per_class, (j + 1) * n_per_class)
        x[rows] = np.c_[radius * np.sin(theta), radius * np.cos(theta)]
        t[rows, j] = 1
    return x, t
