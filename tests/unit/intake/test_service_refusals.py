"""Cancel, purge, a next-day reprint and account management, called straight on the
services (no dialog in between): an officer is refused and nothing changes; the
proper role succeeds."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import pytest
from intake_factories import Env, person, vn
from pypdf import PdfReader
from sqlalchemy import func, select

from app.errors import ErrorKind, UserError
from app.services import privacy, reprint
from app.services.dossiers import IntakeOptions, IntakeRequest, ReceivedPaper, create_dossier
from app.services.lifecycle import DeadlineRules, transition
from app.services.security import accounts
from app.services.storage.models import AuditEvent, Dossier, Officer


@dataclass(frozen=True)
class Actor:
    role: str


OFFICER, SUPERVISOR, ADMIN = Actor("officer"), Actor("supervisor"), Actor("admin")


def _refused(call) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError) as err:
        call()
    assert err.value.kind is ErrorKind.PERMISSION_DENIED


def _take_in(env: Env, n: int, when: str) -> Dossier:
    procedure = env.catalog.get("603")
    papers = {d.id: ReceivedPaper(originals=d.count) for d in procedure.required_documents()}
    return create_dossier(
        env.db,
        IntakeRequest(
            person(n, "Khúc Thị Thử"), procedure, papers, env.officer, env.counter,
            env.office, env.settings, env.calendar, env.catalog.version, now=vn(when),
            options=IntakeOptions(),
        ),
    )  # fmt: skip


def _cancel(env: Env, dossier_id: str, actor: Actor) -> None:
    with env.db.session() as s:
        d = s.get(Dossier, dossier_id)
        assert d is not None
        transition(
            s, d, "cancelled", env.officer.id, "công dân rút hồ sơ", now=vn("2026-03-02T15:00"),
            rules=DeadlineRules(env.calendar, env.settings.cutoff_time), actor=actor,
        )  # fmt: skip


def _status(env: Env, dossier_id: str) -> str:
    with env.db.session() as s:
        return s.get(Dossier, dossier_id).status  # type: ignore[union-attr]


def test_cancelling_is_refused_to_an_officer_and_done_for_a_supervisor(env: Env) -> None:
    dossier = _take_in(env, 1, "2026-03-02T09:00")
    _refused(lambda: _cancel(env, dossier.id, OFFICER))
    assert _status(env, dossier.id) == "received"
    _cancel(env, dossier.id, SUPERVISOR)
    assert _status(env, dossier.id) == "cancelled"


def test_purging_is_refused_to_an_officer_and_done_for_a_supervisor(env: Env, tmp_path) -> None:
    dossier = _take_in(env, 2, "2026-03-02T09:00")
    _cancel(env, dossier.id, SUPERVISOR)
    with env.db.session() as s:  # pretend the central service has it
        from app.services.storage.models import OutboxItem

        for item in s.scalars(select(OutboxItem)):
            item.state = "sent"
    later = vn("2027-06-01T09:00")
    root = tmp_path / "attachments"
    _refused(lambda: privacy.purge_expired(env.db, 30, later, attachments_root=root, actor=OFFICER))
    assert _status(env, dossier.id) == "cancelled"
    report = privacy.purge_expired(env.db, 30, later, attachments_root=root, actor=SUPERVISOR)
    assert report.dossiers == 1
    with env.db.session() as s:
        assert s.get(Dossier, dossier.id) is None


def _pdf_text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_receipt_reprint_the_next_day_needs_a_supervisor(env: Env) -> None:
    dossier = _take_in(env, 3, "2026-03-02T09:00")
    same_day, next_day = vn("2026-03-02T16:00"), vn("2026-03-03T08:05")

    def again(actor: Actor, now: dt.datetime) -> bytes:
        return reprint.reprint_receipt(
            env.db, actor, env.officer.id, dossier.id, env.catalog, env.settings, now=now
        )

    assert dossier.code in _pdf_text(again(OFFICER, same_day))  # a paper jam: routine
    _refused(lambda: again(OFFICER, next_day))
    text = _pdf_text(again(SUPERVISOR, next_day))
    assert dossier.code in text and "GIẤY TIẾP NHẬN" in text.upper()
    with env.db.session() as s:
        reprints = s.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "print", AuditEvent.dossier_id == dossier.id)
        )
    assert reprints == 2  # the refused one printed nothing and logged no print


def test_the_next_day_counts_from_the_first_print_on_vietnam_days(env: Env) -> None:
    dossier = _take_in(env, 4, "2026-03-02T23:30")  # 23:30 in Hà Nội
    now = vn("2026-03-02T23:50")
    reprint.may_reprint(env.db, OFFICER, dossier.id, now)
    _refused(lambda: reprint.may_reprint(env.db, OFFICER, dossier.id, now + dt.timedelta(hours=1)))


def test_accounts_are_created_and_deactivated_by_an_administrator_only(env: Env) -> None:
    office_id = env.office.id
    for actor in (OFFICER, SUPERVISOR, None):
        _refused(
            lambda a=actor: accounts.create_officer(
                env.db, a, office_id, "canbo9", "Cán Bộ Chín", "mật-khẩu-dài-9", "admin"
            )
        )
    with env.db.session() as s:
        assert s.scalar(select(Officer).where(Officer.username == "canbo9")) is None
    new_id = accounts.create_officer(
        env.db, ADMIN, office_id, "CanBo9", "Cán Bộ Chín", "mật-khẩu-dài-9", "officer"
    )
    assert accounts.authenticate(env.db, "canbo9", "mật-khẩu-dài-9").role == "officer"
    _refused(lambda: accounts.deactivate_officer(env.db, SUPERVISOR, new_id))
    accounts.deactivate_officer(env.db, ADMIN, new_id)
    with pytest.raises(UserError):
        accounts.authenticate(env.db, "canbo9", "mật-khẩu-dài-9")


def test_the_first_run_admin_only_while_the_store_has_no_account(env: Env) -> None:
    _refused(
        lambda: accounts.create_first_admin(
            env.db, env.office.id, "admin2", "Người Lạ", "mật-khẩu-dài-0"
        )
    )
    with env.db.session() as s:
        assert s.scalar(select(Officer).where(Officer.username == "admin2")) is None
