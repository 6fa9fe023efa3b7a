"""course_lib: the shared NumPy library of the deep-learning-from-scratch workbook.

Notebooks start with::

    import course_lib as cl
    cl.setup()
    EPOCHS = cl.pick(full=25, quick=1)
"""
from .config import is_quick, pick, profile, seed, setup

__all__ = ["is_quick", "pick", "profile", "seed", "setup"]
__version__ = "0.1.0"
