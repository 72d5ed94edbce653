"""Fixtures for the central service: a real server on loopback, on SQLite and PostgreSQL."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from central_helpers import OTHER_OFFICE, Device

from central.seed import DEMO_OFFICE
from testkit.central_server import RunningCentral, fresh_pg_database, pg_url_or_skip


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def central_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'central.sqlite3'}"
        return
    with fresh_pg_database(pg_url_or_skip()) as url:
        yield url


@pytest.fixture
def central(central_db_url: str) -> Iterator[RunningCentral]:
    with RunningCentral(central_db_url) as running:
        yield running


@pytest.fixture
def device(central: RunningCentral) -> Device:
    return Device(central, DEMO_OFFICE)


@pytest.fixture
def other_device(central: RunningCentral) -> Device:
    return Device(central, OTHER_OFFICE)
