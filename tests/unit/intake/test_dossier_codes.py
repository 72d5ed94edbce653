"""Dossier codes: the standard shape, leased serials, the per-counter offline reserve,
no repeats, look-up codes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from intake_factories import OFFICE_CODE
from sqlalchemy import select

from app.errors import ErrorKind, UserError
from app.services import dossier_codes
from app.services.storage.db import open_database
from app.services.storage.models import DossierSequence
from app.services.sync import serial_leases

DAY = dt.date(2026, 3, 2)
PATTERN = "{agency}-{yymmdd}-{seq:04d}"


def issue(path: Path, counter: int, how_many: int) -> list[str]:
    """A counter's own database (offline), issuing codes one transaction each."""
    db = open_database(path)
    codes = []
    for _ in range(how_many):
        with db.session() as s:
            code, _ = dossier_codes.next_dossier_code(s, PATTERN, OFFICE_CODE, counter, DAY)
        codes.append(code)
    db.dispose()
    return codes


def lease(db, first: int, last: int, day: dt.date = DAY) -> None:
    """A block as central leased it (the sync's top-up stores it the same way)."""
    serial_leases.store(db, OFFICE_CODE, day, first, last)


def test_code_has_the_standard_shape() -> None:
    code = dossier_codes.format_code(PATTERN, "000.00.00.H99", dt.date(2021, 5, 31), 1)
    assert code == "000.00.00.H99-210531-0001"
    long = dossier_codes.format_code(
        "{agency}-{yyyymmdd}-{seq:07d}", "G09.20", dt.date(2026, 6, 9), 92637
    )
    assert long == "G09.20-20260609-0092637"


def test_two_offline_counters_never_collide_and_stay_four_digits(tmp_path: Path) -> None:
    first = issue(tmp_path / "counter1.sqlite3", 1, 555)
    second = issue(tmp_path / "counter2.sqlite3", 2, 555)
    assert len(set(first) | set(second)) == 1110
    assert first[0] == f"{OFFICE_CODE}-260302-5001" and first[-1].endswith("-5555")
    assert second[0].endswith("-5556") and second[-1].endswith("-6110")
    assert all(len(code.rsplit("-", 1)[1]) == 4 for code in first + second)


def test_every_reserve_stripe_is_disjoint_and_outside_the_leased_range() -> None:
    seen: dict[int, tuple[int, int]] = {}
    for counter in range(1, 10):
        for k in range(1, dossier_codes.RESERVE_STRIPE + 1):
            serial = dossier_codes.reserve_serial(counter, k)
            assert serial not in seen, (counter, k, seen.get(serial))
            assert dossier_codes.LEASED_LAST < serial <= 9995
            seen[serial] = (counter, k)
    assert len(seen) == 4995


def test_an_exhausted_reserve_refuses_instead_of_repeating(db) -> None:
    with db.session() as s:
        for _ in range(dossier_codes.RESERVE_STRIPE):
            dossier_codes.next_dossier_code(s, PATTERN, OFFICE_CODE, 9, DAY)
    with pytest.raises(UserError) as refused, db.session() as s:
        dossier_codes.next_dossier_code(s, PATTERN, OFFICE_CODE, 9, DAY)
    assert refused.value.kind is ErrorKind.SERIALS_EXHAUSTED


def test_leased_serials_go_first_and_stay_four_digits_past_999(db) -> None:
    lease(db, 1, 600)
    lease(db, 601, 1200)
    with db.session() as s:
        codes = [
            dossier_codes.next_dossier_code(s, PATTERN, OFFICE_CODE, 1, DAY)[0] for _ in range(1100)
        ]
    assert len(set(codes)) == 1100
    assert codes[0].endswith("-0001") and codes[999].endswith("-1000")
    assert codes[-1].endswith("-1100")
    assert all(len(code.rsplit("-", 1)[1]) == 4 for code in codes)


def test_an_exhausted_lease_falls_back_to_the_reserve(db) -> None:
    lease(db, 41, 43)
    with db.session() as s:
        serials = [
            dossier_codes.next_dossier_code(s, PATTERN, OFFICE_CODE, 2, DAY)[1] for _ in range(5)
        ]
    assert serials == [41, 42, 43, 5556, 5557]
    assert serial_leases.remaining(db, OFFICE_CODE, DAY) == 0


def test_a_lease_of_another_day_is_not_used(db) -> None:
    lease(db, 1, 50, DAY - dt.timedelta(days=1))
    with db.session() as s:
        _code, serial = dossier_codes.next_dossier_code(s, PATTERN, OFFICE_CODE, 3, DAY)
    assert serial == 6111


def test_a_new_day_starts_again(db) -> None:
    with db.session() as s:
        a, _ = dossier_codes.next_dossier_code(s, PATTERN, OFFICE_CODE, 3, DAY)
        b, _ = dossier_codes.next_dossier_code(
            s, PATTERN, OFFICE_CODE, 3, DAY + dt.timedelta(days=1)
        )
    assert a.endswith("260302-6111") and b.endswith("260303-6111")


def test_a_rolled_back_save_gives_its_number_back_unseen(db) -> None:
    class Boom(Exception):
        pass

    lease(db, 1, 10)
    for _ in range(2):
        try:
            with db.session() as s:
                dossier_codes.next_dossier_code(s, PATTERN, OFFICE_CODE, 1, DAY)
                dossier_codes.next_dossier_code(s, PATTERN, OFFICE_CODE, 1, DAY + dt.timedelta(1))
                raise Boom
        except Boom:
            pass
    with db.session() as s:
        code, _ = dossier_codes.next_dossier_code(s, PATTERN, OFFICE_CODE, 1, DAY)
        reserve, _ = dossier_codes.next_dossier_code(
            s, PATTERN, OFFICE_CODE, 1, DAY + dt.timedelta(1)
        )
        rows = s.scalars(select(DossierSequence)).all()
    assert code.endswith("-0001") and reserve.endswith("-5001")
    assert [r.last_value for r in rows] == [1]


def test_lookup_codes_are_unambiguous_and_random() -> None:
    codes = {dossier_codes.random_lookup_code() for _ in range(5000)}
    assert len(codes) == 5000
    assert all(len(c) == 8 and not set(c) & set("01OIL") for c in codes)
    assert dossier_codes.looks_like_lookup_code(" abcd-2345 ".replace("a", "A"))
    assert not dossier_codes.looks_like_lookup_code("ABCD0123")
