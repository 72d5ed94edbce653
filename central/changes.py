"""The change feed counters pull, numbered by a server sequence that only grows.

A reader must never see sequence 11 committed while 10 is still in flight, or it would
move its watermark past 10 and miss it for good. Writers of the feed therefore take
one transaction-scoped lock on PostgreSQL before appending, so sequences commit in
order (SQLite already has a single writer). Only back-office actions and publications
write here, so the lock costs nothing on the push path.
"""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import or_, select, text
from sqlalchemy.orm import Session

from app.shared import wire
from central.models import Change, Published

_FEED_LOCK = 0x4D6F7443  # "MotC": the advisory lock key of the feed
_change_data: TypeAdapter[Any] = TypeAdapter(wire.ChangeData)


def append(session: Session, office_code: str | None, data: Any, entity_id: str) -> Change:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _FEED_LOCK})
    change = Change(
        office_code=office_code,
        kind=data.kind,
        entity_id=entity_id,
        data=data.model_dump(mode="json"),
    )
    session.add(change)
    session.flush()
    return change


def page(session: Session, office_code: str, since: int, limit: int) -> wire.ChangesPage:
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
        changes=changes, watermark=rows[-1].seq if rows else since, has_more=has_more
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
