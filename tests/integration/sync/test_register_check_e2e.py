"""End to end on PostgreSQL: a counter's dossiers reach central, ``motcua-central
verify-register`` is killed mid-run and resumed without checking anyone twice, and its
findings show in the back-office work list, at the counter for the citizen who differs,
and in the indicators of the office and of the province."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, update
from sync_helpers import Counter

from app.services import office_indicators, register_state
from app.services.calendar.days import local
from app.services.calendar.store import CalendarStore, load_calendar
from app.services.card.passive_auth import TrustStore
from app.services.catalog import Catalog
from app.services.catalog.store import CatalogStore
from app.services.dossiers import IntakeRequest, ReceivedPaper, create_dossier
from app.services.identity import Checks, Identity, IdentitySource, Verdict
from app.services.security.accounts import SignedIn
from app.services.storage.db import Database
from app.services.storage.models import Counter as CounterRow
from app.services.storage.models import Office, Officer
from app.settings import Settings
from app.shared import paths
from app.shared.types import utcnow
from app.ui.intake.controller import IntakeController
from app.ui.intake.register_banner import RegisterBanner
from app.ui.reports.indicators_page import IndicatorsPage
from app.ui.tasks import SyncRunner
from central.models import Participant, Person
from central.register_check.models import RegisterCheck
from central.seed import DEMO_OFFICE
from testkit.central_server import RunningCentral, fresh_pg_database, pg_url_from_env

pytestmark = pytest.mark.postgres
REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def pg_central() -> Iterator[RunningCentral]:
    base = pg_url_from_env()
    if base is None:
        if os.environ.get("MOTCUA_REQUIRE_PG") == "1":
            pytest.fail("MOTCUA_REQUIRE_PG=1 but MOTCUA_TEST_PG_URL is not set")
        pytest.skip("MOTCUA_TEST_PG_URL not set (scripts/postgres.sh start)")
    with fresh_pg_database(base) as url, RunningCentral(url, volume=1500) as running:
        yield running


def _identity(person: Person, trusted: bool) -> Identity:
    return Identity(
        id_number=person.id_number,
        full_name=person.full_name,
        date_of_birth=person.date_of_birth,
        dob_text=person.dob_text,
        sex=person.sex,
        source=IdentitySource.CHIP if trusted else IdentitySource.TYPED,
        residence=person.residence,
        checks=Checks(passive=Verdict.PASSED) if trusted else Checks(),
    )


def _take_in(db: Database, identity: Identity) -> str:
    catalog = Catalog.load(paths.RESOURCES / "procedures")
    procedure = catalog.get("603")
    with db.session() as s:
        office = s.scalars(select(Office).where(Office.code == DEMO_OFFICE)).one()
        counter = s.scalars(select(CounterRow).where(CounterRow.office_id == office.id)).one()
        officer = s.scalars(select(Officer).where(Officer.office_id == office.id)).one()
    papers = {d.id: ReceivedPaper(originals=d.count) for d in procedure.required_documents()}
    dossier = create_dossier(
        db,
        IntakeRequest(
            identity,
            procedure,
            papers,
            officer,
            counter,
            office,
            Settings(office_code=DEMO_OFFICE),
            load_calendar(),
            catalog.version,
        ),
    )
    return dossier.code


def _verify_register(url: str, *extra: str, **kw: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "central", "--db", url, "verify-register", *extra],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kw,  # type: ignore[arg-type]
    )


def test_register_check_end_to_end_on_postgresql(
    qtbot, pg_central: RunningCentral, db: Database, memory_keyring: object
) -> None:
    central = pg_central
    url = central.db.engine.url.render_as_string(hide_password=False)
    counter = Counter.enrolled(central, db, DEMO_OFFICE)
    with central.db.session() as s:
        differs, fine = s.scalars(select(Person).order_by(Person.id_number).limit(2)).all()
        assert differs.date_of_birth is not None
        wrong = differs.date_of_birth + dt.timedelta(days=2)
        s.execute(
            update(Participant)
            .where(Participant.id_number == differs.id_number)
            .values(date_of_birth=wrong, version=Participant.version + 1)
        )
    # the counter receives both citizens and syncs
    code_differs = _take_in(db, _identity(differs, trusted=True))
    code_fine = _take_in(db, _identity(fine, trusted=False))
    report = counter.engine().sync_once()
    assert report.error is None and report.push.sent >= 2

    # the check is killed mid-run, then resumed: nobody is checked twice
    slow = _verify_register(url, "--rate", "400", "--batch", "50", "--progress-every", "0.2")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with central.db.session() as s:
            if len(s.scalars(select(RegisterCheck.bhxh_number)).all()) >= 600:
                break
        time.sleep(0.1)
    slow.send_signal(signal.SIGKILL)
    slow.communicate(timeout=10)
    with central.db.session() as s:
        before = {r.bhxh_number: r.checked_at for r in s.scalars(select(RegisterCheck))}
    assert 600 <= len(before) < 1500
    resumed = _verify_register(url, "--rate", "0")
    out, err = resumed.communicate(timeout=120)
    assert resumed.returncode == 0, err
    assert json.loads(out)["resumed"] is True
    with central.db.session() as s:
        after = {r.bhxh_number: r.checked_at for r in s.scalars(select(RegisterCheck))}
        participants = len(s.scalars(select(Participant.bhxh_number)).all())
    assert len(after) == participants
    assert all(after[k] == at for k, at in before.items())

    # the back-office work list names the citizen, what differs, whom to call
    with central.admin() as admin:
        work = admin.get(
            "/api/v1/backoffice/register-check/worklist", params={"office": DEMO_OFFICE}
        ).json()
        today = local(utcnow()).date()
        period = {
            "province": "01",
            "start": today.replace(day=1).isoformat(),
            "end": today.isoformat(),
        }
        province = admin.get("/api/v1/backoffice/indicators", params=period).json()
        behind = admin.get(
            "/api/v1/backoffice/indicators/dossiers",
            params={**period, "office": DEMO_OFFICE, "key": "register.verified"},
        ).json()
    assert [i["id_number"] for i in work["items"]] == [differs.id_number]
    item = work["items"][0]
    assert item["differences"] == [
        {
            "field": "date_of_birth",
            "declared": wrong.isoformat(),
            "registered": differs.date_of_birth.isoformat(),
        }
    ]
    assert item["contacts"][0]["office_code"] == DEMO_OFFICE and item["procedure_code"] == "608"

    # the office and the province: one of the two participants verified
    units = {u["office_code"]: u for u in province["units"]}
    for unit in (units[DEMO_OFFICE], units[""]):
        assert unit["dossiers"] == 2
        assert (unit["register"]["count"], unit["register"]["total"]) == (1, 2)
    trusted = next(
        f for f in units[DEMO_OFFICE]["identification"] if f["key"] == "identified.chip_trusted"
    )
    assert trusted["count"] == 1
    assert behind["codes"] == [code_fine]

    # the counter shows the differing citizen's state and offers the adjustment
    officer = SignedIn(*_officer_of(db, counter.setup.officer_id))
    controller = IntakeController(
        db, Settings(office_code=DEMO_OFFICE), officer, CatalogStore(), CalendarStore(),
        TrustStore(), SyncRunner(), SyncRunner(),
    )  # fmt: skip
    banner = RegisterBanner(
        controller,
        SyncRunner(),
        lambda i: register_state.look_up(counter.store, i, demo=True),
    )
    qtbot.addWidget(banner)
    controller.typed(_identity(differs, trusted=False))
    assert banner.state is not None and banner.state.state == "differs"
    assert banner.adjust.isVisibleTo(banner)
    banner.adjust.click()
    assert controller.state.procedure_code == "608"

    # and the office head's own indicators at the counter count the same dossiers, with
    # the register figure fetched from central and its dossiers listed from the counter
    with db.session() as s:
        mine = office_indicators.for_office(s, today.replace(day=1), today, utcnow())
    assert mine.dossiers == 2
    assert {mine.codes[i] for i in mine.figure("identified.chip_trusted").dossiers} == {
        code_differs
    }
    page = IndicatorsPage(
        db,
        runner=SyncRunner(),
        register_figure=lambda a, b: register_state.office_register_figure(
            counter.store, a, b, demo=True
        ),
    )
    qtbot.addWidget(page)
    assert page.indicators is not None and page.register_note == ""
    register = page.indicators.register
    assert register is not None and (register.count, register.total) == (1, 2)
    page.show_dossiers("register.verified")
    assert page.behind.rowCount() == 1 and page.behind.item(0, 0).text() == code_fine


def _officer_of(db: Database, officer_id: str) -> tuple[str, str, str, str, str, str, str]:
    with db.session() as s:
        office = s.scalars(select(Office).where(Office.code == DEMO_OFFICE)).one()
        officer = s.get(Officer, officer_id)
        assert officer is not None
        return (
            officer.id,
            officer.username,
            officer.full_name,
            "officer",
            office.id,
            office.code,
            office.name,
        )
