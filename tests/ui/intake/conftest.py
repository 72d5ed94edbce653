"""The counter flow as an officer drives it: a signed-in demo session with the real
pcscd, the project's virtual card on reader "Virtual PCD 00 00", and the CUPS queue."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.services.demo import DEMO_PASSWORD, DEMO_USER
from app.settings import Settings
from app.ui.session import CounterSession

READER = "Virtual PCD 00 00"


def _unavailable(what: str, flag: str) -> None:
    if os.environ.get(flag) == "1":
        pytest.fail(f"{what} ({flag}=1)", pytrace=False)
    pytest.skip(what)


@pytest.fixture
def pcsc() -> None:
    if subprocess.run(["pgrep", "-x", "pcscd"], capture_output=True).returncode != 0:
        _unavailable("pcscd is not running", "MOTCUA_REQUIRE_PCSC")


@pytest.fixture
def cups() -> str:
    out = subprocess.run(["lpstat", "-r"], capture_output=True, text=True).stdout
    if (
        "is running" not in out
        or subprocess.run(["lpstat", "-p", "PDF"], capture_output=True).returncode
    ):
        _unavailable("no CUPS scheduler with the PDF queue", "MOTCUA_REQUIRE_CUPS")
    return "PDF"


@pytest.fixture
def session(request, qtbot, demo_db, pcsc, monkeypatch) -> Iterator[CounterSession]:
    """Logged in as the demo officer; printing goes to the CUPS "PDF" queue. The
    embedded central service and sync start only when a test asks (indirect param)."""
    monkeypatch.delenv("MOTCUA_PRINT_RASTER", raising=False)
    s = CounterSession(
        demo_db,
        Settings(default_printer="PDF"),
        demo=True,
        start_sync=getattr(request, "param", False),
    )

    def log_in() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, log_in)
            return
        dialog.username.setText(DEMO_USER)
        dialog.password.setText(DEMO_PASSWORD)
        dialog.try_login()

    QTimer.singleShot(0, log_in)
    assert s.start()
    qtbot.addWidget(s.main)
    s.main.activateWindow()
    qtbot.waitUntil(s.main.isActiveWindow, timeout=3000)
    yield s
    s.virtual_cards.remove()
    s.shutdown()


def cups_out_dirs() -> list[Path]:
    home = Path(os.environ.get("HOME", "/root"))
    return [home / "PDF", Path("/var/spool/cups-pdf/ANONYMOUS")]


@pytest.fixture
def printed_files(cups) -> Iterator[Callable[[str, int], list[Path]]]:
    """Wait for the cups-pdf files whose job title holds ``marker`` (files that were
    there before the test — an earlier run's — do not count)."""
    found: list[Path] = []
    before = {p for d in cups_out_dirs() if d.is_dir() for p in d.glob("*.pdf")}

    def wait(marker: str, count: int, timeout: float = 60) -> list[Path]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            hits = sorted(
                p
                for d in cups_out_dirs()
                if d.is_dir()
                for p in d.glob(f"*{marker}*.pdf")
                if p not in before
            )
            pending = subprocess.run(["lpstat", "-o", "PDF"], capture_output=True, text=True).stdout
            if (
                len(hits) >= count
                and not pending.strip()
                and all(p.read_bytes().rstrip().endswith(b"%%EOF") for p in hits)
            ):
                found.extend(hits)
                return hits
            QApplication.processEvents()
            time.sleep(0.2)
        pytest.fail(f"no printed file with {marker!r} in {cups_out_dirs()}")

    yield wait
    for p in found:
        p.unlink(missing_ok=True)


def zbar(pdf: Path, tmp_path: Path, page: int = 1) -> list[str]:
    prefix = tmp_path / f"{pdf.stem}-p{page}"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "200",
            "-gray",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(prefix),
        ],
        check=True,
    )
    image = next(tmp_path.glob(f"{prefix.name}.*"))
    out = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True)
    return out.stdout.decode().split()


def pdf_text(pdf: bytes) -> str:
    assert shutil.which("pdftotext")
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
