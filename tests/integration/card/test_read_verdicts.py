"""Every verdict true, against the emulator in-process: copies that hide DG14/DG15,
``rsaEncryption`` SODs, untrusted CSCAs, hostile cards (endless 61xx, a 16 MB data
group) and junk answers. The same faults go through the real pcscd in
``test_read_pcsc.py``."""

from __future__ import annotations

import contextlib
import random
import tracemalloc
from pathlib import Path

import pytest

from app.cardsim.card import VirtualCard
from app.cardsim.faults import Faults
from app.cardsim.profile import load_profile
from app.errors import ErrorKind, UserError
from app.services.card import access_keys
from app.services.card.passive_auth import TrustStore
from app.services.card.reader import read_card
from app.services.card.transport import FunctionTransport
from app.services.identity import IdentificationMethod, Verdict, identification_of

PKI = Path(__file__).resolve().parents[3] / "resources" / "cards" / "pki"
DEMO_TRUST = TrustStore([(PKI / "test-csca.der").read_bytes()])


def _read(profile: str, *faults: str, trust: TrustStore | None = DEMO_TRUST, wrap=None):
    card = VirtualCard.from_profile(profile, Faults.parse(faults))
    atr = card.power_on()
    holder = load_profile(profile).holder
    keys = access_keys.from_id_and_dob(holder.id_number, holder.birth)
    process = wrap(card.process_apdu) if wrap else card.process_apdu
    transport = FunctionTransport(process)
    return read_card(transport, keys, trust, atr=atr), transport


def test_genuine_card_with_the_trusted_csca_is_green():
    identity, _ = _read("cccd-2021")
    assert identity.checks.genuine is True and identity.checks.colour == "green"
    assert identification_of(identity) is IdentificationMethod.CHIP_TRUSTED


def test_valid_signature_without_a_csca_is_amber_not_genuine():
    identity, _ = _read("cccd-2021", trust=None)
    assert identity.checks.passive is Verdict.NO_CSCA
    assert identity.checks.genuine is None and identity.checks.colour == "amber"
    assert identification_of(identity) is IdentificationMethod.CHIP_NO_CSCA


@pytest.mark.parametrize("profile", ["cccd-2021", "cancuoc-2024"])
def test_a_copy_hiding_dg14_and_dg15_is_red(profile):
    identity, _ = _read(profile, "hidden-dg14-dg15")
    checks = identity.checks
    assert checks.chip is Verdict.FAILED and checks.active is Verdict.FAILED
    assert "DG14, DG15" in checks.passive_detail and "possible clone" in checks.passive_detail
    assert checks.genuine is False and checks.colour == "red"
    assert identification_of(identity) is IdentificationMethod.CHIP_FAILED


def test_rsa_encryption_signature_algorithm_verifies():
    identity, _ = _read("cccd-2021", "rsa-encryption-sod")
    assert identity.checks.passive is Verdict.PASSED, identity.checks.passive_detail


@pytest.mark.parametrize(("profile", "faults"), [("cccd-2021", ["unknown-csca"]),
                                                 ("cccd-untrusted", [])])  # fmt: skip
def test_card_of_a_csca_not_in_the_trust_list_is_amber_and_counted_apart(profile, faults):
    """Signature valid, DSC of a CSCA the counter does not hold (the demo trusts its
    test CSCA): its origin cannot be checked. Amber, not genuine, not a failure."""
    identity, _ = _read(profile, *faults)
    checks = identity.checks
    assert checks.passive is Verdict.NO_CSCA
    assert checks.passive_detail == "not signed by a trusted CSCA"
    assert checks.genuine is None and checks.colour == "amber"
    assert identification_of(identity) is IdentificationMethod.CHIP_NO_CSCA
    identity, _ = _read(profile, *faults, trust=None)  # no trust list at all: amber too
    assert identity.checks.colour == "amber"


def test_endless_61xx_is_unreadable_data_and_bounded():
    card = VirtualCard.from_profile("cccd-2021", Faults.parse(["endless-61xx"]))
    atr = card.power_on()
    holder = load_profile("cccd-2021").holder
    transport = FunctionTransport(card.process_apdu)
    tracemalloc.start()
    with pytest.raises(UserError) as info:
        read_card(
            transport, access_keys.from_id_and_dob(holder.id_number, holder.birth), None, atr=atr
        )
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert info.value.kind is ErrorKind.UNREADABLE_DATA
    assert transport.stats.apdu_count < 400  # the GET RESPONSE rounds are capped
    assert peak < 8 * 1024 * 1024


def test_a_16_mb_data_group_is_refused_before_it_is_read():
    tracemalloc.start()
    with pytest.raises(UserError) as info:
        _read("cancuoc-2024", "oversized-length")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert info.value.kind is ErrorKind.UNREADABLE_DATA
    assert "16777222 bytes" in info.value.detail  # 16 MiB + its header
    assert peak < 8 * 1024 * 1024


def test_random_junk_answers_never_escape_as_exceptions():
    """After access control, every answer is replaced by random bytes with a
    plausible status word: whatever happens, read_card raises UserError only."""
    rng = random.Random(18)
    for seed in range(40):
        rng.seed(seed)
        after = rng.randint(8, 25)

        def wrap(process, after=after):
            count = 0

            def inner(apdu: bytes) -> bytes:
                nonlocal count
                count += 1
                answer = process(apdu)
                if count < after:
                    return answer
                body = rng.randbytes(rng.randint(0, 300))
                sw = rng.choice([b"\x90\x00", b"\x61\x10", b"\x62\x82", b"\x6c\x05", b"\x6a\x82"])
                return body + sw

            return inner

        with contextlib.suppress(UserError):
            _read("cccd-2021", wrap=wrap)


def test_extended_length_under_bac_when_the_card_has_no_card_access():
    """A BAC-only card that announces extended length in its ATR and has no
    EF.CardAccess is still read with extended APDUs (few APDUs)."""
    from dataclasses import replace

    from app.cardsim.build import FID_CARD_ACCESS, build_card

    profile = load_profile("cccd-2021")
    profile = replace(
        profile, security=replace(profile.security, extended_length=True, max_response=4096)
    )
    image = build_card(profile)
    image.mf_files.pop(FID_CARD_ACCESS)
    card = VirtualCard(image)
    atr = card.power_on()
    holder = profile.holder
    transport = FunctionTransport(card.process_apdu)
    identity = read_card(
        transport, access_keys.from_id_and_dob(holder.id_number, holder.birth), None, atr=atr
    )
    assert identity.checks.active is Verdict.PASSED and identity.checks.chip is Verdict.PASSED
    assert identity.apdu_count < 40  # 91 with short APDUs
