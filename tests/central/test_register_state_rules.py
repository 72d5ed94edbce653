"""``POST /citizens/register-state`` follows the look-up rules, probed over HTTP.

The ID number alone is refused; with a name or date of birth that matches neither the
register nor the BHXH record the answer says nothing about the person; each question
is logged with device, officer and purpose; a device asking too often is throttled.
"""

from __future__ import annotations

import datetime as dt

from central_helpers import Device
from sqlalchemy import select

from central import ratelimit
from central.models import AccessLog, Participant, Person
from testkit.central_server import RunningCentral

PURPOSE = "Đối chiếu CSDL quốc gia về dân cư khi tiếp nhận hồ sơ"
OFFICER = "0f0f0f0f-0000-4000-8000-00000000000a"


def _someone(central: RunningCentral) -> tuple[Participant, Person]:
    with central.db.session() as s:
        participant = s.scalars(select(Participant).order_by(Participant.bhxh_number)).first()
        assert participant is not None
        person = s.get(Person, participant.id_number)
        assert person is not None and person.date_of_birth is not None
        s.expunge_all()
        return participant, person


def _ask(device: Device, id_number: str, **who: object) -> object:
    body = {"id_number": id_number, "purpose": PURPOSE, "officer_id": OFFICER, **who}
    return device.http.post("/citizens/register-state", json=body)


def test_the_id_number_alone_is_refused(central: RunningCentral, device: Device) -> None:
    participant, _ = _someone(central)
    answer = device.http.post(
        "/citizens/register-state", json={"id_number": participant.id_number, "purpose": PURPOSE}
    )
    assert answer.status_code == 422
    assert "full name or the date of birth" in answer.text
    assert participant.bhxh_number not in answer.text


def test_a_wrong_name_and_birth_date_learn_nothing_and_are_logged(
    central: RunningCentral, device: Device
) -> None:
    participant, person = _someone(central)
    wrong = _ask(device, participant.id_number, full_name="Ai Đó Khác", date_of_birth="1901-01-01")
    assert wrong.status_code == 200  # type: ignore[attr-defined]
    body = wrong.json()  # type: ignore[attr-defined]
    assert body["state"] == "not_matched"
    assert body["bhxh_number"] == "" and body["differences"] == []
    assert person.full_name not in wrong.text  # type: ignore[attr-defined]
    # the date of birth alone is enough; so is the name, in any case and composition
    by_birth = _ask(device, participant.id_number, date_of_birth=person.date_of_birth.isoformat())  # type: ignore[union-attr]
    assert by_birth.json()["bhxh_number"] == participant.bhxh_number  # type: ignore[attr-defined]
    by_name = _ask(device, participant.id_number, full_name=person.full_name.upper())
    assert by_name.json()["state"] != "not_matched"  # type: ignore[attr-defined]
    with central.db.session() as s:
        logged = s.scalars(
            select(AccessLog).where(AccessLog.action == "register_state").order_by(AccessLog.id)
        ).all()
        assert logged[0].outcome == "not_matched"
        assert {(r.device_id, r.officer_id, r.purpose) for r in logged} == {
            (device.credentials.device_id, OFFICER, PURPOSE)
        }


def test_a_device_asking_too_often_is_throttled(central: RunningCentral, device: Device) -> None:
    _, person = _someone(central)
    statuses = [
        _ask(device, person.id_number, date_of_birth=dt.date(1990, 1, 1).isoformat()).status_code  # type: ignore[attr-defined]
        for _ in range(ratelimit.LOOKUPS.limit + 1)
    ]
    assert set(statuses[:-1]) == {200} and statuses[-1] == 429
