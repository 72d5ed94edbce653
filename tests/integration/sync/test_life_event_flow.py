"""A birth and a death from the health portal, end to end through the real server and
the real sync: the office's counter shows the event, the relative's dossier is taken
in prefilled from it, and the event is closed on central with the dossier's code."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sync_helpers import Counter

from app.services import life_events
from app.services.calendar import load_calendar
from app.services.catalog import Catalog
from app.services.dossiers import IntakeOptions, IntakeRequest, ReceivedPaper, create_dossier
from app.services.identity import Identity, IdentitySource
from app.services.storage.models import Counter as CounterRow
from app.services.storage.models import Office, Officer
from app.settings import Settings
from app.shared import paths
from central.life_events.tables import LifeEvent, PortalClient
from central.models import Participant, Person
from central.seed import DEMO_OFFICE
from testkit.central_server import RunningCentral


def _portal(central: RunningCentral) -> httpx.Client:
    import secrets

    from central import security

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


def _register_person(central: RunningCentral, **where: Any) -> Person:
    with central.db.session() as s:
        q = select(Person).join(Participant, Participant.id_number == Person.id_number)
        for key, value in where.items():
            q = q.where(getattr(Person, key) == value)
        person = s.scalars(q.order_by(Person.id_number)).first()
        assert person is not None
        return person


def _head_of_a_family(central: RunningCentral) -> Person:
    with central.db.session() as s:
        heads = s.scalars(
            select(Person)
            .join(Participant, Participant.id_number == Person.id_number)
            .where(Person.relation == "Chủ hộ")
            .order_by(Person.id_number)
        )
        for head in heads:
            family = s.scalars(
                select(Person.id_number).where(Person.household_code == head.household_code)
            ).all()
            if len(family) > 1:
                return head
    raise AssertionError("the seeded register has families")


def _identity(p: Person) -> Identity:
    return Identity(
        id_number=p.id_number,
        full_name=p.full_name,
        date_of_birth=p.date_of_birth,
        sex=p.sex,
        source=IdentitySource.CHIP,
        residence=p.residence,
    )


def _take_in(counter: Counter, who: Person, procedure: str, form: dict[str, Any]) -> str:
    catalog = Catalog.load(paths.RESOURCES / "procedures")
    proc = catalog.get(procedure)
    papers = {d.id: ReceivedPaper(originals=d.count) for d in proc.required_documents(())}
    with counter.db.session() as s:
        office = s.scalar(select(Office).where(Office.code == DEMO_OFFICE))
        row = s.get(CounterRow, counter.setup.counter_id)
        officer = s.get(Officer, counter.setup.officer_id)
    settings = Settings(office_code=DEMO_OFFICE, counter_number=1)
    request = IntakeRequest(
        _identity(who), proc, papers, officer, row, office, settings, load_calendar(),
        catalog.version, options=IntakeOptions(form_data=form),
    )  # fmt: skip
    dossier = create_dossier(counter.db, request)
    return dossier.code


def _central_event(central: RunningCentral, event_id: str) -> LifeEvent:
    with central.db.session() as s:
        row = s.get(LifeEvent, event_id)
        assert row is not None
        return row


BIRTH = {
    "event_type": "birth", "certificate_number": "CS00000042/2026", "issued_on": "2026-11-28",
    "facility": {"code": "79001", "name": "Bệnh viện thử nghiệm"},
    "child": {"sex": "Nam", "born_at": "2026-11-27T05:40:00+07:00"},
}  # fmt: skip


def test_a_birth_becomes_the_childs_health_insurance_dossier(
    central: RunningCentral, counter: Counter
) -> None:
    mother = _register_person(central, sex="Nữ")
    birth = {**BIRTH, "mother": {"id_number": mother.id_number, "full_name": mother.full_name}}
    with _portal(central) as portal:
        posted = portal.post("/life-events", json=birth)
        assert posted.status_code == 200, posted.text
        assert portal.post("/life-events", json=birth).json()["duplicate"] is True  # twice: once
    engine = counter.engine()
    assert engine.sync_once().error is None
    (event,) = life_events.list_events(counter.db, dt.date(2026, 12, 2))
    assert (event.event_type, event.subject_id_number) == ("birth", mother.id_number)
    assert event.procedure_codes == ("603",)
    # The mother's chip is read at the counter: the event concerns her.
    (related,) = life_events.related_to(counter.db, mother.id_number, dt.date(2026, 12, 2))
    form = life_events.prefill(related)
    assert form["child_sex"] == "Nam" and form["birth_certificate_number"] == "CS00000042/2026"
    life_events.record_contact(counter.db, event.id, counter.setup.officer_id, "phone", "will_come")
    code = _take_in(counter, mother, "603", form)
    (closed,) = life_events.list_events(counter.db, dt.date(2026, 12, 2))
    assert closed.status == "closed" and closed.closed_dossier_code == code
    assert closed.contacts == 1 and closed.last_contact == "will_come"
    today = life_events.today_vn()
    tally = life_events.counts(counter.db, today - dt.timedelta(days=29), today)
    assert (tally.received, tally.open, tally.dossiers_opened) == (1, 0, 1)
    assert tally.mean_days_to_dossier == (today - dt.date(2026, 11, 27)).days
    assert life_events.pending_closures(counter.db) != []
    assert engine.sync_once().error is None
    assert life_events.pending_closures(counter.db) == []
    on_central = _central_event(central, posted.json()["id"])
    assert (on_central.status, on_central.closed_dossier_code) == ("closed", code)
    # Central's echo of the closure does not reopen anything at the counter.
    engine.sync_once()
    (after,) = life_events.list_events(counter.db, dt.date(2026, 12, 2))
    assert after.status == "closed"


def test_a_death_counts_down_the_90_days_of_survivors_benefits(
    central: RunningCentral, counter: Counter
) -> None:
    deceased = _head_of_a_family(central)
    death = {
        "event_type": "death", "certificate_number": "BT00000007/2026", "issued_on": "2026-10-02",
        "facility": {"code": "79001", "name": "Bệnh viện thử nghiệm"},
        "deceased": {"id_number": deceased.id_number, "full_name": deceased.full_name},
        "died_at": "2026-10-01T23:00:00+07:00",
    }  # fmt: skip
    with _portal(central) as portal:
        assert portal.post("/life-events", json=death).status_code == 200
    assert counter.engine().sync_once().error is None
    (event,) = life_events.list_events(counter.db, dt.date(2026, 12, 2))
    assert event.procedure_codes == ("TU-TUAT", "MAI-TANG")
    assert event.filing_deadline == dt.date(2026, 12, 30)  # 1 Oct + 90 days
    assert event.days_left == 28
    (late,) = life_events.list_events(counter.db, dt.date(2027, 1, 2))
    assert late.days_left == -3  # the officer sees the limit has passed
    relative = event.relatives[0]["id_number"]  # a child or spouse comes to the counter
    (found,) = life_events.related_to(counter.db, relative, dt.date(2026, 12, 2))
    assert (
        found.id == event.id and life_events.prefill(found)["deceased_name"] == deceased.full_name
    )


def test_a_closure_made_offline_waits_for_the_next_sync(
    central: RunningCentral, counter: Counter
) -> None:
    mother = _register_person(central, sex="Nữ")
    birth = {**BIRTH, "mother": {"id_number": mother.id_number, "full_name": mother.full_name}}
    with _portal(central) as portal:
        event_id = portal.post("/life-events", json=birth).json()["id"]
    assert counter.engine().sync_once().error is None
    (view,) = life_events.list_events(counter.db)
    code = _take_in(counter, mother, "603", life_events.prefill(view))
    from testkit.central_server import free_port

    offline = counter.engine(url=f"http://127.0.0.1:{free_port()}").sync_once()
    assert offline.error is not None
    assert [c.dossier_code for c in life_events.pending_closures(counter.db)] == [code]
    assert counter.engine().sync_once().error is None
    assert _central_event(central, event_id).closed_dossier_code == code


@pytest.mark.parametrize("raw", [b"[]", json.dumps({"event_type": "marriage"}).encode()])
def test_a_document_that_is_no_event_is_refused(central: RunningCentral, raw: bytes) -> None:
    with _portal(central) as portal:
        assert portal.post("/life-events", content=raw).status_code == 422
