"""Penn Treebank language-model data (Mikolov's preprocessed PTB, as book 2 uses it),
and a small built-in corpus in the same conventions for the quick profile.

``load_data(split)`` → ``corpus`` (L,) int32 word ids, ``word_to_id``, ``id_to_word``.
Lines end with ``<eos>``; the vocabulary (10,000 words for PTB) is built from the
train split in order of first appearance, so ids are the same for every split.
"""
from __future__ import annotations

import functools

import numpy as np

from ..config import is_quick
from .cache import REGISTRY, DataUnavailableError, fetch_all

SPLITS = ("train", "valid", "test")


def _tokens(text: str) -> list[str]:
    return text.replace("\n", " <eos> ").split()


@functools.lru_cache(maxsize=4)
def _load_texts(source: str) -> dict[str, str]:
    if source == "ptb":
        paths = fetch_all([REGISTRY[f"ptb/ptb.{s}.txt"] for s in SPLITS], what="PTB")
        return {s: p.read_text(encoding="utf-8") for s, p in zip(SPLITS, paths)}
    return builtin_texts()


@functools.lru_cache(maxsize=4)
def _vocab(source: str):
    word_to_id: dict[str, int] = {}
    for word in _tokens(_load_texts(source)["train"]):
        if word not in word_to_id:
            word_to_id[word] = len(word_to_id)
    return word_to_id


def load_data(split: str = "train", *, source: str = "auto"):
    """Word ids of one split and the vocabulary.

    ``split``: ``'train'``, ``'valid'`` (or ``'val'``) or ``'test'``.
    ``source``: ``'ptb'`` (the real PTB via the download cache), ``'builtin'`` (the
    project's small generated corpus) or ``'auto'``: built-in in the quick profile,
    else PTB, falling back to the built-in corpus (with a message) when PTB can't be
    had. Returns ``corpus`` (L,) int32, ``word_to_id`` dict, ``id_to_word`` dict.
    """
    split = "valid" if split == "val" else split
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, got {split!r}")
    if source not in ("auto", "ptb", "builtin"):
        raise ValueError(f"source must be 'auto', 'ptb' or 'builtin', got {source!r}")
    if source == "auto":
        source = "builtin" if is_quick() else "ptb"
        if source == "ptb":
            try:
                _load_texts("ptb")
            except DataUnavailableError as err:
                print("PTB을 구할 수 없어 내장 소형 말뭉치로 대신합니다 "
                      "(PTB unavailable; using the built-in corpus).\n"
                      f"  이유 (why): {str(err).splitlines()[0]}\n"
                      "  전체 데이터 받기: `make data`, 또는 COURSE_DATA_MIRROR=file:///…/datasets")
                source = "builtin"
    word_to_id = _vocab(source)
    words = _tokens(_load_texts(source)[split])
    unknown = [w for w in set(words) if w not in word_to_id]
    if unknown:
        raise ValueError(f"{split} split has words outside the train vocabulary: {unknown[:5]}")
    corpus = np.fromiter((word_to_id[w] for w in words), dtype=np.int32, count=len(words))
    id_to_word = {i: w for w, i in word_to_id.items()}
    name = "PTB" if source == "ptb" else "내장 소형 말뭉치 (built-in corpus)"
    print(f"{name} {split}: {len(corpus):,} 단어, 어휘 {len(word_to_id):,}개")
    return corpus, dict(word_to_id), id_to_word


# ----------------------------------------------------------------------------------
# The built-in corpus: sentences from a small random grammar, PTB-style (lower case,
# numbers as N, rare words as <unk>, one sentence per line). Deterministic.
_WORDS = {
    "det": "the a this that every".split(),
    "adj": ("new big small old major local federal strong weak early late top private public "
            "japanese american foreign financial").split(),
    "noun": ("company market bank stock price share investor government president chairman "
             "unit firm fund trader analyst bond dollar rate year quarter month week plan "
             "deal report board group industry program").split(),
    "nouns": ("companies markets banks stocks prices shares investors officials units firms "
              "funds traders analysts bonds rates plans deals reports groups sales profits").split(),
    "name": ("ibm sony ford boeing texaco exxon chrysler honda nissan merrill <unk>").split(),
    "verb": ("bought sold raised cut reported expected announced acquired approved rejected "
             "increased reduced").split(),
    "ivverb": ("rose fell gained declined slipped jumped climbed dropped").split(),
    "say": "said added noted reported".split(),
    "prep": "in for on at from with after during".split(),
    "adv": "sharply slightly yesterday recently again also".split(),
}


def _sentence(rng) -> list[str]:
    W = _WORDS

    def pick(kind):
        words = W[kind]
        return words[int(rng.integers(len(words)))]

    def np_():
        r = rng.random()
        if r < 0.45:
            words = [pick("det")] + ([pick("adj")] if rng.random() < 0.5 else []) + [pick("noun")]
        elif r < 0.7:
            words = [pick("name")]
        elif r < 0.9:
            words = ["N"] + ([pick("adj")] if rng.random() < 0.3 else []) + [pick("nouns")]
        else:
            words = ["$", "N", "million"]
        return words

    def vp():
        r = rng.random()
        if r < 0.5:
            words = [pick("verb")] + np_()
        else:
            words = [pick("ivverb")] + (["N", "%"] if rng.random() < 0.6 else [pick("adv")])
        if rng.random() < 0.4:
            words += [pick("prep")] + np_()
        return words

    if rng.random() < 0.25:
        return np_() + [pick("say")] + np_() + vp()
    return np_() + vp()


@functools.lru_cache(maxsize=1)
def builtin_texts(n_train: int = 4000, n_valid: int = 400, n_test: int = 400, seed: int = 2016) -> dict[str, str]:
    """The built-in corpus as PTB-style text per split (about 40k/4k/4k words)."""
    rng = np.random.default_rng(seed)
    texts = {}
    for split, n in (("train", n_train), ("valid", n_valid), ("test", n_test)):
        texts[split] = "".join(" " + " ".join(_sentence(rng)) + " \n" for _ in range(n))
    return texts
