"""A counter process killed (SIGKILL) mid-save leaves each dossier whole or absent,
and never hands out a code twice."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from intake_factories import Env
from sqlalchemy import func, select, text

from app.services.storage.db import open_database
from app.services.storage.models import (
    Citizen,
    Dossier,
    DossierDocument,
    DossierEvent,
    DossierSequence,
    OutboxItem,
)

WORKER = Path(__file__).with_name("intake_worker.py")
ROOT = Path(__file__).resolve().parents[3]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")


def run_and_kill(db_path: Path, start: int, after_lines: int, extra_delay: float) -> list[str]:
    """Start the worker, wait for some commits, kill it at a random moment."""
    proc = subprocess.Popen(
        [sys.executable, str(WORKER), str(db_path), str(start)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    handed_out: list[str] = []
    assert proc.stdout is not None

    def reader() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            handed_out.append(line.split()[0])

    t = threading.Thread(target=reader, daemon=True)
    t.start()
    deadline = time.monotonic() + 60
    while len(handed_out) < after_lines and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
    time.sleep(extra_delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    t.join(timeout=10)
    for pipe in (proc.stdout, proc.stderr):  # the killed worker's pipes: ours to close
        pipe.close()
    return handed_out


def test_killed_counter_never_leaves_half_a_dossier_or_reuses_a_code(
    env: Env, tmp_path: Path
) -> None:
    db_path = Path(env.db.engine.url.database or "")
    env.db.dispose()
    rng = random.Random()
    handed_out: list[str] = []
    for round_ in range(6):
        handed_out += run_and_kill(db_path, 1000 * round_, rng.randint(1, 15), rng.uniform(0, 0.05))

    db = open_database(db_path)
    with db.session() as s:
        assert s.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
        codes = s.scalars(select(Dossier.code)).all()
        # Every code printed after a commit is in the database, once.
        assert len(codes) == len(set(codes))
        assert set(handed_out) <= set(codes)
        # Gapless: offline, counter 1 numbers its stripe 5001, 5002, … with no hole.
        seqs = sorted(int(c.rsplit("-", 1)[1]) - 5000 for c in codes)
        assert seqs == list(range(1, len(codes) + 1))
        assert s.scalars(select(DossierSequence.last_value)).one() == len(codes)
        # Whole dossiers: two papers, one event, one citizen, outbox entries each.
        for dossier in s.scalars(select(Dossier)):
            assert len(dossier.documents) == 2
            assert [e.to_status for e in dossier.events] == ["received"]
            assert s.get(Citizen, dossier.citizen_id) is not None
            queued = s.scalar(
                select(func.count()).where(
                    OutboxItem.entity == "dossier", OutboxItem.entity_id == dossier.id
                )
            )
            assert queued == 1
        orphans = s.scalar(
            select(func.count())
            .select_from(DossierDocument)
            .where(DossierDocument.dossier_id.not_in(select(Dossier.id)))
        )
        assert orphans == 0
        assert s.scalar(select(func.count()).select_from(DossierEvent)) == len(codes)
        assert s.scalar(select(func.count()).select_from(Citizen)) == len(codes)
    db.dispose()
    # After the crashes the counter goes on with fresh numbers.
    more = run_and_kill(db_path, 9000, 3, 0)
    assert not set(more) & set(handed_out)
