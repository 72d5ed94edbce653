"""Working days of Vietnamese public offices.

Monday–Friday, minus public holidays from ``holidays.VN`` (Labour Code art. 112 with
its compensatory days and the swaps the package knows), corrected by yearly data files
in ``resources/calendars/`` with what the government announces each year: the actual
Tết break, swapped days off, make-up Saturdays and new holidays. A data file wins over
the package for the dates it names. All reasoning is on Vietnamese local dates.

Two kinds of "day off" matter. Working-day deadlines skip every day off. Deadlines
"in days excluding holidays and Tết" (pension, Law 41/2024 Art. 79(3)) skip only the
*official* holiday days: the break notices themselves separate "05 ngày nghỉ Tết" from
"04 ngày nghỉ hằng tuần" inside a break, so weekly rest days, swapped days and
compensatory days inside a break still count. Which kinds a year's file excludes is
data (``holiday_count_excludes``, default ``["holiday"]``) an office can correct.
For a year without a file the library's Labour Code days (without its observed and
substituted days) are the official ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import holidays

from app.services.calendar.timezone import VN_TZ

_ONE_DAY = dt.timedelta(days=1)
OFFICIAL_KINDS = frozenset({"holiday"})
_MAX_SCAN = 400  # no run of days off is this long; a guard against bad data loops


@dataclass(frozen=True, slots=True)
class YearData:
    """One year's announced corrections (already validated)."""

    year: int
    days_off: Mapping[dt.date, str] = field(default_factory=dict)
    working_days: Mapping[dt.date, str] = field(default_factory=dict)  # make-up weekend days
    kinds: Mapping[dt.date, str] = field(default_factory=dict)  # day off → its entry's kind
    holiday_count_excludes: frozenset[str] = OFFICIAL_KINDS


@dataclass(frozen=True, slots=True)
class _Year:
    off: frozenset[dt.date]  # non-working days that are not plain weekends + announced ones
    working_weekend: frozenset[dt.date]
    holidays: frozenset[dt.date]  # official "lễ, tết" days (excluded by days_excluding_holidays)


class WorkCalendar:
    def __init__(self, years: Iterable[YearData] = (), use_library: bool = True) -> None:
        self._data = {y.year: y for y in years}
        self._use_library = use_library
        self._years: dict[int, _Year] = {}

    def _year(self, year: int) -> _Year:
        cached = self._years.get(year)
        if cached is not None:
            return cached
        off: set[dt.date] = set()
        official: set[dt.date] = set()
        working: set[dt.date] = set()
        if self._use_library:
            lib = holidays.country_holidays("VN", years=year)
            off |= {d for d in lib if d.year == year}
            working |= {d for d in lib.weekend_workdays if d.year == year}
            # Without observed days the library gives the Labour Code days, plus the
            # swaps it knows (named "substituted"), which are not holidays.
            legal = holidays.country_holidays("VN", years=year, observed=False)
            official |= {
                d for d, name in legal.items() if d.year == year and "substitut" not in name.lower()
            }
        data = self._data.get(year)
        if data is not None:
            off |= set(data.days_off)
            off -= set(data.working_days)
            working -= set(data.days_off)
            working |= set(data.working_days)
            for d in data.days_off:  # the file decides for the dates it names
                if data.kinds.get(d, "holiday") in data.holiday_count_excludes:
                    official.add(d)
                else:
                    official.discard(d)
            official -= set(data.working_days)
        built = _Year(frozenset(off), frozenset(working), frozenset(official))
        self._years[year] = built
        return built

    def is_holiday(self, d: dt.date) -> bool:
        """An official holiday day (lễ, Tết): not a weekend, swap or compensatory day."""
        return d in self._year(d.year).holidays

    def is_day_off(self, d: dt.date) -> bool:
        """Any announced day off that is not a plain weekend (holiday, swap, nghỉ bù…)."""
        return d in self._year(d.year).off

    def is_working_day(self, d: dt.date) -> bool:
        y = self._year(d.year)
        if d in y.working_weekend:
            return True
        return d.weekday() < 5 and d not in y.off

    def next_working_day(self, d: dt.date) -> dt.date:
        """The first working day strictly after ``d``."""
        for _ in range(_MAX_SCAN):
            d += _ONE_DAY
            if self.is_working_day(d):
                return d
        raise RuntimeError("no working day within a year: calendar data is wrong")

    def working_day_on_or_after(self, d: dt.date) -> dt.date:
        return d if self.is_working_day(d) else self.next_working_day(d)

    def counts(self, d: dt.date, working_days: bool) -> bool:
        """Whether ``d`` counts towards a deadline in the given unit."""
        return self.is_working_day(d) if working_days else not self.is_holiday(d)

    def count_days(self, after: dt.date, until: dt.date, working_days: bool) -> int:
        """Counted days ``d`` with ``after < d <= until``."""
        n, d = 0, after
        while d < until:
            d += _ONE_DAY
            n += self.counts(d, working_days)
        return n

    def advance(self, start: dt.date, n: int, working_days: bool) -> dt.date:
        """The ``n``-th counted day after ``start`` (``start`` itself for 0)."""
        d, left = start, n
        while left > 0:
            d += _ONE_DAY
            left -= self.counts(d, working_days)
        return d


def local(t: dt.datetime) -> dt.datetime:
    if t.tzinfo is None:
        raise ValueError("naive datetime: pass aware datetimes")
    return t.astimezone(VN_TZ)
