"""Báo cáo: what the counter did in a period, and the tracking book (form 07) behind it.

A period is a run of office-local dates (Asia/Ho_Chi_Minh), at most ``MAX_PERIOD_DAYS``
long, so every query is a range on the indexed ``dossiers.submitted_at`` (or on the
``status`` prefix of ``ix_dossiers_status_due`` for returns) and stays bounded.

* The summary counts the dossiers *received* in the period by their current status and
  timeliness (``lifecycle.classify``, as of a given moment: the result time against the
  due time, or still open past due), the dossiers *returned* in the period, a line per
  procedure, and the **identification of participants** (Project 06 asks that every
  participant's ID be verified; its target is 100 %): distinct citizens with a dossier
  in the period by how their ID was last verified, and the share verified by the chip.
  The summary holds no personal data; its CSV may be handed out.
* The tracking book lists every dossier received in the period in order of receipt,
  with the citizen's name and address: personal data. Printing or exporting it is a
  processing of that data (PDP Law 91/2025), so each use writes one access-log record
  per dossier (a citizen's access report then shows it), and the CSV export is for
  supervisors only (``Permission.EXPORT_DATA``).

"Officer" in a filter is the officer who received the dossier (``Dossier.officer_id``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import ColumnElement, distinct, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.errors import ErrorKind, UserError
from app.services import audit
from app.services.calendar.days import local
from app.services.calendar.timezone import VN_TZ
from app.services.forms.model import Agency, TrackingBookData, TrackingEntry
from app.services.lifecycle import Status, Timeliness, classify
from app.services.security.permissions import Permission, require
from app.services.storage.db import Database
from app.services.storage.models import Citizen, Dossier, DossierEvent, Office, Officer, Procedure
from app.services.vocabulary import status_name, timeliness_class_name
from app.shared.files import write_atomically

# A year (and a leap day): the longest report an office files; it bounds every query.
MAX_PERIOD_DAYS = 366
# The most rows printed as one tracking book: about 200 landscape pages, which
# reportlab lays out in roughly ten seconds (1.6 ms a row at 2,000 rows, and worse
# than linear beyond: 31,000 rows took minutes). Longer periods print in parts.
MAX_BOOK_ROWS = 5000


# ---- the period ----------------------------------------------------------------------


class PeriodKind(StrEnum):
    TODAY = "today"
    WEEK = "week"  # Monday to Sunday
    MONTH = "month"
    CUSTOM = "custom"


@dataclass(frozen=True, slots=True)
class Period:
    """Office-local dates, both ends included."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("period ends before it starts")
        if self.days > MAX_PERIOD_DAYS:
            raise ValueError(f"period longer than {MAX_PERIOD_DAYS} days")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @classmethod
    def of(cls, kind: PeriodKind, today: dt.date) -> Period:
        """Today, this week (Monday–Sunday) or this month around ``today``."""
        if kind is PeriodKind.WEEK:
            monday = today - dt.timedelta(days=today.weekday())
            return cls(monday, monday + dt.timedelta(days=6))
        if kind is PeriodKind.MONTH:
            first = today.replace(day=1)
            next_first = (first + dt.timedelta(days=32)).replace(day=1)
            return cls(first, next_first - dt.timedelta(days=1))
        return cls(today, today)

    def utc_bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """[first local midnight, the midnight after the last day) in UTC, for queries."""
        start = dt.datetime.combine(self.start, dt.time(), tzinfo=VN_TZ)
        end = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time(), tzinfo=VN_TZ)
        return start.astimezone(dt.UTC), end.astimezone(dt.UTC)

    def text(self) -> str:
        if self.start == self.end:
            return self.start.strftime("%d/%m/%Y")
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"

    def slug(self) -> str:
        """For file and job names: 20260301-20260331."""
        return f"{self.start:%Y%m%d}-{self.end:%Y%m%d}"


@dataclass(frozen=True, slots=True)
class ReportFilter:
    period: Period
    procedure_code: str = ""  # "" for every procedure
    officer_id: str = ""  # the receiving officer; "" for everyone


def _where(flt: ReportFilter, moment: InstrumentedAttribute[Any]) -> list[ColumnElement[bool]]:
    start, end = flt.period.utc_bounds()
    out: list[ColumnElement[bool]] = [moment >= start, moment < end]
    if flt.procedure_code:
        out.append(Dossier.procedure_code == flt.procedure_code)
    if flt.officer_id:
        out.append(Dossier.officer_id == flt.officer_id)
    return out


def _ready_at() -> Any:
    """When the result was first ready (the time ``classify`` judges a finished dossier by)."""
    return (
        select(func.min(DossierEvent.at))
        .where(DossierEvent.dossier_id == Dossier.id, DossierEvent.to_status == Status.RESULT_READY)
        .correlate(Dossier)
        .scalar_subquery()
    )


# ---- the summary ---------------------------------------------------------------------


class VerifiedBy(StrEnum):
    """``Citizen.id_verified_by``: how the citizen's ID was last verified."""

    CHIP = "chip"  # CCCD chip read, passive authentication did not fail
    PASSPORT = "passport"  # chip of an ICAO passport
    QR = "qr"  # the card's printed QR code (not signed: a copy, not a verification)
    TYPED = "typed"  # typed by the officer from the card
    REGISTER = "register"  # checked against the population register
    UNKNOWN = ""  # never recorded (older rows)


@dataclass(frozen=True, slots=True)
class Verification:
    """Distinct citizens with a dossier in the period, by how their ID was verified.

    The method is the citizen's *last* verification (the database keeps no per-dossier
    method): a citizen identified by QR in the period and by chip after it counts as chip.
    """

    by_method: Mapping[VerifiedBy, int]

    @property
    def citizens(self) -> int:
        return sum(self.by_method.values())

    @property
    def chip(self) -> int:
        return self.by_method.get(VerifiedBy.CHIP, 0)

    @property
    def chip_share(self) -> float | None:
        """0.0–1.0; None when nobody came (a share of nobody is not 0 %)."""
        return self.chip / self.citizens if self.citizens else None


@dataclass(frozen=True, slots=True)
class ProcedureLine:
    code: str
    name: str
    received: int  # received in the period
    returned: int  # returned in the period (whenever received)
    on_time: int  # of those received: result before or on the due time
    late: int  # of those received: result after the due time, or still open past it
    open_in_time: int  # of those received: still open, not yet due


@dataclass(frozen=True, slots=True)
class Summary:
    filter: ReportFilter
    as_of: dt.datetime  # the moment open dossiers were judged against their due time
    received: int
    returned: int
    by_status: Mapping[Status, int]  # every status, in lifecycle order, zeros included
    by_timeliness: Mapping[Timeliness, int]  # every class, zeros included
    by_procedure: tuple[ProcedureLine, ...]  # procedures with any activity, by code
    verification: Verification

    @property
    def on_time(self) -> int:
        return self.by_timeliness[Timeliness.EARLY] + self.by_timeliness[Timeliness.ON_TIME]

    @property
    def late(self) -> int:
        return self.by_timeliness[Timeliness.LATE] + self.by_timeliness[Timeliness.OVERDUE]


ON_TIME = frozenset({Timeliness.EARLY, Timeliness.ON_TIME})
LATE = frozenset({Timeliness.LATE, Timeliness.OVERDUE})


def procedure_names(session: Session) -> dict[str, str]:
    """Procedure code → name of its newest stored catalog snapshot."""
    names: dict[str, str] = {}
    rows = session.execute(
        select(Procedure.code, Procedure.name).order_by(Procedure.created_at, Procedure.id)
    )
    for code, name in rows:
        names[code] = name  # later snapshots overwrite earlier ones
    return names


def officer_names(session: Session) -> list[tuple[str, str]]:
    """(officer id, full name) of every officer, by name: the officer filter's choices."""
    rows = session.execute(select(Officer.id, Officer.full_name).order_by(Officer.full_name))
    return [(officer_id, name) for officer_id, name in rows]


def build_summary(session: Session, flt: ReportFilter, as_of: dt.datetime) -> Summary:
    received_rows = session.execute(
        select(
            Dossier.procedure_code, Dossier.status, Dossier.due_at, _ready_at(), Dossier.returned_at
        ).where(*_where(flt, Dossier.submitted_at))
    ).all()
    by_status: Counter[Status] = Counter()
    by_timeliness: Counter[Timeliness] = Counter()
    per_procedure: dict[str, Counter[str]] = {}
    for code, status, due, ready, returned in received_rows:
        state = Status(status)
        # lifecycle.result_ready_at: the result time, or the return time without one
        judged = classify(state, due, ready or returned, as_of)
        by_status[state] += 1
        by_timeliness[judged] += 1
        line = per_procedure.setdefault(code, Counter())
        line["received"] += 1
        line["on_time"] += judged in ON_TIME
        line["late"] += judged in LATE
        line["open_in_time"] += judged is Timeliness.IN_TIME

    # Status is terminal once returned, so the status index narrows this range scan.
    returned_rows = session.execute(
        select(Dossier.procedure_code, func.count())
        .where(Dossier.status == Status.RETURNED, *_where(flt, Dossier.returned_at))
        .group_by(Dossier.procedure_code)
    ).all()
    for code, count in returned_rows:
        per_procedure.setdefault(code, Counter())["returned"] += count

    names = procedure_names(session)
    return Summary(
        filter=flt,
        as_of=as_of,
        received=len(received_rows),
        returned=sum(count for _code, count in returned_rows),
        by_status={s: by_status[s] for s in Status},
        by_timeliness={t: by_timeliness[t] for t in Timeliness},
        by_procedure=tuple(
            ProcedureLine(
                code=code,
                name=names.get(code, ""),
                received=c["received"],
                returned=c["returned"],
                on_time=c["on_time"],
                late=c["late"],
                open_in_time=c["open_in_time"],
            )
            for code, c in sorted(per_procedure.items())
        ),
        verification=verification(session, flt),
    )


def verification(session: Session, flt: ReportFilter) -> Verification:
    rows = session.execute(
        select(Citizen.id_verified_by, func.count(distinct(Citizen.id)))
        .join(Dossier, Dossier.citizen_id == Citizen.id)
        .where(*_where(flt, Dossier.submitted_at))
        .group_by(Citizen.id_verified_by)
    ).all()
    counts: Counter[VerifiedBy] = Counter()
    for method, count in rows:
        try:
            counts[VerifiedBy(method or "")] += count
        except ValueError:  # a method a newer version wrote: not a verification we know
            counts[VerifiedBy.UNKNOWN] += count
    return Verification({m: counts[m] for m in VerifiedBy})


# ---- form 07: the tracking book ------------------------------------------------------

DELIVERY_TEXT = {"counter": "Trực tiếp", "post": "Bưu chính", "electronic": "Điện tử"}


@dataclass(frozen=True, slots=True)
class TrackingRow:
    """One dossier of the tracking book; times are office-local."""

    dossier_id: str  # for the access log; not printed
    citizen_id: str  # for the access log; not printed
    code: str
    procedure_code: str
    procedure_name: str
    applicant_name: str
    address_phone: str
    lead_agency: str
    received_at: dt.datetime
    due_at: dt.datetime | None  # None while the clock is stopped (waiting for papers)
    returned_at: dt.datetime | None
    delivery: str
    published: tuple[str, str] = ("", "")  # (published name, national code), where known


def published_procedures(session: Session) -> dict[str, tuple[str, str]]:
    """Procedure code → (published name, national code) of its newest catalog snapshot."""
    out: dict[str, tuple[str, str]] = {}
    rows = session.execute(
        select(Procedure.code, Procedure.definition).order_by(Procedure.created_at, Procedure.id)
    )
    for code, definition in rows:
        published = (definition or {}).get("published") or {}
        out[code] = (published.get("name", ""), published.get("national_code", ""))
    return out


def tracking_rows(session: Session, flt: ReportFilter) -> list[TrackingRow]:
    """Every dossier received in the period, in order of receipt."""
    names = procedure_names(session)
    published = published_procedures(session)
    rows = session.execute(
        select(
            Dossier.id,
            Dossier.citizen_id,
            Dossier.code,
            Dossier.procedure_code,
            Citizen.full_name,
            Citizen.residence,
            Citizen.phone,
            Dossier.applicant_phone,
            Office.name,
            Dossier.submitted_at,
            Dossier.due_at,
            Dossier.returned_at,
            Dossier.delivery_method,
        )
        .join(Citizen, Citizen.id == Dossier.citizen_id)
        .join(Office, Office.id == Dossier.office_id)
        .where(*_where(flt, Dossier.submitted_at))
        .order_by(Dossier.submitted_at, Dossier.code)
    ).all()
    return [
        TrackingRow(
            dossier_id=r[0],
            citizen_id=r[1],
            code=r[2],
            procedure_code=r[3],
            procedure_name=names.get(r[3], r[3]),
            applicant_name=r[4],
            address_phone="; ".join(p for p in (r[5], r[7] or r[6]) if p),
            lead_agency=r[8],
            received_at=local(r[9]),
            due_at=local(r[10]) if r[10] else None,
            returned_at=local(r[11]) if r[11] else None,
            delivery=DELIVERY_TEXT.get(r[12]) or r[12],
            published=published.get(r[3], ("", "")),
        )
        for r in rows
    ]


class _NoAppointment(dt.datetime):
    """A due time form 07 leaves blank: the dossier waits for papers, so no date is set.

    ``TrackingEntry.due_at`` takes a datetime only and the layout prints it with
    ``strftime``; this stand-in prints as nothing until the form model accepts None.
    """

    def strftime(self, format: str) -> str:
        return ""


_BLANK_DUE = _NoAppointment(2000, 1, 1, tzinfo=VN_TZ)


def tracking_book_data(
    rows: Sequence[TrackingRow], period: Period, issued_on: dt.date | None = None
) -> TrackingBookData:
    return TrackingBookData(
        period_start=period.start,
        period_end=period.end,
        entries=tuple(
            TrackingEntry(
                dossier_code=r.code,
                procedure_name=r.procedure_name,
                procedure_code=r.procedure_code,
                published_name=r.published[0],
                national_code=r.published[1],
                applicant_name=r.applicant_name,
                address_phone=r.address_phone,
                lead_agency=r.lead_agency,
                received_at=r.received_at,
                due_at=r.due_at or _BLANK_DUE,
                returned_at=r.returned_at,
                delivery_method=r.delivery,
            )
            for r in rows
        ),
        issued_on=issued_on,
    )


def render_tracking_book_pdf(
    rows: Sequence[TrackingRow], period: Period, agency: Agency, issued_on: dt.date | None = None
) -> bytes:
    """Form 07 for the period, as printed (the page prints exactly these bytes)."""
    from app.services.forms.tracking_book import render_tracking_book  # reportlab: on demand

    return render_tracking_book(tracking_book_data(rows, period, issued_on), agency)


# ---- the access log ------------------------------------------------------------------

TRACKING_PURPOSE = "theo dõi, báo cáo tình hình giải quyết hồ sơ (Sổ theo dõi hồ sơ, mẫu 07)"


def log_tracking_use(
    db: Database,
    officer_id: str,
    action: str,
    rows: Iterable[TrackingRow],
    period: Period,
    what: str,
) -> int:
    """One access-log record per dossier whose citizen's data left the screen.

    Per dossier, not one for the whole list: a citizen's access report (privacy.py)
    finds records by citizen and dossier. ``what`` is technical ("form07 print").
    """
    items = list(rows)
    detail = f"{what} {period.slug()} ({len(items)} hồ sơ)"
    with db.session() as s:
        for row in items:
            audit.record(
                s,
                officer_id,
                action,
                citizen_id=row.citizen_id,
                dossier_id=row.dossier_id,
                purpose=TRACKING_PURPOSE,
                detail=detail,
            )
    return len(items)


# ---- CSV -----------------------------------------------------------------------------

VERIFIED_BY_TEXT = {
    VerifiedBy.CHIP: "Chip CCCD (xác thực chip)",
    VerifiedBy.PASSPORT: "Chip hộ chiếu",
    VerifiedBy.QR: "Mã QR trên thẻ",
    VerifiedBy.TYPED: "Nhập tay từ thẻ",
    VerifiedBy.REGISTER: "Đối chiếu CSDL quốc gia về dân cư",
    VerifiedBy.UNKNOWN: "Chưa ghi nhận",
}

# A cell a spreadsheet would run as a formula (CSV injection); phone numbers like
# "+84 905 000 111" are left alone.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER_LIKE = re.compile(r"^[+-]?[\d\s().,-]+$")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not _NUMBER_LIKE.match(text):
        return "'" + text
    return text


def _csv(rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


def _share_text(share: float | None) -> str:
    return "" if share is None else f"{share * 100:.1f}".replace(".", ",")


def summary_csv(summary: Summary) -> str:
    """Section, key, label, value: readable in a spreadsheet, parseable by a script."""
    flt = summary.filter
    rows: list[Sequence[object]] = [
        ("muc", "ma", "chi_tieu", "gia_tri"),
        ("ky_bao_cao", "tu_ngay", "Từ ngày", flt.period.start.isoformat()),
        ("ky_bao_cao", "den_ngay", "Đến ngày", flt.period.end.isoformat()),
        ("ky_bao_cao", "thu_tuc", "Thủ tục", flt.procedure_code or "tất cả"),
        ("ky_bao_cao", "tinh_den", "Tính đến", local(summary.as_of).strftime("%H:%M %d/%m/%Y")),
        ("tong_hop", "received", "Hồ sơ tiếp nhận trong kỳ", summary.received),
        ("tong_hop", "returned", "Hồ sơ đã trả kết quả trong kỳ", summary.returned),
        ("tong_hop", "on_time", "Đúng hạn và trước hạn", summary.on_time),
        ("tong_hop", "late", "Quá hạn (đã có kết quả hoặc còn mở)", summary.late),
    ]
    rows += [("trang_thai", s.value, status_name(s), n) for s, n in summary.by_status.items()]
    rows += [
        ("tien_do", t.value, timeliness_class_name(t), n) for t, n in summary.by_timeliness.items()
    ]
    for line in summary.by_procedure:
        label = f"{line.code} – {line.name}" if line.name else line.code
        rows += [
            ("thu_tuc", f"{line.code}.received", f"{label}: tiếp nhận", line.received),
            ("thu_tuc", f"{line.code}.returned", f"{label}: đã trả", line.returned),
            ("thu_tuc", f"{line.code}.on_time", f"{label}: đúng hạn", line.on_time),
            ("thu_tuc", f"{line.code}.late", f"{label}: quá hạn", line.late),
        ]
    v = summary.verification
    rows.append(("xac_thuc", "citizens", "Số người có hồ sơ trong kỳ", v.citizens))
    rows += [
        ("xac_thuc", m.value or "unknown", VERIFIED_BY_TEXT[m], n) for m, n in v.by_method.items()
    ]
    rows.append(
        (
            "xac_thuc",
            "chip_share_percent",
            "Tỷ lệ xác thực bằng chip (%)",
            _share_text(v.chip_share),
        )
    )
    return _csv(rows)


TRACKING_HEADINGS = (
    "TT",
    "Mã hồ sơ",
    "Tên thủ tục hành chính",
    "Tên tổ chức, cá nhân",
    "Địa chỉ, số điện thoại",
    "Cơ quan chủ trì giải quyết",
    "Nhận hồ sơ",
    "Hẹn trả kết quả",
    "Ngày trả kết quả",
    "Hình thức nhận kết quả",
)


def _when(moment: dt.datetime | None) -> str:
    return moment.strftime("%H:%M %d/%m/%Y") if moment else ""


def tracking_csv(rows: Sequence[TrackingRow]) -> str:
    """Form 07's columns (without the signature), one line per dossier."""
    return _csv(
        [
            TRACKING_HEADINGS,
            *(
                (
                    n,
                    r.code,
                    r.procedure_name,
                    r.applicant_name,
                    r.address_phone,
                    r.lead_agency,
                    _when(r.received_at),
                    _when(r.due_at),
                    _when(r.returned_at),
                    r.delivery,
                )
                for n, r in enumerate(rows, start=1)
            ),
        ]
    )


def write_csv(path: Path, text: str) -> None:
    """Write atomically, UTF-8 with a BOM (Excel on Windows reads Vietnamese then).

    Raises ``UserError(EXPORT_FAILED)``; the detail names the OS error, not the path
    (a path can hold a user's name).
    """
    try:
        write_atomically(path, text.encode("utf-8-sig"), make_folder=False)
    except OSError as exc:
        raise UserError(ErrorKind.EXPORT_FAILED, detail=type(exc).__name__) from exc


# ---- exports -------------------------------------------------------------------------


class ReportOfficer(Protocol):
    """The signed-in officer (``accounts.SignedIn``)."""

    @property
    def officer_id(self) -> str: ...

    @property
    def role(self) -> str: ...


def export_summary(summary: Summary, path: Path) -> None:
    """The summary as CSV: counts only, no personal data, no access-log record."""
    write_csv(path, summary_csv(summary))


def export_tracking_book(
    db: Database, officer: ReportOfficer, flt: ReportFilter, path: Path
) -> int:
    """Form 07's rows as CSV (personal data): supervisors only, logged per dossier.

    Returns how many dossiers were written.
    """
    require(officer, Permission.EXPORT_DATA)
    with db.session() as s:
        rows = tracking_rows(s, flt)
    write_csv(path, tracking_csv(rows))
    return log_tracking_use(db, officer.officer_id, "export", rows, flt.period, "form07 csv")
