"""Application logs carry no personal data: a realistic run at DEBUG, then a scan of
everything logged (and every error text an officer or a crash report would see) for
the citizens' names, with and without diacritics, and their ID numbers."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

import pytest
from security_factories import CITIZENS, PASSWORD, add_dossier, personal_needles, seed
from sqlalchemy.exc import IntegrityError

from app.errors import UserError
from app.services import audit, privacy
from app.services.forms.subject_export import subject_pdf
from app.services.security import accounts, blobs
from app.services.security.database import open_local, rotate_local
from app.services.security.passwords import hash_password
from app.services.security.permissions import SYSTEM_ADMIN
from app.services.storage.models import Citizen, OutboxItem


@dataclass
class Who:
    role: str


@dataclass
class Remote:
    id: str
    office_code: str
    username: str
    full_name: str
    role: str
    password_hash: str
    active: bool = True


def _needles() -> list[str]:
    return personal_needles()


def test_a_realistic_session_logs_no_personal_data(memory_keyring, caplog, tmp_path):
    caplog.set_level(logging.DEBUG)  # the most a support call could switch on
    errors: list[str] = []

    db = open_local()
    env = seed(db)
    with pytest.raises(UserError) as err:
        accounts.authenticate(db, "officer1", "wrong")
    errors.append(str(err.value))
    who = accounts.authenticate(db, "supervisor1", PASSWORD)

    citizens = []
    for id_number, name, folded in CITIZENS:
        with db.session() as s:
            c = Citizen(
                id_number=id_number,
                full_name=name,
                name_folded=folded.lower(),
                residence=f"Nhà của {name}",
                ethnicity="Kinh",
            )
            s.add(c)
            s.flush()
            audit.record(s, who.officer_id, "display", citizen_id=c.id, purpose="Tiếp nhận")
            citizens.append(c)
    dossier = add_dossier(
        env, citizens[0], "returned", returned_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    )
    with db.session() as s:
        s.add(OutboxItem(entity="dossier", entity_id=dossier.id, payload={}, state="sent"))

    # Failures carrying the data in the offending value.
    with pytest.raises(UserError) as err, db.session() as s:
        s.get(Citizen, citizens[1].id).full_name = CITIZENS[1][1] * 20
    errors.append(str(err.value))
    with pytest.raises(IntegrityError) as crash, db.session() as s:
        s.add(Citizen(id_number=CITIZENS[2][0], full_name=CITIZENS[2][1], name_folded="x"))
    errors.append(str(crash.value))  # what a crash report would quote
    assert "parameters hidden" in errors[-1]
    accounts.apply_remote_accounts(
        db, [Remote("r" * 36, "000.00.00.H98", CITIZENS[0][2], CITIZENS[0][1], "root", "plain")]
    )
    accounts.apply_remote_accounts(
        db,
        [
            Remote(
                "s" * 36,
                "000.00.00.H98",
                "nv9",
                "Cán Bộ Chín",
                "officer",
                hash_password("mật-khẩu-chín"),
            )
        ],
    )

    data = privacy.export_subject(db, Who("supervisor"), who.officer_id, citizens[0].id)
    subject_pdf(data)
    privacy.purge_expired(db, 30, actor=SYSTEM_ADMIN)
    stored = blobs.encrypt_blob(f"scan of {CITIZENS[0][1]}".encode())
    blobs.decrypt_blob(stored)
    assert audit.verify(db) == []
    accounts.record_session_event(db, who.officer_id, "logout")
    db.dispose()
    rotate_local(actor=SYSTEM_ADMIN)
    open_local().dispose()

    logged = caplog.text + "\n".join(str(r.args) + (r.exc_text or "") for r in caplog.records)
    assert "retention purge" in logged and "database key rotated" in logged  # we did log
    haystack = logged + "\n".join(errors)
    leaks = [n for n in _needles() if n in haystack]
    assert leaks == [], f"personal data in logs or error texts: {leaks}"
