"""The summary: dossiers received and returned in a period, by status, timeliness,
procedure and how each dossier's citizen was identified."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.services.identity import IdentificationMethod
from app.services.lifecycle import Status, Timeliness, classify
from app.services.reports.period import ReportFilter, _ready_at, _where
from app.services.storage.db import Database
from app.services.storage.models import Dossier, Officer, Procedure

# Every identification the counter records, then "" for a dossier without one (older rows).
METHODS: tuple[str, ...] = (*IdentificationMethod, "")


@dataclass(frozen=True, slots=True)
class Verification:
    """Dossiers received in the period, by how their citizen was identified at intake.

    The method is each dossier's own verdict (``Dossier.identified_by``), the same the
    Project 06 indicators count: a citizen who came twice counts twice, each time as
    identified then. Only ``chip_trusted`` (the chip chained to a trusted CSCA) is a
    proven genuine card, so only it counts as verified by chip.
    """

    by_method: Mapping[str, int]  # every value of ``METHODS``, zeros included

    @property
    def dossiers(self) -> int:
        return sum(self.by_method.values())

    @property
    def chip(self) -> int:
        return self.by_method.get(IdentificationMethod.CHIP_TRUSTED, 0)

    @property
    def chip_share(self) -> float | None:
        """0.0–1.0; None when nobody came (a share of nobody is not 0 %)."""
        return self.chip / self.dossiers if self.dossiers else None


@dataclass(frozen=True, slots=True)
class ProcedureLine:
    code: str
    name: str
    received: int  # received in the period
    returned: int  # returned in the period (whenever received)
    on_time: int  # of those received: result before or on the due time
    late: int  # of those received: result after the due time, or still open past it
    open_in_time: int  # of those received: still open, not yet due


@dataclass(frozen=True, slots=True)
class Summary:
    filter: ReportFilter
    as_of: dt.datetime  # the moment open dossiers were judged against their due time
    received: int
    returned: int
    by_status: Mapping[Status, int]  # every status, in lifecycle order, zeros included
    by_timeliness: Mapping[Timeliness, int]  # every class, zeros included
    by_procedure: tuple[ProcedureLine, ...]  # procedures with any activity, by code
    verification: Verification

    @property
    def on_time(self) -> int:
        return self.by_timeliness[Timeliness.EARLY] + self.by_timeliness[Timeliness.ON_TIME]

    @property
    def late(self) -> int:
        return self.by_timeliness[Timeliness.LATE] + self.by_timeliness[Timeliness.OVERDUE]


ON_TIME = frozenset({Timeliness.EARLY, Timeliness.ON_TIME})
LATE = frozenset({Timeliness.LATE, Timeliness.OVERDUE})


def procedure_names(session: Session) -> dict[str, str]:
    """Procedure code → name of its newest stored catalog snapshot."""
    names: dict[str, str] = {}
    rows = session.execute(
        select(Procedure.code, Procedure.name).order_by(Procedure.created_at, Procedure.id)
    )
    for code, name in rows:
        names[code] = name  # later snapshots overwrite earlier ones
    return names


def officer_names(session: Session) -> list[tuple[str, str]]:
    """(officer id, full name) of every officer, by name: the officer filter's choices."""
    rows = session.execute(select(Officer.id, Officer.full_name).order_by(Officer.full_name))
    return [(officer_id, name) for officer_id, name in rows]


def build_summary(session: Session, flt: ReportFilter, as_of: dt.datetime) -> Summary:
    received_rows = session.execute(
        select(
            Dossier.procedure_code, Dossier.status, Dossier.due_at, _ready_at(), Dossier.returned_at
        ).where(*_where(flt, Dossier.submitted_at))
    ).all()
    by_status: Counter[Status] = Counter()
    by_timeliness: Counter[Timeliness] = Counter()
    per_procedure: dict[str, Counter[str]] = {}
    for code, status, due, ready, returned in received_rows:
        state = Status(status)
        # lifecycle.result_ready_at: the result time, or the return time without one
        judged = classify(state, due, ready or returned, as_of)
        by_status[state] += 1
        by_timeliness[judged] += 1
        line = per_procedure.setdefault(code, Counter())
        line["received"] += 1
        line["on_time"] += judged in ON_TIME
        line["late"] += judged in LATE
        line["open_in_time"] += judged is Timeliness.IN_TIME

    # Status is terminal once returned, so the status index narrows this range scan.
    returned_rows = session.execute(
        select(Dossier.procedure_code, func.count())
        .where(Dossier.status == Status.RETURNED, *_where(flt, Dossier.returned_at))
        .group_by(Dossier.procedure_code)
    ).all()
    for code, count in returned_rows:
        per_procedure.setdefault(code, Counter())["returned"] += count

    names = procedure_names(session)
    return Summary(
        filter=flt,
        as_of=as_of,
        received=len(received_rows),
        returned=sum(count for _code, count in returned_rows),
        by_status={s: by_status[s] for s in Status},
        by_timeliness={t: by_timeliness[t] for t in Timeliness},
        by_procedure=tuple(
            ProcedureLine(
                code=code,
                name=names.get(code, ""),
                received=c["received"],
                returned=c["returned"],
                on_time=c["on_time"],
                late=c["late"],
                open_in_time=c["open_in_time"],
            )
            for code, c in sorted(per_procedure.items())
        ),
        verification=verification(session, flt),
    )


def verification(session: Session, flt: ReportFilter) -> Verification:
    rows = session.execute(
        select(Dossier.identified_by, func.count())
        .where(*_where(flt, Dossier.submitted_at))
        .group_by(Dossier.identified_by)
    ).all()
    counts: Counter[str] = Counter()
    for method, count in rows:
        # a method a newer version wrote is not a verification this one knows
        counts[method if method in METHODS else ""] += count
    return Verification({m: counts[m] for m in METHODS})


@dataclass(frozen=True, slots=True)
class ReportScreen:
    """What the reports page shows, read in one go on the database worker."""

    procedures: Mapping[str, str]  # code → name: the procedure filter's choices
    officers: list[tuple[str, str]]  # (id, name): the officer filter's choices
    summary: Summary


def read_report(db: Database, flt: ReportFilter, as_of: dt.datetime) -> ReportScreen:
    with db.session() as s:
        return ReportScreen(procedure_names(s), officer_names(s), build_summary(s, flt, as_of))
