"""Interactive demos of book 1, weeks 1-5 (function plots, perceptron, activations,
MNIST, gradient descent, backpropagation).

Each function returns the demo box described in :mod:`course_lib.widgets`.
"""
from __future__ import annotations

import numpy as np
from matplotlib.colors import ListedColormap

from .. import plotting
from ._base import _assemble, _figure, _fit_left, _fmt, _ipywidgets, _layout, _slider_style, _table

__all__ = [
    "function_plotter",
    "perceptron_explorer",
    "activation_explorer",
    "mnist_viewer",
    "gradient_descent_explorer",
    "backprop_explorer",
    "gradient_descent_path",
    "apple_orange_graph",
]


# ------------------------------------------------------------------ 1. function plotter
def _function_table():
    from .. import functions as F

    return {
        "sin": ("사인 sin(x)", np.sin),
        "cos": ("코사인 cos(x)", np.cos),
        "tanh": ("쌍곡탄젠트 tanh(x)", F.tanh),
        "sigmoid": ("시그모이드 sigmoid(x)", F.sigmoid),
        "relu": ("ReLU max(0, x)", F.relu),
        "step": ("계단 함수 step(x)", F.step_function),
        "square": ("제곱 x²", np.square),
        "exp": ("지수 함수 exp(x)", np.exp),
    }


def function_plotter():
    """Week 1 warm-up: pick a function and an x range, see ``y = f(x)``.

    Controls: ``'function'`` (Dropdown: sin, cos, tanh, sigmoid, relu, step, square,
    exp) and ``'x_range'`` (FloatRangeSlider over -10..10).
    State: ``name``, ``x`` (501,), ``y`` (501,), ``y_min``, ``y_max``.
    """
    w = _ipywidgets()
    table = _function_table()
    controls = {
        "function": w.Dropdown(
            options=[(label, key) for key, (label, _) in table.items()], value="sin",
            description="함수 (function)", style=_slider_style(), layout=_layout(),
        ),
        "x_range": w.FloatRangeSlider(
            value=(-5.0, 5.0), min=-10.0, max=10.0, step=0.5, description="x 범위 (range)",
            style=_slider_style(), layout=_layout(),
        ),
    }

    def update(box):
        name = controls["function"].value
        label, f = table[name]
        lo, hi = controls["x_range"].value
        fig = _figure(5, 3.2)
        ax = fig.subplots()
        if hi - lo < 1e-9:
            box.state = {"name": name, "x": np.array([]), "y": np.array([]), "y_min": None, "y_max": None}
            ax.text(0.5, 0.5, "x 범위의 시작과 끝이 같습니다.\n슬라이더를 벌려 주세요.",
                    ha="center", va="center", transform=ax.transAxes)
        else:
            x = np.linspace(lo, hi, 501)
            plotting.plot_function(f, x, ax=ax, title="y = " + label.replace("²", "$^2$"))
            y = np.asarray(f(x), dtype=float)
            box.state = {"name": name, "x": x, "y": y, "y_min": float(y.min()), "y_max": float(y.max())}
            _fit_left(fig, ax)  # exp on -10..10 has five-digit tick labels
        box.show(fig)

    return _assemble(controls, update, title="함수 그래프 그리기 (NumPy + matplotlib)")


# --------------------------------------------------------------- 2. perceptron explorer
GATES = {
    "AND": (0, 0, 0, 1),
    "NAND": (1, 1, 1, 0),
    "OR": (0, 1, 1, 1),
    "XOR": (0, 1, 1, 0),
}
_INPUTS = ((0, 0), (0, 1), (1, 0), (1, 1))  # the book's truth-table order
# The book's weights (ch. 2). XOR has none: its preset is one honest attempt
# (x1 AND NOT x2) that gets 3 of 4 rows right, to show why one line is not enough.
PERCEPTRON_PRESETS = {
    "AND": (0.5, 0.5, -0.7),
    "NAND": (-0.5, -0.5, 0.7),
    "OR": (0.5, 0.5, -0.2),
    "XOR": (0.5, -0.5, -0.2),
}

_XOR_NOTE = (
    "<p style='max-width:360px'><b>XOR은 직선 하나로 나눌 수 없습니다.</b> "
    "단층 퍼셉트론(single-layer perceptron)의 결정 경계는 직선이라서, "
    "(0,1)·(1,0)과 (0,0)·(1,1)을 한 직선으로 가를 수 없습니다 "
    "(선형 분리 불가능, not linearly separable).<br>"
    "층을 하나 더 쌓으면 됩니다: <b>XOR(x1, x2) = AND(NAND(x1, x2), OR(x1, x2))</b> "
    "— 2층 퍼셉트론(multi-layer perceptron).</p>"
)


def _perceptron(x1, x2, w1, w2, b) -> int:
    """The book's perceptron: 1 if w1*x1 + w2*x2 + b > 0 else 0."""
    return int(w1 * x1 + w2 * x2 + b > 0)


def _xor_two_layer_table() -> str:
    rows = []
    for x1, x2 in _INPUTS:
        s1 = _perceptron(x1, x2, *PERCEPTRON_PRESETS["NAND"])
        s2 = _perceptron(x1, x2, *PERCEPTRON_PRESETS["OR"])
        y = _perceptron(s1, s2, *PERCEPTRON_PRESETS["AND"])
        rows.append((x1, x2, s1, s2, y))
    return _table(["x1", "x2", "s1=NAND", "s2=OR", "y=AND(s1,s2)"], rows)


def _draw_perceptron(fig, w1, w2, b, outputs, target):
    ax = fig.subplots()
    lim = (-0.5, 1.5)
    grid = np.linspace(*lim, 201)
    gx, gy = np.meshgrid(grid, grid)
    region = (w1 * gx + w2 * gy + b > 0).astype(float)
    ax.imshow(region, extent=(*lim, *lim), origin="lower", interpolation="nearest", vmin=0, vmax=1,
              cmap=ListedColormap(["#fde0dd", "#deebf7"]), aspect="auto")
    if abs(w1) < 1e-12 and abs(w2) < 1e-12:
        ax.text(0.5, 1.35, "w1 = w2 = 0: 경계선 없음 (출력이 항상 같음)", ha="center", fontsize=9)
    elif abs(w2) >= abs(w1):
        ax.plot(grid, -(w1 * grid + b) / w2, "k-", lw=2, label="w1·x1 + w2·x2 + b = 0")
    else:
        ax.plot(-(w2 * grid + b) / w1, grid, "k-", lw=2, label="w1·x1 + w2·x2 + b = 0")
    for (x1, x2), y in zip(_INPUTS, outputs):
        ax.scatter([x1], [x2], s=120, marker="^" if y else "o", color="tab:blue" if y else "tab:red",
                   edgecolors="k", zorder=3)
    for (x1, x2), y, t in zip(_INPUTS, outputs, target or [None] * 4):
        if t is not None and y != t:
            ax.scatter([x1], [x2], s=420, facecolors="none", edgecolors="k", linestyle="--", zorder=4)
    ax.scatter([], [], marker="o", color="tab:red", edgecolors="k", label="출력 y = 0")
    ax.scatter([], [], marker="^", color="tab:blue", edgecolors="k", label="출력 y = 1")
    if target is not None:
        ax.scatter([], [], s=120, facecolors="none", edgecolors="k", linestyle="--", label="목표와 다름")
    ax.set_xlim(lim)
    ax.set_ylim(lim)
    ax.set_aspect("equal")
    ax.set_xlabel("입력 x1")
    ax.set_ylabel("입력 x2")
    ax.set_title(f"결정 경계 (decision boundary): w1={_fmt(w1)}, w2={_fmt(w2)}, b={_fmt(b)}", fontsize=9)
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8)


_CUSTOM = "custom"


def perceptron_explorer():
    """Week 2: a perceptron ``y = [w1*x1 + w2*x2 + b > 0]`` on the four binary inputs.

    Controls: ``'preset'`` (Dropdown: custom/AND/NAND/OR/XOR; choosing a gate sets the
    book's weights and makes that gate the target), ``'w1'``, ``'w2'``, ``'b'``
    (FloatSliders). Shows the truth table (HTML, ``.info``), the gate the weights
    realise, and the decision line on the unit square (``.output``). For the XOR
    target it explains why no line works and that XOR = AND(NAND, OR).

    State: ``truth_table`` (outputs for (0,0), (0,1), (1,0), (1,1)), ``matches``
    (``'AND'``, ``'NAND'``, ``'OR'``, ``'XOR'`` or None), ``target``, ``correct``
    (rows equal to the target, or None), ``w1``, ``w2``, ``b``.
    """
    w = _ipywidgets()
    slider = dict(min=-1.0, max=1.0, step=0.05, readout_format=".2f", style=_slider_style(), layout=_layout())
    controls = {
        "preset": w.Dropdown(
            # a string sentinel: ipywidgets shows value=None as "nothing selected"
            options=[("직접 조정 (custom)", _CUSTOM)] + [(g, g) for g in PERCEPTRON_PRESETS],
            value=_CUSTOM, description="목표 게이트 (gate)", style=_slider_style(), layout=_layout(),
        ),
        "w1": w.FloatSlider(value=0.5, description="가중치 w1", **slider),
        "w2": w.FloatSlider(value=0.5, description="가중치 w2", **slider),
        "b": w.FloatSlider(value=-0.7, description="편향 b (bias)", **dict(slider, min=-1.5, max=1.5)),
    }
    info = w.HTML()

    def on_preset(change):
        name = change["new"]
        if name == _CUSTOM:  # keep the weights, drop the target
            box.refresh()
            return
        with box.hold():  # set three sliders, redraw once
            for key, value in zip(("w1", "w2", "b"), PERCEPTRON_PRESETS[name]):
                controls[key].value = value

    def update(box):
        w1, w2, b = (float(controls[k].value) for k in ("w1", "w2", "b"))
        target_name = None if controls["preset"].value == _CUSTOM else controls["preset"].value
        outputs = [_perceptron(x1, x2, w1, w2, b) for x1, x2 in _INPUTS]
        matches = next((g for g, table in GATES.items() if tuple(outputs) == table), None)
        target = list(GATES[target_name]) if target_name else None
        correct = sum(int(y == t) for y, t in zip(outputs, target)) if target else None
        box.state = {"truth_table": outputs, "matches": matches, "target": target_name,
                     "correct": correct, "w1": w1, "w2": w2, "b": b}

        header = ["x1", "x2", "y"]
        rows = [(x1, x2, y) for (x1, x2), y in zip(_INPUTS, outputs)]
        colours = None
        if target:
            header.append(f"목표 {target_name}")
            rows = [r + (t,) for r, t in zip(rows, target)]
            colours = ["#e5f5e0" if y == t else "#fee0d2" for y, t in zip(outputs, target)]
        parts = ["<b>진리표 (truth table)</b>", _table(header, rows, colours)]
        parts.append(f"<p>일치하는 게이트: <b>{matches}</b></p>" if matches
                     else "<p>AND·NAND·OR·XOR 어느 게이트와도 일치하지 않습니다.</p>")
        if target:
            parts.append(f"<p>목표 {target_name}: {correct}/4 행 일치</p>")
        if target_name == "XOR":
            parts += [_XOR_NOTE, _xor_two_layer_table()]
        info.value = "".join(parts)

        fig = _figure(5.4, 3.6, left=0.14, right=0.62, top=0.9)
        _draw_perceptron(fig, w1, w2, b, outputs, target)
        box.show(fig)

    box = _assemble(controls, update, info=info, title="퍼셉트론 (perceptron) 탐색기", skip=("preset",))
    controls["preset"].observe(on_preset, names="value")
    return box


# ------------------------------------------------------------- 3. activation explorer
def _activation_table():
    from .. import functions as F

    return {
        "step": ("계단 함수 (step)", F.step_function, lambda x: np.zeros_like(np.asarray(x, dtype=float))),
        "sigmoid": ("시그모이드 (sigmoid)", F.sigmoid, F.sigmoid_grad),
        "relu": ("ReLU", F.relu, F.relu_grad),
        "tanh": ("tanh", F.tanh, lambda x: 1.0 - np.tanh(x) ** 2),
    }


def activation_explorer():
    """Week 3: activation functions ``h(x)`` and their derivatives.

    Controls: ``'function'`` (Dropdown: step, sigmoid, relu, tanh), ``'x'`` (FloatSlider
    -5..5), ``'derivative'`` (Checkbox: also draw ``h'(x)``).
    State: ``name``, ``x``, ``y`` (= h(x)), ``dy`` (= h'(x); for the step function 0,
    undefined at exactly 0).
    """
    w = _ipywidgets()
    table = _activation_table()
    controls = {
        "function": w.Dropdown(options=[(label, key) for key, (label, _, _) in table.items()],
                               value="sigmoid", description="활성화 함수", style=_slider_style(),
                               layout=_layout()),
        "x": w.FloatSlider(value=1.0, min=-5.0, max=5.0, step=0.1, description="입력 x",
                           style=_slider_style(), layout=_layout()),
        "derivative": w.Checkbox(value=False, description="도함수 h'(x) 함께 보기 (derivative)", layout=_layout()),
    }
    info = w.HTML()

    def update(box):
        name = controls["function"].value
        label, h, dh = table[name]
        x = float(controls["x"].value)
        y = float(h(np.array([x]))[0])
        dy = float(dh(np.array([x]))[0])
        box.state = {"name": name, "x": x, "y": y, "dy": dy}

        fig = _figure(5, 3.2)
        ax = fig.subplots()
        xs = np.linspace(-5.0, 5.0, 501)
        plotting.plot_function(h, xs, ax=ax, label="h(x)", title=label)
        ax.plot([x], [y], "o", color="C3", zorder=3, label=f"(x, h(x)) = ({_fmt(x)}, {_fmt(y)})")
        if controls["derivative"].value:
            ax.plot(xs, dh(xs), "--", color="C2", label="h'(x)")
            ax.plot([x], [dy], "s", color="C2", zorder=3)
        ax.set_ylabel("출력 h(x)")
        ax.legend(fontsize=8, loc="upper left")
        box.show(fig)

        note = " (x = 0에서는 미분 불가)" if name == "step" and x == 0 else ""
        info.value = (f"<p>h({_fmt(x)}) = <b>{_fmt(y)}</b><br>"
                      f"h'({_fmt(x)}) = <b>{_fmt(dy)}</b>{note}</p>")

    return _assemble(controls, update, info=info, title="활성화 함수 (activation function) 탐색기")


# ------------------------------------------------------------------- 4. MNIST viewer
def _labels_1d(t, n):
    t = np.asarray(t)
    if t.ndim == 2:  # one-hot
        t = t.argmax(axis=1)
    if t.ndim != 1 or t.shape[0] != n:
        raise ValueError(f"t must hold {n} labels, shape ({n},) or one-hot ({n}, 10); got {t.shape}.")
    return t.astype(int)


def _as_probabilities(scores) -> np.ndarray:
    """Row (10,) of probabilities: kept if already a distribution, else softmax."""
    from ..functions import softmax

    s = np.asarray(scores, dtype=float).reshape(-1)
    if np.all(s >= 0) and abs(s.sum() - 1.0) < 1e-4:
        return s
    return softmax(s)


def mnist_viewer(x, t, predict_fn=None):
    """Week 3: browse digits and, optionally, a network's prediction.

    Args:
        x: images (N, 784), (N, 28, 28) or (N, 1, 28, 28).
        t: labels (N,) or one-hot (N, 10).
        predict_fn: optional callable; receives one image as a batch of one in the
            layout of ``x`` (e.g. (1, 784) or (1, 1, 28, 28)) and returns scores or
            probabilities of shape (1, 10). Scores are turned into probabilities
            with softmax.

    Controls: ``'index'`` (IntSlider 0..N-1).
    State: ``index``, ``label``, ``prediction`` (int or None), ``probabilities``
    ((10,) or None).
    """
    w = _ipywidgets()
    x = np.asarray(x)
    stack = plotting._as_image_stack(x)  # validates the shape
    n = stack.shape[0]
    labels = _labels_1d(t, n)
    if predict_fn is not None and not callable(predict_fn):
        raise TypeError("predict_fn must be a function mapping x[i:i+1] to scores (1, 10), or None.")
    controls = {"index": w.IntSlider(value=0, min=0, max=n - 1, step=1, description="번호 (index)",
                                     style=_slider_style(), layout=_layout())}
    info = w.HTML()

    def update(box):
        i = int(controls["index"].value)
        label = int(labels[i])
        prediction = probs = None
        if predict_fn is not None:
            scores = np.asarray(predict_fn(x[i:i + 1]))
            if scores.size != 10:
                raise ValueError(f"predict_fn returned shape {scores.shape}; it must return (1, 10).")
            probs = _as_probabilities(scores)
            prediction = int(probs.argmax())
        box.state = {"index": i, "label": label, "prediction": prediction, "probabilities": probs}

        if probs is None:
            fig = _figure(2.6, 2.8, left=0.05, right=0.95, bottom=0.05)
            axes = [fig.subplots()]
        else:
            fig = _figure(6.4, 2.8, left=0.03, right=0.98, wspace=0.4)
            axes = fig.subplots(1, 2, width_ratios=[1, 1.6])
        plotting.show_images(stack[i:i + 1], ax=axes[0])
        axes[0].set_title(f"#{i}  정답 (label): {label}")
        if probs is not None:
            ax = axes[1]
            colours = ["tab:gray"] * 10
            colours[label] = "tab:green"
            if prediction != label:
                colours[prediction] = "tab:red"
            ax.bar(np.arange(10), probs, color=colours)
            ax.set_xticks(np.arange(10))
            ax.set_ylim(0, 1)
            ax.set_xlabel("클래스 (class)")
            ax.set_ylabel("확률 (softmax)")
            verdict = "정답" if prediction == label else "오답"
            ax.set_title(f"예측 (prediction): {prediction} — {verdict}")
        box.show(fig)

        text = f"<p>번호 {i}: 정답 레이블 <b>{label}</b>"
        if prediction is not None:
            text += f"<br>예측 <b>{prediction}</b> (확률 {probs[prediction]:.3f})"
        info.value = text + "</p>"

    return _assemble(controls, update, info=info, title="MNIST 손글씨 숫자 보기")


# ------------------------------------------------------- 5. gradient descent explorer
GD_FUNCTIONS = {
    # name: (label, mathtext title, f(x0, x1), grad(x0, x1) -> (g0, g1))
    "function_2": ("f(x0, x1) = x0² + x1²", r"$f(x_0, x_1) = x_0^2 + x_1^2$",
                   lambda a, b: a ** 2 + b ** 2,
                   lambda a, b: (2 * a, 2 * b)),
    "elongated": ("f(x0, x1) = x0²/20 + x1²", r"$f(x_0, x_1) = x_0^2/20 + x_1^2$",
                  lambda a, b: a ** 2 / 20.0 + b ** 2,
                  lambda a, b: (a / 10.0, 2 * b)),
}


def gradient_descent_path(name, start, lr, steps):
    """Run ``x <- x - lr * grad f(x)`` for ``steps`` steps from ``start``.

    Args:
        name: a key of ``GD_FUNCTIONS`` (``'function_2'`` or ``'elongated'``).
        start: (2,) start point (x0, x1).
        lr: learning rate > 0.
        steps: number of updates >= 0.

    Returns:
        path: array (steps + 1, 2), the start point first. Overflow gives inf, not an error.
    """
    if name not in GD_FUNCTIONS:
        raise ValueError(f"unknown function {name!r}; choose one of {list(GD_FUNCTIONS)}.")
    if not lr > 0 or int(steps) < 0:
        raise ValueError(f"need lr > 0 and steps >= 0, got lr={lr}, steps={steps}.")
    grad = GD_FUNCTIONS[name][3]
    path = np.empty((int(steps) + 1, 2))
    path[0] = start
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(int(steps)):
            g0, g1 = grad(*path[k])
            path[k + 1] = path[k] - lr * np.array([g0, g1])
    return path


def gradient_descent_explorer():
    """Week 4: gradient descent on a 2-D function, with its path on a contour plot.

    Controls: ``'function'`` (Dropdown: function_2 = x0² + x1², elongated = x0²/20 + x1²),
    ``'lr'`` (FloatLogSlider 1e-3..1.5; above 1 the book's function_2 diverges),
    ``'steps'`` (IntSlider 1..100), ``'x0'``, ``'x1'`` (start point, FloatSliders -4..4).
    State: ``path`` (steps + 1, 2), ``final_point`` (2,), ``final_value``,
    ``start_value``, ``diverged`` (final value larger than the start value).
    """
    w = _ipywidgets()
    controls = {
        "function": w.Dropdown(options=[(v[0], key) for key, v in GD_FUNCTIONS.items()],
                               value="function_2", description="함수 (function)",
                               style=_slider_style(), layout=_layout()),
        "lr": w.FloatLogSlider(value=0.1, base=10, min=-3, max=float(np.log10(1.5)), step=0.01,
                               readout_format=".3g", description="학습률 (lr)",
                               style=_slider_style(), layout=_layout()),
        "steps": w.IntSlider(value=20, min=1, max=100, description="반복 횟수 (steps)",
                             style=_slider_style(), layout=_layout()),
        "x0": w.FloatSlider(value=-3.0, min=-4.0, max=4.0, step=0.1, description="시작점 x0",
                            style=_slider_style(), layout=_layout()),
        "x1": w.FloatSlider(value=4.0, min=-4.0, max=4.0, step=0.1, description="시작점 x1",
                            style=_slider_style(), layout=_layout()),
    }
    info = w.HTML()

    def update(box):
        name = controls["function"].value
        _, tex, f, _ = GD_FUNCTIONS[name]
        lr = float(controls["lr"].value)
        start = np.array([controls["x0"].value, controls["x1"].value], dtype=float)
        path = gradient_descent_path(name, start, lr, controls["steps"].value)
        with np.errstate(over="ignore", invalid="ignore"):
            final_value = float(f(*path[-1]))
        start_value = float(f(*start))
        diverged = not np.isfinite(final_value) or final_value > start_value
        box.state = {"path": path, "final_point": path[-1].copy(), "final_value": final_value,
                     "start_value": start_value, "diverged": diverged}

        fig = _figure(4.6, 4.4, left=0.12, right=0.98, bottom=0.1, top=0.88)
        ax = fig.subplots()
        grid = np.linspace(-5, 5, 201)
        gx, gy = np.meshgrid(grid, grid)
        ax.contour(gx, gy, f(gx, gy), levels=12, cmap="Greys", linewidths=0.8)
        shown = path[np.all(np.abs(path) < 1e6, axis=1)]
        ax.plot(shown[:, 0], shown[:, 1], "o-", color="tab:blue", markersize=3, lw=1, label="경로 (path)")
        ax.plot(*start, "s", color="tab:green", label="시작점")
        if np.all(np.abs(path[-1]) <= 5):
            ax.plot(*path[-1], "*", color="tab:red", markersize=12, label="끝점")
        ax.set_xlim(-5, 5)
        ax.set_ylim(-5, 5)
        ax.set_aspect("equal")
        ax.set_xlabel("x0")
        ax.set_ylabel("x1")
        status = "발산 (diverged)" if diverged else "수렴 중"
        ax.set_title(f"{tex}\n학습률 {lr:.3g}, {len(path) - 1}회 — {status}", fontsize=9)
        ax.legend(fontsize=8, loc="lower right")
        box.show(fig)

        x_end = ", ".join(f"{v:.4g}" for v in path[-1])
        warn = ("<p style='color:#c00'>학습률이 너무 커서 값이 점점 커집니다 (발산). "
                "책의 예: lr=10이면 발산, lr=1e-10이면 거의 움직이지 않습니다.</p>") if diverged else ""
        info.value = (f"<p>시작 f = {start_value:.4g}<br>끝점 x = ({x_end})<br>"
                      f"끝 f = <b>{final_value:.4g}</b></p>{warn}")

    return _assemble(controls, update, info=info, title="경사 하강법 (gradient descent) 탐색기")


# --------------------------------------------------------------- 6. backprop explorer
def apple_orange_graph(apple, apple_num, orange, orange_num, tax):
    """The book's shopping graph (ch. 5) with ``MulLayer``/``AddLayer``, forward and backward.

    Args: scalars (unit prices, counts and the tax factor).

    Returns:
        ``(forward, grads)``: ``forward`` has ``apple_price``, ``orange_price``,
        ``all_price``, ``price``; ``grads`` has ``d_apple``, ``d_apple_num``,
        ``d_orange``, ``d_orange_num``, ``d_tax`` and the inner ``d_apple_price``,
        ``d_orange_price``, ``d_all_price`` (all for ``dprice = 1``).
    """
    from ..layers import AddLayer, MulLayer

    mul_apple, mul_orange, add, mul_tax = MulLayer(), MulLayer(), AddLayer(), MulLayer()
    apple_price = mul_apple.forward(apple, apple_num)
    orange_price = mul_orange.forward(orange, orange_num)
    all_price = add.forward(apple_price, orange_price)
    price = mul_tax.forward(all_price, tax)

    d_all_price, d_tax = mul_tax.backward(1)
    d_apple_price, d_orange_price = add.backward(d_all_price)
    d_apple, d_apple_num = mul_apple.backward(d_apple_price)
    d_orange, d_orange_num = mul_orange.backward(d_orange_price)
    forward = {"apple_price": apple_price, "orange_price": orange_price,
               "all_price": all_price, "price": price}
    grads = {"d_apple": d_apple, "d_apple_num": d_apple_num, "d_orange": d_orange,
             "d_orange_num": d_orange_num, "d_tax": d_tax, "d_apple_price": d_apple_price,
             "d_orange_price": d_orange_price, "d_all_price": d_all_price}
    return forward, {k: float(v) for k, v in grads.items()}


def _draw_graph(fig, values, fwd, grads):
    ax = fig.subplots()
    ax.set_xlim(-0.3, 9.3)
    ax.set_ylim(-0.4, 6.4)
    ax.set_axis_off()
    ax.grid(False)
    inputs = {  # name: (position, label)
        "apple": ((0.6, 5.5), f"사과 가격\n{_fmt(values['apple'])}"),
        "apple_num": ((0.6, 3.7), f"사과 개수\n{_fmt(values['apple_num'])}"),
        "orange": ((0.6, 2.6), f"귤 가격\n{_fmt(values['orange'])}"),
        "orange_num": ((0.6, 0.8), f"귤 개수\n{_fmt(values['orange_num'])}"),
        "tax": ((4.8, 0.2), f"소비세\n{_fmt(values['tax'])}"),
    }
    nodes = {"mul_apple": ((2.9, 4.6), "×"), "mul_orange": ((2.9, 1.7), "×"),
             "add": ((4.8, 3.1), "+"), "mul_tax": ((6.7, 3.1), "×")}
    out = (8.6, 3.1)
    for (x, y), text in inputs.values():
        ax.text(x, y, text, ha="center", va="center", fontsize=8,
                bbox=dict(boxstyle="round", fc="#f7f7f7", ec="#999"))
    for (x, y), text in nodes.values():
        ax.add_patch(_circle((x, y)))
        ax.text(x, y, text, ha="center", va="center", fontsize=14)
    ax.text(*out, f"지불 금액\n{_fmt(fwd['price'])}", ha="center", va="center", fontsize=8,
            bbox=dict(boxstyle="round", fc="#e8f0ff", ec="#36c"))

    def edge(p, q, forward, grad, at=0.5):
        """Arrow p -> q; forward value above, gradient below, a fraction ``at`` along it."""
        (x0, y0), (x1, y1) = p, q
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                    arrowprops=dict(arrowstyle="->", color="#333", lw=1.2, shrinkA=22, shrinkB=16))
        mx, my = x0 + at * (x1 - x0), y0 + at * (y1 - y0)
        ax.text(mx, my + 0.22, _fmt(forward), color="tab:blue", ha="center", va="bottom", fontsize=9)
        ax.text(mx, my - 0.22, _fmt(grad), color="tab:red", ha="center", va="top", fontsize=9)

    p = {k: v[0] for k, v in inputs.items()}
    n = {k: v[0] for k, v in nodes.items()}
    edge(p["apple"], n["mul_apple"], values["apple"], grads["d_apple"], at=0.4)
    edge(p["apple_num"], n["mul_apple"], values["apple_num"], grads["d_apple_num"], at=0.4)
    edge(p["orange"], n["mul_orange"], values["orange"], grads["d_orange"], at=0.4)
    edge(p["orange_num"], n["mul_orange"], values["orange_num"], grads["d_orange_num"], at=0.4)
    edge(n["mul_apple"], n["add"], fwd["apple_price"], grads["d_apple_price"])
    edge(n["mul_orange"], n["add"], fwd["orange_price"], grads["d_orange_price"])
    edge(n["add"], n["mul_tax"], fwd["all_price"], grads["d_all_price"])
    edge(p["tax"], n["mul_tax"], values["tax"], grads["d_tax"])
    edge(n["mul_tax"], out, fwd["price"], 1)
    ax.text(-0.2, 6.3, "파란 숫자(위): 순전파 값 (forward)    빨간 숫자(아래): 역전파 미분 (backward)",
            fontsize=8, va="top")


def _circle(xy):
    from matplotlib.patches import Circle

    return Circle(xy, 0.32, fc="white", ec="#333", lw=1.5, zorder=2)


def backprop_explorer():
    """Week 5: the book's apple-and-orange shopping graph, forward and backward.

    Controls: ``'apple'`` (unit price, 100), ``'apple_num'`` (2), ``'orange'`` (150),
    ``'orange_num'`` (3), ``'tax'`` (1.1). The graph shows forward values (blue,
    above each arrow) and gradients of the paid price (red, below).
    State: ``price``, ``forward`` (dict), ``grads`` (dict: ``d_apple``, ``d_apple_num``,
    ``d_orange``, ``d_orange_num``, ``d_tax``, plus inner edges). With the book's
    inputs: price 715, grads 2.2, 110, 3.3, 165, 650.
    """
    w = _ipywidgets()
    look = dict(style=_slider_style(), layout=_layout())
    controls = {
        "apple": w.IntSlider(value=100, min=0, max=500, step=10, description="사과 가격", **look),
        "apple_num": w.IntSlider(value=2, min=0, max=10, description="사과 개수", **look),
        "orange": w.IntSlider(value=150, min=0, max=500, step=10, description="귤 가격", **look),
        "orange_num": w.IntSlider(value=3, min=0, max=10, description="귤 개수", **look),
        "tax": w.FloatSlider(value=1.1, min=1.0, max=1.5, step=0.01, description="소비세 (tax)", **look),
    }
    info = w.HTML()

    def update(box):
        values = {k: c.value for k, c in controls.items()}
        fwd, grads = apple_orange_graph(**values)
        box.state = {"price": float(fwd["price"]), "forward": fwd, "grads": grads}
        fig = _figure(7.6, 4.4, left=0, right=1, bottom=0, top=1)
        _draw_graph(fig, values, fwd, grads)
        box.show(fig)
        rows = [(name, _fmt(grads[key])) for name, key in (
            ("사과 가격", "d_apple"), ("사과 개수", "d_apple_num"), ("귤 가격", "d_orange"),
            ("귤 개수", "d_orange_num"), ("소비세", "d_tax"))]
        info.value = (f"<p>지불 금액 = <b>{_fmt(fwd['price'])}</b></p>"
                      + _table(["입력", "∂지불 금액/∂입력"], rows))

    return _assemble(controls, update, info=info, title="계산 그래프와 역전파 (backpropagation)")
