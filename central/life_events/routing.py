"""Which office an event goes to, and what the family may claim.

The office is the one responsible for the family's residence (the register's, else
the certificate's): the office whose area is the longest suffix of the folded address.
The procedures and the filing limit are data of the published catalog
(``resources/procedures/catalog.json``, section ``life_events``), not code.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.shared import paths
from app.shared.folding import fold
from central.life_events.tables import OfficeArea


@dataclass(frozen=True)
class Rule:
    procedures: tuple[str, ...]
    filing_days: int | None


@cache
def rules() -> dict[str, Rule]:
    manifest = json.loads((paths.RESOURCES / "procedures" / "catalog.json").read_text("utf-8"))
    return {
        kind: Rule(tuple(r["procedures"]), r.get("filing_days"))
        for kind, r in manifest.get("life_events", {}).items()
    }


def office_for(session: Session, residence: str) -> str | None:
    folded = fold(residence)
    if not folded:
        return None
    best: tuple[int, str] | None = None
    for area in session.scalars(select(OfficeArea)):
        if folded.endswith(area.area) and (best is None or len(area.area) > best[0]):
            best = (len(area.area), area.office_code)
    return best[1] if best else None


def deadline(kind: str, event_date: dt.date) -> dt.date | None:
    rule = rules().get(kind)
    if rule is None or rule.filing_days is None:
        return None
    return event_date + dt.timedelta(days=rule.filing_days)


def procedures_for(kind: str, subject: dict[str, Any] | None) -> list[str]:
    """A death opens survivors' benefits only for a participant or pensioner."""
    rule = rules().get(kind)
    if rule is None:
        return []
    if kind == "death" and not (subject and subject.get("bhxh_number")):
        return []
    return list(rule.procedures)
