from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from intake_factories import Env, seed

from app.services.storage.db import Database


@pytest.fixture
def env(db: Database) -> Env:
    return seed(db)
