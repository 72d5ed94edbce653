from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "unit" / "intake"))

from intake_factories import Env, seed
from ui_samples import PEOPLE, move, take_in

from app.services.storage.db import Database
from app.services.storage.models import Dossier


@pytest.fixture
def env(db: Database) -> Env:
    return seed(db)


@pytest.fixture
def sample(env: Env) -> list[Dossier]:
    """Five dossiers in different states, received on consecutive working days."""
    out = [
        take_in(env, 1, PEOPLE[0], "2026-03-02T09:00"),
        take_in(env, 2, PEOPLE[1], "2026-03-03T10:15", code="610"),
        take_in(env, 3, PEOPLE[2], "2026-03-04T14:30", completion_request="Thiếu tờ khai TK1-TS"),
        take_in(env, 4, PEOPLE[3], "2026-03-05T08:45", code="608"),
        take_in(env, 5, PEOPLE[4], "2026-03-06T11:00", code="602"),
    ]
    move(env, out[0].id, "in_processing", "2026-03-03T08:00")
    move(env, out[0].id, "result_ready", "2026-03-06T10:00")
    move(env, out[1].id, "in_processing", "2026-03-04T08:00")
    move(env, out[1].id, "result_ready", "2026-03-11T16:00")
    return out
