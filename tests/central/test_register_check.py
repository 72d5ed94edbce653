"""The register check: outcomes per participant, resumable runs, steady rate, retries."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from sqlalchemy import select, update

from central.db import CentralDatabase, open_central
from central.models import Participant, Person
from central.register_check.adapter import (
    Guarded,
    RateLimiter,
    ReferenceRegister,
    RegisterRecord,
    RegisterUnavailable,
    RetryPolicy,
)
from central.register_check.compare import Declared, compare
from central.register_check.models import (
    DIFFERS,
    FINISHED,
    NOT_CHECKED,
    NOT_FOUND,
    RUNNING,
    VERIFIED,
    RegisterCheck,
    RegisterCheckRun,
)
from central.register_check.runner import pending_count, verify
from central.seed import seed
from testkit.central_server import CHEAP_HASHER

REPO = Path(__file__).resolve().parents[2]
BORN = dt.date(1990, 5, 17)


def _declared(**changes: object) -> Declared:
    values: dict[str, object] = dict(
        bhxh_number="0123456789",
        id_number="001090123456",
        full_name="Nguyễn Thị Lan",
        date_of_birth=BORN,
        sex="Nữ",
        version=1,
    )
    values.update(changes)
    return Declared(**values)  # type: ignore[arg-type]


RECORD = RegisterRecord("001090123456", "Nguyễn Thị Lan", BORN, "Nữ")


def test_same_identity_in_another_unicode_form_and_case_is_verified() -> None:
    nfd = unicodedata.normalize("NFD", "NGUYỄN  THỊ LAN")
    assert compare(_declared(full_name=nfd, sex="F"), RECORD) == (VERIFIED, [])


def test_a_difference_names_the_field_and_keeps_both_values() -> None:
    outcome, diffs = compare(_declared(date_of_birth=BORN.replace(day=18), sex="Nam"), RECORD)
    assert outcome == DIFFERS
    assert diffs == [
        {"field": "date_of_birth", "declared": "1990-05-18", "registered": "1990-05-17"},
        {"field": "sex", "declared": "Nam", "registered": "Nữ"},
    ]


def test_an_id_number_the_register_does_not_hold_is_not_found() -> None:
    assert compare(_declared(), None) == (NOT_FOUND, [])


class FlakyRegister:
    source = "test:flaky"

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.calls = 0
        self.timeouts: list[float] = []

    def fetch(
        self, id_numbers: Sequence[str], *, timeout: float
    ) -> dict[str, RegisterRecord | None]:
        self.calls += 1
        self.timeouts.append(timeout)
        if self.calls <= self.failures:
            raise RegisterUnavailable("timeout")
        return dict.fromkeys(id_numbers)


def test_an_unavailable_register_is_retried_with_growing_delays_then_given_up() -> None:
    slept: list[float] = []
    flaky = FlakyRegister(failures=2)
    guarded = Guarded(
        flaky, retry=RetryPolicy(attempts=3, first_delay=0.5, timeout=4.0), sleep=slept.append
    )
    assert guarded.fetch(["1", "2"]) == {"1": None, "2": None}
    assert slept == [0.5, 1.0] and flaky.timeouts == [4.0, 4.0, 4.0]

    never = Guarded(FlakyRegister(failures=10), retry=RetryPolicy(attempts=3), sleep=slept.append)
    with pytest.raises(RegisterUnavailable):
        never.fetch(["1"])


def test_an_incomplete_answer_is_a_failure_not_a_not_found() -> None:
    class Partial(FlakyRegister):
        def fetch(self, id_numbers: Sequence[str], *, timeout: float) -> dict:  # type: ignore[override]
            return {id_numbers[0]: None}

    with pytest.raises(RegisterUnavailable):
        Guarded(Partial(0), retry=RetryPolicy(attempts=2), sleep=lambda _s: None).fetch(["1", "2"])


def test_the_rate_limiter_holds_a_steady_rate() -> None:
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(100.0, burst=100.0, clock=lambda: now[0], sleep=sleep)
    for _ in range(10):
        limiter.take(50)  # 500 people at 100/s, the first 100 free as a burst
    assert now[0] == pytest.approx(4.0)


# --- runs on a real database (SQLite and PostgreSQL) ------------------------------------


@pytest.fixture
def db(central_db_url: str) -> Iterator[CentralDatabase]:
    database = open_central(central_db_url, pool_size=3)
    with database.session() as s:
        seed(s, 600, hasher=CHEAP_HASHER)
    yield database
    database.dispose()


def _register(db: CentralDatabase) -> Guarded:
    return Guarded(ReferenceRegister(db), rate=None)


def _results(db: CentralDatabase) -> dict[str, RegisterCheck]:
    with db.session() as s:
        return {r.bhxh_number: r for r in s.scalars(select(RegisterCheck))}


def _participants(db: CentralDatabase) -> list[Participant]:
    with db.session() as s:
        return list(s.scalars(select(Participant).order_by(Participant.bhxh_number)))


def test_every_participant_gets_one_outcome_and_a_rerun_checks_only_changes(
    db: CentralDatabase,
) -> None:
    people = _participants(db)
    renamed, moved = people[10], people[20]
    with db.session() as s:
        s.execute(
            update(Participant)
            .where(Participant.bhxh_number == renamed.bhxh_number)
            .values(full_name="Tên Khác Hẳn")
        )
        s.execute(
            update(Participant)
            .where(Participant.bhxh_number == moved.bhxh_number)
            .values(id_number="001099999999")  # not in the register
        )
        seeded_differences = pending_count(s)
    assert seeded_differences == len(people)

    first = verify(db, _register(db), batch=64)
    results = _results(db)
    assert first.done == len(people) == len(results)
    assert results[renamed.bhxh_number].outcome == DIFFERS
    assert results[renamed.bhxh_number].differences == [
        {"field": "full_name", "declared": "Tên Khác Hẳn", "registered": renamed.full_name}
    ]
    assert results[moved.bhxh_number].outcome == NOT_FOUND
    assert results[people[0].bhxh_number].source == "reference:register_people"
    age = dt.datetime.now(dt.UTC) - results[people[0].bhxh_number].checked_at
    assert dt.timedelta(0) <= age < dt.timedelta(minutes=5)  # stored as UTC, read back aware
    assert sum(first.counts.values()) == len(people)
    # the seed's own flawed records (about 1 %) are found as differing
    assert 1 <= first.counts[DIFFERS] <= len(people) // 20

    again = verify(db, _register(db))
    assert again.done == 0 and again.run_id != first.run_id
    assert _results(db)[people[0].bhxh_number].run_id == first.run_id

    fixed = people[10]
    with db.session() as s:
        register_name = s.get(Person, fixed.id_number).full_name  # type: ignore[union-attr]
        s.execute(
            update(Participant)
            .where(Participant.bhxh_number == fixed.bhxh_number)
            .values(full_name=register_name, version=Participant.version + 1)
        )
    third = verify(db, _register(db))
    assert third.done == 1
    assert _results(db)[fixed.bhxh_number].outcome == VERIFIED

    # results older than a chosen age are checked again
    later = verify(db, _register(db), recheck_before=dt.datetime.now(dt.UTC))
    assert later.done == len(people)


def test_a_stopped_run_resumes_after_its_cursor_without_checking_anyone_twice(
    db: CentralDatabase,
) -> None:
    total = len(_participants(db))
    part = verify(db, _register(db), batch=100, stop_after=250)
    with db.session() as s:
        run = s.get(RegisterCheckRun, part.run_id)
        assert run is not None and run.status == RUNNING and run.done == 250
    before = {k: r.checked_at for k, r in _results(db).items()}
    assert len(before) == 250

    progress: list[str] = []
    rest = verify(db, _register(db), batch=100, on_progress=lambda p: progress.append(p.line()))
    assert rest.run_id == part.run_id and rest.resumed
    assert rest.done == rest.total == total
    after = _results(db)
    assert len(after) == total
    assert all(after[k].checked_at == at for k, at in before.items())
    assert progress and f"{total}/{total}" in progress[-1]
    with db.session() as s:
        run = s.get(RegisterCheckRun, part.run_id)
        assert run is not None and run.status == FINISHED and run.resumed == 1


@pytest.mark.postgres
def test_verify_register_killed_mid_run_resumes_on_postgresql(tmp_path: Path) -> None:
    from testkit.central_server import fresh_pg_database, pg_url_or_skip

    with fresh_pg_database(pg_url_or_skip()) as url:
        database = open_central(url, pool_size=2)
        with database.session() as s:
            seed(s, 1500, hasher=CHEAP_HASHER)
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        command = [sys.executable, "-m", "central", "--db", url, "verify-register"]
        slow = subprocess.Popen(
            [*command, "--rate", "400", "--batch", "50", "--progress-every", "0.2"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                with database.session() as s:
                    done = s.scalar(select(RegisterCheckRun.done)) or 0
                if done >= 600:
                    break
                time.sleep(0.1)
            slow.send_signal(signal.SIGKILL)
        finally:
            slow.wait(10)
            assert slow.stderr is not None and slow.stdout is not None
            killed_log = slow.stderr.read()
            slow.stdout.close()
            slow.stderr.close()
        assert "people/s" in killed_log and " left" in killed_log
        before = {k: r.checked_at for k, r in _results(database).items()}
        assert 600 <= len(before) < 1500

        finished = subprocess.run(
            [*command, "--rate", "0"], env=env, capture_output=True, text=True, timeout=120
        )
        assert finished.returncode == 0, finished.stderr
        summary = json.loads(finished.stdout)
        assert summary["resumed"] is True and summary["checked"] == summary["total"]
        after = _results(database)
        assert len(after) == len(_participants(database))
        assert all(after[k].checked_at == at for k, at in before.items())

        nothing = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
        assert json.loads(nothing.stdout)["checked"] == 0
        database.dispose()


@pytest.mark.postgres
def test_a_second_run_at_the_same_time_is_refused_on_postgresql() -> None:
    from sqlalchemy import text

    from central.register_check.runner import AlreadyRunning
    from testkit.central_server import fresh_pg_database, pg_url_or_skip

    with fresh_pg_database(pg_url_or_skip()) as url:
        database = open_central(url, pool_size=2)
        try:
            with database.engine.connect() as holder:
                holder.execute(text("SELECT pg_advisory_lock(:k)"), {"k": 0x52656743})
                with pytest.raises(AlreadyRunning):
                    verify(database, _register(database))
                holder.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": 0x52656743})
            assert verify(database, _register(database)).done == 0
        finally:
            database.dispose()


def test_upgrading_a_populated_database_gives_participants_their_register_identity(
    central_db_url: str,
) -> None:
    from alembic import command
    from sqlalchemy import text

    from central.db import alembic_config, make_engine, migrate

    engine = make_engine(central_db_url)
    try:
        config = alembic_config(engine)
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0001")
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO register_people (id_number, full_name, date_of_birth, dob_text,"
                    " sex, nationality, ethnicity, place_of_origin, residence, relation) VALUES"
                    " ('001090000123', 'Lê Thị Thử', '1990-02-03', '03/02/1990', 'Nữ',"
                    " 'Việt Nam', 'Kinh', '', '', '')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO bhxh_participants (bhxh_number, id_number) VALUES"
                    " ('0090000123', '001090000123'), ('0090000999', '001090000999')"
                )
            )
        migrate(engine)
        with engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT bhxh_number, full_name, date_of_birth, sex, version"
                    " FROM bhxh_participants ORDER BY bhxh_number"
                )
            ).all()
        assert tuple(rows[0])[1:] in (
            ("Lê Thị Thử", dt.date(1990, 2, 3), "Nữ", 1),
            ("Lê Thị Thử", "1990-02-03", "Nữ", 1),  # SQLite returns the text
        )
        assert tuple(rows[1])[1:] == ("", None, "", 1)  # not in the register: left empty
    finally:
        engine.dispose()


def test_a_register_that_stops_answering_leaves_the_run_resumable(db: CentralDatabase) -> None:
    from central.register_check.adapter import RegisterUnavailable as Unavailable

    class Failing:
        source = "reference:register_people"

        def __init__(self) -> None:
            self.calls = 0
            self.inner = ReferenceRegister(db)

        def fetch(self, id_numbers: Sequence[str], *, timeout: float) -> dict:  # type: ignore[type-arg]
            self.calls += 1
            if self.calls > 2:
                raise Unavailable("connection refused")
            return self.inner.fetch(id_numbers, timeout=timeout)

    failing = Guarded(Failing(), retry=RetryPolicy(attempts=2), sleep=lambda _s: None)
    with pytest.raises(Unavailable):  # the third unanswered batch in a row stops the run
        verify(db, failing, batch=100)
    results = _results(db)
    # two batches answered and two recorded as "not checked", all kept
    assert [r.outcome for r in results.values()].count(NOT_CHECKED) == 200
    assert len(results) == 400
    with db.session() as s:
        run = s.scalars(select(RegisterCheckRun)).one()
        assert run.status == RUNNING and run.done == 400
    final = verify(db, _register(db), batch=100)
    assert final.resumed and final.run_id == run.id and final.done == len(_participants(db))
    again = verify(db, _register(db), batch=100)  # the next run asks for the 200 again
    assert not again.resumed and again.done == 200
    assert NOT_CHECKED not in {r.outcome for r in _results(db).values()}


def test_an_edit_to_a_participant_is_checked_again_without_touching_its_version(
    db: CentralDatabase,
) -> None:
    """A change through the ORM or a bulk update bumps ``version`` by itself (a trigger),
    so the re-run checks exactly the people that changed; a save that changes nothing
    of the identity does not count."""
    people = _participants(db)
    first = verify(db, _register(db), batch=64)
    assert first.done == len(people)
    renamed, moved, untouched = people[3], people[7], people[12]
    with db.session() as s:
        participant = s.get(Participant, renamed.bhxh_number)
        assert participant is not None
        participant.full_name = "Tên Đã Sửa Ở BHXH"  # the ORM path
        s.flush()
        assert participant.version == renamed.version + 1  # read back from the row
        s.execute(  # a bulk update
            update(Participant)
            .where(Participant.bhxh_number == moved.bhxh_number)
            .values(date_of_birth=dt.date(1970, 1, 1))
        )
        s.execute(  # only the clock changes: no new version
            update(Participant)
            .where(Participant.bhxh_number == untouched.bhxh_number)
            .values(updated_at=dt.datetime.now(dt.UTC))
        )
    second = verify(db, _register(db))
    assert second.done == 2
    results = _results(db)
    assert results[renamed.bhxh_number].outcome == DIFFERS
    assert results[moved.bhxh_number].outcome == DIFFERS
    assert results[untouched.bhxh_number].run_id == first.run_id
    versions = {p.bhxh_number: p.version for p in _participants(db)}
    assert versions[moved.bhxh_number] == moved.version + 1
    assert versions[untouched.bhxh_number] == untouched.version
