"""The one identity result every identification path produces.

Chip reads, QR scans and typed entry all end in an ``Identity``; the intake flow,
forms and storage consume only this type, so they never care how the citizen was
identified except through ``source`` and ``verdicts``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class IdentitySource(StrEnum):
    CHIP = "chip"  # read from the chip over PC/SC
    QR = "qr"  # the card's printed QR code, from a 2D scanner
    TYPED = "typed"  # typed by the officer from the card
    PASSPORT = "passport"  # chip of an ICAO passport (foreign workers)


class Verdict(StrEnum):
    """Outcome of one genuineness check. ``NOT_CHECKED`` when the path cannot check."""

    PASSED = "passed"
    # SOD signature and hashes valid, but the DSC chains to no trusted CSCA (none
    # configured, or the card's CSCA is not in the list): amber, "cannot check origin"
    NO_CSCA = "no_csca"
    FAILED = "failed"
    NOT_SUPPORTED = "not_supported"  # the card does not offer this check
    NOT_CHECKED = "not_checked"


class IdentificationMethod(StrEnum):
    """How the citizen of one dossier was identified: the evidence the Đề án 06
    indicators count. Only ``CHIP_TRUSTED`` is a proven genuine card."""

    CHIP_TRUSTED = "chip_trusted"  # chip read, SOD chained to a trusted CSCA, nothing failed
    CHIP_NO_CSCA = "chip_no_csca"  # chip read, signature valid, no trusted CSCA to chain to
    CHIP_FAILED = "chip_failed"  # chip read but a genuineness check failed or was impossible
    QR = "qr"  # the card's printed QR code only
    TYPED = "typed"  # typed by the officer
    REGISTER = "register"  # confirmed against the population register


@dataclass(frozen=True, slots=True)
class Checks:
    passive: Verdict = Verdict.NOT_CHECKED  # SOD signature + data-group hashes (+ CSCA chain)
    passive_detail: str = ""  # e.g. "DG13 hash mismatch" / "certificate expired"
    active: Verdict = Verdict.NOT_CHECKED  # Active Authentication (DG15)
    chip: Verdict = Verdict.NOT_CHECKED  # Chip Authentication (DG14)

    @property
    def genuine(self) -> bool | None:
        """True only when the SOD chains to a trusted CSCA and nothing failed; False
        when a check failed; None (amber or grey) otherwise: a valid signature without
        a trusted CSCA, a key or algorithm the reader cannot check, or nothing read."""
        values = (self.passive, self.active, self.chip)
        if Verdict.FAILED in values:
            return False
        if self.passive is Verdict.PASSED:
            return True
        return None

    @property
    def colour(self) -> str:
        """What the officer sees: "green" genuine, "red" a failed check, "amber" checked
        but not provable here (no trusted CSCA, cannot check), "grey" not checked."""
        if self.genuine is True:
            return "green"
        if self.genuine is False:
            return "red"
        if self.passive in (Verdict.NO_CSCA, Verdict.NOT_SUPPORTED):
            return "amber"
        return "grey"


@dataclass(frozen=True, slots=True)
class Identity:
    id_number: str  # 12-digit số định danh cá nhân, or passport number for PASSPORT
    full_name: str  # with diacritics where the source has them
    date_of_birth: dt.date | None  # None when only partial (see dob_text)
    sex: str  # "Nam" / "Nữ" / "" (passport: "M"/"F" mapped to Nam/Nữ)
    source: IdentitySource
    dob_text: str = ""  # as printed, e.g. "01/01/1990" or "1990"
    nationality: str = "Việt Nam"
    ethnicity: str = ""  # sensitive: shown only where a procedure needs it
    religion: str = ""  # sensitive
    place_of_origin: str = ""  # quê quán
    residence: str = ""  # nơi thường trú / nơi cư trú
    identifying_marks: str = ""
    issue_date: dt.date | None = None
    expiry_date: dt.date | None = None  # None with expiry_text "Không thời hạn"
    expiry_text: str = ""
    father_name: str = ""
    mother_name: str = ""
    spouse_name: str = ""
    old_id_number: str = ""  # 9-digit CMND
    document_number: str = ""  # MRZ document number (last 9 digits for CCCD)
    document_type: str = ""  # "CCCD", "CCCD-2024", "PASSPORT", ""
    portrait: bytes = b""  # encoded image (JPEG/PNG) ready for display; empty if none
    portrait_format: str = ""  # "jpeg", "jpeg2000", "png"
    checks: Checks = field(default_factory=Checks)
    read_seconds: float = 0.0
    apdu_count: int = 0
    raw_extra: tuple[str, ...] = ()  # unknown fields kept (QR trailing fields, DG13 n=16)


def identification_of(
    identity: Identity, *, register_confirmed: bool = False
) -> IdentificationMethod:
    """The evidence an identity carries, for the dossier it is used in.

    ``register_confirmed``: the population register holds this ID number with this very
    name and date of birth (central's answer at intake). It lifts only what nothing else
    proves (a QR or typed identity); a chip keeps its own verdict, a failed one above all.
    """
    if register_confirmed and identity.source in (IdentitySource.QR, IdentitySource.TYPED):
        return IdentificationMethod.REGISTER
    if identity.source is IdentitySource.QR:
        return IdentificationMethod.QR
    if identity.source is IdentitySource.TYPED:
        return IdentificationMethod.TYPED
    checks = identity.checks
    if Verdict.FAILED in (checks.passive, checks.active, checks.chip):
        return IdentificationMethod.CHIP_FAILED
    if checks.passive is Verdict.PASSED:
        return IdentificationMethod.CHIP_TRUSTED
    if checks.passive is Verdict.NO_CSCA:
        return IdentificationMethod.CHIP_NO_CSCA
    return IdentificationMethod.CHIP_FAILED
