"""Back-office work queue on 500,000 dossiers (PostgreSQL): one page < 300 ms.

The work-queue index (``dossier_queue``) is filled with 500,000 fictitious dossiers,
350,000 of them in the busiest office (the worst case: every filter scans one office),
the rest spread over nine others. Each figure is the median and p95 of full HTTP page
requests (session check, query, count, Jinja2 rendering of 50 rows) through the real
ASGI application, beside the bare SQL of the same page in the same run (baseline).

Needs ``MOTCUA_TEST_PG_URL`` (``scripts/postgres.sh start``).
Run: ``.venv/bin/python -m bench.backoffice_queue`` (``--dossiers N`` for a smaller run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import statistics
import sys
import time
import uuid
from collections.abc import Callable

from sqlalchemy import insert, text

from app.shared.folding import fold
from app.shared.types import utcnow
from central.db import open_central
from central.models import DossierQueueEntry, Office
from central.seed import DEMO_OFFICE, seed
from central.web import auth, queue
from central.web.queue_index import NO_DUE
from testkit.central_server import CHEAP_HASHER, fresh_pg_database, pg_url_from_env

TARGET_MS = 300.0
BUSY_SHARE = 0.7
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Ngọc", "Thanh", "Quốc", "Đức"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hùng", "Lan", "Nhung", "Phúc", "Sơn"]
STATUSES = ["received"] * 3 + ["in_processing"] * 4 + ["completion_requested"] + [
    "result_ready", "returned", "returned", "returned",
]  # fmt: skip
PROCEDURES = ["602", "603", "607", "608", "610", "612"]


def _fill(db_url: str, total: int) -> list[str]:
    db = open_central(db_url, pool_size=2)
    rng = random.Random(17)
    now = utcnow()
    with db.session() as s:
        seed(s, 0, hasher=CHEAP_HASHER)
        offices = [DEMO_OFFICE] + [f"000.00.{i:02d}.H{i:02d}" for i in range(10, 19)]
        for code in offices[1:]:
            if s.get(Office, code) is None:
                s.add(Office(code=code, name=f"BHXH cơ sở {code}"))
        auth.create_staff(
            s, CHEAP_HASHER, username="bench", full_name="Cán bộ đo", role=auth.OFFICE_HEAD,
            offices=[DEMO_OFFICE], password="mat-khau-do-hieu-nang",
        )  # fmt: skip
    table = DossierQueueEntry.__table__
    batch: list[dict[str, object]] = []
    start = time.perf_counter()
    for i in range(total):
        office = DEMO_OFFICE if rng.random() < BUSY_SHARE else rng.choice(offices[1:])
        submitted = now - dt.timedelta(minutes=rng.randint(0, 60 * 24 * 400))
        status = rng.choice(STATUSES)
        due = None if status == "completion_requested" else submitted + dt.timedelta(days=5)
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        batch.append(
            dict(
                dossier_id=str(uuid.UUID(int=rng.getrandbits(128))), office_code=office,
                code=f"{office}-{submitted:%y%m%d}-{i:07d}", lookup_code=f"{i:08d}",
                status=status, procedure_code=rng.choice(PROCEDURES),
                counter_number=rng.randint(1, 9), submitted_at=submitted, due_at=due,
                due_sort=due or NO_DUE, citizen_id="", id_number=f"{rng.randint(0, 10**12 - 1):012d}",
                full_name=name, name_folded=fold(name), missing="", updated_at=now,
            )
        )  # fmt: skip
        if len(batch) == 10_000:
            with db.engine.begin() as conn:
                conn.execute(insert(table), batch)
            batch.clear()
    if batch:
        with db.engine.begin() as conn:
            conn.execute(insert(table), batch)
    with db.engine.begin() as conn:
        conn.execute(text("ANALYZE dossier_queue"))
    print(f"filled {total:,} dossiers in {time.perf_counter() - start:.0f} s")
    db.dispose()
    return offices


def _measure(func: Callable[[], object], runs: int) -> tuple[float, float]:
    func()  # warm
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        func()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser()
    args.add_argument("--dossiers", type=int, default=500_000)
    args.add_argument("--runs", type=int, default=20)
    opts = args.parse_args(argv)
    base = pg_url_from_env()
    if base is None:
        print("MOTCUA_TEST_PG_URL is not set (scripts/postgres.sh start)", file=sys.stderr)
        return 2
    from fastapi.testclient import TestClient

    from central.api import create_app

    with fresh_pg_database(base) as url:
        _fill(url, opts.dossiers)
        db = open_central(url, pool_size=4)
        client = TestClient(create_app(db), base_url="https://bench")
        login = client.get("/backoffice/login")
        csrf = re.search(r'name="csrf" value="([^"]+)"', login.text).group(1)  # type: ignore[union-attr]
        client.post("/backoffice/login", data={"csrf": csrf, "username": "bench",
                                                "password": "mat-khau-do-hieu-nang"})  # fmt: skip
        first = client.get("/backoffice/queue")
        assert first.status_code == 200 and "hồ sơ" in first.text
        cursor = re.search(r"after=([A-Za-z0-9_-]+)", first.text)
        deep = cursor.group(1) if cursor else ""
        cases = {
            "open dossiers, nearest due first": {},
            "newest first, all statuses": {"sort": "new", "status": "all"},
            "one procedure + status + counter": {"procedure": "603", "status": "in_processing",
                                                 "counter": "3"},
            "late only": {"late": "1"},
            "name without diacritics": {"q": "nguyen van hung"},
            "one word of a name": {"q": "nhung"},
            "ID number": {"q": "000123456789"},
            "dossier code prefix": {"q": f"{DEMO_OFFICE}-25"},
            "next page (keyset)": {"after": deep},
        }  # fmt: skip
        print(f"\nwork queue, {opts.dossiers:,} dossiers, busiest office "
              f"~{int(opts.dossiers * BUSY_SHARE):,}; median / p95 of {opts.runs} runs")  # fmt: skip
        print(f"{'case':36} {'page ms':>16} {'bare SQL ms':>16}")
        worst = 0.0
        for name, params in cases.items():
            page_med, page_p95 = _measure(
                lambda p=params: client.get("/backoffice/queue", params=p), opts.runs
            )
            f = queue.QueueFilter(
                office=DEMO_OFFICE, procedure=params.get("procedure", ""),
                status=params.get("status", ""),
                counter=int(params["counter"]) if "counter" in params else None,
                late=params.get("late") == "1", search=params.get("q", ""),
                sort=params.get("sort", "due"), after=params.get("after", ""),
            )  # fmt: skip

            def bare(f: queue.QueueFilter = f) -> None:
                with db.session() as s:
                    queue.page(s, f)

            sql_med, sql_p95 = _measure(bare, opts.runs)
            worst = max(worst, page_p95)
            print(f"{name:36} {page_med:7.1f} / {page_p95:6.1f} {sql_med:7.1f} / {sql_p95:6.1f}")
        verdict = "met" if worst < TARGET_MS else "MISSED"
        print(f"\nworst p95 page: {worst:.0f} ms (target < {TARGET_MS:.0f} ms): {verdict}")
        db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
