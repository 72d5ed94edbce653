"""Đề án 06 indicators, computed from what the dossiers recorded, never typed in.

One computation for the office head at the counter (``for_office``: the counter's own
database) and for the province at central (``central.indicators`` builds the same
``DossierFact`` rows from the dossiers the counters pushed). Every figure keeps the
dossiers behind it, so a click on a figure opens exactly those dossiers.

Figures:
- identification: dossiers by how their citizen was identified
  (``Dossier.identified_by``: chip with a trusted chain, chip without CSCA, failed chip,
  QR, typed, register; "" for dossiers saved before that was recorded);
- register: participants verified against the population register — known only where
  the register check runs (central); ``None`` at a counter (shown as "no data");
- biometrics: face matches at the counter — ``None`` until the counter records them;
- reuse: documents taken from the citizen's earlier dossiers instead of scanned again;
- procedure and channel; timeliness (on time / late / pending).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from app.errors import QT_TRANSLATE_NOOP
from app.services.calendar.days import local
from app.services.identity import IdentificationMethod
from app.services.vocabulary import IDENTIFICATION
from app.shared.lifecycle import Status, Timeliness, classify

CONTEXT = "indicators"
METHOD_LABELS = IDENTIFICATION  # the shared vocabulary's names (context "vocabulary")
TIMELINESS_LABELS = {
    "on_time": QT_TRANSLATE_NOOP("indicators", "Đúng hạn"),
    "late": QT_TRANSLATE_NOOP("indicators", "Trễ hạn"),
    "pending": QT_TRANSLATE_NOOP("indicators", "Đang giải quyết"),
    "not_applicable": QT_TRANSLATE_NOOP("indicators", "Không tính hạn"),
}
CHANNEL_LABELS = {
    "counter": QT_TRANSLATE_NOOP("indicators", "Nhận kết quả tại quầy"),
    "post": QT_TRANSLATE_NOOP("indicators", "Nhận kết quả qua bưu chính"),
}
NO_DATA = QT_TRANSLATE_NOOP("indicators", "chưa có dữ liệu")
REGISTER_LABEL = QT_TRANSLATE_NOOP(
    "indicators", "Người tham gia đã đối chiếu khớp với CSDL quốc gia về dân cư"
)
BIOMETRIC_LABEL = QT_TRANSLATE_NOOP("indicators", "Hồ sơ xác thực sinh trắc tại quầy")
_PENDING = frozenset({Timeliness.IN_TIME, Timeliness.PAUSED})
_ON_TIME = frozenset({Timeliness.EARLY, Timeliness.ON_TIME})
_LATE = frozenset({Timeliness.LATE, Timeliness.OVERDUE})


@dataclass(frozen=True, slots=True)
class DossierFact:
    """What the indicators read of one dossier."""

    id: str
    code: str
    submitted_at: dt.datetime
    procedure_code: str
    channel: str  # how the result goes back: counter / post
    identified_by: str
    status: str
    due_at: dt.datetime | None
    finished_at: dt.datetime | None  # result first ready, else returned
    documents: int = 0  # attachments linked
    reused: int = 0  # of those, already linked to an earlier dossier


@dataclass(frozen=True, slots=True)
class Figure:
    key: str  # stable: "identified.chip_trusted", "timeliness.late", "procedure.603" …
    label: str  # Vietnamese source text (translated where shown)
    count: int
    total: int  # what the share is of
    dossiers: tuple[str, ...] = ()  # ids behind the figure (codes at central)

    @property
    def share(self) -> float | None:
        return self.count / self.total if self.total else None


LIFE_EVENTS_OPENED_LABEL = QT_TRANSLATE_NOOP("indicators", "Hồ sơ lập từ sự kiện hộ tịch")


@dataclass(frozen=True, slots=True)
class LifeEventFigures:
    """Births and deaths the health sector sent for the unit in the period, and what
    came of them."""

    received: int
    opened: Figure  # key "life_events.opened": events a dossier was taken in for
    mean_days: float | None  # from the event to its dossier, on average; None: none yet
    contacted: int = 0  # events whose family someone tried to reach (phone, letter, visit)
    contact_attempts: int = 0  # every attempt recorded for them


@dataclass(frozen=True, slots=True)
class Indicators:
    unit: str  # office (or province) name
    start: dt.date
    end: dt.date
    dossiers: int
    identification: tuple[Figure, ...]
    timeliness: tuple[Figure, ...]
    procedures: tuple[Figure, ...]
    channels: tuple[Figure, ...]
    reuse: Figure  # count: documents reused; total: documents linked
    register: Figure | None = None  # None: no data here
    biometrics: Figure | None = None
    daily: tuple[tuple[dt.date, int, int], ...] = ()  # day, dossiers, chip with trusted chain
    codes: dict[str, str] = field(default_factory=dict)  # dossier id -> code
    life_events: LifeEventFigures | None = None  # None: not counted here

    def figures(self) -> list[Figure]:
        extra = [f for f in (self.register, self.biometrics) if f is not None]
        if self.life_events is not None:
            extra.append(self.life_events.opened)
        return [
            *self.identification,
            *self.timeliness,
            *self.procedures,
            *self.channels,
            self.reuse,
            *extra,
        ]

    def figure(self, key: str) -> Figure:
        for f in self.figures():
            if f.key == key:
                return f
        raise KeyError(key)


def timeliness_class(fact: DossierFact, as_of: dt.datetime) -> str:
    judged = classify(Status(fact.status), fact.due_at, fact.finished_at, as_of)
    if judged in _ON_TIME:
        return "on_time"
    if judged in _LATE:
        return "late"
    if judged in _PENDING:
        return "pending"
    return "not_applicable"


def compute(
    facts: Sequence[DossierFact],
    *,
    unit: str,
    start: dt.date,
    end: dt.date,
    as_of: dt.datetime,
    procedure_names: dict[str, str] | None = None,
    register: Figure | None = None,
    biometrics: Figure | None = None,
) -> Indicators:
    total = len(facts)
    by_method: dict[str, list[str]] = defaultdict(list)
    by_time: dict[str, list[str]] = defaultdict(list)
    by_procedure: dict[str, list[str]] = defaultdict(list)
    by_channel: dict[str, list[str]] = defaultdict(list)
    reused_ids: list[str] = []
    documents = reused = 0
    per_day: Counter[dt.date] = Counter()
    chip_per_day: Counter[dt.date] = Counter()
    for f in facts:
        method = f.identified_by if f.identified_by in METHOD_LABELS else ""
        by_method[method].append(f.id)
        by_time[timeliness_class(f, as_of)].append(f.id)
        by_procedure[f.procedure_code].append(f.id)
        by_channel[f.channel or "counter"].append(f.id)
        documents += f.documents
        reused += f.reused
        if f.reused:
            reused_ids.append(f.id)
        day = local(f.submitted_at).date()
        per_day[day] += 1
        chip_per_day[day] += method == IdentificationMethod.CHIP_TRUSTED.value

    def figures(prefix: str, groups: dict[str, list[str]], labels: dict[str, str]) -> tuple:
        keys = list(labels) + sorted(k for k in groups if k not in labels)
        return tuple(
            Figure(f"{prefix}.{k}", labels.get(k, k), len(groups[k]), total, tuple(groups[k]))
            for k in keys
            if k in labels or groups[k]
        )

    names = procedure_names or {}
    days = (end - start).days + 1
    return Indicators(
        unit=unit,
        start=start,
        end=end,
        dossiers=total,
        identification=figures("identified", by_method, METHOD_LABELS),
        timeliness=figures("timeliness", by_time, TIMELINESS_LABELS),
        procedures=tuple(
            Figure(f"procedure.{code}", names.get(code, code), len(ids), total, tuple(ids))
            for code, ids in sorted(by_procedure.items())
        ),
        channels=figures("channel", by_channel, CHANNEL_LABELS),
        reuse=Figure(
            "reuse.documents",
            QT_TRANSLATE_NOOP("indicators", "Giấy tờ dùng lại, không quét lại"),
            reused,
            documents,
            tuple(reused_ids),
        ),
        register=register,
        biometrics=biometrics,
        daily=tuple((d, per_day[d], chip_per_day[d]) for d in _days(start, days)),
        codes={f.id: f.code for f in facts},
    )


def _days(start: dt.date, count: int) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range(count)]
