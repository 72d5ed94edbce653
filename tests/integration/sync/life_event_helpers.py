"""Life events end to end: the health portal's client, people from central's seeded
register, and a counter's intake screen (controller and "Có sự kiện liên quan" banner)
driven as the officer drives it, on a counter database enrolled with the central."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select
from sync_helpers import Counter

from app.services.calendar.store import CalendarStore
from app.services.card.passive_auth import TrustStore
from app.services.catalog.store import CatalogStore
from app.services.demo import DEMO_PASSWORD, DEMO_USER, ensure_demo_data
from app.services.identity import Checks, Identity, IdentitySource, Verdict
from app.services.security.accounts import authenticate
from app.services.security.permissions import SYSTEM_ADMIN
from app.services.storage.db import Database, open_database
from app.services.sync.credentials import MemoryStore
from app.services.sync.enroll import enroll
from app.settings import Settings
from app.ui.events.banner import RelatedEventsBanner
from app.ui.intake.controller import IntakeController
from app.ui.tasks import SyncRunner
from central import security
from central.life_events.tables import LifeEvent, PortalClient
from central.models import Participant, Person
from central.seed import DEMO_OFFICE
from testkit.central_server import RunningCentral
from testkit.counter_sim import setup_counter


def portal(central: RunningCentral) -> httpx.Client:
    """The health-insurance assessment portal, registered as its own client type."""
    secret = secrets.token_urlsafe(16)
    with central.db.session() as s:
        client = PortalClient(name="Cổng giám định BHYT", secret_hash=security.digest(secret))
        s.add(client)
        s.flush()
        client_id = client.id
    return central.client(
        base_url=f"{central.url}/api/v1",
        headers={"X-MotCua-Portal": client_id, "Authorization": f"Bearer {secret}"},
    )


def post(central: RunningCentral, document: dict[str, Any]) -> dict[str, Any]:
    with portal(central) as p:
        answer = p.post("/life-events", json=document)
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def participant(central: RunningCentral, **where: Any) -> Person:
    with central.db.session() as s:
        q = select(Person).join(Participant, Participant.id_number == Person.id_number)
        for key, value in where.items():
            q = q.where(getattr(Person, key) == value)
        person = s.scalars(q.order_by(Person.id_number)).first()
        assert person is not None
        return person


def head_of_a_family(central: RunningCentral) -> tuple[Person, list[Person]]:
    """A participant who heads a household of several people, and the others."""
    with central.db.session() as s:
        heads = s.scalars(
            select(Person)
            .join(Participant, Participant.id_number == Person.id_number)
            .where(Person.relation == "Chủ hộ")
            .order_by(Person.id_number)
        )
        for head in heads:
            family = s.scalars(
                select(Person)
                .where(Person.household_code == head.household_code)
                .where(Person.id_number != head.id_number)
                .order_by(Person.id_number)
            ).all()
            if family:
                return head, list(family)
    raise AssertionError("the seeded register has families")


def person(central: RunningCentral, id_number: str) -> Person:
    with central.db.session() as s:
        found = s.get(Person, id_number)
        assert found is not None
        return found


def on_central(central: RunningCentral, event_id: str) -> LifeEvent:
    with central.db.session() as s:
        row = s.get(LifeEvent, event_id)
        assert row is not None
        return row


def chip(p: Person) -> Identity:
    """What the chip read gives the intake (the card itself is the reader tests' job)."""
    return Identity(
        id_number=p.id_number,
        full_name=p.full_name,
        date_of_birth=p.date_of_birth,
        sex=p.sex,
        source=IdentitySource.CHIP,
        residence=p.residence,
        checks=Checks(passive=Verdict.PASSED),
    )


def second_counter(central: RunningCentral, path: Path, number: int) -> Counter:
    """Another counter of the office: its own database and its own device credentials."""
    db = open_database(path)
    ensure_demo_data(db)
    store = MemoryStore()
    enroll(
        central.url,
        central.enrollment_code(DEMO_OFFICE, number),
        store=store,
        actor=SYSTEM_ADMIN,
        demo=True,
    )
    return Counter(db, setup_counter(db, DEMO_OFFICE, number), store, central.url)


@dataclass
class Screen:
    """One counter's intake screen with the events banner under the citizen's record."""

    db: Database
    controller: IntakeController
    banner: RelatedEventsBanner
    saved: list[Any] = field(default_factory=list)

    @classmethod
    def open(cls, qtbot: Any, counter: Counter) -> Screen:
        officer = authenticate(counter.db, DEMO_USER, DEMO_PASSWORD)
        settings = Settings(office_code=DEMO_OFFICE, counter_number=counter.setup.counter_number)
        controller = IntakeController(
            counter.db, settings, officer, CatalogStore(), CalendarStore(), TrustStore(),
            SyncRunner(), SyncRunner(),
        )  # fmt: skip
        banner = RelatedEventsBanner(controller, counter.db, SyncRunner())
        qtbot.addWidget(banner)
        screen = cls(counter.db, controller, banner)
        controller.saved.connect(screen.saved.append)
        return screen

    def card_read(self, who: Person) -> None:
        self.controller.start_new(chip(who))

    def offered(self) -> list[str]:
        return [code for _view, code in self.banner.offers]
