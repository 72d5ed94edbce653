"""Simulated counters: counter databases filled with fictitious dossiers queued for sync.

Used by the fault tests and the benchmark (``bench/sync.py``) to stand in for many
offline counters. Rows and outbox entries are written the way the intake writes them:
the change and its outbox entry in one transaction.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.services.storage.db import Database
from app.services.storage.models import (
    Citizen,
    Counter,
    Dossier,
    DossierDocument,
    DossierEvent,
    Office,
    Officer,
)
from app.services.storage.outbox import enqueue
from app.shared.types import new_id, utcnow
from central.seed import _name, id_number

DOCUMENTS = [
    "Tờ khai tham gia, điều chỉnh thông tin BHXH, BHYT (mẫu TK1-TS)",
    "Bản sao giấy tờ kèm theo",
    "Giấy ủy quyền (nếu có)",
]


@dataclass(frozen=True, slots=True)
class CounterSetup:
    office_id: str
    office_code: str
    counter_id: str
    counter_number: int
    officer_id: str


def setup_counter(db: Database, office_code: str, counter_number: int = 1) -> CounterSetup:
    """The office, counter and one officer rows a counter has after installation."""
    with db.session() as s:
        office = s.scalar(select(Office).where(Office.code == office_code))
        if office is None:
            office = Office(code=office_code, name=f"Đơn vị {office_code}")
            s.add(office)
            s.flush()
        counter = s.scalar(
            select(Counter).where(Counter.office_id == office.id, Counter.number == counter_number)
        )
        if counter is None:
            counter = Counter(
                office_id=office.id, number=counter_number, name=f"Quầy {counter_number}"
            )
            s.add(counter)
        username = f"quay{counter_number}.{office_code}"
        officer = s.scalar(select(Officer).where(Officer.username == username))
        if officer is None:
            officer = Officer(
                office_id=office.id,
                username=username,
                full_name="Cán Bộ Thử Nghiệm",
                password_hash="$argon2id$not-a-real-hash",
            )
            s.add(officer)
        s.flush()
        return CounterSetup(office.id, office_code, counter.id, counter_number, officer.id)


def queue_dossiers(
    db: Database,
    setup: CounterSetup,
    count: int,
    *,
    seed: int | None = None,
    per_transaction: int = 50,
) -> list[str]:
    """Create ``count`` received dossiers (citizen, documents, event) with outbox entries."""
    rng = random.Random(seed)
    taken: set[str] = set()
    ids: list[str] = []
    today = utcnow()
    for start in range(0, count, per_transaction):
        with db.session() as s:
            for _ in range(min(per_transaction, count - start)):
                ids.append(_one(s, setup, rng, taken, today))
    return ids


def _one(
    s: Session, setup: CounterSetup, rng: random.Random, taken: set[str], now: dt.datetime
) -> str:
    sex = rng.choice(["Nam", "Nữ"])
    born = dt.date(rng.randint(1950, 2005), rng.randint(1, 12), rng.randint(1, 28))
    number = id_number(rng, rng.choice(["001", "079", "048"]), born, sex, taken)
    citizen = s.scalar(select(Citizen).where(Citizen.id_number == number))
    if citizen is None:
        name = _name(rng, sex)
        citizen = Citizen(
            id_number=number,
            full_name=name,
            name_folded=name.lower(),
            date_of_birth=born,
            dob_text=born.strftime("%d/%m/%Y"),
            sex=sex,
            residence="Phường Thử Nghiệm, Hà Nội",
        )
        s.add(citizen)
        s.flush()
        enqueue(s, "citizen", citizen.id)
    dossier_id = new_id()
    unique = secrets.token_hex(4).upper()
    dossier = Dossier(
        id=dossier_id,
        code=f"{setup.office_code}-{now:%y%m%d}-{setup.counter_number}{unique}",
        lookup_code=secrets.token_hex(5).upper(),
        office_id=setup.office_id,
        counter_id=setup.counter_id,
        citizen_id=citizen.id,
        officer_id=setup.officer_id,
        procedure_code="603",
        catalog_version="2026.1",
        status="received",
        submitted_at=now,
        valid_received_at=now,
        due_at=now + dt.timedelta(days=7),
        applicant_phone="0900000000",
        form_data={"benefit_level": rng.randint(1, 5)},
    )
    s.add(dossier)
    for position, name in enumerate(DOCUMENTS):
        s.add(
            DossierDocument(
                dossier_id=dossier_id,
                position=position,
                name=name,
                required=position == 0,
                originals=1,
                received=True,
            )
        )
    event = DossierEvent(
        dossier_id=dossier_id, at=now, officer_id=setup.officer_id, to_status="received"
    )
    s.add(event)
    s.flush()
    enqueue(s, "dossier", dossier_id)
    enqueue(s, "event", event.id)
    return dossier_id
