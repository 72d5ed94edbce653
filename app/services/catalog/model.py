"""The procedure catalog as typed, immutable values (built from validated JSON)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from app.shared.folding import fold


class TimeUnit(StrEnum):
    WORKING_DAYS = "working_days"  # Mon–Fri, minus holidays, plus make-up Saturdays
    DAYS_EXCLUDING_HOLIDAYS = "days_excluding_holidays"  # calendar days minus holidays


@dataclass(frozen=True, slots=True)
class DocumentSpec:
    id: str
    name: str
    form: str  # original / copy / certified_copy / original_or_copy
    count: int
    required: bool
    condition_text: str = ""
    when_flag: str = ""  # applies only when the officer ticked this flag
    unless_flag: str = ""  # applies only when this flag is not ticked

    def applies(self, flags: Collection[str]) -> bool:
        if self.when_flag and self.when_flag not in flags:
            return False
        return not (self.unless_flag and self.unless_flag in flags)


@dataclass(frozen=True, slots=True)
class ProcessingTime:
    value: int
    unit: TimeUnit
    confirmed: bool = True


class LimitDirection(StrEnum):
    WITHIN_AFTER = "within_after"  # at most N days after the event (survivors, maternity)
    NOT_EARLIER_THAN_BEFORE = "not_earlier_than_before"  # at most N days ahead (pension)


@dataclass(frozen=True, slots=True)
class FilingLimit:
    """A time limit for filing, checked at intake as a warning to the officer."""

    days: int
    direction: LimitDirection
    event: str  # what the officer enters the date of, e.g. "ngày chết"
    source: str  # the legal text
    confirmed: bool = True


@dataclass(frozen=True, slots=True)
class Procedure:
    code: str
    name: str
    short_name: str
    legal_basis: tuple[str, ...]
    documents: tuple[DocumentSpec, ...]
    flags: tuple[tuple[str, str], ...]  # (id, label)
    processing_time: ProcessingTime
    needs_tk1ts: bool
    result: str
    fee_vnd: int
    fee_text: str
    office_level: str
    competent_office: str
    keywords: tuple[str, ...]
    frequency_rank: int
    for_existing_participants: bool = False  # TK1-TS Part II even without a known number
    published_name: str = ""  # name in the national procedure database, where known
    national_code: str = ""  # its national code, where known ("" = not known)
    filing_limit: FilingLimit | None = None
    counter_notice: str = ""  # what the counter screen tells the citizen for this procedure
    definition: Mapping[str, Any] = field(repr=False, compare=False, default_factory=dict)
    search_text: str = field(repr=False, compare=False, default="")

    def applicable_documents(self, flags: Collection[str] = ()) -> list[DocumentSpec]:
        return [d for d in self.documents if d.applies(flags)]

    def required_documents(self, flags: Collection[str] = ()) -> list[DocumentSpec]:
        return [d for d in self.applicable_documents(flags) if d.required]

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Procedure:
        docs = tuple(
            DocumentSpec(
                id=d["id"],
                name=d["name"],
                form=d["form"],
                count=d["count"],
                required=d["required"],
                condition_text=d.get("condition", {}).get("text", ""),
                when_flag=d.get("condition", {}).get("flag", ""),
                unless_flag=d.get("condition", {}).get("unless", ""),
            )
            for d in raw["documents"]
        )
        pt = raw["processing_time"]
        words = [raw["code"], raw["name"], raw.get("short_name", ""), *raw["keywords"]]
        return cls(
            code=raw["code"],
            name=raw["name"],
            short_name=raw.get("short_name", "") or raw["name"],
            legal_basis=tuple(raw["legal_basis"]),
            documents=docs,
            flags=tuple((f["id"], f["label"]) for f in raw.get("flags", [])),
            processing_time=ProcessingTime(
                pt["value"], TimeUnit(pt["unit"]), pt.get("confirmed", True)
            ),
            needs_tk1ts=raw["needs_tk1ts"],
            result=raw["result"],
            fee_vnd=raw["fee"]["amount_vnd"],
            fee_text=raw["fee"]["text"],
            office_level=raw["office_level"],
            competent_office=raw.get("competent_office", ""),
            keywords=tuple(raw["keywords"]),
            frequency_rank=raw["frequency_rank"],
            for_existing_participants=raw.get("participants", "any") == "existing",
            published_name=raw.get("published", {}).get("name", ""),
            national_code=raw.get("published", {}).get("national_code", ""),
            filing_limit=_filing_limit(raw.get("filing_limit")),
            counter_notice=raw.get("counter_notice", ""),
            definition=raw,
            search_text=fold(" ".join(words)),
        )


def _filing_limit(raw: Mapping[str, Any] | None) -> FilingLimit | None:
    if raw is None:
        return None
    return FilingLimit(
        days=raw["days"],
        direction=LimitDirection(raw["direction"]),
        event=raw["event"],
        source=raw["source"],
        confirmed=raw.get("confirmed", True),
    )
