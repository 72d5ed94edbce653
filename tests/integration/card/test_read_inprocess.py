"""The reader against the emulator's ``VirtualCard`` in-process (no pcscd): every
profile, every fault, and the failure modes a user would notice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from app.cardsim.card import VirtualCard
from app.cardsim.faults import Faults
from app.cardsim.profile import load_profile
from app.errors import ErrorKind, UserError
from app.services.card import access_keys
from app.services.card.access_keys import AccessKeys
from app.services.card.mrz_keys import MrzKey
from app.services.card.passive_auth import TrustStore
from app.services.card.reader import read_card
from app.services.card.transport import FunctionTransport
from app.services.identity import IdentitySource, Verdict

PKI = Path(__file__).resolve().parents[3] / "resources" / "cards" / "pki"


def _card(profile: str, *faults: str) -> tuple[VirtualCard, bytes]:
    card = VirtualCard.from_profile(profile, Faults.parse(faults))
    return card, card.power_on()


def _keys(profile: str, can_only: bool = False) -> AccessKeys:
    p = load_profile(profile)
    if p.document.kind == "id-card":
        if can_only:
            return access_keys.from_id_number(p.holder.id_number)
        return access_keys.from_id_and_dob(p.holder.id_number, p.holder.birth)
    assert p.document.expiry is not None
    return AccessKeys(
        mrz=(
            MrzKey(
                p.document.document_number,
                p.holder.birth.strftime("%y%m%d"),
                p.document.expiry.strftime("%y%m%d"),
            ),
        )
    )


def _read(
    profile: str,
    *faults: str,
    keys: AccessKeys | None = None,
    trust: TrustStore | None = None,
    wrap: Callable[[Callable[[bytes], bytes]], Callable[[bytes], bytes]] | None = None,
):
    card, atr = _card(profile, *faults)
    process = wrap(card.process_apdu) if wrap else card.process_apdu
    transport = FunctionTransport(process)
    return read_card(transport, keys or _keys(profile), trust, atr=atr), transport


def test_cccd_2021_via_bac_every_field():
    steps: list[str] = []
    card, atr = _card("cccd-2021")
    transport = FunctionTransport(card.process_apdu)
    identity = read_card(
        transport, _keys("cccd-2021"), None, lambda step, f: steps.append(step), atr
    )
    holder = load_profile("cccd-2021").holder
    assert identity.source is IdentitySource.CHIP
    assert identity.id_number == holder.id_number
    assert identity.full_name == holder.full_name  # with diacritics, from DG13
    assert identity.date_of_birth == holder.birth
    assert identity.sex == "Nữ"
    assert identity.father_name == holder.father and identity.mother_name == holder.mother
    assert identity.spouse_name == holder.spouse
    assert identity.old_id_number == holder.old_id_number
    assert identity.residence == holder.residence and identity.place_of_origin == holder.hometown
    assert identity.document_number == holder.id_number[-9:]
    assert identity.portrait[:3] == b"\xff\xd8\xff" and identity.portrait_format == "jpeg"
    assert identity.checks.passive is Verdict.NO_CSCA
    assert identity.checks.active is Verdict.PASSED
    assert identity.checks.chip is Verdict.PASSED
    assert identity.apdu_count == transport.stats.apdu_count > 0
    assert steps[0] == "access" and steps[-1] == "done"


def test_cancuoc_2024_with_the_id_number_alone_via_pace_can():
    identity, transport = _read("cancuoc-2024", keys=_keys("cancuoc-2024", can_only=True))
    holder = load_profile("cancuoc-2024").holder
    assert identity.full_name == holder.full_name
    assert identity.father_name == holder.father and identity.mother_name == holder.mother
    assert identity.old_id_number == ""
    assert identity.checks.active is Verdict.PASSED and identity.checks.chip is Verdict.PASSED
    # extended length: DG2 (~17 KB) in a handful of APDUs
    assert transport.stats.apdu_count < 40


def test_passport_via_pace_mrz():
    identity, _ = _read("passport-td3")
    profile = load_profile("passport-td3")
    assert identity.source is IdentitySource.PASSPORT
    assert identity.id_number == profile.document.document_number
    assert identity.document_type == "PASSPORT"
    # JPEG 2000 on the chip, re-encoded as JPEG for display
    assert identity.portrait[:3] == b"\xff\xd8\xff" and identity.portrait_format == "jpeg"
    assert identity.residence == profile.document.address
    assert identity.issue_date == profile.document.issued
    assert identity.checks.passive is Verdict.NO_CSCA


def test_trusted_csca_gives_passed_and_a_foreign_csca_cannot_vouch():
    from cryptography import x509

    test_csca = x509.load_der_x509_certificate((PKI / "test-csca.der").read_bytes())
    uto_csca = x509.load_der_x509_certificate((PKI / "test-csca-uto.der").read_bytes())
    identity, _ = _read("cccd-2021", trust=TrustStore([test_csca]))
    assert identity.checks.passive is Verdict.PASSED, identity.checks.passive_detail
    # Signed, but by a CSCA the list does not hold: amber ("cannot check its origin"),
    # never genuine; red is kept for a signature that fails.
    identity, _ = _read("cccd-2021", trust=TrustStore([uto_csca]))
    assert identity.checks.passive is Verdict.NO_CSCA
    assert identity.checks.passive_detail == "not signed by a trusted CSCA"
    assert identity.checks.genuine is None  # undecided: amber, not green, not red


def test_cloned_chip_fails_active_authentication():
    identity, _ = _read("cccd-2021", "cloned")
    assert identity.checks.active is Verdict.FAILED
    assert identity.checks.genuine is False


def test_altered_dg13_fails_passive_authentication_naming_dg13():
    identity, _ = _read("cancuoc-2024", "altered-dg13")
    assert identity.checks.passive is Verdict.FAILED
    assert "DG13" in identity.checks.passive_detail


def test_expired_document_signer():
    identity, _ = _read("cccd-2021", "expired-dsc")
    assert (identity.checks.passive, identity.checks.passive_detail) == (
        Verdict.FAILED,
        "Document Signer certificate expired",
    )


@pytest.mark.parametrize("profile", ["cccd-2021", "cancuoc-2024", "passport-td3"])
def test_wrong_keys_are_access_denied(profile):
    with pytest.raises(UserError) as info:
        _read(profile, "wrong-keys")
    assert info.value.kind is ErrorKind.ACCESS_DENIED


def test_card_removed_mid_read_gives_no_half_result_then_rereads():
    def pulled_after(n: int):
        def wrap(process):
            count = 0

            def inner(apdu: bytes) -> bytes:
                nonlocal count
                count += 1
                if count > n:
                    raise ConnectionError("card left the field")
                return process(apdu)

            return inner

        return wrap

    with pytest.raises(UserError) as info:
        _read("cccd-2021", wrap=pulled_after(30))
    assert info.value.kind is ErrorKind.CARD_REMOVED
    identity, _ = _read("cccd-2021")
    assert identity.full_name == load_profile("cccd-2021").holder.full_name


def test_corrupted_response_mac_is_unreadable_not_accepted():
    def wrap(process):
        count = 0

        def inner(apdu: bytes) -> bytes:
            nonlocal count
            count += 1
            answer = process(apdu)
            if count == 12 and len(answer) > 20:
                answer = answer[:5] + bytes([answer[5] ^ 0x01]) + answer[6:]
            return answer

        return inner

    with pytest.raises(UserError) as info:
        _read("cccd-2021", wrap=wrap)
    assert info.value.kind is ErrorKind.UNREADABLE_DATA


def test_not_an_emrtd_is_unsupported():
    def blank(apdu: bytes) -> bytes:
        return b"\x6a\x82"

    with pytest.raises(UserError) as info:
        read_card(
            FunctionTransport(blank),
            access_keys.from_id_and_dob("001090123456", dt.date(1990, 1, 1)),
            None,
        )
    assert info.value.kind is ErrorKind.UNSUPPORTED_CARD
