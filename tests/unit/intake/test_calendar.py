"""Working days and appointments on the real 2025 and announced 2026 calendars."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.errors import ErrorKind, UserError
from app.services.calendar import VN_TZ, CalendarStore, WorkCalendar, appointment, load_calendar
from app.services.calendar.appointment import due_after
from app.services.catalog import ProcessingTime, TimeUnit
from app.shared import paths

END_OF_DAY = dt.time(23, 59, 59)
CUTOFF = dt.time(16, 30)
D = dt.date.fromisoformat


def vn(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=VN_TZ)


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return load_calendar()


def wd(n: int) -> ProcessingTime:
    return ProcessingTime(n, TimeUnit.WORKING_DAYS)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("2026-01-02", False),  # Friday swapped off
        ("2026-01-10", True),  # Saturday made up
        ("2026-02-13", True),  # last day before Tết Bính Ngọ
        ("2026-02-16", False),
        ("2026-02-20", False),
        ("2026-02-23", True),
        ("2026-04-27", False),  # Giỗ Tổ on Sunday, compensated Monday
        ("2026-04-28", True),
        ("2026-08-22", True),  # Saturday made up for 31 August
        ("2026-08-31", False),
        ("2026-09-03", True),
        ("2026-11-24", False),  # Ngày Văn hóa Việt Nam, new from 2026
        ("2025-11-24", True),  # …but not in 2025
        ("2025-01-24", True),
        ("2025-01-27", False),  # Tết Ất Tỵ, Mon 27 – Fri 31 Jan
        ("2025-01-31", False),
        ("2025-02-03", True),
        ("2025-04-26", True),  # Saturday made up for 2 May
        ("2025-05-02", False),
        ("2025-09-01", False),
        ("2025-09-03", True),
        ("2025-03-15", False),  # an ordinary Saturday
    ],
)
def test_working_days(cal: WorkCalendar, day: str, working: bool) -> None:
    assert cal.is_working_day(D(day)) is working


@pytest.mark.parametrize(
    ("day", "official"),
    [
        ("2025-01-25", False),  # weekly rest inside the Tết Ất Tỵ break
        ("2025-01-27", False),  # compensatory day for mùng 4 on a Saturday
        ("2025-01-28", True),
        ("2025-02-01", True),  # mùng 4, a Saturday, still an official Tết day
        ("2025-02-02", False),
        ("2025-05-02", False),  # swapped day
        ("2025-09-01", True),
        ("2026-01-02", False),  # swapped day
        ("2026-02-14", False),  # weekly rest inside the Tết Bính Ngọ break
        ("2026-02-16", True),
        ("2026-02-20", True),
        ("2026-02-22", False),
        ("2026-04-26", True),  # Giỗ Tổ on a Sunday
        ("2026-04-27", False),  # its compensatory Monday
        ("2026-08-31", False),  # swapped for Saturday 22 August
        ("2026-09-01", True),
        ("2026-11-24", True),
        ("2025-03-15", False),
    ],
)
def test_only_official_days_are_holidays_for_days_excluding_holidays(
    cal: WorkCalendar, day: str, official: bool
) -> None:
    assert cal.is_holiday(D(day)) is official
    if not official and D(day).weekday() < 5 and day != "2025-03-15":
        assert cal.is_day_off(D(day)) and not cal.is_working_day(D(day))


def test_five_working_days_across_tet_2026(cal: WorkCalendar) -> None:
    due = due_after(cal, vn("2026-02-12T10:00"), 5, working_days=True, cutoff=CUTOFF)
    assert due == vn("2026-02-26T10:00")


def test_five_working_days_across_tet_2025(cal: WorkCalendar) -> None:
    assert due_after(cal, vn("2025-01-24T09:15"), 5, working_days=True, cutoff=CUTOFF) == vn(
        "2025-02-07T09:15"
    )


def test_after_cutoff_on_new_year_eve_counts_from_monday_and_uses_the_made_up_saturday(
    cal: WorkCalendar,
) -> None:
    # Wed 31 Dec 2025 17:00 → next working day is Mon 5 Jan (1 Jan holiday, 2 Jan swapped).
    due = due_after(cal, vn("2025-12-31T17:00"), 5, working_days=True, cutoff=CUTOFF)
    assert due == vn("2026-01-10T16:30")  # the fifth working day is Saturday 10 January


def test_before_cutoff_counts_the_same_day(cal: WorkCalendar) -> None:
    assert due_after(cal, vn("2026-03-02T16:30"), 1, working_days=True, cutoff=CUTOFF) == vn(
        "2026-03-03T16:30"
    )
    assert due_after(cal, vn("2026-03-02T16:31"), 1, working_days=True, cutoff=CUTOFF) == vn(
        "2026-03-04T16:30"
    )


def test_received_on_a_saturday_counts_from_monday(cal: WorkCalendar) -> None:
    assert due_after(cal, vn("2026-03-07T09:00"), 1, working_days=True, cutoff=CUTOFF) == vn(
        "2026-03-10T09:00"
    )


def test_giong_to_swap_2026(cal: WorkCalendar) -> None:
    # Fri 24 Apr + 2 working days: Tue 28 (Mon 27 off), Wed 29.
    assert due_after(cal, vn("2026-04-24T08:00"), 2, working_days=True, cutoff=CUTOFF) == vn(
        "2026-04-29T08:00"
    )


def test_days_excluding_holidays_lands_on_sunday_moves_to_monday(cal: WorkCalendar) -> None:
    assert due_after(cal, vn("2026-08-03T10:00"), 20, working_days=False, cutoff=END_OF_DAY) == vn(
        "2026-08-24T10:00"
    )


def test_days_excluding_holidays_skip_national_day_2026(cal: WorkCalendar) -> None:
    # 18–31 Aug count (14, the weekend and the swapped Monday too), 1–2 Sep are the
    # official days, 3–8 Sep count (6).
    due = due_after(cal, vn("2026-08-17T10:00"), 20, working_days=False, cutoff=END_OF_DAY)
    assert due == vn("2026-09-08T10:00")


def test_pension_across_tet_2026(cal: WorkCalendar) -> None:
    pension = ProcessingTime(20, TimeUnit.DAYS_EXCLUDING_HOLIDAYS)
    # Law 41/2024 Art. 79(3) read with the break notice: only the 05 official Tết days
    # 16–20/2 are left out, the weekends 14–15 and 21–22/2 count.
    due = appointment(cal, vn("2026-02-02T10:00"), pension, CUTOFF)
    assert due == vn("2026-02-27T10:00")


def test_pension_across_tet_2025(cal: WorkCalendar) -> None:
    pension = ProcessingTime(20, TimeUnit.DAYS_EXCLUDING_HOLIDAYS)
    # Mon 13/1/2025: 14/1–1/2 is 19 days, 5 official → 14 counted; day 20 is Fri 7/2.
    assert appointment(cal, vn("2025-01-13T09:00"), pension, CUTOFF) == vn("2025-02-07T09:00")


def test_pension_across_giong_to_and_labour_day_2026(cal: WorkCalendar) -> None:
    pension = ProcessingTime(20, TimeUnit.DAYS_EXCLUDING_HOLIDAYS)
    # Mon 20/4/2026: 26/4, 30/4, 1/5 are left out, 27/4 (nghỉ bù) counts → Wed 13/5.
    assert appointment(cal, vn("2026-04-20T09:00"), pension, CUTOFF) == vn("2026-05-13T09:00")


def test_completion_request_stops_the_clock(cal: WorkCalendar) -> None:
    received = vn("2026-03-02T09:00")
    assert appointment(cal, received, wd(5), CUTOFF) == vn("2026-03-09T09:00")
    paused = [(vn("2026-03-04T15:00"), vn("2026-03-06T10:00"))]
    # Tue 3 and Wed 4 used; the remaining three count from Fri 6: Mon 9, Tue 10, Wed 11.
    assert appointment(cal, received, wd(5), CUTOFF, paused) == vn("2026-03-11T10:00")


def test_completion_after_cutoff_resumes_next_working_day(cal: WorkCalendar) -> None:
    paused = [(vn("2026-03-04T15:00"), vn("2026-03-06T17:00"))]
    due = appointment(cal, vn("2026-03-02T09:00"), wd(5), CUTOFF, paused)
    assert due == vn("2026-03-12T16:30")


def test_open_completion_request_has_no_appointment(cal: WorkCalendar) -> None:
    paused = [(vn("2026-03-04T15:00"), None)]
    assert appointment(cal, vn("2026-03-02T09:00"), wd(5), CUTOFF, paused) is None


def test_pause_after_the_deadline_does_not_move_it(cal: WorkCalendar) -> None:
    paused = [(vn("2026-03-10T09:00"), vn("2026-03-12T09:00"))]
    due = appointment(cal, vn("2026-03-02T09:00"), wd(5), CUTOFF, paused)
    assert due == vn("2026-03-09T09:00")


def test_two_pauses_add_up(cal: WorkCalendar) -> None:
    paused = [
        (vn("2026-03-03T10:00"), vn("2026-03-05T10:00")),  # used Tue 3 → 4 left from Thu 5
        (vn("2026-03-06T10:00"), vn("2026-03-09T10:00")),  # used Fri 6 → 3 left from Mon 9
    ]
    due = appointment(cal, vn("2026-03-02T09:00"), wd(5), CUTOFF, paused)
    assert due == vn("2026-03-12T10:00")


def test_fixed_return_time(cal: WorkCalendar) -> None:
    due = appointment(cal, vn("2026-03-02T09:00"), wd(5), CUTOFF, return_time=dt.time(14, 0))
    assert due == vn("2026-03-09T14:00")


def test_utc_input_is_read_in_vietnam_time(cal: WorkCalendar) -> None:
    # 2026-03-02 23:30 UTC is Tue 3 Mar 06:30 in Vietnam.
    received = dt.datetime(2026, 3, 2, 23, 30, tzinfo=dt.UTC)
    assert appointment(cal, received, wd(1), CUTOFF) == vn("2026-03-04T06:30")


def test_2027_comes_from_the_library_until_announced(cal: WorkCalendar) -> None:
    assert not cal.is_working_day(D("2027-02-08"))  # Tết Đinh Mùi, mùng 1 = Sat 6/2/2027
    assert cal.is_holiday(D("2027-02-06")) and cal.is_holiday(D("2027-02-05"))
    assert cal.is_holiday(D("2027-11-24")) and not cal.is_working_day(D("2027-11-24"))
    # The library's compensatory days for Tết on a weekend are days off, not holidays.
    assert not cal.is_working_day(D("2027-02-10")) and not cal.is_holiday(D("2027-02-10"))
    assert cal.is_working_day(D("2027-03-01"))


# The official calendars written out by hand (Bộ Nội vụ's announcements for 2025 and
# 2026), independent of the JSON files and of the code that reads them: the weekdays
# off (holidays, swaps, compensatory days) and the Saturdays worked instead.
WEEKDAYS_OFF = {
    D(day)
    for day in (
        "2025-01-01", "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31",
        "2025-04-07", "2025-04-30", "2025-05-01", "2025-05-02", "2025-09-01", "2025-09-02",
        "2026-01-01", "2026-01-02", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19",
        "2026-02-20", "2026-04-27", "2026-04-30", "2026-05-01", "2026-08-31", "2026-09-01",
        "2026-09-02", "2026-11-24",
    )
}  # fmt: skip
SATURDAYS_WORKED = {D("2025-04-26"), D("2026-01-10"), D("2026-08-22")}


def official_working_day(day: dt.date) -> bool:
    return day in SATURDAYS_WORKED or (day.weekday() < 5 and day not in WEEKDAYS_OFF)


def test_the_loaded_calendar_is_the_official_one_day_by_day(cal: WorkCalendar) -> None:
    day = D("2025-01-01")
    while day.year < 2027:
        assert cal.is_working_day(day) == official_working_day(day), day
        day += dt.timedelta(days=1)


@settings(max_examples=300, deadline=None)
@given(
    received=st.datetimes(min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2026, 11, 13)),
    n=st.integers(min_value=0, max_value=30),
)
def test_due_is_a_working_day_exactly_n_working_days_later(received: dt.datetime, n: int) -> None:
    start = received.replace(microsecond=0, tzinfo=VN_TZ)  # the counter keeps whole seconds
    due = due_after(load_calendar(), start, n, working_days=True, cutoff=CUTOFF)
    # The oracle walks the hand-written calendar a day at a time. The count starts on
    # the day of receipt when it is a working day and the dossier came by the cutoff,
    # else on the next working day; the appointment keeps the time of receipt (at most
    # the cutoff) on the n-th working day after that.
    day = start.date()
    if not official_working_day(day) or start.time() > CUTOFF:
        day += dt.timedelta(days=1)
        while not official_working_day(day):
            day += dt.timedelta(days=1)
    for _ in range(n):
        day += dt.timedelta(days=1)
        while not official_working_day(day):
            day += dt.timedelta(days=1)
    assert due == dt.datetime.combine(day, min(start.time(), CUTOFF), tzinfo=VN_TZ)


@pytest.fixture
def calendars_copy(tmp_path: Path) -> Path:
    target = tmp_path / "cal"
    shutil.copytree(paths.RESOURCES / "calendars", target)
    (target / "schema.json").unlink()
    return target


def test_replacement_adds_an_announced_day_off(tmp_path: Path, calendars_copy: Path) -> None:
    store = CalendarStore(installed=tmp_path / "installed")
    assert store.current.is_working_day(D("2026-12-31"))
    data = json.loads((calendars_copy / "2026.json").read_text(encoding="utf-8"))
    data["days_off"].append({"date": "2026-12-31", "name": "Nghỉ thêm", "kind": "extra"})
    (calendars_copy / "2026.json").write_text(
        json.dumps(data, ensure_ascii=False), encoding="utf-8"
    )
    store.replace([calendars_copy / "2026.json"])
    assert not store.current.is_working_day(D("2026-12-31"))
    assert not store.current.is_working_day(D("2025-05-02"))  # other years kept
    assert not CalendarStore(installed=tmp_path / "installed").current.is_working_day(
        D("2026-12-31")
    )


def test_invalid_calendar_is_refused_and_the_old_one_kept(
    tmp_path: Path, calendars_copy: Path
) -> None:
    store = CalendarStore(installed=tmp_path / "installed")
    before = store.current
    file = calendars_copy / "2026.json"
    text = file.read_text(encoding="utf-8")
    line = text[: text.index('"2026-11-24"')].count("\n") + 1
    file.write_text(text.replace('"2026-11-24"', '"2026-11-31"'), encoding="utf-8")
    with pytest.raises(UserError) as err:
        store.replace(calendars_copy)
    assert err.value.kind is ErrorKind.CALENDAR_INVALID
    assert err.value.detail.startswith(f"2026.json:{line}:")
    assert store.current is before


def test_a_date_of_another_year_or_both_off_and_working_is_refused(calendars_copy: Path) -> None:
    file = calendars_copy / "2025.json"
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace('"date": "2025-04-26"', '"date": "2025-05-02"'), encoding="utf-8")
    with pytest.raises(UserError, match="also a day off"):
        load_calendar(calendars_copy)
    file.write_text(text.replace('"2025-04-07"', '"2024-04-07"'), encoding="utf-8")
    with pytest.raises(UserError, match=r"2025\.json:\d+: days_off/5: dates must be in 2025"):
        load_calendar(calendars_copy)
