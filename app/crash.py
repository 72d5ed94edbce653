"""Crash reports for bugs: what a developer needs, with no personal data.

A report holds versions, the platform and the stack (file, line, function) of the
exception. It deliberately leaves out the exception's message and any local
variables: either may hold a citizen's name or ID number.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.metadata
import platform
import sys
import traceback
from pathlib import Path
from types import TracebackType

from app import __version__
from app.shared import paths


def format_report(exc_type: type[BaseException], tb: TracebackType | None) -> str:
    lines = [
        f"MotCua {__version__} crash report",
        f"time (UTC): {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')}",
        f"python: {platform.python_version()} on {platform.platform()}",
        f"exception: {exc_type.__module__}.{exc_type.__qualname__}",
        "stack (most recent call last):",
    ]
    for frame in traceback.extract_tb(tb):
        lines.append(f"  {_short_path(frame.filename)}:{frame.lineno} in {frame.name}")
    with contextlib.suppress(importlib.metadata.PackageNotFoundError):  # metadata: no Qt import
        lines.append(f"pyside6: {importlib.metadata.version('PySide6-Essentials')}")
    return "\n".join(lines) + "\n"


def _short_path(filename: str) -> str:
    """Paths relative to the package or site-packages: no user names from home folders."""
    for marker in ("/app/", "/central/", "site-packages/", "/lib/python"):
        idx = filename.replace("\\", "/").rfind(marker)
        if idx >= 0:
            return filename.replace("\\", "/")[idx + 1 :]
    return Path(filename).name


def write_report(
    exc_type: type[BaseException], tb: TracebackType | None, folder: Path | None = None
) -> Path:
    folder = folder or paths.crash_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"crash-{stamp}.txt"
    path.write_text(format_report(exc_type, tb), encoding="utf-8")
    return path


def install_cli_hook() -> None:
    """For the command line: a report file and one line on stderr instead of a traceback."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        path = write_report(exc_type, tb)
        print(f"Lỗi phần mềm. Báo cáo lỗi đã được ghi vào {path}", file=sys.stderr)

    sys.excepthook = hook
