"""Padding variable-length id sequences into one ``(N, T)`` array (like Keras'
``pad_sequences``), for batching sentences of different lengths.

Which side is padded matters for a many-to-one RNN that reads the *last* hidden state
``hs[:, -1]``: with ``padding="pre"`` the sentence ends at the last column, so the last
state has just read the last real word; with ``padding="post"`` the RNN reads pad ids
after the sentence, and its last state has to carry the sentence through them. The
returned lengths let a model read each sentence's state at its true end instead.
"""
from __future__ import annotations

import numpy as np

SIDES = ("pre", "post")


def pad_sequences(seqs, maxlen: int | None = None, padding: str = "pre", truncating: str = "pre",
                  value: int = 0, dtype=np.int32):
    """Pad (and truncate) sequences of ids to one length.

    ``seqs``: a list of 1-D int sequences (lists or arrays), lengths ``L_n`` (0 allowed).
    ``maxlen``: the common length ``T`` (default: the longest sequence; 0 if none).
    ``padding``: ``"pre"`` puts the ``value`` ids before each sequence, ``"post"`` after.
    ``truncating``: a sequence longer than ``T`` loses its first (``"pre"``) or its last
    (``"post"``) ids. ``value``: the pad id (0 = ``<pad>`` in the course's vocabularies).

    Returns ``(X, lengths)``: ``X`` (N, T) of ``dtype`` and ``lengths`` (N,) int64, the
    number of real ids kept in each row, ``min(L_n, T)``. With ``padding="post"`` row
    ``n``'s last real id is ``X[n, lengths[n] - 1]``; with ``"pre"`` it is ``X[n, -1]``.
    """
    if padding not in SIDES:
        raise ValueError(f"padding must be 'pre' or 'post', got {padding!r}")
    if truncating not in SIDES:
        raise ValueError(f"truncating must be 'pre' or 'post', got {truncating!r}")
    seqs = [np.asarray(s) for s in seqs]
    for i, s in enumerate(seqs):
        if s.ndim != 1:
            raise ValueError(f"sequence {i} has shape {s.shape}; each sequence must be 1-D (L,)")
        if s.size and not np.issubdtype(s.dtype, np.integer):
            raise ValueError(f"sequence {i} holds {s.dtype} values; pad_sequences pads integer ids")
    raw = np.fromiter((len(s) for s in seqs), dtype=np.int64, count=len(seqs))
    if maxlen is None:
        maxlen = int(raw.max()) if len(raw) else 0
    if maxlen < 0:
        raise ValueError(f"maxlen must be >= 0, got {maxlen}")
    lengths = np.minimum(raw, maxlen)
    X = np.full((len(seqs), maxlen), value, dtype=dtype)
    for n, (s, k) in enumerate(zip(seqs, lengths)):
        if k == 0:
            continue
        kept = s[-k:] if truncating == "pre" else s[:k]
        if padding == "pre":
            X[n, maxlen - k:] = kept
        else:
            X[n, :k] = kept
    return X, lengths
