"""Widgets of week 8 (book 1 ch. 6): the optimizer race on f(x, y) = x²/20 + y², and the
activation histograms of a 5-layer net under different weight initialisations.

Each demo function returns the demo box described in :mod:`course_lib.widgets`; the
computations (:func:`optimizer_path`, :func:`layer_activations`) are plain functions
that the notebook can call too.
"""
from __future__ import annotations

import functools

import numpy as np
from matplotlib.ticker import MaxNLocator

from .book1 import GD_FUNCTIONS
from ._base import _assemble, _figure, _fit_left, _fmt, _ipywidgets, _layout, _log_yaxis, _slider_style, _table

__all__ = [
    "RACE_LEARNING_RATES",
    "RACE_START",
    "LR_CHOICES",
    "INIT_SCHEMES",
    "race_function",
    "race_gradient",
    "optimizer_path",
    "optimizer_race",
    "layer_activations",
    "init_histograms",
]


# ------------------------------------------------------------------ 1. optimizer race
RACE_START = (-7.0, 2.0)  # the book's start point (figure 6-3 and 6-8)
# name in course_lib.optimizers -> (label, learning rate). SGD, Momentum, AdaGrad and
# Adam use the rates of the book's figure 6-8 (optimizer_compare_naive.py); the book
# has no Nesterov/RMSprop panel, so theirs are picked to give a readable path.
RACE_LEARNING_RATES = {
    "sgd": ("SGD", 0.95),
    "momentum": ("Momentum", 0.1),
    "nesterov": ("Nesterov", 0.1),
    "adagrad": ("AdaGrad", 1.5),
    "rmsprop": ("RMSprop", 0.1),
    "adam": ("Adam", 0.3),
}
# The learning-rate sliders step through these values (a 1-2-5 log scale plus the book's
# rates), so that the book's 0.95, 1.5 and 0.3 are exact: a log slider snaps its value to
# its step in the browser and would turn 0.95 into 1.0 (where SGD stops converging).
LR_CHOICES = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.95, 1.0, 1.2, 1.5, 2.0, 5.0, 10.0)
_BOOK_FOUR = ("sgd", "momentum", "adagrad", "adam")
_RACE_COLOURS = {"sgd": "tab:blue", "momentum": "tab:orange", "nesterov": "tab:brown",
                 "adagrad": "tab:green", "rmsprop": "tab:purple", "adam": "tab:red"}


# The book's elongated bowl f(x, y) = x²/20 + y² (minimum 0 at (0, 0)) and its gradient
# (x/10, 2y), both broadcasting over arrays: the same functions as week 4's demo.
race_function, race_gradient = GD_FUNCTIONS["elongated"][2:]


def optimizer_path(name: str, lr: float, steps: int, start=RACE_START) -> np.ndarray:
    """Run ``course_lib.optimizers`` ``name`` on :func:`race_function` from ``start``.

    name: a key of ``course_lib.optimizers.OPTIMIZERS`` (``'sgd'``, ``'momentum'``,
    ``'nesterov'``, ``'adagrad'``, ``'rmsprop'``, ``'adam'``); lr > 0; steps ≥ 0.
    The point (x, y) is one parameter array of shape (2,), so per-parameter methods
    (AdaGrad, RMSprop, Adam) adapt each coordinate separately, as with the book's
    ``params['x']``, ``params['y']``.

    Returns the path, (steps + 1, 2) float64, the start point first. A diverging run
    gives large or inf values, not an error.
    """
    from ..optimizers import OPTIMIZERS

    key = name.lower()
    if key not in OPTIMIZERS:
        raise ValueError(f"unknown optimizer {name!r}; choose one of {sorted(OPTIMIZERS)}")
    if int(steps) < 0:
        raise ValueError(f"steps must be >= 0, got {steps}")
    optimizer = OPTIMIZERS[key](lr=lr)
    point = np.array(start, dtype=float)
    grad = np.empty(2)
    path = np.empty((int(steps) + 1, 2))
    path[0] = point
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(int(steps)):
            grad[:] = race_gradient(point[0], point[1])
            optimizer.update([point], [grad])
            path[k + 1] = point
    return path


@functools.cache
def _race_contours():
    x = np.linspace(-10, 10, 161)
    y = np.linspace(-5, 5, 81)
    gx, gy = np.meshgrid(x, y)
    return gx, gy, race_function(gx, gy)


def optimizer_race():
    """Week 8: SGD, Momentum, Nesterov, AdaGrad, RMSprop and Adam on ``x²/20 + y²``.

    Controls: one Checkbox ``'use_<name>'`` and one SelectionSlider ``'lr_<name>'``
    (the values of :data:`LR_CHOICES`, 0.001–10) per optimizer (``name`` in ``sgd, momentum, nesterov, adagrad, rmsprop,
    adam``; the book's four are on at first, with the book's learning rates), and
    ``'steps'`` (IntSlider 1–100, the book's 30). The paths start at the book's
    (-7, 2).

    State: ``paths`` (name -> (steps + 1, 2)), ``final_values`` (name -> f at the last
    point), ``selected`` (names in order), ``lrs`` (name -> learning rate), ``steps``.
    """
    w = _ipywidgets()
    controls = {}
    rows = []
    for key, (label, lr) in RACE_LEARNING_RATES.items():
        controls[f"use_{key}"] = w.Checkbox(value=key in _BOOK_FOUR, description=label, indent=False,
                                            layout=w.Layout(width="110px"))
        controls[f"lr_{key}"] = w.SelectionSlider(options=[(f"{v:g}", v) for v in LR_CHOICES], value=lr,
                                                  description="학습률 (lr)",
                                                  style={"description_width": "80px"}, layout=_layout("330px"))
        rows.append([f"use_{key}", f"lr_{key}"])
    controls["steps"] = w.IntSlider(value=30, min=1, max=100, description="반복 횟수 (steps)",
                                    style=_slider_style(), layout=_layout())
    rows.append(["steps"])
    info = w.HTML()

    def update(box):
        steps = int(controls["steps"].value)
        selected = [k for k in RACE_LEARNING_RATES if controls[f"use_{k}"].value]
        lrs = {k: float(controls[f"lr_{k}"].value) for k in selected}
        paths = {k: optimizer_path(k, lrs[k], steps) for k in selected}
        with np.errstate(over="ignore", invalid="ignore"):
            values = {k: race_function(p[:, 0], p[:, 1]) for k, p in paths.items()}
        final = {k: float(v[-1]) for k, v in values.items()}
        box.state = {"paths": paths, "final_values": final, "selected": selected, "lrs": lrs, "steps": steps}

        fig = _figure(9.6, 3.9, left=0.07, right=0.985, bottom=0.13, top=0.88, wspace=0.28)
        ax, ax_f = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.35, 1]})
        gx, gy, gz = _race_contours()
        ax.contour(gx, gy, gz, levels=[0.25, 1, 2.5, 5, 10, 20, 35], cmap="Greys", linewidths=0.7)
        ax.plot(0, 0, "+", color="black", markersize=10)
        for k, p in paths.items():
            shown = p[np.all(np.abs(p) < 1e3, axis=1)]
            ax.plot(shown[:, 0], shown[:, 1], "o-", color=_RACE_COLOURS[k], markersize=2.5, lw=1,
                    label=RACE_LEARNING_RATES[k][0])
        ax.set_xlim(-10, 10)
        ax.set_ylim(-5, 5)
        ax.set_xticks([-10, -5, 0, 5, 10])
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        ax.set_title(f"f(x, y) = x²/20 + y² 위의 경로 ({steps}회 갱신)", fontsize=10)
        if paths:
            ax.legend(fontsize=8, loc="lower right")
        lo, hi = 1e-6, 100.0
        for k, v in values.items():
            shown = np.where(np.isfinite(v), v, np.nan)
            ax_f.plot(np.arange(len(v)), np.clip(shown, lo, None), color=_RACE_COLOURS[k], lw=1.3,
                      label=RACE_LEARNING_RATES[k][0])
            finite = shown[np.isfinite(shown)]
            if finite.size:
                hi = max(hi, min(float(finite.max()), 1e12))
        _log_yaxis(ax_f, lo, hi)
        ax_f.set_xlim(0, steps)
        ax_f.set_xlabel("갱신 횟수 (step)")
        ax_f.set_ylabel("f(x, y)")
        ax_f.set_title("함숫값의 변화 (로그 눈금)", fontsize=10)
        ax_f.grid(alpha=0.3)
        box.show(fig)

        if not selected:
            info.value = "<p style='color:#c00'>최적화 방법을 하나 이상 고르세요.</p>"
            return
        rows_html = []
        for k in selected:
            p = paths[k][-1]
            where = f"({p[0]:.3g}, {p[1]:.3g})" if np.all(np.isfinite(p)) else "발산"
            rows_html.append([RACE_LEARNING_RATES[k][0], _fmt(lrs[k]), where, f"{final[k]:.3g}"])
        best = min(selected, key=lambda k: final[k] if np.isfinite(final[k]) else np.inf)
        diverged = [RACE_LEARNING_RATES[k][0] for k in selected
                    if not np.isfinite(final[k]) or final[k] > race_function(*RACE_START)]
        warn = (f"<p style='color:#c00'>발산(diverged): {', '.join(diverged)} — 학습률을 줄여 보세요.</p>"
                if diverged else "")
        info.value = (_table(["방법", "학습률", "끝점", "끝 f"], rows_html)
                      + f"<p>{steps}회 뒤 f가 가장 작은 방법: <b>{RACE_LEARNING_RATES[best][0]}</b></p>" + warn)

    return _assemble(controls, update, info=info, info_below=True, rows=rows,
                     title="최적화 방법 경주 (optimizer race): 시작점 (-7, 2)에서 최솟값 (0, 0)까지")


# ------------------------------------------------------- 2. activation histograms
# scheme -> (label, the std of W given fan_in n)
# (the scales of 'xavier' and 'he' are course_lib.models.mlp.weight_scale's)
INIT_SCHEMES = {
    "std1": ("표준편차 1", 1.0),
    "std0.01": ("표준편차 0.01", 0.01),
    "xavier": ("Xavier: 1/√n", "xavier"),
    "he": ("He: √(2/n)", "he"),
}
_ACTIVATIONS = {  # name -> (label, function in course_lib.functions, histogram range)
    "sigmoid": ("sigmoid", "sigmoid", (0.0, 1.0)),
    "tanh": ("tanh", "tanh", (-1.0, 1.0)),
    "relu": ("ReLU", "relu", (0.0, 2.0)),
}


@functools.cache
def _init_inputs(n_layers: int, width: int, n: int, seed: int):
    """The same input and standard-normal weights for every scheme (common random numbers)."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, width))
    weights = [rng.standard_normal((width, width)) for _ in range(n_layers)]
    return x, weights


def layer_activations(scheme: str, activation: str, n_layers: int = 5, width: int = 100,
                      n: int = 1000, seed: int = 0) -> list[np.ndarray]:
    """The book's experiment of 6.2.2: ``n`` inputs (n, width) ~ N(0, 1) through
    ``n_layers`` layers of ``width`` units without biases, ``a = z @ W``, ``z = h(a)``.

    scheme: a key of :data:`INIT_SCHEMES` (``'std1'``, ``'std0.01'``, ``'xavier'``,
    ``'he'``): W is standard normal times the scheme's std for fan-in ``width``.
    activation: ``'sigmoid'``, ``'tanh'`` or ``'relu'``. The input and the standard
    normal weights depend only on ``seed``, so schemes differ only in the scale.

    Returns the activations of each layer, a list of ``n_layers`` arrays (n, width).
    """
    if scheme not in INIT_SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r}; choose one of {list(INIT_SCHEMES)}")
    if activation not in _ACTIVATIONS:
        raise ValueError(f"unknown activation {activation!r}; choose one of {list(_ACTIVATIONS)}")
    from .. import functions
    from ..models.mlp import weight_scale

    x, weights = _init_inputs(n_layers, width, n, seed)
    scale = weight_scale(INIT_SCHEMES[scheme][1], width)
    h = getattr(functions, _ACTIVATIONS[activation][1])
    out, z = [], x
    with np.errstate(over="ignore"):
        for W in weights:
            z = h(z @ (W * scale))
            out.append(z)
    return out


def _diagnosis(activation: str, acts) -> str:
    """A Korean sentence on what the last layer's distribution means for learning."""
    last, first = acts[-1], acts[0]
    if activation in ("sigmoid", "tanh"):
        lo, hi = _ACTIVATIONS[activation][2]
        edge = 0.05 * (hi - lo)
        saturated = float(np.mean((last < lo + edge) | (last > hi - edge)))
        if saturated > 0.5:
            return (f"마지막 층 값의 {saturated:.0%}가 양 끝({_fmt(lo)}, {_fmt(hi)})에 몰렸습니다: 그곳에서 기울기가 "
                    "거의 0이라 역전파의 기울기가 점점 사라집니다 (기울기 소실, gradient vanishing).")
        if last.std() < 0.05:
            return (f"값이 한곳({last.mean():.2f} 근처)에 몰렸습니다 (표준편차 {last.std():.3f}): 뉴런이 거의 같은 값을 내므로 "
                    "여러 개 둔 의미가 없습니다 (표현력 제한).")
        kept = float(_unit_spread(last) / max(_unit_spread(first), 1e-300))
        if kept < 0.1:
            return (f"히스토그램은 넓게 퍼져 있지만, 뉴런 하나의 값이 입력에 따라 변하는 정도가 마지막 층에서는 첫 층의 "
                    f"{kept:.2g}배뿐입니다: 뉴런마다 입력과 거의 상관없는 값을 냅니다. 출력의 중심이 0이 아닌 sigmoid보다 "
                    "원점 대칭인 tanh가 이 초깃값과 잘 맞습니다.")
        return "값이 층마다 넓게 퍼져 있고, 뉴런마다 입력에 따라 다른 값을 냅니다: 학습이 잘 되는 분포입니다."
    ratio = float(last.std() / max(first.std(), 1e-300))
    if ratio > 5:
        return (f"층을 지날수록 값이 커집니다 (마지막 층의 표준편차가 첫 층의 {ratio:.3g}배): "
                "값과 기울기가 폭발할 수 있습니다.")
    if last.std() < 0.05 or ratio < 0.5:
        return (f"층을 지날수록 값이 0으로 줄어듭니다 (마지막 층의 표준편차가 첫 층의 {ratio:.2g}배): "
                "깊은 층일수록 기울기가 사라집니다.")
    return f"층이 깊어져도 분포가 거의 그대로입니다 (표준편차 비 {ratio:.2f}): ReLU에 알맞은 초깃값입니다."


def _unit_spread(a) -> float:
    """How much one neuron's value changes with the input: the std over the inputs
    (axis 0) of each unit, averaged over the units. ``a``: (n, width)."""
    return float(a.std(axis=0).mean())


@functools.cache
def _histograms(scheme: str, activation: str, bins: int = 30):
    acts = layer_activations(scheme, activation)
    lo, hi = _ACTIVATIONS[activation][2]
    edges = np.linspace(lo, hi, bins + 1)
    counts, means, stds, spread, outside, zeros = [], [], [], [], [], []
    for a in acts:
        values = a.ravel()
        if activation == "relu":
            zeros.append(float(np.mean(values == 0)))
            values = values[values > 0]   # the spike of exact zeros would dwarf the rest
        counts.append(np.histogram(values, bins=edges)[0])
        means.append(float(a.mean()))
        stds.append(float(a.std()))
        spread.append(_unit_spread(a))
        outside.append(float(np.mean((a.ravel() < lo) | (a.ravel() > hi))))
    return {"counts": np.array(counts), "edges": edges, "mean": means, "std": stds, "unit_spread": spread,
            "outside": outside, "zero_fraction": zeros if activation == "relu" else None,
            "diagnosis": _diagnosis(activation, acts)}


def init_histograms():
    """Week 8: histograms of the activations of 5 layers of 100 units (1,000 inputs).

    Controls: ``'scheme'`` (ToggleButtons: std 1, std 0.01, Xavier, He) and
    ``'activation'`` (ToggleButtons: sigmoid, tanh, ReLU). The weights are the same
    standard normal draws for every scheme (only the scale differs). Histograms span
    0–1 (sigmoid), −1–1 (tanh) and 0–2 (ReLU, exact zeros left out and counted apart).

    State: ``scheme``, ``activation``, ``counts`` (5, 30), ``edges`` (31,), per layer
    ``mean``, ``std``, ``unit_spread`` (std of each neuron over the inputs, averaged over
    the neurons), ``outside`` (fraction outside the histogram's range),
    ``zero_fraction`` (ReLU only, else None) and ``diagnosis`` (a Korean sentence).
    """
    w = _ipywidgets()
    controls = {
        "scheme": w.ToggleButtons(options=[(v[0], k) for k, v in INIT_SCHEMES.items()], value="std1",
                                  description="초깃값", style={"button_width": "120px"}),
        "activation": w.ToggleButtons(options=[(v[0], k) for k, v in _ACTIVATIONS.items()], value="sigmoid",
                                      description="활성화 함수", style={"button_width": "120px"}),
    }
    info = w.HTML()

    def update(box):
        scheme, activation = controls["scheme"].value, controls["activation"].value
        h = _histograms(scheme, activation)
        box.state = {"scheme": scheme, "activation": activation, **{k: v for k, v in h.items()}}
        counts, edges = h["counts"], h["edges"]
        top = max(int(counts.max()), 1) * 1.08

        fig = _figure(11.0, 2.8, left=0.07, right=0.99, bottom=0.17, top=0.8, wspace=0.08)
        axes = fig.subplots(1, len(counts), sharey=True)
        ticks = [edges[0], (edges[0] + edges[-1]) / 2, edges[-1]]
        for i, ax in enumerate(axes):  # few ticks and labels: text is most of a redraw
            ax.stairs(counts[i], edges, fill=True, color="tab:blue", alpha=0.8)
            ax.set_xlim(edges[0], edges[-1])
            ax.set_ylim(0, top)
            ax.set_xticks(ticks, [_fmt(v) for v in ticks])
            ax.set_title(f"{i + 1}층 (std {h['std'][i]:.3g})", fontsize=9)
            ax.tick_params(labelsize=7)
            ax.grid(False)
        axes[0].yaxis.set_major_locator(MaxNLocator(4))
        axes[0].set_ylabel("개수", fontsize=8)
        fig.supxlabel("활성화값 (activation)", fontsize=8, y=0.01)
        label = INIT_SCHEMES[scheme][0]
        extra = " (0인 값은 빼고 그림)" if activation == "relu" else ""
        fig.suptitle(f"{_ACTIVATIONS[activation][0]} + 초깃값 {label}: 층별 활성화값 분포{extra}", fontsize=10)
        _fit_left(fig, axes[0])
        box.show(fig)

        header = (["층", "평균", "표준편차", "뉴런별 입력에 따른 변화", "범위 밖"]
                  + (["0인 비율"] if activation == "relu" else []))
        rows = []
        for i in range(len(counts)):
            row = [f"{i + 1}층", f"{h['mean'][i]:.3g}", f"{h['std'][i]:.3g}", f"{h['unit_spread'][i]:.3g}",
                   f"{h['outside'][i]:.0%}"]
            if activation == "relu":
                row.append(f"{h['zero_fraction'][i]:.0%}")
            rows.append(row)
        info.value = _table(header, rows) + f"<p style='max-width:760px'>{h['diagnosis']}</p>"

    return _assemble(controls, update, info=info, info_below=True,
                     title="가중치 초깃값과 은닉층 활성화값 분포 (5층 × 뉴런 100개, 입력 1,000개)")
