"""Who a certificate is about: the people of the population register and BHXH's
records it names, with a confidence the back office can read.

- The ID number on the certificate and the same name in the register: 1.0.
- No ID number (or one the register does not know), but exactly one person of that
  name and date of birth: 0.8 — enough to act on, the officer checks at the counter.
- The ID number with another name, or several people of that name and birth date:
  ambiguous — a person decides in the back office. Nobody: unmatched.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.shared.folding import fold
from central.life_events.schema import BirthCertificate, DeathNotice
from central.models import Participant, Person

ACT_ON = 0.75  # below this confidence the event waits for a person
_RELATIVES = 8  # a household larger than this lists the first eight


@dataclass(frozen=True)
class Match:
    state: str  # matched / ambiguous / unmatched
    confidence: float
    subject: dict[str, Any] | None  # the mother (birth) or the deceased (death)
    relatives: list[dict[str, Any]] = field(default_factory=list)
    candidates: list[dict[str, Any]] = field(default_factory=list)  # for a person to choose
    reason: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "relatives": self.relatives,
            "candidates": self.candidates,
            "reason": self.reason,
        }


def _bhxh(session: Session, id_number: str) -> str:
    return (
        session.scalar(select(Participant.bhxh_number).where(Participant.id_number == id_number))
        or ""
    )


def person_json(session: Session, p: Person) -> dict[str, Any]:
    return {
        "id_number": p.id_number,
        "full_name": p.full_name,
        "date_of_birth": p.date_of_birth.isoformat() if p.date_of_birth else None,
        "sex": p.sex,
        "relation": p.relation,
        "residence": p.residence,
        "bhxh_number": _bhxh(session, p.id_number),
    }


def _household(session: Session, p: Person) -> list[dict[str, Any]]:
    if not p.household_code:
        return []
    others = session.scalars(
        select(Person)
        .where(Person.household_code == p.household_code, Person.id_number != p.id_number)
        .order_by(Person.id_number)
        .limit(_RELATIVES)
    )
    return [person_json(session, o) for o in others]


def find_person(
    session: Session, id_number: str | None, full_name: str, born: dt.date | None
) -> Match:
    if id_number:
        p = session.get(Person, id_number)
        if p is not None:
            if fold(p.full_name) == fold(full_name):
                return Match("matched", 1.0, person_json(session, p), _household(session, p))
            return Match(
                "ambiguous",
                0.5,
                None,
                candidates=[person_json(session, p)],
                reason="id_number_other_name",
            )
    if born is None:
        return Match("unmatched", 0.0, None, reason="no_id_no_birth_date")
    same = list(
        session.scalars(
            select(Person).where(Person.date_of_birth == born).order_by(Person.id_number)
        )
    )
    named = [p for p in same if fold(p.full_name) == fold(full_name)]
    if len(named) == 1:
        p = named[0]
        return Match(
            "matched", 0.8, person_json(session, p), _household(session, p), reason="name_and_birth"
        )
    if named:
        return Match(
            "ambiguous",
            0.4,
            None,
            candidates=[person_json(session, p) for p in named[:_RELATIVES]],
            reason="several_people",
        )
    return Match("unmatched", 0.0, None, reason="not_in_register")


def match_event(session: Session, event: BirthCertificate | DeathNotice) -> Match:
    if isinstance(event, BirthCertificate):
        m = event.mother
        return find_person(session, m.id_number, m.full_name, m.date_of_birth)
    d = event.deceased
    return find_person(session, d.id_number, d.full_name, d.date_of_birth)
