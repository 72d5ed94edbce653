"""Fictitious office, counter, officer and citizens for the intake tests.

ID numbers start with 999, a province code that does not exist, so none can be a
real person's; names are generic placeholders.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.services.calendar import VN_TZ, WorkCalendar, load_calendar
from app.services.catalog import Catalog
from app.services.identity import Identity, IdentitySource
from app.services.storage.db import Database
from app.services.storage.models import Counter, Office, Officer
from app.settings import Settings
from app.shared import paths

OFFICE_CODE = "000.00.00.H99"


@dataclass
class Env:
    db: Database
    office: Office
    counter: Counter
    officer: Officer
    settings: Settings
    calendar: WorkCalendar
    catalog: Catalog


def seed(db: Database, counter_number: int = 1) -> Env:
    with db.session() as s:
        office = Office(code=OFFICE_CODE, name="Bảo hiểm xã hội cơ sở Thử Nghiệm")
        s.add(office)
        s.flush()
        counter = Counter(office_id=office.id, number=counter_number, name=f"Quầy {counter_number}")
        officer = Officer(
            office_id=office.id, username="canbo1", full_name="Cán Bộ Một", password_hash="x"
        )
        s.add_all([counter, officer])
    return Env(
        db=db,
        office=office,
        counter=counter,
        officer=officer,
        settings=Settings(office_code=OFFICE_CODE, counter_number=counter_number),
        calendar=load_calendar(),
        catalog=Catalog.load(paths.RESOURCES / "procedures"),
    )


def add_counter(env: Env, number: int) -> Counter:
    with env.db.session() as s:
        counter = Counter(office_id=env.office.id, number=number, name=f"Quầy {number}")
        s.add(counter)
    return counter


def person(n: int = 1, name: str = "Nguyễn Văn An") -> Identity:
    return Identity(
        id_number=f"999{n:09d}",
        full_name=name,
        date_of_birth=dt.date(1990, 1, 1),
        sex="Nam",
        source=IdentitySource.CHIP,
        dob_text="01/01/1990",
        residence="Xã Thử Nghiệm, Tỉnh Mẫu",
    )


def vn(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=VN_TZ)
