"""Fixtures for the counter's sync engine against a real central service on loopback."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

sys.path.insert(0, str(Path(__file__).parent))

from sync_helpers import Counter

from app.services.storage.db import Database
from central.seed import DEMO_OFFICE
from testkit.central_server import RunningCentral, fresh_pg_database, pg_url_from_env


class MemoryKeyring(KeyringBackend):
    """The OS keyring stand-in: a dict, gone with the test."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def pg_or_skip() -> str:
    url = pg_url_from_env()
    if url is None:
        if os.environ.get("MOTCUA_REQUIRE_PG") == "1":
            pytest.fail("MOTCUA_REQUIRE_PG=1 but MOTCUA_TEST_PG_URL is not set")
        pytest.skip("MOTCUA_TEST_PG_URL not set (scripts/postgres.sh start)")
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def central_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'central.sqlite3'}"
        return
    with fresh_pg_database(pg_or_skip()) as url:
        yield url


@pytest.fixture
def central(central_db_url: str) -> Iterator[RunningCentral]:
    with RunningCentral(central_db_url) as running:
        yield running


@pytest.fixture
def counter(central: RunningCentral, db: Database, memory_keyring: MemoryKeyring) -> Counter:
    """This counter: local database, enrolled (credentials in the keyring), office rows."""
    return Counter.enrolled(central, db, DEMO_OFFICE)
