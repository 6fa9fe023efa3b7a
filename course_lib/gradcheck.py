"""Numerical gradients by central differences, and layer gradient checks.

Used by the notebooks (book 1, ch. 4–5) and by every layer's unit test.
"""
from __future__ import annotations

from typing import Callable, Sequence

import numpy as np


def numerical_diff(f: Callable[[float], float], x: float, h: float = 1e-4) -> float:
    """Central difference ``(f(x+h) - f(x-h)) / 2h`` of a scalar function at ``x``."""
    return (f(x + h) - f(x - h)) / (2 * h)


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-4) -> np.ndarray:
    """Gradient of the scalar function ``f`` at ``x`` by central differences.

    ``x``: float array of any shape, perturbed **in place** one element at a time and
    restored afterwards (so ``f`` may close over ``x``, as the book's network code
    does). Returns an array of ``x``'s shape.
    """
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(
            f"numerical_gradient needs a float array, got {x.dtype}; convert with x.astype(float)."
        )
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"], op_flags=[["readwrite"]])
    while not it.finished:
        idx = it.multi_index
        original = x[idx]
        x[idx] = original + h
        f_plus = f(x)
        x[idx] = original - h
        f_minus = f(x)
        x[idx] = original
        grad[idx] = (f_plus - f_minus) / (2 * h)
        it.iternext()
    return grad


def rel_error(a: np.ndarray, b: np.ndarray, eps: float = 1e-12) -> float:
    """Relative error of two arrays, ``||a - b|| / (||a|| + ||b||)`` (0 when both are 0).

    Norm-based, so entries that are both (almost) zero — e.g. ReLU gradients of
    negative inputs — do not blow up the ratio.
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"rel_error: shapes differ, {a.shape} vs {b.shape}")
    denom = np.linalg.norm(a) + np.linalg.norm(b)
    if denom < eps:
        return 0.0
    return float(np.linalg.norm(a - b) / denom)


def check_layer(layer, *inputs: np.ndarray, h: float = 1e-5, seed: int = 0) -> dict[str, float]:
    """Compare a layer's ``backward`` with numerical gradients.

    The layer follows the project's contract: ``forward(*inputs)`` returns an array
    ``out``; ``backward(dout)`` returns the gradient of the first input (or a tuple
    with one gradient per input) and writes parameter gradients into
    ``layer.grads`` (same shapes as ``layer.params``). A random projection
    ``L = sum(out * r)`` makes the output a scalar. Use float64 inputs and params.

    Returns ``{'x0': err, 'x1': err, ..., 'param0': err, ...}``: the relative error
    of each analytic gradient against the numerical one. Integer inputs (e.g. word
    ids) are not differentiated.
    """
    rng = np.random.default_rng(seed)
    out = layer.forward(*inputs)
    r = rng.standard_normal(np.shape(out))

    def loss(_=None) -> float:
        return float(np.sum(layer.forward(*inputs) * r))

    layer.forward(*inputs)
    dxs = layer.backward(r.copy())
    if not isinstance(dxs, tuple):
        dxs = (dxs,)
    params = list(getattr(layer, "params", []))
    analytic_param_grads = [g.copy() for g in getattr(layer, "grads", [])]

    errors: dict[str, float] = {}
    for i, x in enumerate(inputs):
        if isinstance(x, np.ndarray) and np.issubdtype(x.dtype, np.floating) and i < len(dxs):
            errors[f"x{i}"] = rel_error(dxs[i], numerical_gradient(loss, x, h))
    for i, p in enumerate(params):
        errors[f"param{i}"] = rel_error(analytic_param_grads[i], numerical_gradient(loss, p, h))
    return errors


def assert_gradients_close(errors: dict[str, float], tol: float = 1e-6) -> None:
    """Raise ``AssertionError`` naming every gradient whose relative error exceeds ``tol``."""
    bad = {k: v for k, v in errors.items() if not v < tol}
    if bad:
        raise AssertionError(f"gradient check failed (tol {tol}): {bad}")


def params_numerical_gradient(loss_fn: Callable[[], float], params: Sequence[np.ndarray], h: float = 1e-4):
    """Numerical gradients of ``loss_fn()`` w.r.t. each array in ``params`` (list of same shapes)."""
    return [numerical_gradient(lambda _: loss_fn(), p, h) for p in params]


def check_model(model, loss_fn: Callable[[], float], h: float = 1e-5) -> dict[str, float]:
    """Compare a whole model's back-propagated ``grads`` with numerical gradients.

    ``loss_fn()`` runs the model's forward pass and returns the loss (it may reset
    state first); ``model.backward()`` must then fill ``model.grads`` in the order
    of ``model.params``. Use float64 params. Returns ``{'param0': err, ...}``.
    """
    loss_fn()
    model.backward()
    analytic = [g.copy() for g in model.grads]
    numeric = params_numerical_gradient(loss_fn, model.params, h)
    return {f"param{i}": rel_error(a, n) for i, (a, n) in enumerate(zip(analytic, numeric))}
