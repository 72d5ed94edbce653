"""Test set-up shared by every test.

Qt must not look for a display (it would abort the process), and no test may touch
the real user's folders or keyring: everything is redirected per test.
"""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"

from pathlib import Path

import pytest


@pytest.fixture(autouse=True, scope="session")
def collect_on_the_main_thread():
    """As the app does (app/ui/gc.py): no collection in worker threads, where it could
    destroy a leftover Qt widget off the GUI thread; collect after each test instead."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def _collect_after_test():
    yield
    gc.collect()


@pytest.fixture(autouse=True)
def motcua_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own config, data and log folders."""
    home = tmp_path / "motcua-home"
    monkeypatch.setenv("MOTCUA_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def attachment_keys():
    """The app always opens its database with keys (open_local sets the attachment key);
    tests with a plain database get a fresh key of their own."""
    from app.services.security import blobs
    from app.services.security.keys import KeySet, new_secret

    blobs.use_keys(KeySet(new_secret()))
    yield
    blobs.use_keys(None)


@pytest.fixture
def db(motcua_home: Path):
    from app.services.storage.db import open_database

    database = open_database(motcua_home / "data" / "test.sqlite3")
    yield database
    database.dispose()


@pytest.fixture
def demo_db(db):
    from app.services.demo import ensure_demo_data

    ensure_demo_data(db)
    return db
