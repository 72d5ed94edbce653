"""Life events from the health sector, through the real server (SQLite and PostgreSQL):
a certificate posted by the portal is matched to the register, routed to the office of
the family's residence and reaches that office's counters on their next pull."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import httpx
import pytest
from central_helpers import OTHER_OFFICE, Device
from sqlalchemy import select

from central.life_events.cli import run as run_cli
from central.life_events.samples import sample_events
from central.life_events.tables import PortalClient
from central.models import Participant, Person
from central.seed import DEMO_OFFICE
from testkit.central_server import RunningCentral

TODAY = dt.date(2026, 12, 2)


@pytest.fixture
def portal(central: RunningCentral) -> httpx.Client:
    import argparse

    with central.db.session() as s:
        out = _capture(
            lambda: run_cli(
                s, argparse.Namespace(command="portal-client", name="Cổng giám định BHYT")
            )
        )
    creds = json.loads(out)
    return central.client(
        base_url=f"{central.url}/api/v1",
        headers={"X-MotCua-Portal": creds["client_id"], "Authorization": f"Bearer {creds['secret']}"},
    )  # fmt: skip


def _capture(fn: Any) -> str:
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        fn()
    return buf.getvalue()


def _person(central: RunningCentral, **where: Any) -> Person:
    with central.db.session() as s:
        q = select(Person).order_by(Person.id_number)
        for key, value in where.items():
            q = q.where(getattr(Person, key) == value)
        person = s.scalars(q).first()
        assert person is not None
        return person


def _is_participant(central: RunningCentral, id_number: str) -> bool:
    with central.db.session() as s:
        return s.scalar(select(Participant).where(Participant.id_number == id_number)) is not None


def birth(
    mother: Person | None, number: str = "CS00000001/2026", **mother_changes: Any
) -> dict[str, Any]:
    m = (
        {
            "id_number": mother.id_number,
            "full_name": mother.full_name,
            "date_of_birth": mother.date_of_birth.isoformat() if mother.date_of_birth else None,
            "residence": mother.residence,
        }
        if mother
        else {"full_name": "Người Mẹ Không Có Trong Sổ"}
    )
    m.update(mother_changes)
    return {
        "event_type": "birth", "certificate_number": number, "issued_on": "2026-11-20",
        "facility": {"code": "79001", "name": "Bệnh viện thử nghiệm"},
        "mother": m, "child": {"sex": "Nữ", "born_at": "2026-11-19T06:10:00+07:00"},
    }  # fmt: skip


def death(person: Person, number: str = "BT00000001/2026") -> dict[str, Any]:
    return {
        "event_type": "death", "certificate_number": number, "issued_on": "2026-11-02",
        "facility": {"code": "79001", "name": "Bệnh viện thử nghiệm"},
        "deceased": {"id_number": person.id_number, "full_name": person.full_name,
                     "residence": person.residence},
        "died_at": "2026-11-01T22:00:00+07:00",
    }  # fmt: skip


def _feed(device: Device) -> list[dict[str, Any]]:
    answer = device.changes()
    assert answer.status_code == 200, answer.text
    return [c["data"] for c in answer.json()["changes"] if c["data"]["kind"] == "life_event"]


def test_a_birth_reaches_the_counters_of_the_mothers_office(
    central: RunningCentral, portal: httpx.Client, device: Device, other_device: Device
) -> None:
    mother = _person(central, sex="Nữ")
    answer = portal.post("/life-events", json=birth(mother))
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["match_state"] == "matched" and body["duplicate"] is False
    assert body["office_code"] == DEMO_OFFICE  # the fictitious register lives in demo areas
    (event,) = _feed(device)
    assert event["event_type"] == "birth" and event["id"] == body["id"]
    assert event["subject"]["id_number"] == mother.id_number
    assert event["procedure_codes"] == ["603"]  # the child's health-insurance card (data)
    assert event["confidence"] == 1.0
    assert _feed(other_device) == []  # another office's counters never see it


def test_the_same_certificate_twice_is_one_event(
    central: RunningCentral, portal: httpx.Client, device: Device
) -> None:
    mother = _person(central, sex="Nữ")
    first = portal.post("/life-events", json=birth(mother)).json()
    again = portal.post("/life-events", json=birth(mother))
    assert again.status_code == 200 and again.json()["duplicate"] is True
    assert again.json()["id"] == first["id"]
    assert len(_feed(device)) == 1
    changed = birth(mother)
    changed["child"]["sex"] = "Nam"  # same number, other content: refused, not overwritten
    refused = portal.post("/life-events", json=changed)
    assert refused.status_code == 409 and refused.json()["reason"] == "certificate_number_reused"


def test_a_death_of_a_participant_opens_survivors_benefits_with_90_days(
    central: RunningCentral, portal: httpx.Client, device: Device
) -> None:
    person = _person(central)
    assert _is_participant(central, person.id_number)
    assert portal.post("/life-events", json=death(person)).status_code == 200
    (event,) = _feed(device)
    assert event["procedure_codes"] == ["TU-TUAT", "MAI-TANG"]  # survivors, funeral grant
    assert event["filing_deadline"] == "2027-01-30"  # 90 days from the death (Art. 91)
    with central.db.session() as s:
        household = set(
            s.scalars(
                select(Person.id_number).where(
                    Person.household_code == person.household_code,
                    Person.id_number != person.id_number,
                )
            )
        )
    assert {r["id_number"] for r in event["relatives"]} == household  # the family to call


def test_an_unmatched_birth_waits_in_the_back_office_until_resolved(
    central: RunningCentral, portal: httpx.Client, device: Device
) -> None:
    answer = portal.post("/life-events", json=birth(None)).json()
    assert answer["match_state"] == "unmatched" and answer["office_code"] is None
    assert _feed(device) == []
    with central.admin() as admin:
        waiting = admin.get("/api/v1/backoffice/life-events").json()
        assert [w["id"] for w in waiting] == [answer["id"]]
        mother = _person(central, sex="Nữ")
        resolved = admin.post(
            f"/api/v1/backoffice/life-events/{answer['id']}/resolve",
            json={"id_number": mother.id_number},
        )
        assert resolved.status_code == 200, resolved.text
        assert resolved.json()["match_state"] == "resolved"
        assert admin.get("/api/v1/backoffice/life-events").json() == []
    (event,) = _feed(device)
    assert event["subject"]["id_number"] == mother.id_number


def test_an_id_number_with_another_name_is_ambiguous(
    central: RunningCentral, portal: httpx.Client, device: Device
) -> None:
    mother = _person(central, sex="Nữ")
    answer = portal.post("/life-events", json=birth(mother, full_name="Tên Khác Hẳn")).json()
    assert answer["match_state"] == "ambiguous"
    with central.admin() as admin:
        (waiting,) = admin.get("/api/v1/backoffice/life-events").json()
    assert waiting["reason"] == "id_number_other_name"
    assert waiting["candidates"][0]["id_number"] == mother.id_number
    assert _feed(device) == []


def test_the_counter_closes_the_event_with_its_dossier(
    central: RunningCentral, portal: httpx.Client, device: Device, other_device: Device
) -> None:
    mother = _person(central, sex="Nữ")
    event_id = portal.post("/life-events", json=birth(mother)).json()["id"]
    path = f"/offices/{DEMO_OFFICE}/life-events/{event_id}/close"
    code = {"dossier_code": f"{DEMO_OFFICE}-261202-0001"}
    assert (
        other_device.http.post(
            f"/offices/{OTHER_OFFICE}/life-events/{event_id}/close", json=code
        ).status_code
        == 404
    )
    assert other_device.http.post(path, json=code).status_code == 403
    closed = device.http.post(path, json=code)
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert device.http.post(path, json=code).status_code == 200  # a retried close is fine
    other = {"dossier_code": f"{DEMO_OFFICE}-261202-0002"}
    assert device.http.post(path, json=other).status_code == 409
    latest = _feed(device)[-1]
    assert latest["status"] == "closed" and latest["closed_dossier_code"] == code["dossier_code"]


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        ({}, "credentials_missing"),
        ({"X-MotCua-Portal": "x", "Authorization": "Bearer y"}, "bad_credentials"),
    ],
)
def test_only_the_portal_may_post(
    central: RunningCentral, headers: dict[str, str], reason: str
) -> None:
    answer = httpx.post(f"{central.url}/api/v1/life-events", json=birth(None), headers=headers)
    assert answer.status_code == 401 and answer.json()["reason"] == reason


def test_a_counters_credentials_cannot_post_events(central: RunningCentral, device: Device) -> None:
    answer = device.http.post("/life-events", json=birth(None))
    assert answer.status_code == 401


def test_bad_documents_get_clear_refusals(central: RunningCentral, portal: httpx.Client) -> None:
    huge = birth(None)
    huge["mother"]["residence"] = "x" * 70_000
    assert portal.post("/life-events", json=huge).json()["reason"] == "body_too_large"
    assert portal.post("/life-events", content=b"{not json").status_code == 422
    unknown = {**birth(None), "blood_type": "O"}
    assert portal.post("/life-events", json=unknown).status_code == 422
    future = birth(None)
    future["child"]["born_at"] = "2026-12-30T06:00:00+07:00"
    assert portal.post("/life-events", json=future).status_code == 422
    with central.db.session() as s:
        assert s.scalar(select(PortalClient)) is not None  # the client itself is untouched


def test_sample_events_are_accepted_and_mostly_matched(
    central: RunningCentral, portal: httpx.Client
) -> None:
    with central.db.session() as s:
        events = sample_events(s, 10, 10, seed=3, today=TODAY)
    states = [portal.post("/life-events", json=e).json()["match_state"] for e in events]
    assert len(states) == 20 and states.count("matched") >= 14
    assert set(states) <= {"matched", "unmatched", "ambiguous"}
