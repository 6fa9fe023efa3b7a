"""Widgets of week 11 (book 2 ch. 1): spiral decision regions.

:func:`spiral_decision_regions` trains book 2's two-layer net (Affine → Sigmoid →
Affine, ``course_lib.models.TwoLayerNet``) on the spiral data once per hidden size,
keeps a copy of the parameters after every epoch, and lets the reader scrub through
training with an epoch slider. Redraws only evaluate the stored snapshot on a grid.
"""
from __future__ import annotations

import numpy as np

from ._base import _assemble, _figure, _ipywidgets, _layout, _slider_style

__all__ = ["spiral_decision_regions"]

_COLOURS = ("tab:blue", "tab:orange", "tab:green", "tab:red", "tab:purple", "tab:brown")
_MARKERS = ("o", "x", "^", "s", "v", "D")


def train_spiral_snapshots(x, t, hidden_size: int, *, max_epoch: int = 300, batch_size: int = 30,
                           lr: float = 1.0, seed: int = 0) -> dict:
    """Train ``TwoLayerNet(D, hidden_size, C, activation='sigmoid')`` with SGD and the
    :class:`~course_lib.training.Trainer`, keeping the parameters after every epoch.

    Args:
        x: (N, D) inputs; t: (N, C) one-hot or (N,) labels.
        hidden_size: H, the width of the hidden layer.
        max_epoch, batch_size, lr: the book's settings are 300, 30, 1.0.
        seed: seeds two generators, ``np.random.default_rng(seed)`` each: one for the
            weights' initialisation, one for the shuffling of every epoch.

    Returns:
        dict with ``params``: a list of ``max_epoch + 1`` snapshots (epoch 0 = before
        training), each ``[W1 (D, H), b1 (H,), W2 (H, C), b2 (C,)]``; ``loss`` and
        ``accuracy``: (max_epoch + 1,) arrays, the loss and accuracy on all of ``(x, t)``
        at each snapshot; ``model``: the trained model (its params are the last snapshot).
    """
    from ..models import TwoLayerNet
    from ..optimizers import SGD
    from ..training import Trainer

    x = np.asarray(x, dtype=np.float64)
    t = np.asarray(t)
    n_classes = t.shape[1] if t.ndim == 2 else int(t.max()) + 1
    model = TwoLayerNet(x.shape[1], hidden_size, n_classes, weight_init_std=0.01, activation="sigmoid",
                        rng=np.random.default_rng(seed))
    snapshots, losses, accuracies = [], [], []

    def record(_model=None):
        snapshots.append([p.copy() for p in model.params])
        losses.append(float(model.forward(x, t)))
        accuracies.append(model.accuracy(x, t))
        return {}

    record()
    Trainer(model, SGD(lr)).fit(x, t, max_epoch=max_epoch, batch_size=batch_size,
                                rng=np.random.default_rng(seed), progress=False, on_epoch_end=record)
    return {"params": snapshots, "loss": np.array(losses), "accuracy": np.array(accuracies), "model": model}


def _grid(x, n: int):
    """A square grid over the data's bounding box plus a margin: (gx, gy) each (n, n)."""
    lo = x.min(axis=0) - 0.1
    hi = x.max(axis=0) + 0.1
    return np.meshgrid(np.linspace(lo[0], hi[0], n), np.linspace(lo[1], hi[1], n))


def spiral_decision_regions(x=None, t=None, *, hidden_sizes=(2, 3, 5, 10, 20, 50), hidden_size: int = 10,
                            max_epoch: int = 300, batch_size: int = 30, lr: float = 1.0, seed: int = 0,
                            grid: int = 150):
    """Week 11: decision regions of a two-layer net on the spiral data, over training.

    Args:
        x, t: (N, 2) points and (N, C) one-hot labels; default ``load_spiral()``.
        hidden_sizes: the hidden sizes offered in the menu; ``hidden_size`` (one of
            them) is trained first.
        max_epoch, batch_size, lr, seed: training settings (the book's: 300, 30, 1.0).
        grid: points per axis of the grid on which the regions are evaluated.

    Each hidden size is trained once (:func:`train_spiral_snapshots`, well under a
    second for the book's sizes), the first time it is chosen, and cached; moving the
    epoch slider only evaluates the stored parameters of that epoch.

    Controls: ``'epoch'`` (IntSlider 0..max_epoch), ``'hidden'`` (Dropdown of
    ``hidden_sizes``).
    State: ``epoch``, ``hidden_size``, ``accuracy`` (on all of ``(x, t)``), ``loss``
    (mean cross-entropy on all of ``(x, t)``), ``regions`` (grid, grid) predicted
    class ids, ``trained`` (sorted hidden sizes trained so far).
    """
    from ..datasets import load_spiral
    from ..models import TwoLayerNet

    if x is None or t is None:
        x, t = load_spiral()
    x = np.asarray(x, dtype=np.float64)
    t = np.asarray(t)
    if x.ndim != 2 or x.shape[1] != 2:
        raise ValueError(f"x must be 2-D points of shape (N, 2), got {x.shape}.")
    if len(t) != len(x):
        raise ValueError(f"x has {len(x)} rows but t has {len(t)}; they must match.")
    hidden_sizes = [int(h) for h in hidden_sizes]
    if not hidden_sizes or min(hidden_sizes) < 1:
        raise ValueError(f"hidden_sizes must be positive integers, got {hidden_sizes}.")
    if hidden_size not in hidden_sizes:
        raise ValueError(f"hidden_size={hidden_size} must be one of hidden_sizes {hidden_sizes}.")
    if isinstance(max_epoch, bool) or int(max_epoch) != max_epoch or max_epoch < 1:
        raise ValueError(f"max_epoch must be an integer >= 1, got {max_epoch!r}.")
    max_epoch = int(max_epoch)
    labels = t.argmax(axis=1) if t.ndim == 2 else t.astype(int)
    n_classes = t.shape[1] if t.ndim == 2 else int(labels.max()) + 1
    gx, gy = _grid(x, grid)
    points = np.c_[gx.ravel(), gy.ravel()]
    cache: dict[int, dict] = {}
    nets: dict[int, TwoLayerNet] = {}

    def snapshots(h):
        if h not in cache:
            cache[h] = train_spiral_snapshots(x, t, h, max_epoch=max_epoch, batch_size=batch_size, lr=lr,
                                              seed=seed)
            nets[h] = TwoLayerNet(2, h, n_classes, activation="sigmoid")  # evaluates snapshots
        return cache[h]

    w = _ipywidgets()
    controls = {
        "epoch": w.IntSlider(value=max_epoch, min=0, max=max_epoch, step=1, description="에폭 (epoch)",
                             continuous_update=False, style=_slider_style(), layout=_layout()),
        "hidden": w.Dropdown(options=[(f"{h}개", h) for h in hidden_sizes], value=hidden_size,
                             description="은닉 뉴런 수", style=_slider_style(), layout=_layout("300px")),
    }
    info = w.HTML()
    from matplotlib.colors import ListedColormap

    cmap = ListedColormap([_COLOURS[i % len(_COLOURS)] for i in range(n_classes)])

    def update(box):
        h = int(controls["hidden"].value)
        epoch = int(controls["epoch"].value)
        run = snapshots(h)
        net = nets[h]
        for p, saved in zip(net.params, run["params"][epoch]):
            p[...] = saved
        regions = net.predict(points).argmax(axis=1).reshape(gx.shape)
        acc, loss = float(run["accuracy"][epoch]), float(run["loss"][epoch])
        box.state = {"epoch": epoch, "hidden_size": h, "accuracy": acc, "loss": loss, "regions": regions,
                     "trained": sorted(cache)}

        fig = _figure(8.6, 3.9, left=0.085, right=0.98, bottom=0.14, top=0.9, wspace=0.25)
        ax, ax2 = fig.subplots(1, 2, width_ratios=[1, 1.15])
        ax.imshow(regions, origin="lower", extent=(gx[0, 0], gx[0, -1], gy[0, 0], gy[-1, 0]), cmap=cmap,
                  alpha=0.25, vmin=0, vmax=n_classes - 1, interpolation="nearest", aspect="auto")
        for c in range(n_classes):
            pts = x[labels == c]
            ax.scatter(pts[:, 0], pts[:, 1], s=14, marker=_MARKERS[c % len(_MARKERS)],
                       color=_COLOURS[c % len(_COLOURS)], label=f"클래스 {c}")
        ax.set_xlabel("x[0]")
        ax.set_ylabel("x[1]")
        ax.set_title(f"결정 영역: 은닉 {h}개, 에폭 {epoch}", fontsize=10)
        ax.legend(fontsize=7, loc="lower right", framealpha=0.8)

        epochs = np.arange(max_epoch + 1)
        ax2.plot(epochs, run["loss"], color="tab:blue", lw=1.3, label="손실 (loss)")
        ax2.plot(epochs, run["accuracy"], color="tab:green", lw=1.3, label="정확도 (accuracy)")
        ax2.axvline(epoch, color="k", ls="--", lw=1)
        ax2.plot([epoch, epoch], [loss, acc], "o", color="k", ms=4)
        ax2.set_ylim(0, max(1.2, float(run["loss"].max()) * 1.05))
        ax2.set_xlim(0, max_epoch)
        ax2.set_xlabel("에폭 (epoch)")
        ax2.set_ylabel("손실 / 정확도")
        ax2.set_title(f"학습 곡선 (전체 {len(x)}개 점으로 평가)", fontsize=10)
        ax2.legend(fontsize=8, loc="center right")
        box.show(fig)

        best = int(np.argmax(run["accuracy"]))
        info.value = (f"<p>은닉 뉴런 <b>{h}</b>개, 에폭 <b>{epoch}</b> / {max_epoch}<br>"
                      f"손실 (loss): <b>{loss:.4f}</b><br>"
                      f"정확도 (accuracy): <b>{acc:.1%}</b><br>"
                      f"최고 정확도: {run['accuracy'][best]:.1%} (에폭 {best})</p>"
                      "<p style='color:#555'>에폭 0은 학습 전입니다. 가중치가 아주 작아서 "
                      "모든 점이 거의 같은 점수를 받고, 한 클래스의 영역이 평면 대부분을 덮습니다.</p>")

    return _assemble(controls, update, info=info, title="스파이럴 데이터의 결정 영역 (decision regions)",
                     rows=[["epoch", "hidden"]], info_below=True)
