"""Interactive demos of book 2, chapters 5-8 (weeks 17-20): gradients through time,
sampling temperature, seq2seq variants on addition, attention heatmaps on dates.

Each function returns the demo box described in :mod:`course_lib.widgets`. Inputs a
student types (prompt words, an addition question, a date) are checked: a mistake
shows a Korean message in ``.info`` and ``.state['error']`` instead of raising.
"""
from __future__ import annotations

import datetime
import html
import re
from collections.abc import Mapping

import numpy as np

from ._base import (_assemble, _check_vocabulary, _figure, _fit_left, _fmt, _ipywidgets, _layout, _log_yaxis, _message,
                    _slider_style, _table)

__all__ = [
    "vanishing_gradient_explorer",
    "rnn_gradient_flow",
    "temperature_explorer",
    "seq2seq_explorer",
    "attention_heatmap",
]

_GOOD, _BAD = "#e5f5e0", "#fee0d2"  # table row colours: correct / wrong


# --------------------------------------------------------------------------- helpers
def _require(obj, methods, what: str) -> None:
    missing = [m for m in methods if not callable(getattr(obj, m, None))]
    if missing:
        raise ValueError(f"{what} must have the method(s) {', '.join(missing)}; "
                         f"got a {type(obj).__name__}. Pass a course_lib.models model.")


def _text(value: str, description: str):
    """A Text box that reports its value on Enter or when it loses focus (not per key)."""
    return _ipywidgets().Text(value=value, description=description, continuous_update=False,
                              style=_slider_style(), layout=_layout())


def _visible(chars: str) -> list[str]:
    """Characters as tick labels / table cells: a space becomes '␣'."""
    return ["␣" if c == " " else c for c in chars]


def _fail(box, message: str, **state) -> None:
    """Show ``message`` in the info, clear the figure, keep ``state`` (+ the error)."""
    box.state = {**state, "error": message}
    box.info.value = _message(message)
    box.show(None)


def _unknown_chars(text: str, vocab) -> list[str]:
    return sorted({c for c in text if c not in vocab.char_to_id})


# ------------------------------------------------- 1. vanishing / exploding gradients
def rnn_gradient_flow(W_h, steps: int, *, use_tanh: bool = True, seed: int = 0) -> dict:
    """Run an RNN forward over ``steps`` random inputs, then back-propagate ``dh`` from
    the last step to the first (book 2, 6.1).

    Forward: ``h_t = tanh(h_{t-1} W_h + x_t W_x)`` (``use_tanh=False``: without tanh),
    ``h_0 = 0``, inputs ``x_t`` (H,) and ``W_x`` (H, H) drawn from
    ``np.random.default_rng(seed)`` (standard normal, ``W_x`` divided by sqrt(H)).
    Backward from ``dh_T = 1`` (all ones, as in the book):
    ``dpre = dh ⊙ (1 − h_t²)`` (or ``dh``), ``dh ← dpre @ W_hᵀ``.

    Args:
        W_h: (H, H) recurrent weight.
        steps: number of time steps T >= 1.

    Returns:
        dict with ``norms`` (T + 1,): ``norms[k]`` = L2 norm of dL/dh_{T-k} (``norms[0]``
        is the gradient arriving at the last state), and ``grads``: the parameter
        gradients ``[dW_h (H, H), dW_x (H, H)]`` summed over the steps, float64.
    """
    W_h = np.asarray(W_h, dtype=np.float64)
    if W_h.ndim != 2 or W_h.shape[0] != W_h.shape[1]:
        raise ValueError(f"W_h must be a square matrix (H, H), got shape {W_h.shape}.")
    if isinstance(steps, bool) or int(steps) != steps or steps < 1:
        raise ValueError(f"steps must be an integer >= 1, got {steps!r}.")
    steps, H = int(steps), W_h.shape[0]
    rng = np.random.default_rng(seed)
    xs = rng.standard_normal((steps, H))
    W_x = rng.standard_normal((H, H)) / np.sqrt(H)
    hs = np.zeros((steps + 1, H))  # hs[t] = h_t, hs[0] = h_0
    norms = np.empty(steps + 1)
    dW_h, dW_x = np.zeros((H, H)), np.zeros((H, H))
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(1, steps + 1):
            pre = hs[t - 1] @ W_h + xs[t - 1] @ W_x
            hs[t] = np.tanh(pre) if use_tanh else pre
        dh = np.ones(H)
        norms[0] = np.linalg.norm(dh)
        for k, t in enumerate(range(steps, 0, -1), start=1):
            dpre = dh * (1.0 - hs[t] ** 2) if use_tanh else dh
            dW_h += np.outer(hs[t - 1], dpre)
            dW_x += np.outer(xs[t - 1], dpre)
            dh = dpre @ W_h.T
            norms[k] = np.linalg.norm(dh)
    return {"norms": norms, "grads": [dW_h, dW_x]}


# Verdict thresholds on the ratio last / first gradient norm (book 2, 6.1.3-6.1.4).
_VANISHED, _EXPLODED = 1e-3, 1e3  # beyond these the gradient is lost / useless
_SHRUNK, _GREW = 0.5, 2.0        # within these it is roughly kept


def _verdict(norms) -> str:
    """'vanishing' (< 1/1000 of the first norm), 'shrinking' (< 1/2), 'stable'
    (1/2..2), 'growing' (> 2) or 'exploding' (> 1000, or overflow)."""
    ratio = norms[-1] / norms[0]
    if not np.isfinite(ratio) or ratio > _EXPLODED:
        return "exploding"
    if ratio > _GREW:
        return "growing"
    if ratio < _VANISHED:
        return "vanishing"
    return "shrinking" if ratio < _SHRUNK else "stable"


_VERDICT_TEXT = {"vanishing": "기울기 소실 (vanishing gradient)",
                 "shrinking": "기울기가 줄어듦 (shrinking)",
                 "stable": "거의 유지됨 (stable)",
                 "growing": "기울기가 커짐 (growing)",
                 "exploding": "기울기 폭발 (exploding gradient)"}
_VERDICT_COLOUR = {"vanishing": "tab:blue", "shrinking": "tab:cyan", "stable": "tab:green",
                   "growing": "tab:orange", "exploding": "tab:red"}


def _verdict_text(verdict: str, ratio: float) -> str:
    """The verdict with the factor, e.g. '기울기가 커짐 (growing): 처음의 481배'."""
    if not np.isfinite(ratio):
        return f"{_VERDICT_TEXT[verdict]}: 수치 넘침 (overflow)"
    factor = f"{ratio:.3g}배" if ratio >= 1 else f"1/{1 / ratio:.3g}" if ratio > 0 else "0배"
    return f"{_VERDICT_TEXT[verdict]}: 처음의 {factor}"


def _draw_gradient_flow(fig, norms, verdict, clip):
    ax, ax2 = fig.subplots(1, 2, width_ratios=[2.6, 1])
    steps = np.arange(len(norms))
    shown = np.isfinite(norms) & (norms > 0)
    ax.plot(steps[shown], norms[shown], "o-", ms=2.5, lw=1.2, color=_VERDICT_COLOUR[verdict])
    ax.axhline(norms[0] * _EXPLODED, ls=":", color="tab:red", lw=1, label="폭발 기준 (처음 값의 1000배)")
    ax.axhline(norms[0] * _VANISHED, ls=":", color="tab:blue", lw=1, label="소실 기준 (처음 값의 1/1000)")
    ax.set_xlabel("역전파 단계 (step)")
    ax.set_ylabel("기울기 크기 (L2 norm)")
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        ratio = norms[-1] / norms[0]
    ax.set_title(f"마지막 시각부터 거꾸로 전해지는 dh\n{_verdict_text(verdict, ratio)}", fontsize=10)
    ax.legend(fontsize=8, loc="best")
    finite = norms[shown]
    _log_yaxis(ax, min(finite.min(), norms[0] * _VANISHED), max(finite.max(), norms[0] * _EXPLODED))

    before, after, max_norm = clip
    labels, values = ["클리핑 전"], [before]
    if after is not None:
        labels.append("클리핑 후")
        values.append(after)
    ax2.bar(labels, values, color=["tab:gray", "tab:orange"][: len(values)])
    if after is not None:
        ax2.axhline(max_norm, ls="--", color="k", lw=1, label=f"max_norm = {_fmt(max_norm)}")
        ax2.legend(fontsize=8, loc="upper right")
    if all(np.isfinite(values)) and min(values) > 0:
        lo, hi = min(values + [max_norm]) / 2, max(values + [max_norm]) * 2
        if after is not None:  # head room: the bars end below the top 25 %, where the legend sits
            hi = lo * (hi / lo) ** (1 / 0.75)
        _log_yaxis(ax2, lo, hi)
    ax2.set_title("매개변수 기울기 전체 norm\n(dW_h, dW_x)", fontsize=9)


def vanishing_gradient_explorer(hidden_size: int = 16, seed: int = 0):
    """Week 18: how the gradient through time shrinks or grows (book 2, 6.1).

    ``W_h = scale × M``, where ``M`` is a fixed random Gaussian (H, H) matrix divided by
    its largest singular value, so that the largest singular value of ``W_h`` equals
    ``scale``. A real RNN runs forward over T random inputs and ``dh`` is
    back-propagated from the last step to the first (:func:`rnn_gradient_flow`, with
    ``seed + 1`` for its inputs). ``hidden_size``: H; ``seed``: the draw of ``M``.

    Controls: ``'scale'`` (FloatSlider 0.1..3.0), ``'steps'`` (IntSlider T 1..100),
    ``'tanh'`` (Checkbox: with tanh, each step also multiplies by ``1 − h²``),
    ``'clip'`` (Checkbox: gradient clipping of the parameter gradients with
    ``course_lib.training.clip_grads``), ``'max_norm'`` (FloatLogSlider 0.1..100).

    State: ``norms`` (T + 1,), ``verdict`` (by the ratio r of the last norm to the
    first: ``'vanishing'`` r < 1e-3, ``'shrinking'`` r < 0.5, ``'stable'`` 0.5..2,
    ``'growing'`` r > 2, ``'exploding'`` r > 1e3 or overflow), ``ratio`` (r), ``sigma_max``
    (largest singular value of W_h), ``spectral_radius`` (largest |eigenvalue|),
    ``grad_norm`` (norm of [dW_h, dW_x] before clipping), ``clipped_norm`` (after, or
    None without clipping).
    """
    from ..training import clip_grads

    if isinstance(hidden_size, bool) or not isinstance(hidden_size, (int, np.integer)) or hidden_size < 1:
        raise ValueError(f"hidden_size must be an integer >= 1, got {hidden_size!r}.")
    w = _ipywidgets()
    M = np.random.default_rng(seed).standard_normal((hidden_size, hidden_size))
    M /= np.linalg.svd(M, compute_uv=False)[0]
    rho_M = float(np.abs(np.linalg.eigvals(M)).max())
    look = dict(style=_slider_style(), layout=_layout())
    controls = {
        "scale": w.FloatSlider(value=1.0, min=0.1, max=3.0, step=0.05, readout_format=".2f",
                               description="W_h 크기 (scale)", **look),
        "steps": w.IntSlider(value=50, min=1, max=100, description="시간 길이 T (steps)", **look),
        "tanh": w.Checkbox(value=True, description="tanh 사용 (× (1 − h²))", layout=_layout()),
        "clip": w.Checkbox(value=False, description="기울기 클리핑 (gradient clipping)", layout=_layout()),
        "max_norm": w.FloatLogSlider(value=5.0, base=10, min=-1, max=2, step=0.05, readout_format=".3g",
                                     description="임계값 (max_norm)", **look),
    }
    info = w.HTML(layout=_layout("360px"))

    def update(box):
        scale = float(controls["scale"].value)
        use_tanh, clip = bool(controls["tanh"].value), bool(controls["clip"].value)
        max_norm = float(controls["max_norm"].value)
        flow = rnn_gradient_flow(scale * M, controls["steps"].value, use_tanh=use_tanh, seed=seed + 1)
        norms, grads = flow["norms"], flow["grads"]
        verdict = _verdict(norms)
        with np.errstate(over="ignore", invalid="ignore"):
            before = clip_grads(grads, max_norm) if clip else float(np.sqrt(sum((g * g).sum() for g in grads)))
            after = float(np.sqrt(sum((g * g).sum() for g in grads))) if clip else None
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            ratio = float(norms[-1] / norms[0])
        box.state = {"norms": norms, "verdict": verdict, "ratio": ratio, "sigma_max": scale,
                     "spectral_radius": scale * rho_M, "grad_norm": before, "clipped_norm": after,
                     "error": None}

        fig = _figure(7.4, 3.6, left=0.1, right=0.98, bottom=0.14, top=0.84, wspace=0.35)
        _draw_gradient_flow(fig, norms, verdict, (before, after, max_norm))
        box.show(fig)

        lines = [
            f"W_h = {_fmt(scale)} × M (M: 고정된 무작위 가우스 행렬을 최대 특이값으로 나눈 것)",
            f"W_h의 최대 특이값 (largest singular value) = <b>{_fmt(scale)}</b>",
            f"W_h의 스펙트럼 반지름 (최대 |고윳값|) = {scale * rho_M:.3g}",
            f"처음 ‖dh‖ = {norms[0]:.3g}, {len(norms) - 1}단계 뒤 ‖dh‖ = {norms[-1]:.3g} (비율 {ratio:.3g})",
            f"판정: <b>{_verdict_text(verdict, ratio)}</b>",
        ]
        if clip:
            lines.append(f"클리핑: 매개변수 기울기 norm {before:.3g} → <b>{after:.3g}</b> "
                         f"(max_norm = {_fmt(max_norm)})")
        note = ("tanh가 없으면 매 단계 W_hᵀ만 곱해져서, 최대 특이값이 1보다 작으면 반드시 줄어듭니다. "
                "1보다 커도 폭발은 보장되지 않습니다 (장기적인 배율은 스펙트럼 반지름)."
                if not use_tanh else
                "tanh의 미분 (1 − h²)은 1 이하라서 매 단계 기울기를 더 줄입니다. "
                "W_h가 커도 h가 ±1 근처로 포화되면 (1 − h²) ≈ 0이 되어, 폭발 대신 소실이 일어나기 쉽습니다.")
        info.value = ("<p>" + "<br>".join(lines) + f"</p><p style='color:#555'>{note} "
                      "클리핑은 폭발한 기울기의 크기만 제한할 뿐, 소실은 막지 못합니다 (→ LSTM).</p>")

    return _assemble(controls, update, info=info,
                     title="기울기 소실과 폭발 (vanishing / exploding gradient) 탐색기")


# ---------------------------------------------------------- 2. sampling temperature
def _next_word_probs(model, ids, temperature, skip_ids):
    """Probabilities (V,) of the word after ``ids`` at ``temperature``, and at 1.0.

    ``temperature == 0`` gives all mass to the arg-max (greedy choice).
    """
    from ..functions import softmax

    model.reset_state()
    scores = np.array(model.predict(np.array([ids]))[0, -1], dtype=np.float64)
    model.reset_state()
    scores[list(skip_ids)] = -np.inf
    if temperature == 0:
        p = np.zeros_like(scores)
        p[np.argmax(scores)] = 1.0
    else:
        p = softmax(scores / temperature)
    return p, softmax(scores)


def _draw_next_word(fig, words, p, p1, temperature):
    """Bars of ``p`` (at ``temperature``) and marks of ``p1`` (at 1) for the top words.

    The y axis ends just above the tallest bar or mark (at most 1), so that the bars
    stay readable when a high temperature spreads the mass over the whole vocabulary.
    """
    ax = fig.subplots()
    x = np.arange(len(words))
    ax.bar(x, p, color="tab:blue", label=f"온도 {_fmt(temperature)}")
    ax.plot(x, p1, "_", color="k", ms=22, mew=2, label="온도 1 (모델의 원래 분포)")
    ax.set_xticks(x, words, rotation=40, ha="right", fontsize=9)
    top = float(max(np.max(p), np.max(p1)))
    # head room: bars and marks end below 70 % of the height, the legend sits above them
    ax.set_ylim(0, min(1.45, top / 0.7) if top > 0 else 1.0)
    ax.set_yticks([t for t in ax.get_yticks() if t <= 1.0 + 1e-9])
    ax.set_xlabel("다음 단어 (next word)")
    ax.set_ylabel("확률 (probability)")
    ax.set_title(f"프롬프트 다음 단어의 확률 — 상위 {len(words)}개", fontsize=10)
    ax.legend(fontsize=8, loc="upper right")
    _fit_left(fig, ax)


def temperature_explorer(model, word_to_id, id_to_word, prompt: str = "you", length: int = 30,
                         skip_words=("<unk>", "N"), seed: int = 0):
    """Week 19: text generation with a sampling temperature (book 2, 7.1).

    Args:
        model: a language model with ``generate(start_ids, length, temperature=...,
            skip_ids=..., rng=...)``, ``reset_state()`` and ``predict(xs (1, T)) ->
            scores (1, T, V)`` (e.g. ``course_lib.models.Rnnlm``).
        word_to_id: dict word -> id; id_to_word: dict (or list) id -> word.
        prompt: the starting words, space-separated; all must be in ``word_to_id``.
        length: number of words to generate after the prompt (1..1000).
        skip_words: words never generated (those not in the vocabulary are ignored).
        seed: first sampling seed.

    Controls: ``'temperature'`` (FloatSlider 0..2, 0 = greedy arg-max), ``'prompt'``
    (Text), ``'seed'`` (IntSlider 0..999), ``'resample'`` (Button "다시 샘플링":
    the next seed).
    State: ``text`` (prompt + generated words, space-separated), ``words`` (list),
    ``probs`` (top-10 list of ``(word, p)`` of the word after the prompt at this
    temperature), ``temperature``, ``seed``, ``error`` (a message or None).
    """
    _require(model, ("generate", "predict", "reset_state"), "model")
    _check_vocabulary(word_to_id, id_to_word, "load_ptb")
    if isinstance(length, bool) or not isinstance(length, (int, np.integer)) or not 1 <= length <= 1000:
        raise ValueError(f"length must be an integer from 1 to 1000, got {length!r}.")
    if isinstance(skip_words, str):
        raise ValueError("skip_words must be a list of words, e.g. ('<unk>', 'N'), not one string.")
    skip_ids = sorted({word_to_id[s] for s in skip_words if s in word_to_id})

    def parse(text):
        """Prompt words -> ids, or a Korean message."""
        words = text.split()
        if not words:
            return None, "시작 단어(prompt)를 하나 이상 입력하세요. 단어는 띄어쓰기로 구분합니다."
        words = [w if w in word_to_id or w.lower() not in word_to_id else w.lower() for w in words]
        unknown = [w for w in words if w not in word_to_id]
        if unknown:
            return None, (f"어휘(vocabulary)에 없는 단어입니다: {', '.join(map(repr, unknown))}. "
                          "어휘에 있는 단어로 바꿔 주세요 (PTB는 소문자, 숫자는 N).")
        return [word_to_id[w] for w in words], None

    _, problem = parse(prompt)
    if problem:
        raise ValueError(f"prompt {prompt!r}: {problem}")
    w = _ipywidgets()
    controls = {
        "temperature": w.FloatSlider(value=1.0, min=0.0, max=2.0, step=0.1, readout_format=".1f",
                                     description="온도 (temperature)", style=_slider_style(), layout=_layout()),
        "prompt": _text(prompt, "시작 단어 (prompt)"),
        "seed": w.IntSlider(value=int(seed) % 1000, min=0, max=999, description="시드 (seed)",
                            style=_slider_style(), layout=_layout("330px")),
        "resample": w.Button(description="다시 샘플링", icon="refresh"),
    }
    info = w.HTML(layout=_layout("420px"))

    def update(box):
        temperature = float(controls["temperature"].value)
        ids, problem = parse(controls["prompt"].value)
        if problem:
            _fail(box, problem, text=None, words=None, probs=None, temperature=temperature, seed=None)
            return
        seed_now = int(controls["seed"].value)
        p, p1 = _next_word_probs(model, ids, temperature, skip_ids)
        top = np.argsort(-p1, kind="stable")[: min(10, len(p1) - len(skip_ids))]
        probs = [(id_to_word[int(i)], float(p[i])) for i in top]
        out = model.generate(ids, length, temperature=temperature, skip_ids=skip_ids,
                             rng=np.random.default_rng(seed_now))
        words = [id_to_word[int(i)] for i in out]
        box.state = {"text": " ".join(words), "words": words, "probs": probs,
                     "temperature": temperature, "seed": seed_now, "error": None}

        fig = _figure(5.4, 3.4, left=0.13, right=0.97, bottom=0.27, top=0.9)
        _draw_next_word(fig, [wd for wd, _ in probs], [q for _, q in probs], p1[top], temperature)
        box.show(fig)

        shown = [f"<b>{html.escape(wd)}</b>" for wd in words[: len(ids)]]
        shown += ["<br>" if wd == "<eos>" else html.escape(wd) for wd in words[len(ids):]]
        mode = ("결정적 선택 (argmax): 시드와 관계없이 항상 같은 문장" if temperature == 0 else
                f"확률적 선택 (sampling), 시드 {seed_now}: "
                + ("1보다 작아 분포가 뾰족해짐 (안전한 선택)" if temperature < 1 else
                   "모델의 분포 그대로" if temperature == 1 else "1보다 커서 분포가 평평해짐 (다양한 선택)"))
        info.value = ("<p style='color:#555'>온도 0 = 결정적 (argmax) · 1 = 모델의 분포 · 2 = 평평한 분포<br>"
                      f"지금 온도 {_fmt(temperature)}: {mode}</p>"
                      f"<p style='line-height:1.5'>{' '.join(shown)}</p>")

    def resample(_button):
        controls["seed"].value = (controls["seed"].value + 1) % 1000

    box = _assemble(controls, update, info=info, title="문장 생성과 온도 (sampling temperature)",
                    skip=("resample",), rows=[["temperature"], ["prompt"], ["seed", "resample"]])
    controls["resample"].on_click(resample)
    return box


# ------------------------------------------------------ 3. seq2seq on the addition data
_QUESTION = re.compile(r"^(\d{1,3})\+(\d{1,3})$")


def _check_vocab(vocab, chars: str, what: str) -> None:
    if not hasattr(vocab, "char_to_id") or not callable(getattr(vocab, "decode", None)):
        raise ValueError(f"vocab must be a course_lib.datasets.Vocab (from load_sequence('{what}')).")
    missing = [c for c in chars if c not in vocab.char_to_id]
    if missing:
        raise ValueError(f"vocab lacks the character(s) {''.join(missing)!r}; "
                         f"pass the vocabulary of {what} (load_sequence('{what}')[2]).")


def _draw_histories(fig, histories, names):
    from matplotlib.ticker import MaxNLocator

    ax = fig.subplots()
    longest = 1
    for name in names:
        acc = np.asarray(histories[name], dtype=float)
        ax.plot(np.arange(1, len(acc) + 1), acc, "o-", ms=3, label=name)
        longest = max(longest, len(acc))
    if names:
        ax.legend(fontsize=8, loc="best")
    else:
        ax.text(0.5, 0.5, "표시할 곡선이 없습니다.\n체크박스를 켜 주세요.", ha="center", va="center",
                transform=ax.transAxes)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))  # epochs are whole numbers
    ax.set_xlim(0.5, longest + 0.5)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("에폭 (epoch)")
    ax.set_ylabel("정확도 (accuracy)")
    ax.set_title("시험 데이터 정답률 (test accuracy)", fontsize=10)


def seq2seq_explorer(models, histories, vocab, start_id=None, reversed_input=None,
                     question_len: int = 7, answer_len: int = 4):
    """Week 19: compare seq2seq variants on the addition data (book 2, 7.3-7.4).

    Args:
        models: dict name -> trained model with ``generate(xs (N, question_len) int,
            start_id, answer_len) -> ids (N, answer_len)`` (e.g. ``Seq2seq``).
        histories: dict name -> list of test accuracy (0..1) per epoch.
        vocab: the ``Vocab`` of ``addition.txt`` (``load_sequence('addition.txt')[2]``).
        start_id: id of the start symbol; default ``vocab.char_to_id['_']``.
        reversed_input: dict name -> bool, True for models trained on reversed
            questions (``x[:, ::-1]``); missing names read the question as written.
        question_len: padded question length (7 in addition.txt).
        answer_len: characters generated after the start symbol (4 = the answer
            part of addition.txt, whose target rows are ``'_'`` + 4 characters).

    Controls: ``'question'`` (Text such as ``57+5``) and one Checkbox
    ``'show:<name>'`` per history (show/hide its curve and, when it names a model,
    that model's row of the answer table).
    State: ``question``, ``expected`` (the true sum as text), ``answers`` (name ->
    answer string, spaces stripped), ``correct`` (name -> bool), ``inputs`` (name ->
    the question as that model reads it, padded) — these three for the models in the
    table (``listed``: every model whose checkbox is on or that has none) —,
    ``shown`` (curve names), ``listed``, ``error`` (message or None).
    """
    if not isinstance(models, Mapping) or not models:
        raise ValueError("models must be a non-empty dict name -> seq2seq model.")
    for name, model in models.items():
        _require(model, ("generate",), f"models[{name!r}]")
    if not isinstance(histories, Mapping):
        raise ValueError("histories must be a dict name -> list of test accuracy per epoch.")
    for name, acc in histories.items():
        if np.ndim(acc) != 1 or not np.all(np.isfinite(np.asarray(acc, dtype=float))):
            raise ValueError(f"histories[{name!r}] must be a list of accuracies (numbers) per epoch.")
    reversed_input = dict(reversed_input or {})
    extra = set(reversed_input) - set(models)
    if extra:
        raise ValueError(f"reversed_input names {sorted(extra)} are not in models {sorted(models)}.")
    _check_vocab(vocab, "0123456789+ _", "addition.txt")
    start_id = vocab.char_to_id["_"] if start_id is None else int(start_id)
    if question_len < 3 or answer_len < 1:
        raise ValueError(f"need question_len >= 3 and answer_len >= 1, got {question_len}, {answer_len}.")

    w = _ipywidgets()
    controls = {"question": _text("57+5", "문제 (question)")}
    for name in histories:
        controls[f"show:{name}"] = w.Checkbox(value=True, description=str(name), indent=False,
                                              layout=w.Layout(width="auto", margin="0 12px 0 0"))
    info = w.HTML(layout=_layout("470px"))

    def parse(text):
        q = "".join(text.split())
        m = _QUESTION.match(q)
        if not m:
            return None, None, (f"{text!r}는 덧셈 문제가 아닙니다. 숫자 + 숫자 꼴로, 각 수는 3자리 이하로 "
                                "입력하세요 (예: 57+5).")
        if len(q) > question_len:
            return None, None, f"문제가 {question_len}자보다 깁니다: {q!r}."
        return q, str(int(m.group(1)) + int(m.group(2))), None

    def update(box):
        shown = [n for n in histories if controls[f"show:{n}"].value]
        listed = [n for n in models if n in shown or n not in histories]
        fig = _figure(4.8, 3.3, left=0.14, right=0.97, bottom=0.15, top=0.9)
        _draw_histories(fig, histories, shown)
        q, expected, problem = parse(controls["question"].value)
        if problem:
            box.state = {"question": None, "expected": None, "answers": {}, "correct": {}, "inputs": {},
                         "shown": shown, "listed": listed, "error": problem}
            box.info.value = _message(problem)
            box.show(fig)
            return
        padded = q.ljust(question_len)
        answers, correct, inputs = {}, {}, {}
        for name in listed:
            model = models[name]
            seen = padded[::-1] if reversed_input.get(name, False) else padded
            ids = np.asarray(model.generate(vocab.encode(seen)[None, :], start_id, answer_len))
            if ids.shape != (1, answer_len):
                raise ValueError(f"models[{name!r}].generate returned shape {ids.shape}; "
                                 f"expected (1, {answer_len}).")
            inputs[name], answers[name] = seen, vocab.decode(ids[0]).strip()
            correct[name] = answers[name] == expected
        box.state = {"question": q, "expected": expected, "answers": answers, "correct": correct,
                     "inputs": inputs, "shown": shown, "listed": listed, "error": None}
        box.show(fig)
        head = (f"<p>{html.escape(q)} = <b>{expected}</b> (입력은 {question_len}자로 공백(␣) 채움, "
                "반전 모델은 거꾸로 읽음)</p>")
        if not listed:
            info.value = head + "<p>체크박스를 켜면 그 모델의 답이 여기에 나옵니다.</p>"
            return
        rows = [(name, "".join(_visible(inputs[name])), answers[name] or "(빈 답)",
                 "정답 ✓" if correct[name] else "오답 ✗") for name in listed]
        info.value = head + _table(["변형 (variant)", "모델 입력", "답 (answer)", "채점"], rows,
                                   [_GOOD if correct[n] else _BAD for n in listed])

    checkboxes = [k for k in controls if k != "question"]
    return _assemble(controls, update, info=info, title="seq2seq 덧셈: 변형 비교 (reverse, peeky)",
                     rows=[["question"]] + ([checkboxes] if checkboxes else []))


# ------------------------------------------------------------ 4. attention heatmap
_DATE_EXAMPLES = ("september 27, 1994", "JUN 17, 2013", "2/10/93", "Tuesday, September 25, 1984",
                  "27 Sep 1994", "10/31/2008")
_DATE_PATTERNS = ("%B %d, %Y", "%b %d, %Y", "%A, %B %d, %Y", "%a, %b %d, %Y", "%m/%d/%y", "%m/%d/%Y",
                  "%d %B %Y", "%d %b %Y")


def _true_date(text: str) -> datetime.date | None:
    """The date ``text`` names when it is one of date.txt's 14 surface forms, else None."""
    from ..datasets.sequence import DATE_FORMATS, format_date

    for pattern in _DATE_PATTERNS:
        try:
            day = datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        if any(format_date(day, form) == text for form in range(len(DATE_FORMATS))):
            return day
    return None


def _merge_padding(weights, length: int) -> np.ndarray:
    """Columns of the ``length`` typed characters, then one column with the padding's
    total weight (as week 20's ``show_attention`` draws it): (A, T) -> (A, length + 1)."""
    weights = np.asarray(weights, dtype=np.float64)
    return np.concatenate([weights[:, :length], weights[:, length:].sum(axis=1, keepdims=True)], axis=1)


def _draw_attention(fig, shown, question, answer):
    """``shown``: (len(answer), len(question) + 1) from :func:`_merge_padding`."""
    ax = fig.subplots()
    # the colours of week 20's own heatmaps (white 0, black 1), so the prose reads for both
    im = ax.imshow(shown, cmap="Greys", aspect="auto", vmin=0.0, vmax=1.0, interpolation="nearest")
    ax.set_xticks(np.arange(len(question) + 1), _visible(question) + ["\n(패딩)"], fontsize=9)
    ax.set_yticks(np.arange(len(answer)), _visible(answer), fontsize=9)
    ax.grid(False)
    ax.set_xlabel("입력 문자 (input)")
    ax.set_ylabel("출력 문자 (output)")
    ax.set_title(f"어텐션 가중치 (attention weights) — 입력 '{question}', 출력 '{answer}'", fontsize=10)
    fig.colorbar(im, ax=ax, fraction=0.04, pad=0.015).set_label("가중치 (weight, 0–1)")


_TYPED = "(typed)"  # the example menu's entry for a typed date; "(" is not in date.txt


def attention_heatmap(model, vocab, examples=None, question_len: int = 29, answer_len: int = 10,
                      start_id=None, reversed_input: bool = False):
    """Week 20: translate a date and show where the decoder looks (book 2, 8.3.3).

    Args:
        model: an ``AttentionSeq2seq`` (anything with ``generate(xs (1, question_len),
            start_id, answer_len) -> (1, answer_len)`` and, after it,
            ``attention_weights`` (1, answer_len, question_len)).
        vocab: the ``Vocab`` of ``date.txt`` (``load_sequence('date.txt')[2]``).
        examples: dates for the Dropdown (default: a few of the 14 surface forms);
            each must fit ``question_len`` and use only vocabulary characters.
        question_len: padded input length (29 in date.txt).
        answer_len: characters generated after the start symbol (10 = ``YYYY-MM-DD``;
            the target rows of date.txt are ``'_'`` + 10 characters).
        start_id: default ``vocab.char_to_id['_']``.
        reversed_input: True if the model was trained on reversed questions
            (``x[:, ::-1]``, as the book does in 8.3); the heatmap is flipped back so
            its columns follow the date as typed.

    Controls: ``'example'`` (Dropdown: choosing one copies it into the Text; it shows
    "직접 입력" while the Text holds a date that is not an example) and ``'date'``
    (Text; case is kept as typed).
    State: ``question`` (stripped text), ``answer`` (generated string), ``weights``
    (answer_len, question_len) float64, each row summing to 1, columns in typed
    order; ``shown`` (answer_len, len(question) + 1): the heatmap, the typed
    characters' columns and one column with the padding's total; ``expected`` (ISO date when the text is one of date.txt's forms, else
    None), ``correct`` (bool or None), ``error`` (message or None).
    """
    _require(model, ("generate",), "model")
    _check_vocab(vocab, " _", "date.txt")
    if question_len < 1 or answer_len < 1:
        raise ValueError(f"need question_len >= 1 and answer_len >= 1, got {question_len}, {answer_len}.")
    start_id = vocab.char_to_id["_"] if start_id is None else int(start_id)

    def problem_with(text):
        if not text:
            return "날짜를 입력하세요 (예: september 27, 1994)."
        if len(text) > question_len:
            return f"입력이 너무 깁니다: {len(text)}자 (최대 {question_len}자)."
        bad = _unknown_chars(text, vocab)
        if bad:
            return (f"어휘(vocabulary)에 없는 문자입니다: {' '.join(map(repr, bad))}. "
                    "date.txt에 나오는 영문자·숫자·공백·쉼표·슬래시만 쓸 수 있습니다.")
        return None

    if examples is None:
        examples = [e for e in _DATE_EXAMPLES if problem_with(e) is None]
    examples = [str(e) for e in examples]
    bad = [(e, problem_with(e)) for e in examples if problem_with(e)]
    if not examples or bad:
        raise ValueError("examples must be non-empty dates that fit question_len and the vocabulary"
                         + (f"; {bad[0][0]!r}: {bad[0][1]}" if bad else "."))
    w = _ipywidgets()
    controls = {
        "example": w.Dropdown(options=[(e, e) for e in examples] + [("(직접 입력한 날짜)", _TYPED)],
                              value=examples[0], description="예시 (example)",
                              style=_slider_style(), layout=_layout()),
        "date": _text(examples[0], "날짜 입력 (date)"),
    }
    info = w.HTML()

    def update(box):
        text = controls["date"].value.strip()
        problem = problem_with(text)
        if problem:
            _fail(box, problem, question=text, answer=None, weights=None, shown=None, expected=None,
                  correct=None)
            return
        xs = vocab.encode(text.ljust(question_len))
        if reversed_input:
            xs = xs[::-1]
        ids = np.asarray(model.generate(xs[None, :], start_id, answer_len))
        weights = np.asarray(getattr(model, "attention_weights", None), dtype=np.float64)
        if ids.shape != (1, answer_len) or weights.shape != (1, answer_len, question_len):
            raise ValueError(f"model.generate gave ids {ids.shape} and attention_weights {weights.shape}; "
                             f"expected (1, {answer_len}) and (1, {answer_len}, {question_len}).")
        weights = weights[0, :, ::-1] if reversed_input else weights[0]
        answer = vocab.decode(ids[0])
        day = _true_date(text)
        expected = day.isoformat() if day else None
        correct = None if day is None else answer == expected
        shown = _merge_padding(weights, len(text))
        box.state = {"question": text, "answer": answer, "weights": weights, "shown": shown,
                     "expected": expected, "correct": correct, "error": None}

        fig = _figure(max(6.0, 0.26 * (question_len + 1) + 1.6), 0.28 * answer_len + 2.1,
                      left=0.07, right=0.94, bottom=0.2, top=0.9)
        _draw_attention(fig, shown, text, answer)
        box.show(fig)
        verdict = ("(책의 14가지 날짜 형식이 아니어서 정답을 확인할 수 없음)" if day is None else
                   f"정답 {expected} — " + ("<b style='color:#080'>맞음 ✓</b>" if correct else
                                           "<b style='color:#c00'>틀림 ✗</b>"))
        info.value = (f"<p>입력: <code>{html.escape(text)}</code> → 번역 (translation): "
                      f"<b><code>{html.escape(answer)}</code></b> {verdict}</p>")

    def on_example(change):
        if change["new"] != _TYPED:
            controls["date"].value = change["new"]

    def on_date(change):
        """Keep the menu honest: the typed date's example, or "직접 입력"."""
        text = change["new"].strip()
        controls["example"].value = text if text in examples else _TYPED

    box = _assemble(controls, update, info=info, title="어텐션 (attention) 시각화: 날짜 형식 변환",
                    skip=("example",), info_below=True)
    controls["example"].observe(on_example, names="value")
    controls["date"].observe(on_date, names="value")
    return box
