"""The change feed counters pull, numbered by a server sequence that only grows.

A reader must never see sequence 11 committed while 10 is still in flight, or it would
move its watermark past 10 and miss it for good. Writers of the feed therefore take
one transaction-scoped lock on PostgreSQL before appending, so sequences commit in
order (SQLite already has a single writer). Back-office actions, publications and
the first push of each new dossier (its BHXH number, ``central.serials``) write here.

Every page carries the feed's **epoch**. Restoring central from an older backup makes
the sequence restart below the counters' watermarks; the operator then runs
``motcua-central new-epoch`` (and central starts a new epoch by itself the first time a
counter asks for changes after a sequence it never had). A counter that sees another
epoch than the one it holds starts again from 0 and pushes everything again.
"""

from __future__ import annotations

import uuid
from typing import Any, cast

from pydantic import TypeAdapter
from sqlalchemy import Table, func, or_, select, text
from sqlalchemy.orm import Session

from app.shared import wire
from app.shared.types import utcnow
from central.db import copy_rows
from central.models import Change, FeedEpoch, Published

FEED_LOCK = 0x4D6F7443  # "MotC": the advisory lock key of the feed
_change_data: TypeAdapter[Any] = TypeAdapter(wire.ChangeData)


def lock_feed(session: Session) -> None:
    """Held until the transaction ends (re-entrant within it)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": FEED_LOCK})


def append(session: Session, office_code: str | None, data: Any, entity_id: str) -> Change:
    lock_feed(session)
    change = Change(
        office_code=office_code,
        kind=data.kind,
        entity_id=entity_id,
        data=data.model_dump(mode="json"),
    )
    session.add(change)
    session.flush()
    return change


def append_many(session: Session, office_code: str | None, entries: list[tuple[Any, str]]) -> None:
    """Several (data, entity id) at once: one multi-row INSERT, in the given order."""
    if not entries:
        return
    lock_feed(session)
    now = utcnow()
    copy_rows(
        session,
        cast(Table, Change.__table__),
        [
            dict(
                office_code=office_code,
                kind=data.kind,
                entity_id=entity_id,
                data=data.model_dump(mode="json"),
                created_at=now,
            )
            for data, entity_id in entries
        ],
    )


def current_epoch(session: Session) -> str:
    found = session.get(FeedEpoch, 1)
    if found is None:
        found = FeedEpoch(id=1, epoch=str(uuid.uuid4()), reason="first start")
        session.add(found)
        session.flush()
    return found.epoch


def new_epoch(session: Session, reason: str) -> str:
    """Start a new epoch (after a restore): every counter resyncs from 0."""
    found = session.get(FeedEpoch, 1)
    epoch = str(uuid.uuid4())
    if found is None:
        session.add(FeedEpoch(id=1, epoch=epoch, reason=reason[:200]))
    else:
        found.epoch, found.reason = epoch, reason[:200]
    session.flush()
    return epoch


def page(
    session: Session, office_code: str, since: int, limit: int, epoch: str = ""
) -> wire.ChangesPage:
    """Changes after ``since``; ``epoch`` is the one the counter holds ("" if none)."""
    current = current_epoch(session)
    if since > 0 and epoch in ("", current):  # "": a counter that predates epochs
        head = session.scalar(select(func.max(Change.seq))) or 0
        if since > head:
            # The counter has seen sequences this feed never had: restored from an
            # older backup without a new epoch. Start one now, before the feed catches
            # up with the counter's watermark and its changes get skipped.
            current = new_epoch(session, f"a counter was at {since}, the feed at {head}")
            epoch = "restarted"
    if epoch and epoch != current:
        since = 0  # a counter of another epoch starts again from the beginning
    rows = list(
        session.scalars(
            select(Change)
            .where(
                Change.seq > since,
                or_(Change.office_code == office_code, Change.office_code.is_(None)),
            )
            .order_by(Change.seq)
            .limit(limit + 1)
        )
    )
    has_more = len(rows) > limit
    rows = rows[:limit]
    changes = [wire.Change(seq=r.seq, data=_change_data.validate_python(r.data)) for r in rows]
    return wire.ChangesPage(
        changes=changes,
        watermark=rows[-1].seq if rows else since,
        has_more=has_more,
        epoch=current,
    )


def publish(session: Session, kind: str, version: str, content: dict[str, Any]) -> None:
    """Publish a catalog or calendar version to every counter (idempotent per version)."""
    if session.get(Published, (kind, version)) is not None:
        return
    session.add(Published(kind=kind, version=version, content=content))
    append(
        session,
        None,
        wire.PublishedWire(kind=kind, version=version, content=content),  # type: ignore[arg-type]
        f"{kind}:{version}",
    )
