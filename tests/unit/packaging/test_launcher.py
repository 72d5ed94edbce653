"""The frozen executable's entry point (installer/launcher.py) runs the counter app,
the central service and the training card; the demo starts its central service
through it when frozen. Checked without PyInstaller: ``sys.frozen`` and
``sys.executable`` are set as the bundle sets them, the executable being the launcher."""

from __future__ import annotations

import sys
from pathlib import Path

import httpx
import pytest

from app import __version__
from app.services.demo import DEMO_OFFICE_CODE
from app.ui.demo_central import DemoCentral, central_command
from installer import launcher

ROOT = Path(__file__).resolve().parents[3]


def test_the_launcher_dispatches_to_the_app_central_and_cardsim(tmp_path, capsys):
    with pytest.raises(SystemExit) as done:
        launcher.main(["--version"])
    assert done.value.code == 0 and capsys.readouterr().out.strip() == f"MotCua {__version__}"

    db = tmp_path / "central.sqlite3"
    assert launcher.main(["central", "--db", str(db), "migrate"]) == 0
    assert db.stat().st_size > 0  # the central schema, from the bundled migrations' path

    assert launcher.main(["cardsim", "--list"]) == 0
    assert "cccd-2021" in capsys.readouterr().out


@pytest.fixture
def frozen_executable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in for the bundle's ``motcua``: this Python running the launcher."""
    exe = tmp_path / "motcua"
    exe.write_text(
        f'#!/bin/sh\nexec "{sys.executable}" "{ROOT / "installer" / "launcher.py"}" "$@"\n'
    )
    exe.chmod(0o755)
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    return exe


def test_a_frozen_demo_starts_its_central_service_through_the_executable(
    frozen_executable: Path, tmp_path: Path
):
    assert central_command() == [str(frozen_executable), "central"]
    central = DemoCentral(tmp_path / "demo-central.sqlite3", DEMO_OFFICE_CODE)
    process = None
    try:
        central.start()
        process = central.process
        assert process is not None and process.args[0] == str(frozen_executable)
        health = httpx.get(f"{central.url}/api/v1/health", timeout=5)
        assert health.status_code == 200 and health.json()["version"] == __version__
        assert central.store.load() is not None  # enrolled: the counter holds credentials
    finally:
        central.stop()
    assert process.poll() is not None  # stopped with the demo
