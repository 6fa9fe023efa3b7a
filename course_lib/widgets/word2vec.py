"""Widgets of weeks 15-16 (book 2 ch. 3-4): word analogies and a word's neighbourhood map.

Both take trained word vectors (e.g. ``course_lib.recipes.load_word_vectors('cbow_ptb')``)
and their vocabulary. Words a student types are checked: a word outside the
vocabulary shows a Korean message in ``.info`` and ``.state['error']`` instead of
raising. The arithmetic comes from :mod:`course_lib.text` (``analogy``,
``normalize``, ``svd``); the widgets only draw.
"""
from __future__ import annotations

import html
from collections.abc import Mapping

import numpy as np

from .. import text
from ._base import _assemble, _check_vocabulary, _figure, _fit_left, _ipywidgets, _layout, _slider_style, _table
from .sequence import _fail, _text

__all__ = ["analogy_explorer", "word_neighbourhood"]

# the book's analogies (book 2, 4.4.2): (a, b, c, expected d) for "a : b = c : d"
BOOK_ANALOGIES = (("king", "man", "queen", "woman"), ("take", "took", "go", "went"),
                  ("car", "cars", "child", "children"), ("good", "better", "bad", "worse"))
_TYPED = "(typed)"        # the menus' entry for typed words; never a word of PTB
_EXPECTED, _OTHER = "#d62728", "#1f77b4"


# --------------------------------------------------------------------------- helpers
def _check_vectors(word_vecs, word_to_id, id_to_word) -> np.ndarray:
    """The vectors as a (V, D) array after checking the vocabulary matches them."""
    W = np.asarray(word_vecs)
    if W.ndim != 2 or W.shape[0] < 2:
        raise ValueError(f"word_vecs must be a (V, D) matrix with V >= 2, got shape {W.shape}.")
    if not isinstance(word_to_id, Mapping) or len(word_to_id) != W.shape[0]:
        raise ValueError(f"word_to_id must be a dict of the V = {W.shape[0]} words, got "
                         f"{len(word_to_id) if isinstance(word_to_id, Mapping) else type(word_to_id).__name__}.")
    _check_vocabulary(word_to_id, id_to_word, "load_word_vectors")
    return W


def _lookup(word: str, word_to_id) -> str | None:
    """``word`` as the vocabulary spells it (as typed, else lower-cased), or None."""
    word = word.strip()
    if word in word_to_id:
        return word
    return word.lower() if word.lower() in word_to_id else None


def _unknown_message(words) -> str:
    listed = ", ".join(repr(w) if w else "(빈 칸)" for w in words)
    return (f"어휘(vocabulary)에 없는 단어입니다: {listed}. PTB의 어휘는 소문자 10,000개이고, 드문 단어는 "
            "<unk>, 숫자는 N으로 바뀌어 있습니다. 다른 단어를 입력해 보세요.")


# ---------------------------------------------------------------------- 1. analogies
def _draw_analogy(fig, question, answers, expected):
    ax = fig.subplots()
    words = [w for w, _ in answers][::-1]          # best on top
    scores = np.array([s for _, s in answers][::-1])
    colours = [_EXPECTED if w == expected else _OTHER for w in words]
    y = np.arange(len(words))
    ax.barh(y, scores, color=colours)
    ax.set_yticks(y, words, fontsize=10)
    lo = min(0.0, float(scores.min()))
    hi = float(scores.max())
    ax.set_xlim(lo, hi * 1.18 if hi > 0 else 1.0)
    for yi, s in zip(y, scores):
        ax.text(s, yi, f" {s:.3f}", va="center", fontsize=9)
    ax.set_xlabel("점수 (score)")
    ax.set_ylabel("답 후보 (상위 5개)")
    ax.set_title(question, fontsize=10)
    _fit_left(fig, ax)


def analogy_explorer(word_vecs, word_to_id, id_to_word, presets=BOOK_ANALOGIES, top: int = 5):
    """Week 16: solve ``a : b = c : ?`` with word vectors (book 2, 4.4.2).

    Args:
        word_vecs: (V, D) word vectors, one row per id.
        word_to_id: dict word -> id; id_to_word: dict (or list) id -> word.
        presets: ``(a, b, c, expected)`` tuples for the menu (default: the book's
            four: king : man = queen : woman, take : took = go : went,
            car : cars = child : children, good : better = bad : worse); ``expected``
            may be None.
        top: number of answers shown (1..20).

    The answer is :func:`course_lib.text.analogy`: the words closest (dot product
    with the normalised ``b - a + c``, as the book scores) to ``b - a + c``, leaving
    out ``a``, ``b``, ``c``.

    Controls: ``'preset'`` (Dropdown; choosing one fills the three boxes; it shows
    "직접 입력" while the boxes hold another question), ``'a'``, ``'b'``, ``'c'`` (Text).
    State: ``a``, ``b``, ``c`` (as in the vocabulary), ``answers`` (list of ``(word,
    score)``, best first), ``expected`` (the preset's answer or None), ``rank``
    (1-based rank of ``expected`` among all words but a, b, c, or None), ``error``
    (message or None).
    """
    W = _check_vectors(word_vecs, word_to_id, id_to_word)
    if isinstance(top, bool) or not isinstance(top, (int, np.integer)) or not 1 <= top <= 20:
        raise ValueError(f"top must be an integer from 1 to 20, got {top!r}.")
    presets = [tuple(p) for p in presets]
    if not presets or any(len(p) != 4 for p in presets):
        raise ValueError("presets must be a non-empty list of (a, b, c, expected) tuples.")
    missing = [w for p in presets for w in p[:3] if _lookup(w, word_to_id) is None]
    if missing:
        raise ValueError(f"preset words missing from the vocabulary: {missing}")

    w = _ipywidgets()
    labels = [(f"{a} : {b} = {c} : ?", i) for i, (a, b, c, _) in enumerate(presets)]
    a0, b0, c0, _ = presets[0]
    controls = {
        "preset": w.Dropdown(options=labels + [("(직접 입력)", _TYPED)], value=0,
                             description="예시 (preset)", style=_slider_style(), layout=_layout()),
        "a": _text(a0, "a"),
        "b": _text(b0, "b"),
        "c": _text(c0, "c"),
    }
    for name in "abc":
        controls[name].layout = _layout("200px")
        controls[name].style = {"description_width": "20px"}
    info = w.HTML(layout=_layout("360px"))

    def preset_index(a, b, c):
        return next((i for i, p in enumerate(presets) if p[:3] == (a, b, c)), None)

    def update(box):
        typed = [controls[n].value.strip() for n in "abc"]
        found = [_lookup(t, word_to_id) for t in typed]
        if any(f is None for f in found):
            _fail(box, _unknown_message([t for t, f in zip(typed, found) if f is None]),
                  a=None, b=None, c=None, answers=None, expected=None, rank=None)
            return
        a, b, c = found
        if len({a, b, c}) < 3:
            _fail(box, "a, b, c에 서로 다른 세 단어를 입력하세요.", a=a, b=b, c=c, answers=None,
                  expected=None, rank=None)
            return
        i = preset_index(a, b, c)
        expected = presets[i][3] if i is not None else None
        ranked = text.analogy(a, b, c, word_to_id, id_to_word, W, top=W.shape[0], verbose=False)
        answers = ranked[:top]
        rank = next((r + 1 for r, (word, _) in enumerate(ranked) if word == expected), None)
        box.state = {"a": a, "b": b, "c": c, "answers": answers, "expected": expected, "rank": rank,
                     "error": None}

        question = f"{a} : {b} = {c} : ?"
        fig = _figure(4.6, 0.42 * len(answers) + 1.3, left=0.25, right=0.97, bottom=0.22, top=0.86)
        _draw_analogy(fig, question, answers, expected)
        box.show(fig)
        rows = [(k + 1, word, f"{score:.3f}") for k, (word, score) in enumerate(answers)]
        colours = ["#fde0dd" if word == expected else None for word, _ in answers]
        if expected is None:
            verdict = "(직접 입력한 질문: 책이 정한 정답이 없습니다)"
        elif rank is None:
            verdict = f"정답 {html.escape(expected)}은(는) 어휘에 없습니다."
        else:
            mark = "상위 {top}개 안 ✓".format(top=top) if rank <= top else f"상위 {top}개 밖 ✗"
            verdict = f"책의 정답 <b>{html.escape(expected)}</b>: {rank}위 ({mark})"
        info.value = (f"<p><b>{html.escape(question)}</b><br>벡터 b − a + c와 가장 가까운 단어들"
                      " (a, b, c는 뺌)</p>" + _table(["순위", "단어", "점수"], rows, colours)
                      + f"<p>{verdict}</p>")

    def on_preset(change):
        if change["new"] == _TYPED:
            return
        a, b, c, _ = presets[change["new"]]
        with box.hold():
            controls["a"].value, controls["b"].value, controls["c"].value = a, b, c

    def on_text(_change):
        if box._busy:
            return
        found = tuple(_lookup(controls[n].value, word_to_id) for n in "abc")
        i = preset_index(*found)
        controls["preset"].value = _TYPED if i is None else i

    box = _assemble(controls, update, info=info, title="단어의 유추 (analogy): a : b = c : ?",
                    skip=("preset",), rows=[["preset"], ["a", "b", "c"]])
    controls["preset"].observe(on_preset, names="value")
    for name in "abc":
        controls[name].observe(on_text, names="value")
    return box


# ------------------------------------------------------------- 2. neighbourhood map
_SUGGESTIONS = ("you", "year", "car", "toyota", "king", "good", "monday", "stock")


def _label_offsets(px, labels, fontsize, taken=(), bounds=None):
    """Offsets (points) for text labels beside points at positions ``px`` (n, 2), in points.

    Chosen greedily: the first candidate place whose box stays inside ``bounds``
    (x0, y0, x1, y1) and overlaps no label placed before it or a box of ``taken``;
    else the first place inside ``bounds``; else the first place.
    """
    boxes = list(taken)
    height = 1.3 * fontsize
    offsets = []
    for (x, y), label in zip(px, labels):
        width = 0.62 * fontsize * len(label) + 2
        candidates = [(4, 3), (4, -height - 1), (-width - 4, 3), (-width - 4, -height - 1),
                      (4, height + 4), (4, -2 * height - 3), (-width - 4, height + 4), (-width - 4, -2 * height - 3),
                      (-width / 2, height + 5), (-width / 2, -2 * height - 5),
                      (4, 2 * height + 5), (4, -3 * height - 4), (-width - 4, 2 * height + 5),
                      (-width - 4, -3 * height - 4)]

        def box(dx, dy):
            return (x + dx, y + dy, x + dx + width, y + dy + height)

        def inside(b):
            return bounds is None or (b[0] >= bounds[0] and b[1] >= bounds[1] and b[2] <= bounds[2]
                                      and b[3] <= bounds[3])

        def free(b):
            return not any(b[0] < o[2] and o[0] < b[2] and b[1] < o[3] and o[1] < b[3] for o in boxes)

        choice = next((c for c in candidates if inside(box(*c)) and free(box(*c))),
                      next((c for c in candidates if inside(box(*c))), candidates[0]))
        boxes.append(box(*choice))
        offsets.append(choice)
    return offsets


def _draw_neighbourhood(fig, words, sims, xy, query):
    from matplotlib import colors

    ax = fig.add_axes((0.11, 0.12, 0.66, 0.8))
    cax = fig.add_axes((0.8, 0.12, 0.025, 0.8))
    lo, hi = float(np.min(sims)), float(np.max(sims))
    norm = colors.Normalize(vmin=lo, vmax=hi if hi > lo else lo + 1e-3)   # the neighbours' own range
    points = ax.scatter(xy[1:, 0], xy[1:, 1], c=sims, cmap="viridis_r", norm=norm, s=30, zorder=2)
    ax.scatter(xy[:1, 0], xy[:1, 1], color=_EXPECTED, marker="*", s=220, zorder=3)
    pad = max(float(np.ptp(xy[:, 0])), float(np.ptp(xy[:, 1])), 1e-9)
    ax.set_xlim(xy[:, 0].min() - 0.22 * pad, xy[:, 0].max() + 0.22 * pad)   # room for the labels
    ax.set_ylim(xy[:, 1].min() - 0.15 * pad, xy[:, 1].max() + 0.15 * pad)
    px = ax.transData.transform(xy) * 72.0 / fig.dpi          # points, like the label offsets
    size = 9 if len(words) <= 15 else 8                        # smaller labels for a crowded map
    frame = ax.get_position().bounds                           # (x0, y0, width, height) in figure units
    width_pt, height_pt = fig.get_size_inches() * 72.0
    bounds = (frame[0] * width_pt, frame[1] * height_pt, (frame[0] + frame[2]) * width_pt,
              (frame[1] + frame[3]) * height_pt)
    star = (px[0, 0] - 9, px[0, 1] - 9, px[0, 0] + 9, px[0, 1] + 9)
    offsets = _label_offsets(px, [query] + list(words), size, taken=[star], bounds=bounds)
    ax.annotate(query, xy[0], xytext=offsets[0], textcoords="offset points", fontsize=12,
                color=_EXPECTED, fontweight="bold")
    for word, (x, y), offset in zip(words, xy[1:], offsets[1:]):
        ax.annotate(word, (x, y), xytext=offset, textcoords="offset points", fontsize=size)
    fig.colorbar(points, cax=cax, label="코사인 유사도")
    ax.set_xlabel("주성분 1 (PCA)")
    ax.set_ylabel("주성분 2 (PCA)")
    ax.set_title(f"'{query}'와(과) 가장 가까운 단어 {len(words)}개의 지도", fontsize=10)


def word_neighbourhood(word_vecs, word_to_id, id_to_word, word: str = "you", k: int = 10,
                       suggestions=_SUGGESTIONS):
    """Week 16: a word's ``k`` nearest neighbours (cosine similarity) on a 2-D map.

    Args:
        word_vecs: (V, D) word vectors; word_to_id / id_to_word: the vocabulary.
        word: the first word shown (must be in the vocabulary).
        k: the first number of neighbours (slider 3..30).
        suggestions: words for the menu (those outside the vocabulary are dropped).

    The map places the word and its neighbours by the first two principal components
    of their ``k + 1`` vectors (:func:`course_lib.text.svd` of the centred vectors),
    so that distances on the map follow the vectors' largest differences among them.

    Controls: ``'preset'`` (Dropdown of suggested words; choosing one copies it into
    the Text), ``'word'`` (Text), ``'k'`` (IntSlider 3..30).
    State: ``word``, ``neighbours`` (list of ``(word, cosine similarity)``, best
    first), ``xy`` ((k + 1, 2) map coordinates, the word first), ``k``, ``error``.
    """
    W = _check_vectors(word_vecs, word_to_id, id_to_word)
    if _lookup(word, word_to_id) is None:
        raise ValueError(f"word {word!r} is not in the vocabulary.")
    k_max = min(30, W.shape[0] - 1)
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= k_max:
        raise ValueError(f"k must be an integer from 1 to {k_max}, got {k!r}.")
    unit = text.normalize(W.astype(np.float32), eps=1e-8)     # rows of unit length, once
    choices = [s for s in suggestions if s in word_to_id]
    first = _lookup(word, word_to_id)
    if first not in choices:
        choices.insert(0, first)

    w = _ipywidgets()
    controls = {
        "preset": w.Dropdown(options=[(s, s) for s in choices] + [("(직접 입력)", _TYPED)], value=first,
                             description="예시 단어", style=_slider_style(), layout=_layout("330px")),
        "word": _text(first, "단어 (word)"),
        "k": w.IntSlider(value=int(k), min=min(3, k_max), max=k_max, description="이웃 수 k",
                         style=_slider_style(), layout=_layout("420px")),
    }
    controls["word"].layout = _layout("330px")
    info = w.HTML(layout=_layout("260px"))

    def update(box):
        typed = controls["word"].value.strip()
        k_now = int(controls["k"].value)
        query = _lookup(typed, word_to_id)
        if query is None:
            _fail(box, _unknown_message([typed]), word=None, neighbours=None, xy=None, k=k_now)
            return
        qid = word_to_id[query]
        sims = unit @ unit[qid]
        sims[qid] = -np.inf
        best = np.argpartition(-sims, k_now)[:k_now]
        best = best[np.argsort(-sims[best], kind="stable")]
        neighbours = [(id_to_word[int(i)], float(sims[i])) for i in best]
        vecs = W[np.r_[qid, best]].astype(np.float64)
        U, S, _ = text.svd(vecs - vecs.mean(axis=0), k=2, method="exact")
        xy = U[:, :2] * S[:2]
        box.state = {"word": query, "neighbours": neighbours, "xy": xy, "k": k_now, "error": None}

        fig = _figure(5.8, 4.4)
        _draw_neighbourhood(fig, [n for n, _ in neighbours], np.array([s for _, s in neighbours]), xy, query)
        box.show(fig)
        rows = [(r + 1, n, f"{s:.3f}") for r, (n, s) in enumerate(neighbours)]
        info.value = (f"<p><b>{html.escape(query)}</b>의 이웃 (코사인 유사도 순)</p>"
                      + _table(["순위", "단어", "유사도"], rows))

    def on_preset(change):
        if change["new"] != _TYPED:
            controls["word"].value = change["new"]

    def on_word(change):
        found = _lookup(change["new"], word_to_id)
        controls["preset"].value = found if found in choices else _TYPED

    box = _assemble(controls, update, info=info, title="단어의 이웃 지도 (nearest neighbours)",
                    skip=("preset",), rows=[["preset"], ["word"], ["k"]])
    controls["preset"].observe(on_preset, names="value")
    controls["word"].observe(on_word, names="value")
    return box
