"""pyproject.toml and the conda files must name the same packages; nbgrader (the
``instructor`` extra) stays out of every student install."""
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INSTRUCTOR_ONLY = {"nbgrader"}


def _name(req: str) -> str:
    return re.split(r"[<>=!~\[ ;]", req.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _project():
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _pyproject_names(*, instructor: bool):
    proj = _project()
    extras = proj["optional-dependencies"]
    if instructor:
        return {_name(r) for r in extras["instructor"]}
    reqs = list(proj["dependencies"]) + [r for name, extra in extras.items()
                                         if name != "instructor" for r in extra]
    return {_name(r) for r in reqs}


def _environment_names(filename="environment.yml"):
    names = set()
    for line in (ROOT / filename).read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\s*-\s+([A-Za-z0-9_.\-]+.*)$", line)
        if not m or line.strip().endswith(":"):
            continue
        item = m.group(1)
        if item.startswith("-e ") or item.startswith("conda-forge"):
            continue
        names.add(_name(item))
    return names - {"python", "pip"}


def test_environment_and_pyproject_agree():
    py, env = _pyproject_names(instructor=False), _environment_names()
    assert py == env, f"only in pyproject: {sorted(py - env)}; only in environment.yml: {sorted(env - py)}"


def test_environment_installs_the_project():
    assert "- -e ." in (ROOT / "environment.yml").read_text(encoding="utf-8")


def test_instructor_extra_is_nbgrader_and_only_for_instructors():
    proj = _project()
    instructor = proj["optional-dependencies"]["instructor"]
    assert INSTRUCTOR_ONLY <= {_name(r) for r in instructor}
    assert any(r.replace(" ", "").startswith("nbgrader>=0.9.6") for r in instructor)
    # not in the student install: neither the dependencies, nor another extra, nor environment.yml
    student = {_name(r) for r in proj["dependencies"]}
    others = {_name(r) for name, extra in proj["optional-dependencies"].items()
              if name != "instructor" for r in extra}
    assert not INSTRUCTOR_ONLY & (student | others | _environment_names())
    # the conda side of the extra
    assert _environment_names("environment-instructor.yml") == _pyproject_names(instructor=True)


def test_python_version_is_the_one_that_works():
    # the tests use tomllib (Python 3.11+)
    assert _project()["requires-python"].replace(" ", "") == ">=3.11"
    env = (ROOT / "environment.yml").read_text(encoding="utf-8")
    m = re.search(r"^\s*-\s+python=(\d+)\.(\d+)", env, re.M)
    assert m and (int(m.group(1)), int(m.group(2))) >= (3, 11)
    assert "Python 3.11+" in (ROOT / "README.md").read_text(encoding="utf-8")


def _make_rule(makefile: str, target: str) -> str:
    m = re.search(rf"^{re.escape(target)}:(.*)$\n((?:\t.*\n?)*)", makefile, re.M)
    assert m, f"Makefile has no rule for {target}"
    return m.group(1) + "\n" + m.group(2)


def test_makefile_keeps_nbgrader_out_of_the_student_lab():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    lab = _make_rule(makefile, "lab")
    assert "INSTRUCTOR" not in lab and "instructor" not in lab
    stamp = _make_rule(makefile, "$(INSTRUCTOR_STAMP)")
    assert ".[test,instructor]" in stamp
    assert "labextension disable" in stamp and "@jupyter/nbgrader" in stamp
    for ext in ("formgrader", "validate_assignment", "assignment_list", "course_list"):
        assert f"nbgrader.server_extensions.{ext}" in stamp
    for target in ("test", "assign", "grade"):
        assert "$(INSTRUCTOR_STAMP)" in _make_rule(makefile, target).splitlines()[0]
