"""The population register over HTTP: connect and read timeouts against real slow
servers on loopback, and a bulk check that records unanswered people as "not checked"
and asks again on the next run."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select

from central.db import CentralDatabase, open_central
from central.models import Participant, Person
from central.register_check import worklist
from central.register_check.adapter import REASONS, Guarded, RegisterUnavailable, RetryPolicy
from central.register_check.http_register import HttpRegister
from central.register_check.models import NOT_CHECKED, OUTCOMES, RegisterCheck
from central.register_check.runner import pending_count, verify
from central.seed import seed
from testkit.central_server import CHEAP_HASHER, free_port


@dataclass
class Behaviour:
    people: dict[str, dict[str, object]] = field(default_factory=dict)
    slow_ids: set[str] = field(default_factory=set)  # a batch asking any: answered late
    trickle: bool = False  # the answer a byte at a time
    release: threading.Event = field(default_factory=threading.Event)  # ends every wait
    calls: int = 0


class SlowRegister(ThreadingHTTPServer):
    """A population register on loopback that answers late when told to."""

    daemon_threads = True

    def __init__(self, behaviour: Behaviour) -> None:
        self.behaviour = behaviour
        super().__init__(("127.0.0.1", 0), _Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/people"


class _Handler(BaseHTTPRequestHandler):
    server: SlowRegister

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        b = self.server.behaviour
        b.calls += 1
        asked = json.loads(self.rfile.read(int(self.headers["Content-Length"])))["id_numbers"]
        if b.slow_ids.intersection(asked):
            b.release.wait(10)  # far longer than the client waits
        body = json.dumps(
            {
                "people": [b.people[n] for n in asked if n in b.people],
                "not_found": [n for n in asked if n not in b.people],
            }
        ).encode()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not b.trickle:
                self.wfile.write(body)
                return
            for i in range(len(body)):
                self.wfile.write(body[i : i + 1])
                self.wfile.flush()
                if b.release.wait(0.05):
                    return
        except OSError:
            pass  # the client gave up: what a timeout means


@pytest.fixture
def behaviour() -> Behaviour:
    return Behaviour()


@pytest.fixture
def server(behaviour: Behaviour) -> Iterator[SlowRegister]:
    running = SlowRegister(behaviour)
    thread = threading.Thread(target=running.serve_forever, daemon=True)
    thread.start()
    yield running
    behaviour.release.set()
    running.shutdown()
    running.server_close()
    thread.join()


PERSON = {
    "id_number": "001090123456",
    "full_name": "Nguyễn Thị Lan",
    "date_of_birth": "1990-05-17",
    "sex": "Nữ",
}


def test_an_answer_is_read_with_found_and_not_found_people(
    server: SlowRegister, behaviour: Behaviour
) -> None:
    behaviour.people[PERSON["id_number"]] = PERSON  # type: ignore[index]
    register = HttpRegister(server.url, read_timeout=2.0)
    try:
        answer = register.fetch(["001090123456", "079200000001"], timeout=5.0)
    finally:
        register.close()
    found = answer["001090123456"]
    assert found is not None and found.full_name == "Nguyễn Thị Lan"
    assert str(found.date_of_birth) == "1990-05-17"
    assert answer["079200000001"] is None  # the register said so


def test_a_register_that_answers_too_late_is_a_read_timeout_staff_can_read(
    server: SlowRegister, behaviour: Behaviour
) -> None:
    behaviour.slow_ids.add("001090123456")
    register = HttpRegister(server.url, read_timeout=0.3)
    try:
        with pytest.raises(RegisterUnavailable) as caught:
            register.fetch(["001090123456"], timeout=5.0)
    finally:
        register.close()
    assert caught.value.kind == "read_timeout"
    assert "không trả lời trong thời hạn chờ" in caught.value.message


def test_an_answer_trickled_past_the_call_deadline_is_a_timeout(
    server: SlowRegister, behaviour: Behaviour
) -> None:
    """Every byte arrives within the read timeout, the whole answer never in time."""
    behaviour.people[PERSON["id_number"]] = PERSON  # type: ignore[index]
    behaviour.trickle = True
    register = HttpRegister(server.url, read_timeout=2.0)
    try:
        with pytest.raises(RegisterUnavailable) as caught:
            register.fetch(["001090123456"], timeout=0.5)
    finally:
        register.close()
    assert caught.value.kind == "read_timeout"


def test_a_register_that_does_not_accept_the_connection_is_a_connect_timeout() -> None:
    listener = socket.create_server(("127.0.0.1", 0), backlog=0)
    port = listener.getsockname()[1]
    waiting = socket.create_connection(("127.0.0.1", port))  # fills the accept queue
    register = HttpRegister(f"http://127.0.0.1:{port}/people", connect_timeout=0.3)
    try:
        with pytest.raises(RegisterUnavailable) as caught:
            register.fetch(["001090123456"], timeout=5.0)
    finally:
        register.close()
        waiting.close()
        listener.close()
    assert caught.value.kind == "connect_timeout"
    assert "Không kết nối được" in caught.value.message


def test_a_register_nobody_listens_for_is_unreachable() -> None:
    register = HttpRegister(f"http://127.0.0.1:{free_port()}/people")
    try:
        with pytest.raises(RegisterUnavailable) as caught:
            register.fetch(["001090123456"], timeout=5.0)
    finally:
        register.close()
    assert caught.value.kind == "unreachable"


# --- the bulk check against the slow server (SQLite and PostgreSQL) -----------------------


@pytest.fixture
def db(central_db_url: str, behaviour: Behaviour) -> Iterator[CentralDatabase]:
    database = open_central(central_db_url, pool_size=3)
    with database.session() as s:
        seed(s, 300, hasher=CHEAP_HASHER)
        for p in s.scalars(select(Person)):
            behaviour.people[p.id_number] = {
                "id_number": p.id_number,
                "full_name": p.full_name,
                "date_of_birth": p.date_of_birth.isoformat() if p.date_of_birth else None,
                "sex": p.sex,
            }
    yield database
    database.dispose()


def test_people_the_register_does_not_answer_for_are_not_checked_and_asked_next_run(
    db: CentralDatabase, server: SlowRegister, behaviour: Behaviour
) -> None:
    with db.session() as s:
        people = list(s.scalars(select(Participant).order_by(Participant.bhxh_number)))
    second_batch = people[100:200]
    behaviour.slow_ids = {p.id_number for p in second_batch}
    connection = HttpRegister(server.url, connect_timeout=1.0, read_timeout=0.3)
    register = Guarded(
        connection, retry=RetryPolicy(attempts=2, timeout=5.0), sleep=lambda _s: None
    )
    try:
        first = verify(db, register, batch=100)
        # the run went on past the unanswered batch and finished
        assert first.done == len(people) and first.counts[NOT_CHECKED] == 100
        with db.session() as s:
            results = {r.bhxh_number: r for r in s.scalars(select(RegisterCheck))}
            unanswered = {p.bhxh_number for p in second_batch}
            for number, result in results.items():
                if number in unanswered:
                    assert result.outcome == NOT_CHECKED
                    assert result.note == REASONS["read_timeout"]
                else:
                    assert result.outcome in OUTCOMES and result.note == ""
            # the counter hears "not checked yet", not a check time that never happened
            state = worklist.state_of(s, second_batch[0].id_number)
            assert state.state == "not_checked" and state.checked_at is None
            # the back office can list them, with the reason
            listed = worklist.work_list(s, outcomes=(NOT_CHECKED,))
            assert listed.total == 100 and listed.items[0].note == REASONS["read_timeout"]
            assert worklist.summary(s).outcomes[NOT_CHECKED] == 100
            assert pending_count(s) == 100

        behaviour.slow_ids = set()  # the register answers again
        second = verify(db, register, batch=100)
    finally:
        connection.close()
    assert not second.resumed and second.done == 100  # exactly the ones not checked
    with db.session() as s:
        after = {r.bhxh_number: r for r in s.scalars(select(RegisterCheck))}
        assert all(after[n].outcome in OUTCOMES and after[n].note == "" for n in unanswered)
        assert pending_count(s) == 0


def test_a_register_that_stays_silent_stops_the_run_after_three_batches(
    db: CentralDatabase, server: SlowRegister, behaviour: Behaviour
) -> None:
    behaviour.slow_ids = set(behaviour.people)
    connection = HttpRegister(server.url, read_timeout=0.2)
    register = Guarded(
        connection, retry=RetryPolicy(attempts=1, timeout=5.0), sleep=lambda _s: None
    )
    try:
        with pytest.raises(RegisterUnavailable):
            verify(db, register, batch=50)
    finally:
        connection.close()
    with db.session() as s:
        # two batches kept as "not checked", the third stopped the (resumable) run
        rows = list(s.scalars(select(RegisterCheck)))
        assert len(rows) == 100 and {r.outcome for r in rows} == {NOT_CHECKED}
