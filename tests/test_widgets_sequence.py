"""Tests of course_lib.widgets.sequence (weeks 17-20): build each demo, change controls."""
import matplotlib

matplotlib.use("Agg")  # headless, before anything imports pyplot

import ipywidgets  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course_lib import widgets  # noqa: E402
from course_lib.datasets import Vocab, load_sequence  # noqa: E402
from course_lib.functions import softmax  # noqa: E402
from course_lib.gradcheck import numerical_gradient  # noqa: E402
from course_lib.models import AttentionSeq2seq, Rnnlm, Seq2seq  # noqa: E402
from course_lib.widgets.sequence import _true_date  # noqa: E402


@pytest.fixture(autouse=True)
def _restore_rc():
    with matplotlib.rc_context():
        yield


def _png(box):
    """The base64 PNG the Output shows, or None when it shows nothing."""
    outs = box.output.outputs
    assert len(outs) <= 1
    return outs[0]["data"]["image/png"] if outs else None


def _check_box(box, names):
    assert isinstance(box, ipywidgets.VBox)
    assert set(box.controls) == set(names)

    def descendants(w):
        yield w
        for child in getattr(w, "children", ()):
            yield from descendants(child)

    shown = list(descendants(box))
    assert box.output in shown and box.info in shown
    assert all(c in shown for c in box.controls.values())
    assert _png(box)


# ---------------------------------------------------------- vanishing / exploding
def test_rnn_gradient_flow_without_tanh_is_repeated_matrix_product():
    W = np.array([[0.0, 0.9], [-0.9, 0.0]])  # 0.9 x a rotation: every step scales by 0.9
    flow = widgets.rnn_gradient_flow(W, 6, use_tanh=False)
    np.testing.assert_allclose(flow["norms"], np.sqrt(2) * 0.9 ** np.arange(7))


def test_rnn_gradient_flow_parameter_gradients_match_finite_differences():
    H, T, seed = 3, 5, 7
    rng = np.random.default_rng(1)
    W_h = rng.standard_normal((H, H)) * 0.8
    # the documented inputs: xs (T, H), then W_x (H, H) / sqrt(H), from default_rng(seed)
    data = np.random.default_rng(seed)
    xs = data.standard_normal((T, H))
    W_x = data.standard_normal((H, H)) / np.sqrt(H)

    def loss(Wh, Wx):  # dh_T = ones  <=>  L = sum(h_T)
        h = np.zeros(H)
        for t in range(T):
            h = np.tanh(h @ Wh + xs[t] @ Wx)
        return h.sum()

    flow = widgets.rnn_gradient_flow(W_h, T, use_tanh=True, seed=seed)
    dW_h, dW_x = flow["grads"]
    np.testing.assert_allclose(dW_h, numerical_gradient(lambda w: loss(w, W_x), W_h.copy()), atol=1e-7)
    np.testing.assert_allclose(dW_x, numerical_gradient(lambda w: loss(W_h, w), W_x.copy()), atol=1e-7)
    assert flow["norms"].shape == (T + 1,)


def test_vanishing_explorer_verdicts_follow_scale_and_tanh():
    box = widgets.vanishing_gradient_explorer()
    _check_box(box, ["scale", "steps", "tanh", "clip", "max_norm"])
    c = box.controls
    with box.hold():
        c["scale"].value, c["steps"].value, c["tanh"].value = 0.5, 50, True
    norms = box.state["norms"]
    assert norms.shape == (51,)
    assert box.state["verdict"] == "vanishing"
    assert box.state["sigma_max"] == pytest.approx(0.5)
    # largest singular value 0.5 and |1 - h^2| <= 1: each step at least halves the norm
    assert np.all(norms[1:] <= 0.5 * norms[:-1] * (1 + 1e-9))
    assert "기울기 소실" in box.info.value
    before = _png(box)

    c["tanh"].value = False
    c["scale"].value = 2.5
    assert box.state["verdict"] == "exploding"
    assert box.state["norms"][-1] > 1e3 * box.state["norms"][0]
    assert "기울기 폭발" in box.info.value and _png(box) != before

    c["tanh"].value = True  # same W_h: tanh saturates and the gradient no longer explodes
    assert box.state["verdict"] != "exploding"
    c["steps"].value = 7
    assert box.state["norms"].shape == (8,)


def test_vanishing_explorer_stable_and_clipping():
    box = widgets.vanishing_gradient_explorer(hidden_size=8, seed=3)
    c = box.controls
    with box.hold():
        c["scale"].value, c["steps"].value, c["tanh"].value = 2.0, 3, False
    assert box.state["verdict"] == "stable" and 0.5 <= box.state["ratio"] <= 2
    assert "거의 유지됨" in box.info.value
    assert box.state["clipped_norm"] is None
    raw = box.state["grad_norm"]
    with box.hold():
        c["clip"].value, c["max_norm"].value = True, 0.1
    assert box.state["grad_norm"] == pytest.approx(raw)
    assert raw > 0.1 and box.state["clipped_norm"] == pytest.approx(0.1, rel=1e-4)
    assert "클리핑" in box.info.value
    c["max_norm"].value = 100.0  # above the norm: nothing to clip
    assert box.state["clipped_norm"] == pytest.approx(raw)


def test_vanishing_explorer_rejects_bad_arguments():
    with pytest.raises(ValueError, match="hidden_size"):
        widgets.vanishing_gradient_explorer(hidden_size=0)
    with pytest.raises(ValueError, match="square"):
        widgets.rnn_gradient_flow(np.zeros((2, 3)), 4)
    with pytest.raises(ValueError, match="steps"):
        widgets.rnn_gradient_flow(np.eye(2), 0)


# ------------------------------------------------------------------- temperature
WORDS = ["you", "say", "goodbye", "and", "i", "hello", ".", "<unk>", "N", "<eos>",
         "the", "a", "cat", "dog", "sat", "on", "mat", "is", "big", "small"]


@pytest.fixture
def lm():
    model = Rnnlm(len(WORDS), 8, 8, rng=np.random.default_rng(0))
    model.params[-2] *= 60.0  # the Affine weight: a peaked (but untrained) distribution
    word_to_id = {w: i for i, w in enumerate(WORDS)}
    return model, word_to_id, dict(enumerate(WORDS))


def test_temperature_zero_is_deterministic_and_greedy(lm):
    model, w2i, i2w = lm
    box = widgets.temperature_explorer(model, w2i, i2w, length=12)
    _check_box(box, ["temperature", "prompt", "seed", "resample"])
    c = box.controls
    c["temperature"].value = 0.0
    text, png = box.state["text"], _png(box)
    assert box.state["probs"][0][1] == 1.0 and len(box.state["probs"]) == 10  # top 10 of 18 (2 skipped)
    c["seed"].value = 5
    assert box.state["text"] == text and _png(box) == png
    assert "argmax" in box.info.value
    # greedy: every next word is the arg-max of the model's scores (skipped words excluded)
    model.reset_state()
    ids = [w2i[w] for w in box.state["words"]]
    scores = model.predict(np.array([ids]))[0]
    scores[:, [w2i["<unk>"], w2i["N"]]] = -np.inf
    assert ids[1:] == list(np.argmax(scores[:-1], axis=1))
    assert box.state["words"][0] == "you" and len(box.state["words"]) == 13


def test_temperature_sharpens_or_flattens_the_shown_distribution(lm):
    model, w2i, i2w = lm
    box = widgets.temperature_explorer(model, w2i, i2w, prompt="the cat", length=5)
    c = box.controls
    c["temperature"].value = 1.0
    model.reset_state()
    scores = model.predict(np.array([[w2i["the"], w2i["cat"]]]))[0, -1].astype(float)
    scores[[w2i["<unk>"], w2i["N"]]] = -np.inf
    p = softmax(scores)
    top = np.argsort(-p)[:10]
    assert [w for w, _ in box.state["probs"]] == [WORDS[i] for i in top]
    np.testing.assert_allclose([q for _, q in box.state["probs"]], p[top], rtol=1e-6)
    top_at = {}
    for t in (0.5, 1.0, 2.0):
        c["temperature"].value = t
        top_at[t] = box.state["probs"][0][1]
    assert top_at[0.5] > top_at[1.0] > top_at[2.0]
    assert not {"<unk>", "N"} & {w for w, _ in box.state["probs"]}


def test_temperature_resample_changes_seed_and_text(lm):
    model, w2i, i2w = lm
    box = widgets.temperature_explorer(model, w2i, i2w, length=30, seed=4)
    box.controls["temperature"].value = 2.0
    first = box.state["text"]
    box.controls["resample"].click()
    assert box.controls["seed"].value == 5 and box.state["seed"] == 5
    assert box.state["text"] != first
    generated = box.state["words"][1:]
    assert "<unk>" not in generated and "N" not in generated
    box.controls["seed"].value = 4  # same seed, same sample
    assert box.state["text"] == first


def test_temperature_unknown_prompt_word_gives_a_message(lm):
    model, w2i, i2w = lm
    box = widgets.temperature_explorer(model, w2i, i2w)
    box.controls["prompt"].value = "you zebra"
    assert box.state["text"] is None and "zebra" in box.state["error"]
    assert "어휘" in box.info.value and _png(box) is None
    box.controls["prompt"].value = "   "
    assert "입력" in box.state["error"]
    box.controls["prompt"].value = "Hello DOG"  # case is forgiven when the lower-case word exists
    assert box.state["error"] is None and box.state["words"][:2] == ["hello", "dog"]
    assert _png(box)


def test_temperature_explorer_rejects_bad_arguments(lm):
    model, w2i, i2w = lm
    with pytest.raises(ValueError, match="prompt"):
        widgets.temperature_explorer(model, w2i, i2w, prompt="zebra")
    with pytest.raises(ValueError, match="id_to_word"):
        widgets.temperature_explorer(model, w2i, dict(enumerate(reversed(WORDS))))
    with pytest.raises(ValueError, match="skip_words"):
        widgets.temperature_explorer(model, w2i, i2w, skip_words="<unk>")
    with pytest.raises(ValueError, match="generate"):
        widgets.temperature_explorer(object(), w2i, i2w)
    with pytest.raises(ValueError, match="length"):
        widgets.temperature_explorer(model, w2i, i2w, length=0)


# ----------------------------------------------------------------------- seq2seq
@pytest.fixture(scope="module")
def addition_vocab():
    return load_sequence("addition.txt")[2]


class AddingStub:
    """Reads the question (reversing it back when told), answers ``a+b`` or a fixed
    wrong answer; records every input it receives."""

    def __init__(self, vocab, reads_reversed=False, wrong=None):
        self.vocab, self.reads_reversed, self.wrong = vocab, reads_reversed, wrong
        self.calls = []

    def generate(self, xs, start_id, length):
        self.calls.append((xs.copy(), start_id, length))
        q = self.vocab.decode(xs[0])
        q = q[::-1] if self.reads_reversed else q
        a, b = q.strip().split("+")
        answer = self.wrong if self.wrong is not None else str(int(a) + int(b))
        return self.vocab.encode(answer.ljust(length))[None, :]


def test_seq2seq_explorer_feeds_reversed_questions_and_grades(addition_vocab):
    v = addition_vocab
    plain, rev, wrong = AddingStub(v), AddingStub(v, reads_reversed=True), AddingStub(v, wrong="61")
    models = {"baseline": wrong, "reversed": rev, "plain": plain}
    histories = {"baseline": [0.1, 0.2], "reversed": [0.3, 0.6, 0.9]}
    box = widgets.seq2seq_explorer(models, histories, v, reversed_input={"reversed": True})
    _check_box(box, ["question", "show:baseline", "show:reversed"])
    st = box.state
    assert st["question"] == "57+5" and st["expected"] == "62"
    assert st["answers"] == {"baseline": "61", "reversed": "62", "plain": "62"}
    assert st["correct"] == {"baseline": False, "reversed": True, "plain": True}
    assert v.decode(rev.calls[-1][0][0]) == "   5+75" and v.decode(plain.calls[-1][0][0]) == "57+5   "
    assert rev.calls[-1][1] == v.char_to_id["_"] and rev.calls[-1][2] == 4
    assert "오답" in box.info.value and "정답" in box.info.value and "5+75" in box.info.value

    box.controls["question"].value = " 999 + 999 "
    assert box.state["question"] == "999+999" and box.state["answers"]["plain"] == "1998"
    assert v.decode(rev.calls[-1][0][0]) == "999+999"[::-1]


def test_seq2seq_explorer_rejects_bad_questions_with_a_message(addition_vocab):
    stub = AddingStub(addition_vocab)
    box = widgets.seq2seq_explorer({"m": stub}, {"m": [0.5]}, addition_vocab)
    n_calls = len(stub.calls)
    for bad in ("5a+1", "1234+1", "5+", "1+2+3", ""):
        box.controls["question"].value = bad
        assert box.state["error"] and box.state["answers"] == {}, bad
        assert "덧셈" in box.info.value and _png(box)
    assert len(stub.calls) == n_calls  # the model never saw a bad question
    box.controls["question"].value = "1+2"
    assert box.state["error"] is None and box.state["answers"] == {"m": "3"}


def test_seq2seq_explorer_with_untrained_models_and_curve_toggles(addition_vocab):
    v = addition_vocab
    rng = np.random.default_rng(0)
    models = {"seq2seq": Seq2seq(len(v), 8, 16, rng=rng),
              "peeky + reversed": Seq2seq(len(v), 8, 16, peeky=True, rng=rng)}
    histories = {"seq2seq": [0.0, 0.05, 0.1], "peeky + reversed": [0.1, 0.5, 0.95]}
    box = widgets.seq2seq_explorer(models, histories, v, reversed_input={"peeky + reversed": True})
    assert set(box.state["answers"]) == set(models)
    assert all(len(a) <= 4 for a in box.state["answers"].values())
    assert box.state["inputs"]["peeky + reversed"] == "57+5   "[::-1]
    assert box.state["shown"] == ["seq2seq", "peeky + reversed"]
    before = _png(box)
    box.controls["show:seq2seq"].value = False
    assert box.state["shown"] == ["peeky + reversed"] and _png(box) != before


def test_seq2seq_explorer_rejects_bad_arguments(addition_vocab):
    stub = AddingStub(addition_vocab)
    with pytest.raises(ValueError, match="reversed_input"):
        widgets.seq2seq_explorer({"m": stub}, {}, addition_vocab, reversed_input={"other": True})
    with pytest.raises(ValueError, match="addition.txt"):
        widgets.seq2seq_explorer({"m": stub}, {}, Vocab.from_text("abc_ "))
    with pytest.raises(ValueError, match="non-empty"):
        widgets.seq2seq_explorer({}, {}, addition_vocab)
    with pytest.raises(ValueError, match="generate"):
        widgets.seq2seq_explorer({"m": object()}, {}, addition_vocab)
    with pytest.raises(ValueError, match="histories"):
        widgets.seq2seq_explorer({"m": stub}, {"m": "high"}, addition_vocab)


# --------------------------------------------------------------------- attention
@pytest.fixture(scope="module")
def date_vocab():
    return load_sequence("date.txt")[2]


def test_attention_heatmap_with_an_untrained_model(date_vocab):
    v = date_vocab
    model = AttentionSeq2seq(len(v), 8, 16, pad_id=v.char_to_id[" "], rng=np.random.default_rng(0))
    box = widgets.attention_heatmap(model, v)
    _check_box(box, ["example", "date"])
    st = box.state
    assert st["question"] == "september 27, 1994" and st["expected"] == "1994-09-27"
    assert st["weights"].shape == (10, 29) and len(st["answer"]) == 10
    np.testing.assert_allclose(st["weights"].sum(axis=1), 1.0, rtol=1e-5)
    assert np.all(st["weights"][:, len(st["question"]):] == 0)  # padding is masked out
    before_w, before_png = st["weights"].copy(), _png(box)

    box.controls["date"].value = "JUN 17, 2013"
    st = box.state
    assert st["question"] == "JUN 17, 2013" and st["expected"] == "2013-06-17"
    assert st["correct"] is (st["answer"] == "2013-06-17")
    assert st["weights"].shape == (10, 29) and not np.allclose(st["weights"], before_w)
    assert np.all(st["weights"][:, 12:] == 0) and np.any(st["weights"][:, 9:12] > 0)
    assert _png(box) != before_png and "JUN 17, 2013" in box.info.value

    box.controls["example"].value = "2/10/93"
    assert box.controls["date"].value == "2/10/93" and box.state["expected"] == "1993-02-10"


def test_attention_heatmap_bad_input_gives_a_message(date_vocab):
    model = AttentionSeq2seq(len(date_vocab), 8, 16, rng=np.random.default_rng(1))
    box = widgets.attention_heatmap(model, date_vocab)
    box.controls["date"].value = "sept 27, 1994!"
    assert box.state["weights"] is None and "'!'" in box.state["error"]
    assert "어휘" in box.info.value and _png(box) is None
    box.controls["date"].value = "wednesday, september 27, 1994 and more"
    assert "너무 깁니다" in box.state["error"]
    box.controls["date"].value = "  "
    assert box.state["error"]
    box.controls["date"].value = "Sep 27 1994"  # not one of the 14 forms: no expected answer
    assert box.state["error"] is None and box.state["expected"] is None and box.state["correct"] is None


class PointingStub:
    """Attends with weight 1 to the first non-space input it reads, at every step;
    answers with a fixed string; records its input."""

    def __init__(self, vocab, answer="1994-09-27"):
        self.vocab, self.answer, self.seen = vocab, answer, []

    def generate(self, xs, start_id, length):
        self.seen.append(self.vocab.decode(xs[0]))
        first = next(i for i, c in enumerate(self.seen[-1]) if c != " ")
        self.attention_weights = np.zeros((1, length, xs.shape[1]))
        self.attention_weights[0, :, first] = 1.0
        return self.vocab.encode(self.answer[:length].ljust(length))[None, :]


def test_attention_heatmap_reversed_input_is_flipped_back(date_vocab):
    stub = PointingStub(date_vocab)
    box = widgets.attention_heatmap(stub, date_vocab, examples=["september 27, 1994"], reversed_input=True)
    text = "september 27, 1994"
    assert stub.seen[-1] == text.ljust(29)[::-1]
    # the model looked at the first real character it read = the last one typed
    assert np.all(box.state["weights"].argmax(axis=1) == len(text) - 1)
    assert box.state["answer"] == "1994-09-27" and box.state["correct"] is True
    assert "맞음" in box.info.value
    plain = widgets.attention_heatmap(PointingStub(date_vocab, "1994-09-28"), date_vocab,
                                      examples=[text])
    assert np.all(plain.state["weights"].argmax(axis=1) == 0) and plain.state["correct"] is False


def test_attention_heatmap_rejects_bad_arguments(date_vocab):
    stub = PointingStub(date_vocab)
    with pytest.raises(ValueError, match="examples"):
        widgets.attention_heatmap(stub, date_vocab, examples=["1994-09-27 ?"])
    with pytest.raises(ValueError, match="date.txt"):
        widgets.attention_heatmap(stub, Vocab.from_text("0123456789"))

    class Broken(PointingStub):
        def generate(self, xs, start_id, length):
            out = super().generate(xs, start_id, length)
            self.attention_weights = self.attention_weights[:, :, :5]
            return out

    with pytest.raises(ValueError, match="attention_weights"):
        widgets.attention_heatmap(Broken(date_vocab), date_vocab)


@pytest.mark.parametrize("text, iso", [
    ("september 27, 1994", "1994-09-27"), ("SEP 27, 1994", "1994-09-27"), ("2/10/93", "1993-02-10"),
    ("Tuesday, September 27, 1994", "1994-09-27"), ("Tue, Sep 27, 1994", "1994-09-27"),
    ("27 september 1994", "1994-09-27"), ("10/31/2008", "2008-10-31"),
    ("Monday, September 27, 1994", None),  # wrong weekday
    ("Sep 27 1994", None), ("sEp 27, 1994", None),  # not a form of date.txt
])
def test_true_date_knows_the_books_forms(text, iso):
    day = _true_date(text)
    assert (day.isoformat() if day else None) == iso


# ------------------------------------------------------- saved output without a kernel
def test_every_sequence_demo_saves_a_picture_and_a_korean_note(lm, addition_vocab, date_vocab):
    from test_widgets import check_saved_bundle

    model, w2i, i2w = lm
    v = addition_vocab
    demos = [
        (widgets.vanishing_gradient_explorer(), "scale", 2.5),
        (widgets.temperature_explorer(model, w2i, i2w, length=8), "temperature", 0.0),
        (widgets.seq2seq_explorer({"m": AddingStub(v)}, {"m": [0.5]}, v), "question", "1+2"),
        (widgets.attention_heatmap(PointingStub(date_vocab), date_vocab), "date", "JUN 17, 2013"),
    ]
    for box, control, value in demos:
        bundle, _ = check_saved_bundle(box)
        box.controls[control].value = value
        after, _ = check_saved_bundle(box)
        assert after["image/png"] != bundle["image/png"] and after["text/plain"] != bundle["text/plain"]
    # an input error: no figure, the picture shows the message
    box = demos[3][0]
    box.controls["date"].value = "3월 3일"
    assert _png(box) is None
    bundle, picture = check_saved_bundle(box)
    assert "'3월 3일'" in bundle["text/plain"] and picture.shape[0] > 100


# --------------------------------------------------------- details noticed in a browser
def _drawn(monkeypatch):
    figures = []
    real = widgets._show
    monkeypatch.setattr(widgets, "_show", lambda out, fig: (figures.append(fig), real(out, fig)))
    return figures


def _overlaps(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


@pytest.mark.parametrize("scale, tanh, max_norm", [(2.0, False, 5.0), (3.0, False, 0.1), (2.5, False, 100.0),
                                                   (1.0, True, 5.0), (3.0, True, 1.0)])
def test_clipping_chart_legend_leaves_the_bars_free(monkeypatch, scale, tanh, max_norm):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figures = _drawn(monkeypatch)
    box = widgets.vanishing_gradient_explorer()
    c = box.controls
    with box.hold():
        c["scale"].value, c["tanh"].value, c["clip"].value, c["max_norm"].value = scale, tanh, True, max_norm
    fig = figures[-1]
    renderer = FigureCanvasAgg(fig).get_renderer()
    ax2 = fig.axes[1]
    legend = ax2.get_legend().get_window_extent(renderer)
    bars = [patch.get_window_extent(renderer) for patch in ax2.patches]
    assert len(bars) == 2
    assert not any(_overlaps(legend, bar) for bar in bars)


def test_verdict_names_growth_and_shrinkage():
    from course_lib.widgets.sequence import _verdict, _verdict_text

    assert _verdict(np.array([1.0, 2.0, 481.0])) == "growing"
    text = _verdict_text("growing", 481.0)
    assert "커짐" in text and "481배" in text and "유지" not in text
    assert _verdict(np.array([1.0, 5e3])) == "exploding" and _verdict(np.array([1.0, np.inf])) == "exploding"
    assert _verdict(np.array([1.0, 0.1])) == "shrinking" and "1/10" in _verdict_text("shrinking", 0.1)
    assert _verdict(np.array([1.0, 1e-4])) == "vanishing"
    assert _verdict(np.array([1.0, 1.5])) == "stable" and _verdict(np.array([1.0, 0.6])) == "stable"


def test_vanishing_explorer_never_calls_a_large_growth_stable():
    box = widgets.vanishing_gradient_explorer()
    c = box.controls
    with box.hold():
        c["scale"].value, c["tanh"].value = 1.7, False
    ratio = box.state["ratio"]
    assert 2 < ratio < 1e3 and box.state["verdict"] == "growing"
    assert "기울기가 커짐" in box.info.value and f"{ratio:.3g}배" in box.info.value
    assert "유지됨" not in box.info.value


def test_seq2seq_one_epoch_has_whole_epoch_ticks(monkeypatch, addition_vocab):
    figures = _drawn(monkeypatch)
    widgets.seq2seq_explorer({"m": AddingStub(addition_vocab)}, {"m": [0.4]}, addition_vocab)
    ax = figures[-1].axes[0]
    lo, hi = ax.get_xlim()
    ticks = [t for t in ax.get_xticks() if lo <= t <= hi]
    assert ticks == [1.0]
    assert [t.get_text() for t in ax.get_xticklabels() if lo <= t.get_position()[0] <= hi] == ["1"]
    widgets.seq2seq_explorer({"m": AddingStub(addition_vocab)}, {"m": [0.1] * 25}, addition_vocab)
    ax = figures[-1].axes[0]
    assert all(float(t).is_integer() for t in ax.get_xticks())


def test_seq2seq_unchecked_model_leaves_the_answer_table(addition_vocab):
    v = addition_vocab
    plain, rev, extra = AddingStub(v), AddingStub(v, reads_reversed=True), AddingStub(v, wrong="7")
    box = widgets.seq2seq_explorer({"plain": plain, "reversed": rev, "no curve": extra},
                                   {"plain": [0.5], "reversed": [0.9]}, v, reversed_input={"reversed": True})
    assert box.state["listed"] == ["plain", "reversed", "no curve"]
    box.controls["show:reversed"].value = False
    assert box.state["listed"] == ["plain", "no curve"] and box.state["shown"] == ["plain"]
    assert set(box.state["answers"]) == {"plain", "no curve"}
    assert ">reversed<" not in box.info.value and ">plain<" in box.info.value
    n_calls = len(rev.calls)
    box.controls["question"].value = "12+30"
    assert len(rev.calls) == n_calls  # a hidden model is not asked
    box.controls["show:plain"].value = False
    assert box.state["listed"] == ["no curve"]  # a model without a curve has no checkbox: always listed
    box.controls["show:reversed"].value = True
    assert ">reversed<" in box.info.value and box.state["answers"]["reversed"] == "42"


def test_temperature_bars_stay_visible_at_high_temperature(monkeypatch):
    figures = _drawn(monkeypatch)
    words = [f"w{i}" for i in range(300)] + ["<unk>", "N"]
    model = Rnnlm(len(words), 8, 8, rng=np.random.default_rng(0))
    model.params[-2] *= 150.0  # peaked at temperature 1, flat at 2
    box = widgets.temperature_explorer(model, {w: i for i, w in enumerate(words)}, dict(enumerate(words)),
                                       prompt="w1", length=3)
    for temperature in (2.0, 1.0, 0.5, 0.0):
        box.controls["temperature"].value = temperature
        ax = figures[-1].axes[0]
        top = ax.get_ylim()[1]
        tallest = max(bar.get_height() for bar in ax.patches)
        marks = max(np.max(line.get_ydata()) for line in ax.lines)
        assert 0.4 < max(tallest, marks) / top <= 0.75, temperature  # bars use the height, the legend has room
        assert max(t for t in ax.get_yticks() if t <= top) <= 1.0
    box.controls["temperature"].value = 2.0
    ax = figures[-1].axes[0]
    assert max(bar.get_height() for bar in ax.patches) / ax.get_ylim()[1] > 0.1


def test_attention_example_menu_follows_the_typed_date(date_vocab):
    box = widgets.attention_heatmap(PointingStub(date_vocab), date_vocab, examples=["2/10/93", "JUN 17, 2013"])
    menu, date = box.controls["example"], box.controls["date"]
    assert menu.value == "2/10/93"
    date.value = "march 3, 2001"
    assert menu.label == "(직접 입력한 날짜)" and date.value == "march 3, 2001"
    assert box.state["question"] == "march 3, 2001"
    date.value = " JUN 17, 2013 "  # an example, typed: the menu shows it
    assert menu.value == "JUN 17, 2013"
    menu.value = "2/10/93"
    assert date.value == "2/10/93" and box.state["question"] == "2/10/93"
    date.value = "Sep 27 1994"
    menu.value = "2/10/93"  # choosing the example again after typing copies it back
    assert date.value == "2/10/93"


def test_attention_heatmap_merges_the_padding_into_one_column(monkeypatch, date_vocab):
    figures = _drawn(monkeypatch)
    model = AttentionSeq2seq(len(date_vocab), 8, 16, rng=np.random.default_rng(0))  # unmasked: padding gets weight
    box = widgets.attention_heatmap(model, date_vocab, examples=["2/10/93"])
    L = len("2/10/93")
    w, shown = box.state["weights"], box.state["shown"]
    assert shown.shape == (10, L + 1)
    np.testing.assert_allclose(shown[:, :L], w[:, :L])
    np.testing.assert_allclose(shown[:, L], w[:, L:].sum(axis=1))
    np.testing.assert_allclose(shown.sum(axis=1), 1.0, rtol=1e-6)
    ax = figures[-1].axes[0]
    assert ax.images[0].get_array().shape == (10, L + 1)
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels[:L] == list("2/10/93") and labels[-1].strip() == "(패딩)"
