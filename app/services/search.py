"""Finding dossiers: by code, look-up code, ID number, name without diacritics, filters.

Names are searched folded (no diacritics, đ→d, lower case; ``fold``) in two steps,
measured by ``bench/intake_db.py`` on 1,000,000 citizens: first the B-tree index on
``citizens.name_folded`` for names that start with what was typed (sub-millisecond,
and how officers type), then the FTS5 index ``citizens_fts`` (migration 0002) for
every typed word as a word prefix in any order ("van an" finds "Nguyễn Văn An").
FTS5 alone was too slow for common family names (a "nguyen" posting list covers a
third of the people), so candidates are capped (``NAME_CANDIDATES``) and the dossiers
of those citizens are then fetched by ``ix_dossiers_citizen_id``. Codes and ID
numbers are exact matches on unique indexes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, text
from sqlalchemy.orm import Session

from app.services.calendar.timezone import VN_TZ
from app.services.dossier_codes import looks_like_lookup_code, normalise_lookup_code
from app.services.storage.models import Citizen, Dossier, DossierEvent, OutboxItem
from app.shared.folding import fold

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
    sync_state: str | None = None  # "pending", "rejected", or None once the server has it


def parse_receipt_qr(text: str) -> tuple[str, str] | None:
    """``MOTCUA|<code>|<lookup>`` or the look-up page URL printed on the receipt, or None."""
    t = text.strip()
    if t.startswith(("http://", "https://")):
        from app.services.forms.qr import parse_receipt_qr as parse_url

        found = parse_url(t)
        return (found[0], normalise_lookup_code(found[1])) if found and found[1] else None
    if not t.upper().startswith(QR_PREFIX):
        return None
    parts = t.split("|")
    if len(parts) != 3 or not parts[1] or not parts[2]:
        return None
    return parts[1].strip(), normalise_lookup_code(parts[2])


def fts_query(text: str) -> str:
    """All words required, the last one still being typed: "an nguy" → "an" "nguy"*.

    Whole words are exact tokens (cheap doclists); only the last is a prefix, served
    by the index's prefix tables (migration 0002, ``prefix='1 2 3'``).
    """
    tokens = _TOKEN.findall(fold(text))
    if not tokens:
        return ""
    return " ".join([*(f'"{t}"' for t in tokens[:-1]), f'"{tokens[-1]}"*'])


def _local_midnight_utc(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=VN_TZ).astimezone(dt.UTC)


_CODE_LIKE = re.compile(r"^[0-9A-Za-z.]+-\d")


# A name matching more citizens than this is too vague to list whole: the dossiers of
# the first ones are shown and the officer types more. It bounds the work per keystroke.
NAME_CANDIDATES = 200
# When this many names already start with the typed text, the any-order word search
# is skipped: the list is full and the officer is typing a name from its start.
ENOUGH_BY_PREFIX = 50


def name_candidates(session: Session, typed: str, limit: int = NAME_CANDIDATES) -> list[str]:
    """Citizen ids whose name matches ``typed``, best matches first.

    First the names that *start* with what was typed (B-tree range on the folded
    name: the way officers type, family name first); then, when few do, names that
    contain every typed word in any order, the last one as a prefix (FTS5 index).
    """
    folded = fold(typed)
    ids = list(
        session.scalars(
            select(Citizen.id)
            .where(Citizen.name_folded >= folded, Citizen.name_folded < folded + "\uffff")
            .order_by(Citizen.name_folded)
            .limit(limit)
        )
    )
    match = fts_query(typed)
    if len(ids) < min(limit, ENOUGH_BY_PREFIX) and match:
        seen = set(ids)
        more = session.scalars(
            text(
                "SELECT c.id FROM citizens AS c WHERE c.rowid IN "
                "(SELECT rowid FROM citizens_fts WHERE citizens_fts MATCH :fts LIMIT :n)"
            ),
            {"fts": match, "n": limit},
        )
        ids += [i for i in more if i not in seen][: limit - len(ids)]
    return ids


def _text_condition(session: Session, t: str) -> ColumnElement[bool]:
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
    if any(c.isalpha() for c in t) and not any(c.isdigit() for c in t):  # names have no digits
        ids = name_candidates(session, t)
        if ids:
            terms.append(Dossier.citizen_id.in_(ids))
    return or_(*terms) if terms else Dossier.code == t


def _select(session: Session, query: DossierQuery) -> Select[*tuple[Any, ...]]:
    ready = (
        select(func.min(DossierEvent.at))
        .where(DossierEvent.dossier_id == Dossier.id, DossierEvent.to_status == "result_ready")
        .correlate(Dossier)
        .scalar_subquery()
    )
    unsynced = (  # the dossier's own outbox entry not yet accepted by the central service
        select(func.max(OutboxItem.state))
        .where(
            OutboxItem.entity == "dossier",
            OutboxItem.entity_id == Dossier.id,
            OutboxItem.state != "sent",
        )
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
        unsynced,
    ).join(Citizen, Citizen.id == Dossier.citizen_id)
    t = query.text.strip()
    if t:
        stmt = stmt.where(_text_condition(session, t))
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
        _select(session, query)
        .order_by(Dossier.submitted_at.desc(), Dossier.id)
        .limit(limit)
        .offset(offset)
    )
    return [DossierRow(*row) for row in session.execute(stmt).all()]  # type: ignore[arg-type]


def rebuild_name_index(session: Session) -> None:
    """Re-derive the name index from ``citizens`` (after VACUUM or a table rebuild)."""
    session.execute(text("INSERT INTO citizens_fts(citizens_fts) VALUES ('rebuild')"))
