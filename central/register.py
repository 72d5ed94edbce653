"""Citizen look-up in the (fictitious) population register and BHXH registry.

The ID number alone finds no one: the full name or the date of birth given with it
must match the register, otherwise the answer is "not found" (nothing about the
person leaks). The household comes back only for procedures that need it (household
health insurance). Every look-up is logged with the device, the officer and the
purpose, whatever its outcome.
"""

from __future__ import annotations

import unicodedata

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.shared import wire
from central.models import AccessLog, HealthCard, Household, Participant, Person


def same_name(a: str, b: str) -> bool:
    # Compare composed forms case-insensitively: a chip and the register may use NFC/NFD.
    def norm(s: str) -> str:
        return " ".join(unicodedata.normalize("NFC", s).casefold().split())

    return norm(a) == norm(b)


def _card(card: HealthCard) -> wire.HealthCard:
    return wire.HealthCard(
        card_number=card.card_number,
        short_number=card.bhxh_number,
        beneficiary_group=card.beneficiary_group,
        benefit_level=card.benefit_level,
        province_code=card.province_code,
        hospital=card.hospital,
        valid_from=card.valid_from,
        valid_to=card.valid_to,
    )


# Procedures whose forms list the household (household health insurance, TK1-TS annex).
HOUSEHOLD_PROCEDURES = frozenset({"603"})


def lookup(session: Session, request: wire.LookupRequest, device_id: str) -> wire.LookupResult:
    person = session.get(Person, request.id_number)
    mismatches: list[str] = []
    matched = False
    if person is not None:
        if request.full_name:
            same = same_name(request.full_name, person.full_name)
            matched |= same
            if not same:
                mismatches.append("full_name")
        if request.date_of_birth is not None:
            same = request.date_of_birth == person.date_of_birth
            matched |= same
            if not same:
                mismatches.append("date_of_birth")
    outcome = "not_found" if person is None else ("found" if matched else "not_matched")
    session.add(
        AccessLog(
            device_id=device_id,
            officer_id=request.officer_id,
            purpose=request.purpose,
            action="citizen_lookup",
            subject=request.id_number,
            outcome=outcome,
        )
    )
    if person is None or not matched:
        return wire.LookupResult(found=False, verified=False)
    bhxh = (
        session.scalar(
            select(Participant.bhxh_number).where(Participant.id_number == person.id_number)
        )
        or ""
    )
    household = None
    if person.household_code and request.procedure_code in HOUSEHOLD_PROCEDURES:
        home = session.get(Household, person.household_code)
        members = session.execute(
            select(Person.id_number, Person.full_name, Person.relation, Participant.bhxh_number)
            .outerjoin(Participant, Participant.id_number == Person.id_number)
            .where(Person.household_code == person.household_code)
            .order_by(Person.relation != "Chủ hộ", Person.id_number)
        ).all()
        household = wire.Household(
            code=person.household_code,
            address=home.address if home else "",
            members=[
                wire.HouseholdMember(
                    id_number=m.id_number,
                    full_name=m.full_name,
                    relation=m.relation,
                    bhxh_number=m.bhxh_number or "",
                )
                for m in members
            ],
        )
    cards = (
        list(
            session.scalars(
                select(HealthCard)
                .where(HealthCard.bhxh_number == bhxh)
                .order_by(HealthCard.valid_from)
            )
        )
        if bhxh
        else []
    )
    return wire.LookupResult(
        found=True,
        verified=not mismatches,
        mismatches=mismatches,
        person=wire.RegisterPerson(
            id_number=person.id_number,
            full_name=person.full_name,
            date_of_birth=person.date_of_birth,
            dob_text=person.dob_text,
            sex=person.sex,
            nationality=person.nationality,
            ethnicity=person.ethnicity,
            place_of_origin=person.place_of_origin,
            residence=person.residence,
        ),
        bhxh_number=bhxh,
        household=household,
        cards=[_card(c) for c in cards],
    )
