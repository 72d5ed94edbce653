"""Dossier serials leased through the sync engine, and BHXH's dossier number coming back."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import select
from sync_helpers import Counter

from app.services import dossier_codes
from app.services.calendar.days import local
from app.services.storage.db import open_database
from app.services.storage.models import Dossier
from app.services.sync import serial_leases
from app.shared.types import utcnow
from central.seed import DEMO_OFFICE
from testkit.central_server import RunningCentral, free_port

PATTERN = "{agency}-{yymmdd}-{seq:04d}"


def _issue(counter: Counter, how_many: int) -> list[str]:
    today = local(utcnow()).date()
    number = counter.setup.counter_number
    codes = []
    for _ in range(how_many):
        with counter.db.session() as s:
            code, _ = dossier_codes.next_dossier_code(s, PATTERN, DEMO_OFFICE, number, today)
        codes.append(code)
    return codes


def test_counters_lease_while_online_and_use_their_reserve_offline(
    central: RunningCentral, counter: Counter, tmp_path: Path
) -> None:
    second_db = open_database(tmp_path / "counter2.sqlite3")
    try:
        second = Counter.enrolled(central, second_db, DEMO_OFFICE, 2)
        for c in (counter, second):
            assert c.engine().sync_once().error is None
        today = local(utcnow()).date()
        assert serial_leases.remaining(counter.db, DEMO_OFFICE, today) == serial_leases.LEASE_SIZE
        online = _issue(counter, 40) + _issue(second, 40)
        # Both lost the network: each goes on with the rest of its block, then its stripe.
        unreachable = f"http://127.0.0.1:{free_port()}"
        assert counter.engine(url=unreachable).sync_once().error is not None
        offline = _issue(counter, 20) + _issue(second, 20)
        codes = online + offline
        assert len(set(codes)) == 120
        serials = [int(code.rsplit("-", 1)[1]) for code in codes]
        assert all(len(code.rsplit("-", 1)[1]) == 4 for code in codes)
        assert serials[:80] == [*range(1, 41), *range(51, 91)]  # blocks 1–50 and 51–100
        # Offline: the rest of each block, then each counter's own reserve stripe.
        assert serials[80:100] == [*range(41, 51), *range(5001, 5011)]
        assert serials[100:] == [*range(91, 101), *range(5556, 5566)]
        # Back online: the next sync tops the block up again.
        assert counter.engine().sync_once().error is None
        assert serial_leases.remaining(counter.db, DEMO_OFFICE, today) >= serial_leases.LOW_WATER
    finally:
        second_db.dispose()


def test_bhxh_dossier_number_comes_back_with_the_pull(
    central: RunningCentral, counter: Counter
) -> None:
    ids = counter.queue(3)
    engine = counter.engine()
    assert engine.sync_once().error is None
    assert engine.sync_once().error is None  # the numbers are pulled after the push
    with counter.db.session() as s:
        numbers = {i: n for i, n in s.execute(select(Dossier.id, Dossier.bhxh_number))}
    assert set(numbers) == set(ids)
    assert all(
        re.fullmatch(rf"\d{{5}}/\d{{4}}/{re.escape(DEMO_OFFICE)}", n) for n in numbers.values()
    )
    assert len(set(numbers.values())) == 3
    with counter.db.session() as s:  # a central field: nothing queued to push back
        assert counter.outbox().get("pending", 0) == 0
