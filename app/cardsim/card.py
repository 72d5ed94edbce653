"""The virtual chip: an ICAO 9303 eMRTD application answering ISO/IEC 7816-4 APDUs.

Pure Python and in-process: ``VirtualCard.process_apdu(bytes) -> bytes``. The vpcd
transport (``vpcd.py``) puts it behind pcscd; tests can drive it directly.

Behaviour follows the standards and what is known of the Vietnamese cards:
SELECT MF answers 6D00; EF.CardAccess is readable before the application is selected;
data groups need secure messaging after BAC or PACE (plain reads answer 6982);
DG3 always answers 6982 (Extended Access Control is not offered); a wrong command MAC
answers 6988 and ends the SM session.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass

from app.cardsim import apdu as iso
from app.cardsim.apdu import ApduError, Command
from app.cardsim.bac import document_basic_access_keys, mutual_authenticate
from app.cardsim.build import AID_EMRTD, SFI_APP, SFI_MF, CardImage, build_card
from app.cardsim.chipauth import active_authentication, chip_authentication
from app.cardsim.faults import Faults
from app.cardsim.lds_asn1 import CA_CIPHERS
from app.cardsim.pace import PaceChip, password_key
from app.cardsim.profile import load_profile
from app.cardsim.sm import SecureChannel
from app.cardsim.tlv import TlvError, tlv, tlv_dict

log = logging.getLogger(__name__)

SW_NO_CURRENT_EF = 0x6986
INS_NAMES = {
    0xA4: "SELECT", 0xB0: "READ BINARY", 0x84: "GET CHALLENGE", 0x82: "MUTUAL AUTH",
    0x22: "MSE", 0x86: "GENERAL AUTH", 0x88: "INTERNAL AUTH",
}  # fmt: skip


def oid_text(body: bytes) -> str:
    """Dotted text of an OID's content octets (only what PACE/CA send)."""
    if not body:
        return ""
    arcs = [body[0] // 40, body[0] % 40]
    value = 0
    for byte in body[1:]:
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            arcs.append(value)
            value = 0
    return ".".join(str(x) for x in arcs)


@dataclass(slots=True)
class _Answer:
    data: bytes = b""
    sw: int = iso.SW_OK


class VirtualCard:
    """One chip. ``rng`` is injectable so tests can replay the ICAO worked examples."""

    def __init__(self, image: CardImage, *, rng: Callable[[int], bytes] = os.urandom) -> None:
        self.image = image
        self.rng = rng
        self.apdu_count = 0
        self._reset_state()

    @classmethod
    def from_profile(
        cls, name_or_path: str, faults: Faults | None = None, **kwargs: Callable[[int], bytes]
    ) -> VirtualCard:
        return cls(build_card(load_profile(name_or_path), faults), **kwargs)

    # --- power -----------------------------------------------------------------------
    def power_on(self) -> bytes:
        self._reset_state()
        return self.image.atr

    def power_off(self) -> None:
        self._reset_state()

    def _reset_state(self) -> None:
        self.in_application = False
        self.current_ef: int | None = None
        self.sm: SecureChannel | None = None
        self._next_sm: SecureChannel | None = None  # after CA: switch once answered
        self.access: str | None = None  # "BAC" or "PACE" once SM was established
        self._challenge: bytes | None = None
        self._pace: PaceChip | None = None
        self._ca_oid: str | None = None

    def _drop_session(self) -> None:
        if self.sm is not None:
            log.debug("secure messaging session ended")
        self.sm = None
        self.access = None
        self._next_sm = None

    # --- entry point -----------------------------------------------------------------
    def process_apdu(self, raw: bytes) -> bytes:
        self.apdu_count += 1
        try:
            cmd = iso.parse_command(raw)
        except ApduError as err:
            return iso.response(b"", err.sw)
        if self.image.faults.endless_61xx and self.access and cmd.ins in (0xB0, 0xB1, 0xC0):
            # A hostile card: "more data available" for ever, 256 bytes at a time.
            return (bytes(256) if cmd.ins == 0xC0 else b"") + b"\x61\x00"
        if cmd.extended and not self.image.profile.security.extended_length:
            return iso.response(b"", iso.SW_WRONG_LENGTH)
        if cmd.cla & 0xE0 not in (0x00, 0x80) and not cmd.chained:
            return iso.response(b"", iso.SW_CLA_NOT_SUPPORTED)
        if not cmd.secure:
            if self.sm is not None:
                # A plain command ends the session (Doc 9303-11 §9.8.7.2).
                self._drop_session()
            answer = self._run(cmd, secure=False)
            return iso.response(answer.data, answer.sw)
        if self.sm is None:
            return iso.response(b"", iso.SW_SM_DATA_INCORRECT)
        channel = self.sm
        try:
            plain = channel.unwrap(cmd)
        except ApduError as err:
            log.info("SM command rejected (%s); session dropped", err)
            self._drop_session()
            return iso.response(b"", err.sw)
        answer = self._run(plain, secure=True)
        wrapped = channel.wrap(answer.data, answer.sw, odd_ins=bool(plain.ins & 1))
        if self._next_sm is not None:
            self.sm, self._next_sm = self._next_sm, None
        return wrapped

    def _run(self, cmd: Command, *, secure: bool) -> _Answer:
        try:
            if (
                cmd.ne is not None
                and cmd.ne > 256
                and not (self.image.profile.security.extended_length)
            ):
                raise ApduError(iso.SW_WRONG_LENGTH, "extended Le not supported")
            handler = self._handlers().get(cmd.ins)
            if handler is None:
                raise ApduError(iso.SW_INS_NOT_SUPPORTED, f"INS {cmd.ins:02X}")
            answer = handler(cmd, secure)
        except ApduError as err:
            answer = _Answer(b"", err.sw)
        log.debug(
            "%s%s -> %04X (%d bytes)",
            "SM " if secure else "",
            INS_NAMES.get(cmd.ins, f"{cmd.ins:02X}"),
            answer.sw,
            len(answer.data),
        )
        return answer

    def _handlers(self) -> dict[int, Callable[[Command, bool], _Answer]]:
        return {
            0xA4: self._select,
            0xB0: self._read_binary,
            0x84: self._get_challenge,
            0x82: self._mutual_authenticate,
            0x22: self._manage_security_environment,
            0x86: self._general_authenticate,
            0x88: self._internal_authenticate,
        }

    # --- files -----------------------------------------------------------------------
    def _files(self) -> dict[int, bytes]:
        return self.image.app_files if self.in_application else self.image.mf_files

    def _select(self, cmd: Command, secure: bool) -> _Answer:
        if cmd.p1 == 0x04:  # by DF name
            if cmd.data != AID_EMRTD:
                raise ApduError(iso.SW_FILE_NOT_FOUND, "unknown application")
            self.in_application, self.current_ef = True, None
            fci = b"" if cmd.p2 & 0x0C == 0x0C else tlv(0x6F, tlv(0x84, AID_EMRTD))
            return _Answer(fci)
        if cmd.p1 == 0x00 and cmd.data in (b"", b"\x3f\x00"):
            # The Vietnamese cards answer SELECT MF with "instruction not supported".
            raise ApduError(iso.SW_INS_NOT_SUPPORTED, "SELECT MF")
        if cmd.p1 in (0x00, 0x02) and len(cmd.data) == 2:
            fid = int.from_bytes(cmd.data, "big")
            content = self._files().get(fid)
            if content is None and fid not in self.image.eac_protected:
                raise ApduError(iso.SW_FILE_NOT_FOUND, f"no EF {fid:04X} here")
            self.current_ef = fid
            if cmd.p2 & 0x0C == 0x0C:
                return _Answer()
            size = len(content or b"")
            fcp = tlv(
                0x62, tlv(0x80, size.to_bytes(2, "big")) + tlv(0x82, b"\x01") + tlv(0x83, cmd.data)
            )
            return _Answer(fcp)
        raise ApduError(iso.SW_INCORRECT_P1P2, "selection method not supported")

    def _read_binary(self, cmd: Command, secure: bool) -> _Answer:
        if cmd.p1 & 0x80:
            sfi = cmd.p1 & 0x1F
            fid = (SFI_APP if self.in_application else SFI_MF).get(sfi)
            if fid is None or (fid not in self._files() and fid not in self.image.eac_protected):
                raise ApduError(iso.SW_FILE_NOT_FOUND, f"no EF with SFI {sfi:02X}")
            self.current_ef = fid
            offset = cmd.p2
        else:
            if self.current_ef is None:
                raise ApduError(SW_NO_CURRENT_EF, "no EF selected")
            fid = self.current_ef
            offset = ((cmd.p1 & 0x7F) << 8) | cmd.p2
        if fid in self.image.eac_protected:
            raise ApduError(iso.SW_SECURITY_NOT_SATISFIED, "needs Extended Access Control")
        if (
            self.in_application
            and not (secure and self.access)
            and not self.image.faults.open_files
        ):
            raise ApduError(iso.SW_SECURITY_NOT_SATISFIED, "needs BAC or PACE")
        content = self._files()[fid]
        if cmd.ne is None:
            raise ApduError(iso.SW_WRONG_LENGTH, "READ BINARY without Le")
        if offset > len(content):
            raise ApduError(iso.SW_WRONG_P1P2, "offset beyond the end of the file")
        limit = self.image.profile.security.max_response
        chunk = content[offset : offset + min(cmd.ne, limit)]
        # Le = 00 / 0000 asks for "all available up to the maximum" (ISO 7816-4 §5.1):
        # a short answer is normal then. An explicit Le that the file cannot fill gets
        # the warning "end of file reached before reading Ne bytes".
        asked_maximum = cmd.ne in (256, 65536)
        if len(chunk) < min(cmd.ne, limit) and not asked_maximum:
            return _Answer(chunk, self.image.profile.security.short_read_sw)
        return _Answer(chunk)

    # --- BAC -------------------------------------------------------------------------
    def _get_challenge(self, cmd: Command, secure: bool) -> _Answer:
        if cmd.ne is None or cmd.ne > 256:
            raise ApduError(iso.SW_WRONG_LENGTH, "GET CHALLENGE needs Le")
        self._challenge = self.rng(cmd.ne)
        return _Answer(self._challenge)

    def _mutual_authenticate(self, cmd: Command, secure: bool) -> _Answer:
        if not self.image.profile.security.bac:
            raise ApduError(iso.SW_CONDITIONS_NOT_SATISFIED, "BAC not offered")
        if self._challenge is None or len(self._challenge) != 8:
            raise ApduError(iso.SW_CONDITIONS_NOT_SATISFIED, "GET CHALLENGE first")
        rnd_ic, self._challenge = self._challenge, None
        k_enc, k_mac = document_basic_access_keys(self.image.key_mrz_information)
        try:
            data, channel = mutual_authenticate(k_enc, k_mac, rnd_ic, cmd.data, self.rng(16))
        except ApduError:
            log.info("BAC failed: the terminal's MRZ keys do not match")
            raise
        self.sm, self.access = channel, "BAC"
        log.info("BAC done, 3DES secure messaging")
        return _Answer(data)

    # --- PACE and Chip Authentication ------------------------------------------------
    def _manage_security_environment(self, cmd: Command, secure: bool) -> _Answer:
        try:
            objects = tlv_dict(cmd.data)
        except TlvError as exc:
            raise ApduError(iso.SW_WRONG_DATA, "malformed MSE data") from exc
        p1p2 = (cmd.p1 << 8) | cmd.p2
        if p1p2 == 0xC1A4:  # Set AT for mutual authentication: PACE
            return self._start_pace(objects)
        if p1p2 == 0x41A4:  # Set AT for internal authentication: Chip Authentication
            if not secure:
                raise ApduError(iso.SW_SECURITY_NOT_SATISFIED, "CA needs secure messaging")
            oid = oid_text(objects.get(0x80, b""))
            if oid not in CA_CIPHERS or CA_CIPHERS[oid] != self.image.ca_cipher:
                raise ApduError(iso.SW_WRONG_DATA, "CA protocol not offered")
            self._ca_oid = oid
            return _Answer()
        if p1p2 == 0x41A6:  # Set KAT: Chip Authentication with 3DES in one step
            if not secure:
                raise ApduError(iso.SW_SECURITY_NOT_SATISFIED, "CA needs secure messaging")
            if self.image.ca_cipher != "3DES" or 0x91 not in objects:
                raise ApduError(iso.SW_WRONG_DATA, "MSE:Set KAT needs 3DES CA and DO'91'")
            self._finish_chip_authentication(objects[0x91])
            return _Answer()
        raise ApduError(iso.SW_INCORRECT_P1P2, "MSE variant not supported")

    def _start_pace(self, objects: dict[int, bytes]) -> _Answer:
        oid = oid_text(objects.get(0x80, b""))
        if self.image.pace_oid is None or oid != self.image.pace_oid:
            raise ApduError(iso.SW_WRONG_DATA, "PACE protocol not offered")
        reference = objects.get(0x83, b"\x00")[0]
        allowed = {"MRZ": 0x01, "CAN": 0x02}
        if reference not in {allowed[p] for p in self.image.profile.security.pace_passwords}:
            raise ApduError(iso.SW_REFERENCED_DATA_NOT_FOUND, "password not accepted")
        parameter_id = objects.get(0x84, bytes([self.image.pace_parameter_id]))[0]
        if parameter_id != self.image.pace_parameter_id:
            raise ApduError(iso.SW_WRONG_DATA, "domain parameters not offered")
        key = password_key(
            reference, mrz_information=self.image.key_mrz_information, can=self.image.key_can
        )
        self._pace = PaceChip(oid, parameter_id, key, self.rng)
        return _Answer()

    def _general_authenticate(self, cmd: Command, secure: bool) -> _Answer:
        if self._pace is not None and not secure:
            try:
                data, channel = self._pace.general_authenticate(cmd.data)
            except ApduError:
                if self._pace.step >= 4:
                    log.info("PACE failed: the terminal's password does not match")
                self._pace = None
                raise
            if channel is not None:
                self._pace = None
                self.sm, self.access = channel, "PACE"
                log.info("PACE done, %s secure messaging", channel.cipher)
            return _Answer(data)
        if self._ca_oid is not None and secure:
            try:
                outer = tlv_dict(cmd.data)
                inner = tlv_dict(outer.get(0x7C, b""))
            except TlvError as exc:
                raise ApduError(iso.SW_WRONG_DATA, "malformed CA data") from exc
            if 0x80 not in inner:
                raise ApduError(iso.SW_WRONG_DATA, "missing terminal key 80")
            self._finish_chip_authentication(inner[0x80])
            return _Answer(tlv(0x7C, b""))
        raise ApduError(iso.SW_CONDITIONS_NOT_SATISFIED, "no MSE:Set AT before")

    def _finish_chip_authentication(self, terminal_key: bytes) -> None:
        if self.image.ca_key is None or self.image.ca_cipher is None:
            raise ApduError(iso.SW_CONDITIONS_NOT_SATISFIED, "no CA key")
        self._next_sm = chip_authentication(self.image.ca_key, terminal_key, self.image.ca_cipher)
        self._ca_oid = None
        log.info("Chip Authentication done, new %s session keys", self.image.ca_cipher)

    # --- Active Authentication -------------------------------------------------------
    def _internal_authenticate(self, cmd: Command, secure: bool) -> _Answer:
        if self.image.aa_key is None:
            raise ApduError(iso.SW_INS_NOT_SUPPORTED, "no Active Authentication")
        if not (secure and self.access):
            raise ApduError(iso.SW_SECURITY_NOT_SATISFIED, "AA needs BAC or PACE")
        if len(cmd.data) != 8:
            raise ApduError(iso.SW_WRONG_DATA, "challenge must be 8 bytes")
        return _Answer(active_authentication(self.image.aa_key, cmd.data, self.rng))
