"""Citizen look-up in the (fictitious) population register and BHXH registry."""

from __future__ import annotations

import unicodedata

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.shared import wire
from central.models import AccessLog, HealthCard, Household, Participant, Person


def _same_name(a: str, b: str) -> bool:
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


def lookup(session: Session, request: wire.LookupRequest, device_id: str) -> wire.LookupResult:
    person = session.get(Person, request.id_number)
    session.add(
        AccessLog(
            device_id=device_id,
            action="citizen_lookup",
            subject=request.id_number,
            outcome="found" if person else "not_found",
        )
    )
    if person is None:
        return wire.LookupResult(found=False, verified=False)
    mismatches = []
    if request.full_name is not None and not _same_name(request.full_name, person.full_name):
        mismatches.append("full_name")
    if request.date_of_birth is not None and request.date_of_birth != person.date_of_birth:
        mismatches.append("date_of_birth")
    bhxh = (
        session.scalar(
            select(Participant.bhxh_number).where(Participant.id_number == person.id_number)
        )
        or ""
    )
    household = None
    if person.household_code:
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
