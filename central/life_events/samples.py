"""Fictitious certificates for tests and the demo, drawn from the fictitious register:
births to women of the register, deaths of its people, and a few that match nobody
(the back office's list). Every name and number is generated, none is real."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.shared.folding import fold
from central.life_events.tables import OfficeArea
from central.models import Person

FACILITY = {"code": "79001", "name": "Bệnh viện thử nghiệm"}
_UNMATCHED_SHARE = 0.1


def seed_areas(session: Session, areas: dict[str, list[str]]) -> int:
    """Give the seeded offices the places of the fictitious register's residences."""
    added = 0
    for office, places in areas.items():
        for place in places:
            if session.get(OfficeArea, (office, fold(place))) is None:
                session.add(OfficeArea(office_code=office, area=fold(place)))
                added += 1
    return added


def _number(rng: random.Random, prefix: str) -> str:
    return f"{prefix}{rng.randrange(10**8):08d}/{dt.date.today().year}"


def sample_events(
    session: Session, births: int, deaths: int, *, seed: int = 6, today: dt.date | None = None
) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    today = today or dt.date.today()
    people = list(session.scalars(select(Person).order_by(Person.id_number)))
    women = [
        p
        for p in people
        if p.sex == "Nữ" and p.date_of_birth and 18 <= (today - p.date_of_birth).days // 365 <= 45
    ]
    events: list[dict[str, Any]] = []
    for _ in range(births):
        born = dt.datetime.combine(today - dt.timedelta(days=rng.randint(1, 20)), dt.time(8, 30))
        if women and rng.random() > _UNMATCHED_SHARE:
            m = rng.choice(women)
            mother = {
                "id_number": m.id_number,
                "full_name": m.full_name,
                "date_of_birth": m.date_of_birth.isoformat() if m.date_of_birth else None,
                "residence": m.residence,
            }
        else:
            mother = {"full_name": "Người Mẹ Không Có Trong Sổ", "residence": ""}
        events.append(
            {
                "event_type": "birth",
                "certificate_number": _number(rng, "CS"),
                "issued_on": born.date().isoformat(),
                "facility": FACILITY,
                "mother": mother,
                "child": {"sex": rng.choice(["Nam", "Nữ"]), "born_at": born.isoformat() + "+07:00"},
            }
        )
    for _ in range(deaths):
        died = dt.datetime.combine(today - dt.timedelta(days=rng.randint(1, 60)), dt.time(22, 0))
        p = rng.choice(people) if people and rng.random() > _UNMATCHED_SHARE else None
        deceased = (
            {
                "id_number": p.id_number,
                "full_name": p.full_name,
                "date_of_birth": p.date_of_birth.isoformat() if p.date_of_birth else None,
                "sex": p.sex,
                "residence": p.residence,
            }
            if p
            else {"full_name": "Người Không Có Trong Sổ", "residence": ""}
        )
        events.append(
            {
                "event_type": "death",
                "certificate_number": _number(rng, "BT"),
                "issued_on": died.date().isoformat(),
                "facility": FACILITY,
                "deceased": deceased,
                "died_at": died.isoformat() + "+07:00",
            }
        )
    return events


def seed_demo_events(session: Session, mother_id: str, today: dt.date | None = None) -> int:
    """The demo's events: a birth to the demo card's holder, the death of her husband
    (so the same officer sees both flows with the card on the reader), and a few drawn
    from the register. Idempotent: certificate numbers are fixed."""
    from central.life_events import service
    from central.life_events.tables import PortalClient

    today = today or dt.date.today()
    client = session.scalar(select(PortalClient).where(PortalClient.name == DEMO_PORTAL))
    if client is None:
        client = PortalClient(name=DEMO_PORTAL, secret_hash="0" * 64)  # posts nothing over HTTP
        session.add(client)
        session.flush()
    mother = session.get(Person, mother_id)
    documents: list[dict[str, Any]] = []
    if mother is not None:
        born = dt.datetime.combine(today - dt.timedelta(days=3), dt.time(5, 40))
        documents.append(
            {
                "event_type": "birth",
                "certificate_number": "CS-DEMO-0001",
                "issued_on": born.date().isoformat(),
                "facility": FACILITY,
                "mother": {"id_number": mother.id_number, "full_name": mother.full_name},
                "child": {"sex": "Nam", "born_at": born.isoformat() + "+07:00"},
            }
        )
        spouse = session.scalars(
            select(Person).where(
                Person.household_code == mother.household_code, Person.id_number != mother.id_number
            )
        ).first()
        if spouse is not None:
            died = dt.datetime.combine(today - dt.timedelta(days=75), dt.time(23, 0))
            documents.append(
                {
                    "event_type": "death",
                    "certificate_number": "BT-DEMO-0001",
                    "issued_on": died.date().isoformat(),
                    "facility": FACILITY,
                    "deceased": {"id_number": spouse.id_number, "full_name": spouse.full_name},
                    "died_at": died.isoformat() + "+07:00",
                }
            )
    documents += sample_events(session, 3, 3, seed=11, today=today)
    added = 0
    for document in documents:
        _row, duplicate = service.receive(
            session, client, service.parse_event.validate_python(document)
        )
        added += not duplicate
    return added


DEMO_PORTAL = "Cổng giám định BHYT (trình diễn)"
