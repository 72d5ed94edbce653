"""A fictitious population register and BHXH registry, plus demo offices and officers.

Everyone here is invented. The people of the virtual card profiles
(``resources/cards/*.json``) are seeded with the same ID numbers, names and dates of
birth, so a card read in the demo finds its register record; the rest comes from a
seeded generator, so ``seed --volume N`` gives the same population every time.

Number layouts used (fictitious values, real shapes):
- ID number: 3-digit province of birth registration, 1 digit century and sex
  (1900s: 0 male, 1 female; 2000s: 2 male, 3 female), 2-digit birth year, 6 digits.
- BHXH number: 10 digits, no check digit (derived here from the ID number).
- health-insurance card: 2 letters group, 1 digit benefit level, 2-digit province,
  then the 10-digit BHXH number (the 10 digits alone are the post-2021 short form).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.shared import paths
from central import backoffice
from central.life_events.samples import seed_areas
from central.models import HealthCard, Household, Office, Officer, Participant, Person

DEMO_OFFICE = "000.00.00.H00"  # the app's default office code: demo mode works as installed
OFFICES = [
    (DEMO_OFFICE, "Bảo hiểm xã hội cơ sở (trình diễn)", "01"),
    ("000.00.01.H01", "Bảo hiểm xã hội cơ sở Thử Nghiệm Một", "01"),
    ("000.00.79.H79", "Bảo hiểm xã hội cơ sở Thử Nghiệm Hai", "79"),
]
DEMO_OFFICERS = [  # username, full name, role, password (demo only)
    # the counter's demo officer: same name, role and (public, demo-only) password
    ("demo", "Cán bộ Trình Diễn", "supervisor", "demo"),
    ("giamsat", "Giám Sát Trình Diễn", "supervisor", "demo-2026"),
]

PROVINCES = ["001", "031", "038", "040", "046", "048", "079", "092"]
HOSPITALS = {
    "01": "Trạm y tế xã thử nghiệm số 1 (Hà Nội)",
    "79": "Trạm y tế phường thử nghiệm số 2 (TP. Hồ Chí Minh)",
    "48": "Trung tâm y tế thử nghiệm (Đà Nẵng)",
}
SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE_M = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Công", "Thành"]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Phương"]
GIVEN_M = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hải",
    "Hùng",
    "Khánh",
    "Long",
    "Nam",
    "Phúc",
    "Quang",
    "Sơn",
    "Tâm",
    "Thắng",
    "Trung",
    "Việt",
]
GIVEN_F = [
    "Anh",
    "Chi",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hoa",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Ngân",
    "Nhung",
    "Oanh",
    "Trang",
    "Yến",
]
STREETS = [
    "Lê Lợi",
    "Trần Hưng Đạo",
    "Nguyễn Trãi",
    "Hai Bà Trưng",
    "Lý Thường Kiệt",
    "Quang Trung",
    "Phan Chu Trinh",
]
PLACES = {
    "001": "Phường Thử Nghiệm, Hà Nội",
    "031": "Xã Thử Nghiệm, Hải Phòng",
    "038": "Xã Thử Nghiệm, Thanh Hóa",
    "040": "Xã Thử Nghiệm, Nghệ An",
    "046": "Phường Thử Nghiệm, Huế",
    "048": "Phường Thử Nghiệm, Đà Nẵng",
    "079": "Phường Thử Nghiệm, Thành phố Hồ Chí Minh",
    "092": "Phường Thử Nghiệm, Cần Thơ",
}
GROUPS = ["DN", "HT", "GD", "TE", "HS", "HN"]
# Where each seeded office's families live (life events are routed by residence).
OFFICE_AREAS = {
    DEMO_OFFICE: [place for code, place in PLACES.items() if code != "079"] + ["Hà Nội"],
    "000.00.79.H79": [PLACES["079"], "Thành phố Hồ Chí Minh"],
}


@dataclass
class Citizen:
    id_number: str
    full_name: str
    date_of_birth: dt.date
    sex: str  # Nam / Nữ
    place_of_origin: str
    residence: str
    ethnicity: str = "Kinh"
    nationality: str = "Việt Nam"
    relation: str = "Chủ hộ"


@dataclass
class Home:
    code: str
    address: str
    members: list[Citizen] = field(default_factory=list)


def id_number(rng: random.Random, province: str, born: dt.date, sex: str, taken: set[str]) -> str:
    century = 0 if born.year < 2000 else 2
    digit = century + (1 if sex == "Nữ" else 0)
    while True:
        value = f"{province}{digit}{born.year % 100:02d}{rng.randrange(10**6):06d}"
        if value not in taken:
            taken.add(value)
            return value


def _name(rng: random.Random, sex: str, surname: str | None = None) -> str:
    middle = rng.choice(MIDDLE_F if sex == "Nữ" else MIDDLE_M)
    given = rng.choice(GIVEN_F if sex == "Nữ" else GIVEN_M)
    return f"{surname or rng.choice(SURNAMES)} {middle} {given}"


def _born(rng: random.Random, low: int, high: int) -> dt.date:
    start = dt.date(low, 1, 1).toordinal()
    return dt.date.fromordinal(rng.randrange(start, dt.date(high, 12, 31).toordinal()))


def card_profiles(folder: Path | None = None) -> list[dict[str, Any]]:
    """Holders of the virtual card profiles that carry a 12-digit Vietnamese ID number."""
    folder = folder or paths.RESOURCES / "cards"
    holders = []
    for path in sorted(folder.glob("*.json")):
        try:
            holder = json.loads(path.read_text(encoding="utf-8")).get("holder") or {}
        except (OSError, ValueError):
            continue
        if str(holder.get("id_number", "")).isdigit() and len(holder["id_number"]) == 12:
            holders.append(holder)
    return holders


def _profile_homes(rng: random.Random, taken: set[str]) -> Iterator[Home]:
    for n, holder in enumerate(card_profiles()):
        sex = "Nữ" if holder.get("sex") in ("F", "Nữ") else "Nam"
        born = dt.date.fromisoformat(holder["birth"])
        head = Citizen(
            id_number=holder["id_number"],
            full_name=holder["full_name"],
            date_of_birth=born,
            sex=sex,
            place_of_origin=holder.get("hometown", ""),
            residence=holder.get("residence", ""),
            ethnicity=holder.get("ethnicity", "Kinh"),
            nationality=holder.get("nationality", "Việt Nam"),
        )
        taken.add(head.id_number)
        home = Home(code=f"HK{n + 1:08d}", address=head.residence, members=[head])
        if spouse := holder.get("spouse"):
            s_sex = "Nam" if sex == "Nữ" else "Nữ"
            s_born = born.replace(year=born.year - 2)
            home.members.append(
                Citizen(
                    id_number=id_number(rng, holder["id_number"][:3], s_born, s_sex, taken),
                    full_name=spouse,
                    date_of_birth=s_born,
                    sex=s_sex,
                    place_of_origin=head.place_of_origin,
                    residence=head.residence,
                    relation="Chồng" if sex == "Nữ" else "Vợ",
                )
            )
        yield home


def generate(volume: int, seed: int = 2026) -> list[Home]:
    """The card-profile households first, then generated ones up to ``volume`` people."""
    rng = random.Random(seed)
    taken: set[str] = set()
    homes = list(_profile_homes(rng, taken))
    count = sum(len(h.members) for h in homes)
    n = len(homes)
    while count < volume:
        n += 1
        province = rng.choice(PROVINCES)
        address = f"Số {rng.randint(1, 300)} đường {rng.choice(STREETS)}, {PLACES[province]}"
        surname = rng.choice(SURNAMES)
        head_sex = rng.choice(["Nam", "Nữ"])
        head_born = _born(rng, 1950, 2000)
        members = [
            Citizen(
                id_number=id_number(rng, province, head_born, head_sex, taken),
                full_name=_name(rng, head_sex, surname),
                date_of_birth=head_born,
                sex=head_sex,
                place_of_origin=PLACES[rng.choice(PROVINCES)],
                residence=address,
            )
        ]
        size = min(rng.choice([1, 2, 3, 4, 4, 5]), volume - count)
        if size >= 2:
            sex = "Nữ" if head_sex == "Nam" else "Nam"
            born = _born(rng, head_born.year - 3, min(head_born.year + 5, 2004))
            members.append(
                Citizen(
                    id_number=id_number(rng, province, born, sex, taken),
                    full_name=_name(rng, sex),
                    date_of_birth=born,
                    sex=sex,
                    place_of_origin=PLACES[rng.choice(PROVINCES)],
                    residence=address,
                    relation="Vợ" if head_sex == "Nam" else "Chồng",
                )
            )
        for _ in range(size - len(members)):
            sex = rng.choice(["Nam", "Nữ"])
            born = _born(rng, min(head_born.year + 20, 2024), min(head_born.year + 40, 2025))
            members.append(
                Citizen(
                    id_number=id_number(rng, province, born, sex, taken),
                    full_name=_name(rng, sex, surname),
                    date_of_birth=born,
                    sex=sex,
                    place_of_origin=members[0].place_of_origin,
                    residence=address,
                    relation="Con",
                )
            )
        homes.append(Home(code=f"HK{n:08d}", address=address, members=members))
        count += len(members)
    return homes


def bhxh_number(person: Citizen) -> str:
    # Derived from the ID number so the registry is reproducible and the numbers unique
    # (one digit for the province of the list, then the ID's nine other digits); still a
    # separate 10-digit linked key, as in the real registry.
    index = PROVINCES.index(person.id_number[:3]) if person.id_number[:3] in PROVINCES else 9
    return f"{index}{person.id_number[3:]}"


def declared_identity(person: Citizen, bhxh: str, *, profile: bool) -> dict[str, Any]:
    """The identity the BHXH registry holds for a participant: the register's, except
    for about one generated person in a hundred (a typo in the name, a wrong day of
    birth, the wrong sex), as found when registries are compared. Card-profile people
    always match, so the demo's cards verify."""
    row = {
        "bhxh_number": bhxh,
        "id_number": person.id_number,
        "full_name": person.full_name,
        "date_of_birth": person.date_of_birth,
        "sex": person.sex,
        "version": 1,
    }
    flaw = 999 if profile else zlib.crc32(person.id_number.encode()) % 1000
    if flaw < 5:
        row["full_name"] = person.full_name.rsplit(" ", 1)[0]  # given name left out
    elif flaw < 9:
        row["date_of_birth"] = person.date_of_birth + dt.timedelta(days=1)
    elif flaw < 10:
        row["sex"] = "Nam" if person.sex == "Nữ" else "Nữ"
    return row


def card_rows(person: Citizen, bhxh: str) -> list[dict[str, Any]]:
    age = 2026 - person.date_of_birth.year
    group = (
        "TE"
        if age < 6
        else "HS"
        if age < 18
        else "HT"
        if age >= 60
        else (GROUPS[int(person.id_number[-1]) % 3])
    )
    level = {"TE": 1, "HT": 2, "HS": 4}.get(group, 4)
    province = person.id_number[1:3]
    hospital = HOSPITALS.get(province, "Trạm y tế thử nghiệm")
    this_year = dict(
        card_number=f"{group}{level}{province}{bhxh}",
        bhxh_number=bhxh,
        beneficiary_group=group,
        benefit_level=level,
        province_code=province,
        hospital=hospital,
        valid_from=dt.date(2026, 1, 1),
        valid_to=dt.date(2026, 12, 31),
    )
    return [this_year]


def seed(
    session: Session,
    volume: int = 200,
    *,
    seed: int = 2026,
    hasher: PasswordHasher | None = None,
) -> dict[str, int]:
    """Idempotent: offices, demo officers and the register; rows already there are kept.

    ``hasher``: tests pass cheap argon2 parameters (the default costs ≈0.5 s a hash)."""
    added = {"offices": 0, "officers": 0, "people": 0}
    for code, name, province in OFFICES:
        if session.get(Office, code) is None:
            session.add(Office(code=code, name=name, province_code=province))
            added["offices"] += 1
    session.flush()
    hasher = hasher or PasswordHasher()
    for username, full_name, role, password in DEMO_OFFICERS:
        if session.scalar(select(Officer.id).where(Officer.username == username)) is None:
            backoffice.save_officer(
                session, DEMO_OFFICE, username, full_name, role, hasher.hash(password)
            )
            added["officers"] += 1

    homes = generate(volume, seed)
    profile_last = f"HK{len(card_profiles()):08d}"
    existing = set(session.scalars(select(Person.id_number)))
    known_homes = set(session.scalars(select(Household.code)))
    people: list[dict[str, Any]] = []
    participants: list[dict[str, Any]] = []
    cards: list[dict[str, Any]] = []
    new_homes = []
    for home in homes:
        if home.code not in known_homes:
            new_homes.append({"code": home.code, "address": home.address})
        for p in home.members:
            if p.id_number in existing:
                continue
            people.append(
                dict(
                    id_number=p.id_number,
                    full_name=p.full_name,
                    date_of_birth=p.date_of_birth,
                    dob_text=p.date_of_birth.strftime("%d/%m/%Y"),
                    sex=p.sex,
                    nationality=p.nationality,
                    ethnicity=p.ethnicity,
                    place_of_origin=p.place_of_origin,
                    residence=p.residence,
                    household_code=home.code,
                    relation=p.relation,
                )
            )
            bhxh = bhxh_number(p)
            participants.append(declared_identity(p, bhxh, profile=home.code <= profile_last))
            cards.extend(card_rows(p, bhxh))
    for table, rows in (
        (Household, new_homes),
        (Person, people),
        (Participant, participants),
        (HealthCard, cards),
    ):
        for i in range(0, len(rows), 2000):
            session.execute(insert(table), rows[i : i + 2000])
    added["people"] = len(people)
    session.flush()
    added["office_areas"] = seed_areas(session, OFFICE_AREAS)
    return added
