"""Sample dossiers for the page tests (fictitious people, ID numbers starting 999)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "unit" / "intake"))

from intake_factories import Env, person, vn

from app.services.dossiers import IntakeOptions, IntakeRequest, ReceivedPaper, create_dossier
from app.services.lifecycle import DeadlineRules, transition
from app.services.storage.models import Dossier

PEOPLE = ["Nguyễn Văn An", "Trần Thị Bình", "Đặng Đức Chung", "Lê Thị Dung", "Phạm Minh Em"]
SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


def take_in(env: Env, n: int, name: str, when: str, code: str = "603", **options) -> Dossier:
    procedure = env.catalog.get(code)
    papers = (
        {}
        if "completion_request" in options
        else {d.id: ReceivedPaper(originals=d.count) for d in procedure.required_documents()}
    )
    return create_dossier(
        env.db,
        IntakeRequest(
            person(n, name),
            procedure,
            papers,
            env.officer,
            env.counter,
            env.office,
            env.settings,
            env.calendar,
            env.catalog.version,
            now=vn(when),
            options=IntakeOptions(**options),
        ),
    )


def move(env: Env, dossier_id: str, to: str, when: str, reason: str = "", **kw) -> None:
    with env.db.session() as s:
        d = s.get(Dossier, dossier_id)
        assert d is not None
        transition(s, d, to, env.officer.id, reason, now=vn(when), rules=rules(env), **kw)


def rules(env: Env) -> DeadlineRules:
    return DeadlineRules(env.calendar, env.settings.cutoff_time)
