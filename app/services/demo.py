"""Demo data: an office, a counter, an officer and a few fictitious citizens.

Every name and number here is invented. The demo officer's password is public by
design (shown on the log-in screen); it exists only in the demo database.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from app.settings import Settings

if TYPE_CHECKING:
    from app.services.storage.db import Database

DEMO_USER = "demo"
DEMO_PASSWORD = "demo"
DEMO_OFFICE_CODE = "000.00.00.H00"  # the seed office of the embedded central service

CITIZENS = [
    # id_number, name, dob, sex, residence, bhxh number
    # The two card holders of resources/cards (the stored address of the first is an
    # old one, so the intake screen shows a difference to the chip).
    (
        "001188012345",
        "Trần Thị Thu Hà",
        dt.date(1988, 3, 15),
        "Nữ",
        "Số 8 phố Hàng Bông, Phường Hàng Trống, Quận Hoàn Kiếm, Thành phố Hà Nội",
        "0188012345",
    ),
    (
        "079201004567",
        "Lê Văn Đức",
        dt.date(2001, 7, 20),
        "Nam",
        "Số 45 đường Nguyễn Trãi, Phường Phạm Ngũ Lão, Quận 1, Thành phố Hồ Chí Minh",
        "7901004567",
    ),
    (
        "001090012345",
        "Nguyễn Văn An",
        dt.date(1990, 1, 1),
        "Nam",
        "Phường Ba Đình, Thành phố Hà Nội",
        "0190012345",
    ),
    (
        "079195004321",
        "Trần Thị Bích Ngọc",
        dt.date(1995, 7, 15),
        "Nữ",
        "Phường Bến Thành, Thành phố Hồ Chí Minh",
        "7995004321",
    ),
    (
        "048085000777",
        "Lê Đức Thắng",
        dt.date(1985, 11, 30),
        "Nam",
        "Phường Hải Châu, Thành phố Đà Nẵng",
        "4885000777",
    ),
]


DEMO_OFFICE = {
    "code": DEMO_OFFICE_CODE,
    "name": "Bảo hiểm xã hội cơ sở Demo",
    "parent_name": "BẢO HIỂM XÃ HỘI TỈNH DEMO",
    "place_name": "Hà Nội",
}


def demo_settings(settings: Settings) -> Settings:
    """The officer's own settings with the demo office in place of theirs."""
    return settings.replace(
        office_code=DEMO_OFFICE["code"],
        office_name=DEMO_OFFICE["name"],
        parent_agency=DEMO_OFFICE["parent_name"],
        place_name=DEMO_OFFICE["place_name"],
        counter_number=1,
    )


# The test CSCAs that sign the demo cards' Document Signers (resources/cards/pki: the
# Vietnamese cards and the foreign passport): trusted in demo mode, so officers in
# training see what a genuine card (green) looks like.
DEMO_CSCA_FILES = ("test-csca.der", "test-csca-uto.der")


def ensure_demo_trust() -> list[Path]:
    """Copy the demo's own test CSCA into the demo trust folder (never the office's)."""
    from app.shared import paths

    folder = paths.trust_dir(demo=True)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in DEMO_CSCA_FILES:
        target = folder / name
        if not target.exists():
            shutil.copyfile(paths.RESOURCES / "cards" / "pki" / name, target)
        written.append(target)
    return written


def ensure_demo_data(db: Database) -> None:
    # Imported here: the log-in window shows the demo constants before the ORM loads.
    from sqlalchemy import select

    from app.services.security.passwords import hash_password
    from app.services.storage.models import Citizen, Counter, Office, Officer
    from app.shared.folding import fold

    ensure_demo_trust()
    with db.session() as s:
        if s.scalar(select(Office).where(Office.code == DEMO_OFFICE_CODE)) is not None:
            return
        office = Office(**DEMO_OFFICE, province_code="01")
        s.add(office)
        s.flush()
        s.add(Counter(office_id=office.id, number=1, name="Quầy 1"))
        s.add(
            Officer(
                office_id=office.id,
                username=DEMO_USER,
                full_name="Cán bộ Trình Diễn",
                role="supervisor",
                password_hash=hash_password(DEMO_PASSWORD),
            )
        )
        for id_number, name, dob, sex, residence, bhxh in CITIZENS:
            s.add(
                Citizen(
                    id_number=id_number,
                    full_name=name,
                    name_folded=fold(name),
                    date_of_birth=dob,
                    dob_text=dob.strftime("%d/%m/%Y"),
                    sex=sex,
                    residence=residence,
                    bhxh_number=bhxh,
                )
            )
