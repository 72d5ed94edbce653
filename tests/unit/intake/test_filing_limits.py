"""Filing limits from the shipped catalog: warnings with days left or passed."""

from __future__ import annotations

import datetime as dt

import pytest

from app.services.catalog import Catalog
from app.services.catalog.filing import FilingState, check_procedure, describe
from app.services.catalog.store import BUILTIN

D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load(BUILTIN)


@pytest.mark.parametrize(
    ("code", "event", "today", "state", "days"),
    [
        ("TU-TUAT", "2026-01-10", "2026-03-01", FilingState.IN_TIME, 40),  # due 10/4
        ("TU-TUAT", "2026-01-10", "2026-04-05", FilingState.LAST_DAYS, 5),
        ("TU-TUAT", "2026-01-10", "2026-04-10", FilingState.LAST_DAYS, 0),  # the last day
        ("TU-TUAT", "2026-01-10", "2026-04-13", FilingState.PASSED, 3),
        ("MAI-TANG", "2026-01-10", "2026-04-11", FilingState.PASSED, 1),
        ("THAI-SAN", "2026-02-01", "2026-03-01", FilingState.IN_TIME, 32),  # due 2/4
        ("THAI-SAN", "2026-02-01", "2026-04-10", FilingState.PASSED, 8),
        ("LUONG-HUU", "2026-06-01", "2026-05-01", FilingState.TOO_EARLY, 11),  # from 12/5
        ("LUONG-HUU", "2026-06-01", "2026-05-12", FilingState.IN_TIME, 20),
        ("LUONG-HUU", "2026-06-01", "2026-06-15", FilingState.IN_TIME, 0),  # after: fine
    ],
)
def test_limits(  # type: ignore[no-untyped-def]
    catalog, code: str, event: str, today: str, state: FilingState, days: int
) -> None:
    check = check_procedure(catalog.get(code), D(event), D(today))
    assert check is not None
    assert (check.state, check.days) == (state, days)


def test_the_officer_reads_days_passed_and_the_last_day(catalog: Catalog) -> None:
    check = check_procedure(catalog.get("TU-TUAT"), D("2026-01-10"), D("2026-04-13"))
    assert check is not None and check.warns
    text = describe(check)
    assert "Đã quá thời hạn nộp 90 ngày kể từ ngày chết 3 ngày (hạn cuối 10/04/2026)" in text
    early = check_procedure(catalog.get("LUONG-HUU"), D("2026-06-01"), D("2026-05-01"))
    assert early is not None
    assert "chỉ được nộp trước ngày nghỉ hưu tối đa 20 ngày, tức từ 12/05/2026" in describe(early)
    maternity = check_procedure(catalog.get("THAI-SAN"), D("2026-02-01"), D("2026-03-01"))
    assert maternity is not None and "(thời hạn chưa xác nhận)" in describe(maternity)


def test_procedures_without_a_limit(catalog: Catalog) -> None:
    assert check_procedure(catalog.get("603"), D("2026-01-01"), D("2026-03-01")) is None
