"""What the chip, the population register and the BHXH record said at intake.

Decree 104/2022/NĐ-CP Art. 14: when population-register data is used in a procedure,
the data used is kept with the dossier. The snapshot is one entry per source —
``source``, ``read_at`` (UTC, ISO 8601) and ``fields`` as they were read — stored in the
dossier's ``form_data["intake_snapshot"]`` (a JSON column that already syncs and is
part of the data-subject export), so no schema change is needed. The BHXH record is
read *before* the intake updates it. Sensitive fields (religion, marks, the portrait)
are never copied; ethnicity only where the procedure's declaration needs it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.services.identity import Identity
from app.services.storage.models import Citizen
from app.services.vocabulary import source_name

SNAPSHOT_KEY = "intake_snapshot"
CARD_FIELDS = (
    "id_number",
    "full_name",
    "dob_text",
    "sex",
    "nationality",
    "place_of_origin",
    "residence",
    "old_id_number",
    "document_type",
)
RECORD_FIELDS = ("bhxh_number", "full_name", "dob_text", "sex", "place_of_origin", "residence")


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def build(
    session: Session,
    identity: Identity,
    now: dt.datetime,
    *,
    register: Mapping[str, Any] | None = None,
    with_ethnicity: bool = False,
) -> list[dict[str, Any]]:
    """The snapshot for a dossier taken in now (call before the citizen is updated)."""
    at = now.astimezone(dt.UTC).isoformat()
    card = {name: _iso(getattr(identity, name)) for name in CARD_FIELDS}
    card["issue_date"] = _iso(identity.issue_date)
    card["expiry"] = identity.expiry_text or _iso(identity.expiry_date)
    if with_ethnicity:
        card["ethnicity"] = identity.ethnicity
    card["genuine"] = identity.checks.genuine  # None: not checked (QR, typed)
    entries: list[dict[str, Any]] = [
        {"source": str(identity.source), "read_at": at, "fields": card},
        {
            "source": "population_register",
            "read_at": at,
            "consulted": register is not None,
            "fields": {k: _iso(v) for k, v in (register or {}).items()},
        },
    ]
    stored = session.scalar(select(Citizen).where(Citizen.id_number == identity.id_number))
    entries.append(
        {
            "source": "bhxh_record",
            "read_at": at,
            "found": stored is not None,
            "fields": {name: getattr(stored, name) for name in RECORD_FIELDS} if stored else {},
        }
    )
    return entries


def summary_lines(form_data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(source label, "time — field: value; …") for the dossier detail."""
    out = []
    for entry in form_data.get(SNAPSHOT_KEY) or []:
        label = source_name(entry.get("source", ""))
        fields = entry.get("fields") or {}
        if entry.get("consulted") is False:
            shown = "không tra cứu"
        elif entry.get("found") is False:
            shown = "chưa có hồ sơ"
        else:
            shown = "; ".join(f"{k}: {v}" for k, v in fields.items() if v not in ("", None))
        out.append((label, f"{entry.get('read_at', '')} — {shown}"))
    return out
