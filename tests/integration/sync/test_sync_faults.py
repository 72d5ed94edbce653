"""Faults the sync must survive with nothing lost and nothing twice (checked server-side)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import random
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import pg_or_skip
from sqlalchemy import text
from sync_helpers import Counter, assert_exactly_once, server_rows

from app.services.security.permissions import SYSTEM_ADMIN
from app.services.storage.db import Database, open_database
from app.services.storage.models import Attachment, Citizen
from app.services.storage.outbox import enqueue, pending_count
from app.services.sync.client import CentralClient
from app.services.sync.credentials import MemoryStore
from app.services.sync.engine import SyncConfig, SyncEngine
from app.services.sync.enroll import enroll
from app.shared import paths
from central import security
from central.db import CentralDatabase, open_central
from central.models import Blob
from central.seed import DEMO_OFFICE, seed
from testkit.central_server import (
    CHEAP_HASHER,
    REPO,
    CentralProcess,
    FaultyProxy,
    RunningCentral,
    fresh_pg_database,
)
from testkit.counter_sim import queue_dossiers, setup_counter

WORKER = Path(__file__).with_name("sync_worker.py")


def _sync_until_done(engine: SyncEngine, db: Database, rounds: int = 300) -> None:
    for _ in range(rounds):
        engine.sync_once()
        with db.session() as s:
            if pending_count(s) == 0:
                return
    pytest.fail("the outbox never emptied")


def _prepared_central(url: str) -> tuple[CentralDatabase, str]:
    central_db = open_central(url, pool_size=2)
    with central_db.session() as s:
        seed(s, 20, hasher=CHEAP_HASHER)
        code = security.create_enrollment_code(s, DEMO_OFFICE, 1)
    return central_db, code


def _counter(db: Database, url: str, code: str, on_push: Callable[[int], None]) -> SyncEngine:
    """An enrolled counter whose n-th push request first calls ``on_push(n)``: the fault
    is injected while the sync is under way, whatever the machine's speed."""
    store = MemoryStore()
    enroll(url, code, store=store, actor=SYSTEM_ADMIN, demo=True)
    setup_counter(db, DEMO_OFFICE, 1)
    calls = [0]

    class HookedClient(CentralClient):
        def push(self, office: str, items: list[Any]) -> Any:
            calls[0] += 1
            on_push(calls[0])
            return super().push(office, items)

    return SyncEngine(
        db,
        SyncConfig(url, DEMO_OFFICE, batch_size=20, demo=True),
        store=store,
        client_factory=HookedClient,
    )


def _attachment(db: Database, content: bytes) -> str:
    sha = hashlib.sha256(content).hexdigest()
    path = paths.attachments_dir() / sha[:2] / sha
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    with db.session() as s:
        citizen = Citizen(
            id_number="001090000001", full_name="Phạm Văn Thử", name_folded="pham van thu"
        )
        s.add(citizen)
        s.flush()
        attachment = Attachment(
            citizen_id=citizen.id, sha256=sha, mime_type="application/pdf", size=len(content),
            filename="to-khai.pdf",
        )  # fmt: skip
        s.add(attachment)
        s.flush()
        enqueue(s, "attachment", attachment.id)
        return attachment.id


def test_proxy_dropping_delaying_and_resetting_loses_nothing(
    central: RunningCentral, counter: Counter
) -> None:
    ids = counter.queue(150)
    # several chunks of a file central recognises as the PDF it is declared to be
    content = b"%PDF-1.7\n" + random.Random(5).randbytes(3 * 1024 * 1024 + 8)
    attachment_id = _attachment(counter.db, content)
    with FaultyProxy(central.port, drop=0.3, reset=0.2, delay=0.3, seed=11) as proxy:
        engine = counter.engine(url=proxy.url, batch_size=10)
        _sync_until_done(engine, counter.db)
        assert proxy.faults > 0
    assert_exactly_once(central, ids)
    [stored] = server_rows(central, "attachment")
    assert stored.id == attachment_id
    with central.db.session() as s:
        blob = s.get(Blob, (DEMO_OFFICE, hashlib.sha256(content).hexdigest()))
        assert blob is not None and blob.complete and blob.received == len(content)


def test_central_restarted_mid_sync(tmp_path: Path, db: Database) -> None:
    central_db, code = _prepared_central(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    url = central_db.engine.url.render_as_string()
    restarts: list[threading.Thread] = []
    with CentralProcess(url, log_path=tmp_path / "central.log") as server:

        def on_push(n: int) -> None:
            if n in (3, 6, 9):  # restart while this request is on its way
                restarts.append(threading.Thread(target=server.restart))
                restarts[-1].start()
                time.sleep(0.05)

        engine = _counter(db, server.url, code, on_push)
        ids = queue_dossiers(db, setup_counter(db, DEMO_OFFICE, 1), 400, seed=3)
        try:
            _sync_until_done(engine, db)
        finally:
            for thread in restarts:
                thread.join()
    assert len(restarts) == 3
    assert_exactly_once(central_db, ids)
    central_db.dispose()


@pytest.mark.postgres
def test_postgres_restarted_mid_sync(tmp_path: Path, db: Database) -> None:
    base = pg_or_skip()
    outcome: list[int] = []
    with fresh_pg_database(base) as url:
        central_db, code = _prepared_central(url)
        try:
            with CentralProcess(url, log_path=tmp_path / "central.log") as server:
                restart = threading.Thread(
                    target=lambda: outcome.append(
                        subprocess.run(
                            ["bash", str(REPO / "scripts" / "postgres.sh"), "restart"],
                            capture_output=True,
                        ).returncode
                    )
                )

                def on_push(n: int) -> None:
                    if n == 4:
                        restart.start()
                        time.sleep(0.05)

                engine = _counter(db, server.url, code, on_push)
                ids = queue_dossiers(db, setup_counter(db, DEMO_OFFICE, 1), 400, seed=4)
                try:
                    _sync_until_done(engine, db)
                finally:
                    restart.join()
            if outcome != [0]:
                message = (
                    "this PostgreSQL is not managed by scripts/postgres.sh (cannot restart it)"
                )
                if os.environ.get("MOTCUA_REQUIRE_PG") == "1":
                    pytest.fail(message)
                pytest.skip(message)
            assert_exactly_once(central_db, ids)
        finally:
            central_db.dispose()  # also when skipped: no connection left open


def test_counter_killed_at_random_points_then_restarted(
    tmp_path: Path, central: RunningCentral, counter: Counter
) -> None:
    ids = counter.queue(300, seed=8)
    credentials = counter.store.load()
    assert credentials is not None
    db_path = Path(str(counter.db.engine.url.database))
    counter.db.dispose()
    env = dict(
        os.environ,
        PYTHONPATH=str(REPO),
        MOTCUA_TEST_CREDENTIALS=json.dumps(dataclasses.asdict(credentials)),
    )
    command = [sys.executable, str(WORKER), str(db_path), central.url, DEMO_OFFICE]
    rng = random.Random(21)
    kills = 0
    for _ in range(8):
        worker = subprocess.Popen(command, env=env, cwd=REPO)
        try:
            worker.wait(rng.uniform(0.8, 2.5))  # imports take ≈1 s: kill during sync
        except subprocess.TimeoutExpired:
            worker.kill()  # SIGKILL: no clean-up of any kind
            worker.wait()
            kills += 1
        else:
            break
    final = subprocess.run(command, env=env, cwd=REPO, timeout=300)
    assert final.returncode == 0
    assert kills >= 1
    assert_exactly_once(central, ids)
    db = open_database(db_path)
    try:
        with db.session() as s:
            assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert pending_count(s) == 0
    finally:
        db.dispose()
