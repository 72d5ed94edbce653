"""Dates as the forms write them (Decree 30/2020/NĐ-CP): days below 10 and months
1-2 with a leading zero, "ngày 05 tháng 3 năm 2026"."""

from __future__ import annotations

import datetime as dt


def _day(value: int) -> str:
    return f"{value:02d}"


def _month(value: int) -> str:
    return f"{value:02d}" if value <= 2 else str(value)


def vn_date(day: dt.date) -> str:
    """ "ngày 05 tháng 3 năm 2026" (leading zero for days < 10 and months 1-2)."""
    return f"ngày {_day(day.day)} tháng {_month(day.month)} năm {day.year}"


def vn_time_date(moment: dt.datetime) -> str:
    """ "08 giờ 30 phút, ngày 05 tháng 3 năm 2026"."""
    return f"{moment.hour:02d} giờ {moment.minute:02d} phút, {vn_date(moment.date())}"


def short_date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def short_datetime(moment: dt.datetime) -> str:
    return moment.strftime("%H:%M %d/%m/%Y")
