"""The counter's sync engine against a real central service: what an officer would see."""

from __future__ import annotations

import datetime as dt
import random
import time
from pathlib import Path

import pytest
from conftest import MemoryKeyring
from sqlalchemy import select
from sync_helpers import Counter, assert_exactly_once, server_rows

from app.errors import ErrorKind
from app.services.storage.db import Database
from app.services.storage.models import Dossier, DossierEvent, KeyValue, Officer, OutboxItem
from app.services.sync import engine as engine_module
from app.services.sync.credentials import KeyringStore
from app.services.sync.engine import backoff_delay
from app.services.sync.pull import WATERMARK_KEY
from central import security
from central.seed import DEMO_OFFICE
from testkit.central_server import RunningCentral, free_port


def _move(central: RunningCentral, dossier_id: str, *steps: str) -> None:
    with central.admin() as admin:
        for step in steps:
            answer = admin.post(
                f"/api/v1/backoffice/dossiers/{dossier_id}/status", json={"to_status": step}
            )
            assert answer.status_code == 200, answer.text


def test_dossiers_queued_offline_arrive_exactly_once(
    central: RunningCentral, counter: Counter
) -> None:
    ids = counter.queue(300)
    offline = counter.engine(url=f"http://127.0.0.1:{free_port()}").sync_once()
    assert offline.error is not None and offline.error.kind == ErrorKind.SERVER_UNREACHABLE
    assert counter.outbox() == {"pending": 300 * 3}  # citizen, dossier, event each

    engine = counter.engine(batch_size=40)
    report = engine.sync_once()
    assert report.error is None, report.error
    assert counter.outbox() == {"sent": 900}
    assert_exactly_once(central, ids)
    assert len(server_rows(central, "citizen")) == 300
    again = engine.sync_once()
    assert (again.push.sent, again.push.duplicates) == (0, 0)
    status = engine.status()
    assert (status.pending, status.rejected, status.last_error) == (0, 0, None)
    assert status.last_success_at is not None


def test_server_down_keeps_items_pending_with_the_reason(counter: Counter) -> None:
    counter.queue(2)
    engine = counter.engine(url=f"http://127.0.0.1:{free_port()}")
    engine.sync_once()
    engine.sync_once()
    with counter.db.session() as s:
        items = list(s.scalars(select(OutboxItem)))
    assert {i.state for i in items} == {"pending"}
    assert {i.attempts for i in items} == {2}
    assert all("server_unreachable" in i.last_error for i in items)
    status = engine.status()
    assert status.last_error is not None and status.last_error.kind == ErrorKind.SERVER_UNREACHABLE
    assert status.pending == 6 and status.last_success_at is None


def test_credentials_are_in_the_keyring_and_nowhere_on_disk(
    counter: Counter, memory_keyring: MemoryKeyring, motcua_home: Path
) -> None:
    credentials = KeyringStore().load()
    assert credentials is not None and credentials.office_code == DEMO_OFFICE
    assert ("MotCua", "central-device") in memory_keyring.entries
    assert credentials.secret not in repr(credentials)
    counter.engine().sync_once()
    for path in motcua_home.rglob("*"):
        if path.is_file():
            assert credentials.secret.encode() not in path.read_bytes(), path


def test_result_ready_comes_back_and_a_later_change_goes_up(
    central: RunningCentral, counter: Counter
) -> None:
    [dossier_id] = counter.queue(1)
    engine = counter.engine()
    engine.sync_once()
    _move(central, dossier_id, "in_processing", "result_ready")
    report = engine.sync_once()
    assert report.error is None and report.pull.dossiers == 2
    with counter.db.session() as s:
        dossier = s.get(Dossier, dossier_id)
        assert dossier is not None and (dossier.status, dossier.row_version) == ("result_ready", 3)
        events = s.scalars(
            select(DossierEvent.to_status).where(DossierEvent.dossier_id == dossier_id)
        ).all()
        assert sorted(events) == ["in_processing", "received", "result_ready"]
        assert s.get(KeyValue, WATERMARK_KEY) is not None
        # The officer hands the result over: a local change at version 4.
        dossier.status = "returned"
        from app.services.storage.outbox import enqueue

        enqueue(s, "dossier", dossier_id)
    report = engine.sync_once()
    assert report.error is None and report.push.sent == 1
    [stored] = [r for r in server_rows(central, "dossier") if r.id == dossier_id]
    assert (stored.status, stored.row_version) == ("returned", 4)


def test_officer_accounts_arrive_and_removed_ones_are_deactivated(
    central: RunningCentral, counter: Counter
) -> None:
    engine = counter.engine()
    engine.sync_once()
    with counter.db.session() as s:
        names = set(s.scalars(select(Officer.username).where(Officer.active)))
    assert {"demo", "giamsat"} <= names
    with central.admin() as admin:
        assert admin.delete("/api/v1/backoffice/officers/giamsat").status_code == 204
    engine.sync_once()
    with counter.db.session() as s:
        active = s.scalar(select(Officer.active).where(Officer.username == "giamsat"))
    assert active is False


def test_conflict_reason_reaches_the_officer_and_others_still_sync(
    central: RunningCentral, counter: Counter
) -> None:
    first, _second = counter.queue(2)
    engine = counter.engine()
    engine.sync_once()
    _move(central, first, "in_processing")  # server: version 2
    with counter.db.session() as s:  # counter, before pulling: its own version 2
        dossier = s.get(Dossier, first)
        assert dossier is not None
        dossier.notes = "sửa tại quầy"
        from app.services.storage.outbox import enqueue

        enqueue(s, "dossier", first)
    counter.queue(1, seed=99)
    report = engine.sync_once()
    assert report.error is not None and report.error.kind == ErrorKind.SYNC_REJECTED
    [rejected] = engine.rejected_items()
    assert rejected.entity_id == first and "409" in rejected.reason
    assert "based on version 1" in rejected.reason  # the back office moved it since
    assert engine.status().rejected == 1 and engine.status().pending == 0
    assert len(server_rows(central, "dossier")) == 3


def test_wrong_office_in_settings_pushes_nothing(central: RunningCentral, counter: Counter) -> None:
    counter.queue(1)
    engine = counter.engine()
    engine.config = engine_module.SyncConfig(counter.url, "000.00.79.H79", demo=True)
    report = engine.sync_once()
    assert report.error is not None and report.error.kind == ErrorKind.SYNC_OFFICE_MISMATCH
    assert server_rows(central, "dossier") == []


def test_revoked_counter_is_told_so(central: RunningCentral, counter: Counter) -> None:
    counter.queue(1)
    with central.db.session() as s:
        security.revoke_devices(s, DEMO_OFFICE, 1)
    engine = counter.engine()
    report = engine.sync_once()
    assert report.error is not None and report.error.kind == ErrorKind.SYNC_REVOKED
    assert counter.outbox() == {"pending": 3}
    assert engine.status().last_error is report.error


def test_not_enrolled_counter_says_so(db: Database, memory_keyring: MemoryKeyring) -> None:
    engine = engine_module.SyncEngine(
        db, engine_module.SyncConfig("http://127.0.0.1:9", DEMO_OFFICE), store=KeyringStore()
    )
    report = engine.sync_once()
    assert report.error is not None and report.error.kind == ErrorKind.SYNC_NOT_ENROLLED
    assert engine.status().enrolled is False


def test_clock_skew_is_reported_but_sync_goes_on(
    central: RunningCentral, counter: Counter, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = counter.queue(2)
    real = engine_module.utcnow
    monkeypatch.setattr(engine_module, "utcnow", lambda: real() - dt.timedelta(hours=2))
    engine = counter.engine()
    report = engine.sync_once()
    assert report.error is not None and report.error.kind == ErrorKind.SYNC_CLOCK_SKEW
    assert report.clock_skew_seconds is not None and 7000 < report.clock_skew_seconds < 7400
    assert_exactly_once(central, ids)


def test_background_loop_syncs_on_demand(central: RunningCentral, counter: Counter) -> None:
    seen = []
    engine = counter.engine(interval=3600.0)
    engine.on_status = seen.append
    engine.start()
    try:
        ids = counter.queue(5)
        engine.sync_now()
        deadline = time.monotonic() + 30
        while engine.status().pending and time.monotonic() < deadline:
            time.sleep(0.05)
            engine.sync_now()
    finally:
        engine.stop()
    assert engine.status().pending == 0
    assert_exactly_once(central, ids)
    assert any(s.running for s in seen) and not seen[-1].running


def test_backoff_grows_to_the_cap_with_jitter() -> None:
    rng = random.Random(3)
    delays = [[backoff_delay(n, 2.0, 300.0, rng) for _ in range(200)] for n in range(12)]
    assert all(0 <= d <= min(300.0, 2.0 * 2**n) for n, row in enumerate(delays) for d in row)
    assert max(delays[0]) < 2.0 < max(delays[5])
    assert len({round(d, 6) for d in delays[11]}) > 150  # jittered, not in step
