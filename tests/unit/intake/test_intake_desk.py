"""The intake screen's database work, as the worker runs it: the citizen's record with
its access record, the draft kept between restarts, the save with its papers."""

from __future__ import annotations

from dataclasses import replace

from intake_factories import Env, person
from sqlalchemy import select

from app.services import intake_draft
from app.services.dossiers import Contact, ReceivedPaper
from app.services.intake_lookup import citizen_record
from app.services.intake_save import CounterIntake, log_printed, save_intake
from app.services.security.accounts import SignedIn
from app.services.storage.models import AuditEvent


def _signed_in(env: Env) -> SignedIn:
    return SignedIn(
        env.officer.id, "canbo1", "Cán Bộ Một", "officer", env.office.id, env.office.code, ""
    )


def _audit(env: Env) -> list[tuple[str, str | None]]:
    with env.db.session() as s:
        return [
            (e.action, e.dossier_id) for e in s.scalars(select(AuditEvent).order_by(AuditEvent.seq))
        ]


def _save(env: Env, n: int = 1):  # type: ignore[no-untyped-def]
    intake = CounterIntake(
        person(n),
        env.catalog.get("603"),
        {"tk1ts": ReceivedPaper(originals=1)},
        Contact(phone="0900000001"),
    )
    return save_intake(
        env.db, env.settings, _signed_in(env), env.calendar, env.catalog.version, intake
    )


def test_a_newcomer_has_no_record_and_nothing_is_logged(env: Env) -> None:
    record = citizen_record(env.db, person(), env.officer.id)
    assert not record.known and record.citizen_id == ""
    assert _audit(env) == []


def test_a_known_citizen_shows_differences_and_the_display_is_logged(env: Env) -> None:
    saved = _save(env)
    moved = replace(person(), residence="Phường Mới, Tỉnh Mẫu")
    record = citizen_record(env.db, moved, env.officer.id)
    assert record.known and record.earlier_dossiers == 1 and record.phone == "0900000001"
    assert [(d.label, d.card) for d in record.differences] == [
        ("Nơi cư trú", "Phường Mới, Tỉnh Mẫu")
    ]
    assert _audit(env) == [("change", saved.dossier_id), ("display", None)]
    citizen_record(env.db, moved, None)  # restoring a draft: no officer looked anew
    assert len(_audit(env)) == 2


def test_the_save_renders_the_receipt_and_printing_is_logged(env: Env) -> None:
    saved = _save(env)
    assert saved.receipt_pdf.startswith(b"%PDF") and saved.due_at is not None
    assert saved.tk1ts_pdf is not None  # 603 needs the declaration
    log_printed(env.db, env.officer.id, saved.dossier_id, "receipt")
    assert _audit(env) == [("change", saved.dossier_id), ("print", saved.dossier_id)]


def test_a_draft_comes_back_with_the_citizens_record(env: Env) -> None:
    assert intake_draft.restore(env.db) is None
    intake_draft.save(
        env.db,
        {"identity": intake_draft.identity_to_json(person()), "procedure_code": "603"},
    )
    found = intake_draft.restore(env.db)
    assert found is not None and found.identity == person()
    assert found.values["procedure_code"] == "603" and found.record is not None
    intake_draft.clear(env.db)
    assert intake_draft.restore(env.db) is None


def test_an_unreadable_draft_is_dropped(env: Env) -> None:
    intake_draft.save(env.db, {"identity": {"id_number": "999000000001"}})  # an old format
    found = intake_draft.restore(env.db)
    assert found is not None and found.identity is None
    assert intake_draft.load(env.db) is None
