"""Đề án 06 indicators for a province: each of its offices side by side, and in total.

Built from what the counters pushed (``synced_rows``: each dossier's wire JSON with its
``identified_by``, procedure, status, due time and attachment links; its events for the
time the result was ready; the citizens' ID numbers), plus the register check's results
for "participants verified against the population register", and the face-match
attempts (``biometrics``) for "verified by face at the counter". The computation is the
counter's own (``app.services.indicators.compute``), so an office head and the province
read the same figure the same way. Figures carry dossier codes, listed by
``dossier_codes``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.services.indicators import (
    REGISTER_LABEL,
    DossierFact,
    Figure,
    Indicators,
    compute,
)
from app.shared.lifecycle import Status
from app.shared.timezone import VN_TZ
from central.indicators.biometrics import biometrics_figure
from central.indicators.life_event_counts import life_event_figures
from central.models import Office, Participant, SyncedRow
from central.register_check.models import VERIFIED, RegisterCheck

ALL_OFFICES = "Toàn tỉnh"


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    low = dt.datetime.combine(start, dt.time(), tzinfo=VN_TZ).astimezone(dt.UTC)
    high = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tzinfo=VN_TZ)
    return low, high.astimezone(dt.UTC)


def _when(value: Any) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


def _chunks(items: Sequence[str], size: int = 500) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def office_dossiers(
    session: Session, office: str, start: dt.date, end: dt.date
) -> list[dict[str, Any]]:
    """The wire JSON of the office's dossiers received in the period (office days)."""
    low, high = _bounds(start, end)
    # ISO texts compare in time order; a day of slack each side, the exact test below
    submitted = SyncedRow.data["submitted_at"].as_string()
    rows = session.scalars(
        select(SyncedRow.data).where(
            SyncedRow.entity == "dossier",
            SyncedRow.office_code == office,
            submitted >= (low - dt.timedelta(days=1)).strftime("%Y-%m-%d"),
            submitted < (high + dt.timedelta(days=1)).strftime("%Y-%m-%d"),
        )
    )
    out = []
    for data in rows:
        at = _when(data["submitted_at"])
        if at is not None and low <= at < high:
            out.append(data)
    return out


def facts_of(session: Session, office: str, dossiers: list[dict[str, Any]]) -> list[DossierFact]:
    ids = [d["id"] for d in dossiers]
    ready: dict[str, dt.datetime] = {}
    for chunk in _chunks(ids):
        for parent, data in session.execute(
            select(SyncedRow.parent_id, SyncedRow.data).where(
                SyncedRow.entity == "event", SyncedRow.parent_id.in_(chunk)
            )
        ):
            if data.get("to_status") == Status.RESULT_READY and parent:
                at = _when(data["at"])
                if at is not None:
                    ready[parent] = min(at, ready.get(parent, at))
    # which dossier of the office used each attachment first (reuse = used again later)
    first_use: dict[str, tuple[str, str]] = {}
    for data in session.scalars(
        select(SyncedRow.data).where(SyncedRow.entity == "dossier", SyncedRow.office_code == office)
    ):
        for link in data.get("attachments") or ():
            key = (data["submitted_at"], data["id"])
            known = first_use.get(link["attachment_id"])
            if known is None or key < known:
                first_use[link["attachment_id"]] = key
    facts = []
    for d in dossiers:
        links = [a["attachment_id"] for a in d.get("attachments") or ()]
        submitted = _when(d["submitted_at"])
        assert submitted is not None
        facts.append(
            DossierFact(
                id=d["id"],
                code=d.get("code", ""),
                submitted_at=submitted,
                procedure_code=d.get("procedure_code", ""),
                channel=d.get("delivery_method", "counter"),
                identified_by=d.get("identified_by", ""),
                status=d.get("status", "received"),
                due_at=_when(d.get("due_at")),
                finished_at=ready.get(d["id"]) or _when(d.get("returned_at")),
                documents=len(links),
                reused=sum(1 for a in links if first_use[a][1] != d["id"]),
            )
        )
    return facts


def register_figure(session: Session, dossiers: list[dict[str, Any]]) -> Figure:
    """Of the citizens with a dossier here who are BHXH participants: verified ones."""
    by_citizen: dict[str, list[str]] = defaultdict(list)
    for d in dossiers:
        by_citizen[d["citizen_id"]].append(d["id"])
    id_numbers: dict[str, str] = {}
    for chunk in _chunks(sorted(by_citizen)):
        for row_id, data in session.execute(
            select(SyncedRow.id, SyncedRow.data).where(
                SyncedRow.entity == "citizen", SyncedRow.id.in_(chunk)
            )
        ):
            id_numbers[row_id] = data.get("id_number", "")
    outcome: dict[str, str] = {}
    numbers = sorted(set(id_numbers.values()))
    for chunk in _chunks(numbers):
        for id_number, result, checked, current in session.execute(
            select(
                Participant.id_number,
                RegisterCheck.outcome,
                RegisterCheck.participant_version,
                Participant.version,
            )
            .outerjoin(RegisterCheck, RegisterCheck.bhxh_number == Participant.bhxh_number)
            .where(Participant.id_number.in_(chunk))
        ):
            outcome[id_number] = result if result and checked == current else "not_checked"
    participants = [c for c, n in id_numbers.items() if n in outcome]
    verified = [c for c in participants if outcome[id_numbers[c]] == VERIFIED]
    behind = tuple(i for c in verified for i in by_citizen[c])
    return Figure("register.verified", REGISTER_LABEL, len(verified), len(participants), behind)


def _compute(
    session: Session,
    unit: str,
    facts: list[DossierFact],
    dossiers: list[dict[str, Any]],
    start: dt.date,
    end: dt.date,
    as_of: dt.datetime,
    offices: Sequence[str],
) -> Indicators:
    events, event_codes = life_event_figures(session, offices, start, end)
    ind = compute(
        facts,
        unit=unit,
        start=start,
        end=end,
        as_of=as_of,
        register=register_figure(session, dossiers),
        biometrics=biometrics_figure(session, dossiers),
    )
    return dataclasses.replace(ind, life_events=events, codes={**event_codes, **ind.codes})


def for_province(
    session: Session, province: str, start: dt.date, end: dt.date, as_of: dt.datetime
) -> list[tuple[str, Indicators]]:
    """(office code, indicators) of each office of the province, then ("", the total)."""
    offices = list(
        session.scalars(
            select(Office).where(Office.province_code == province).order_by(Office.code)
        )
    )
    units: list[tuple[str, Indicators]] = []
    all_facts: list[DossierFact] = []
    all_dossiers: list[dict[str, Any]] = []
    for office in offices:
        dossiers = office_dossiers(session, office.code, start, end)
        facts = facts_of(session, office.code, dossiers)
        all_facts += facts
        all_dossiers += dossiers
        units.append(
            (
                office.code,
                _compute(session, office.name, facts, dossiers, start, end, as_of, [office.code]),
            )
        )
    codes = [o.code for o in offices]
    total = _compute(session, ALL_OFFICES, all_facts, all_dossiers, start, end, as_of, codes)
    units.append(("", total))
    return units


def figure_json(figure: Figure | None) -> dict[str, Any] | None:
    if figure is None:
        return None
    return {
        "key": figure.key,
        "label": figure.label,
        "count": figure.count,
        "total": figure.total,
        "share": figure.share,
    }


def as_json(ind: Indicators) -> dict[str, Any]:
    sections: dict[str, Any] = {}
    for name in ("identification", "timeliness", "procedures", "channels"):
        sections[name] = [figure_json(f) for f in getattr(ind, name)]
    for name in ("reuse", "register", "biometrics"):
        sections[name] = figure_json(getattr(ind, name))
    return {
        "unit": ind.unit,
        "start": ind.start.isoformat(),
        "end": ind.end.isoformat(),
        "dossiers": ind.dossiers,
        **sections,
        "life_events": None
        if ind.life_events is None
        else {
            "received": ind.life_events.received,
            "opened": figure_json(ind.life_events.opened),
            "mean_days_to_dossier": ind.life_events.mean_days,
            "contacted": ind.life_events.contacted,
            "contact_attempts": ind.life_events.contact_attempts,
        },
        "daily": [
            {"day": d.isoformat(), "dossiers": n, "chip_trusted": c} for d, n, c in ind.daily
        ],
    }


def dossier_codes(ind: Indicators, key: str) -> list[str]:
    """The codes of the dossiers behind one figure (KeyError for an unknown key)."""
    return sorted(ind.codes.get(i, i) for i in ind.figure(key).dossiers)
