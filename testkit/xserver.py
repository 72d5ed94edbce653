"""A private X server (Xvfb) for tests that need a real screen: it picks a free
display number itself (``-displayfd``) and is stopped by PID afterwards."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator


@contextlib.contextmanager
def xvfb(width: int, height: int) -> Iterator[str]:
    """Yields the display (``":N"``) of a new Xvfb screen of ``width``×``height``."""
    if not shutil.which("Xvfb"):
        raise RuntimeError("Xvfb is not installed (scripts/setup.sh installs it)")
    read, write = os.pipe()
    server = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write),
            "-screen",
            "0",
            f"{width}x{height}x24",
            "-nolisten",
            "tcp",
        ],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not report its display")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)
