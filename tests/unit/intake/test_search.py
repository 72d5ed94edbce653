"""Finding dossiers the way officers type: codes, ID numbers, names without accents."""

from __future__ import annotations

import datetime as dt

import pytest
from intake_factories import Env, person, vn
from sqlalchemy import update

from app.services.dossiers import IntakeRequest, ReceivedPaper, create_dossier
from app.services.lifecycle import DeadlineRules, transition
from app.services.search import (
    DossierQuery,
    fold,
    parse_receipt_qr,
    rebuild_name_index,
    search_dossiers,
)
from app.services.storage.models import Citizen, Dossier

PEOPLE = ["Nguyễn Văn An", "Trần Thị Bình", "Đặng Đức Chung", "Nguyễn Thị Anh Đào"]


@pytest.fixture
def saved(env: Env) -> list[Dossier]:
    out = []
    for i, name in enumerate(PEOPLE):
        code = "603" if i % 2 == 0 else "610"
        out.append(
            create_dossier(
                env.db,
                IntakeRequest(
                    person(i + 1, name),
                    env.catalog.get(code),
                    {"tk1ts": ReceivedPaper(originals=1)},
                    env.officer,
                    env.counter,
                    env.office,
                    env.settings,
                    env.calendar,
                    env.catalog.version,
                    now=vn(f"2026-03-0{i + 2}T09:00"),
                ),
            )
        )
    return out


def names(env: Env, **query) -> list[str]:
    with env.db.session() as s:
        return [r.citizen_name for r in search_dossiers(s, DossierQuery(**query))]


def test_fold() -> None:
    assert fold("  Đặng   ĐỨC Chung ") == "dang duc chung"
    assert fold("Nguyễn Thị Ánh") == "nguyen thi anh"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("nguyen van a", ["Nguyễn Văn An"]),
        ("NGUYEN", ["Nguyễn Thị Anh Đào", "Nguyễn Văn An"]),
        ("dang duc", ["Đặng Đức Chung"]),  # đ typed as d
        ("Đặng Đức", ["Đặng Đức Chung"]),  # or with the accents
        ("anh dao", ["Nguyễn Thị Anh Đào"]),  # words in the middle, any order
        ("binh tran", ["Trần Thị Bình"]),
        ("le van", []),
    ],
)
def test_name_search_without_diacritics(env: Env, saved, typed: str, expected: list[str]) -> None:
    assert names(env, text=typed) == expected


def test_by_codes_and_id_number(env: Env, saved: list[Dossier]) -> None:
    target = saved[2]
    assert names(env, text=target.code) == ["Đặng Đức Chung"]
    assert names(env, text=target.lookup_code.lower()) == ["Đặng Đức Chung"]
    assert names(env, text=person(3).id_number) == ["Đặng Đức Chung"]
    assert names(env, text=f"MOTCUA|{target.code}|{target.lookup_code}") == ["Đặng Đức Chung"]
    assert names(env, text=f"MOTCUA|{target.code}|{saved[0].lookup_code}") == []  # mismatched pair
    assert len(names(env, text="000.00.00.H99-2603")) == 4  # code prefix


def test_filters(env: Env, saved: list[Dossier]) -> None:
    assert names(env, procedure_code="610") == ["Nguyễn Thị Anh Đào", "Trần Thị Bình"]
    assert names(env, received_from=dt.date(2026, 3, 3), received_to=dt.date(2026, 3, 4)) == [
        "Đặng Đức Chung",
        "Trần Thị Bình",
    ]
    rules = DeadlineRules(env.calendar, env.settings.cutoff_time)
    with env.db.session() as s:
        d = s.get(Dossier, saved[0].id)
        assert d is not None
        transition(s, d, "in_processing", env.officer.id, now=vn("2026-03-03T08:00"), rules=rules)
    assert names(env, statuses=("in_processing",)) == ["Nguyễn Văn An"]
    assert names(env, text="nguyen", statuses=("received",)) == ["Nguyễn Thị Anh Đào"]


def test_paging_newest_first(env: Env, saved: list[Dossier]) -> None:
    with env.db.session() as s:
        first = search_dossiers(s, DossierQuery(), limit=3)
        rest = search_dossiers(s, DossierQuery(), limit=3, offset=3)
    assert [r.citizen_name for r in first + rest] == list(reversed(PEOPLE))


def test_index_follows_name_changes_and_rebuilds(env: Env, saved: list[Dossier]) -> None:
    with env.db.session() as s:
        s.execute(
            update(Citizen)
            .where(Citizen.id_number == person(1).id_number)
            .values(full_name="Nguyễn Văn Bảo", name_folded=fold("Nguyễn Văn Bảo"))
        )
    assert names(env, text="van bao") == ["Nguyễn Văn Bảo"]
    assert names(env, text="nguyen van an") == []
    with env.db.session() as s:
        rebuild_name_index(s)
    assert names(env, text="van bao") == ["Nguyễn Văn Bảo"]


def test_receipt_qr_parsing() -> None:
    assert parse_receipt_qr("MOTCUA|000.00.00.H99-260302-1001|abcd2345") == (
        "000.00.00.H99-260302-1001",
        "ABCD2345",
    )
    assert parse_receipt_qr("motcua|x") is None
    assert parse_receipt_qr("001090012345") is None


def test_odd_input_does_not_break_the_query(env: Env, saved: list[Dossier]) -> None:
    for typed in ['"', "a OR b", "NEAR(", "*", "-", "''; drop table dossiers", "%_"]:
        names(env, text=typed)  # no exception
    assert len(names(env)) == 4
