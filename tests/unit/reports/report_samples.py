"""A month of fictitious dossiers for the report tests (ID numbers start with 999).

March 2026 at one office, received by two officers, identified by chip, QR and typed
entry; one dossier from February returned in March. Every expected number in the
tests follows from the table below.
"""

from __future__ import annotations

import dataclasses
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "intake"))

from intake_factories import Env, person, seed, vn

from app.services.dossiers import (
    Contact,
    IntakeOptions,
    IntakeRequest,
    ReceivedPaper,
    create_dossier,
)
from app.services.identity import IdentitySource
from app.services.lifecycle import DeadlineRules, transition
from app.services.storage.db import Database
from app.services.storage.models import Dossier, Officer

NOW = vn("2026-03-12T09:00")  # "today" for the page tests: Thursday 12 March 2026


@dataclass
class Month:
    env: Env
    second_officer: Officer
    dossiers: dict[str, Dossier]  # by letter, see ``march``

    def code(self, letter: str) -> str:
        return self.dossiers[letter].code


def take_in(
    env: Env,
    n: int,
    name: str,
    when: str,
    code: str = "603",
    source: IdentitySource = IdentitySource.CHIP,
    officer: Officer | None = None,
    contact: Contact | None = None,
    completion_request: str = "",
) -> Dossier:
    procedure = env.catalog.get(code)
    papers = (
        {}
        if completion_request
        else {d.id: ReceivedPaper(originals=d.count) for d in procedure.required_documents()}
    )
    return create_dossier(
        env.db,
        IntakeRequest(
            dataclasses.replace(person(n, name), source=source),
            procedure,
            papers,
            officer or env.officer,
            env.counter,
            env.office,
            env.settings,
            env.calendar,
            env.catalog.version,
            now=vn(when),
            contact=contact or Contact(),
            options=IntakeOptions(completion_request=completion_request),
        ),
    )


def move(env: Env, dossier: Dossier, to: str, when: str, reason: str = "", **kw) -> None:
    with env.db.session() as s:
        d = s.get(Dossier, dossier.id)
        assert d is not None
        rules = DeadlineRules(env.calendar, env.settings.cutoff_time)
        transition(s, d, to, env.officer.id, reason, now=vn(when), rules=rules, **kw)


def march(db: Database) -> Month:
    """
    letter  received          proc  person (how identified)  what happened
    F       Fri 27 Feb 10:00  603   5 Phan (chip)            returned Tue 3 Mar
    A       Mon  2 Mar 09:00  603   1 Nguyễn (chip)          ready Fri 6, returned Mon 9 (early)
    B       Tue  3 Mar 10:15  610   2 Trần (QR)              ready Wed 11 16:00 (due Tue 10: late)
    C       Wed  4 Mar 14:30  603   3 Đặng (typed)           taken in incomplete (form 02: paused)
    D       Thu  5 Mar 08:45  608   4 Lê (chip)              still received, open
    E       Tue 10 Mar 11:00  602   1 Nguyễn (chip, again)   second officer, open; by post
    G       Wed 11 Mar 15:00  603   6 Vũ (typed)             refused
    """
    env = seed(db)
    with db.session() as s:
        second = Officer(
            office_id=env.office.id, username="canbo2", full_name="Cán Bộ Hai", password_hash="x"
        )
        s.add(second)
    QR, TYPED = IdentitySource.QR, IdentitySource.TYPED
    d = {
        "F": take_in(env, 5, "Phan Văn Phúc", "2026-02-27T10:00"),
        "A": take_in(
            env, 1, "Nguyễn Văn An", "2026-03-02T09:00", contact=Contact(phone="0905000111")
        ),
        "B": take_in(env, 2, "Trần Thị Bình", "2026-03-03T10:15", code="610", source=QR),
        "C": take_in(
            env,
            3,
            "Đặng Đức Chung",
            "2026-03-04T14:30",
            source=TYPED,
            completion_request="Thiếu tờ khai TK1-TS",
        ),
        "D": take_in(env, 4, "Lê Thị Dung", "2026-03-05T08:45", code="608"),
        "E": take_in(
            env,
            1,
            "Nguyễn Văn An",
            "2026-03-10T11:00",
            code="602",
            officer=second,
            contact=Contact(delivery_method="post", delivery_address="Xã Thử Nghiệm"),
        ),
        "G": take_in(env, 6, "Vũ Văn Giang", "2026-03-11T15:00", source=TYPED),
    }
    move(env, d["F"], "in_processing", "2026-03-02T08:00")
    move(env, d["F"], "result_ready", "2026-03-02T15:00")
    move(env, d["F"], "returned", "2026-03-03T09:30", returned_to="Phan Văn Phúc")
    move(env, d["A"], "in_processing", "2026-03-03T08:00")
    move(env, d["A"], "result_ready", "2026-03-06T10:00")
    move(env, d["A"], "returned", "2026-03-09T10:00", returned_to="Nguyễn Văn An")
    move(env, d["B"], "in_processing", "2026-03-04T08:00")
    move(env, d["B"], "result_ready", "2026-03-11T16:00")
    move(env, d["G"], "refused", "2026-03-11T15:10", reason="Không thuộc thẩm quyền")
    with db.session() as s:  # read back what the moves wrote (due times, statuses)
        fresh = {k: s.get(Dossier, v.id) for k, v in d.items()}
    return Month(env, second, {k: v for k, v in fresh.items() if v is not None})
