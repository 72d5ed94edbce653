"""APDU encoding (short and extended), status words, and the transport-level
61xx / 6Cxx handling."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.services.card.apdu import (
    CommandApdu,
    EndOfFile,
    FileNotFound,
    InsNotSupported,
    SecurityStatusNotSatisfied,
    WrongLength,
    error_for,
    exchange,
    parse_command,
)
from app.services.card.atr import supports_extended_length
from app.services.card.transport import FunctionTransport

H = bytes.fromhex


@pytest.mark.parametrize(
    ("command", "encoded"),
    [
        (CommandApdu(0, 0xA4, 4, 0x0C, H("A0000002471001")), "00A4040C07A0000002471001"),
        (CommandApdu(0, 0xB0, 0x9E, 0, ne=256), "00B09E0000"),
        (CommandApdu(0, 0x84, 0, 0, ne=8), "0084000008"),
        (CommandApdu(0, 0xB0, 0x81, 0, ne=65536), "00B08100000000"),
        (CommandApdu(0, 0xB0, 0x81, 0, ne=4096), "00B08100001000"),
        (
            CommandApdu(0, 0x2A, 0, 0, bytes(300), ne=256),
            "002A0000" + "00012C" + "00" * 300 + "0100",
        ),
    ],
)
def test_encoding(command, encoded):
    assert command.to_bytes().hex().upper() == encoded
    assert parse_command(command.to_bytes()) == command


@given(
    data=st.binary(max_size=600),
    ne=st.one_of(st.none(), st.integers(1, 65536)),
    extended=st.booleans(),
)
def test_encoding_round_trips(data, ne, extended):
    command = CommandApdu(0x0C, 0xB0, 0x12, 0x34, data, ne)
    if not extended and command.needs_extended():
        with pytest.raises(ValueError):
            command.to_bytes(extended=False)
        return
    assert parse_command(command.to_bytes(extended or None)) == command


@pytest.mark.parametrize(
    ("sw", "cls"),
    [
        (0x6982, SecurityStatusNotSatisfied),
        (0x6A82, FileNotFound),
        (0x6D00, InsNotSupported),
        (0x6700, WrongLength),
        (0x6282, EndOfFile),
    ],
)
def test_status_words_map_to_exceptions(sw, cls):
    error = error_for(sw)
    assert isinstance(error, cls) and error.sw == sw


def test_61xx_fetches_the_rest_with_get_response():
    answers = iter([H("AABB6102"), H("CCDD9000")])
    sent = []

    def card(apdu: bytes) -> bytes:
        sent.append(apdu)
        return next(answers)

    response = exchange(FunctionTransport(card), CommandApdu(0, 0xB0, 0, 0, ne=256))
    assert (response.data, response.sw) == (H("AABBCCDD"), 0x9000)
    assert sent[1] == H("00C0000002")


def test_6cxx_resends_with_the_exact_length():
    answers = iter([H("6C04"), H("010203049000")])
    sent = []

    def card(apdu: bytes) -> bytes:
        sent.append(apdu)
        return next(answers)

    response = exchange(FunctionTransport(card), CommandApdu(0, 0xB0, 0, 0, ne=256))
    assert response.check() == H("01020304")
    assert sent[1] == H("00B0000004")


def test_eof_warning_accepted_only_for_reads():
    from app.services.card.apdu import Response

    assert Response(b"\x01", 0x6282).check(allow_eof=True) == b"\x01"
    with pytest.raises(EndOfFile):
        Response(b"\x01", 0x6282).check()


def test_atr_card_capabilities_announce_extended_length():
    # compact-TLV 73: third byte bit 0x40 = extended Lc/Le; 0x80 alone = chaining only
    assert supports_extended_length(H("3B878001803180738401C001")) is True
    assert supports_extended_length(H("3B8780018031807384018001")) is False
    assert supports_extended_length(H("3B8880014241434B4E4F4E4577")) is False


def test_get_response_rounds_are_capped_for_a_card_answering_61xx_for_ever():
    from app.services.card.apdu import MAX_GET_RESPONSE_ROUNDS
    from app.services.card.errors import ParseError
    from app.services.card.transport import FunctionTransport

    transport = FunctionTransport(lambda apdu: bytes(256) + b"\x61\x00")
    with pytest.raises(ParseError):
        exchange(transport, CommandApdu(0x00, 0xB0, 0x81, 0x00, ne=256))
    assert transport.stats.apdu_count <= MAX_GET_RESPONSE_ROUNDS + 1
