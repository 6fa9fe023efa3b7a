"""pyproject.toml and environment.yml must name the same packages."""
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _name(req: str) -> str:
    return re.split(r"[<>=!~\[ ;]", req.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pyproject_names():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    proj = data["project"]
    reqs = list(proj["dependencies"]) + [r for extra in proj["optional-dependencies"].values() for r in extra]
    return {_name(r) for r in reqs}


def _environment_names():
    names = set()
    for line in (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\s*-\s+([A-Za-z0-9_.\-]+.*)$", line)
        if not m or line.strip().endswith(":"):
            continue
        item = m.group(1)
        if item.startswith("-e ") or item.startswith("conda-forge"):
            continue
        names.add(_name(item))
    return names - {"python", "pip"}


def test_environment_and_pyproject_agree():
    py, env = _pyproject_names(), _environment_names()
    assert py == env, f"only in pyproject: {sorted(py - env)}; only in environment.yml: {sorted(env - py)}"


def test_environment_installs_the_project():
    assert "- -e ." in (ROOT / "environment.yml").read_text(encoding="utf-8")
