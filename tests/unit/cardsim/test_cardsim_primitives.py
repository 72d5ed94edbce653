"""The emulator's hand-written pieces agree with the libraries and the standards."""

from __future__ import annotations

import os

import pytest
from asn1crypto import core
from cryptography.hazmat.primitives.asymmetric import ec

from app.cardsim.apdu import ApduError, Command, encode_command, parse_command
from app.cardsim.ec_math import BRAINPOOL_P256R1 as CURVE
from app.cardsim.pace import oid_body
from app.cardsim.tlv import read_tlv, tlv


def test_point_multiplication_matches_cryptography() -> None:
    for _ in range(10):
        k = int.from_bytes(os.urandom(32), "big") % CURVE.n
        numbers = ec.derive_private_key(k, ec.BrainpoolP256R1()).public_key().public_numbers()
        assert CURVE.mul(k, CURVE.g) == (numbers.x, numbers.y)


def test_point_addition_is_consistent_with_multiplication() -> None:
    a, b = 0x1234567, 0x7654321
    assert CURVE.add(CURVE.mul(a, CURVE.g), CURVE.mul(b, CURVE.g)) == CURVE.mul(a + b, CURVE.g)
    assert CURVE.add(CURVE.g, CURVE.g) == CURVE.mul(2, CURVE.g)
    assert CURVE.mul(CURVE.n, CURVE.g) is None


def test_points_off_the_curve_are_refused() -> None:
    x, y = CURVE.g
    with pytest.raises(ValueError):
        CURVE.decode(b"\x04" + x.to_bytes(32, "big") + (y + 1).to_bytes(32, "big"))
    assert CURVE.decode(CURVE.encode(CURVE.g)) == CURVE.g


@pytest.mark.parametrize("size", [0, 5, 127, 128, 255, 256, 4000, 70000])
def test_tlv_lengths_round_trip(size: int) -> None:
    value = os.urandom(size)
    for tag in (0x87, 0x5F1F, 0x7F61):
        tag_read, value_read, end = read_tlv(tlv(tag, value))
        assert (tag_read, value_read, end) == (tag, value, len(tlv(tag, value)))


def test_oid_encoding_matches_asn1crypto() -> None:
    for dotted in ("0.4.0.127.0.7.2.2.4.2.2", "1.0.10646.1.0.8", "2.23.136.1.1.1"):
        assert oid_body(dotted) == core.ObjectIdentifier(dotted).contents


@pytest.mark.parametrize(
    "cmd",
    [
        Command(0x00, 0xA4, 0x00, 0x0C),
        Command(0x00, 0xB0, 0x81, 0x00, ne=256),
        Command(0x00, 0xB0, 0x81, 0x00, ne=0x12),
        Command(0x00, 0xA4, 0x04, 0x0C, bytes.fromhex("A0000002471001")),
        Command(0x00, 0x88, 0x00, 0x00, bytes(8), ne=256),
        Command(0x00, 0xB0, 0x00, 0x00, ne=65536, extended=True),
        Command(0x00, 0xD6, 0x00, 0x00, bytes(300), extended=True),
        Command(0x0C, 0xB0, 0x00, 0x00, bytes(20), ne=65536, extended=True),
    ],
)
def test_apdu_cases_round_trip(cmd: Command) -> None:
    assert parse_command(encode_command(cmd)) == cmd


@pytest.mark.parametrize("raw", ["00A4", "00A4040C05A000", "00B0000000FF", "00D6000000012233"])
def test_malformed_apdus_answer_wrong_length(raw: str) -> None:
    with pytest.raises(ApduError) as err:
        parse_command(bytes.fromhex(raw))
    assert err.value.sw == 0x6700
