"""The fictitious register: card-profile people, number layouts, look-up and its log."""

from __future__ import annotations

import datetime as dt
import re

from central_helpers import Device
from sqlalchemy import select

from app.shared import wire
from central.models import AccessLog
from central.seed import card_profiles, generate
from testkit.central_server import RunningCentral


def _lookup(device: Device, **body: object) -> wire.LookupResult:
    body.setdefault("purpose", "tiếp nhận hồ sơ")
    response = device.http.post("/citizens/lookup", json=body)
    assert response.status_code == 200, response.text
    return wire.LookupResult.model_validate(response.json())


def test_every_virtual_card_holder_is_in_the_register(device: Device) -> None:
    holders = card_profiles()
    assert holders, "resources/cards/*.json should hold at least one Vietnamese ID card"
    for holder in holders:
        result = _lookup(
            device,
            id_number=holder["id_number"],
            full_name=holder["full_name"],
            date_of_birth=holder["birth"],
        )
        assert result.found and result.verified, holder["id_number"]
        assert result.person is not None and result.person.full_name == holder["full_name"]
        assert re.fullmatch(r"\d{10}", result.bhxh_number)


def test_lookup_says_which_fields_do_not_match(device: Device) -> None:
    holder = card_profiles()[0]
    result = _lookup(
        device,
        id_number=holder["id_number"],
        full_name="Tên Khác Hẳn",
        date_of_birth=holder["birth"],
    )
    assert result.found and not result.verified
    assert result.mismatches == ["full_name"]


def test_the_id_number_alone_or_with_nothing_matching_finds_no_one(
    central: RunningCentral, device: Device
) -> None:
    holder = card_profiles()[0]
    alone = device.http.post(
        "/citizens/lookup", json={"id_number": holder["id_number"], "purpose": "tra cứu"}
    )
    assert alone.status_code == 422
    result = _lookup(
        device,
        id_number=holder["id_number"],
        full_name="Tên Khác Hẳn",
        date_of_birth="1999-01-01",
        officer_id="officer-7",
        purpose="tiếp nhận hồ sơ 603",
    )
    assert not result.found and result.person is None and result.household is None
    with central.db.session() as s:
        [entry] = s.scalars(select(AccessLog))
    assert (entry.outcome, entry.officer_id, entry.purpose) == (
        "not_matched", "officer-7", "tiếp nhận hồ sơ 603",
    )  # fmt: skip


def test_lookups_per_device_are_rate_limited(device: Device) -> None:
    holder = card_profiles()[0]
    body = {"id_number": holder["id_number"], "full_name": holder["full_name"], "purpose": "x" * 5}
    statuses = [device.http.post("/citizens/lookup", json=body).status_code for _ in range(61)]
    assert statuses[:60] == [200] * 60 and statuses[60] == 429


def test_household_and_health_cards_in_both_forms(device: Device) -> None:
    holder = next(h for h in card_profiles() if h.get("spouse"))
    other = _lookup(device, id_number=holder["id_number"], full_name=holder["full_name"])
    assert other.found and other.household is None  # not for a procedure without it
    result = _lookup(
        device, id_number=holder["id_number"], full_name=holder["full_name"], procedure_code="603"
    )
    assert result.household is not None
    assert {m.full_name for m in result.household.members} >= {
        holder["full_name"],
        holder["spouse"],
    }
    [card] = result.cards
    assert re.fullmatch(r"[A-Z]{2}[1-5]\d{2}\d{10}", card.card_number)
    assert card.card_number.endswith(card.short_number) and card.short_number == result.bhxh_number


def test_unknown_id_is_not_found_and_every_lookup_is_logged(
    central: RunningCentral, device: Device
) -> None:
    result = _lookup(device, id_number="001099999999", full_name="Không Có")
    assert not result.found and not result.verified
    with central.db.session() as s:
        logged = list(s.scalars(select(AccessLog)))
    assert [(e.device_id, e.action, e.outcome) for e in logged] == [
        (device.credentials.device_id, "citizen_lookup", "not_found")
    ]


def test_generated_population_follows_the_id_layout_and_is_repeatable() -> None:
    homes = generate(3000, seed=7)
    people = [p for h in homes for p in h.members]
    assert len(people) >= 3000
    assert generate(3000, seed=7)[-1].members[0].id_number == homes[-1].members[0].id_number
    ids = [p.id_number for p in people]
    assert len(set(ids)) == len(ids)
    for p in people:
        assert re.fullmatch(r"\d{12}", p.id_number)
        century_sex = int(p.id_number[3])
        assert century_sex == (0 if p.date_of_birth.year < 2000 else 2) + (p.sex == "Nữ")
        assert p.id_number[4:6] == f"{p.date_of_birth.year % 100:02d}"
        assert p.date_of_birth <= dt.date(2026, 12, 31)
    assert all(sum(m.relation == "Chủ hộ" for m in h.members) == 1 for h in homes)
