"""ICAO Doc 9303 Part 11, Appendix D (worked example: Basic Access Control and
secure messaging). Every intermediate value of the example is asserted."""

from __future__ import annotations

import pytest

from app.services.card import bac
from app.services.card.apdu import CommandApdu
from app.services.card.ciphers import CipherKind, SessionKeys, pad
from app.services.card.errors import AuthenticationError, SecureMessagingError
from app.services.card.mrz_keys import MrzKey
from app.services.card.sm import SecureChannel
from app.services.card.transport import FunctionTransport

H = bytes.fromhex

KEY = MrzKey("L898902C", "690806", "940623")
RND_IC = H("4608F91988702212")
RND_IFD = H("781723860C06C226")
K_IFD = H("0B795240CB7049B01C19B33E32804F0B")
K_ENC = H("AB94FDECF2674FDFB9B391F85D7F76F2")
K_MAC = H("7962D9ECE03D1ACD4C76089DCE131543")
CMD_DATA = H("72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A7")
RESP_DATA = H("46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7449")
KS_ENC = H("979EC13B1CBFE9DCD01AB0FED307EAE5")
KS_MAC = H("F1CB1F1FB5ADF208806B89DC579DC1F8")
SSC = 0x887022120C06C226


def test_mrz_information_and_key_seed():
    assert KEY.mrz_information() == "L898902C<369080619406236"
    assert KEY.seed() == H("239AB9CB282DAF66231DC5A4DF6BFBAE")


def test_basic_access_keys():
    assert bac.access_keys(KEY) == (K_ENC, K_MAC)


def test_mutual_authenticate_command_data():
    assert bac.build_authentication(K_ENC, K_MAC, RND_IC, RND_IFD, K_IFD) == CMD_DATA


def test_session_keys_and_ssc_from_chip_answer():
    keys = bac.finish_authentication(K_ENC, K_MAC, RESP_DATA, RND_IC, RND_IFD, K_IFD)
    assert keys.kind is CipherKind.DES3
    assert keys.enc == KS_ENC
    assert keys.mac == KS_MAC
    assert keys.ssc == SSC


def test_tampered_chip_answer_is_rejected():
    bad = RESP_DATA[:-1] + bytes([RESP_DATA[-1] ^ 1])
    with pytest.raises(AuthenticationError):
        bac.finish_authentication(K_ENC, K_MAC, bad, RND_IC, RND_IFD, K_IFD)


def test_full_bac_exchange_against_scripted_chip():
    """The whole GET CHALLENGE / MUTUAL AUTHENTICATE exchange, with the example's
    random values injected, produces the example's APDUs and keys."""
    sent: list[bytes] = []

    def chip(apdu: bytes) -> bytes:
        sent.append(apdu)
        if apdu[1] == 0x84:
            return RND_IC + b"\x90\x00"
        return RESP_DATA + b"\x90\x00"

    randoms = iter([RND_IFD, K_IFD])
    keys = bac.perform_bac(FunctionTransport(chip), KEY, random=lambda n: next(randoms))
    assert sent[0] == H("0084000008")
    assert sent[1] == H("0082000028") + CMD_DATA + H("28")
    assert (keys.enc, keys.mac, keys.ssc) == (KS_ENC, KS_MAC, SSC)


def _channel(responses: list[bytes], sent: list[bytes]) -> SecureChannel:
    it = iter(responses)

    def chip(apdu: bytes) -> bytes:
        sent.append(apdu)
        return next(it)

    return SecureChannel(FunctionTransport(chip), SessionKeys(CipherKind.DES3, KS_ENC, KS_MAC, SSC))


def test_secure_messaging_select_ef_com():
    sent: list[bytes] = []
    channel = _channel([H("990290008E08FA855A5D4C50A8ED9000")], sent)
    command = CommandApdu(0x00, 0xA4, 0x02, 0x0C, H("011E"))
    # the example's intermediate M and N
    assert pad(H("0CA4020C"), 8) + H("8709016375432908C044F6") == H(
        "0CA4020C800000008709016375432908C044F6"
    )
    data, sw = channel.transmit(command.to_bytes())
    assert sent[0] == H("0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800")
    assert (data, sw) == (b"", 0x9000)
    assert channel.ssc == SSC + 2


def test_secure_messaging_read_binary_four_bytes():
    sent: list[bytes] = []
    channel = _channel(
        [
            H("990290008E08FA855A5D4C50A8ED9000"),
            H("8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000"),
        ],
        sent,
    )
    channel.transmit(CommandApdu(0x00, 0xA4, 0x02, 0x0C, H("011E")).to_bytes())
    data, sw = channel.transmit(CommandApdu(0x00, 0xB0, 0x00, 0x00, ne=4).to_bytes())
    assert sent[1] == H("0CB000000D9701048E08ED6705417E96BA5500")
    assert sw == 0x9000
    # EF.COM begins 60 14 5F 01 in the example
    assert data == H("60145F01")


def test_response_with_bad_mac_is_an_error():
    sent: list[bytes] = []
    channel = _channel([H("990290008E08FA855A5D4C50A8EE9000")], sent)
    with pytest.raises(SecureMessagingError):
        channel.transmit(CommandApdu(0x00, 0xA4, 0x02, 0x0C, H("011E")).to_bytes())
