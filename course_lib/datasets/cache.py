"""Download cache for the real data sets (MNIST, PTB): fetch once, verify, reuse.

- ``data_dir()`` is the cache folder (``COURSE_DATA_DIR``, else ``<repo>/data/cache``
  in a source checkout, else ``~/.cache/course_lib``).
- ``fetch(remote)`` returns the verified local copy of one ``RemoteFile``. It tries
  ``COURSE_DATA_MIRROR`` (a ``file://`` or ``http(s)://`` base, or a plain folder path)
  before the public URLs, checks the SHA-256 while streaming, and writes atomically:
  a partial or wrong download never sits under the final name.
- When every source fails it raises ``DataUnavailableError`` saying exactly which file
  to put where.
"""
from __future__ import annotations

import hashlib
import os
import re
import secrets
import urllib.parse
import urllib.request
import warnings
from dataclasses import dataclass
from http.client import HTTPException
from pathlib import Path

from ..fileio import atomic_write  # noqa: F401  (used here and re-exported)

ENV_DIR = "COURSE_DATA_DIR"
ENV_MIRROR = "COURSE_DATA_MIRROR"
_CHUNK = 1 << 20
_USER_AGENT = "course_lib (deep-learning-from-scratch workbook; python urllib)"
# <repo> when this file is <repo>/course_lib/datasets/cache.py (a source checkout).
_SOURCE_ROOT = Path(__file__).resolve().parents[2]


class DataUnavailableError(RuntimeError):
    """A data file could not be had from the cache, the mirror or the public URLs.

    The message lists every source tried and why it failed, and says where to put the
    file by hand. Attributes: ``remote`` (the ``RemoteFile``), ``path`` (where the file
    is expected), ``attempts`` (list of ``(source, reason)`` strings).
    """

    def __init__(self, message: str, *, remote=None, path=None, attempts=()):
        super().__init__(message)
        self.remote = remote
        self.path = path
        self.attempts = list(attempts)


@dataclass(frozen=True)
class RemoteFile:
    """One downloadable file.

    name: relative path in the cache and in a mirror, e.g.
    ``"mnist/train-images-idx3-ubyte.gz"``; sha256: 64 lower-case hex digits;
    urls: public URLs, tried in order after the mirror.
    """

    name: str
    sha256: str
    urls: tuple[str, ...] = ()

    def __post_init__(self):
        parts = self.name.split("/")
        if not self.name or self.name.startswith("/") or any(p in ("", ".", "..") for p in parts):
            raise ValueError(
                f"RemoteFile name {self.name!r} must be a relative path like 'mnist/file.gz' "
                "(no leading '/', no '.' or '..' parts)."
            )
        if not re.fullmatch(r"[0-9a-f]{64}", self.sha256):
            raise ValueError(
                f"RemoteFile {self.name!r}: sha256 must be 64 lower-case hex digits, "
                f"got {self.sha256!r}."
            )
        object.__setattr__(self, "urls", tuple(self.urls))


def _entries(base_url: str, sums: dict[str, str], *extra_bases: str) -> dict[str, RemoteFile]:
    """Build registry entries whose public URLs are ``base + file name``."""
    out = {}
    for name, digest in sums.items():
        leaf = name.rsplit("/", 1)[-1]
        out[name] = RemoteFile(name, digest, tuple(b + leaf for b in (base_url, *extra_bases)))
    return out


# Checksums of the original public files (same as ../shared/datasets/SHA256SUMS).
REGISTRY: dict[str, RemoteFile] = {
    **_entries(
        "https://ossci-datasets.s3.amazonaws.com/mnist/",
        {
            "mnist/train-images-idx3-ubyte.gz": "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
            "mnist/train-labels-idx1-ubyte.gz": "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
            "mnist/t10k-images-idx3-ubyte.gz": "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
            "mnist/t10k-labels-idx1-ubyte.gz": "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
        },
        "http://yann.lecun.com/exdb/mnist/",
    ),
    **_entries(
        "https://raw.githubusercontent.com/tomsercu/lstm/master/data/",
        {
            "ptb/ptb.train.txt": "fcea919f6cf83f35d4d00c6cbf08040d13d4155226340912e2fef9c9c4102cbf",
            "ptb/ptb.valid.txt": "c9fe6985fe0d4ccb578183407d7668fc6066c20700cb4cf87d8ff1cc34df1bf2",
            "ptb/ptb.test.txt": "dd65dff31e70846b2a6030a87482edcd5d199130cdcfa1f3dccbb033728deee0",
        },
    ),
    # MR: Pang & Lee's sentence polarity v1.0, byte for byte as copied in Kim's CNN_sentence
    # repository (original: rt-polaritydata.tar.gz on Cornell's movie-review-data page)
    **_entries(
        "https://raw.githubusercontent.com/yoonkim/CNN_sentence/master/",
        {
            "mr/rt-polarity.pos": "2da124ec187a9d5a29c9f04e91c540e02baed5af8868f550a26bd6fd4dbf8bf0",
            "mr/rt-polarity.neg": "4ace77d558c3714723843f1d65b60c01e3417b208180f0728808d76ad0eeeaca",
        },
    ),
}

# (path, size, mtime_ns) -> sha256 of files hashed in this process.
_VERIFIED: dict[tuple[str, int, int], str] = {}


def data_dir() -> Path:
    """Return the cache folder (absolute), creating it if needed.

    ``COURSE_DATA_DIR`` if set; else ``<repo>/data/cache`` when running from a source
    checkout (``<repo>/data/`` and ``<repo>/syllabus.md`` next to ``course_lib/``);
    else ``~/.cache/course_lib``.
    """
    env = os.environ.get(ENV_DIR, "").strip()
    if env:
        path = Path(env).expanduser()
    elif (_SOURCE_ROOT / "data").is_dir() and (_SOURCE_ROOT / "syllabus.md").is_file():
        path = _SOURCE_ROOT / "data" / "cache"
    else:
        path = Path.home() / ".cache" / "course_lib"
    path = Path(os.path.abspath(path))
    path.mkdir(parents=True, exist_ok=True)
    return path


def sha256_file(path: Path) -> str:
    """SHA-256 of a file as lower-case hex."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def _stat_key(path: Path) -> tuple[str, int, int]:
    st = path.stat()
    return (str(path), st.st_size, st.st_mtime_ns)


def _cached_ok(path: Path, expected: str) -> tuple[bool, str]:
    """Is ``path`` present with the expected checksum? Returns (ok, actual or '')."""
    try:
        key = _stat_key(path)
    except FileNotFoundError:
        return False, ""
    actual = _VERIFIED.get(key)
    if actual is None:
        actual = sha256_file(path)
        _VERIFIED[key] = actual
    return actual == expected, actual


def mirror_url(name: str) -> str | None:
    """URL of ``name`` under ``COURSE_DATA_MIRROR``, or None when it is not set.

    The mirror may be ``file:///abs/folder``, ``http(s)://host/base`` or a plain
    absolute or relative folder path.
    """
    base = os.environ.get(ENV_MIRROR, "").strip()
    if not base:
        return None
    if "://" not in base:  # a plain folder path (also works for C:\... on Windows)
        base = Path(os.path.abspath(Path(base).expanduser())).as_uri()
    return base.rstrip("/") + "/" + urllib.parse.quote(name)


def _download(url: str, target: Path, expected: str, timeout: float) -> None:
    """Stream ``url`` into a temp file next to ``target``; rename only if the SHA-256 matches.

    Raises OSError/ValueError/HTTPException on failure; nothing is left behind then.
    """
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    with atomic_write(target) as out, urllib.request.urlopen(request, timeout=timeout) as resp:
        h = hashlib.sha256()
        size = 0
        while chunk := resp.read(_CHUNK):
            h.update(chunk)
            out.write(chunk)
            size += len(chunk)
        actual = h.hexdigest()
        if actual != expected:
            raise ValueError(f"checksum mismatch: got SHA-256 {actual} ({size} bytes), expected {expected}")
    _VERIFIED[_stat_key(target)] = actual


def fetch(remote: RemoteFile, *, timeout: float = 10.0) -> Path:
    """Return the verified local path ``data_dir() / remote.name``, downloading it if needed.

    Order: the cache (checksum verified once per process), then ``COURSE_DATA_MIRROR``,
    then ``remote.urls``. A cached file with a wrong checksum is moved aside to
    ``<name>.corrupt`` with a warning and downloaded again. ``timeout`` (seconds) is
    per network operation. Raises ``DataUnavailableError`` when no source gives the
    file with the right checksum.
    """
    target = data_dir() / remote.name
    ok, actual = _cached_ok(target, remote.sha256)
    if ok:
        return target
    attempts: list[tuple[str, str]] = []
    if actual:  # present but wrong
        aside = target.with_name(target.name + ".corrupt")
        os.replace(target, aside)
        note = (f"cached file had SHA-256 {actual}, expected {remote.sha256}; "
                f"moved it aside to {aside}")
        warnings.warn(f"Corrupt cache file {target}: {note}. Downloading it again.", stacklevel=2)
        attempts.append((str(target), note))
    target.parent.mkdir(parents=True, exist_ok=True)

    mirror = mirror_url(remote.name)
    if mirror is None:
        attempts.append((ENV_MIRROR, "not set"))
    for url in ([mirror] if mirror else []) + list(remote.urls):
        print(f"내려받는 중 (downloading) {remote.name} ← {url}", flush=True)
        try:
            _download(url, target, remote.sha256, timeout)
            return target
        except (OSError, ValueError, HTTPException) as exc:
            attempts.append((url, f"{type(exc).__name__}: {exc}"))
    raise DataUnavailableError(_unavailable_message(remote, target, attempts),
                               remote=remote, path=target, attempts=attempts)


def _unavailable_message(remote: RemoteFile, target: Path, attempts) -> str:
    lines = [f"Could not get the data file {remote.name!r}.", "Tried:"]
    lines += [f"  - {src}: {why}" for src, why in attempts]
    lines += [
        "To fix it, do one of:",
        "  1. Connect to the internet and run again.",
        "  2. Download the file yourself"
        + (" from one of\n" + "\n".join(f"       {u}" for u in remote.urls) if remote.urls else ""),
        f"     and save it, unchanged, as\n       {target}",
        f"     Its SHA-256 must be {remote.sha256}",
        f"  3. Point {ENV_MIRROR} at a folder holding the files laid out as",
        "     mnist/<file>, ptb/<file> (a copy of the public files), e.g.",
        f"       export {ENV_MIRROR}=file:///path/to/folder",
        f"The cache folder is {data_dir()} (set {ENV_DIR} to use another one).",
    ]
    return "\n".join(lines)


def fetch_all(remotes, *, what: str, timeout: float = 10.0) -> list[Path]:
    """``fetch`` each of ``remotes`` in order; return their paths.

    Stops at the first file that cannot be had and raises ``DataUnavailableError``
    whose message adds the full list of files that ``what`` (e.g. ``"MNIST"``) needs.
    """
    remotes = list(remotes)
    paths = []
    for remote in remotes:
        try:
            paths.append(fetch(remote, timeout=timeout))
        except DataUnavailableError as err:
            root = data_dir()
            needed = "\n".join(
                f"  [{'present' if (root / r.name).is_file() else 'missing'}] {root / r.name}"
                f"\n        SHA-256 {r.sha256}" for r in remotes
            )
            message = f"{err}\n{what} needs all of these files:\n{needed}"
            raise DataUnavailableError(message, remote=err.remote, path=err.path,
                                       attempts=err.attempts) from None
    return paths
