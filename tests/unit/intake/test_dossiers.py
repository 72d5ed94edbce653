"""Taking in a dossier: everything saved together, or a clear refusal."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from intake_factories import Env, person, vn
from sqlalchemy import func, select

from app.errors import ErrorKind, UserError
from app.services.dossiers import (
    Contact,
    IntakeOptions,
    IntakeRequest,
    ReceivedPaper,
    create_dossier,
)
from app.services.identity import Checks, IdentitySource, Verdict, identification_of
from app.services.storage.models import (
    AuditEvent,
    Citizen,
    Dossier,
    DossierDocument,
    DossierEvent,
    OutboxItem,
    Procedure,
)

TK1 = {"tk1ts": ReceivedPaper(originals=1)}


def take_in(
    env: Env, code: str = "603", papers=TK1, when: str = "2026-03-02T09:00", n: int = 1, **kw
):
    return create_dossier(
        env.db,
        IntakeRequest(
            person(n),
            env.catalog.get(code),
            papers,
            env.officer,
            env.counter,
            env.office,
            env.settings,
            env.calendar,
            env.catalog.version,
            now=vn(when),
            **kw,
        ),
    )


def count(env: Env, model) -> int:
    with env.db.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_complete_dossier_is_received_with_code_and_appointment(env: Env) -> None:
    d = take_in(env, contact=Contact(phone="0900000000"))
    assert d.code == "000.00.00.H99-260302-5001"  # offline: counter 1's reserve
    assert len(d.lookup_code) == 8
    assert d.status == "received"
    assert d.valid_received_at == vn("2026-03-02T09:00")
    assert d.due_at == vn("2026-03-09T09:00")  # 5 working days
    assert d.catalog_version == env.catalog.version
    with env.db.session() as s:
        saved = s.get(Dossier, d.id)
        assert saved is not None
        assert [(x.name, x.originals, x.received) for x in saved.documents] == [
            (env.catalog.get("603").documents[0].name, 1, True)
        ]
        assert [(e.from_status, e.to_status) for e in saved.events] == [("", "received")]
        citizen = s.get(Citizen, saved.citizen_id)
        assert citizen is not None and citizen.name_folded == "nguyen van an"
        assert citizen.phone == "0900000000"
        outbox = {(o.entity, o.entity_id) for o in s.scalars(select(OutboxItem))}
        assert {("dossier", d.id), ("citizen", citizen.id), ("event", saved.events[0].id)} <= outbox
        assert (
            s.scalar(select(Procedure.definition).where(Procedure.code == "603"))["code"] == "603"
        )


def test_missing_required_paper_gives_no_receipt_and_writes_nothing(env: Env) -> None:
    with pytest.raises(UserError) as err:
        take_in(env, papers={}, options=IntakeOptions())
    assert err.value.kind is ErrorKind.DOCUMENTS_MISSING
    assert err.value.detail == "missing: tk1ts"
    assert count(env, Dossier) == count(env, Citizen) == count(env, OutboxItem) == 0


def test_household_flag_makes_the_appendix_required(env: Env) -> None:
    with pytest.raises(UserError, match="household_appendix"):
        take_in(env, options=IntakeOptions(flags={"household"}))
    d = take_in(
        env,
        papers={**TK1, "household_appendix": ReceivedPaper(originals=1)},
        options=IntakeOptions(flags={"household"}),
    )
    assert len(d.documents) == 2 and all(x.received for x in d.documents)


def test_a_copy_does_not_replace_a_required_original(env: Env) -> None:
    with pytest.raises(UserError):
        take_in(env, papers={"tk1ts": ReceivedPaper(copies=1)})


def test_incomplete_dossier_with_completion_request_has_no_appointment(env: Env) -> None:
    d = take_in(env, papers={}, options=IntakeOptions(completion_request="Thiếu tờ khai TK1-TS"))
    assert d.status == "completion_requested"
    assert d.valid_received_at is None and d.due_at is None
    assert [x.received for x in d.documents] == [False]
    with env.db.session() as s:
        event = s.scalars(select(DossierEvent)).one()
    assert (event.to_status, event.reason) == ("completion_requested", "Thiếu tờ khai TK1-TS")


def test_the_citizen_is_updated_not_duplicated(env: Env) -> None:
    take_in(env, contact=Contact(phone="0900000001"))
    take_in(env, code="610", contact=Contact(email="a@example.invalid"))
    with env.db.session() as s:
        citizen = s.scalars(select(Citizen)).one()
    assert (citizen.phone, citizen.email) == ("0900000001", "a@example.invalid")


def test_after_cutoff_counts_from_the_next_working_day(env: Env) -> None:
    d = take_in(env, when="2026-03-02T17:05")
    assert d.due_at == vn("2026-03-10T16:30")
    assert d.submitted_at == vn("2026-03-02T17:05")


def test_codes_follow_the_vietnamese_day_not_utc(env: Env) -> None:
    # 06:30 in Hà Nội is still the previous day in UTC.
    d = take_in(env, when="2026-03-03T06:30")
    assert "-260303-" in d.code
    assert d.submitted_at.astimezone(dt.UTC).day == 2


def test_unknown_paper_is_a_programming_error(env: Env) -> None:
    with pytest.raises(ValueError):
        take_in(env, papers={**TK1, "passport": ReceivedPaper(originals=1)})


def test_documents_of_a_dossier_stay_in_checklist_order(env: Env) -> None:
    papers = {
        "si_book": ReceivedPaper(originals=1),
        "death_proof": ReceivedPaper(copies=1),
        "relatives_declaration": ReceivedPaper(originals=1),
    }
    d = take_in(env, code="TU-TUAT", papers=papers)
    with env.db.session() as s:
        docs = s.scalars(
            select(DossierDocument)
            .where(DossierDocument.dossier_id == d.id)
            .order_by(DossierDocument.position)
        ).all()
    assert [x.name for x in docs] == [
        x.name for x in env.catalog.get("TU-TUAT").applicable_documents()
    ]
    assert d.due_at == vn("2026-03-16T09:00")  # 10 working days


@pytest.mark.parametrize(
    ("source", "passive", "expected"),
    [
        (IdentitySource.CHIP, Verdict.PASSED, "chip_trusted"),
        (IdentitySource.CHIP, Verdict.NO_CSCA, "chip_no_csca"),
        (IdentitySource.CHIP, Verdict.NOT_CHECKED, "chip_failed"),
        (IdentitySource.PASSPORT, Verdict.PASSED, "chip_trusted"),
        (IdentitySource.QR, Verdict.NOT_CHECKED, "qr"),
        (IdentitySource.TYPED, Verdict.NOT_CHECKED, "typed"),
    ],
)
def test_each_dossier_keeps_how_its_citizen_was_identified(
    env: Env, source: IdentitySource, passive: Verdict, expected: str
) -> None:
    identity = replace(person(), source=source, checks=Checks(passive=passive))
    d = create_dossier(
        env.db,
        IntakeRequest(
            identity,
            env.catalog.get("603"),
            TK1,
            env.officer,
            env.counter,
            env.office,
            env.settings,
            env.calendar,
            env.catalog.version,
            now=vn("2026-03-02T09:00"),
        ),
    )
    with env.db.session() as s:
        saved = s.get(Dossier, d.id)
        assert saved is not None and saved.identified_by == expected


@pytest.mark.parametrize(
    ("source", "passive", "expected"),
    [
        (IdentitySource.TYPED, Verdict.NOT_CHECKED, "register"),
        (IdentitySource.QR, Verdict.NOT_CHECKED, "register"),
        (IdentitySource.CHIP, Verdict.PASSED, "chip_trusted"),  # already proven
        (IdentitySource.CHIP, Verdict.FAILED, "chip_failed"),  # never laundered
    ],
)
def test_an_identity_the_population_register_confirmed_is_recorded_as_register(
    env: Env, source: IdentitySource, passive: Verdict, expected: str
) -> None:
    identity = replace(person(), source=source, checks=Checks(passive=passive))
    d = create_dossier(
        env.db,
        IntakeRequest(
            identity,
            env.catalog.get("603"),
            TK1,
            env.officer,
            env.counter,
            env.office,
            env.settings,
            env.calendar,
            env.catalog.version,
            now=vn("2026-03-02T09:00"),
            options=IntakeOptions(register={"state": "verified", "identity_confirmed": True}),
        ),
    )
    with env.db.session() as s:
        saved = s.get(Dossier, d.id)
        assert saved is not None and saved.identified_by == expected


def test_a_failed_active_authentication_is_never_counted_as_trusted(env: Env) -> None:
    identity = replace(person(), checks=Checks(passive=Verdict.PASSED, active=Verdict.FAILED))
    assert identification_of(identity) == "chip_failed"


def test_the_intake_is_logged_in_the_dossiers_own_transaction(env: Env) -> None:
    d = take_in(env)
    with env.db.session() as s:
        (logged,) = s.scalars(select(AuditEvent))
        assert (logged.action, logged.dossier_id, logged.citizen_id) == (
            "change",
            d.id,
            d.citizen_id,
        )
        assert logged.officer_id == env.officer.id and logged.detail == "procedure 603"

    def scans_fail(session, citizen_id):  # type: ignore[no-untyped-def]
        raise OSError("disk full")  # after the dossier's rows were added

    with pytest.raises(OSError):
        take_in(env, n=2, options=IntakeOptions(import_attachments=scans_fail))
    assert count(env, Dossier) == 1 and count(env, AuditEvent) == 1  # neither was kept
