"""Data sets of the course: download cache and loaders (see ``cache`` and ``mnist``)."""
from .cache import DataUnavailableError, RemoteFile, data_dir, fetch
from .mnist import load_mnist
from .spiral import load_spiral

__all__ = ["DataUnavailableError", "RemoteFile", "data_dir", "fetch", "load_mnist", "load_spiral"]
