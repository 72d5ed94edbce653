"""Where MotCua keeps its files. ``MOTCUA_HOME`` moves everything (tests, portable use)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "MotCua"
RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def _home() -> Path | None:
    value = os.environ.get("MOTCUA_HOME")
    return Path(value) if value else None


def config_dir() -> Path:
    home = _home()
    return home / "config" if home else Path(platformdirs.user_config_dir(APP_NAME, False))


def data_dir() -> Path:
    home = _home()
    return home / "data" if home else Path(platformdirs.user_data_dir(APP_NAME, False))


def log_dir() -> Path:
    home = _home()
    return home / "logs" if home else Path(platformdirs.user_log_dir(APP_NAME, False))


def settings_file(demo: bool = False) -> Path:
    """Demo mode keeps its own settings so trying the demo never changes the office's."""
    return config_dir() / ("settings-demo.json" if demo else "settings.json")


def database_file(demo: bool = False) -> Path:
    return data_dir() / ("demo.sqlite3" if demo else "motcua.sqlite3")


def attachments_dir(demo: bool = False) -> Path:
    """Demo files are encrypted with the demo database's key: keep them apart."""
    return data_dir() / ("attachments-demo" if demo else "attachments")


def trust_dir(demo: bool = False) -> Path:
    """CSCA certificates this PC trusts besides the shipped ones. The demo's (its own
    test CSCA) are kept apart: an office's counter must never trust the test CSCA."""
    return data_dir() / ("trust-demo" if demo else "trust")


def central_trust_dir(demo: bool = False) -> Path:
    """The CSCA list central published, as last applied (``trust_list``); the demo's
    own central publishes into a folder of its own."""
    return data_dir() / ("trust-central-demo" if demo else "trust-central")


def crash_dir() -> Path:
    return log_dir() / "crash-reports"
