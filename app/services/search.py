"""Finding dossiers: by code, look-up code, ID number, name without diacritics, filters.

Name search uses the FTS5 index ``citizens_fts`` (migration 0002) over the folded name
column ``citizens.name_folded``: word-prefix matching in any order ("van a" finds
"Nguyễn Văn An"), answered from the index. The alternative, a B-tree on the folded
column, only answers prefixes of the whole name; ``bench/intake_db.py`` measures both.
Codes and ID numbers are exact matches on unique indexes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, text
from sqlalchemy.orm import Session

from app.services.calendar.timezone import VN_TZ
from app.services.catalog.folding import fold
from app.services.dossier_codes import looks_like_lookup_code, normalise_lookup_code
from app.services.storage.models import Citizen, Dossier, DossierEvent

QR_PREFIX = "MOTCUA|"
_TOKEN = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class DossierQuery:
    text: str = ""  # a dossier code, look-up code, ID number, name, or a receipt QR
    statuses: tuple[str, ...] = ()
    procedure_code: str = ""
    received_from: dt.date | None = None  # Vietnamese dates, inclusive
    received_to: dt.date | None = None


@dataclass(frozen=True, slots=True)
class DossierRow:
    """One line of the dossier list (plain values, no lazy loading)."""

    id: str
    code: str
    lookup_code: str
    citizen_name: str
    id_number: str
    procedure_code: str
    status: str
    submitted_at: dt.datetime
    due_at: dt.datetime | None
    result_ready_at: dt.datetime | None
    returned_at: dt.datetime | None


def parse_receipt_qr(text: str) -> tuple[str, str] | None:
    """``MOTCUA|<code>|<lookup>`` as printed on the receipt, or None."""
    t = text.strip()
    if not t.upper().startswith(QR_PREFIX):
        return None
    parts = t.split("|")
    if len(parts) != 3 or not parts[1] or not parts[2]:
        return None
    return parts[1].strip(), normalise_lookup_code(parts[2])


def fts_query(text: str) -> str:
    """Every word as a prefix, all required: "nguyen van a" → "nguyen"* "van"* "a"*."""
    return " ".join(f'"{t}"*' for t in _TOKEN.findall(fold(text)))


def _local_midnight_utc(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=VN_TZ).astimezone(dt.UTC)


_CODE_LIKE = re.compile(r"^[0-9A-Za-z.]+-\d")


def _text_condition(t: str) -> ColumnElement[bool]:
    """What the text can be, each answered by its own index (an OR SQLite splits)."""
    qr = parse_receipt_qr(t)
    if qr is not None:
        return and_(Dossier.code == qr[0], Dossier.lookup_code == qr[1])
    if _CODE_LIKE.match(t) and " " not in t:  # a dossier code or its beginning
        return or_(Dossier.code == t, and_(Dossier.code > t, Dossier.code < t + "\uffff"))
    terms: list[ColumnElement[bool]] = []
    if " " not in t:  # ID number (12 digits) or passport number
        terms.append(Dossier.citizen_id.in_(select(Citizen.id).where(Citizen.id_number == t)))
    if looks_like_lookup_code(t):
        terms.append(Dossier.lookup_code == normalise_lookup_code(t))
    match = fts_query(t)
    if match and any(c.isalpha() for c in t):
        by_name = text(
            "SELECT c.id FROM citizens AS c WHERE c.rowid IN "
            "(SELECT rowid FROM citizens_fts WHERE citizens_fts MATCH :fts)"
        ).bindparams(fts=match)
        terms.append(Dossier.citizen_id.in_(by_name))
    return or_(*terms) if terms else Dossier.code == t


def _select(query: DossierQuery) -> Select[*tuple[Any, ...]]:
    ready = (
        select(func.min(DossierEvent.at))
        .where(DossierEvent.dossier_id == Dossier.id, DossierEvent.to_status == "result_ready")
        .correlate(Dossier)
        .scalar_subquery()
    )
    stmt: Select[*tuple[Any, ...]] = select(
        Dossier.id,
        Dossier.code,
        Dossier.lookup_code,
        Citizen.full_name,
        Citizen.id_number,
        Dossier.procedure_code,
        Dossier.status,
        Dossier.submitted_at,
        Dossier.due_at,
        ready,
        Dossier.returned_at,
    ).join(Citizen, Citizen.id == Dossier.citizen_id)
    t = query.text.strip()
    if t:
        stmt = stmt.where(_text_condition(t))
    if query.statuses:
        stmt = stmt.where(Dossier.status.in_(query.statuses))
    if query.procedure_code:
        stmt = stmt.where(Dossier.procedure_code == query.procedure_code)
    if query.received_from:
        stmt = stmt.where(Dossier.submitted_at >= _local_midnight_utc(query.received_from))
    if query.received_to:
        end = _local_midnight_utc(query.received_to + dt.timedelta(days=1))
        stmt = stmt.where(Dossier.submitted_at < end)
    return stmt


def search_dossiers(
    session: Session, query: DossierQuery, limit: int = 100, offset: int = 0
) -> list[DossierRow]:
    """Matching dossiers, newest first, one page at a time."""
    stmt = (
        _select(query).order_by(Dossier.submitted_at.desc(), Dossier.id).limit(limit).offset(offset)
    )
    return [DossierRow(*row) for row in session.execute(stmt).all()]  # type: ignore[arg-type]


def rebuild_name_index(session: Session) -> None:
    """Re-derive the name index from ``citizens`` (after VACUUM or a table rebuild)."""
    session.execute(text("INSERT INTO citizens_fts(citizens_fts) VALUES ('rebuild')"))
