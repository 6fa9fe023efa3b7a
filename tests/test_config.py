import numpy as np
import pytest

import course_lib as cl


def test_pick_follows_the_profile(monkeypatch):
    monkeypatch.setenv("COURSE_PROFILE", "quick")
    assert cl.pick(full=25, quick=1) == 1 and cl.is_quick()
    monkeypatch.setenv("COURSE_PROFILE", "full")
    assert cl.pick(full=25, quick=1) == 25
    monkeypatch.delenv("COURSE_PROFILE")
    assert cl.profile() == "full"


def test_unknown_profile_is_explained(monkeypatch):
    monkeypatch.setenv("COURSE_PROFILE", "fast")
    with pytest.raises(ValueError, match="quick"):
        cl.profile()


def test_seed_makes_runs_repeatable():
    cl.seed(7)
    a = np.random.rand(3)
    cl.seed(7)
    np.testing.assert_array_equal(a, np.random.rand(3))


def test_setup_prints_banner(capsys, monkeypatch):
    monkeypatch.setenv("COURSE_PROFILE", "quick")
    cl.setup(font=False)
    assert "quick" in capsys.readouterr().out
