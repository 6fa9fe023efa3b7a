"""MR loader (download cache, Latin-1, split, vocabulary, offline fallback) and pad_sequences."""
import hashlib

import numpy as np
import pytest

from course_lib.datasets import DataUnavailableError, WordVocab, load_mr, load_mr_text, mr, pad_sequences
from course_lib.datasets.cache import REGISTRY, RemoteFile

# A fake MR: Latin-1 bytes (é = 0xE9, a 0x85 ellipsis glued between two words), 12 + 8 lines
POS = [b"a fine film , caf\xe9 scenes and all .", b"warm and funny", b"hmmm\x85might be great"] + \
      [b"good film number %d" % i for i in range(9)]
NEG = [b"a dull film .", b"cold and flat"] + [b"bad film number %d" % i for i in range(6)]


def _bytes(lines):
    return b"".join(line + b" \n" for line in lines)


@pytest.fixture
def fake_mr(tmp_path, monkeypatch):
    """A file:// mirror with a small fake MR; REGISTRY entries point at its checksums."""
    root = tmp_path / "mirror"
    (root / "mr").mkdir(parents=True)
    for name, lines in zip(mr.FILES, (POS, NEG)):
        data = _bytes(lines)
        (root / name).write_bytes(data)
        monkeypatch.setitem(REGISTRY, name, RemoteFile(name, hashlib.sha256(data).hexdigest(),
                                                       ((tmp_path / "nowhere" / name).as_uri(),)))
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("COURSE_DATA_MIRROR", root.as_uri())
    return root


@pytest.fixture
def offline(tmp_path, monkeypatch):
    """An empty cache, no mirror, unreachable public URLs."""
    for name in mr.FILES:
        monkeypatch.setitem(REGISTRY, name, RemoteFile(name, REGISTRY[name].sha256,
                                                       ((tmp_path / "nowhere" / name).as_uri(),)))
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("COURSE_DATA_MIRROR", raising=False)


def test_registry_has_the_published_checksums():
    assert REGISTRY["mr/rt-polarity.pos"].sha256.startswith("2da124ec")
    assert REGISTRY["mr/rt-polarity.neg"].sha256.startswith("4ace77d5")
    assert all("yoonkim/CNN_sentence" in REGISTRY[n].urls[0] for n in mr.FILES)


def test_mr_through_the_cache_latin1_and_stratified_split(fake_mr, tmp_path, capsys):
    (s_train, t_train), (s_test, t_test), source = load_mr_text("mr", test_fraction=0.25)
    assert source == "mr" and "MR" in capsys.readouterr().out
    assert (tmp_path / "cache" / "mr" / "rt-polarity.pos").is_file()
    everything = s_train + s_test
    assert len(everything) == 20 and sorted(map(tuple, everything)) == sorted(
        tuple(line.decode("latin-1").split()) for line in POS + NEG)
    assert ["a", "fine", "film", ",", "café", "scenes", "and", "all", "."] in everything
    assert ["hmmm", "might", "be", "great"] in everything        # 0x85 splits, never ends a line
    # stratified: 3 of 12 positive and 2 of 8 negative sentences in the test part
    assert t_test.sum() == 3 and len(t_test) == 5 and t_train.sum() == 9
    assert t_train.dtype == np.int32
    # seeded: the same split again, another with another seed
    again = load_mr_text("mr", test_fraction=0.25, verbose=False)
    assert again[1][0] == s_test
    other = load_mr_text("mr", test_fraction=0.25, seed=7, verbose=False)
    assert other[1][0] != s_test


def test_vocabulary_comes_from_the_training_split_only(fake_mr):
    (x_train, t_train), (x_test, t_test), vocab = load_mr("mr", min_count=1, test_fraction=0.25,
                                                         verbose=False)
    (s_train, _), (s_test, _), _ = load_mr_text("mr", test_fraction=0.25, verbose=False)
    assert vocab.id_to_word[:2] == ["<pad>", "<unk>"] and vocab.pad_id == 0 and vocab.unk_id == 1
    train_words = {w for s in s_train for w in s}
    assert set(vocab.id_to_word[2:]) == train_words
    for s, ids in zip(s_test, x_test):
        assert ids.dtype == np.int32 and len(ids) == len(s)
        assert all((vocab.word_to_id[w] if w in train_words else 1) == i for w, i in zip(s, ids))
    # min_count: a word seen once in training becomes <unk>
    _, _, vocab2 = load_mr("mr", min_count=2, test_fraction=0.25, verbose=False)
    assert all(c >= 2 for c in vocab2.counts[2:]) and len(vocab2) < len(vocab)
    assert vocab2.id_to_word[2] == "film"                              # most frequent first


def test_offline_mr_says_which_files_and_auto_falls_back_to_the_sample(offline, monkeypatch, capsys):
    with pytest.raises(DataUnavailableError) as err:
        load_mr_text("mr")
    assert "rt-polarity.pos" in str(err.value) and "MR" in str(err.value)
    monkeypatch.setenv("COURSE_PROFILE", "full")
    (s_train, _), (s_test, _), source = load_mr_text("auto")
    out = capsys.readouterr().out
    assert source == "sample"
    assert "mr_sample.tsv" in out and "not MR" in out and "rt-polarity.neg" in out
    assert len(s_train) + len(s_test) == 300


def test_quick_profile_uses_the_shipped_sample(monkeypatch, capsys):
    monkeypatch.setenv("COURSE_PROFILE", "quick")
    (x_train, t_train), (x_test, t_test), vocab = load_mr()
    assert "mr_sample.tsv" in capsys.readouterr().out
    assert (len(x_train), len(x_test)) == (270, 30)
    assert t_train.mean() == 0.5 and t_test.mean() == 0.5
    assert 100 < len(vocab) < 1000


def test_shipped_sample_is_well_formed():
    sentences, labels = mr.read_sample()
    assert len(sentences) == 300 and labels.sum() == 150
    assert len({tuple(s) for s in sentences}) == 300
    text = mr.SAMPLE_PATH.read_text(encoding="utf-8")
    assert text.isascii() and "NOT taken from MR" in text
    assert all(" ".join(s) == " ".join(mr.tokenize(" ".join(s))) for s in sentences)


def test_limit_keeps_a_balanced_subset(fake_mr):
    (s_train, t_train), (s_test, t_test), _ = load_mr_text("mr", limit=4, test_fraction=0.25,
                                                           verbose=False)
    assert len(s_train) + len(s_test) == 8 and t_train.sum() + t_test.sum() == 4


def test_tokenize_and_vocab_round_trip():
    assert mr.tokenize("It's a well-made film... isn't it? -- Yes!") == [
        "it's", "a", "well-made", "film", ".", ".", ".", "isn't", "it", "?", "--", "yes", "!"]
    vocab = WordVocab.build([["a", "good", "film"], ["a", "bad", "film"], ["a"]], min_count=2)
    assert vocab.id_to_word == ["<pad>", "<unk>", "a", "film"]
    ids = vocab.encode("A good film.")
    assert ids.tolist() == [2, 1, 3, 1] and ids.dtype == np.int32
    assert vocab.decode(np.array([0, 0, 2, 3])) == "a film"
    assert vocab.unk_rate([["a", "good"]]) == 0.5
    assert WordVocab(vocab.id_to_word).word_to_id == vocab.word_to_id
    with pytest.raises(ValueError):
        WordVocab(["a", "b"])


# ------------------------------------------------------------------ pad_sequences
SEQS = [[1, 2, 3], [4], [], [5, 6, 7, 8, 9]]


def test_pad_pre_and_post_to_the_longest():
    X, L = pad_sequences(SEQS)
    assert X.dtype == np.int32 and X.shape == (4, 5) and L.tolist() == [3, 1, 0, 5]
    assert X.tolist() == [[0, 0, 1, 2, 3], [0, 0, 0, 0, 4], [0] * 5, [5, 6, 7, 8, 9]]
    X, L = pad_sequences(SEQS, padding="post", value=-1)
    assert X.tolist() == [[1, 2, 3, -1, -1], [4, -1, -1, -1, -1], [-1] * 5, [5, 6, 7, 8, 9]]
    assert all(X[n, L[n] - 1] == SEQS[n][-1] for n in range(4) if L[n])


def test_truncation_both_ways():
    X, L = pad_sequences(SEQS, maxlen=2)
    assert X.tolist() == [[2, 3], [0, 4], [0, 0], [8, 9]] and L.tolist() == [2, 1, 0, 2]
    X, _ = pad_sequences(SEQS, maxlen=2, truncating="post", padding="post")
    assert X.tolist() == [[1, 2], [4, 0], [0, 0], [5, 6]]
    X, _ = pad_sequences([np.arange(1, 8)], maxlen=4, truncating="post", padding="pre")
    assert X.tolist() == [[1, 2, 3, 4]]


def test_empty_inputs_and_bad_arguments():
    X, L = pad_sequences([])
    assert X.shape == (0, 0) and L.shape == (0,)
    X, L = pad_sequences([[], []])
    assert X.shape == (2, 0) and L.tolist() == [0, 0]
    X, _ = pad_sequences([[], [1]], maxlen=3, padding="post")
    assert X.tolist() == [[0, 0, 0], [1, 0, 0]]
    with pytest.raises(ValueError, match="padding"):
        pad_sequences(SEQS, padding="middle")
    with pytest.raises(ValueError, match="truncating"):
        pad_sequences(SEQS, truncating="both")
    with pytest.raises(ValueError, match="integer"):
        pad_sequences([[0.5, 1.0]])
