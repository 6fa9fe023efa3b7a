"""Assertions for visible tests, with Korean messages: what was expected, what came back, a hint.

Each raises ``AssertionError`` (a failed test for nbgrader) and returns nothing.
"""
from __future__ import annotations

import numpy as np


def _short(value, limit: int = 160) -> str:
    """A number as ``0.6365``, an array or list as ``[3 3 1 1]``, anything else by ``repr``."""
    try:
        arr = np.asarray(value)
    except Exception:  # noqa: BLE001 - any object: fall back to its repr
        arr = None
    if isinstance(value, str):  # spaces matter (padding): no whitespace collapsing
        text = repr(value)
        return text if len(text) <= limit else text[: limit - 1] + "…"
    if arr is None or arr.dtype == object:
        text = repr(value)
    elif arr.ndim == 0:
        text = f"{arr.item():.6g}" if np.issubdtype(arr.dtype, np.floating) else repr(arr.item())
    else:
        text = np.array2string(arr, precision=4, threshold=20, edgeitems=3, suppress_small=True)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fail(what: str, expected, actual, hint: str | None):
    msg = f"{what}: 기대한 값은 {_short(expected)}인데 결과는 {_short(actual)}입니다."
    if hint:
        msg += f" 힌트: {hint}"
    raise AssertionError(msg)


def expect_shape(actual, shape, what: str, hint: str | None = None) -> None:
    """``np.shape(actual) == shape``; the message names both shapes."""
    got = np.shape(actual)
    if tuple(got) != tuple(shape):
        msg = f"{what}: 형상(shape)이 {tuple(shape)}이어야 하는데 {tuple(got)}입니다."
        if hint:
            msg += f" 힌트: {hint}"
        raise AssertionError(msg)


def expect_close(actual, expected, what: str, hint: str | None = None, *,
                 rtol: float = 1e-5, atol: float = 1e-8) -> None:
    """Same shape and ``np.allclose(actual, expected, rtol, atol)``, NaN never equal."""
    try:
        a = np.asarray(actual, dtype=float)
    except (TypeError, ValueError):
        _fail(what, expected, actual, hint or "숫자(또는 숫자 배열)를 돌려주세요.")
    e = np.asarray(expected, dtype=float)
    if a.shape != e.shape:
        expect_shape(a, e.shape, what, hint)
    if not np.allclose(a, e, rtol=rtol, atol=atol):
        _fail(what, e, a, hint)


def expect_equal(actual, expected, what: str, hint: str | None = None) -> None:
    """Exact equality (``==`` for scalars and lists, ``np.array_equal`` for arrays)."""
    if isinstance(expected, np.ndarray) or isinstance(actual, np.ndarray):
        ok = np.shape(actual) == np.shape(expected) and np.array_equal(actual, expected)
    else:
        ok = actual == expected
    if not ok:
        _fail(what, expected, actual, hint)


def expect_true(condition, message: str) -> None:
    """``assert condition, message`` that also works under ``python -O``."""
    if not condition:
        raise AssertionError(message)
