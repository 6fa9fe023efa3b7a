"""Run profiles, seeding and notebook set-up.

Two profiles run the same code path:

- ``full`` (default): what students run and what committed notebook outputs show.
- ``quick`` (``COURSE_PROFILE=quick``, set by ``make test``): small data and few
  epochs so that every notebook runs in well under a minute.
"""
from __future__ import annotations

import os
import random

import numpy as np

PROFILES = ("full", "quick")
_ENV = "COURSE_PROFILE"


def profile() -> str:
    """Return the active profile name, ``'full'`` or ``'quick'``.

    Read from the ``COURSE_PROFILE`` environment variable on every call, so a test
    can switch profiles with ``monkeypatch.setenv``.
    """
    value = os.environ.get(_ENV, "full").strip().lower() or "full"
    if value not in PROFILES:
        raise ValueError(
            f"{_ENV}={value!r} is not a known profile; use one of {PROFILES} "
            f"(e.g. `export {_ENV}=quick`), or unset it for 'full'."
        )
    return value


def is_quick() -> bool:
    """True in the quick profile."""
    return profile() == "quick"


def pick(*, full, quick):
    """Return ``full`` or ``quick`` depending on the active profile.

    Example: ``EPOCHS = cl.pick(full=25, quick=1)``.
    """
    return quick if is_quick() else full


def seed(value: int = 1234) -> np.random.Generator:
    """Seed Python's and NumPy's global generators; return a fresh ``Generator``.

    The book's code uses ``np.random.randn`` and friends, so the legacy global state
    is seeded too.
    """
    random.seed(value)
    np.random.seed(value)
    return np.random.default_rng(value)


def setup(seed_value: int = 1234, *, banner: bool = True, font: bool = True) -> None:
    """Prepare a notebook: seed the generators, set plot style and Korean font.

    Prints a one-line banner naming the profile, so that a reader of a notebook's
    output knows whether it came from a full or a quick run.
    """
    seed(seed_value)
    np.set_printoptions(precision=4, suppress=True)
    if font:
        from . import plotting

        plotting.use_korean_font()
    if banner:
        name = profile()
        note = "작은 데이터·짧은 학습 (테스트용)" if name == "quick" else "전체 데이터·전체 학습"
        print(f"course_lib 준비 완료 — 프로필: {name} ({note}), seed={seed_value}")
