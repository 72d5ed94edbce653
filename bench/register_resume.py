"""The register check killed mid-run and resumed, in separate processes (part of
``bench.register_check``).

A worker process runs ``verify`` from scratch; the bench polls the run's checkpoint and
kills the worker (SIGKILL: no clean-up, whatever batch was in flight is lost) once half
the participants are done, then starts a second worker, which resumes the same run. It
then proves from the stored results that nobody was checked twice or skipped:

- one result per participant, all from the one run, which counts every participant once
  (``done``) and was resumed once;
- no result at or before the cursor of the kill was written after the restart, and none
  after it was written before the restart;
- the second worker checked exactly the participants after that cursor;
- the outcomes are those of the uninterrupted run.

The worker is also this module: ``python -m bench.register_resume --worker URL …``.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass

from sqlalchemy import text

from app.shared.types import utcnow
from central.db import CentralDatabase, open_central
from central.register_check.adapter import Guarded, ReferenceRegister
from central.register_check.runner import verify


@dataclass(frozen=True, slots=True)
class Resumed:
    seconds: float  # first start to the second worker's end, process starts included
    until_kill: float  # first start to the kill
    killed_at: int  # people recorded when the first worker was killed
    second_checked: int  # people the second worker checked
    problems: tuple[str, ...]  # empty when nobody was checked twice or skipped


def _worker(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--worker", required=True, help="database URL")
    parser.add_argument("--batch", type=int, required=True)
    parser.add_argument("--latency", type=float, required=True)
    args = parser.parse_args(argv)
    db = open_central(args.worker, pool_size=2)
    try:
        final = verify(db, Guarded(ReferenceRegister(db, latency=args.latency)), batch=args.batch)
        # ``done`` is the run's, ``rate`` this process's: people checked here = rate × time
        print(json.dumps({"run": final.run_id, "done": final.done, "resumed": final.resumed}))
    finally:
        db.dispose()
    return 0


def _spawn(url: str, batch: int, latency: float) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-m", "bench.register_resume", "--worker", url]
    cmd += ["--batch", str(batch), "--latency", str(latency)]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=dict(os.environ))


def _checkpoint(db: CentralDatabase) -> tuple[int, str]:
    with db.engine.connect() as conn:
        row = conn.execute(
            text("SELECT done, cursor FROM register_check_runs ORDER BY id DESC LIMIT 1")
        ).first()
    return (int(row.done), str(row.cursor)) if row is not None else (0, "")


def interrupted_run(
    db: CentralDatabase,
    url: str,
    *,
    people: int,
    batch: int,
    latency: float,
    expected_counts: dict[str, int] | None,
    kill_at: float = 0.5,
) -> Resumed:
    """Check everyone again from no results, killing the first worker at ``kill_at``."""
    with db.engine.begin() as conn:
        conn.execute(text("TRUNCATE register_checks, register_check_runs"))
    problems: list[str] = []
    started = time.perf_counter()
    first = _spawn(url, batch, latency)
    target = int(people * kill_at)
    while first.poll() is None and _checkpoint(db)[0] < target:
        time.sleep(0.05)
    if first.poll() is not None:
        problems.append("the first worker ended before it could be killed")
    first.send_signal(signal.SIGKILL)
    until_kill = time.perf_counter() - started
    first.communicate()
    killed_at, cursor = _checkpoint(db)
    restarted = utcnow()
    second = _spawn(url, batch, latency)
    out, _ = second.communicate()
    seconds = time.perf_counter() - started
    if second.returncode != 0:
        problems.append(f"the second worker failed (exit {second.returncode})")
        return Resumed(seconds, until_kill, killed_at, 0, tuple(problems))
    final = json.loads(out.strip().splitlines()[-1])
    with db.engine.connect() as conn:
        row = conn.execute(
            text(
                "SELECT count(*) AS results, count(DISTINCT run_id) AS runs,"
                " count(*) FILTER (WHERE bhxh_number <= :c AND checked_at >= :t) AS again,"
                " count(*) FILTER (WHERE bhxh_number > :c AND checked_at < :t) AS early,"
                " count(*) FILTER (WHERE bhxh_number > :c) AS after"
                " FROM register_checks"
            ),
            {"c": cursor, "t": restarted.replace(tzinfo=None)},
        ).one()
        run = conn.execute(
            text("SELECT status, done, resumed, counts FROM register_check_runs")
        ).all()
    second_checked = int(row.after)
    if row.results != people:
        problems.append(f"{people - row.results} participant(s) without a result")
    if row.again:
        problems.append(f"{row.again} participant(s) checked again after the restart")
    if row.early or row.runs != 1 or len(run) != 1:
        problems.append("results outside the one resumed run")
    elif (run[0].status, run[0].done, run[0].resumed) != ("finished", people, 1):
        problems.append(f"run ended as {run[0].status}, {run[0].done} done, {run[0].resumed}")
    if final["done"] != people or not final["resumed"]:
        problems.append(f"the second worker reported {final}")
    if second_checked != people - killed_at:
        problems.append(f"the second worker checked {second_checked}, not {people - killed_at}")
    if len(run) == 1 and expected_counts is not None and run[0].counts != expected_counts:
        problems.append(f"outcomes {run[0].counts} differ from {expected_counts}")
    return Resumed(seconds, until_kill, killed_at, second_checked, tuple(problems))


if __name__ == "__main__":
    sys.exit(_worker(sys.argv[1:]))
