"""``motcua-central`` commands and the embedded demo service."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest

from app.services.storage.db import Database
from app.services.sync.engine import SyncConfig, SyncEngine
from central.cli import main
from central.seed import DEMO_OFFICE
from testkit.counter_sim import queue_dossiers, setup_counter
from testkit.embedded_central import start_embedded


def test_seed_enroll_and_revoke_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "central.sqlite3")
    assert main(["--db", db, "seed", "--volume", "40"]) == 0
    assert json.loads(capsys.readouterr().out)["people"] >= 40
    assert main(["--db", db, "enroll", "--office", DEMO_OFFICE, "--counter", "2"]) == 0
    code = capsys.readouterr().out.strip()
    assert re.fullmatch(r"([A-Z2-9]{4}-){3}[A-Z2-9]{4}", code)
    assert main(["--db", db, "enroll", "--office", "no.such.office", "--counter", "1"]) == 1
    assert "unknown_office" in capsys.readouterr().err
    assert main(["--db", db, "revoke", "--office", DEMO_OFFICE]) == 0
    assert capsys.readouterr().out.strip() == "revoked 0 device(s)"


def test_embedded_service_serves_a_demo_counter(tmp_path: Path, db: Database) -> None:
    central = start_embedded(tmp_path / "central.sqlite3", volume=30)
    url, stop = central
    try:
        assert httpx.get(f"{url}/api/v1/health").json()["database"] is True
        credentials = central.store.load()
        assert credentials is not None and credentials.office_code == DEMO_OFFICE
        queue_dossiers(db, setup_counter(db, DEMO_OFFICE, 1), 2)
        engine = SyncEngine(db, SyncConfig(url, DEMO_OFFICE, demo=True), store=central.store)
        assert engine.sync_once().error is None
        assert engine.status().pending == 0
    finally:
        stop()
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"{url}/api/v1/health", timeout=1)
