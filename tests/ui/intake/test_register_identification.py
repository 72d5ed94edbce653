"""A citizen without a card, typed in and confirmed by the population register (a real
central answer), is recorded as identified through the register, and the office's
indicators count it so; a date of birth the register does not hold stays "typed"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from app.services import office_indicators, register_state
from app.services.calendar.store import CalendarStore
from app.services.card.passive_auth import TrustStore
from app.services.catalog.store import CatalogStore
from app.services.demo import DEMO_PASSWORD, DEMO_USER
from app.services.identity import Identity, IdentitySource
from app.services.security.accounts import authenticate
from app.services.storage.models import Dossier
from app.services.sync.credentials import DeviceCredentials, MemoryStore
from app.settings import Settings
from app.shared.types import utcnow
from app.ui.intake.controller import IntakeController
from app.ui.intake.register_banner import RegisterBanner
from app.ui.tasks import SyncRunner
from central.models import Person
from central.seed import DEMO_OFFICE
from testkit.central_server import RunningCentral


@pytest.fixture
def central(tmp_path: Path) -> Iterator[RunningCentral]:
    with RunningCentral(f"sqlite:///{tmp_path / 'central.sqlite3'}", volume=60) as running:
        yield running


def _store(central: RunningCentral) -> MemoryStore:
    answer = httpx.post(
        f"{central.url}/api/v1/enroll",
        json={"code": central.enrollment_code(DEMO_OFFICE), "device_name": "quầy thử"},
    )
    answer.raise_for_status()
    body = answer.json()
    return MemoryStore(
        DeviceCredentials(central.url, body["device_id"], DEMO_OFFICE, 1, secret=body["secret"])
    )


def _save(controller: IntakeController) -> Dossier:
    controller.choose_procedure("608")
    controller.all_received()
    controller.save()
    assert controller.last_saved is not None
    with controller.db.session() as s:
        saved = s.scalars(select(Dossier).where(Dossier.code == controller.last_saved.code)).one()
        s.expunge(saved)
        return saved


def test_a_typed_citizen_the_register_confirms_counts_as_identified_by_the_register(
    qtbot, demo_db, central: RunningCentral
) -> None:
    with central.db.session() as s:
        person = s.scalars(
            select(Person).where(Person.date_of_birth.is_not(None)).order_by(Person.id_number)
        ).first()
        assert person is not None and person.date_of_birth is not None
        typed = Identity(
            id_number=person.id_number,
            full_name=person.full_name,
            date_of_birth=person.date_of_birth,
            dob_text=person.dob_text,
            sex=person.sex,
            source=IdentitySource.TYPED,
        )
    store = _store(central)
    officer = authenticate(demo_db, DEMO_USER, DEMO_PASSWORD)
    controller = IntakeController(
        demo_db, Settings(), officer, CatalogStore(), CalendarStore(), TrustStore(),
        SyncRunner(), SyncRunner(),
    )  # fmt: skip
    said: list[str] = []
    controller.status.connect(lambda text, _level: said.append(text))
    banner = RegisterBanner(
        controller, SyncRunner(), lambda i: register_state.look_up(store, i, demo=True)
    )
    qtbot.addWidget(banner)

    controller.typed(typed)
    assert banner.state is not None and banner.state.identity_confirmed
    assert "khớp CSDL quốc gia về dân cư" in banner.label.text()
    assert any("Đã xác thực công dân qua CSDL quốc gia về dân cư" in t for t in said)
    confirmed = _save(controller)
    assert confirmed.identified_by == "register"
    (snapshot,) = [
        e for e in confirmed.form_data["intake_snapshot"] if e["source"] == "population_register"
    ]
    assert snapshot["fields"]["identity_confirmed"] is True

    # the same ID number typed with a date of birth the register does not hold: the
    # banner asks again, the register no longer vouches, the dossier stays "typed"
    controller.start_new(replace(typed, date_of_birth=typed.date_of_birth + dt.timedelta(days=2)))  # type: ignore[operator]
    assert banner.state is not None and not banner.state.identity_confirmed
    unconfirmed = _save(controller)
    assert unconfirmed.identified_by == "typed"

    today = utcnow().date()
    figures = office_indicators.read_for_office(
        demo_db, today - dt.timedelta(days=1), today + dt.timedelta(days=1), utcnow()
    )
    by_key = {f.key: f for f in figures.identification}
    assert confirmed.id in by_key["identified.register"].dossiers
    assert unconfirmed.id in by_key["identified.typed"].dossiers
    assert confirmed.id not in by_key["identified.typed"].dossiers
