import numpy as np
import pytest

from course_lib.datasets.spiral import load_spiral
from course_lib.models import TwoLayerNet
from course_lib.optimizers import Adam
from course_lib.training import Trainer, clip_grads


def test_clip_grads_scales_to_max_norm():
    grads = [np.full(4, 3.0), np.full(5, 4.0)]
    before = clip_grads(grads, 1.0)
    assert before == pytest.approx(np.sqrt(4 * 9 + 5 * 16))
    assert np.sqrt(sum((g ** 2).sum() for g in grads)) == pytest.approx(1.0, rel=1e-5)
    small = [np.full(2, 0.1)]
    clip_grads(small, 1.0)
    np.testing.assert_allclose(small[0], 0.1)


def test_trainer_history_and_validation(capsys):
    x, t = load_spiral(n_per_class=50)
    net = TwoLayerNet(2, 10, 3, weight_init_std=1.0, rng=np.random.default_rng(0))
    trainer = Trainer(net, Adam(lr=0.05))
    hist = trainer.fit(x, t, max_epoch=5, batch_size=15, x_val=x[:30], t_val=t[:30],
                       rng=np.random.default_rng(0), progress=False)
    assert len(hist["loss"]) == len(hist["train_acc"]) == len(hist["val_acc"]) == 5
    assert len(hist["iter_loss"]) == 5 * 10
    trainer.fit(x, t, max_epoch=2, batch_size=15, progress=False)
    assert len(hist["loss"]) == 7


def test_trainer_plot_has_korean_labels():
    x, t = load_spiral(n_per_class=20)
    trainer = Trainer(TwoLayerNet(2, 5, 3), Adam())
    trainer.fit(x, t, max_epoch=2, batch_size=10, progress=False)
    ax = trainer.plot()
    ax = ax[0] if isinstance(ax, (list, tuple, np.ndarray)) else ax
    assert "에폭" in ax.get_xlabel()


def test_trainer_rejects_mismatched_data():
    with pytest.raises(ValueError, match="rows"):
        Trainer(TwoLayerNet(2, 2, 2), Adam()).fit(np.zeros((3, 2)), np.zeros(2, int))
