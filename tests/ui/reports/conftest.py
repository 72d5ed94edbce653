from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "unit" / "reports"))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "unit" / "forms"))

from report_samples import Month, march

from app.services.storage.db import Database


@pytest.fixture
def month(db: Database) -> Month:
    return march(db)
