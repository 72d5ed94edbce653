"""Wire models of the citizen look-up and the back office's status changes (part of the
wire format, re-exported by ``app.shared.wire``)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from app.shared.wire_base import UTC, Wire

# --- citizen look-up (population register and BHXH registry) -------------------------------


class LookupRequest(Wire):
    """The ID number alone finds no one: the name or the date of birth must match too
    (an ID number is easy to come by). ``purpose`` and ``officer_id`` go in central's
    access log; the household comes back only for a procedure that needs it."""

    id_number: str = Field(pattern=r"^\d{12}$")
    full_name: str | None = Field(default=None, max_length=120)
    date_of_birth: dt.date | None = None
    purpose: str = Field(min_length=3, max_length=200)  # "tiếp nhận hồ sơ 603", …
    officer_id: str | None = Field(default=None, max_length=36)
    procedure_code: str | None = Field(default=None, max_length=40)

    @model_validator(mode="after")
    def _name_or_birth(self) -> LookupRequest:
        if not (self.full_name and self.full_name.strip()) and self.date_of_birth is None:
            raise ValueError("the full name or the date of birth is needed with the ID number")
        return self


class RegisterPerson(Wire):
    id_number: str
    full_name: str
    date_of_birth: dt.date | None
    dob_text: str
    sex: str
    nationality: str
    ethnicity: str
    place_of_origin: str
    residence: str


class HouseholdMember(Wire):
    id_number: str
    full_name: str
    relation: str  # to the head: "Chủ hộ", "Vợ", "Con", …
    bhxh_number: str = ""


class Household(Wire):
    code: str
    address: str
    members: list[HouseholdMember]


class HealthCard(Wire):
    card_number: str  # 15-character form: group(2) level(1) province(2) BHXH number(10)
    short_number: str  # the 10-digit form printed on cards since April 2021
    beneficiary_group: str
    benefit_level: int
    province_code: str
    hospital: str
    valid_from: dt.date
    valid_to: dt.date | None


class LookupResult(Wire):
    found: bool
    verified: bool  # the ID number is in the register and the given name/DOB match it
    mismatches: list[str] = Field(default_factory=list)  # field names, never values
    person: RegisterPerson | None = None
    bhxh_number: str = ""
    household: Household | None = None
    cards: list[HealthCard] = Field(default_factory=list)


# --- back office -----------------------------------------------------------------------------


class StatusChangeRequest(Wire):
    to_status: Literal["in_processing", "result_ready", "stopped"]
    reason: str = ""
    officer_name: str = ""


class DossierSummary(Wire):
    id: str
    code: str
    office_code: str
    status: str
    row_version: int
    submitted_at: UTC
