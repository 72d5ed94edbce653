"""Leased dossier serials and BHXH dossier numbers on a real central server."""

from __future__ import annotations

import datetime as dt
import re

from central_helpers import Device, dossier_item

from app.shared import wire
from central.seed import DEMO_OFFICE
from testkit.central_server import RunningCentral

DAY = "2026-03-02"


def _lease(device: Device, count: int, office: str | None = None, day: str = DAY):  # type: ignore[no-untyped-def]
    return device.http.post(
        f"/offices/{office or device.office}/serials/lease", json={"day": day, "count": count}
    )


def test_two_counters_of_an_office_get_disjoint_blocks(central: RunningCentral) -> None:
    one, two = Device(central, DEMO_OFFICE, 1), Device(central, DEMO_OFFICE, 2)
    blocks = [_lease(d, 50).json() for d in (one, two, one)]
    serials = [n for b in blocks for n in range(b["first"], b["last"] + 1)]
    assert len(serials) == len(set(serials)) == 150
    assert (blocks[0]["first"], blocks[2]["last"]) == (1, 150)
    other_day = _lease(one, 10, day="2026-03-03").json()
    assert other_day["first"] == 1


def test_the_leasable_range_ends_at_4999_then_refuses(device: Device) -> None:
    last = None
    for _ in range(10):
        answer = _lease(device, 500)
        assert answer.status_code == 200, answer.text
        last = answer.json()["last"]
    assert last == 4999
    refused = _lease(device, 500)
    assert refused.status_code == 409 and refused.json()["reason"] == "serials_exhausted"


def test_a_counter_leases_only_for_its_own_office(device: Device) -> None:
    answer = _lease(device, 10, office="000.00.01.H01")
    assert answer.status_code == 403 and answer.json()["reason"] == "office_mismatch"


def test_each_new_dossier_gets_a_bhxh_number_once(device: Device) -> None:
    first, second = dossier_item(ref=1), dossier_item(ref=2)
    assert [r.outcome for r in device.results(first, second)] == ["created", "created"]
    assert [r.outcome for r in device.results(first)] == ["duplicate"]
    feed = wire.ChangesPage.model_validate(device.changes().json())
    numbers = {
        c.data.dossier_id: c.data.number
        for c in feed.changes
        if isinstance(c.data, wire.BhxhNumberWire)
    }
    assert numbers == {
        first.dossier.id: f"00001/2026/{DEMO_OFFICE}",
        second.dossier.id: f"00002/2026/{DEMO_OFFICE}",
    }
    assert all(re.fullmatch(r"\d{5}/2026/.+", n) for n in numbers.values())


def test_one_push_numbers_each_year_in_its_own_sequence_in_push_order(device: Device) -> None:
    # 18:00 UTC on 31 December is already 1 January in the office (UTC+7).
    new_year = dt.datetime(2026, 12, 31, 18, 0, tzinfo=dt.UTC)

    def received_at(item: wire.DossierItem, when: dt.datetime) -> wire.DossierItem:
        dossier = item.dossier.model_copy(update={"submitted_at": when})
        return item.model_copy(update={"dossier": dossier})

    items = [dossier_item(ref=n) for n in range(1, 5)]
    items[1], items[3] = received_at(items[1], new_year), received_at(items[3], new_year)
    assert {r.outcome for r in device.results(*items)} == {"created"}
    feed = wire.ChangesPage.model_validate(device.changes().json())
    numbers = [
        (c.data.dossier_id, c.data.number)
        for c in feed.changes
        if isinstance(c.data, wire.BhxhNumberWire)
    ]
    assert numbers == [
        (items[0].dossier.id, f"00001/2026/{DEMO_OFFICE}"),
        (items[1].dossier.id, f"00001/2027/{DEMO_OFFICE}"),
        (items[2].dossier.id, f"00002/2026/{DEMO_OFFICE}"),
        (items[3].dossier.id, f"00002/2027/{DEMO_OFFICE}"),
    ]
