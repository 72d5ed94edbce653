"""The work queue: one office's dossiers, filtered, searched and paged by keyset.

A page is one index range read (``office_code, due_sort|submitted_at, dossier_id``)
continuing after the last row of the previous page, so page 500 costs what page 1
costs. The search box takes a full or partial dossier code, a 12-digit ID number, or
a name typed with or without diacritics (folded like the counter folds names).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from app.shared.folding import fold
from app.shared.types import utcnow
from central.models import Device
from central.models import DossierQueueEntry as Q

PAGE_SIZE = 50
COUNT_CAP = 10_000
OPEN_STATUSES = ("received", "completion_requested", "completed", "in_processing")
SORTS = ("due", "new")
_ID_NUMBER = re.compile(r"^\d{12}$")
_CODE_LIKE = re.compile(r"^[0-9A-Za-z.\-]*\d[0-9A-Za-z.\-]*$")


@dataclass(frozen=True, slots=True)
class QueueFilter:
    office: str
    procedure: str = ""
    status: str = ""  # "" = open dossiers, "all" = every status
    counter: int | None = None
    late: bool = False
    search: str = ""
    sort: str = "due"
    after: str = ""  # opaque cursor of the previous page's last row


@dataclass
class QueuePage:
    rows: list[Q]
    next_cursor: str = ""
    total: int = 0
    procedures: list[str] = field(default_factory=list)
    counters: list[int] = field(default_factory=list)


def _encode(value: dt.datetime, dossier_id: str) -> str:
    raw = json.dumps([value.isoformat(), dossier_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str) -> tuple[dt.datetime, str] | None:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        when, dossier_id = json.loads(raw)
        return dt.datetime.fromisoformat(when), str(dossier_id)
    except (ValueError, TypeError):
        return None  # a damaged link starts from the first page


def _conditions(f: QueueFilter, now: dt.datetime) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [Q.office_code == f.office]
    if f.status == "all":
        pass
    elif f.status:
        where.append(Q.status == f.status)
    else:
        where.append(Q.status.in_(OPEN_STATUSES))
    if f.procedure:
        where.append(Q.procedure_code == f.procedure)
    if f.counter is not None:
        where.append(Q.counter_number == f.counter)
    if f.late:
        where.append(and_(Q.due_sort < now, Q.status.in_(OPEN_STATUSES)))
    term = f.search.strip()
    if term:
        if _ID_NUMBER.match(term):
            where.append(Q.id_number == term)
        elif _CODE_LIKE.match(term):
            where.append(Q.code.startswith(term.upper(), autoescape=True))
        else:
            folded = fold(term)
            # Whole name or any word of it starting with what was typed.
            where.append(
                or_(
                    Q.name_folded.startswith(folded, autoescape=True),
                    Q.name_folded.contains(" " + folded, autoescape=True),
                )
            )
    return where


def page(
    session: Session, f: QueueFilter, *, size: int = PAGE_SIZE, count: bool = True
) -> QueuePage:
    now = utcnow()
    where = _conditions(f, now)
    key = Q.due_sort if f.sort != "new" else Q.submitted_at
    query = select(Q).where(*where)
    cursor = _decode(f.after) if f.after else None
    if f.sort == "new":
        if cursor:
            query = query.where(
                or_(key < cursor[0], and_(key == cursor[0], Q.dossier_id < cursor[1]))
            )
        query = query.order_by(key.desc(), Q.dossier_id.desc())
    else:
        if cursor:
            query = query.where(
                or_(key > cursor[0], and_(key == cursor[0], Q.dossier_id > cursor[1]))
            )
        query = query.order_by(key, Q.dossier_id)
    rows = list(session.scalars(query.limit(size + 1)))
    more = len(rows) > size
    rows = rows[:size]
    result = QueuePage(rows=rows)
    if more:
        last = rows[-1]
        result.next_cursor = _encode(
            last.due_sort if f.sort != "new" else last.submitted_at, last.dossier_id
        )
    if count:
        # Counted up to a cap: an exact count of a 300,000-row office costs more than
        # the page itself, and "more than 10,000" is all a person needs to know.
        capped = select(Q.dossier_id).where(*where).limit(COUNT_CAP + 1).subquery()
        result.total = session.scalar(select(func.count()).select_from(capped)) or 0
    return result


def choices(session: Session, office: str) -> tuple[list[str], list[int]]:
    """The procedures of the catalog and the office's enrolled counters, for the filters."""
    from central.web.documents import procedure_names

    counters = session.scalars(
        select(Device.counter_number)
        .where(Device.office_code == office)
        .distinct()
        .order_by(Device.counter_number)
    )
    return sorted(procedure_names()), list(counters)
