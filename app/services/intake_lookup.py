"""What the office already knows about the citizen at the counter.

``citizen_record`` runs on the database worker: it reads the citizen's row and, when
an officer identifies someone, writes the "display" access record in the same
transaction (PDP Law 91/2025: every access is logged)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from app.services import audit
from app.services.identity import Identity
from app.services.storage.db import Database
from app.services.storage.models import Citizen, Dossier

# Fields the chip (or register) holds: locked in every form, compared with the record.
IDENTITY_FIELDS = (
    ("full_name", "Họ và tên"),
    ("dob_text", "Ngày sinh"),
    ("sex", "Giới tính"),
    ("nationality", "Quốc tịch"),
    ("place_of_origin", "Quê quán"),
    ("residence", "Nơi cư trú"),  # the vocabulary's name (app.services.vocabulary)
    ("old_id_number", "Số CMND cũ"),
)
DISPLAY_PURPOSE = "định danh công dân tại bộ phận một cửa"


@dataclass(frozen=True, slots=True)
class Difference:
    label: str
    stored: str
    card: str


@dataclass(frozen=True, slots=True)
class CitizenRecord:
    """What the office already knows about the citizen (local, later central)."""

    known: bool
    citizen_id: str = ""
    bhxh_number: str = ""
    phone: str = ""
    email: str = ""
    differences: tuple[Difference, ...] = ()
    earlier_dossiers: int = 0


def compare(identity: Identity, citizen: Citizen) -> tuple[Difference, ...]:
    out = []
    for name, label in IDENTITY_FIELDS:
        card = str(getattr(identity, name) or "").strip()
        stored = str(getattr(citizen, name) or "").strip()
        if card and stored and card != stored:
            out.append(Difference(label, stored, card))
    return tuple(out)


def citizen_record(db: Database, identity: Identity, officer_id: str | None) -> CitizenRecord:
    """The citizen's record; ``officer_id`` given: the display is logged with it."""
    with db.session() as s:
        citizen = s.scalar(select(Citizen).where(Citizen.id_number == identity.id_number))
        if citizen is None:
            return CitizenRecord(known=False)
        count = s.scalar(
            select(func.count()).select_from(Dossier).where(Dossier.citizen_id == citizen.id)
        )
        if officer_id is not None:
            audit.record(
                s,
                officer_id,
                "display",
                citizen_id=citizen.id,
                purpose=DISPLAY_PURPOSE,
                detail=f"source {identity.source.value}",
            )
        return CitizenRecord(
            known=True,
            citizen_id=citizen.id,
            bhxh_number=citizen.bhxh_number,
            phone=citizen.phone,
            email=citizen.email,
            differences=compare(identity, citizen),
            earlier_dossiers=count or 0,
        )
