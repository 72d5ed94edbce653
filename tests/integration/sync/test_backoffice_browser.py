"""A dossier taken in at a counter, worked in a real browser, its signed result back at
the counter and handed over at its returns screen — the citizen page, opened from the
QR code decoded off the printed receipt, showing each step. Real central server on
PostgreSQL, real sync engine, Debian's Chromium driven by Playwright, the counter's
Qt returns page driven by keyboard (pytest-qt)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import MemoryKeyring, pg_or_skip
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sync_helpers import Counter

from app.services.attachments import AttachmentStore
from app.services.calendar.store import load_calendar
from app.services.catalog.loader import Catalog
from app.services.forms.qr import lookup_url
from app.services.forms.receipt import render_receipt
from app.services.lifecycle import DeadlineRules
from app.services.paperwork import agency_from, receipt_from
from app.services.returned_results import fetch_after_pull, load_trust_roots
from app.services.storage.db import Database
from app.services.storage.models import Dossier
from app.settings import Settings
from app.shared import paths
from app.shared.result_signature import verify_result
from app.ui.dossiers import ReturnsPage
from app.ui.tasks import SyncRunner
from central.models import SyncedRow
from central.seed import DEMO_OFFICE
from central.web.office_cert import issue_office_certificate
from testkit.central_server import RunningCentral, fresh_pg_database

sys.path.insert(0, str(Path(__file__).parents[2] / "central"))
from backoffice_helpers import PASSWORD, add_staff, signing_setup

pytestmark = pytest.mark.postgres
CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).parents[3] / "docs" / "screenshots" / "backoffice"


@pytest.fixture
def pg_central() -> Iterator[RunningCentral]:
    with fresh_pg_database(pg_or_skip()) as url, RunningCentral(url, volume=20) as running:
        yield running


@pytest.fixture
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: apt-get install chromium (scripts/setup.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield instance
        instance.close()


def _qr_of_receipt(pdf: bytes, folder: Path) -> str:
    """What a phone reads from the printed receipt's QR code."""
    (folder / "receipt.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", "receipt.pdf", "page"],
        cwd=folder, check=True,
    )  # fmt: skip
    [page] = sorted(folder.glob("page*.png"))
    out = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(page)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return out.stdout.strip().splitlines()[0]


def _shot(page: object, name: str, folder: Path) -> None:
    """Every page is rendered; into docs/screenshots only when asked (make screenshots)."""
    target = SHOTS if os.environ.get("MOTCUA_WRITE_SCREENSHOTS") else folder
    target.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]
    assert (target / f"{name}.png").stat().st_size > 0


def test_counter_dossier_worked_in_the_browser_comes_back_signed_and_is_handed_over(
    pg_central: RunningCentral,
    db: Database,
    memory_keyring: MemoryKeyring,
    browser: object,
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    central = pg_central
    counter = Counter.enrolled(central, db, DEMO_OFFICE)
    [dossier_id] = counter.queue(1, seed=7)
    engine = counter.engine()
    assert engine.sync_once().error is None
    issued = signing_setup(central.db, tmp_path / "pki")
    add_staff(central.db, "lan", "processing_officer", [DEMO_OFFICE])

    # The counter keeps BHXH's result trust root; its sync fetches results after a pull.
    trust_folder = paths.config_dir() / "result-trust"
    trust_folder.mkdir(parents=True)
    shutil.copy(issued.root_cert_path, trust_folder)
    store = AttachmentStore()
    engine.after_pull = fetch_after_pull(db, store)

    # The counter printed the receipt; the citizen scans its QR code with a phone.
    # "localhost": browsers keep Secure cookies over plain HTTP only for that name.
    base = central.url.replace("127.0.0.1", "localhost")
    settings = Settings(public_lookup_base_url=base)  # the office's public address
    catalog = Catalog.load(paths.RESOURCES / "procedures")
    with db.session() as s:
        dossier = s.get(Dossier, dossier_id)
        assert dossier is not None
        code, lookup = dossier.code, dossier.lookup_code
        procedure = next(p for p in catalog.procedures if p.code == dossier.procedure_code)
        data = receipt_from(s, dossier, procedure, settings.lookup_base_url)
        receipt = render_receipt(data, agency_from(settings))
    citizen_url = _qr_of_receipt(receipt, tmp_path)  # decoded from the printed page
    assert citizen_url == lookup_url(base, code, lookup)

    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{base}/backoffice/")
    _shot(page, "01-login", tmp_path / "shots")
    page.fill("#username", "lan")
    page.fill("#password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/backoffice/queue")
    page.keyboard.press("/")  # the search box, by keyboard
    page.keyboard.type(code)
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    _shot(page, "02-queue", tmp_path / "shots")
    page.click(f"text={code}")
    assert page.inner_text("#status") == "Đã tiếp nhận"
    _shot(page, "03-dossier-received", tmp_path / "shots")
    page.click("#take")
    assert page.inner_text("#status") == "Đang giải quyết"
    page.click("#attach")  # no file chosen: the office's result notice, signed
    assert "Đã ký số và đính kèm kết quả" in page.inner_text("main")
    _shot(page, "04-dossier-result-signed", tmp_path / "shots")
    page.click("#mark-ready")
    assert page.inner_text("#status") == "Có kết quả"
    _shot(page, "05-dossier-result-ready", tmp_path / "shots")

    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, locale="vi-VN"
    )  # type: ignore[attr-defined]
    citizen = phone.new_page()
    citizen.goto(citizen_url)
    assert citizen.inner_text("#status") == "Có kết quả"
    assert "thẻ căn cước" in citizen.inner_text("#collect")
    _shot(citizen, "06-citizen-result-ready", tmp_path / "shots")
    with central.db.session() as s:
        stored = s.get(
            SyncedRow, ("citizen", s.get(SyncedRow, ("dossier", dossier_id)).data["citizen_id"])
        )  # type: ignore[union-attr]
        assert stored is not None
        for personal in (stored.data["full_name"], stored.data["id_number"]):
            assert personal not in citizen.content()

    # The counter's next sync brings the status and, right after the pull, the result.
    report = engine.sync_once()
    assert report.error is None and report.pull.dossiers >= 2
    with db.session() as s:
        assert s.get(Dossier, dossier_id).status == "result_ready"  # type: ignore[union-attr]

    # At the returns screen the officer scans the receipt, sees the verified signature,
    # prints the result and hands it over — all by keyboard.
    printed: list[bytes] = []
    rules = DeadlineRules(load_calendar(), settings.cutoff_time)
    returns = ReturnsPage(db, catalog, rules, counter.setup.officer_id, store=store,
                          print_result=printed.append, runner=SyncRunner())  # fmt: skip
    qtbot.addWidget(returns)
    returns.show()
    returns.activateWindow()
    qtbot.waitUntil(returns.isActiveWindow)
    qtbot.keyClicks(returns.search, citizen_url)  # what a 2D scanner types
    qtbot.keyClick(returns.search, Qt.Key.Key_Return)
    assert returns.selected() is not None and returns.selected().code == code  # type: ignore[union-attr]
    assert "Chữ ký số hợp lệ" in returns.result_label.text()
    assert "BHXH thử nghiệm" in returns.result_label.text()
    assert returns.collector.hasFocus() and returns.collector.text()  # the citizen's name
    qtbot.keyClick(returns.collector, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    [handed] = printed
    assert verify_result(handed, load_trust_roots()).valid
    stranger = issue_office_certificate(tmp_path / "other-ca", DEMO_OFFICE, "Không phải BHXH")
    assert not verify_result(handed, load_trust_roots([stranger.root_cert_path.parent])).trusted
    qtbot.keyClick(returns.collector, Qt.Key.Key_Return)
    assert f"Đã trả kết quả hồ sơ {code}" in returns.message.text()
    with db.session() as s:
        assert s.get(Dossier, dossier_id).status == "returned"  # type: ignore[union-attr]

    # Pushed back by the next sync, and the citizen page says so.
    assert engine.sync_once().error is None
    citizen.reload()
    assert citizen.inner_text("#status") == "Đã trả kết quả"
    _shot(citizen, "07-citizen-returned", tmp_path / "shots")
    english = phone.new_page()
    english.goto(citizen_url + "&lang=en")
    assert english.inner_text("#status") == "Results returned"
    _shot(english, "08-citizen-returned-en", tmp_path / "shots")
    page.goto(f"{base}/backoffice/queue?status=all&lang=en")
    _shot(page, "09-queue-en", tmp_path / "shots")
