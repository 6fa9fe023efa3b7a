"""The command line (``python -m course_lib``): every error is one line on stderr that
says what to do, with exit status 2 and no traceback; the happy paths are cheap ones."""
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import course_lib.__main__ as cli
from course_lib import recipes, syllabus
from course_lib.datasets import cache

INSTALL = 'pip install -e ".[instructor]"'


def run(capsys, *argv):
    """``main(argv)``: (exit status, stdout, stderr)."""
    rc = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return rc, out, err


def one_line_error(rc, err, *needles):
    assert rc == 2
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in err, err
    return err


# ------------------------------------------------------------------ argparse
def test_usage_errors_are_one_line(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["execute"])
    assert exc.value.code == 2
    one_line_error(2, capsys.readouterr().err, "week", "--help")
    with pytest.raises(SystemExit):
        cli.main(["no-such-command"])
    one_line_error(2, capsys.readouterr().err, "invalid choice")


def test_module_entry_point_exit_status_without_traceback():
    proc = subprocess.run([sys.executable, "-m", "course_lib", "execute", "99"],
                          capture_output=True, text=True, timeout=60)
    one_line_error(proc.returncode, proc.stderr, "week 99 is not in the syllabus")


# ------------------------------------------------------------------ execute
def test_execute_unknown_week(capsys):
    one_line_error(*run(capsys, "execute", 99)[::2], "week 99 is not in the syllabus", "weeks 1–")


def test_execute_week_without_notebook(capsys, week_without_notebook):
    week = week_without_notebook
    one_line_error(*run(capsys, "execute", week.number)[::2],
                   f"week {week.number} has no notebook yet ({week.notebook})")


def _tiny_notebook(path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def test_execute_saves_outputs_with_one_blas_thread(capsys, monkeypatch, tmp_path):
    path = _tiny_notebook(
        tmp_path / "tiny.ipynb",
        "import os\nprint(os.environ['COURSE_PROFILE'], os.environ['OPENBLAS_NUM_THREADS'], "
        "os.environ['OMP_NUM_THREADS'], os.environ.get('MPLBACKEND') == 'Agg')",
        "print(os.path.basename(os.getcwd()))")
    monkeypatch.setattr(cli, "week_notebook", lambda n: path)
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "4")
    monkeypatch.setenv("OMP_NUM_THREADS", "4")
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("COURSE_PROFILE", "full")
    rc, out, err = run(capsys, "execute", 3, "--profile", "quick", "--timeout", 60)
    assert rc == 0, err
    assert "executed in the quick profile" in out
    cells = nbformat.read(path, as_version=4).cells
    assert cells[0].outputs[0].text == "quick 1 1 False\n"  # the kernel's environment
    assert cells[1].outputs[0].text == f"{tmp_path.name}\n"  # the notebook's folder
    # our own environment is left alone
    assert os.environ["COURSE_PROFILE"] == "full" and os.environ["MPLBACKEND"] == "Agg"
    assert os.environ["OPENBLAS_NUM_THREADS"] == "4"


def test_execute_leaves_the_notebook_when_a_cell_fails(capsys, monkeypatch, tmp_path):
    path = _tiny_notebook(tmp_path / "bad.ipynb", "x = 1", "1 / 0", "print('never')")
    before = path.read_bytes()
    monkeypatch.setattr(cli, "week_notebook", lambda n: path)
    rc, _, err = run(capsys, "execute", 3, "--profile", "quick")
    one_line_error(rc, err, "ZeroDivisionError", "left as it was")
    assert path.read_bytes() == before


# ------------------------------------------------------------------ generate-data
def test_generate_data_into_a_folder_and_overwrite_flag(capsys, tmp_path):
    rc, out, err = run(capsys, "generate-data", "--data-dir", tmp_path)
    assert rc == 0, err
    addition = tmp_path / "addition.txt"
    good = addition.read_bytes()
    assert addition.is_file() and (tmp_path / "date.txt").is_file()
    assert run(capsys, "generate-data", "--data-dir", tmp_path)[0] == 0   # unchanged: fine

    addition.write_bytes(b"16+75  _91\n" + good[11:])
    rc, _, err = run(capsys, "generate-data", "--data-dir", tmp_path)
    one_line_error(rc, err, str(addition), "--overwrite")
    assert "overwrite=True" not in err
    assert addition.read_bytes() != good                                   # left as it was

    rc, out, err = run(capsys, "generate-data", "--data-dir", tmp_path, "--overwrite")
    assert rc == 0, err
    assert addition.read_bytes() == good


# ------------------------------------------------------------------ train
def _no_data(*args, **kwargs):
    raise AssertionError("data was loaded before the recipe name was checked")


def test_train_unknown_recipe_lists_recipes_before_loading_data(capsys, monkeypatch):
    monkeypatch.setattr(recipes, "train_lm", _no_data)
    monkeypatch.setattr(recipes, "train_seq2seq", _no_data)
    monkeypatch.setattr("course_lib.datasets.load_ptb", _no_data)
    err = one_line_error(*run(capsys, "train", "rnnlm_ptbb")[::2], "unknown recipe 'rnnlm_ptbb'")
    for name in list(recipes.RECIPES) + list(recipes.SEQ2SEQ_RECIPES):
        assert name in err
    one_line_error(*run(capsys, "train", "rnnlm_ptb", "--epochs", 0)[::2], "--epochs")


def test_train_without_ptb_says_what_to_do(capsys, monkeypatch):
    def offline(*args, **kwargs):
        raise cache.DataUnavailableError("Could not get the data file 'ptb/ptb.train.txt'.\nTried: ...")

    monkeypatch.setattr(recipes, "train_lm", offline)
    one_line_error(*run(capsys, "train", "rnnlm_ptb")[::2], "python -m course_lib data",
                   "COURSE_DATA_MIRROR", "--source builtin")


def test_train_saves_the_recipe(capsys, monkeypatch, tmp_path):
    def fake_train(name, *, max_epoch=None, **kwargs):   # no real training in a unit test
        model = recipes.build(name, vocab_size=13)
        return model, {"test_acc": [0.25], "seconds_per_epoch": 0.5, "max_epoch": max_epoch}

    monkeypatch.setattr(recipes, "train_seq2seq", fake_train)
    rc, out, err = run(capsys, "train", "attention_date", "--epochs", 2, "--out", tmp_path)
    assert rc == 0, err
    assert "attention_date: test accuracy 0.2500" in out
    assert (tmp_path / "attention_date.npz").is_file()
    assert '"max_epoch": 2' in (tmp_path / "attention_date.json").read_text(encoding="utf-8")


# ------------------------------------------------------------------ data
def test_data_offline_names_every_missing_file(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("COURSE_DATA_MIRROR", raising=False)

    def offline(url, target, expected, timeout):
        raise OSError("[Errno 101] Network is unreachable")

    monkeypatch.setattr(cache, "_download", offline)
    rc, _, err = run(capsys, "data")
    assert rc == 2 and "Traceback" not in err
    for remote in cache.REGISTRY.values():
        assert str(tmp_path / "cache" / remote.name) in err
    assert any(r.name.startswith("mnist/") for r in cache.REGISTRY.values())
    assert any(r.name.startswith("ptb/") for r in cache.REGISTRY.values())
    assert "COURSE_DATA_MIRROR=file:///" in err and "make data" in err


def test_data_from_a_mirror(capsys, monkeypatch, tmp_path):
    mirror, body = tmp_path / "mirror", b"tiny data file\n"
    (mirror / "toy").mkdir(parents=True)
    (mirror / "toy" / "a.txt").write_bytes(body)
    remote = cache.RemoteFile("toy/a.txt", hashlib.sha256(body).hexdigest(), ())
    monkeypatch.setattr(cache, "REGISTRY", {remote.name: remote})
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("COURSE_DATA_MIRROR", mirror.as_uri())
    loaded = []
    monkeypatch.setattr("course_lib.datasets.load_mnist", lambda **kw: loaded.append(("mnist", kw)))
    monkeypatch.setattr("course_lib.datasets.load_ptb", lambda *a, **kw: loaded.append(("ptb", kw)))
    rc, out, err = run(capsys, "data")
    assert rc == 0, err
    assert (tmp_path / "cache" / "toy" / "a.txt").read_bytes() == body
    assert loaded == [("mnist", {"source": "full"}), ("ptb", {"source": "ptb"})]
    assert f"data cache: {tmp_path / 'cache'}" in out


# ------------------------------------------------------------------ assign / grade
def test_assign_and_grade_without_nbgrader(capsys, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "nbgrader", None)   # import nbgrader -> ImportError
    one_line_error(*run(capsys, "assign", 3, "--out", tmp_path)[::2], INSTALL)
    one_line_error(*run(capsys, "grade", 3, tmp_path, "--out", tmp_path / "g")[::2], INSTALL)
    assert not list(tmp_path.iterdir())


def test_assign_unknown_week_and_week_without_notebook(capsys, tmp_path, week_without_notebook):
    one_line_error(*run(capsys, "assign", 0, "--out", tmp_path)[::2], "not in the syllabus")
    week = week_without_notebook
    one_line_error(*run(capsys, "assign", week.number, "--out", tmp_path)[::2],
                   f"week {week.number} has no notebook yet ({week.notebook})")


def test_grade_argument_errors(capsys, tmp_path, week_without_notebook):
    empty = tmp_path / "empty"
    empty.mkdir()
    one_line_error(*run(capsys, "grade", 3, tmp_path / "nowhere")[::2], "not a folder")
    one_line_error(*run(capsys, "grade", 3, empty, "--out", tmp_path / "g")[::2],
                   "no submissions in", "<student>.ipynb")
    one_line_error(*run(capsys, "grade", 3, empty, "--out", empty / "grades")[::2],
                   "inside the submissions folder")
    one_line_error(*run(capsys, "grade", 3, empty, "--timeout", 0)[::2], "--timeout")
    week = week_without_notebook
    one_line_error(*run(capsys, "grade", week.number, empty)[::2], "has no notebook yet")
    assert not (tmp_path / "g").exists() and not list(empty.iterdir())
