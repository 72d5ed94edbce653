"""Life events end to end, one test per kind, on the real central service on
PostgreSQL: the event is ingested at central → the counter's sync engine pulls it →
the relative's card data reaches the intake screen → "Có sự kiện liên quan" → the
suggested procedure opens prefilled → save → push → the event closes at central with
the dossier's code. Contact attempts reach central and its reports; a death's two
procedures filed at two counters close the event whichever counter files last."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from life_event_helpers import (
    Screen,
    head_of_a_family,
    on_central,
    participant,
    person,
    post,
    second_counter,
)
from sync_helpers import Counter, server_rows

from app.services import life_events
from app.services.storage.db import Database
from central.api import create_app
from central.indicators import life_event_counts
from central.seed import DEMO_OFFICE
from central.web import auth
from testkit.central_server import RunningCentral, fresh_pg_database, pg_url_from_env

sys.path.insert(0, str(Path(__file__).parents[2] / "central"))
from backoffice_helpers import add_staff, csrf_of, log_in

pytestmark = pytest.mark.postgres
TODAY = life_events.today_vn()


@pytest.fixture
def central_db_url() -> Iterator[str]:
    url = pg_url_from_env()
    if url is None:
        pytest.skip("MOTCUA_TEST_PG_URL not set (scripts/postgres.sh start)")
    with fresh_pg_database(url) as fresh:
        yield fresh


@pytest.fixture
def counter(central: RunningCentral, demo_db: Database, memory_keyring: object) -> Counter:
    return Counter.enrolled(central, demo_db, DEMO_OFFICE)


def _back_office(central: RunningCentral) -> TestClient:
    add_staff(central.db, "truong", auth.OFFICE_HEAD, [DEMO_OFFICE])
    web = TestClient(create_app(central.db), base_url="https://testserver")
    assert log_in(web, "truong").status_code == 200
    return web


def _birth(mother: dict[str, object], number: str = "CS00000042/2026") -> dict[str, object]:
    born = dt.datetime.combine(TODAY - dt.timedelta(days=4), dt.time(5, 40))
    return {
        "event_type": "birth", "certificate_number": number,
        "issued_on": (TODAY - dt.timedelta(days=3)).isoformat(),
        "facility": {"code": "79001", "name": "Bệnh viện thử nghiệm"},
        "mother": mother, "child": {"sex": "Nam", "born_at": born.isoformat() + "+07:00"},
    }  # fmt: skip


def _death(deceased: dict[str, object], days_ago: int, number: str) -> dict[str, object]:
    died = TODAY - dt.timedelta(days=days_ago)
    return {
        "event_type": "death", "certificate_number": number,
        "issued_on": died.isoformat(), "facility": {"code": "79001", "name": "Bệnh viện thử nghiệm"},
        "deceased": deceased, "died_at": f"{died.isoformat()}T23:00:00+07:00",
    }  # fmt: skip


def test_a_birth_the_mothers_card_and_the_childs_card_dossier(
    qtbot, central: RunningCentral, counter: Counter
) -> None:
    mother = participant(central, sex="Nữ")
    posted = post(central, _birth({"id_number": mother.id_number, "full_name": mother.full_name}))
    engine = counter.engine()
    assert engine.sync_once().error is None
    (event,) = life_events.list_events(counter.db)
    # The officer phoned the family (Ctrl+G on the Sự kiện page records this).
    life_events.record_contact(counter.db, event.id, counter.setup.officer_id, "phone", "no_answer")
    life_events.record_contact(counter.db, event.id, counter.setup.officer_id, "phone", "will_come")

    screen = Screen.open(qtbot, counter)
    screen.card_read(mother)
    assert "Có sự kiện liên quan" in screen.banner.text.text()
    assert screen.offered() == ["603"]
    screen.banner.open_suggested()
    shown = screen.banner.fields.values()
    assert shown["child_sex"] == "Nam" and shown["birth_certificate_number"] == "CS00000042/2026"
    assert shown["guardian"] == mother.full_name
    screen.banner.fields.edits["child_name"].insert("Đỗ Minh An")
    code = _save(qtbot, screen)

    report = engine.sync_once()
    assert report.error is None and report.push.sent >= 3  # the dossier, two attempts, …
    closed = on_central(central, posted["id"])
    assert (closed.status, closed.closed_dossier_code) == ("closed", code)
    assert closed.answers == {"603": code}
    (dossier,) = [r for r in server_rows(central, "dossier") if r.code == code]
    assert dossier.data["form_data"]["child_name"] == "Đỗ Minh An"

    # The attempts are stored at central once, however often the counter pushes them.
    attempts = server_rows(central, "life_event_contact")
    assert sorted(r.data["outcome"] for r in attempts) == ["no_answer", "will_come"]
    assert {r.parent_id for r in attempts} == {posted["id"]}
    with counter.db.session() as s:
        from app.services.sync.pull import resend_everything

        resend_everything(s)
    assert engine.sync_once().push.duplicates >= 2
    assert len(server_rows(central, "life_event_contact")) == 2

    # The back office's event list shows the dossier and the attempts …
    page = _back_office(central).get("/backoffice/life-events")
    assert page.status_code == 200
    row = page.text[page.text.index(f'id="event-{posted["id"]}"') :].split("</tr>")[0]
    assert code in row and "Đã có hồ sơ" in row
    assert "Không nghe máy" in row and "Gia đình hẹn đến nộp" in row
    # … and the indicators count them.
    with central.db.session() as s:
        figures, _codes = life_event_counts.life_event_figures(
            s, [DEMO_OFFICE], TODAY - dt.timedelta(days=1), TODAY
        )
    assert (figures.received, figures.opened.count) == (1, 1)
    assert (figures.contacted, figures.contact_attempts) == (1, 2)
    assert figures.mean_days == 4  # born four days ago, filed today

    assert engine.sync_once().error is None  # central's echo
    (after,) = life_events.list_events(counter.db)
    assert after.status == "closed" and after.dossier_codes == (code,)


def _save(qtbot, screen: Screen) -> str:
    screen.controller.all_received()
    count = len(screen.saved)
    screen.controller.save()
    qtbot.waitUntil(lambda: len(screen.saved) == count + 1, timeout=20000)
    return str(screen.saved[-1].code)


def test_a_death_a_survivors_benefit_then_the_funeral_grant(
    qtbot, central: RunningCentral, counter: Counter
) -> None:
    deceased, _family = head_of_a_family(central)
    posted = post(
        central,
        _death({"id_number": deceased.id_number, "full_name": deceased.full_name}, 10, "BT07/2026"),
    )
    engine = counter.engine()
    assert engine.sync_once().error is None
    (event,) = life_events.list_events(counter.db)
    assert event.procedure_codes == ("TU-TUAT", "MAI-TANG")
    assert event.days_left == 80  # the 90-day limit, counted from the death
    relative = person(central, event.relatives[0]["id_number"])

    screen = Screen.open(qtbot, counter)
    screen.card_read(relative)
    assert "Có sự kiện liên quan" in screen.banner.text.text()
    assert screen.offered() == ["TU-TUAT", "MAI-TANG"]
    screen.banner.open_suggested()
    shown = screen.banner.fields.values()
    assert shown["deceased_name"] == deceased.full_name
    assert shown["claimant_relation"] == event.relatives[0]["relation"]
    survivors = _save(qtbot, screen)

    assert engine.sync_once().error is None
    half = on_central(central, posted["id"])
    assert half.status == "open" and half.answers == {"TU-TUAT": survivors}

    screen.card_read(relative)  # the family comes back for the funeral grant
    assert screen.offered() == ["MAI-TANG"]
    screen.banner.open_suggested()
    funeral = _save(qtbot, screen)
    assert engine.sync_once().error is None
    closed = on_central(central, posted["id"])
    assert closed.status == "closed" and closed.closed_dossier_code == funeral
    assert closed.answers == {"TU-TUAT": survivors, "MAI-TANG": funeral}


def test_an_unmatched_birth_resolved_in_the_back_office_reaches_the_counter(
    qtbot, central: RunningCentral, counter: Counter
) -> None:
    mother = participant(central, sex="Nữ")
    # No ID number and a name the register does not know: nobody to route it to.
    posted = post(central, _birth({"full_name": "Người Chưa Rõ"}, "CS00000077/2026"))
    assert posted["match_state"] == "unmatched" and posted["office_code"] is None
    engine = counter.engine()
    assert engine.sync_once().error is None
    assert life_events.list_events(counter.db) == []

    web = _back_office(central)
    page = web.get("/backoffice/life-events")
    assert "CS00000077/2026" in page.text
    answer = web.post(
        f"/backoffice/life-events/{posted['id']}/resolve",
        data={"csrf": csrf_of(page.text), "id_number": mother.id_number, "office_code": ""},
    )
    assert answer.status_code == 200 and "Không có sự kiện nào chờ xử lý" in answer.text

    assert engine.sync_once().error is None
    screen = Screen.open(qtbot, counter)
    screen.card_read(mother)
    assert screen.offered() == ["603"]
    screen.banner.open_suggested()
    assert screen.controller.state.event_form["birth_certificate_number"] == "CS00000077/2026"
    code = _save(qtbot, screen)
    assert engine.sync_once().error is None
    closed = on_central(central, posted["id"])
    assert (closed.status, closed.closed_dossier_code) == ("closed", code)


@pytest.mark.parametrize("b_pulled_first", [True, False], ids=["b-knew", "b-did-not-know"])
def test_two_counters_file_a_deaths_two_procedures(
    qtbot, central: RunningCentral, counter: Counter, tmp_path: Path, b_pulled_first: bool
) -> None:
    """Counter 1 files the funeral grant, counter 2 the survivors' benefit: the event
    closes with both codes whether or not counter 2 had heard of counter 1's dossier."""
    deceased, _family = head_of_a_family(central)
    posted = post(
        central,
        _death({"id_number": deceased.id_number, "full_name": deceased.full_name}, 20, "BT09/2026"),
    )
    other = second_counter(central, tmp_path / "counter2.sqlite3", 2)
    try:
        one, two = counter.engine(), other.engine()
        assert one.sync_once().error is None and two.sync_once().error is None
        (event,) = life_events.list_events(counter.db)
        first = person(central, event.relatives[0]["id_number"])
        second = person(central, event.relatives[-1]["id_number"])

        a = Screen.open(qtbot, counter)
        a.card_read(first)
        assert a.offered() == ["TU-TUAT", "MAI-TANG"]
        a.banner.open_offer(1)
        funeral = _save(qtbot, a)
        assert one.sync_once().error is None
        assert on_central(central, posted["id"]).status == "open"

        if b_pulled_first:
            assert two.sync_once().error is None
        b = Screen.open(qtbot, other)
        b.card_read(second)
        assert b.offered() == (["TU-TUAT"] if b_pulled_first else ["TU-TUAT", "MAI-TANG"])
        b.banner.open_offer(0)
        survivors = _save(qtbot, b)
        assert funeral != survivors
        assert two.sync_once().error is None

        closed = on_central(central, posted["id"])
        assert closed.status == "closed" and closed.closed_dossier_code == survivors
        assert closed.answers == {"MAI-TANG": funeral, "TU-TUAT": survivors}
        for c, engine in ((counter, one), (other, two)):
            assert engine.sync_once().error is None
            (view,) = life_events.list_events(c.db)
            assert view.status == "closed"
            assert sorted(view.dossier_codes) == sorted([funeral, survivors])
        page = _back_office(central).get("/backoffice/life-events")
        row = page.text[page.text.index(f'id="event-{posted["id"]}"') :].split("</tr>")[0]
        assert funeral in row and survivors in row
    finally:
        other.db.dispose()
