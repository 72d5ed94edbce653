"""Sync benchmark: a counter's backlog pushed to a real server, and central ingest.

1. 1,000 dossiers queued offline on one counter, pushed over loopback by the sync
   engine to ``motcua-central serve`` in its own process (goal: under 10 s).
2. 50 simulated counters pushing at once (threads, one HTTP client each): dossiers per
   second ingested by the central service, beside a raw psycopg insert of the same
   rows in the same run (goal: ratio ≥ 0.5, issue #12): into a table of the same shape
   and indexes as ``synced_rows``, one connection per counter, one transaction per push.

PostgreSQL when ``MOTCUA_TEST_PG_URL`` is set (``scripts/postgres.sh start``); otherwise
SQLite, and the raw baseline is a sqlite3 insert (printed as such).
Run: ``.venv/bin/python -m bench.sync``.
"""

from __future__ import annotations

import datetime as dt
import http.client as http_client
import json
import os
import statistics
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from app.services.security.permissions import SYSTEM_ADMIN
from app.services.storage.db import open_database
from app.services.sync.client import CentralClient
from app.services.sync.credentials import MemoryStore
from app.services.sync.engine import SyncConfig, SyncEngine
from app.services.sync.enroll import enroll
from app.shared import wire
from central import security
from central.db import open_central
from central.seed import DEMO_OFFICE, seed
from testkit.central_server import (
    CHEAP_HASHER,
    CentralProcess,
    fresh_pg_database,
    pg_url_from_env,
)
from testkit.counter_sim import queue_dossiers, setup_counter

BACKLOG = 1000
COUNTERS = 50
PER_COUNTER = 200  # dossiers each simulated counter pushes (4 pushes: a run long enough to measure)
BATCH = 50  # dossiers per push request
WORKERS = max(1, min(4, os.cpu_count() or 1))  # server processes, as deployed: one per core
T0 = dt.datetime(2026, 3, 2, 8, 30, tzinfo=dt.UTC)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


@contextmanager
def database(folder: Path, name: str) -> Iterator[tuple[str, str]]:
    """(URL, label): a fresh PostgreSQL database when configured, else SQLite."""
    pg = pg_url_from_env()
    if pg:
        with fresh_pg_database(pg) as url:
            yield url, "PostgreSQL"
    else:
        yield f"sqlite:///{folder / f'{name}.sqlite3'}", "SQLite"


def prepare(url: str, counters: int) -> list[str]:
    """Seed, and one enrollment code per simulated counter, spread over three offices
    (each code for a distinct counter: re-enrolling a counter revokes its old device)."""
    offices = [DEMO_OFFICE, "000.00.01.H01", "000.00.79.H79"]
    db = open_central(url, pool_size=2)
    with db.session() as s:
        seed(s, 20, hasher=CHEAP_HASHER)
        codes = [
            security.create_enrollment_code(s, offices[n % 3], n // 3 + 1) for n in range(counters)
        ]
    db.dispose()
    return codes


def backlog(url: str, folder: Path) -> dict[str, Any]:
    """Part 1: the sync engine pushing 1,000 queued dossiers."""
    [code] = prepare(url, 1)
    latencies: list[float] = []

    class TimedClient(CentralClient):
        def push(self, office: str, items: list[Any]) -> wire.PushResponse:
            started = time.perf_counter()
            try:
                return super().push(office, items)
            finally:
                latencies.append(time.perf_counter() - started)

    with CentralProcess(url, log_path=folder / "central-1.log") as server:
        store = MemoryStore()
        enroll(server.url, code, store=store, actor=SYSTEM_ADMIN, demo=True)
        db = open_database(folder / "counter.sqlite3")
        queue_dossiers(db, setup_counter(db, DEMO_OFFICE, 1), BACKLOG, seed=1)
        engine = SyncEngine(
            db,
            SyncConfig(server.url, DEMO_OFFICE, demo=True),
            store=store,
            client_factory=TimedClient,
        )
        started = time.perf_counter()
        report = engine.sync_once()
        elapsed = time.perf_counter() - started
        db.dispose()
    assert report.error is None, report.error
    assert report.push.sent == BACKLOG * 2  # dossiers and their citizens
    return {"seconds": elapsed, "requests": latencies}


def dossier_items(office: str, count: int) -> list[wire.DossierItem]:
    items = []
    for n in range(count):
        did = str(uuid.uuid4())
        row: dict[str, Any] = {"row_version": 1, "created_at": T0, "updated_at": T0}
        items.append(
            wire.DossierItem(
                ref=n,
                dossier=wire.DossierWire(
                    id=did, code=f"{office}-260302-{uuid.uuid4().hex[:8]}",
                    lookup_code=uuid.uuid4().hex[:10], office_code=office, counter_number=1,
                    citizen_id=str(uuid.uuid4()), officer_id=str(uuid.uuid4()),
                    procedure_code="603", catalog_version="2026.1", status="received",
                    submitted_at=T0, form_data={"benefit_level": 4}, **row,
                ),
                documents=[
                    wire.DossierDocumentWire(
                        id=str(uuid.uuid4()), dossier_id=did, position=p, name=f"Giấy tờ {p + 1}",
                        originals=1, received=True, **row,
                    )
                    for p in range(3)
                ],
                events=[
                    wire.DossierEventWire(
                        id=str(uuid.uuid4()), dossier_id=did, at=T0, to_status="received", **row
                    )
                ],
            )
        )  # fmt: skip
    return items


def rows_of(item: wire.DossierItem) -> list[tuple[Any, ...]]:
    """The rows the central service stores for one dossier item (for the raw baseline)."""
    from central.ingest import rows_of as central_rows

    office = item.dossier.office_code
    return [
        (r.entity, r.id, office, r.parent_id, r.row_version, r.content_hash, r.data, r.status, r.code)
        for r in central_rows(item)
    ]  # fmt: skip


def concurrent(workers: int, job: Callable[[int], list[float]]) -> tuple[float, list[float]]:
    results: list[list[float]] = [[] for _ in range(workers)]
    barrier = threading.Barrier(workers + 1)

    def run(n: int) -> None:
        barrier.wait()
        results[n] = job(n)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(workers)]
    for t in threads:
        t.start()
    barrier.wait()
    started = time.perf_counter()
    for t in threads:
        t.join()
    return time.perf_counter() - started, [x for r in results for x in r]


def ingest(url: str, folder: Path) -> dict[str, Any]:
    """Part 2: 50 counters pushing at once, and the raw insert of the same rows."""
    codes = prepare(url, COUNTERS)
    # Sized as central/README.md says: enough connections per worker for the requests it
    # serves at once (each push holds one), so none waits for or churns a connection.
    pool = -(-COUNTERS // WORKERS)
    with CentralProcess(
        url, log_path=folder / "central-2.log", workers=WORKERS, pool=pool
    ) as server:
        devices = [
            wire.EnrollResponse.model_validate(
                httpx.post(f"{server.url}/api/v1/enroll", json={"code": c}).json()
            )
            for c in codes
        ]
        work = [dossier_items(d.office_code, PER_COUNTER) for d in devices]
        # Bodies encoded beforehand: the counters' own CPU is not what is measured.
        bodies = [
            [
                wire.PushRequest(items=list(items[i : i + BATCH])).model_dump_json().encode()  # type: ignore[arg-type]
                for i in range(0, len(items), BATCH)
            ]
            for items in work
        ]

        def headers_of(d: wire.EnrollResponse) -> dict[str, str]:
            return {
                wire.DEVICE_HEADER: d.device_id,
                "Authorization": f"Bearer {d.secret}",
                "Content-Type": "application/json",
            }

        # Warm-up (not timed): every device and worker connection has served once.
        for d in devices:
            warm = wire.PushRequest(items=dossier_items(d.office_code, 1)).model_dump_json()  # type: ignore[arg-type]
            httpx.post(
                f"{server.url}/api/v1/offices/{d.office_code}/push",
                content=warm.encode(),
                headers=headers_of(d),
            ).raise_for_status()

        def counter(n: int) -> list[float]:
            # A plain keep-alive connection: the counters' own CPU is not what is
            # measured, and on a shared machine a heavier client would take it from
            # the server (the raw baseline's client is a bare psycopg connection).
            d = devices[n]
            headers = headers_of(d)
            path = f"/api/v1/offices/{d.office_code}/push"
            latencies = []
            http = http_client.HTTPConnection("127.0.0.1", server.port, timeout=120)
            try:
                for body in bodies[n]:
                    started = time.perf_counter()
                    http.request("POST", path, body=body, headers=headers)
                    answer = http.getresponse()
                    text = answer.read()
                    latencies.append(time.perf_counter() - started)
                    results = json.loads(text)["results"]
                    assert answer.status == 200, text[:300]
                    assert all(r["outcome"] == "created" for r in results), text[:300]
            finally:
                http.close()
            return latencies

        central_seconds, latencies = concurrent(COUNTERS, counter)
    raw_seconds, raw_label = raw_insert(url, [[rows_of(i) for i in items] for items in work])
    total = COUNTERS * PER_COUNTER
    return {
        "dossiers": total,
        "central_rate": total / central_seconds,
        "raw_rate": total / raw_seconds,
        "raw_label": raw_label,
        "requests": latencies,
    }


# synced_rows' secondary indexes: the raw table maintains what central's table does.
INDEXES = (
    "CREATE INDEX ix_bench_raw_office_entity ON bench_raw (office_code, entity)",
    "CREATE INDEX ix_bench_raw_parent ON bench_raw (parent_id)",
)


def raw_insert(url: str, per_counter: list[list[list[tuple[Any, ...]]]]) -> tuple[float, str]:
    """The same rows straight into a table of the same shape and indexes, same
    concurrency (one connection per counter) and batches (one transaction per push)."""

    columns = "entity, id, office_code, parent_id, row_version, content_hash, data, status, code"
    create = (
        "CREATE TABLE bench_raw (entity VARCHAR(20), id VARCHAR(36), office_code VARCHAR(40), "
        "parent_id VARCHAR(36), row_version INTEGER, content_hash VARCHAR(64), data {json}, "
        "status VARCHAR(30), code VARCHAR(60), PRIMARY KEY (entity, id))"
    )

    def batches(n: int) -> Iterator[list[tuple[Any, ...]]]:
        dossiers = per_counter[n]
        for i in range(0, len(dossiers), BATCH):
            yield [
                (*r[:6], json.dumps(r[6], ensure_ascii=False), *r[7:])
                for d in dossiers[i : i + BATCH]
                for r in d
            ]

    if url.startswith("postgresql"):
        import psycopg

        dsn = url.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(create.format(json="JSON"))
            for statement in INDEXES:
                conn.execute(statement)

        def job(n: int) -> list[float]:
            with psycopg.connect(dsn) as conn:
                for rows in batches(n):
                    with conn.transaction(), conn.cursor() as cur:
                        cur.executemany(
                            f"INSERT INTO bench_raw ({columns}) VALUES "
                            "(%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                            rows,
                        )
            return []

        seconds, _ = concurrent(COUNTERS, job)
        return seconds, "raw psycopg insert"

    import sqlite3

    path = url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        conn.execute(create.format(json="TEXT"))
        for statement in INDEXES:
            conn.execute(statement)
    lock = threading.Lock()  # one writer at a time, as SQLite allows

    def sqlite_job(n: int) -> list[float]:
        conn = sqlite3.connect(path, timeout=60)
        try:
            for rows in batches(n):
                with lock, conn:
                    conn.executemany(
                        f"INSERT INTO bench_raw ({columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        rows,
                    )
        finally:
            conn.close()
        return []

    seconds, _ = concurrent(COUNTERS, sqlite_job)
    return seconds, "raw sqlite3 insert"


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="motcua-bench-sync-") as tmp:
        folder = Path(tmp)
        with database(folder, "backlog") as (url, label):
            part1 = backlog(url, folder)
        with database(folder, "ingest") as (url, _):
            part2 = ingest(url, folder)

    ms = [x * 1000 for x in part1["requests"]]
    ms2 = [x * 1000 for x in part2["requests"]]
    ratio = part2["central_rate"] / part2["raw_rate"]
    lines = [
        ("database", label, ""),
        (f"backlog of {BACKLOG} dossiers: sync time", f"{part1['seconds']:.2f} s", "goal < 10 s"),
        ("  push requests", f"{len(ms)}", ""),
        ("  push request median / p99", f"{statistics.median(ms):.0f} / {percentile(ms, 99):.0f} ms", ""),
        (f"ingest, {COUNTERS} counters × {PER_COUNTER} dossiers", f"{part2['central_rate']:.0f} dossiers/s", f"{WORKERS} server process(es), pool {-(-COUNTERS // WORKERS)}"),
        ("  push request median / p99", f"{statistics.median(ms2):.0f} / {percentile(ms2, 99):.0f} ms", ""),
        (f"  {part2['raw_label']}, same rows", f"{part2['raw_rate']:.0f} dossiers/s", ""),
        ("  central / raw", f"{ratio:.2f}", "goal ≥ 0.5"),
    ]  # fmt: skip
    width = max(len(a) for a, _, _ in lines)
    print(f"{'measure':<{width}}  {'value':>22}  note")
    for name, value, note in lines:
        print(f"{name:<{width}}  {value:>22}  {note}")


if __name__ == "__main__":
    main()
