"""Every parser, fed junk and mutated real files, raises only ``ParseError`` (or, for
the QR text, ``UserError`` QR_INVALID / QR_MANGLED) — never an unexpected exception
that would reach the crash handler."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import ErrorKind, UserError
from app.services.card import tlv
from app.services.card.dg13 import parse_dg13
from app.services.card.errors import ParseError
from app.services.card.lds import parse_com, parse_dg11, parse_dg12
from app.services.card.mrz import parse_dg1, parse_mrz_text
from app.services.card.passive_auth import parse_master_list, parse_sod
from app.services.card.portrait import parse_dg2
from app.services.card.public_keys import parse_dg15
from app.services.card.qr import parse_qr
from app.services.card.security_infos import parse_security_infos
from tests.unit.card.card_builders import (
    TD1_NOTE,
    com,
    dg1,
    dg2,
    dg13,
    image_bytes,
    make_pki,
    sod,
)

_PKI = make_pki("ec")
SAMPLES = {
    "dg1": (parse_dg1, dg1(TD1_NOTE)),
    "dg13": (parse_dg13, dg13()),
    "dg13_wrapped": (parse_dg13, dg13(wrapped_parents=True)),
    "dg2": (parse_dg2, dg2(image_bytes("JPEG"))),
    "com": (parse_com, com([1, 2, 13, 14, 15])),
    "sod": (parse_sod, sod({1: dg1(TD1_NOTE)}, _PKI[1], _PKI[2])),
    "card_access": (
        parse_security_infos,
        bytes.fromhex("31143012060A04007F0007020204020202010202010D"),
    ),
    "dg11": (parse_dg11, tlv.encode(0x6B, tlv.encode(0x5F0E, b"A<<B"))),
    "dg12": (parse_dg12, tlv.encode(0x6C, tlv.encode(0x5F26, b"20200101"))),
    "dg15": (parse_dg15, tlv.encode(0x6F, tlv.encode(0x30, b""))),
    "master_list": (parse_master_list, b"\x30\x03\x06\x01\x00"),
}
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _only_parse_errors(parser, data: bytes) -> None:
    with contextlib.suppress(ParseError):
        parser(data)


@pytest.mark.parametrize("name", sorted(SAMPLES))
@FUZZ
@given(data=st.binary(max_size=300))
def test_random_bytes(name, data):
    parser, _ = SAMPLES[name]
    _only_parse_errors(parser, data)


@pytest.mark.parametrize("name", sorted(SAMPLES))
@FUZZ
@given(data=st.data())
def test_mutated_real_files(name, data):
    parser, sample = SAMPLES[name]
    raw = bytearray(sample)
    # positions from a seeded Random: uniform over the file, not biased to its start
    rnd = data.draw(st.randoms(use_true_random=False))
    for _ in range(rnd.randint(1, 6)):
        raw[rnd.randrange(len(raw))] = rnd.randrange(256)
    cut = len(raw) if rnd.random() < 0.5 else rnd.randint(1, len(raw))
    _only_parse_errors(parser, bytes(raw[:cut]))


@FUZZ
@given(text=st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<\n", max_size=100))
def test_mrz_text(text):
    _only_parse_errors(parse_mrz_text, text)


@FUZZ
@given(text=st.text(max_size=200))
def test_qr_text_only_raises_qr_errors(text):
    try:
        parse_qr(text)
    except UserError as error:
        assert error.kind in (ErrorKind.QR_INVALID, ErrorKind.QR_MANGLED)


@FUZZ
@given(fields=st.lists(st.text(max_size=30), min_size=7, max_size=12))
def test_qr_pipe_separated_junk(fields):
    try:
        parse_qr("|".join(fields))
    except UserError as error:
        assert error.kind in (ErrorKind.QR_INVALID, ErrorKind.QR_MANGLED)
