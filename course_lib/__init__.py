"""course_lib: the shared NumPy library of the deep-learning-from-scratch workbook.

Notebooks start with::

    import course_lib as cl
    cl.setup()
    EPOCHS = cl.pick(full=25, quick=1)
"""
from .config import is_quick, pick, profile, seed, setup

import importlib

__all__ = ["is_quick", "pick", "profile", "seed", "setup"]

# Submodules load on first use (``cl.widgets``, ``cl.datasets``, ...), so that
# ``import course_lib`` stays fast and notebooks need only one import line.
_SUBMODULES = {"attention", "augment", "config", "conv", "datasets", "functions", "gradcheck", "grading",
               "hyperparams", "layers", "models", "ngram", "optimizers", "plotting", "recipes", "syllabus",
               "text", "time_layers", "training", "widgets", "word2vec"}


def __getattr__(name):
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'course_lib' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | _SUBMODULES)
__version__ = "0.1.0"
