"""Life events ingested per second on PostgreSQL, over HTTP, as the health portal posts.

Side by side in one run on the same server and database: the same certificates
posted through ``POST /api/v1/life-events`` (validate, match against the register,
route, append to the office's feed, one transaction each) by several concurrent
senders, against the server's floor for one authenticated request of that size (the
health endpoint: HTTP + JSON only). Needs ``MOTCUA_TEST_PG_URL`` (scripts/postgres.sh).

    python -m bench.life_events [--events 2000] [--senders 8] [--people 20000]
"""

from __future__ import annotations

import argparse
import secrets
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

from central import security
from central.db import open_central
from central.life_events.samples import sample_events
from central.life_events.tables import PortalClient
from central.seed import seed
from testkit.central_server import CentralProcess, fresh_pg_database, pg_url_from_env


def _post_all(url: str, headers: dict[str, str], docs: list[dict[str, Any]], senders: int) -> float:
    chunks = [docs[i::senders] for i in range(senders)]

    def send(chunk: list[dict[str, Any]]) -> int:
        ok = 0
        with httpx.Client(base_url=url, headers=headers, timeout=30) as http:
            for doc in chunk:
                answer = http.post("/api/v1/life-events", json=doc)
                ok += answer.status_code == 200
        return ok

    started = time.perf_counter()
    with ThreadPoolExecutor(senders) as pool:
        accepted = sum(pool.map(send, chunks))
    elapsed = time.perf_counter() - started
    if accepted != len(docs):
        raise SystemExit(f"only {accepted} of {len(docs)} accepted")
    return elapsed


def _floor(url: str, count: int, senders: int) -> float:
    def ping(n: int) -> None:
        with httpx.Client(base_url=url, timeout=30) as http:
            for _ in range(n):
                http.get("/api/v1/health").raise_for_status()

    started = time.perf_counter()
    with ThreadPoolExecutor(senders) as pool:
        list(pool.map(ping, [count // senders] * senders))
    return time.perf_counter() - started


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--senders", type=int, default=8)
    parser.add_argument("--people", type=int, default=20000)
    args = parser.parse_args(argv)
    base = pg_url_from_env()
    if base is None:
        print("MOTCUA_TEST_PG_URL is not set (scripts/postgres.sh start)", file=sys.stderr)
        return 2
    with fresh_pg_database(base) as url:
        db = open_central(url)
        secret = secrets.token_urlsafe(16)
        with db.session() as s:
            seed(s, args.people)
            client = PortalClient(name="bench", secret_hash=security.digest(secret))
            s.add(client)
            s.flush()
            headers = {"X-MotCua-Portal": client.id, "Authorization": f"Bearer {secret}"}
            docs = sample_events(s, args.events // 2, args.events - args.events // 2, seed=9)
        for i, doc in enumerate(docs):  # unique numbers: every post is a new certificate
            doc["certificate_number"] = f"B{i:09d}"
        db.dispose()
        with CentralProcess(url) as server:
            server_url = f"http://127.0.0.1:{server.port}"
            elapsed = _post_all(server_url, headers, docs, args.senders)
            floor = _floor(server_url, len(docs), args.senders)
    rate = len(docs) / elapsed
    floor_rate = len(docs) / floor
    print(f"{'figure':<52} {'value':>12}")
    print(f"{'life events ingested (PostgreSQL, HTTP)':<52} {rate:>9.0f} /s")
    print(f"{'floor: authenticated-size requests (health)':<52} {floor_rate:>9.0f} /s")
    print(f"{'ratio to the floor':<52} {rate / floor_rate:>12.2f}")
    print(
        f"{'register size (people) / events / senders':<52} {args.people:>6}/{len(docs)}/{args.senders}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
