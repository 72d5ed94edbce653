"""What the register check's results are read for.

- ``work_list``: participants whose BHXH record differs from the population register
  (or whose ID number it does not hold), with what differs, whom to call (the phone an
  office recorded for the citizen) and the procedure that corrects it;
- ``state_of``: the state of one ID number, for the counter that has just identified
  the citizen;
- ``summary``: counts by outcome, "not checked yet" included, and the latest run.
"""

from __future__ import annotations

from collections import defaultdict

from pydantic import Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.shared import wire
from app.shared.register_wire import ADJUST_PROCEDURE, FieldDifference, RegisterState
from central.models import Participant, Person, SyncedRow
from central.register import same_name
from central.register_check.models import (
    DIFFERS,
    NOT_CHECKED,
    NOT_FOUND,
    OUTCOMES,
    RegisterCheck,
    RegisterCheckRun,
)

PROCEDURE_NAME = "Điều chỉnh thông tin"


class Contact(wire.Wire):
    office_code: str
    phone: str = ""


class WorkItem(wire.Wire):
    bhxh_number: str
    id_number: str
    full_name: str  # as the BHXH registry holds it
    outcome: str
    differences: list[FieldDifference]
    checked_at: wire.UTC
    source: str
    procedure_code: str = ADJUST_PROCEDURE
    procedure_name: str = PROCEDURE_NAME
    contacts: list[Contact] = Field(default_factory=list)
    note: str = ""  # not checked: why the register did not answer (retried next run)


class WorkList(wire.Wire):
    total: int
    items: list[WorkItem]


class RunInfo(wire.Wire):
    id: int
    status: str
    source: str
    started_at: wire.UTC
    updated_at: wire.UTC
    finished_at: wire.UTC | None
    done: int
    total: int
    resumed: int


class Summary(wire.Wire):
    participants: int
    outcomes: dict[str, int]  # verified / differs / not_found / not_checked
    latest_run: RunInfo | None = None


def _citizen_id_number():  # type: ignore[no-untyped-def]
    return SyncedRow.data["id_number"].as_string()


def _contacts(session: Session, id_numbers: list[str]) -> dict[str, list[Contact]]:
    found: dict[str, list[Contact]] = defaultdict(list)
    if not id_numbers:
        return found
    rows = session.execute(
        select(SyncedRow.office_code, SyncedRow.data).where(
            SyncedRow.entity == "citizen", _citizen_id_number().in_(id_numbers)
        )
    ).all()
    for office, data in rows:
        found[str(data.get("id_number", ""))].append(
            Contact(office_code=office, phone=str(data.get("phone", "")))
        )
    return found


def work_list(
    session: Session,
    *,
    office: str | None = None,
    field: str | None = None,
    outcomes: tuple[str, ...] = (DIFFERS, NOT_FOUND),
    limit: int = 100,
    offset: int = 0,
) -> WorkList:
    """``office``: only citizens that office has served; ``field``: only this difference."""
    query = (
        select(RegisterCheck, Participant.full_name)
        .join(Participant, Participant.bhxh_number == RegisterCheck.bhxh_number)
        .where(RegisterCheck.outcome.in_(outcomes))
        # a result about an older version of the record is no longer true: it waits
        # for the next run instead of sending staff to correct what was corrected
        .where(RegisterCheck.participant_version == Participant.version)
    )
    if office:
        served = select(_citizen_id_number()).where(
            SyncedRow.entity == "citizen", SyncedRow.office_code == office
        )
        query = query.where(RegisterCheck.id_number.in_(served))
    query = query.order_by(RegisterCheck.bhxh_number)
    if field:  # JSON list filtering differs per database: filter the (short) list here
        rows = [
            r
            for r in session.execute(query).all()
            if any(d.get("field") == field for d in r[0].differences)
        ]
        total, page = len(rows), rows[offset : offset + limit]
    else:
        total = int(session.scalar(select(func.count()).select_from(query.subquery())) or 0)
        page = list(session.execute(query.offset(offset).limit(limit)).all())
    contacts = _contacts(session, [r[0].id_number for r in page])
    return WorkList(
        total=total,
        items=[
            WorkItem(
                bhxh_number=check.bhxh_number,
                id_number=check.id_number,
                full_name=name,
                outcome=check.outcome,
                differences=[FieldDifference(**d) for d in check.differences],
                checked_at=check.checked_at,
                source=check.source,
                contacts=contacts.get(check.id_number, []),
                note=check.note,
            )
            for check, name in page
        ],
    )


def identified(session: Session, request: wire.LookupRequest) -> bool:
    """The ID number comes with a name or date of birth that the population register or
    the BHXH record holds for it (either: the two differ in exactly the cases worth
    telling the counter about)."""
    records: list[Person | Participant | None] = [session.get(Person, request.id_number)]
    records.append(
        session.scalar(select(Participant).where(Participant.id_number == request.id_number))
    )
    for record in records:
        if record is None:
            continue
        if request.full_name and same_name(request.full_name, record.full_name):
            return True
        if request.date_of_birth is not None and request.date_of_birth == record.date_of_birth:
            return True
    return False


def confirms_identity(session: Session, request: wire.LookupRequest) -> bool:
    """The population register holds the ID number with both the name and the date of
    birth asked (the BHXH record does not count: it is what the register checks)."""
    person = session.get(Person, request.id_number)
    return bool(
        person is not None
        and request.full_name
        and same_name(request.full_name, person.full_name)
        and request.date_of_birth is not None
        and request.date_of_birth == person.date_of_birth
    )


def state_of(session: Session, id_number: str) -> RegisterState:
    participant = session.scalar(select(Participant).where(Participant.id_number == id_number))
    if participant is None:
        return RegisterState(id_number=id_number, state="not_participant")
    check = session.get(RegisterCheck, participant.bhxh_number)
    if check is None or check.participant_version != participant.version:
        # A result about an older version of the record says nothing about this one.
        return RegisterState(
            id_number=id_number, state="not_checked", bhxh_number=participant.bhxh_number
        )
    if check.outcome == NOT_CHECKED:  # the register did not answer: asked again next run
        return RegisterState(
            id_number=id_number, state="not_checked", bhxh_number=participant.bhxh_number
        )
    return RegisterState(
        id_number=id_number,
        state=check.outcome,  # type: ignore[arg-type]
        bhxh_number=participant.bhxh_number,
        differences=[FieldDifference(**d) for d in check.differences],
        checked_at=check.checked_at,
        source=check.source,
        procedure_code=ADJUST_PROCEDURE if check.outcome in (DIFFERS, NOT_FOUND) else "",
    )


def summary(session: Session) -> Summary:
    participants = int(session.scalar(select(func.count()).select_from(Participant)) or 0)
    counts = dict.fromkeys((*OUTCOMES, NOT_CHECKED), 0)
    current = (  # results about an older version of a record do not count
        select(RegisterCheck.outcome, func.count())
        .join(Participant, Participant.bhxh_number == RegisterCheck.bhxh_number)
        .where(RegisterCheck.participant_version == Participant.version)
        .group_by(RegisterCheck.outcome)
    )
    for outcome, n in session.execute(current):
        counts[outcome] = int(n)
    counts[NOT_CHECKED] = participants - sum(counts[o] for o in OUTCOMES)
    run = session.scalar(select(RegisterCheckRun).order_by(RegisterCheckRun.id.desc()).limit(1))
    latest = (
        RunInfo(
            id=run.id,
            status=run.status,
            source=run.source,
            started_at=run.started_at,
            updated_at=run.updated_at,
            finished_at=run.finished_at,
            done=run.done,
            total=run.total,
            resumed=run.resumed,
        )
        if run is not None
        else None
    )
    return Summary(participants=participants, outcomes=counts, latest_run=latest)
