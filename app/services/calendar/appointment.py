"""When the result is due (hẹn trả kết quả).

Rules, in the order they apply (counter-rules.md, "Working days and appointment dates"):

* The deadline counts from receipt of a **complete, valid** dossier.
* Whole days: the day of receipt is day 0; the due day is the n-th counted day after
  it (Civil Code art. 147: a period in days starts the day after the event). Counted
  days are working days, or calendar days except holidays for procedures whose time
  is "days excluding holidays" (pensions).
* Received after the office's cut-off time, or on a day off → as if received on the
  next working day.
* While a completion request (form 02) is open the clock stops. The days counted up
  to and including the day the request was made are used up; when the dossier is
  completed, the rest count from the day of completion (with the same cut-off rule).
  An open request means there is no appointment (``None``).
* A due day that is a day off moves to the next working day.

Time of day printed on the receipt: the time of receipt (or completion), capped at
the cut-off time, unless the office sets a fixed ``return_time``. Returning at the
receipt's clock time on the due day gives the citizen exactly n whole days; capping
keeps appointments inside office hours for dossiers taken in after the cut-off.
Results are aware datetimes in Asia/Ho_Chi_Minh; store them as UTC.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from app.services.calendar.days import WorkCalendar, local
from app.services.calendar.timezone import VN_TZ
from app.services.catalog.model import Procedure, ProcessingTime, TimeUnit

if TYPE_CHECKING:
    Pause = tuple[dt.datetime, dt.datetime | None]


def _effective_start(
    cal: WorkCalendar, at: dt.datetime, cutoff: dt.time
) -> tuple[dt.date, dt.time]:
    t = local(at)
    day, clock = t.date(), t.time().replace(microsecond=0)
    if not cal.is_working_day(day) or clock > cutoff:
        day = cal.next_working_day(day)
    return day, min(clock, cutoff)


def _at(day: dt.date, clock: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, clock, tzinfo=VN_TZ)


def due_after(
    cal: WorkCalendar, start: dt.datetime, n: int, working_days: bool, cutoff: dt.time
) -> dt.datetime:
    """Deadline ``n`` counted days after ``start`` with no pauses."""
    day, clock = _effective_start(cal, start, cutoff)
    return _at(cal.working_day_on_or_after(cal.advance(day, n, working_days)), clock)


def appointment(
    cal: WorkCalendar,
    valid_received_at: dt.datetime,
    procedure: Procedure | ProcessingTime,
    cutoff_time: dt.time,
    paused_intervals: Iterable[Pause] = (),
    return_time: dt.time | None = None,
) -> dt.datetime | None:
    """The appointment for a dossier; ``None`` while a completion request is open."""
    pt = procedure.processing_time if isinstance(procedure, Procedure) else procedure
    working = pt.unit is TimeUnit.WORKING_DAYS
    day, clock = _effective_start(cal, valid_received_at, cutoff_time)
    remaining = pt.value
    for start, end in _clip(valid_received_at, paused_intervals):
        paused_on = local(start).date()
        used = cal.count_days(day, paused_on, working) if paused_on > day else 0
        if used >= remaining:
            break  # the deadline came before this request: it cannot move it
        if end is None:
            return None
        remaining -= used
        day, clock = _effective_start(cal, end, cutoff_time)
    due_day = cal.working_day_on_or_after(cal.advance(day, remaining, working))
    return _at(due_day, return_time or clock)


def _clip(since: dt.datetime, pauses: Iterable[Pause]) -> Sequence[Pause]:
    """Pauses in order, the parts before ``since`` dropped."""
    out: list[Pause] = []
    for start, end in sorted(pauses, key=lambda p: p[0]):
        if end is not None and end <= since:
            continue
        out.append((max(start, since), end))
    return out
