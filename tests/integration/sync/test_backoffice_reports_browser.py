"""The back office's report pages in a real browser (Debian's Chromium via Playwright)
on the real server and PostgreSQL: the register-check work list and the province's
indicators, reached and followed by keyboard; a screenshot of each."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import pg_or_skip
from sqlalchemy import select, update

from central.models import Participant
from central.register_check.adapter import Guarded, ReferenceRegister
from central.register_check.runner import verify
from central.seed import DEMO_OFFICE
from testkit.central_server import RunningCentral, fresh_pg_database

sys.path.insert(0, str(Path(__file__).parents[2] / "central"))
from backoffice_helpers import PASSWORD, add_staff
from central_helpers import OTHER_OFFICE, Device, dossier_item

from app.shared import wire

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


def _shot(page: object, name: str, folder: Path) -> None:
    target = SHOTS if os.environ.get("MOTCUA_WRITE_SCREENSHOTS") else folder
    target.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]
    assert (target / f"{name}.png").stat().st_size > 10_000


def _citizen(office: str, id_number: str, citizen_id: str, phone: str) -> wire.CitizenItem:
    return wire.CitizenItem(
        ref=2, office_code=office,
        citizen=wire.CitizenWire(
            id=citizen_id, row_version=1, created_at=dossier_item().dossier.created_at,
            updated_at=dossier_item().dossier.created_at, id_number=id_number,
            full_name="Tên Tại Quầy", phone=phone,
        ),
    )  # fmt: skip


def _dossier(office: str, citizen_id: str, method: str) -> wire.DossierItem:
    item = dossier_item(office=office)
    dossier = item.dossier.model_copy(update={"citizen_id": citizen_id, "identified_by": method})
    return item.model_copy(update={"dossier": dossier})


def test_the_work_list_and_the_province_indicators_in_the_browser(
    pg_central: RunningCentral, browser: object, tmp_path: Path
) -> None:
    central = pg_central
    with central.db.session() as s:
        people = list(s.scalars(select(Participant).order_by(Participant.bhxh_number).limit(4)))
        s.execute(update(Participant).where(Participant.bhxh_number == people[1].bhxh_number)
                  .values(full_name="Tên Sai Ở BHXH"))  # fmt: skip
    mine, theirs = Device(central, DEMO_OFFICE), Device(central, OTHER_OFFICE)
    citizens = [str(uuid.uuid4()) for _ in people]
    assert mine.results(
        _citizen(DEMO_OFFICE, people[0].id_number, citizens[0], "0912000111"),
        _citizen(DEMO_OFFICE, people[1].id_number, citizens[1], "0912000222"),
        *[_dossier(DEMO_OFFICE, citizens[0], "chip_trusted") for _ in range(3)],
        _dossier(DEMO_OFFICE, citizens[1], "qr"),
    )
    assert theirs.results(*[_dossier(OTHER_OFFICE, citizens[2], "typed") for _ in range(2)])
    verify(central.db, Guarded(ReferenceRegister(central.db)))
    add_staff(central.db, "truong", "office_head", [DEMO_OFFICE])

    base = central.url.replace("127.0.0.1", "localhost")  # Secure cookies over plain HTTP
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{base}/backoffice/")
    page.fill("#username", "truong")
    page.fill("#password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/backoffice/queue")

    page.goto(f"{base}/backoffice/register-check")
    assert "Tên Sai Ở BHXH" in page.inner_text("table.worklist")
    assert "608 — Điều chỉnh thông tin" in page.inner_text("table.worklist")
    _shot(page, "10-register-check", tmp_path)

    page.goto(f"{base}/backoffice/indicators?province=01&start=2026-03-01&end=2026-03-31")
    assert page.locator("svg.chart").count() == 4
    _shot(page, "11-indicators", tmp_path)
    # keyboard: Tab from the page start to the first bar that links to dossiers, Enter
    link = page.locator("svg.chart a").first
    for _ in range(60):
        page.keyboard.press("Tab")
        if link.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("no bar reachable with Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/backoffice/queue?office=" in page.url  # dossiers received: the office's queue
    page.go_back()
    page.locator("table.indicators a").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/backoffice/indicators/dossiers**")
    assert page.locator("table.queue a").count() >= 1
    _shot(page, "12-indicator-dossiers", tmp_path)
