"""``make soak``: counters, a back office and a hostile network; nothing may be lost.

Central runs on PostgreSQL in its own process, behind two fault injectors on
127.0.0.1: a TCP proxy that drops, resets and delays connections, in front of an HTTP
proxy with a 1 MB body limit (answering 413) that also answers some requests 502.
Several counters (subprocesses, each its own encrypted-less SQLite database) take in
dossiers, attach scans of several upload chunks to some, edit some, and sync, while
they are SIGKILLed many times: at random moments, and at targeted points
(``bench._soak_kills``: after the local commit, between outbox rows, with a push in
flight, after central committed but before the acknowledgement is recorded, halfway
through recording it, mid-upload of an attachment); meanwhile the back office moves dossiers to "in processing" and "result
ready" straight at central. Then each counter syncs until nothing is pending.

It prints one table and exits non-zero unless lost = duplicated = silently
overwritten = 0:
- created: dossiers in the counters' databases; present: of those, on central;
  attachments likewise, present only with their whole content uploaded (lost counts
  both);
- duplicated: one dossier code stored under several ids, or dossiers or attachments
  central has that no counter created;
- conflicts surfaced: outbox entries marked ``conflict`` (the officer's list);
- silently overwritten: a back-office status at central undone (a dossier it moved
  back in an intake status), or a counter change central acknowledged but does not
  hold.

``python -m bench.soak [--counters N] [--dossiers N] [--seconds S] [--db URL]``;
the database is ``--db``, else ``MOTCUA_TEST_PG_URL`` (a fresh database is made in it).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter as Tally
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select

from app.services.security.permissions import SYSTEM_ADMIN
from app.services.storage.db import open_database
from app.services.storage.models import Attachment, Dossier, OutboxItem
from app.services.sync.credentials import MemoryStore
from app.services.sync.enroll import enroll
from app.shared.ownership import BACK_OFFICE_STATUSES
from bench import _soak_kills
from central import security
from central.db import open_central
from central.models import Blob, SyncedRow
from central.seed import DEMO_OFFICE, seed
from testkit.central_server import (
    CHEAP_HASHER,
    REPO,
    CentralProcess,
    FaultyProxy,
    fresh_pg_database,
)
from testkit.http_faults import HttpFaults

AFTER_BACK_OFFICE = BACK_OFFICE_STATUSES | {"returned"}


@dataclasses.dataclass
class Figures:
    created: int = 0
    present: int = 0
    lost: int = 0
    duplicated: int = 0
    conflicts: int = 0
    overwritten: int = 0
    kills: int = 0  # from outside, at random moments
    targeted: Tally[str] = dataclasses.field(default_factory=Tally)  # point → kills
    attachments: int = 0
    attachments_present: int = 0
    back_office_moves: int = 0
    proxy_413: int = 0
    proxy_502: int = 0
    tcp_faults: int = 0
    forwarded: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return (
            self.lost == self.duplicated == self.overwritten == 0
            and self.created > 0
            and self.attachments_present == self.attachments
        )


class BackOffice(threading.Thread):
    """Moves received dossiers on, straight at central, and remembers each move."""

    def __init__(self, url: str, token: str, seed_: int) -> None:
        super().__init__(daemon=True)
        self.http = httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"})
        self.rng = random.Random(seed_)
        self.stop = threading.Event()
        self.moves: dict[str, str] = {}  # dossier id → last status the back office set

    def _all_dossiers(self) -> list[dict[str, Any]]:
        """Every page of the office's list (it is paginated: 1,000 a page at most)."""
        out: list[dict[str, Any]] = []
        params: dict[str, str] = {}
        while True:
            listed = self.http.get(
                f"/api/v1/backoffice/offices/{DEMO_OFFICE}/dossiers", params=params
            )
            if listed.status_code != 200:
                return out
            out += listed.json()
            if "X-Next-After" not in listed.headers:
                return out
            params = {"after": listed.headers["X-Next-After"]}

    def run(self) -> None:
        while not self.stop.wait(0.2):
            try:
                dossiers = self._all_dossiers()
            except httpx.HTTPError:
                continue
            for d in self.rng.sample(dossiers, min(len(dossiers), 8)):
                step = {"received": "in_processing", "in_processing": "result_ready"}.get(
                    d["status"]
                )
                if step is None or self.rng.random() < 0.5:
                    continue
                answer = self.http.post(
                    f"/api/v1/backoffice/dossiers/{d['id']}/status", json={"to_status": step}
                )
                if answer.status_code == 200:
                    self.moves[d["id"]] = step


def _counter_env(url: str, code: str) -> dict[str, str]:
    store = MemoryStore()
    enroll(url, code, store=store, actor=SYSTEM_ADMIN, demo=True)
    credentials = store.load()
    assert credentials is not None
    return dict(
        os.environ,
        PYTHONPATH=str(REPO),
        MOTCUA_SOAK_CREDENTIALS=json.dumps(dataclasses.asdict(credentials)),
    )


def _drive(
    commands: list[tuple[list[str], dict[str, str]]], seconds: float, rng: random.Random
) -> int:
    """Run every counter for ``seconds``, killing each again and again: two starts in
    three carry a targeted kill point (``bench._soak_kills``, taken in turn so every
    point is hit), the third is SIGKILLed from outside at a random moment. A targeted
    start that has not reached its point in 20 s is killed from outside too. Returns the
    kills made from outside (the targeted ones are counted from their log)."""
    kills = 0
    running: dict[int, subprocess.Popen[bytes]] = {}
    finished: set[int] = set()
    deadline = time.monotonic() + seconds
    kill_at: dict[int, float] = {}
    starts = 0
    while time.monotonic() < deadline and len(finished) < len(commands):
        for i, (command, env) in enumerate(commands):
            if i in finished:
                continue
            process = running.get(i)
            if process is None:
                env = dict(env)
                if starts % 3 != 2:
                    point = _soak_kills.POINTS[(starts - starts // 3) % len(_soak_kills.POINTS)]
                    env["MOTCUA_SOAK_KILL"] = f"{point}:{rng.randint(0, 1)}"
                    kill_at[i] = time.monotonic() + 20.0
                else:
                    kill_at[i] = time.monotonic() + rng.uniform(1.0, 5.0)
                starts += 1
                running[i] = subprocess.Popen(command, env=env, cwd=REPO)
            elif process.poll() is not None:
                del running[i]
                if process.returncode == 0:
                    finished.add(i)
            elif time.monotonic() >= kill_at[i]:
                process.kill()  # SIGKILL: wherever it is — mid-commit, mid-push, mid-chunk
                process.wait()
                del running[i]
                kills += 1
        time.sleep(0.05)
    for process in running.values():
        process.kill()
        process.wait()
        kills += 1
    return kills


def _drain(commands: list[tuple[list[str], dict[str, str]]], timeout: float) -> None:
    processes = [subprocess.Popen(c, env=e, cwd=REPO) for c, e in commands]
    for process in processes:
        process.wait(timeout)
        if process.returncode != 0:
            raise SystemExit(f"a counter could not finish its sync (exit {process.returncode})")


def _check(central_db: Any, db_paths: list[Path], moves: dict[str, str], figures: Figures) -> None:
    with central_db.session() as s:
        stored = {
            r.id: r for r in s.scalars(select(SyncedRow).where(SyncedRow.entity == "dossier"))
        }
        scans = {
            r.id: (r.data.get("sha256"), r.data.get("size"))
            for r in s.scalars(select(SyncedRow).where(SyncedRow.entity == "attachment"))
        }
        blobs = {b.sha256: b.received for b in s.scalars(select(Blob)) if b.complete}
    created: dict[str, tuple[str, str]] = {}  # id → (code, notes) at the counter
    attached: dict[str, tuple[str, int]] = {}  # attachment id → (sha256, size)
    acknowledged: set[str] = set()
    for path in db_paths:
        db = open_database(path)
        try:
            with db.session() as s:
                for d in s.scalars(select(Dossier)):
                    created[d.id] = (d.code, d.notes)
                for a in s.scalars(select(Attachment)):
                    attached[a.id] = (a.sha256, a.size)
                states: dict[str, set[str]] = {}
                for e in s.scalars(select(OutboxItem).where(OutboxItem.entity == "dossier")):
                    states.setdefault(e.entity_id, set()).add(e.state)
                figures.conflicts += sum("conflict" in v for v in states.values())
                acknowledged |= {i for i, v in states.items() if v == {"sent"}}
        finally:
            db.dispose()
    figures.created = len(created)
    figures.present = sum(1 for i in created if i in stored)
    figures.attachments = len(attached)
    # Present: the row as the counter made it, and its whole content uploaded.
    figures.attachments_present = sum(
        1
        for i, (sha, size) in attached.items()
        if scans.get(i) == (sha, size) and blobs.get(sha) == size
    )
    figures.lost = (
        figures.created - figures.present + figures.attachments - figures.attachments_present
    )
    codes = Tally(r.code for r in stored.values())
    figures.duplicated = (
        sum(n - 1 for n in codes.values() if n > 1)
        + sum(1 for i in stored if i not in created)
        + sum(1 for i in scans if i not in attached)
    )
    for dossier_id in moves:
        row = stored.get(dossier_id)
        if row is None or row.status not in AFTER_BACK_OFFICE:
            figures.overwritten += 1  # a back-office decision undone
    for dossier_id in acknowledged:
        row = stored.get(dossier_id)
        if row is not None and row.data.get("notes", "") != created[dossier_id][1]:
            figures.overwritten += 1  # a counter change acknowledged but not held


def run(db_url: str, counters: int, dossiers: int, seconds: float, seed_: int = 7) -> Figures:
    figures = Figures()
    started = time.perf_counter()
    rng = random.Random(seed_)
    central_db = open_central(db_url, pool_size=2)
    with central_db.session() as s:
        seed(s, 0, hasher=CHEAP_HASHER)
        token = security.create_admin_token(s, "soak")
        codes = [security.create_enrollment_code(s, DEMO_OFFICE, n) for n in range(1, counters + 1)]
    with (
        tempfile.TemporaryDirectory(prefix="motcua-soak-") as tmp,
        CentralProcess(db_url, log_path=Path(tmp) / "central.log") as central,
        HttpFaults(central.url, body_limit=1_000_000, bad_gateway=0.05, seed=seed_) as http,
        FaultyProxy(http.port, drop=0.04, reset=0.04, delay=0.2, seed=seed_) as tcp,
    ):
        commands = []
        paths = []
        kill_log = Path(tmp) / "kills.log"
        for n, code in enumerate(codes, start=1):
            path = Path(tmp) / f"counter{n}.sqlite3"
            env = _counter_env(central.url, code)
            env["MOTCUA_HOME"] = str(Path(tmp) / f"home{n}")
            env["MOTCUA_SOAK_KILL_LOG"] = str(kill_log)
            command = [sys.executable, "-m", "bench._soak_counter", str(path), tcp.url,
                       DEMO_OFFICE, str(n), str(dossiers), str(seed_ + n)]  # fmt: skip
            commands.append((command, env))
            paths.append(path)
        back_office = BackOffice(central.url, token, seed_)
        back_office.start()
        figures.kills = _drive(commands, seconds, rng)
        _drain(commands, timeout=600)  # still through the faults
        back_office.stop.set()
        back_office.join(10)
        # A last round each: the back office's final moves reach the counters' pulls.
        _drain(commands, timeout=600)
        figures.back_office_moves = len(back_office.moves)
        if kill_log.exists():
            figures.targeted = Tally(kill_log.read_text(encoding="utf-8").split())
        figures.proxy_413 = http.answered.count(413)
        figures.proxy_502 = http.answered.count(502)
        figures.tcp_faults = tcp.faults
        figures.forwarded = http.forwarded
        _check(central_db, paths, dict(back_office.moves), figures)
    central_db.dispose()
    figures.seconds = time.perf_counter() - started
    return figures


def report(figures: Figures) -> str:
    rows = [
        ("dossiers created", figures.created),
        ("present on central", figures.present),
        (
            "attachments created / on central, content whole",
            f"{figures.attachments} / {figures.attachments_present}",
        ),
        ("lost", figures.lost),
        ("duplicated", figures.duplicated),
        ("conflicts surfaced to the officer", figures.conflicts),
        ("changes silently overwritten", figures.overwritten),
        ("counters SIGKILLed at random moments", figures.kills),
        ("SIGKILLs at targeted points", sum(figures.targeted.values())),
        *((f"  {point}", figures.targeted[point]) for point in _soak_kills.POINTS),
        ("back-office moves", figures.back_office_moves),
        ("proxy answers 413 / 502", f"{figures.proxy_413} / {figures.proxy_502}"),
        ("requests through the proxy", figures.forwarded),
        ("TCP drops + resets", figures.tcp_faults),
        ("wall time", f"{figures.seconds:.0f} s"),
    ]
    width = max(len(name) for name, _ in rows)
    lines = [f"{'soak':<{width}}  figure", f"{'-' * width}  ------"]
    lines += [f"{name:<{width}}  {value}" for name, value in rows]
    lines.append("PASS" if figures.ok else "FAIL: lost, duplicated or overwritten is not 0")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counters", type=int, default=4)
    parser.add_argument("--dossiers", type=int, default=300, help="per counter")
    parser.add_argument("--seconds", type=float, default=90.0, help="of random SIGKILLs")
    parser.add_argument("--db", default=os.environ.get("MOTCUA_TEST_PG_URL"))
    args = parser.parse_args(argv)
    if not args.db:
        print("soak: needs PostgreSQL (--db or MOTCUA_TEST_PG_URL)", file=sys.stderr)
        return 2
    with fresh_pg_database(args.db) as url:
        figures = run(url, args.counters, args.dossiers, args.seconds)
    print(report(figures), flush=True)
    return 0 if figures.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
