"""Face-match attempts in the personal-data duties (``app.services.privacy``).

The data-subject export lists a citizen's attempts (figures, decision, override; an
image is named only as "kept", never included). The retention purge deletes the
attempts of a purged dossier with it, and attempts that never joined a dossier once
they are older than the retention period — in both cases only when central has
them (their outbox entries all sent), like everything else the purge removes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from app.services.face_records import ENTITY
from app.services.storage.models import FaceMatch

States = Callable[[Session, str, Iterable[str]], dict[str, set[str]]]


def subject_attempts(
    session: Session, citizen_id: str, id_number: str, dossier_ids: list[str]
) -> list[FaceMatch]:
    """Every attempt about the citizen: by citizen, by dossier, or by ID number (an
    attempt whose intake was never saved knows only the number)."""
    condition = or_(FaceMatch.citizen_id == citizen_id, FaceMatch.id_number == id_number)
    if dossier_ids:
        condition = or_(condition, FaceMatch.dossier_id.in_(dossier_ids))
    return list(session.scalars(select(FaceMatch).where(condition).order_by(FaceMatch.at)))


def attempt_row(row: FaceMatch, plain: Callable[[Any], Any]) -> dict[str, Any]:
    return {
        "at": plain(row.at),
        "dossier_id": row.dossier_id,
        "id_number": row.id_number,
        "officer_id": row.officer_id,
        "decision": row.decision,
        "final_decision": row.final_decision,
        "score": row.score,
        "threshold": row.threshold,
        "model": row.model,
        "model_version": row.model_version,
        "quality": row.quality,
        "liveness_moved": row.liveness_moved,
        "consent": row.consent,
        "camera_image_kept": bool(row.image_sha256),
        "override_decision": row.override_decision,
        "override_by": row.override_by,
        "override_reason": row.override_reason,
        "override_at": plain(row.override_at),
    }


def dossier_attempts(session: Session, dossier_ids: Iterable[str]) -> dict[str, list[str]]:
    ids = list(dossier_ids)
    out: dict[str, list[str]] = {i: [] for i in ids}
    for i in range(0, len(ids), 500):
        for match_id, dossier_id in session.execute(
            select(FaceMatch.id, FaceMatch.dossier_id).where(
                FaceMatch.dossier_id.in_(ids[i : i + 500])
            )
        ):
            if dossier_id is not None:
                out[dossier_id].append(match_id)
    return out


def delete_attempts(session: Session, ids: list[str]) -> int:
    """Rows and their sent outbox entries; returns how many attempts went."""
    from app.services.storage.models import OutboxItem

    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        session.execute(delete(FaceMatch).where(FaceMatch.id.in_(chunk)))
        session.execute(
            delete(OutboxItem).where(
                OutboxItem.entity == ENTITY,
                OutboxItem.entity_id.in_(chunk),
                OutboxItem.state == "sent",
            )
        )
    return len(ids)


def expired_loose_attempts(session: Session, cutoff: dt.datetime, states: States) -> list[str]:
    """Attempts that never joined a dossier, older than ``cutoff``, and at central."""
    ids = list(
        session.scalars(
            select(FaceMatch.id).where(FaceMatch.dossier_id.is_(None), FaceMatch.at < cutoff)
        )
    )
    by_id = states(session, ENTITY, ids)
    return [i for i in ids if by_id[i] <= {"sent"}]


def camera_images(session: Session, ids: list[str]) -> set[str]:
    """Hashes of camera images kept for these attempts (deleted with them when no
    other attempt keeps the same image)."""
    if not ids:
        return set()
    return {
        sha
        for sha in session.scalars(select(FaceMatch.image_sha256).where(FaceMatch.id.in_(ids)))
        if sha
    }
