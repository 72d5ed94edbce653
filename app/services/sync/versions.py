"""The central version each synced row was last confirmed at (``sync_versions``).

A push says which of central's versions it builds on (``base_version``); central
answers a push built on an older version than its own with a conflict. The confirmed
version moves forward only on central's word: the acknowledgement of a push, or a
pulled change applied to a row the counter had not changed meanwhile.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.services.storage.models import SyncedVersion
from app.shared.types import utcnow

_CHUNK = 500


def confirmed(session: Session, entity: str, ids: Iterable[str]) -> dict[str, int]:
    """Central's confirmed version per id (ids never confirmed are left out)."""
    wanted = list(ids)
    out: dict[str, int] = {}
    for i in range(0, len(wanted), _CHUNK):
        out.update(
            session.execute(
                select(SyncedVersion.entity_id, SyncedVersion.central_version).where(
                    SyncedVersion.entity == entity,
                    SyncedVersion.entity_id.in_(wanted[i : i + _CHUNK]),
                )
            ).all()
        )
    return out


def confirm(session: Session, entity: str, versions: dict[str, int]) -> None:
    """Record that central holds these versions (never moves a version backwards)."""
    if not versions:
        return
    ids = list(versions)
    known = {
        row.entity_id: row
        for i in range(0, len(ids), _CHUNK)
        for row in session.scalars(
            select(SyncedVersion).where(
                SyncedVersion.entity == entity, SyncedVersion.entity_id.in_(ids[i : i + _CHUNK])
            )
        )
    }
    now = utcnow()
    for entity_id, version in versions.items():
        row = known.get(entity_id)
        if row is None:
            session.add(
                SyncedVersion(
                    entity=entity, entity_id=entity_id, central_version=version, updated_at=now
                )
            )
        elif version > row.central_version:
            row.central_version, row.updated_at = version, now


def set_exactly(session: Session, entity: str, entity_id: str, version: int) -> None:
    """Resolve a conflict: the counter now builds on central's current version."""
    row = session.get(SyncedVersion, (entity, entity_id))
    if row is None:
        session.add(SyncedVersion(entity=entity, entity_id=entity_id, central_version=version))
    else:
        row.central_version, row.updated_at = version, utcnow()
