"""Per-student numbers of the practice exams.

A practice exam asks for ``STUDENT_ID`` in its first cell. Every question draws its
numbers from :func:`student_rng` with that ID and the question's name, so that two
students get different numbers and the hidden tests recompute the key from the same
seed. SHA-256 rather than ``hash()``: the same on every machine and Python run.
"""
from __future__ import annotations

import hashlib

import numpy as np


def student_seed(student_id, question: str = "") -> int:
    """A 64-bit seed from a student ID and a question name (stable across machines)."""
    sid = str(student_id).strip()
    if not sid or sid in {"...", "학번"}:
        raise ValueError("STUDENT_ID가 비어 있습니다: 첫 셀에 자신의 학번을 문자열로 적고 "
                         "(예: STUDENT_ID = \"20261234\") 그 셀부터 다시 실행하세요.")
    digest = hashlib.sha256(f"{sid}\x1f{question}".encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "little")


def student_rng(student_id, question: str = "") -> np.random.Generator:
    """``np.random.Generator`` seeded by :func:`student_seed`."""
    return np.random.default_rng(student_seed(student_id, question))
