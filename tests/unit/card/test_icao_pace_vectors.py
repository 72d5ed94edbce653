"""ICAO Doc 9303 Part 11, Appendix G (worked example: PACE ECDH generic mapping on
brainpoolP256r1, AES-128, MRZ password). Every intermediate value is asserted, then
the whole exchange is replayed APDU by APDU against the example's chip answers."""

from __future__ import annotations

import pytest

from app.services.card import ec, pace
from app.services.card.ciphers import CipherKind
from app.services.card.errors import AuthenticationError
from app.services.card.mrz_keys import MrzKey
from app.services.card.security_infos import parse_security_infos
from app.services.card.transport import FunctionTransport

H = bytes.fromhex
CURVE = ec.BRAINPOOL_P256R1
OID = "0.4.0.127.0.7.2.2.4.2.2"

KEY = MrzKey("T22000129", "640812", "101031")
CARD_ACCESS = H("31143012060A04007F0007020204020202010202010D")
K_PI = H("89DED1B26624EC1E634C1989302849DD")
Z = H("95A3A016522EE98D01E76CB6B98B42C3")
S = H("3F00C4D39D153F2B2A214A078D899B22")
SK_MAP_IFD = int("7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99", 16)
PK_MAP_IFD = H(
    "047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E"
    "544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D"
)
SK_MAP_IC = int("498FF49756F2DC1587840041839A85982BE7761D14715FB091EFA7BCE9058560", 16)
PK_MAP_IC = H(
    "04824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F57"
    "30D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C54"
)
H_POINT = (
    int("60332EF2450B5D247EF6D3868397D398852ED6E8CAF6FFEEF6BF85CA57057FD5", 16),
    int("0840CA7415BAF3E43BD414D35AA4608B93A2CAF3A4E3EA4E82C9C13D03EB7181", 16),
)
G_MAPPED = (
    int("8CED63C91426D4F0EB1435E7CB1D74A46723A0AF21C89634F65A9AE87A9265E2", 16),
    int("8C879506743F8611AC33645C5B985C80B5F09A0B83407C1B6A4D857AE76FE522", 16),
)
SK_EPH_IFD = int("A73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595", 16)
PK_EPH_IFD = H(
    "042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C"
    "3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB36462"
)
SK_EPH_IC = int("107CF58696EF6155053340FD633392BA81909DF7B9706F226F32086C7AFF974A", 16)
PK_EPH_IC = H(
    "049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB"
    "7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094"
)
SHARED_K = H("28768D20701247DAE81804C9E780EDE582A9996DB4A315020B2733197DB84925")
KS_ENC = H("F5F0E35C0D7161EE6724EE513A0D9A7F")
KS_MAC = H("FE251C7858B356B24514B3BD5F4297D1")
T_IFD = H("C2B0BD78D94BA866")
T_IC = H("3ABB9674BCE93C08")


def test_card_access_lists_pace_ecdh_gm_aes128_on_brainpool256():
    infos = parse_security_infos(CARD_ACCESS)
    assert len(infos.pace) == 1
    info = infos.pace[0]
    assert (info.oid, info.version, info.parameter_id) == (OID, 2, 13)
    assert info.cipher is CipherKind.AES128
    assert pace.choose(infos.pace) == info


def test_password_key_and_nonce():
    assert KEY.pace_secret() == H("7E2D2A41C74EA0B38CD36F863939BFA8E9032AAD")
    password = pace.PacePassword.from_mrz(KEY)
    assert pace.password_key(password, CipherKind.AES128) == K_PI
    assert pace.decrypt_nonce(K_PI, Z, CipherKind.AES128) == S


def test_mapping_keys_shared_point_and_mapped_generator():
    assert CURVE.encode(CURVE.mul(SK_MAP_IFD, CURVE.g)) == PK_MAP_IFD
    assert CURVE.encode(CURVE.mul(SK_MAP_IC, CURVE.g)) == PK_MAP_IC
    shared = CURVE.mul(SK_MAP_IFD, CURVE.decode(PK_MAP_IC))
    assert shared == H_POINT
    assert CURVE.mul(SK_MAP_IC, CURVE.decode(PK_MAP_IFD)) == H_POINT
    assert pace.map_generator(CURVE, S, shared) == G_MAPPED


def test_ephemeral_keys_shared_secret_and_session_keys():
    assert CURVE.encode(CURVE.mul(SK_EPH_IFD, G_MAPPED)) == PK_EPH_IFD
    assert CURVE.encode(CURVE.mul(SK_EPH_IC, G_MAPPED)) == PK_EPH_IC
    point = CURVE.mul(SK_EPH_IFD, CURVE.decode(PK_EPH_IC))
    assert point is not None
    assert point[0].to_bytes(32, "big") == SHARED_K
    from app.services.card.ciphers import SessionKeys

    keys = SessionKeys.derive(SHARED_K, CipherKind.AES128)
    assert (keys.enc, keys.mac) == (KS_ENC, KS_MAC)


def test_authentication_tokens():
    from app.services.card.ciphers import SessionKeys

    keys = SessionKeys(CipherKind.AES128, KS_ENC, KS_MAC)
    assert (
        pace.token_input(OID, PK_EPH_IC)
        == H("7F494F060A04007F00070202040202864104") + PK_EPH_IC[1:]
    )
    assert pace.auth_token(keys, OID, PK_EPH_IC) == T_IFD
    assert pace.auth_token(keys, OID, PK_EPH_IFD) == T_IC


CHIP_ANSWERS = {
    "0022C1A40F800A04007F00070202040202830101": "9000",
    "10860000027C0000": "7C12801095A3A016522EE98D01E76CB6B98B42C39000",
    "10860000457C43814104" + PK_MAP_IFD[1:].hex().upper() + "00": "7C43824104"
    + PK_MAP_IC[1:].hex().upper()
    + "9000",
    "10860000457C43834104" + PK_EPH_IFD[1:].hex().upper() + "00": "7C43844104"
    + PK_EPH_IC[1:].hex().upper()
    + "9000",
    "008600000C7C0A8508C2B0BD78D94BA86600": "7C0A86083ABB9674BCE93C089000",
}


def _scripted_chip(answers: dict[str, str]) -> FunctionTransport:
    def chip(apdu: bytes) -> bytes:
        answer = answers.get(apdu.hex().upper())
        assert answer is not None, f"unexpected APDU {apdu.hex()}"
        return H(answer)

    return FunctionTransport(chip)


def _example_scalars():
    it = iter([SK_MAP_IFD, SK_EPH_IFD])
    return lambda curve: next(it)


def test_whole_exchange_replays_the_example():
    info = parse_security_infos(CARD_ACCESS).pace[0]
    transport = _scripted_chip(CHIP_ANSWERS)
    keys = pace.perform_pace(
        transport, info, pace.PacePassword.from_mrz(KEY), scalar=_example_scalars()
    )
    assert (keys.enc, keys.mac, keys.ssc) == (KS_ENC, KS_MAC, 0)
    assert transport.stats.apdu_count == 5


def test_wrong_chip_token_is_rejected():
    answers = dict(CHIP_ANSWERS)
    answers["008600000C7C0A8508C2B0BD78D94BA86600"] = "7C0A86083ABB9674BCE93C099000"
    info = parse_security_infos(CARD_ACCESS).pace[0]
    with pytest.raises(AuthenticationError):
        pace.perform_pace(
            _scripted_chip(answers),
            info,
            pace.PacePassword.from_mrz(KEY),
            scalar=_example_scalars(),
        )
