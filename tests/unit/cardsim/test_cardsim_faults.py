"""Each fault changes exactly what it should and nothing else."""

from __future__ import annotations

import datetime as dt
import hashlib
import os

import pytest
from cryptography.exceptions import InvalidSignature

from app.cardsim.faults import Faults
from app.cardsim.terminal import CardError, Terminal

from .test_cardsim_card import bac_terminal, verify_aa
from .test_cardsim_lds import open_sod, verify_signer_info

DG_FIDS = range(0x0101, 0x0111)


def sod_hashes(image) -> dict[int, bytes]:
    lds, _, _ = open_sod(image)
    return {
        item["data_group_number"].native: item["data_group_hash_value"].native
        for item in lds["data_group_hash_values"]
    }


def test_faults_parse_from_cli_and_profile_words() -> None:
    faults = Faults.parse(["cloned", "remove-at=40", "slow=20", "reinsert-after=1.5"])
    assert faults == Faults(cloned=True, remove_at=40, slow_ms=20, reinsert_after=1.5)
    assert Faults.parse(["wrong-keys"]).merged(Faults(slow_ms=5)).describe() == [
        "wrong-keys",
        "slow=5",
    ]
    for bad in (["cloned=1"], ["remove-at"], ["teleport"], ["slow=-3"]):
        with pytest.raises(ValueError):
            Faults.parse(bad)


def test_cloned_card_signs_with_another_key_but_keeps_the_files(card_image, make_card) -> None:
    genuine, clone = card_image("cccd-2021"), card_image("cccd-2021", "cloned")
    for fid in DG_FIDS:
        assert clone.app_files.get(fid) == genuine.app_files.get(fid)
    card = make_card("cccd-2021", "cloned")
    challenge = os.urandom(8)
    signature = bac_terminal(card).internal_authenticate(challenge)
    with pytest.raises(InvalidSignature):
        verify_aa(genuine.aa_key.public_key(), challenge, signature)


def test_altered_dg13_breaks_only_its_own_hash(card_image) -> None:
    image = card_image("cccd-2021", "altered-dg13")
    genuine = card_image("cccd-2021")
    hashes = sod_hashes(image)
    for number, digest in hashes.items():
        content = image.app_files[0x0100 + number]
        matches = hashlib.sha256(content).digest() == digest
        assert matches == (number != 13), number
    assert image.app_files[0x010D] != genuine.app_files[0x010D]
    lds, signer, cert = open_sod(image)
    verify_signer_info(signer, cert, lds.dump())  # the signature itself is still good


def test_wrong_keys_refuse_the_printed_mrz_and_can(card_image, make_card) -> None:
    image = card_image("cancuoc-2024", "wrong-keys")
    genuine = card_image("cancuoc-2024")
    assert image.mrz_lines == genuine.mrz_lines  # DG1 and the print are unchanged
    assert image.app_files[0x0101] == genuine.app_files[0x0101]
    card = make_card("cancuoc-2024", "wrong-keys")
    with pytest.raises(CardError) as err:
        Terminal(card.process_apdu).pace(2, genuine.profile.document.can.encode())
    assert err.value.sw == 0x6300
    terminal = Terminal(card.process_apdu)
    terminal.select_application()
    with pytest.raises(CardError):
        terminal.bac(genuine.key_mrz_information)


def test_expired_dsc_signs_a_valid_sod(card_image) -> None:
    image = card_image("cccd-2021", "expired-dsc")
    lds, signer, cert = open_sod(image)
    assert cert.not_valid_after_utc < dt.datetime.now(dt.UTC)
    verify_signer_info(signer, cert, lds.dump())
    for number, digest in sod_hashes(image).items():
        assert hashlib.sha256(image.app_files[0x0100 + number]).digest() == digest
    _, _, genuine_cert = open_sod(card_image("cccd-2021"))
    assert genuine_cert.not_valid_after_utc > dt.datetime.now(dt.UTC)
