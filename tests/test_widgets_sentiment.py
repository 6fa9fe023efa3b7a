"""Tests of course_lib.widgets.sentiment (week 18): the word-by-word sentiment demo."""
import matplotlib

matplotlib.use("Agg")  # headless, before anything imports pyplot

import ipywidgets  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course_lib import recipes, widgets  # noqa: E402
from course_lib.datasets import WordVocab, pad_sequences  # noqa: E402
from course_lib.models import SentimentLSTM  # noqa: E402
from course_lib.widgets._base import SNAPSHOT_NOTE  # noqa: E402
from course_lib.widgets.sentiment import MAX_TOKENS, SENTIMENT_PRESETS  # noqa: E402

WORDS = ["the", "film", "is", "great", "dull", ",", "but", ".", "a", "mess", "not", "bad"]


@pytest.fixture(autouse=True)
def _restore_rc():
    with matplotlib.rc_context():
        yield


@pytest.fixture(scope="module")
def small():
    """An untrained SentimentLSTM (post-padding, mask read) and a 14-word vocabulary."""
    vocab = WordVocab(["<pad>", "<unk>"] + WORDS)
    model = SentimentLSTM(len(vocab), 8, 8, read="mask", rng=np.random.default_rng(0))
    return model, vocab


def _png(box):
    outs = box.output.outputs
    assert len(outs) <= 1
    return outs[0]["data"]["image/png"] if outs else None


def _descendants(w):
    yield w
    for child in getattr(w, "children", ()):
        yield from _descendants(child)


def test_builds_and_shows_the_prediction_after_each_prefix(small):
    model, vocab = small
    box = widgets.sentiment_explorer(model, vocab, presets=["the film is great .", "a dull mess ."])
    assert isinstance(box, ipywidgets.VBox) and set(box.controls) == {"preset", "sentence"}
    shown = list(_descendants(box))
    assert box.output in shown and box.info in shown and all(c in shown for c in box.controls.values())
    s = box.state
    assert s["error"] is None and s["sentence"] == "the film is great ."
    assert s["tokens"] == ["the", "film", "is", "great", "."] == s["shown"] and s["unknown"] == []
    np.testing.assert_array_equal(s["ids"], vocab.encode(s["tokens"]))
    np.testing.assert_allclose(s["probs"], model.prefix_proba(s["ids"])[:, 1])
    assert s["probs"].shape == (5,) and s["final"] == s["probs"][-1]
    assert s["label"] == ("긍정 (positive)" if s["final"] >= 0.5 else "부정 (negative)")
    assert _png(box) and "P(긍정)" in box.info.value


def test_last_prefix_is_the_models_prediction_for_the_padded_sentence(small):
    model, vocab = small
    box = widgets.sentiment_explorer(model, vocab, sentence="the film is dull , but not bad .")
    X, lengths = pad_sequences([box.state["ids"]], maxlen=12, padding="post")
    np.testing.assert_allclose(box.state["final"], model.predict_proba(X, lengths)[0, 1], rtol=1e-5)
    # and every prefix k is the prediction for the first k + 1 words alone
    for k in (0, 3, 6):
        X, lengths = pad_sequences([box.state["ids"][:k + 1]], maxlen=12, padding="post")
        np.testing.assert_allclose(box.state["probs"][k], model.predict_proba(X, lengths)[0, 1], rtol=1e-5)


def test_preset_and_typed_sentence_change_state_and_figure(small):
    model, vocab = small
    presets = ["the film is great .", "a dull mess ."]
    box = widgets.sentiment_explorer(model, vocab, presets=presets)
    first_png, first_probs = _png(box), box.state["probs"]
    box.controls["preset"].value = presets[1]
    assert box.controls["sentence"].value == presets[1]
    assert box.state["tokens"] == ["a", "dull", "mess", "."]
    assert len(box.state["probs"]) == 4 and not np.array_equal(box.state["probs"][:1], first_probs[:1])
    assert _png(box) != first_png
    second = _png(box)
    box.controls["sentence"].value = "The film is NOT great!"          # typed: lower-cased, '!' split off
    assert box.controls["preset"].value == "(typed)"
    assert box.state["tokens"] == ["the", "film", "is", "not", "great", "!"]
    assert _png(box) != second
    box.controls["sentence"].value = presets[0]                     # typing a preset selects it
    assert box.controls["preset"].value == presets[0]


def test_unknown_words_are_read_as_unk(small):
    model, vocab = small
    box = widgets.sentiment_explorer(model, vocab, sentence="the cinematografy is splendiferous")
    s = box.state
    assert s["shown"] == ["the", "<unk>", "is", "<unk>"]
    assert s["unknown"] == ["cinematografy", "splendiferous"]
    assert list(s["ids"][[1, 3]]) == [vocab.unk_id] * 2
    assert "cinematografy" in box.info.value and "&lt;unk&gt;" in box.info.value


def test_empty_or_too_long_sentence_gives_a_message(small):
    model, vocab = small
    box = widgets.sentiment_explorer(model, vocab)
    box.controls["sentence"].value = "   "
    assert box.state["error"] and "입력하세요" in box.info.value and _png(box) is None
    assert box.state["probs"] is None
    box.controls["sentence"].value = " ".join(["film"] * (MAX_TOKENS + 1))
    assert "너무 깁니다" in box.state["error"] and _png(box) is None
    box.controls["sentence"].value = "a great film"
    assert box.state["error"] is None and _png(box)


def test_default_presets_and_snapshot_note(small):
    model, vocab = small
    box = widgets.sentiment_explorer(model, vocab)
    assert box.state["sentence"] == SENTIMENT_PRESETS[0]
    assert [o[1] for o in box.controls["preset"].options][:-1] == list(SENTIMENT_PRESETS)
    bundle = box._repr_mimebundle_()
    assert bundle["text/plain"].startswith(SNAPSHOT_NOTE) and "image/png" in bundle
    assert box.snapshot()[:8] == b"\x89PNG\r\n\x1a\n"


def test_rejects_bad_arguments(small):
    model, vocab = small
    with pytest.raises(ValueError, match="prefix_proba"):
        widgets.sentiment_explorer(object(), vocab)
    with pytest.raises(ValueError, match="WordVocab"):
        widgets.sentiment_explorer(model, {"film": 2})
    with pytest.raises(ValueError, match="presets"):
        widgets.sentiment_explorer(model, vocab, presets=[])
    with pytest.raises(ValueError, match="presets"):
        widgets.sentiment_explorer(model, vocab, presets=["   "])
    with pytest.raises(ValueError, match="column"):
        widgets.sentiment_explorer(model, vocab, positive=2)


def test_committed_model_reads_a_turn_in_the_sentence():
    if not (recipes.WEIGHTS_DIR / "sentiment_mr.npz").exists():
        pytest.skip("weights/sentiment_mr.npz not trained yet")
    model, _, vocab = recipes.load_sentiment("sentiment_mr")
    box = widgets.sentiment_explorer(model, vocab, sentence="the cast is great , but the script is a mess .")
    p = dict(zip(box.state["tokens"], box.state["probs"]))
    assert p["great"] > 0.5 > box.state["final"]             # up at 'great', down by the end
    assert box.state["label"] == "부정 (negative)"
