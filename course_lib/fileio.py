"""Safe file writing shared by the data cache, saved weights and executed notebooks."""
from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path


@contextlib.contextmanager
def atomic_write(target: Path):
    """Open a temp file next to ``target`` for binary writing; rename it onto ``target``
    only if the block finishes without an exception. The temp file never outlives the
    block, so ``target`` is either the old file or the complete new one.

    Use: ``with atomic_write(path) as f: f.write(...)``. Raise inside the block to
    discard what was written.
    """
    target = Path(target)
    tmp = target.with_name(f"{target.name}.part-{secrets.token_hex(6)}")
    try:
        with open(tmp, "xb") as f:  # "x": never clobber; permissions follow the umask
            yield f
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
