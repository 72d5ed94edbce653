"""Access keys from what the officer has at the counter."""

from __future__ import annotations

import datetime as dt

import pytest

from app.errors import ErrorKind, UserError
from app.services.card import access_keys
from app.services.card.pace import PasswordRef
from tests.unit.card.card_builders import TD1_NOTE, TD3_SPECIMEN


def test_id_alone_gives_the_can_only():
    keys = access_keys.from_id_number("001090123456")
    assert keys.can == "123456"
    assert [p.ref for p in keys.pace_passwords()] == [PasswordRef.CAN]
    assert keys.mrz == ()


def test_id_and_dob_try_can_first_then_renewal_birthdays():
    keys = access_keys.from_id_and_dob(
        "001090123456", dt.date(1990, 1, 1), today=dt.date(2026, 6, 1)
    )
    assert keys.pace_passwords()[0].ref is PasswordRef.CAN
    # BAC uses the LAST nine digits
    assert {k.document_number for k in keys.mrz} == {"090123456"}
    expiries = [k.date_of_expiry for k in keys.mrz]
    assert expiries[0] == "300101"  # next renewal: 40th birthday
    assert set(expiries[:3]) == {"300101", "500101", "150101"}
    assert "991231" in expiries


def test_leap_day_birthdays_give_both_neighbours():
    expiries = access_keys.expiry_candidates(dt.date(2000, 2, 29), today=dt.date(2020, 1, 1))
    assert {"250228", "250301"} <= set(expiries)


def test_typed_expiry_and_no_expiry():
    keys = access_keys.from_id_dob_expiry("001090123456", dt.date(1990, 1, 1), dt.date(2030, 1, 1))
    assert [k.date_of_expiry for k in keys.mrz] == ["300101"]
    none = access_keys.from_id_dob_expiry("001060123456", dt.date(1960, 1, 1), None)
    assert [k.date_of_expiry for k in none.mrz] == ["991231"]


def test_full_mrz_and_short_form():
    passport = access_keys.from_mrz(TD3_SPECIMEN)
    assert passport.mrz[0].mrz_information() == "L898902C3674081221204159"
    assert (passport.mrz[0].document_number, passport.mrz[0].date_of_birth) == (
        "L898902C3",
        "740812",
    )
    card = access_keys.from_mrz(TD1_NOTE)
    assert card.can == "012345" and card.mrz[0].document_number == "090012345"
    short = access_keys.from_mrz("L898902C,690806,940623")
    assert short.mrz[0].mrz_information() == "L898902C<369080619406236"


def test_bad_inputs():
    with pytest.raises(UserError) as info:
        access_keys.from_id_number("12345")
    assert info.value.kind is ErrorKind.ID_NUMBER_INVALID
    with pytest.raises(UserError) as info:
        access_keys.from_mrz("NOT AN MRZ")
    assert info.value.kind is ErrorKind.ACCESS_DENIED


def test_keys_never_show_in_repr():
    keys = access_keys.from_id_and_dob("001090123456", dt.date(1990, 1, 1))
    assert "123456" not in repr(keys) and "090123456" not in repr(keys.mrz[0])
