"""Fixtures of the browser tests: a real JupyterLab serving a copy of chapters/.

The server runs on 127.0.0.1 with a random token, a free port, a throwaway Jupyter
config/settings/workspace folder and ``COURSE_PROFILE=quick`` (the kernel inherits it).
It is shut down through its REST API at the end of the module, then its process group
is killed if it is still there. ``COURSE_BROWSER_CHAPTERS=<folder>`` serves that folder
instead of chapters/ (e.g. notebooks re-executed for a check before they are committed).
"""
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHAPTERS = Path(os.environ.get("COURSE_BROWSER_CHAPTERS") or Path(__file__).resolve().parents[2] / "chapters")
START_TIMEOUT_S = 90


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "browser: drives a real JupyterLab in headless Chromium "
        "(needs Debian chromium at /usr/bin/chromium and `pip install playwright`)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    """A running JupyterLab: ``url`` (no trailing '/'), ``token``, ``root`` (served folder)."""

    def __init__(self, url: str, token: str, root: Path, proc: subprocess.Popen, log: Path):
        self.url, self.token, self.root, self.proc, self.log = url, token, root, proc, log

    def api(self, method: str, path: str, timeout: float = 10):
        """Call the REST API; return the decoded JSON body (None when empty)."""
        req = urllib.request.Request(self.url + path, method=method,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            body = resp.read()
        return json.loads(body) if body else None

    def delete_sessions(self) -> None:
        """Shut down every session (and its kernel) so a test never reuses an old kernel."""
        for session in self.api("GET", "/api/sessions"):
            self.api("DELETE", f"/api/sessions/{session['id']}")

    def log_tail(self, n: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-n:]


def _settings(folder: Path) -> None:
    """User settings of the throwaway profile: no news/update pop-up (no network)."""
    path = folder / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))


def _stop(lab: Lab) -> None:
    try:
        lab.delete_sessions()
        lab.api("POST", "/api/shutdown")
        lab.proc.wait(timeout=20)
    except Exception:  # noqa: BLE001 - whatever went wrong, fall through to the signals
        pass
    for sig, wait_s in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        if lab.proc.poll() is not None:
            break
        os.killpg(lab.proc.pid, sig)
        try:
            lab.proc.wait(timeout=wait_s)
        except subprocess.TimeoutExpired:
            pass


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on a copy of chapters/ in the quick profile; stopped after the module."""
    base = tmp_path_factory.mktemp("lab")
    root = base / "chapters"
    shutil.copytree(CHAPTERS, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    jdir = base / "jupyter"
    _settings(jdir / "settings")
    env = dict(os.environ, COURSE_PROFILE="quick",
               JUPYTER_CONFIG_DIR=str(jdir / "config"), JUPYTER_DATA_DIR=str(jdir / "data"),
               JUPYTER_RUNTIME_DIR=str(jdir / "runtime"), IPYTHONDIR=str(jdir / "ipython"),
               JUPYTERLAB_SETTINGS_DIR=str(jdir / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(jdir / "workspaces"))
    env.pop("MPLBACKEND", None)  # tests/conftest.py sets Agg; the kernel must use inline
    token, port = secrets.token_hex(16), _free_port()
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
           "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
           f"--ServerApp.root_dir={root}"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    log = base / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    server = Lab(f"http://127.0.0.1:{port}", token, root, proc, log)
    deadline = time.monotonic() + START_TIMEOUT_S
    try:
        while True:
            if proc.poll() is not None:
                pytest.fail(f"jupyter lab exited with code {proc.returncode}:\n{server.log_tail()}")
            try:
                server.api("GET", "/api/status", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"jupyter lab not up after {START_TIMEOUT_S} s:\n{server.log_tail()}")
                time.sleep(0.3)
        yield server
    finally:
        _stop(server)

