"""What a reader sees when it talks to the virtual card (in-process, no pcscd)."""

from __future__ import annotations

import dataclasses
import hashlib
import os

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from app.cardsim import lds_asn1 as a
from app.cardsim import primitives as pr
from app.cardsim.apdu import Command, encode_command
from app.cardsim.card import VirtualCard
from app.cardsim.sm import SecureChannel
from app.cardsim.terminal import CardError, Terminal
from app.cardsim.tlv import tlv

SELECT_AID = bytes.fromhex("00A4040C07A0000002471001")


def sw(card, apdu_hex: str) -> str:
    return card.process_apdu(bytes.fromhex(apdu_hex))[-2:].hex().upper()


def bac_terminal(card) -> Terminal:
    terminal = Terminal(card.process_apdu)
    terminal.select_application()
    terminal.bac(card.image.key_mrz_information)
    return terminal


# --- before any access control --------------------------------------------------------
def test_select_mf_answers_instruction_not_supported(make_card) -> None:
    card = make_card()
    assert sw(card, "00A4000C023F00") == "6D00"
    assert sw(card, "00A4000C") == "6D00"


def test_card_access_is_readable_by_sfi_and_by_fid_before_the_application(make_card) -> None:
    card = make_card("cancuoc-2024")
    by_sfi = card.process_apdu(bytes.fromhex("00B09C0000"))
    assert by_sfi[-2:] == b"\x90\x00" and by_sfi[:-2] == card.image.mf_files[0x011C]
    assert sw(card, "00A4020C02011C") == "9000"
    assert card.process_apdu(bytes.fromhex("00B0000000"))[:-2] == card.image.mf_files[0x011C]


def test_data_groups_need_access_control(make_card) -> None:
    card = make_card()
    assert sw(card, SELECT_AID.hex()) == "9000"
    assert sw(card, "00B0810000") == "6982"  # DG1 by SFI
    assert sw(card, "00A4020C020102") == "9000"
    assert sw(card, "00B0000000") == "6982"  # DG2 by offset
    assert sw(card, "00A4020C020107") == "6A82"  # DG7 does not exist


def test_unknown_application_and_instruction(make_card) -> None:
    card = make_card()
    assert sw(card, "00A4040C07A0000002471002") == "6A82"
    assert sw(card, "00CA010000") == "6D00"


# --- BAC and secure messaging ----------------------------------------------------------
def test_bac_opens_every_file_but_dg3(make_card) -> None:
    card = make_card()
    terminal = bac_terminal(card)
    for number in (1, 2, 13, 14, 15):
        assert terminal.read_sfi(number) == card.image.app_files[0x0100 + number]
    assert terminal.read_sfi(0x1E) == card.image.app_files[0x011E]
    assert terminal.read_sfi(0x1D) == card.image.app_files[0x011D]
    _, status = terminal.send(Command(0x00, 0xB0, 0x83, 0x00, ne=256))
    assert status == 0x6982  # DG3: Extended Access Control is not offered
    assert terminal.sm is not None  # a protected error keeps the session


def test_bac_with_another_mrz_fails(make_card) -> None:
    card = make_card()
    terminal = Terminal(card.process_apdu)
    terminal.select_application()
    with pytest.raises(CardError) as err:
        terminal.bac(b"L898902C<369080619406236")
    assert err.value.sw == 0x6300


def test_a_wrong_command_mac_ends_the_session(make_card) -> None:
    card = make_card()
    terminal = bac_terminal(card)
    good = card.image.app_files[0x0101]
    assert terminal.read_sfi(1) == good
    sm = terminal.sm
    sm.ssc += 1
    forged = bytes.fromhex("0CB081000D970100") + bytes.fromhex("8E080102030405060708") + b"\x00"
    assert card.process_apdu(forged) == bytes.fromhex("6988")
    assert card.sm is None
    terminal.sm = sm  # the terminal carries on with its keys: the card no longer has them
    assert card.process_apdu(
        encode_command(Command(0x0C, 0xB0, 0x81, 0x00, b"\x97\x01\x00", ne=256))
    )[-2:] == bytes.fromhex("6988")


def test_plain_command_ends_the_secure_session(make_card) -> None:
    card = make_card()
    bac_terminal(card)
    assert card.sm is not None
    assert sw(card, "00B0810000") == "6982"
    assert card.sm is None


def test_short_reads_and_the_end_of_file(make_card) -> None:
    card = make_card()
    terminal = bac_terminal(card)
    dg1 = card.image.app_files[0x0101]
    data, status = terminal.send(Command(0x00, 0xB0, 0x81, 0x00, ne=256))
    assert (data, status) == (dg1, 0x9000)  # Le=00: everything available, fine
    data, status = terminal.send(Command(0x00, 0xB0, 0x00, 0x50, ne=0x20))
    assert (data, status) == (dg1[0x50:], 0x6282)  # explicit Le past the end: warning
    _, status = terminal.send(Command(0x00, 0xB0, 0x01, 0x00, ne=1))
    assert status == 0x6B00  # offset beyond the file


# --- extended length -------------------------------------------------------------------
def test_extended_length_only_where_the_profile_enables_it(make_card) -> None:
    old = make_card("cccd-2021")
    assert sw(old, "00B09C000000FF") == "6700"
    new = make_card("cancuoc-2024")
    answer = new.process_apdu(bytes.fromhex("00B09C00000FA0"))
    assert answer[-2:] == b"\x62\x82" and answer[:-2] == new.image.mf_files[0x011C]
    assert new.image.mf_files[0x2F01].startswith(b"\x7f\x66")  # EF.ATR/INFO
    assert new.image.atr[10] & 0x40 and not old.image.atr[10] & 0x40  # extended Lc/Le


def test_extended_read_under_secure_messaging(make_card) -> None:
    card = make_card("cancuoc-2024")
    terminal = Terminal(card.process_apdu, extended=True)
    terminal.pace(2, card.image.key_can.encode())
    terminal.select_application()
    dg2 = card.image.app_files[0x0102]
    data, status = terminal.send(Command(0x00, 0xB0, 0x82, 0x00, ne=65536))
    assert status == 0x9000 and data == dg2[:4096]  # the card's buffer: 4096 bytes
    assert terminal.read_sfi(2, chunk=4096) == dg2


# --- PACE ---------------------------------------------------------------------------------
def test_pace_can_then_select_and_read(make_card) -> None:
    card = make_card("cancuoc-2024")
    terminal = Terminal(card.process_apdu)
    terminal.pace(2, card.image.profile.document.can.encode())
    assert card.access == "PACE" and card.sm.cipher == "AES-128"
    terminal.select_application()
    assert terminal.read_sfi(13) == card.image.app_files[0x010D]


def test_pace_mrz_on_the_passport(make_card) -> None:
    card = make_card("passport-td3")
    terminal = Terminal(card.process_apdu)
    terminal.pace(1, card.image.key_mrz_information)
    terminal.select_application()
    assert terminal.read_sfi(11) == card.image.app_files[0x010B]


def test_pace_refuses_what_the_card_does_not_offer(make_card) -> None:
    oid = "800A04007F00070202040202"
    assert sw(make_card("cccd-2021"), f"0022C1A40F{oid}830102") == "6A80"  # BAC-only card
    assert sw(make_card("cancuoc-2024"), f"0022C1A40F{oid}830101") == "6A88"  # MRZ password


def test_pace_with_a_wrong_can_fails_at_the_token(make_card) -> None:
    card = make_card("cancuoc-2024")
    with pytest.raises(CardError) as err:
        Terminal(card.process_apdu).pace(2, b"000000")
    assert err.value.sw == 0x6300 and card.sm is None


# --- Chip Authentication --------------------------------------------------------------------
def test_chip_authentication_switches_to_new_keys(make_card) -> None:
    card = make_card("cccd-2021")
    terminal = bac_terminal(card)
    old_session = terminal.sm
    terminal.chip_authentication(
        card.image.ca_key.public_key(), a.ID_CA_ECDH_AES_CBC_CMAC_128, "AES-128"
    )
    assert card.sm.cipher == "AES-128" and card.sm.ks_enc == terminal.sm.ks_enc
    assert terminal.read_sfi(1) == card.image.app_files[0x0101]
    terminal.sm = old_session  # BAC keys are gone
    _, status = terminal.send(Command(0x00, 0xB0, 0x81, 0x00, ne=256))
    assert status == 0x6988


def test_chip_authentication_needs_secure_messaging(make_card) -> None:
    card = make_card()
    assert sw(card, "00224 1A40C800A04007F00070202030202".replace(" ", "")) == "6982"


# --- Active Authentication -----------------------------------------------------------------
def verify_aa(public, challenge: bytes, signature: bytes) -> None:
    """Independent check of Doc 9303-11 §6.1 with the DG15 key (raises if wrong)."""
    if isinstance(public, ec.EllipticCurvePublicKey):
        half = len(signature) // 2
        der = encode_dss_signature(
            int.from_bytes(signature[:half], "big"), int.from_bytes(signature[half:], "big")
        )
        public.verify(der, challenge, ec.ECDSA(hashes.SHA256()))
        return
    assert isinstance(public, rsa.RSAPublicKey)
    numbers = public.public_numbers()
    k = (numbers.n.bit_length() + 7) // 8
    f = pow(int.from_bytes(signature, "big"), numbers.e, numbers.n).to_bytes(k, "big")
    if f[0] != 0x6A or f[-1] != 0xBC:
        raise InvalidSignature("not an ISO/IEC 9796-2 scheme 1 block")
    m1, digest = f[1:-21], f[-21:-1]
    if hashlib.sha1(m1 + challenge).digest() != digest:
        raise InvalidSignature("digest mismatch")


@pytest.mark.parametrize("profile", ["cccd-2021", "cancuoc-2024", "passport-td3"])
def test_active_authentication_signs_the_challenge_with_the_dg15_key(make_card, profile) -> None:
    card = make_card(profile)
    terminal = bac_terminal(card)
    challenge = os.urandom(8)
    signature = terminal.internal_authenticate(challenge)
    verify_aa(card.image.aa_key.public_key(), challenge, signature)
    with pytest.raises(InvalidSignature):
        verify_aa(card.image.aa_key.public_key(), os.urandom(8), signature)


def test_active_authentication_needs_access_control(make_card) -> None:
    card = make_card()
    assert sw(card, "0088000008" + "00" * 8 + "00") == "6982"


def test_chip_authentication_with_set_kat_for_3des(card_image) -> None:
    """MSE:Set KAT (ICAO 9303-11 §6.2.4.1), the one-step variant for id-CA-ECDH-3DES."""
    card = VirtualCard(dataclasses.replace(card_image("cccd-2021"), ca_cipher="3DES"))
    card.power_on()
    terminal = bac_terminal(card)
    ephemeral = ec.generate_private_key(ec.BrainpoolP256R1())
    point = ephemeral.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    terminal.check(Command(0x00, 0x22, 0x41, 0xA6, tlv(0x91, point)), "MSE:Set KAT")
    shared = ephemeral.exchange(ec.ECDH(), card.image.ca_key.public_key())
    terminal.sm = SecureChannel("3DES", pr.kdf(shared, 1, "3DES"), pr.kdf(shared, 2, "3DES"), 0)
    assert terminal.read_sfi(1) == card.image.app_files[0x0101]
