"""Dossier codes: the standard shape, per-counter blocks, no repeats, look-up codes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from intake_factories import OFFICE_CODE
from sqlalchemy import select

from app.services import dossier_codes
from app.services.storage.db import open_database
from app.services.storage.models import DossierSequence

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


def test_code_has_the_standard_shape() -> None:
    code = dossier_codes.format_code(PATTERN, "000.17.22.H56", dt.date(2021, 5, 31), 1001)
    assert code == "000.17.22.H56-210531-1001"
    long = dossier_codes.format_code(
        "{agency}-{yyyymmdd}-{seq:07d}", "G09.20", dt.date(2026, 6, 9), 92637
    )
    assert long == "G09.20-20260609-0092637"


def test_two_offline_counters_issue_a_thousand_codes_each_without_a_duplicate(
    tmp_path: Path,
) -> None:
    first = issue(tmp_path / "counter1.sqlite3", 1, 1000)
    second = issue(tmp_path / "counter2.sqlite3", 2, 1000)
    assert len(set(first) | set(second)) == 2000
    assert first[0] == f"{OFFICE_CODE}-260302-1001" and first[998].endswith("-1999")
    assert second[0].endswith("-2001")
    # The 1000th of the day overflows into a wider number that is still the counter's own.
    assert first[999].endswith("-11001") and second[999].endswith("-12001")


def test_every_counter_block_is_disjoint() -> None:
    seen: dict[int, tuple[int, int]] = {}
    for counter in range(1, 10):
        for k in range(1, 3000):
            seq = dossier_codes.sequence_number(counter, k)
            assert seq not in seen, (counter, k, seen.get(seq))
            seen[seq] = (counter, k)
    assert all(
        1001 <= dossier_codes.sequence_number(c, k) <= 9999 for c in range(1, 10) for k in (1, 999)
    )


def test_a_new_day_starts_again(db) -> None:
    with db.session() as s:
        a, _ = dossier_codes.next_dossier_code(s, PATTERN, OFFICE_CODE, 3, DAY)
        b, _ = dossier_codes.next_dossier_code(
            s, PATTERN, OFFICE_CODE, 3, DAY + dt.timedelta(days=1)
        )
    assert a.endswith("260302-3001") and b.endswith("260303-3001")


def test_a_rolled_back_save_gives_its_number_back_unseen(db) -> None:
    class Boom(Exception):
        pass

    try:
        with db.session() as s:
            dossier_codes.next_dossier_code(s, PATTERN, OFFICE_CODE, 1, DAY)
            raise Boom
    except Boom:
        pass
    with db.session() as s:
        code, _ = dossier_codes.next_dossier_code(s, PATTERN, OFFICE_CODE, 1, DAY)
        rows = s.scalars(select(DossierSequence)).all()
    assert code.endswith("-1001")
    assert [r.last_value for r in rows] == [1]


def test_lookup_codes_are_unambiguous_and_random() -> None:
    codes = {dossier_codes.random_lookup_code() for _ in range(5000)}
    assert len(codes) == 5000
    assert all(len(c) == 8 and not set(c) & set("01OIL") for c in codes)
    assert dossier_codes.looks_like_lookup_code(" abcd-2345 ".replace("a", "A"))
    assert not dossier_codes.looks_like_lookup_code("ABCD0123")
