"""Fictitious office, officers, citizens and dossiers for the security tests.

ID numbers start with 999 (no such province code): none can be a real person's.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from app.services.security.passwords import hash_password
from app.services.storage.db import Database
from app.services.storage.models import Citizen, Counter, Dossier, Office, Officer
from app.shared.types import new_id

PASSWORD = "mật-khẩu-thử-1"

# (id number, full name, name without diacritics) — invented for these tests.
CITIZENS = [
    ("999123456781", "Phạm Thị Thu Hằng", "Pham Thi Thu Hang"),
    ("999123456782", "Đoàn Quốc Vượng", "Doan Quoc Vuong"),
    ("999123456783", "Hứa Ngọc Diệp", "Hua Ngoc Diep"),
]


def personal_needles() -> list[str]:
    """What must never be found in plaintext: each name as typed, without
    diacritics, lower and upper case, decomposed (NFD), its longer words alone, and
    the ID numbers."""
    out = []
    for id_number, name, folded in CITIZENS:
        out += [id_number, name, folded, folded.lower(), name.upper()]
        out.append(unicodedata.normalize("NFD", name))
        out += [w for w in name.split() if len(w) > 3]  # "Vượng", "Diệp" alone
        out += [w for w in folded.split() if len(w) > 3]
    return list(dict.fromkeys(out))


@dataclass
class Env:
    db: Database
    office_id: str
    counter_id: str
    officers: dict[str, Officer]  # by role


def seed(db: Database, password_hash: str | None = None) -> Env:
    hashed = password_hash or hash_password(PASSWORD)
    with db.session() as s:
        office = Office(code="000.00.00.H98", name="Bảo hiểm xã hội cơ sở Thử Nghiệm")
        s.add(office)
        s.flush()
        counter = Counter(office_id=office.id, number=1, name="Quầy 1")
        officers = {
            role: Officer(
                office_id=office.id,
                username=f"{role}1",
                full_name=f"Cán Bộ {role.title()}",
                role=role,
                password_hash=hashed,
            )
            for role in ("officer", "supervisor", "admin")
        }
        s.add_all([counter, *officers.values()])
    return Env(db, office.id, counter.id, officers)


def add_citizen(env: Env, n: int = 0, **fields: object) -> Citizen:
    id_number, name, folded = CITIZENS[n]
    with env.db.session() as s:
        citizen = Citizen(
            id_number=id_number,
            full_name=name,
            name_folded=folded.lower(),
            date_of_birth=dt.date(1988, 3, 14),
            residence="Phường Thử Nghiệm, Tỉnh Thử Nghiệm",
            ethnicity="Kinh",
            religion="Không",
            **fields,
        )
        s.add(citizen)
    return citizen


def add_dossier(
    env: Env,
    citizen: Citizen,
    status: str = "received",
    returned_at: dt.datetime | None = None,
    code: str | None = None,
) -> Dossier:
    with env.db.session() as s:
        dossier = Dossier(
            code=code or f"000.00.00.H98-260105-{new_id()[:4]}",
            lookup_code=new_id()[:10],
            office_id=env.office_id,
            counter_id=env.counter_id,
            citizen_id=citizen.id,
            officer_id=env.officers["officer"].id,
            procedure_code="602",
            catalog_version="2026.1",
            status=status,
            returned_at=returned_at,
        )
        s.add(dossier)
    return dossier
