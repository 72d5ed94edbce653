"""The sync outbox: what must reach the central service, recorded with the change.

Call ``enqueue`` inside the same session (transaction) that changes the row, so a
crash can never leave a change without its outbox entry or the reverse. The sync
engine serializes the row's *current* state when it pushes; several changes to one
row before a push therefore coalesce into one upload of the latest version.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.services.storage.models import OutboxItem

if TYPE_CHECKING:
    from app.services.storage.db import Database


def enqueue(
    session: Session, entity: str, entity_id: str, payload: dict[str, Any] | None = None
) -> None:
    """Queue ``entity``/``entity_id`` for upload unless it is already waiting."""
    waiting = session.scalar(
        select(OutboxItem.seq).where(
            OutboxItem.entity == entity,
            OutboxItem.entity_id == entity_id,
            OutboxItem.state == "pending",
        )
    )
    if waiting is None:
        session.add(OutboxItem(entity=entity, entity_id=entity_id, payload=payload or {}))


def pending_count(session: Session) -> int:
    from sqlalchemy import func

    return (
        session.scalar(
            select(func.count()).select_from(OutboxItem).where(OutboxItem.state == "pending")
        )
        or 0
    )


def waiting_items(db: Database) -> int:
    """How many items wait to be sent, in a session of its own (the status bar's count)."""
    with db.session() as s:
        return pending_count(s)
