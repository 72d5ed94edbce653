"""Dates as Vietnamese administrative papers write them (Decree 30/2020)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.services.forms.dates import vn_date, vn_time_date
from app.services.forms.layout import place_date
from app.services.forms.model import Agency


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 1, 5), "ngày 05 tháng 01 năm 2026"),  # month 1-2 and day < 10: zero
        (dt.date(2026, 2, 28), "ngày 28 tháng 02 năm 2026"),
        (dt.date(2026, 3, 9), "ngày 09 tháng 3 năm 2026"),  # months from 3 on: no zero
        (dt.date(2026, 12, 24), "ngày 24 tháng 12 năm 2026"),
    ],
)
def test_vn_date(day: dt.date, expected: str) -> None:
    assert vn_date(day) == expected


def test_time_then_date() -> None:
    assert vn_time_date(dt.datetime(2026, 3, 5, 8, 5)) == "08 giờ 05 phút, ngày 05 tháng 3 năm 2026"


def test_place_date_leaves_blanks_without_a_date() -> None:
    agency = Agency(name="X", place="Đà Nẵng")
    assert place_date(agency, dt.date(2026, 3, 5)) == "Đà Nẵng, ngày 05 tháng 3 năm 2026"
    assert place_date(agency, None).startswith("Đà Nẵng, ngày …")
