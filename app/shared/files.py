"""Writing a file whole or not at all.

A crash, a full disk or a pulled USB stick mid-write must leave the old file (or no
file), never half of the new one: write a temporary file in the same folder, fsync it,
rename it over the target, then fsync the folder so the rename itself survives a power
cut (not possible on Windows, where the rename is already durable enough).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomically(target: Path, data: bytes, *, make_folder: bool = True) -> None:
    """Replace ``target`` with ``data``; the temporary file is created 0600. An export
    to a folder the officer chose passes ``make_folder=False``: a folder that has gone
    (a pulled USB stick) is an error, not something to recreate."""
    if make_folder:
        target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError, AttributeError):
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
