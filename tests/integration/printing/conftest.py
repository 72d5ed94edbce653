"""A real CUPS queue named "PDF" (cups-pdf) for the print path.

Skipped with the reason when no scheduler or queue is there, unless
``MOTCUA_REQUIRE_CUPS=1`` (CI), where a missing queue fails the run instead.
To run them (Debian: cups, printer-driver-cups-pdf), as root:

    cupsd                      # then wait until `lpstat -r` says "is running"
    lpadmin -p PDF -v cups-pdf:/ -E -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd
    lpadmin -d PDF
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

QUEUE = "PDF"
CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")


def _unavailable(reason: str) -> None:
    if os.environ.get("MOTCUA_REQUIRE_CUPS") == "1":
        pytest.fail(f"CUPS required (MOTCUA_REQUIRE_CUPS=1) but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def cups_queue() -> str:
    if shutil.which("lpstat") is None:
        _unavailable("CUPS client tools (lpstat) are not installed")
    status = subprocess.run(["lpstat", "-r"], capture_output=True, text=True)
    # lpstat -r exits 0 even when the scheduler is down: read what it says
    if "is running" not in status.stdout or "not running" in status.stdout:
        _unavailable("no CUPS scheduler is running (see tests/integration/printing/conftest.py)")
    queue = subprocess.run(["lpstat", "-p", QUEUE], capture_output=True, text=True)
    if queue.returncode != 0:
        _unavailable(f'CUPS has no queue named "{QUEUE}" (lpadmin -p PDF -v cups-pdf:/ …)')
    return QUEUE


def cups_pdf_out_dirs() -> list[Path]:
    """Where cups-pdf writes: its ``Out`` setting (``${HOME}`` of the job's user)
    and the anonymous spool it falls back to."""
    out = "/var/spool/cups-pdf/${USER}"
    if CUPS_PDF_CONF.exists():
        for line in CUPS_PDF_CONF.read_text(encoding="utf-8", errors="replace").splitlines():
            match = re.match(r"\s*Out\s+(\S+)", line)
            if match:
                out = match.group(1)
    user = pwd.getpwuid(os.getuid())
    resolved = out.replace("${HOME}", user.pw_dir).replace("${USER}", user.pw_name)
    return [Path(resolved), Path("/var/spool/cups-pdf/ANONYMOUS")]


def _pending_jobs() -> str:
    return subprocess.run(["lpstat", "-o", QUEUE], capture_output=True, text=True).stdout.strip()


@pytest.fixture
def find_cups_output() -> Callable[[str], Path]:
    """Wait for the cups-pdf file of a job title; the title is unique per test."""
    found: list[Path] = []

    def find(job_title: str, timeout: float = 60.0) -> Path:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            hits = [
                p for d in cups_pdf_out_dirs() if d.is_dir() for p in d.glob(f"{job_title}*.pdf")
            ]
            # done when CUPS has no unfinished job left and the file is a whole PDF
            if hits and not _pending_jobs() and hits[0].read_bytes().rstrip().endswith(b"%%EOF"):
                found.append(hits[0])
                return hits[0]
            time.sleep(0.3)
        pytest.fail(f"cups-pdf wrote no file for job {job_title!r} in {cups_pdf_out_dirs()}")

    yield find
    for path in found:  # keep the spool clean: these hold fictitious data only
        path.unlink(missing_ok=True)
