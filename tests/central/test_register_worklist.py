"""Register-check results as read: the back-office work list, the counter's look-up."""

from __future__ import annotations

import datetime as dt
import uuid

import httpx
from central_helpers import OTHER_OFFICE, T0, Device
from sqlalchemy import select, update

from app.services import register_state
from app.services.sync.client import CentralClient
from app.services.sync.credentials import DeviceCredentials
from app.shared import wire
from central.models import AccessLog, Participant, Person
from central.register_check.adapter import Guarded, ReferenceRegister
from central.register_check.runner import verify
from testkit.central_server import RunningCentral


def _citizen(office: str, id_number: str, phone: str) -> wire.CitizenItem:
    return wire.CitizenItem(
        ref=1,
        office_code=office,
        citizen=wire.CitizenWire(
            id=str(uuid.uuid4()),
            row_version=1,
            created_at=T0,
            updated_at=T0,
            id_number=id_number,
            full_name="Tên Tại Quầy",
            phone=phone,
        ),
    )


def _participants(central: RunningCentral) -> list[Participant]:
    with central.db.session() as s:
        return list(s.scalars(select(Participant).order_by(Participant.bhxh_number)))


def _break(central: RunningCentral, bhxh: str, **values: object) -> None:
    with central.db.session() as s:
        s.execute(
            update(Participant)
            .where(Participant.bhxh_number == bhxh)
            .values(version=Participant.version + 1, **values)
        )


def _ask(client: CentralClient, person: Participant) -> register_state.RegisterState:
    """The counter's question about a citizen it identified (name as read from the card)."""
    return register_state.fetch(
        client, person.id_number, full_name=person.full_name, date_of_birth=None
    )


def _client(central: RunningCentral, device: Device) -> CentralClient:
    creds = device.credentials
    return CentralClient(
        central.url,
        credentials=DeviceCredentials(
            central_url=central.url,
            device_id=creds.device_id,
            office_code=creds.office_code,
            counter_number=creds.counter_number,
            secret=creds.secret,
        ),
    )


def test_differences_reach_the_work_list_and_the_counter_that_identifies_the_citizen(
    central: RunningCentral, device: Device, other_device: Device
) -> None:
    people = _participants(central)
    wrong_day, wrong_id, fine = people[3], people[5], people[7]
    _break(
        central,
        wrong_day.bhxh_number,
        date_of_birth=wrong_day.date_of_birth + dt.timedelta(days=3),  # type: ignore[operator]
    )
    _break(central, wrong_id.bhxh_number, id_number="001099999998")
    # the counter has served the citizen whose date of birth differs; another office not
    assert device.results(_citizen(device.office, wrong_day.id_number, "0912345678"))
    assert other_device.results(_citizen(OTHER_OFFICE, fine.id_number, "0987654321"))

    client = _client(central, device)
    before = _ask(client, wrong_day)
    assert before.state == "not_checked" and before.bhxh_number == wrong_day.bhxh_number

    verify(central.db, Guarded(ReferenceRegister(central.db)))

    with central.admin() as admin:
        listed = admin.get("/api/v1/backoffice/register-check/worklist").json()
        mine = admin.get(
            "/api/v1/backoffice/register-check/worklist", params={"office": device.office}
        ).json()
        days = admin.get(
            "/api/v1/backoffice/register-check/worklist", params={"field": "date_of_birth"}
        ).json()
        summary = admin.get("/api/v1/backoffice/register-check/summary").json()
        refused = httpx.get(f"{central.url}/api/v1/backoffice/register-check/worklist")
    assert refused.status_code == 401
    by_bhxh = {i["bhxh_number"]: i for i in listed["items"]}
    assert by_bhxh[wrong_id.bhxh_number]["outcome"] == "not_found"
    item = by_bhxh[wrong_day.bhxh_number]
    assert item["outcome"] == "differs" and item["procedure_code"] == "608"
    assert item["differences"] == [
        {
            "field": "date_of_birth",
            "declared": (wrong_day.date_of_birth + dt.timedelta(days=3)).isoformat(),  # type: ignore[operator]
            "registered": wrong_day.date_of_birth.isoformat(),  # type: ignore[union-attr]
        }
    ]
    assert item["contacts"] == [{"office_code": device.office, "phone": "0912345678"}]
    assert [i["bhxh_number"] for i in mine["items"]] == [wrong_day.bhxh_number]
    assert wrong_day.bhxh_number in {i["bhxh_number"] for i in days["items"]}
    assert wrong_id.bhxh_number not in {i["bhxh_number"] for i in days["items"]}
    assert summary["participants"] == len(people)
    assert summary["outcomes"]["not_checked"] == 0
    assert summary["outcomes"]["not_found"] == 1
    assert summary["latest_run"]["status"] == "finished"

    state = _ask(client, wrong_day)
    assert state.state == "differs" and state.procedure_code == "608"
    assert state.differences[0].field == "date_of_birth"
    assert "Ngày sinh: BHXH «" in register_state.adjustment_notes(state)
    assert _ask(client, fine).state == "verified"
    nobody = register_state.fetch(
        client, "079099999997", full_name="Không Có Ai", date_of_birth=dt.date(1990, 1, 1)
    )
    assert nobody.state == "not_matched" and nobody.bhxh_number == ""
    with central.db.session() as s:
        logged = s.scalars(select(AccessLog.outcome).where(AccessLog.action == "register_state"))
        assert set(logged) >= {"differs", "verified", "not_checked", "not_matched"}

    # the record is corrected at BHXH: until checked again the counter says so
    _break(central, wrong_day.bhxh_number, date_of_birth=wrong_day.date_of_birth)
    assert _ask(client, wrong_day).state == "not_checked"
    client.close()


def test_the_register_confirms_an_identity_only_for_its_own_name_and_date_of_birth(
    central: RunningCentral, device: Device
) -> None:
    """Both the name and the date of birth must be the population register's own (the
    BHXH record, which may differ, does not count): then the counter may record the
    citizen as identified through the register."""
    with central.db.session() as s:
        person = s.scalars(select(Person).where(Person.date_of_birth.is_not(None))).first()
        assert person is not None and person.date_of_birth is not None
        id_number, name, born = person.id_number, person.full_name, person.date_of_birth
    client = _client(central, device)
    try:
        both = register_state.fetch(client, id_number, full_name=name, date_of_birth=born)
        name_only = register_state.fetch(client, id_number, full_name=name, date_of_birth=None)
        wrong_day = register_state.fetch(
            client, id_number, full_name=name, date_of_birth=born + dt.timedelta(days=1)
        )
        # another case and composed form of the same name is the same name
        upper = register_state.fetch(client, id_number, full_name=name.upper(), date_of_birth=born)
    finally:
        client.close()
    assert both.identity_confirmed and upper.identity_confirmed
    assert not name_only.identity_confirmed and not wrong_day.identity_confirmed
    assert wrong_day.state != "not_matched"  # identified by its name: answered, unconfirmed
