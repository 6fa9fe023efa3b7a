"""Widgets of week 18: sentiment of a typed sentence, word by word.

:func:`sentiment_explorer` reads an English sentence with a trained many-to-one
sentiment model (``course_lib.models.SentimentLSTM``) and shows the probability of
"positive" after each prefix of the sentence: how the prediction moves as the LSTM
reads one more word. The computation is the model's ``prefix_proba``; this module
only tokenizes, encodes and draws.
"""
from __future__ import annotations

import html

import numpy as np

from ._base import _assemble, _figure, _fit_left, _ipywidgets, _layout, _slider_style, _table
from .sequence import _fail, _require, _text

__all__ = ["sentiment_explorer"]

# example sentences (MR style: lower case, punctuation split off); chosen to show a
# turn in the middle, a negation, and words the vocabulary lacks
SENTIMENT_PRESETS = (
    "the cast is great , but the script is a mess .",
    "the plot is predictable , yet the performances make it worth watching .",
    "i expected to hate it , but it is actually charming and funny .",
    "not bad at all .",
    "an ambitious film that never quite works .",
    "the cinematografy was splendiferous .",
)
_TYPED = "(typed)"          # the preset menu's entry for a typed sentence
MAX_TOKENS = 60             # MR's longest sentence has 59 tokens
_POS, _NEG = "#2b8a3e", "#c92a2a"   # bar colours: above / below 0.5


def _check_vocab(vocab) -> None:
    for attr in ("id_to_word", "word_to_id", "unk_id", "encode"):
        if not hasattr(vocab, attr):
            raise ValueError("vocab must be a course_lib.datasets.WordVocab (e.g. the third value of "
                             f"cl.recipes.load_sentiment()); it has no {attr!r}.")


def _draw_prefixes(fig, shown, unknown, p_pos):
    """Bars of P(positive) after each prefix, the words (``<unk>`` for unknown) on x."""
    ax = fig.subplots()
    L = len(shown)
    x = np.arange(L)
    colors = [_POS if p >= 0.5 else _NEG for p in p_pos]
    ax.bar(x, p_pos - 0.5, bottom=0.5, color=colors, alpha=0.35, width=0.7)
    ax.plot(x, p_pos, "o-", color="#333333", ms=4, lw=1.2)
    ax.axhline(0.5, color="#888888", ls="--", lw=0.8)
    ax.set_xticks(x)
    ax.set_xticklabels(shown, rotation=55 if L > 8 else 30, ha="right", fontsize=9 if L <= 25 else 7)
    for label, unk in zip(ax.get_xticklabels(), unknown):
        if unk:
            label.set_color("#888888")
            label.set_fontstyle("italic")
    ax.set_xlim(-0.6, L - 0.4)
    ax.set_ylim(0, 1)
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0], ["0 부정", "0.25", "0.5", "0.75", "1 긍정"])
    ax.set_ylabel("P(긍정) (positive)")
    ax.set_xlabel("여기까지 읽은 단어 (prefix의 마지막 단어)")
    ax.set_title("한 단어씩 읽을 때마다의 긍정 확률", fontsize=10)
    _fit_left(fig, ax)


def sentiment_explorer(model, vocab, presets=None, sentence: str | None = None, positive: int = 1):
    """Week 18: the predicted sentiment of a typed English sentence, word by word.

    Args:
        model: a trained many-to-one classifier with ``prefix_proba(ids (L,)) -> (L, C)``,
            the class probabilities after each prefix ``ids[:k + 1]`` (e.g.
            ``course_lib.models.SentimentLSTM``).
        vocab: its ``course_lib.datasets.WordVocab`` (words the vocabulary lacks are
            read as ``<unk>``; the sentence is split by ``course_lib.datasets.mr.tokenize``:
            lower case, punctuation as separate tokens).
        presets: example sentences for the Dropdown (default :data:`SENTIMENT_PRESETS`).
        sentence: the first sentence shown (default: the first preset).
        positive: the column of "positive" in the model's output (1 in MR's labels).

    Controls: ``'preset'`` (Dropdown: choosing one copies it into the Text; it shows
    "직접 입력한 문장" while the Text holds another sentence) and ``'sentence'`` (Text,
    read on Enter).
    State: ``sentence`` (the text), ``tokens`` (the words read, after tokenizing),
    ``shown`` (the same with ``<unk>`` for the words the vocabulary lacks), ``ids``
    (L,) int, ``unknown`` (list of the unknown words), ``probs`` (L,) float64: P(positive)
    after each prefix (``probs[-1]`` is the prediction for the whole sentence),
    ``final``, ``label`` ('긍정 (positive)' or '부정 (negative)'), ``error`` (a message or None).
    """
    from ..datasets.mr import tokenize

    _require(model, ("prefix_proba",), "model")
    _check_vocab(vocab)
    presets = [str(p) for p in (SENTIMENT_PRESETS if presets is None else presets)]
    if not presets or any(not tokenize(p) or len(tokenize(p)) > MAX_TOKENS for p in presets):
        raise ValueError(f"presets must be non-empty sentences of at most {MAX_TOKENS} tokens.")
    sentence = presets[0] if sentence is None else str(sentence)
    probe = np.asarray(model.prefix_proba(vocab.encode(["<unk>"])))
    if probe.ndim != 2 or probe.shape[0] != 1 or not 0 <= positive < probe.shape[1]:
        raise ValueError(f"model.prefix_proba must return (L, C) probabilities with column {positive} "
                         f"= positive; got shape {probe.shape}.")

    w = _ipywidgets()
    start = sentence if sentence in presets else _TYPED
    controls = {
        "preset": w.Dropdown(options=[(p, p) for p in presets] + [("(직접 입력한 문장)", _TYPED)],
                             value=start, description="예문 (preset)", style=_slider_style(),
                             layout=_layout("620px")),
        "sentence": _text(sentence, "문장 입력 (sentence)"),
    }
    controls["sentence"].layout = _layout("620px")
    info = w.HTML()

    def update(box):
        text = controls["sentence"].value
        tokens = tokenize(text)
        if not tokens:
            _fail(box, "영어 문장을 입력하세요 (예: a moving , beautifully acted film .).", sentence=text,
                  tokens=[], shown=[], ids=None, unknown=[], probs=None, final=None, label=None)
            return
        if len(tokens) > MAX_TOKENS:
            _fail(box, f"문장이 너무 깁니다: {len(tokens)}개 토큰 (최대 {MAX_TOKENS}개, MR의 가장 긴 문장은 59개).",
                  sentence=text, tokens=tokens, shown=[], ids=None, unknown=[], probs=None, final=None,
                  label=None)
            return
        ids = vocab.encode(tokens)
        is_unk = [i == vocab.unk_id for i in ids]
        shown = [vocab.id_to_word[i] for i in ids]
        probs = np.asarray(model.prefix_proba(ids), dtype=np.float64)[:, positive]
        final = float(probs[-1])
        label = "긍정 (positive)" if final >= 0.5 else "부정 (negative)"
        unknown = [t for t, u in zip(tokens, is_unk) if u]
        box.state = {"sentence": text, "tokens": tokens, "shown": shown, "ids": ids, "unknown": unknown,
                     "probs": probs, "final": final, "label": label, "error": None}

        fig = _figure(min(11.0, max(6.0, 0.42 * len(tokens) + 2.0)), 3.6, left=0.09, right=0.98,
                      bottom=0.33, top=0.9)
        _draw_prefixes(fig, shown, is_unk, probs)
        box.show(fig)
        steps = np.diff(probs, prepend=probs[0])          # change made by each word (the first: 0)
        top = np.argsort(-np.abs(steps), kind="stable")[:3]
        rows = [(k + 1, shown[k], f"{probs[k - 1]:.2f} → {probs[k]:.2f}", f"{steps[k]:+.2f}")
                for k in sorted(top) if k > 0 and abs(steps[k]) > 0]
        colour = _POS if final >= 0.5 else _NEG
        unk_note = (f"<br>어휘에 없어 &lt;unk&gt;로 읽은 단어: {html.escape(', '.join(unknown))}"
                    if unknown else "")
        info.value = (f"<p>읽은 토큰 {len(tokens)}개 → 문장 전체의 예측: <b style='color:{colour}'>{label}</b>, "
                      f"P(긍정) = <b>{final:.3f}</b>{unk_note}</p>"
                      + (("<p>확률이 가장 크게 움직인 단어 (word that moved it most):</p>"
                          + _table(["위치", "단어", "P(긍정)", "변화"], rows)) if rows else ""))

    def on_preset(change):
        if change["new"] != _TYPED:
            controls["sentence"].value = change["new"]

    def on_sentence(change):
        controls["preset"].value = change["new"] if change["new"] in presets else _TYPED

    box = _assemble(controls, update, info=info, title="감정 분류 (sentiment): 단어마다 바뀌는 예측",
                    skip=("preset",), info_below=True)
    controls["preset"].observe(on_preset, names="value")
    controls["sentence"].observe(on_sentence, names="value")
    return box
