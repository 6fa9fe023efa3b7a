"""Tests of course_lib.datasets.cache: mirror, public URLs, checksums, atomic writes."""
import functools
import hashlib
import http.server
import threading
import urllib.request
import warnings

import pytest

from course_lib.datasets import cache
from course_lib.datasets.cache import DataUnavailableError, RemoteFile, data_dir, fetch

NAME = "mnist/some-file.gz"
CONTENT = bytes(range(256)) * 40  # 10,240 bytes


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def files_under(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if not p.is_dir())


@pytest.fixture(autouse=True)
def cache_env(tmp_path, monkeypatch):
    """An empty cache folder in tmp_path; no mirror."""
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("COURSE_DATA_MIRROR", raising=False)
    return tmp_path / "cache"


@pytest.fixture
def mirror(tmp_path, monkeypatch):
    """A file:// mirror holding NAME; COURSE_DATA_MIRROR points at it."""
    root = tmp_path / "mirror"
    (root / "mnist").mkdir(parents=True)
    (root / NAME).write_bytes(CONTENT)
    monkeypatch.setenv("COURSE_DATA_MIRROR", root.as_uri())
    return root


@pytest.fixture
def remote(tmp_path):
    """RemoteFile for NAME whose public URL is an unreachable file:// path."""
    return RemoteFile(NAME, sha(CONTENT), ((tmp_path / "nowhere" / "some-file.gz").as_uri(),))


@pytest.fixture
def http_mirror(mirror, monkeypatch):
    """Serve the mirror folder over http://127.0.0.1:<port> in a thread."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(mirror)))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    monkeypatch.setenv("COURSE_DATA_MIRROR", url)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_data_dir_from_env(cache_env):
    assert not cache_env.exists()
    assert data_dir() == cache_env
    assert cache_env.is_dir()


def test_data_dir_checkout_then_home(tmp_path, monkeypatch):
    monkeypatch.delenv("COURSE_DATA_DIR")
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    (repo / "syllabus.md").write_text("# syllabus\n")
    monkeypatch.setattr(cache, "_SOURCE_ROOT", repo)
    assert data_dir() == repo / "data" / "cache"

    monkeypatch.setattr(cache, "_SOURCE_ROOT", tmp_path / "site-packages")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert data_dir() == tmp_path / "home" / ".cache" / "course_lib"
    assert data_dir().is_dir()


def test_remote_file_validation():
    with pytest.raises(ValueError, match="relative path"):
        RemoteFile("../etc/passwd", "0" * 64)
    with pytest.raises(ValueError, match="sha256"):
        RemoteFile("mnist/x.gz", "abc")


def test_registry_holds_mnist_and_ptb():
    names = set(cache.REGISTRY)
    assert {"mnist/train-images-idx3-ubyte.gz", "mnist/t10k-labels-idx1-ubyte.gz",
            "ptb/ptb.train.txt", "ptb/ptb.valid.txt", "ptb/ptb.test.txt"} <= names
    for name, entry in cache.REGISTRY.items():
        assert entry.name == name and entry.urls
        assert all(u.endswith(name.rsplit("/", 1)[1]) for u in entry.urls)


def test_fetch_from_file_mirror_then_from_cache(mirror, remote, cache_env, capsys):
    path = fetch(remote)
    assert path == cache_env / NAME
    assert path.read_bytes() == CONTENT
    assert files_under(cache_env) == [NAME]
    assert mirror.as_uri() in capsys.readouterr().out

    (mirror / NAME).unlink()  # the cache alone must do now
    assert fetch(remote) == path
    assert capsys.readouterr().out == ""  # nothing downloaded


def test_cached_file_hashed_once_per_process(mirror, remote, monkeypatch):
    fetch(remote)
    calls = []
    real = cache.sha256_file
    monkeypatch.setattr(cache, "sha256_file", lambda p: calls.append(p) or real(p))
    for _ in range(3):
        fetch(remote)
    assert calls == []  # verified while downloading
    cache._VERIFIED.clear()  # as in a new process
    for _ in range(3):
        fetch(remote)
    assert len(calls) == 1


def test_fetch_over_http(http_mirror, remote, cache_env, capsys):
    assert fetch(remote).read_bytes() == CONTENT
    assert http_mirror in capsys.readouterr().out


def test_mirror_as_plain_folder_path(mirror, remote, monkeypatch):
    monkeypatch.setenv("COURSE_DATA_MIRROR", str(mirror))
    assert fetch(remote).read_bytes() == CONTENT


def test_mirror_tried_before_public_urls(tmp_path, monkeypatch, cache_env):
    public = tmp_path / "public" / "some-file.gz"
    public.parent.mkdir()
    public.write_bytes(CONTENT)
    empty = tmp_path / "empty-mirror"
    empty.mkdir()
    monkeypatch.setenv("COURSE_DATA_MIRROR", empty.as_uri())
    remote = RemoteFile(NAME, sha(CONTENT), (public.as_uri(),))
    opened = []
    real = urllib.request.urlopen
    monkeypatch.setattr(urllib.request, "urlopen",
                        lambda req, timeout: opened.append(req.full_url) or real(req, timeout=timeout))
    assert fetch(remote).read_bytes() == CONTENT
    assert opened == [empty.as_uri() + "/" + NAME, public.as_uri()]


def test_checksum_mismatch_at_source_leaves_nothing(mirror, remote, cache_env):
    (mirror / NAME).write_bytes(CONTENT[:-1] + b"X")
    with pytest.raises(DataUnavailableError, match="checksum mismatch") as info:
        fetch(remote)
    assert sha(CONTENT[:-1] + b"X") in str(info.value)
    assert files_under(cache_env) == []  # no final file, no .part file


def test_download_error_midway_leaves_nothing(mirror, remote, cache_env, monkeypatch):
    class Broken:
        def __init__(self):
            self.n = 0

        def read(self, size):
            self.n += 1
            if self.n > 1:
                raise ConnectionResetError("connection dropped")
            return CONTENT[:100]

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(urllib.request, "urlopen", lambda req, timeout: Broken())
    with pytest.raises(DataUnavailableError, match="connection dropped"):
        fetch(remote)
    assert files_under(cache_env) == []


def test_corrupt_cache_is_replaced(mirror, remote, cache_env):
    path = fetch(remote)
    path.write_bytes(CONTENT[:500])  # truncated
    with pytest.warns(UserWarning, match="Corrupt cache file"):
        assert fetch(remote).read_bytes() == CONTENT

    path.write_bytes(CONTENT[:-1] + b"\x00")  # same size, one byte changed
    cache._VERIFIED.clear()  # a later process: nothing remembered
    with pytest.warns(UserWarning, match="Corrupt cache file"):
        assert fetch(remote).read_bytes() == CONTENT
    assert files_under(cache_env) == [NAME, NAME + ".corrupt"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert fetch(remote).read_bytes() == CONTENT


def test_offline_error_says_what_to_put_where(tmp_path, remote, cache_env, monkeypatch):
    empty = tmp_path / "empty-mirror"
    empty.mkdir()
    monkeypatch.setenv("COURSE_DATA_MIRROR", empty.as_uri())
    with pytest.raises(DataUnavailableError) as info:
        fetch(remote, timeout=1.0)
    message = str(info.value)
    assert str(cache_env / NAME) in message
    assert remote.sha256 in message
    assert remote.urls[0] in message
    assert empty.as_uri() + "/" + NAME in message
    assert "COURSE_DATA_MIRROR=file:///path/to/folder" in message
    assert info.value.path == cache_env / NAME
    assert len(info.value.attempts) == 2
    assert files_under(cache_env) == []


def test_offline_without_mirror_mentions_it(remote):
    with pytest.raises(DataUnavailableError, match="COURSE_DATA_MIRROR: not set"):
        fetch(remote)


def test_fetch_all_lists_every_file(mirror, remote, tmp_path, cache_env):
    missing = RemoteFile("mnist/missing.gz", sha(b"other"), ((tmp_path / "nowhere.gz").as_uri(),))
    with pytest.raises(DataUnavailableError) as info:
        cache.fetch_all([remote, missing], what="TEST")
    message = str(info.value)
    assert f"[present] {cache_env / NAME}" in message
    assert f"[missing] {cache_env / 'mnist/missing.gz'}" in message
    assert sha(b"other") in message
    assert "TEST needs all of these files" in message
