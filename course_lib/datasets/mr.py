"""Movie-review sentence polarity: Pang & Lee's sentence polarity data set v1.0 ("MR").

MR holds 5,331 positive and 5,331 negative one-sentence snippets of movie reviews
(``rt-polarity.pos`` / ``rt-polarity.neg``, Latin-1 bytes, one sentence a line,
already lower-cased and tokenized: tokens are separated by spaces). The files come
through the download cache (SHA-256 verified, ``COURSE_DATA_MIRROR`` first).

- ``load_mr_text(source)``: the sentences as token lists with labels, split into train
  and test by :func:`stratified_split` (seeded, stratified, 90/10 by default).
- ``load_mr(source)``: the same split as word ids, plus a :class:`WordVocab` built
  from the training split only (rare training words and every word the training split
  lacks become ``<unk>``; ``<pad>`` is id 0).
- ``data/mr_sample.tsv``: a small labelled English set written by hand for this
  project in MR's style (not MR data): the quick profile and the offline fallback.

Labels: ``t = 1`` positive, ``t = 0`` negative. Nothing here keeps module-level state:
every call reads the files again and builds its own vocabulary.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import numpy as np

from ..config import is_quick
from .cache import REGISTRY, DataUnavailableError, data_dir, fetch_all

FILES = ("mr/rt-polarity.pos", "mr/rt-polarity.neg")   # label 1, label 0
SAMPLE_PATH = Path(__file__).resolve().parents[2] / "data" / "mr_sample.tsv"
SOURCES = ("auto", "mr", "sample")
SPLIT_SEED = 2005          # seed of the train/test split (the year of Pang & Lee's paper)
TEST_FRACTION = 0.1
LABEL_NAMES = ("부정 (negative)", "긍정 (positive)")   # index = label
PAD, UNK = "<pad>", "<unk>"

_TOKEN = re.compile(r"\w+(?:['\-]\w+)*|--|[^\w\s]")


def tokenize(text: str) -> list[str]:
    """Split an English sentence the way MR is written: lower case, punctuation as
    separate tokens (``"..."`` → ``. . .``), ``--`` kept, words with inner apostrophes
    or hyphens kept whole (``it's``, ``well-made``)."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return _TOKEN.findall(text)


class WordVocab:
    """Word ↔ id table of a sentiment data set.

    ``id_to_word[i]`` is the word of id ``i``; id 0 is ``<pad>``, id 1 ``<unk>``, then
    the kept words by training count (most frequent first; ties in order of first
    appearance). ``counts[i]`` is the training count of word ``i`` (0 for the two
    special tokens). ``len(vocab)`` is the vocabulary size V.
    """

    pad_id = 0
    unk_id = 1

    def __init__(self, id_to_word, counts=None):
        id_to_word = list(id_to_word)
        if id_to_word[:2] != [PAD, UNK]:
            raise ValueError(f"a WordVocab starts with {PAD!r}, {UNK!r}; got {id_to_word[:2]}")
        if len(set(id_to_word)) != len(id_to_word):
            raise ValueError("a WordVocab lists every word once")
        self.id_to_word = id_to_word
        self.word_to_id = {w: i for i, w in enumerate(id_to_word)}
        self.counts = (np.zeros(len(id_to_word), dtype=np.int64) if counts is None
                       else np.asarray(counts, dtype=np.int64))

    @classmethod
    def build(cls, sentences, min_count: int = 2, max_size: int | None = None) -> "WordVocab":
        """Vocabulary of ``sentences`` (token lists, the training split only): every word
        seen at least ``min_count`` times, at most ``max_size`` ids in all (specials
        included)."""
        if min_count < 1:
            raise ValueError(f"min_count must be >= 1, got {min_count}")
        counter = Counter(w for s in sentences for w in s)
        counter.pop(PAD, None)
        counter.pop(UNK, None)
        kept = sorted((w for w, c in counter.items() if c >= min_count), key=lambda w: -counter[w])
        if max_size is not None:
            kept = kept[:max(max_size - 2, 0)]
        return cls([PAD, UNK] + kept, [0, 0] + [counter[w] for w in kept])

    def __len__(self) -> int:
        return len(self.id_to_word)

    def __contains__(self, word) -> bool:
        return word in self.word_to_id

    def encode(self, sentence) -> np.ndarray:
        """Ids of one sentence: a token list, or a string (split by :func:`tokenize`).
        Unknown words → ``unk_id``. Returns int32 (L,)."""
        tokens = tokenize(sentence) if isinstance(sentence, str) else sentence
        get, unk = self.word_to_id.get, self.unk_id
        return np.fromiter((get(w, unk) for w in tokens), dtype=np.int32, count=len(tokens))

    def encode_batch(self, sentences) -> list[np.ndarray]:
        """:meth:`encode` of each sentence: a list of int32 arrays of varying lengths."""
        return [self.encode(s) for s in sentences]

    def decode(self, ids, skip_pad: bool = True) -> str:
        """The words of a 1-D id sequence (L,) joined by spaces (``<pad>`` left out)."""
        ids = np.asarray(ids)
        if ids.ndim != 1:
            raise ValueError(f"decode takes one sequence of shape (L,), got shape {ids.shape}")
        return " ".join(self.id_to_word[int(i)] for i in ids if not (skip_pad and i == self.pad_id))

    def unk_rate(self, sentences) -> float:
        """Fraction of the tokens of ``sentences`` that this vocabulary maps to ``<unk>``."""
        total = sum(len(s) for s in sentences)
        unknown = sum(w not in self.word_to_id for s in sentences for w in s)
        return unknown / max(total, 1)

    def __repr__(self) -> str:
        return f"WordVocab(V={len(self)}, first words {self.id_to_word[2:7]})"


def stratified_split(labels, test_fraction: float = TEST_FRACTION, seed: int = SPLIT_SEED):
    """Seeded stratified split: ``(train_idx, test_idx)``, int arrays of row indices.

    From each class, ``round(test_fraction · n_class)`` rows drawn at random (with
    ``np.random.default_rng(seed)``) go to the test part, so both parts keep the class
    proportions; both index arrays are in shuffled order.
    """
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be in (0, 1), got {test_fraction}")
    labels = np.asarray(labels)
    rng = np.random.default_rng(seed)
    train, test = [], []
    for c in np.unique(labels):
        idx = rng.permutation(np.flatnonzero(labels == c))
        k = int(round(test_fraction * len(idx)))
        test.append(idx[:k])
        train.append(idx[k:])
    return rng.permutation(np.concatenate(train)), rng.permutation(np.concatenate(test))


def _read_mr() -> tuple[list[list[str]], np.ndarray]:
    paths = fetch_all([REGISTRY[name] for name in FILES], what="MR (sentence polarity v1.0)")
    sentences, labels = [], []
    for path, label in zip(paths, (1, 0)):
        # lines end at b"\n" only (str.splitlines would also break at byte 0x85, a Windows
        # ellipsis glued between two words in 22 lines); str.split then treats that U+0085
        # as whitespace, so "hmmm\x85might" gives the two tokens "hmmm", "might"
        lines = [line.split() for line in path.read_bytes().decode("latin-1").split("\n")]
        lines = [s for s in lines if s]
        sentences += lines
        labels += [label] * len(lines)
    return sentences, np.array(labels, dtype=np.int32)


def read_sample(path=SAMPLE_PATH) -> tuple[list[list[str]], np.ndarray]:
    """The project's hand-written sample (``data/mr_sample.tsv``): token lists and labels."""
    sentences, labels = [], []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        label, sep, text = line.partition("\t")
        if not sep or label not in ("0", "1"):
            raise ValueError(f"{path}:{n}: expected '<0 or 1><TAB><sentence>', got {line!r}")
        sentences.append(text.split())
        labels.append(int(label))
    return sentences, np.array(labels, dtype=np.int32)


def _fallback_message(err: DataUnavailableError) -> str:
    root = data_dir()
    files = "\n".join(f"    {root / name}  ←  {REGISTRY[name].urls[0]}" for name in FILES)
    return ("MR을 구할 수 없어 프로젝트가 직접 쓴 소형 표본(data/mr_sample.tsv)으로 대신합니다 "
            "(MR unavailable; using the project's small hand-written sample, not MR).\n"
            f"  이유 (why): {str(err).splitlines()[0]}\n"
            "  MR을 쓰려면 다음 두 파일을 내려받아 고치지 말고 왼쪽 경로에 저장하세요 "
            "(save these two files, unchanged, at the paths shown):\n"
            f"{files}\n"
            "  또는 `python -m course_lib data`, 또는 COURSE_DATA_MIRROR=file:///…/datasets")


def load_mr_text(source: str = "auto", *, seed: int = SPLIT_SEED, test_fraction: float = TEST_FRACTION,
                 limit: int | None = None, verbose: bool = True):
    """Sentences (token lists) and labels, split into train and test.

    ``source``: ``'mr'`` (the real MR via the download cache; raises
    ``DataUnavailableError`` when it can't be had), ``'sample'`` (the project's
    hand-written ``data/mr_sample.tsv``, 300 sentences, not MR) or ``'auto'``: the
    sample in the quick profile, else MR, falling back to the sample with a message
    saying which files to download and where.
    ``limit``: keep at most ``limit`` sentences per class (a seeded random choice)
    before splitting. The split is :func:`stratified_split` with ``seed`` and
    ``test_fraction`` (default: stratified 90/10, seed 2005).

    Returns ``(s_train, t_train), (s_test, t_test), source`` with ``s_*`` lists of
    token lists, ``t_*`` (N,) int32 labels (1 positive, 0 negative) and ``source`` the
    name of the data actually used (``'mr'`` or ``'sample'``).
    """
    if source not in SOURCES:
        raise ValueError(f"source must be one of {SOURCES}, got {source!r}")
    fallback = source == "auto"
    if source == "auto":
        source = "sample" if is_quick() else "mr"
    if source == "mr":
        try:
            sentences, labels = _read_mr()
        except DataUnavailableError as err:
            if not fallback:
                raise
            print(_fallback_message(err), flush=True)
            source = "sample"
    if source == "sample":
        sentences, labels = read_sample()
    if limit is not None:
        if limit < 1:
            raise ValueError(f"limit must be >= 1, got {limit}")
        rng = np.random.default_rng(seed + 1)
        keep = np.sort(np.concatenate([rng.permutation(np.flatnonzero(labels == c))[:limit]
                                       for c in np.unique(labels)]))
        sentences, labels = [sentences[i] for i in keep], labels[keep]
    train_idx, test_idx = stratified_split(labels, test_fraction, seed)
    s_train, s_test = [sentences[i] for i in train_idx], [sentences[i] for i in test_idx]
    t_train, t_test = labels[train_idx], labels[test_idx]
    if verbose:
        name = ("MR (Pang & Lee 2005, sentence polarity v1.0)" if source == "mr" else
                "프로젝트가 직접 쓴 소형 표본 (data/mr_sample.tsv, MR이 아님; hand-written sample, not MR)")
        print(f"{name}: train {len(s_train):,}문장, test {len(s_test):,}문장 "
              f"(층화 {100 - round(100 * test_fraction)}/{round(100 * test_fraction)} 분할, seed {seed})")
    return (s_train, t_train), (s_test, t_test), source


def load_mr(source: str = "auto", *, min_count: int = 2, max_size: int | None = None,
            seed: int = SPLIT_SEED, test_fraction: float = TEST_FRACTION, limit: int | None = None,
            verbose: bool = True):
    """Word ids of MR (or the sample), split as :func:`load_mr_text` splits it.

    The vocabulary is built from the training split only (:meth:`WordVocab.build` with
    ``min_count`` and ``max_size``): a training word seen fewer than ``min_count``
    times, and every test word the training split lacks, becomes ``<unk>`` (id 1);
    ``<pad>`` is id 0. Returns ``(x_train, t_train), (x_test, t_test), vocab`` with
    ``x_*`` lists of int32 id arrays (one per sentence, lengths vary: pad them with
    :func:`course_lib.datasets.pad_sequences`), ``t_*`` (N,) int32 labels and
    ``vocab`` a :class:`WordVocab`.
    """
    (s_train, t_train), (s_test, t_test), _ = load_mr_text(
        source, seed=seed, test_fraction=test_fraction, limit=limit, verbose=verbose)
    vocab = WordVocab.build(s_train, min_count=min_count, max_size=max_size)
    if verbose:
        print(f"어휘 (vocabulary, train에서만): {len(vocab):,}개 (min_count={min_count}); "
              f"<unk> 비율 train {vocab.unk_rate(s_train):.1%}, test {vocab.unk_rate(s_test):.1%}")
    return (vocab.encode_batch(s_train), t_train), (vocab.encode_batch(s_test), t_test), vocab
