"""A short ``make soak`` inside the test suite: counters SIGKILLed at random and at
targeted points (central committed, the acknowledgement not recorded; mid-upload of an
attachment; between outbox rows…) behind fault proxies, the back office moving
dossiers meanwhile; nothing lost, twice, or overwritten, attachments included."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections import Counter as Tally
from pathlib import Path

import pytest
from conftest import pg_or_skip

from bench import _soak_kills, soak
from central import security
from central.db import open_central
from central.seed import DEMO_OFFICE, seed
from testkit.central_server import CHEAP_HASHER, REPO, CentralProcess, fresh_pg_database


@pytest.mark.postgres
def test_short_soak_loses_duplicates_and_overwrites_nothing() -> None:
    with fresh_pg_database(pg_or_skip()) as url:
        figures = soak.run(url, counters=3, dossiers=40, seconds=12)
    print(soak.report(figures))
    assert figures.created == 120 and figures.present == 120
    assert (figures.lost, figures.duplicated, figures.overwritten) == (0, 0, 0)
    assert figures.attachments > 0 and figures.attachments_present == figures.attachments
    assert figures.kills + sum(figures.targeted.values()) >= 3


@pytest.mark.postgres
def test_a_counter_killed_at_each_targeted_point_loses_and_duplicates_nothing(
    tmp_path: Path,
) -> None:
    """One counter, SIGKILLed once at every point of ``bench._soak_kills`` in turn
    (central committed but the acknowledgement not recorded, mid-upload of a scan,
    between outbox rows…), then left to finish: central holds each dossier and scan
    exactly once, each scan whole."""
    log = tmp_path / "kills.log"
    path = tmp_path / "counter.sqlite3"
    with fresh_pg_database(pg_or_skip()) as url:
        central_db = open_central(url, pool_size=2)
        with central_db.session() as s:
            seed(s, 0, hasher=CHEAP_HASHER)
            code = security.create_enrollment_code(s, DEMO_OFFICE, 1)
        with CentralProcess(url, log_path=tmp_path / "central.log") as central:
            env = soak._counter_env(central.url, code)
            env |= {"MOTCUA_HOME": str(tmp_path / "home"), "MOTCUA_SOAK_KILL_LOG": str(log)}

            def run(target: int, kill: str = "") -> int:
                command = [sys.executable, "-m", "bench._soak_counter", str(path), central.url,
                           DEMO_OFFICE, "1", str(target), "7"]  # fmt: skip
                extra = {"MOTCUA_SOAK_KILL": kill} if kill else {}
                return subprocess.run(command, env=env | extra, cwd=REPO, timeout=300).returncode

            for n, point in enumerate(_soak_kills.POINTS, start=1):
                assert run(10 * n, f"{point}:0") == -signal.SIGKILL, point
                assert log.read_text(encoding="utf-8").split()[-1] == point
            assert run(10 * len(_soak_kills.POINTS)) == 0
            figures = soak.Figures(targeted=Tally(log.read_text(encoding="utf-8").split()))
            soak._check(central_db, [path], {}, figures)
        central_db.dispose()
    print(soak.report(figures))
    assert figures.created == 10 * len(_soak_kills.POINTS) == figures.present
    assert figures.attachments >= 1 and figures.attachments_present == figures.attachments
    assert (figures.lost, figures.duplicated, figures.overwritten) == (0, 0, 0)
    assert figures.targeted == Tally(_soak_kills.POINTS)
