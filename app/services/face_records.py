"""Face-match attempts on record: consent, figures, override, the dossier they belong to.

Qt-free and numpy-free (the figures come in plain). ``record_face_match`` writes the
attempt and its access-log entry in one transaction; an attempt without the citizen's
consent is refused (biometric data is sensitive personal data, PDP Law 91/2025).
The attempt is linked to the dossier when the intake is saved (``attach_to_dossier``).
The audit detail holds the decision only: no score, no image, no descriptor.
Every change is queued for the central service (``ENTITY``): figures, decision and
override only, never an image or a descriptor (``app.services.sync.serialize``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.errors import ErrorKind, UserError
from app.services import audit
from app.services.attachments import AttachmentStore
from app.services.security.permissions import Permission, require
from app.services.storage.db import Database
from app.services.storage.models import FaceMatch
from app.services.storage.outbox import enqueue
from app.shared.types import utcnow

ENTITY = "face_match"  # outbox entity: figures and override travel to central

DECISIONS = ("match", "no_match", "retry")
MIN_REASON = 10
PURPOSE = "đối chiếu khuôn mặt với ảnh trên chip"


@dataclass(frozen=True, slots=True)
class Attempt:
    """What one attempt produced (``matcher.Result`` reduced to storable figures)."""

    decision: str
    threshold: float
    model: str
    model_version: str
    score: float | None = None
    distance: float | None = None
    quality: dict[str, Any] = field(default_factory=dict)
    liveness_moved: bool | None = None

    @classmethod
    def of(cls, result: Any) -> Attempt:
        """From a ``app.services.face.matcher.Result``."""
        return cls(
            result.decision,
            result.threshold,
            result.model,
            result.model_version,
            result.score,
            result.distance,
            result.figures(),
            result.liveness_moved,
        )


@dataclass(frozen=True, slots=True)
class Subject:
    id_number: str
    citizen_id: str | None = None


def record_face_match(
    db: Database,
    officer: Any,
    subject: Subject,
    attempt: Attempt,
    *,
    consent: bool,
    camera_image: bytes | None = None,
    store: AttachmentStore | None = None,
) -> str:
    """Store one attempt and its access-log entry; returns its id.

    ``camera_image`` (PNG of the frame used) is kept only when given with a ``store``:
    the caller passes it only when the office policy's ``keep_camera_image`` is on."""
    require(officer, Permission.RECEIVE_DOSSIER)
    if not consent:
        raise UserError(ErrorKind.FACE_CONSENT_MISSING)
    if attempt.decision not in DECISIONS:
        raise ValueError(f"unknown face decision {attempt.decision!r}")
    sha = store.keep_private(camera_image) if camera_image and store is not None else ""
    with db.session() as s:
        row = FaceMatch(
            officer_id=officer.officer_id,
            citizen_id=subject.citizen_id or None,
            id_number=subject.id_number,
            decision=attempt.decision,
            score=attempt.score,
            distance=attempt.distance,
            threshold=attempt.threshold,
            model=attempt.model,
            model_version=attempt.model_version,
            quality=attempt.quality,
            liveness_moved=attempt.liveness_moved,
            consent=True,
            image_sha256=sha,
        )
        s.add(row)
        s.flush()
        enqueue(s, ENTITY, row.id)
        audit.record(
            s,
            officer.officer_id,
            "biometric",
            citizen_id=subject.citizen_id or None,
            purpose=PURPOSE,
            detail=f"face match {attempt.decision}",
        )
        return row.id


def override_face_match(
    db: Database, officer: Any, match_id: str, decision: str, reason: str
) -> None:
    """A supervisor records the result by hand (a portrait too old, a poor camera),
    with a reason; the machine's own decision stays on the row."""
    require(officer, Permission.OVERRIDE_FACE_MATCH)
    reason = reason.strip()
    if len(reason) < MIN_REASON:
        raise UserError(ErrorKind.FACE_OVERRIDE_REASON)
    if decision not in ("match", "no_match"):
        raise ValueError(f"unknown override decision {decision!r}")
    with db.session() as s:
        row = s.get(FaceMatch, match_id)
        if row is None:
            raise ValueError("no such face match")
        row.override_decision = decision
        row.override_by = officer.officer_id
        row.override_reason = reason
        row.override_at = utcnow()
        enqueue(s, ENTITY, row.id)
        audit.record(
            s,
            officer.officer_id,
            "biometric",
            citizen_id=row.citizen_id,
            dossier_id=row.dossier_id,
            purpose=PURPOSE,
            detail=f"face match override {decision}",
        )


def attach_to_dossier(
    db: Database, match_id: str, dossier_id: str, citizen_id: str | None = None
) -> None:
    """Link the attempt to the dossier the intake just saved (and to its citizen, read
    from the dossier when not given)."""
    with db.session() as s:
        if citizen_id is None:
            from app.services.storage.models import Dossier

            dossier = s.get(Dossier, dossier_id)
            citizen_id = dossier.citizen_id if dossier is not None else None
        linked = s.execute(
            update(FaceMatch)
            .where(FaceMatch.id == match_id, FaceMatch.dossier_id.is_(None))
            .values(
                dossier_id=dossier_id,
                citizen_id=citizen_id,
                row_version=FaceMatch.row_version + 1,
                updated_at=utcnow(),
            )
        )
        if getattr(linked, "rowcount", 0):
            enqueue(s, ENTITY, match_id)


def latest_for_dossier(session: Session, dossier_id: str) -> FaceMatch | None:
    return session.scalars(
        select(FaceMatch).where(FaceMatch.dossier_id == dossier_id).order_by(FaceMatch.at.desc())
    ).first()


def recent_for(session: Session, id_number: str, since: dt.datetime) -> list[FaceMatch]:
    """Attempts for one ID number since a time, newest first."""
    return list(
        session.scalars(
            select(FaceMatch)
            .where(FaceMatch.id_number == id_number, FaceMatch.at >= since)
            .order_by(FaceMatch.at.desc())
        )
    )


@dataclass(frozen=True, slots=True)
class Summary:
    """The dossier's latest attempt, for its detail view."""

    decision: str  # the final one (a supervisor's override wins)
    score: float | None
    at: dt.datetime
    overridden: bool
    override_reason: str
    liveness_moved: bool | None


def dossier_summary(db: Database, dossier_id: str) -> Summary | None:
    with db.session() as s:
        row = latest_for_dossier(s, dossier_id)
        if row is None:
            return None
        return Summary(
            row.final_decision,
            row.score,
            row.at,
            bool(row.override_decision),
            row.override_reason,
            row.liveness_moved,
        )
