"""The feed's documents as the health sector sends them (JSON schema in /docs).

A birth certificate (giấy chứng sinh) names the mother and the child; a death notice
(giấy báo tử) names the deceased. Only what BHXH needs to come to the family is
accepted; unknown fields are refused so a sender learns at once that a field it
thinks it sent is not being read.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

IdNumber = Annotated[str, StringConstraints(pattern=r"^[0-9]{12}$")]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=120)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)]
CertificateNumber = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^[0-9A-Za-z./-]{3,40}$")
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Facility(_Strict):
    code: Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z.-]{1,20}$")]
    name: Text


class Mother(_Strict):
    id_number: IdNumber | None = None  # a foreign or undocumented mother has none
    full_name: Name
    date_of_birth: dt.date | None = None
    residence: Text = ""


class Child(_Strict):
    full_name: Name | None = None  # the intended name; often not chosen yet
    sex: Literal["Nam", "Nữ"]
    born_at: dt.datetime
    weight_grams: Annotated[int, Field(ge=200, le=8000)] | None = None


class BirthCertificate(_Strict):
    """Giấy chứng sinh."""

    event_type: Literal["birth"] = "birth"
    certificate_number: CertificateNumber
    issued_on: dt.date
    facility: Facility
    mother: Mother
    child: Child

    @model_validator(mode="after")
    def _dates(self) -> BirthCertificate:
        if self.child.born_at.date() > self.issued_on:
            raise ValueError("the child is born after the certificate was issued")
        return self


class Deceased(_Strict):
    id_number: IdNumber | None = None
    full_name: Name
    date_of_birth: dt.date | None = None
    sex: Literal["Nam", "Nữ"] | None = None
    residence: Text = ""


class DeathNotice(_Strict):
    """Giấy báo tử."""

    event_type: Literal["death"] = "death"
    certificate_number: CertificateNumber
    issued_on: dt.date
    facility: Facility
    deceased: Deceased
    died_at: dt.datetime
    work_related: bool = False  # a work accident or occupational disease (survivors' papers)

    @model_validator(mode="after")
    def _dates(self) -> DeathNotice:
        if self.died_at.date() > self.issued_on:
            raise ValueError("the death is after the notice was issued")
        return self


LifeEventIn = Annotated[BirthCertificate | DeathNotice, Field(discriminator="event_type")]


class Accepted(BaseModel):
    """The answer to a post: the event's id and what became of it."""

    id: str
    duplicate: bool  # the same certificate was already received: nothing changed
    match_state: Literal["matched", "ambiguous", "unmatched", "resolved"]
    office_code: str | None
