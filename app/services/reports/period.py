"""The report period (office-local dates) and the filter every report query shares."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import InstrumentedAttribute

from app.services.calendar.timezone import VN_TZ
from app.services.lifecycle import Status
from app.services.storage.models import Dossier, DossierEvent

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
