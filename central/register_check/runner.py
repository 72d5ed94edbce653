"""The register check run: every participant that needs it, in key order, resumable.

A participant needs a check when it has no result yet, when its declared identity
changed since its result (``version``), or when its result is older than the run's
``recheck_before``. Work goes in batches: select the next batch after the run's cursor,
ask the register (``Guarded``: steady rate, retries), then write the results, the new
cursor and the counters in one transaction. A kill loses at most the batch in flight;
the next start finds the unfinished run and continues after its cursor, so nothing
already recorded is checked again. Only one run at a time (PostgreSQL advisory lock).

A batch the register does not answer, after ``Guarded``'s retries, is recorded as
"not checked" with the reason (timeout, refused …) and the run goes on; the next run
asks again for those people. Only ``give_up_after`` such batches in a row stop the run
(the register is down: results kept, resumable).
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import and_, func, or_, select, text
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session

from app.shared.types import utcnow
from central.db import CentralDatabase
from central.models import Participant
from central.register_check.adapter import Guarded, RegisterRecord, RegisterUnavailable
from central.register_check.compare import Declared, compare
from central.register_check.models import (
    FINISHED,
    NOT_CHECKED,
    RUNNING,
    RegisterCheck,
    RegisterCheckRun,
)

_RUN_LOCK = 0x52656743  # "RegC": one register check at a time


class AlreadyRunning(Exception):
    """Another register check holds the lock."""


@dataclass(frozen=True, slots=True)
class Progress:
    run_id: int
    done: int
    total: int
    rate: float  # people per second in this process
    seconds_left: float | None
    resumed: bool
    counts: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        if self.rate == 0 and self.done < self.total:
            verb = "resuming" if self.resumed else "starting"
            return f"run {self.run_id}: {verb} at {self.done}/{self.total}"
        left = "?" if self.seconds_left is None else _duration(self.seconds_left)
        share = 100.0 * self.done / self.total if self.total else 100.0
        return (
            f"run {self.run_id}: {self.done}/{self.total} ({share:.1f} %), "
            f"{self.rate:.0f} people/s, {left} left"
        )


def _duration(seconds: float) -> str:
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}h{minutes:02d}m{secs:02d}s" if hours else f"{minutes}m{secs:02d}s"


def _needs_check(recheck_before: dt.datetime | None):  # type: ignore[no-untyped-def]
    conditions = [
        RegisterCheck.bhxh_number.is_(None),
        RegisterCheck.participant_version != Participant.version,
        RegisterCheck.outcome == NOT_CHECKED,  # the register did not answer last time
    ]
    if recheck_before is not None:
        conditions.append(RegisterCheck.checked_at < recheck_before)
    return or_(*conditions)


def pending_count(session: Session, recheck_before: dt.datetime | None = None) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(Participant)
            .outerjoin(RegisterCheck, RegisterCheck.bhxh_number == Participant.bhxh_number)
            .where(_needs_check(recheck_before))
        )
        or 0
    )


def _next_batch(
    session: Session, cursor: str, recheck_before: dt.datetime | None, size: int
) -> list[Declared]:
    rows = session.execute(
        select(
            Participant.bhxh_number,
            Participant.id_number,
            Participant.full_name,
            Participant.date_of_birth,
            Participant.sex,
            Participant.version,
        )
        .outerjoin(
            RegisterCheck,
            # The cursor on both sides: otherwise PostgreSQL merges from the first
            # result every time and each batch costs more than the one before.
            and_(
                RegisterCheck.bhxh_number == Participant.bhxh_number,
                RegisterCheck.bhxh_number > cursor,
            ),
        )
        .where(Participant.bhxh_number > cursor, _needs_check(recheck_before))
        .order_by(Participant.bhxh_number)
        .limit(size)
    ).all()
    return [Declared(*r) for r in rows]


_COLUMNS = (
    "bhxh_number",
    "id_number",
    "outcome",
    "differences",
    "participant_version",
    "checked_at",
    "source",
    "run_id",
    "note",
)


def _copy_upsert(session: Session, rows: list[dict[str, object]]) -> None:
    """PostgreSQL: COPY the batch into a temporary table, then one upsert from it (the
    results are most of a run's cost; this halves it against a multi-row INSERT)."""
    cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    cursor.execute(
        "CREATE TEMP TABLE IF NOT EXISTS register_checks_batch"
        " (LIKE register_checks INCLUDING DEFAULTS) ON COMMIT DELETE ROWS"
    )
    names = ", ".join(_COLUMNS)
    with cursor.copy(f"COPY register_checks_batch ({names}) FROM STDIN") as copy:
        for row in rows:
            at = row["checked_at"]
            assert isinstance(at, dt.datetime)
            values = dict(
                row,
                differences=json.dumps(row["differences"], ensure_ascii=False),
                checked_at=at.astimezone(dt.UTC).replace(tzinfo=None),  # as UTCDateTime stores
            )
            copy.write_row([values[c] for c in _COLUMNS])
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in _COLUMNS[1:])
    cursor.execute(
        f"INSERT INTO register_checks ({names}) SELECT {names} FROM register_checks_batch"
        f" ON CONFLICT (bhxh_number) DO UPDATE SET {updates}"
    )


def _upsert(session: Session, rows: list[dict[str, object]]) -> None:
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        _copy_upsert(session, rows)
        return
    insert = sqlite.insert
    stmt = insert(RegisterCheck)
    update = {
        c: stmt.excluded[c]
        for c in (
            "id_number",
            "outcome",
            "differences",
            "participant_version",
            "checked_at",
            "source",
            "run_id",
            "note",  # why a person is "not checked"; cleared by an answer
        )
    }
    session.execute(stmt.on_conflict_do_update(index_elements=["bhxh_number"], set_=update), rows)


@contextmanager
def _exclusive(db: CentralDatabase) -> Iterator[None]:
    if db.dialect != "postgresql":
        yield  # demo mode: SQLite has one writer anyway
        return
    # A session-level lock on an autocommit connection: no transaction stays open for
    # the hours a full run takes (an open one would hold back VACUUM everywhere).
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if not conn.scalar(text("SELECT pg_try_advisory_lock(:k)"), {"k": _RUN_LOCK}):
            raise AlreadyRunning
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _RUN_LOCK})


def _start_or_resume(
    db: CentralDatabase, source: str, recheck_before: dt.datetime | None
) -> tuple[RegisterCheckRun, bool]:
    with db.session() as s:
        run = s.scalar(
            select(RegisterCheckRun)
            .where(RegisterCheckRun.status == RUNNING)
            .order_by(RegisterCheckRun.id.desc())
        )
        if run is not None:
            run.resumed += 1
            run.updated_at = utcnow()
            return run, True
        run = RegisterCheckRun(
            status=RUNNING,
            source=source,
            total=pending_count(s, recheck_before),
            done=0,
            cursor="",
            resumed=0,
            recheck_before=recheck_before,
            counts={},
        )
        s.add(run)
        s.flush()
        return run, False


def verify(
    db: CentralDatabase,
    register: Guarded,
    *,
    batch: int = 500,
    recheck_before: dt.datetime | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    progress_every: float = 2.0,
    stop_after: int | None = None,
    give_up_after: int = 3,
) -> Progress:
    """Run (or resume) the check to its end; ``stop_after`` people: stop early (tests).
    Raises ``RegisterUnavailable`` after ``give_up_after`` unanswered batches in a row."""
    with _exclusive(db):
        run, resumed = _start_or_resume(db, register.source, recheck_before)
        started = time.monotonic()
        done_here = 0
        last_report = started
        counts = {k: int(v) for k, v in (run.counts or {}).items()}
        reported: Progress | None = None
        done, cursor = run.done, run.cursor
        failed_in_row = 0

        def progress() -> Progress:
            elapsed = max(time.monotonic() - started, 1e-9)
            rate = done_here / elapsed
            left = max(run.total - done, 0)
            eta = left / rate if rate > 0 else (0.0 if not left else None)
            return Progress(run.id, done, run.total, rate, eta, resumed, dict(counts))

        if on_progress is not None:  # where the run starts (or resumes)
            on_progress(progress())
        while stop_after is None or done_here < stop_after:
            size = batch if stop_after is None else min(batch, stop_after - done_here)
            with db.session() as s:
                people = _next_batch(s, cursor, run.recheck_before, size)
            if not people:
                break
            failure: RegisterUnavailable | None = None
            answers: dict[str, RegisterRecord | None] = {}
            try:
                answers = register.fetch([p.id_number for p in people])
                failed_in_row = 0
            except RegisterUnavailable as exc:
                failed_in_row += 1
                if failed_in_row >= give_up_after:
                    raise
                failure = exc
            now = utcnow()
            rows: list[dict[str, object]] = []
            for p in people:
                if failure is None:
                    outcome, differences = compare(p, answers[p.id_number])
                else:
                    outcome, differences = NOT_CHECKED, []
                counts[outcome] = counts.get(outcome, 0) + 1
                rows.append(
                    dict(
                        bhxh_number=p.bhxh_number,
                        id_number=p.id_number,
                        outcome=outcome,
                        differences=differences,
                        participant_version=p.version,
                        checked_at=now,
                        source=register.source,
                        run_id=run.id,
                        note="" if failure is None else failure.message,
                    )
                )
            done += len(people)
            done_here += len(people)
            cursor = people[-1].bhxh_number
            with db.session() as s:
                _upsert(s, rows)
                stored = s.get(RegisterCheckRun, run.id)
                assert stored is not None
                # The total grows if participants were added behind a resumed run.
                stored.total = max(stored.total, done)
                stored.done, stored.cursor, stored.counts = done, cursor, dict(counts)
                stored.updated_at = now
                run.total = stored.total
            if on_progress is not None and time.monotonic() - last_report >= progress_every:
                last_report = time.monotonic()
                reported = progress()
                on_progress(reported)
        else:
            return progress()  # stopped early on purpose: the run stays resumable
        with db.session() as s:
            stored = s.get(RegisterCheckRun, run.id)
            assert stored is not None
            stored.status, stored.finished_at = FINISHED, utcnow()
            stored.total = done
        run.total = done
        final = progress()
        if on_progress is not None and (reported is None or reported.done != final.done):
            on_progress(final)
        return final
