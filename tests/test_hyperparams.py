"""Tests of course_lib.hyperparams: log-uniform sampling, the validation split, random search."""
import numpy as np
import pytest

from course_lib import hyperparams


def test_log_uniform_spreads_evenly_over_decades():
    x = hyperparams.log_uniform(1e-6, 1e-2, size=20000, rng=np.random.default_rng(0))
    assert x.shape == (20000,) and x.min() >= 1e-6 and x.max() <= 1e-2
    shares = [np.mean((x >= 10.0 ** k) & (x < 10.0 ** (k + 1))) for k in range(-6, -2)]
    np.testing.assert_allclose(shares, 0.25, atol=0.015)
    # a plain uniform draw would put about 90 % into the top decade
    assert shares[-1] < 0.3


def test_log_uniform_is_ten_to_a_uniform_exponent_drawn_once():
    got = hyperparams.log_uniform(0.5, 200.0, size=(3, 2), rng=np.random.default_rng(7))
    want = 10.0 ** np.random.default_rng(7).uniform(np.log10(0.5), np.log10(200.0), (3, 2))
    np.testing.assert_allclose(got, want, rtol=1e-12)
    scalar = hyperparams.log_uniform(1e-3, 1e-1, rng=np.random.default_rng(1))
    assert isinstance(scalar, float) and 1e-3 <= scalar <= 1e-1


@pytest.mark.parametrize("low, high", [(0.0, 1.0), (1e-2, 1e-3), (-1.0, 1.0), (1.0, 1.0)])
def test_log_uniform_rejects_bad_bounds(low, high):
    with pytest.raises(ValueError, match="0 < low < high"):
        hyperparams.log_uniform(low, high)


def test_split_validation_shuffles_and_keeps_pairs():
    x = np.arange(50, dtype=float).reshape(25, 2)
    t = np.arange(25)
    (xt, tt), (xv, tv) = hyperparams.split_validation(x, t, 0.2, rng=np.random.default_rng(0))
    assert xv.shape == (5, 2) and xt.shape == (20, 2) and tv.shape == (5,) and tt.shape == (20,)
    np.testing.assert_array_equal(xt[:, 0], 2 * tt)            # rows stay with their labels
    np.testing.assert_array_equal(xv[:, 0], 2 * tv)
    assert sorted(np.concatenate([tt, tv]).tolist()) == list(range(25))  # a partition
    assert tv.tolist() != [0, 1, 2, 3, 4]                        # shuffled first (sorted data!)
    x[0, 0] = -1.0
    assert -1.0 not in xt and -1.0 not in xv                     # copies


def test_split_validation_rejects_bad_input():
    x, t = np.zeros((10, 3)), np.zeros(10)
    with pytest.raises(ValueError, match="rows"):
        hyperparams.split_validation(x, t[:9])
    with pytest.raises(ValueError, match="validation_rate"):
        hyperparams.split_validation(x, t, 1.0)
    with pytest.raises(ValueError, match="empty"):
        hyperparams.split_validation(x, t, 0.05)


def test_random_search_samples_in_the_box_and_sorts_best_first():
    calls = []

    def objective(lr, weight_decay):
        calls.append((lr, weight_decay))
        # a made-up score peaked at lr = 1e-3, flat in weight decay
        score = 1.0 - abs(np.log10(lr) + 3.0) / 10
        return {"val_acc": [0.1, score], "train_acc": [0.1, score]}

    trials = hyperparams.random_search(objective, {"lr": (1e-6, 1e-2), "weight_decay": (1e-8, 1e-4)},
                                       n_trials=30, rng=np.random.default_rng(3), progress=False)
    assert len(trials) == 30 == len(calls)
    scores = [t["score"] for t in trials]
    assert scores == sorted(scores, reverse=True)
    for trial in trials:
        assert 1e-6 <= trial["params"]["lr"] <= 1e-2 and 1e-8 <= trial["params"]["weight_decay"] <= 1e-4
        assert trial["score"] == trial["history"]["val_acc"][-1]
    assert abs(np.log10(trials[0]["params"]["lr"]) + 3.0) < 0.5
    # the same generator gives the same trials
    again = hyperparams.random_search(objective, {"lr": (1e-6, 1e-2), "weight_decay": (1e-8, 1e-4)},
                                      n_trials=30, rng=np.random.default_rng(3), progress=False)
    assert [t["params"] for t in again] == [t["params"] for t in trials]


def test_random_search_puts_nan_last_and_names_a_missing_key():
    values = iter([0.5, float("nan"), 0.7])
    trials = hyperparams.random_search(lambda lr: {"val_acc": [next(values)]}, {"lr": (1e-3, 1e-1)},
                                       n_trials=3, rng=np.random.default_rng(0), progress=False)
    assert [t["score"] for t in trials][:2] == [0.7, 0.5] and np.isnan(trials[2]["score"])
    with pytest.raises(KeyError, match="val_acc"):
        hyperparams.random_search(lambda lr: {"loss": [1.0]}, {"lr": (1e-3, 1e-1)}, n_trials=1, progress=False)
    with pytest.raises(ValueError, match="n_trials"):
        hyperparams.random_search(lambda lr: {}, {"lr": (1e-3, 1e-1)}, n_trials=0, progress=False)


def test_random_search_finds_a_learning_rate_that_trains_a_real_model():
    """A small MultiLayerNet on separable blobs: the best of a few log-uniform trials learns,
    the worst (a tiny learning rate) does not."""
    from course_lib.models import MultiLayerNet
    from course_lib.optimizers import SGD
    from course_lib.training import Trainer

    rng = np.random.default_rng(0)
    centers = rng.normal(scale=3.0, size=(3, 5))
    t = rng.integers(0, 3, size=300)
    x = (centers[t] + rng.normal(size=(300, 5))).astype(np.float32)
    (xt, tt), (xv, tv) = hyperparams.split_validation(x, t, 0.2, rng=rng)

    def objective(lr):
        net = MultiLayerNet(5, [16], 3, rng=np.random.default_rng(1))
        return Trainer(net, SGD(lr=lr)).fit(xt, tt, max_epoch=5, batch_size=20, x_val=xv, t_val=tv,
                                            progress=False, rng=np.random.default_rng(2))

    trials = hyperparams.random_search(objective, {"lr": (1e-5, 1.0)}, n_trials=8,
                                       rng=np.random.default_rng(4), progress=False)
    assert trials[0]["score"] > 0.9 and trials[0]["params"]["lr"] > 1e-2
    assert trials[-1]["score"] < 0.7 and trials[-1]["params"]["lr"] < 1e-3
