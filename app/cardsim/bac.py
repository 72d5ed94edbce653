"""Basic Access Control, chip side (ICAO Doc 9303 Part 11 §4.3, worked example Appendix D)."""

from __future__ import annotations

import hashlib
import hmac

from app.cardsim import primitives as pr
from app.cardsim.apdu import SW_VERIFICATION_FAILED, SW_WRONG_LENGTH, ApduError
from app.cardsim.sm import SecureChannel


def document_basic_access_keys(mrz_information: bytes) -> tuple[bytes, bytes]:
    """K_Enc and K_MAC from the MRZ information (§9.7.2): Kseed = SHA-1(MRZ_information)[:16]."""
    seed = hashlib.sha1(mrz_information).digest()[:16]
    return pr.kdf(seed, pr.KDF_ENC, "3DES"), pr.kdf(seed, pr.KDF_MAC, "3DES")


def mutual_authenticate(
    k_enc: bytes, k_mac: bytes, rnd_ic: bytes, command_data: bytes, k_ic: bytes
) -> tuple[bytes, SecureChannel]:
    """Check E_IFD ‖ M_IFD, answer E_IC ‖ M_IC and open the 3DES session (§4.3.3.2)."""
    if len(command_data) != 40:
        raise ApduError(SW_WRONG_LENGTH, "MUTUAL AUTHENTICATE takes 40 bytes")
    e_ifd, m_ifd = command_data[:32], command_data[32:]
    if not hmac.compare_digest(pr.retail_mac(k_mac, e_ifd), m_ifd):
        raise ApduError(SW_VERIFICATION_FAILED, "M_IFD does not verify (wrong MRZ keys?)")
    s = pr.des3_cbc(k_enc, e_ifd, encrypt=False)
    rnd_ifd, rnd_ic_echo, k_ifd = s[:8], s[8:16], s[16:32]
    if not hmac.compare_digest(rnd_ic_echo, rnd_ic):
        raise ApduError(SW_VERIFICATION_FAILED, "RND.IC not echoed")
    e_ic = pr.des3_cbc(k_enc, rnd_ic + rnd_ifd + k_ic)
    m_ic = pr.retail_mac(k_mac, e_ic)
    seed = bytes(x ^ y for x, y in zip(k_ifd, k_ic, strict=True))
    channel = SecureChannel(
        "3DES",
        pr.kdf(seed, pr.KDF_ENC, "3DES"),
        pr.kdf(seed, pr.KDF_MAC, "3DES"),
        ssc=int.from_bytes(rnd_ic[4:] + rnd_ifd[4:], "big"),
    )
    return e_ic + m_ic, channel
