"""Turn a profile (and faults) into the card's content: files, keys, ATR."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.asymmetric import ec, rsa
from PIL import Image

from app.cardsim import lds_asn1 as a
from app.cardsim import lds_build as lds
from app.cardsim import mrz
from app.cardsim.faults import Faults
from app.cardsim.pki import load_private_key, load_signer, new_private_key
from app.cardsim.profile import Profile
from app.cardsim.sod import build_sod

AID_EMRTD = bytes.fromhex("A0000002471001")
FID_CARD_ACCESS = 0x011C
FID_ATR_INFO = 0x2F01
FID_COM = 0x011E
FID_SOD = 0x011D
# Short file identifiers (Doc 9303-10 §3.6): DGn = n, COM = 1E, SOD = 1D, CardAccess = 1C.
SFI_MF = {0x1C: FID_CARD_ACCESS}
SFI_APP = {**{n: 0x0100 + n for n in range(1, 17)}, 0x1E: FID_COM, 0x1D: FID_SOD}


@dataclass(slots=True)
class CardImage:
    """Everything the chip holds. ``mf_files``/``app_files`` map FID -> content."""

    profile: Profile
    faults: Faults
    mf_files: dict[int, bytes]
    app_files: dict[int, bytes]
    eac_protected: set[int]
    mrz_lines: tuple[str, ...]
    key_mrz_information: bytes  # what BAC/PACE-MRZ keys come from (differs if wrong-keys)
    key_can: str | None
    pace_oid: str | None
    pace_parameter_id: int
    ca_key: ec.EllipticCurvePrivateKey | None
    ca_cipher: str | None
    aa_key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey | None
    atr: bytes
    dg_files: dict[int, bytes] = field(default_factory=dict)  # as hashed in the SOD


def build_atr(extended_length: bool) -> bytes:
    """ATR that PC/SC builds for an ISO/IEC 14443-4 card (PC/SC Part 3 §3.1.3.2.3).

    3B 8n 80 01 ‖ historical bytes ‖ TCK. The historical bytes carry card
    capabilities (ISO 7816-4 §12.1.1.10): selection by full DF name and short EF
    identifier, command chaining and, when enabled, extended Lc/Le.
    """
    capabilities = bytes([0x84, 0x01, 0x80 | (0x40 if extended_length else 0)])
    historical = b"\x80" + b"\x31\x80" + b"\x73" + capabilities
    body = bytes([0x80 | len(historical), 0x80, 0x01]) + historical
    tck = 0
    for byte in body:
        tck ^= byte
    return b"\x3b" + body + bytes([tck])


def mrz_lines(profile: Profile) -> tuple[str, ...]:
    h, d = profile.holder, profile.document
    if profile.is_id_card:
        optional = h.id_number + "<<" + mrz.check_digit(h.id_number)
        return mrz.td1(
            document_code="ID",
            issuing_state=d.issuing_state,
            document_number=d.document_number,
            optional_1=optional,
            birth=h.birth,
            sex=h.sex,
            expiry=d.expiry,
            nationality=d.nationality_code,
            optional_2="",
            surname=h.surname,
            given_names=h.given_names,
        )
    if d.expiry is None:
        raise ValueError("a passport needs an expiry date")
    return mrz.td3(
        document_code="P",
        issuing_state=d.issuing_state,
        document_number=d.document_number,
        birth=h.birth,
        sex=h.sex,
        expiry=d.expiry,
        nationality=d.nationality_code,
        personal_number=h.id_number,
        surname=h.surname,
        given_names=h.given_names,
    )


def key_mrz_information(profile: Profile, lines: tuple[str, ...]) -> bytes:
    """MRZ information as the terminal would read it from the printed MRZ."""
    if profile.is_id_card:
        doc, birth, expiry = lines[0][5:14], lines[1][0:6], lines[1][8:14]
    else:
        doc, birth, expiry = lines[1][0:9], lines[1][13:19], lines[1][21:27]
    return mrz.mrz_information(doc, birth, expiry)


def _dg13_fields(profile: Profile) -> dict[int, object]:
    h, d = profile.holder, profile.document
    fields: dict[int, object] = {
        1: h.id_number,
        2: h.full_name,
        3: h.birth.strftime("%d/%m/%Y"),
        4: "Nam" if h.sex == "M" else "Nữ",
        5: h.nationality,
        6: h.ethnicity,
        7: h.religion,
        8: h.hometown,
        9: h.residence,
        10: h.identifying_marks,
        11: d.issued.strftime("%d/%m/%Y"),
        12: d.expiry.strftime("%d/%m/%Y") if d.expiry else "Không thời hạn",
        13: (h.father, h.mother),
        14: h.spouse or None,
        15: h.old_id_number,
        16: profile.dg13.field16,
    }
    if not h.old_id_number:
        del fields[15]
    if not profile.dg13.field16:
        del fields[16]
    for number in profile.dg13.absent:
        fields.pop(number, None)
    return fields


def _photo(profile: Profile) -> lds.FaceImage:
    data = profile.photo.read_bytes()
    with Image.open(io.BytesIO(data)) as img:
        width, height = img.size
    return lds.FaceImage(data, profile.photo_format, width, height, profile.holder.sex)


def _alter(text_digits: str) -> str:
    """Change the last digit: the card then answers to other keys than printed."""
    last = text_digits[-1]
    new = str((int(last) + 1) % 10) if last.isdigit() else ("A" if last != "A" else "B")
    return text_digits[:-1] + new


def build_card(profile: Profile, faults: Faults | None = None) -> CardImage:
    faults = profile.faults.merged(faults or Faults())
    sec, doc = profile.security, profile.document
    lines = mrz_lines(profile)

    ca_key = None
    if sec.chip_auth:
        if profile.ca_key is None:
            raise ValueError("chip authentication needs files.ca_key")
        loaded = load_private_key(profile.ca_key)
        assert isinstance(loaded, ec.EllipticCurvePrivateKey)
        ca_key = loaded
    ca_oid = {"AES-128": a.ID_CA_ECDH_AES_CBC_CMAC_128, "3DES": a.ID_CA_ECDH_3DES_CBC_CBC}.get(
        sec.chip_auth or ""
    )
    aa_key = None
    if sec.active_auth:
        if profile.aa_key is None:
            raise ValueError("active authentication needs files.aa_key")
        loaded_aa = load_private_key(profile.aa_key)
        assert isinstance(loaded_aa, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey)
        aa_key = loaded_aa

    # --- data groups
    dgs: dict[int, bytes] = {1: lds.dg1(lines), 2: lds.dg2(_photo(profile))}
    if profile.is_id_card:
        dgs[3] = lds.dg3_locked()
        dgs[13] = lds.dg13(_dg13_fields(profile), parents_wrapped=profile.dg13.parents_wrapped)
    else:
        h = profile.holder
        dgs[11] = lds.dg11(
            name_mrz=mrz.mrz_name(h.surname, h.given_names, 39).rstrip("<"),
            personal_number=h.id_number,
            birth=h.birth,
            place_of_birth=doc.place_of_birth,
            address=doc.address,
            telephone=doc.telephone,
            profession=doc.profession,
        )
        dgs[12] = lds.dg12(issuing_authority=doc.issuing_authority, issued=doc.issued)
    if ca_key is not None and ca_oid is not None:
        aa_oid = a.ECDSA_PLAIN_SHA256 if isinstance(aa_key, ec.EllipticCurvePrivateKey) else None
        dgs[14] = lds.dg14(
            ca_public_key=ca_key.public_key(), ca_oid=ca_oid, aa_signature_oid=aa_oid
        )
    if aa_key is not None:
        dgs[15] = lds.dg15(aa_key.public_key())

    signer = sec.expired_dsc if faults.expired_dsc else sec.dsc
    if faults.unknown_csca:
        signer = "dsc-unknown"
    cert, signer_key = load_signer(signer)
    sod = build_sod(dgs, cert, signer_key, rsa_encryption=faults.rsa_encryption_sod)
    hashed = dict(dgs)
    if faults.altered_dg13 and 13 in dgs:
        # A forger edits the address after signing: same structure, other text.
        fields = _dg13_fields(profile)
        fields[9] = str(fields.get(9, "")) + " (sửa)"
        dgs[13] = lds.dg13(fields, parents_wrapped=profile.dg13.parents_wrapped)

    if faults.oversized_length and 2 in dgs:
        # 75 84 01000000: a 16 MB DG2 announced, the real bytes after it.
        dgs[2] = b"\x75\x84\x01\x00\x00\x00" + dgs[2][2:]
    shown = dict(dgs)
    if faults.hidden_dg14_dg15:
        # A copy of the signed files without the chip's private keys: EF.COM is not
        # signed, so it simply leaves out the files that would expose the copy.
        shown.pop(14, None)
        shown.pop(15, None)
    app_files = {0x0100 + n: content for n, content in shown.items()}
    app_files[FID_COM] = lds.ef_com(sorted(shown))
    app_files[FID_SOD] = sod

    pace_oid = a.ID_PACE_ECDH_GM_AES_CBC_CMAC_128 if sec.pace_passwords else None
    mf_files = {
        FID_CARD_ACCESS: lds.card_access(
            pace_oids=[pace_oid] if pace_oid else [], ca_oid=ca_oid, terminal_auth=True
        )
    }
    if sec.extended_length:
        mf_files[FID_ATR_INFO] = lds.atr_info(sec.max_response, sec.max_response)

    key_mrz = key_mrz_information(profile, lines)
    key_can = doc.can
    if faults.wrong_keys:
        if profile.is_id_card:
            key_mrz = key_mrz_information(
                profile, (lines[0][:5] + _alter(lines[0][5:14]) + lines[0][14:], *lines[1:])
            )
        else:
            key_mrz = key_mrz_information(profile, (lines[0], _alter(lines[1][0:9]) + lines[1][9:]))
        key_can = _alter(doc.can) if doc.can else None
    if faults.cloned and aa_key is not None:
        # A clone copies the files but not the private key: it signs with its own.
        kind = (
            "ec-brainpoolP256r1"
            if isinstance(aa_key, ec.EllipticCurvePrivateKey)
            else (f"rsa-{aa_key.key_size}")
        )
        clone_key = new_private_key(kind)
        assert isinstance(clone_key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey)
        aa_key = clone_key

    if faults.hidden_dg14_dg15:
        ca_key, aa_key = None, None  # the copy cannot have the chip's private keys
    return CardImage(
        profile=profile,
        faults=faults,
        mf_files=mf_files,
        app_files=app_files,
        eac_protected={fid for fid in (0x0103, 0x0104) if fid in app_files},
        mrz_lines=lines,
        key_mrz_information=key_mrz,
        key_can=key_can,
        pace_oid=pace_oid,
        pace_parameter_id=13,
        ca_key=ca_key,
        ca_cipher=sec.chip_auth if ca_key is not None else None,
        aa_key=aa_key,
        atr=build_atr(sec.extended_length),
        dg_files=hashed,
    )
