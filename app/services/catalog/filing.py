"""Filing time limits (thời hạn nộp hồ sơ) checked at intake, as warnings.

The law gives the citizen a time to file (survivors: 90 days from the death, Law
41/2024 Art. 91(1); maternity: 60 days from the birth or the return to work; pension:
no earlier than 20 days before retirement, Art. 79(1)). A late or early dossier is
still taken in — the competent office decides — but the officer must see how many
days remain, or by how many the limit passed, and say so to the citizen.
Days here are calendar days (the limits are stated in "ngày").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from app.services.calendar.timezone import VN_TZ
from app.services.catalog.model import FilingLimit, LimitDirection, Procedure


class FilingState(StrEnum):
    IN_TIME = "in_time"
    LAST_DAYS = "last_days"  # seven days or fewer left
    PASSED = "passed"  # filed after the limit
    TOO_EARLY = "too_early"  # pension filed more than N days ahead


LAST_DAYS = 7


@dataclass(frozen=True, slots=True)
class FilingCheck:
    state: FilingState
    days: int  # days remaining (IN_TIME, LAST_DAYS) or past/too early (PASSED, TOO_EARLY)
    deadline: dt.date  # last day to file, or (TOO_EARLY) the first day one may file
    limit: FilingLimit

    @property
    def warns(self) -> bool:
        return self.state is not FilingState.IN_TIME


def check_filing(limit: FilingLimit, event: dt.date, today: dt.date) -> FilingCheck:
    """Where ``today`` stands against the limit counted from ``event``."""
    if limit.direction is LimitDirection.WITHIN_AFTER:
        deadline = event + dt.timedelta(days=limit.days)
        left = (deadline - today).days
        if left < 0:
            return FilingCheck(FilingState.PASSED, -left, deadline, limit)
        state = FilingState.LAST_DAYS if left <= LAST_DAYS else FilingState.IN_TIME
        return FilingCheck(state, left, deadline, limit)
    first = event - dt.timedelta(days=limit.days)
    if today < first:
        return FilingCheck(FilingState.TOO_EARLY, (first - today).days, first, limit)
    return FilingCheck(FilingState.IN_TIME, max((event - today).days, 0), first, limit)


def check_procedure(procedure: Procedure, event: dt.date, today: dt.date) -> FilingCheck | None:
    limit = procedure.filing_limit
    return None if limit is None else check_filing(limit, event, today)


def describe(check: FilingCheck) -> str:
    """The sentence the counter screen shows (Vietnamese; translated by the caller)."""
    limit, day = check.limit, check.deadline.strftime("%d/%m/%Y")
    flag = "" if limit.confirmed else " (thời hạn chưa xác nhận)"
    if check.state is FilingState.PASSED:
        return (
            f"Đã quá thời hạn nộp {limit.days} ngày kể từ {limit.event} {check.days} ngày "
            f"(hạn cuối {day}). Vẫn tiếp nhận; cơ quan có thẩm quyền xem xét.{flag}"
        )
    if check.state is FilingState.TOO_EARLY:
        return (
            f"Nộp quá sớm: chỉ được nộp trước {limit.event} tối đa {limit.days} ngày, "
            f"tức từ {day} (còn {check.days} ngày nữa).{flag}"
        )
    if limit.direction is LimitDirection.NOT_EARLIER_THAN_BEFORE:
        return f"Trong thời hạn nộp (từ {day}, trước {limit.event} tối đa {limit.days} ngày).{flag}"
    return f"Còn {check.days} ngày để nộp (hạn cuối {day}, {limit.days} ngày kể từ {limit.event}).{flag}"


# Kept in the dossier's form_data: the date the officer entered, and what the check said.
FILING_EVENT_KEY = "filing_event_date"
FILING_CHECK_KEY = "filing_check"


def with_filing_check(
    procedure: Procedure, form_data: Mapping[str, Any], now: dt.datetime
) -> dict[str, Any]:
    """``form_data`` plus the filing-limit check as of ``now`` (office day), when the
    procedure has a limit and the officer entered the event date; no date, no check."""
    out = dict(form_data)
    value = out.get(FILING_EVENT_KEY)
    if procedure.filing_limit is None or not value:
        out.pop(FILING_EVENT_KEY, None)
        return out
    found = check_filing(
        procedure.filing_limit, dt.date.fromisoformat(value), now.astimezone(VN_TZ).date()
    )
    out[FILING_CHECK_KEY] = {
        "event": found.limit.event,
        "state": found.state.value,
        "days": found.days,
        "deadline": found.deadline.isoformat(),
    }
    return out
