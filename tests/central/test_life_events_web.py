"""The back office's page of life events nobody could match: an office head names the
person from the register's candidates; a processing officer may not; the event then
reaches the office's feed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from backoffice_helpers import add_staff, csrf_of, log_in
from fastapi.testclient import TestClient
from sqlalchemy import select

from central.api import create_app
from central.db import CentralDatabase, open_central
from central.life_events import service
from central.life_events.tables import LifeEvent, PortalClient
from central.models import Change, Person, StaffAudit
from central.seed import DEMO_OFFICE, seed
from central.web import auth
from testkit.central_server import CHEAP_HASHER


@pytest.fixture
def db(central_db_url: str) -> Iterator[CentralDatabase]:
    database = open_central(central_db_url, pool_size=3)
    with database.session() as s:
        seed(s, 40, hasher=CHEAP_HASHER)
        client = PortalClient(name="Cổng thử", secret_hash="0" * 64)
        s.add(client)
        s.flush()
        mother = s.scalars(
            select(Person).where(Person.sex == "Nữ").order_by(Person.id_number)
        ).first()
        assert mother is not None
        document = {
            "event_type": "birth", "certificate_number": "CS0001/2026", "issued_on": "2026-11-20",
            "facility": {"code": "1", "name": "Bệnh viện thử"},
            "mother": {"id_number": mother.id_number, "full_name": "Tên Ghi Sai"},
            "child": {"sex": "Nữ", "born_at": "2026-11-19T06:00:00+07:00"},
        }  # fmt: skip
        service.receive(s, client, service.parse_event.validate_python(document))
    add_staff(database, "truong", auth.OFFICE_HEAD, [DEMO_OFFICE])
    add_staff(database, "lan", auth.PROCESSING_OFFICER, [DEMO_OFFICE])
    yield database
    database.dispose()


def _client(db: CentralDatabase, username: str) -> TestClient:
    client = TestClient(create_app(db), base_url="https://testserver")
    assert log_in(client, username).status_code == 200
    return client


def test_an_office_head_resolves_an_ambiguous_birth(db: CentralDatabase) -> None:
    web = _client(db, "truong")
    page = web.get("/backoffice/life-events")
    assert page.status_code == 200 and "Sự kiện hộ tịch chờ xử lý" in page.text
    assert "CS0001/2026" in page.text and "họ tên khác" in page.text
    with db.session() as s:
        event = s.scalars(select(LifeEvent)).one()
        candidate = event.match["candidates"][0]["id_number"]
    assert candidate in page.text  # the register's candidate, prefilled in the form
    answer = web.post(
        f"/backoffice/life-events/{event.id}/resolve",
        data={"csrf": csrf_of(page.text), "id_number": candidate, "office_code": ""},
    )
    assert answer.status_code == 200 and "Không có sự kiện nào chờ xử lý" in answer.text
    with db.session() as s:
        resolved = s.get(LifeEvent, event.id)
        assert resolved is not None and resolved.match_state == "resolved"
        assert resolved.office_code == DEMO_OFFICE
        feed = s.scalars(select(Change).where(Change.kind == "life_event")).all()
        assert [c.entity_id for c in feed] == [event.id]
        assert s.scalars(select(StaffAudit.action)).all().count("resolve_life_event") == 1


def test_a_processing_officer_may_not_resolve(db: CentralDatabase) -> None:
    web = _client(db, "lan")
    assert web.get("/backoffice/life-events").status_code == 403
    assert "/backoffice/life-events" not in web.get("/backoffice/queue").text
    queue = web.get("/backoffice/queue")
    with db.session() as s:
        event_id = s.scalars(select(LifeEvent.id)).one()
    refused = web.post(
        f"/backoffice/life-events/{event_id}/resolve",
        data={"csrf": csrf_of(queue.text), "id_number": "001190000001"},
    )
    assert refused.status_code == 403
    with db.session() as s:
        assert s.scalars(select(LifeEvent.match_state)).one() == "ambiguous"


def test_a_wrong_id_number_is_said_and_changes_nothing(db: CentralDatabase) -> None:
    web = _client(db, "truong")
    page = web.get("/backoffice/life-events")
    with db.session() as s:
        event_id = s.scalars(select(LifeEvent.id)).one()
    answer = web.post(
        f"/backoffice/life-events/{event_id}/resolve",
        data={"csrf": csrf_of(page.text), "id_number": "999999999999"},
    )
    assert answer.status_code == 409 and "không có trong CSDL dân cư" in answer.text
    english = web.get("/backoffice/life-events?lang=en")
    assert "Life events waiting to be resolved" in english.text


def _receive(db: CentralDatabase, document: dict) -> str:  # type: ignore[type-arg]
    with db.session() as s:
        client = s.scalars(select(PortalClient)).first()
        assert client is not None
        row, _ = service.receive(s, client, service.parse_event.validate_python(document))
        return row.id


def test_a_matched_event_no_office_covers_waits_until_staff_route_it(db: CentralDatabase) -> None:
    """The mother is found in the register, but nobody covers her residence: the event
    is not lost — it waits as unrouted and an office head sends it to their office."""
    with db.session() as s:
        mother = s.scalars(
            select(Person).where(Person.sex == "Nữ").order_by(Person.id_number.desc())
        ).first()
        assert mother is not None and mother.date_of_birth is not None
        mother.residence = "Xã Xa Xôi, Tỉnh Không Có Đơn Vị"
        person = {"id_number": mother.id_number, "full_name": mother.full_name,
                  "date_of_birth": mother.date_of_birth.isoformat(),
                  "residence": mother.residence}  # fmt: skip
    event_id = _receive(db, {
        "event_type": "birth", "certificate_number": "CS0002/2026", "issued_on": "2026-11-21",
        "facility": {"code": "1", "name": "Bệnh viện thử"}, "mother": person,
        "child": {"sex": "Nam", "born_at": "2026-11-20T08:00:00+07:00"},
    })  # fmt: skip
    with db.session() as s:
        row = s.get(LifeEvent, event_id)
        assert row is not None and (row.match_state, row.office_code) == ("matched", None)
        assert not s.scalars(select(Change).where(Change.entity_id == event_id)).all()

    web = _client(db, "truong")
    page = web.get("/backoffice/life-events")
    assert "CS0002/2026" in page.text and "không đơn vị nào phụ trách nơi cư trú" in page.text
    assert person["full_name"] in page.text
    refused = web.post(
        f"/backoffice/life-events/{event_id}/resolve",
        data={"csrf": csrf_of(page.text), "id_number": person["id_number"], "office_code": ""},
    )
    assert refused.status_code == 409 and "chọn đơn vị tiếp nhận" in refused.text
    routed = web.post(
        f"/backoffice/life-events/{event_id}/resolve",
        data={"csrf": csrf_of(page.text), "id_number": person["id_number"],
              "office_code": DEMO_OFFICE},
    )  # fmt: skip
    waiting, sent = routed.text.split('id="sent"')
    assert routed.status_code == 200 and "CS0002/2026" not in waiting
    assert "CS0002/2026" in sent  # now among the events sent to the offices
    with db.session() as s:
        row = s.get(LifeEvent, event_id)
        assert row is not None and (row.office_code, row.routed_by) == (DEMO_OFFICE, "manual")
        feed = s.scalars(select(Change).where(Change.entity_id == event_id)).all()
        assert [c.office_code for c in feed] == [DEMO_OFFICE]


def test_an_office_head_cannot_resolve_another_offices_event(db: CentralDatabase) -> None:
    other = "000.00.79.H79"
    event_id = _receive(db, {
        "event_type": "birth", "certificate_number": "CS0003/2026", "issued_on": "2026-11-21",
        "facility": {"code": "1", "name": "Bệnh viện thử"},
        "mother": {"full_name": "Người Mẹ Không Có Trong Sổ",
                   "residence": "Phường Thử Nghiệm, Thành phố Hồ Chí Minh"},
        "child": {"sex": "Nam", "born_at": "2026-11-20T08:00:00+07:00"},
    })  # fmt: skip
    with db.session() as s:
        row = s.get(LifeEvent, event_id)
        assert row is not None and (row.match_state, row.office_code) == ("unmatched", other)
        someone = s.scalars(select(Person.id_number).order_by(Person.id_number)).first()
        assert someone is not None
    web = _client(db, "truong")
    page = web.get("/backoffice/life-events")
    assert "CS0003/2026" not in page.text  # not listed to the other office's head …
    refused = web.post(  # … and refused when posted by its id
        f"/backoffice/life-events/{event_id}/resolve",
        data={"csrf": csrf_of(page.text), "id_number": someone, "office_code": ""},
    )
    assert refused.status_code == 403 and "thuộc đơn vị khác" in refused.text
    with db.session() as s:
        row = s.get(LifeEvent, event_id)
        assert row is not None and row.match_state == "unmatched"
        with pytest.raises(service.EventRefused) as caught:  # the service itself refuses
            service.resolve(s, event_id, someone, None, acting_for=[DEMO_OFFICE])
        assert caught.value.status == 403
        resolved = service.resolve(s, event_id, someone, None, acting_for=None)  # province
        assert resolved.match_state == "resolved"
