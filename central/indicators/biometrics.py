"""Dossiers verified by a face match at the counter ("xác thực sinh trắc tại quầy").

From the face-match attempts the counters pushed (``synced_rows`` entity
``face_match``: result, score, model and override, never an image). A dossier counts
when an attempt linked to it matched, or a supervisor recorded a match by override —
the counter's own rule (``app.services.office_indicators.biometrics_figure``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.services.indicators import BIOMETRIC_LABEL, Figure
from central.models import SyncedRow

ENTITY = "face_match"


def final_decision(data: dict[str, Any]) -> str:
    """A supervisor's override wins over the machine's decision."""
    return str(data.get("override_decision") or data.get("decision") or "")


def biometrics_figure(session: Session, dossiers: Sequence[dict[str, Any]]) -> Figure:
    ids = [d["id"] for d in dossiers]
    matched: set[str] = set()
    for i in range(0, len(ids), 500):
        for parent, data in session.execute(
            select(SyncedRow.parent_id, SyncedRow.data).where(
                SyncedRow.entity == ENTITY, SyncedRow.parent_id.in_(ids[i : i + 500])
            )
        ):
            if parent and final_decision(data) == "match":
                matched.add(parent)
    return Figure(
        "biometrics.matched", BIOMETRIC_LABEL, len(matched), len(ids), tuple(sorted(matched))
    )
