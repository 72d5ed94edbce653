"""One complete chip read: access control, files, genuineness checks → ``Identity``.

Order of work (fewest APDUs, and every check the chip offers):
EF.CardAccess (plain) → PACE (CAN first) or BAC → SELECT → EF.SOD (its signed list of
data groups decides what is read; EF.COM only when EF.SOD is unusable) → DG14 → Chip
Authentication → DG1, DG13, DG2, DG11, DG12, DG15 → Active Authentication → passive
authentication. A data group the SOD lists that the chip does not give is "possible
clone" (red): DG14/DG15 hold the keys a copy cannot have. A card removed mid-read raises ``UserError(CARD_REMOVED)``
and nothing half-read escapes; failed genuineness checks come back as verdicts.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from app.errors import ErrorKind, UserError
from app.services.card import active_auth, chip_auth, pace
from app.services.card.access_keys import AccessKeys
from app.services.card.apdu import FileNotFound, SecurityStatusNotSatisfied, StatusWordError
from app.services.card.atr import supports_extended_length
from app.services.card.bac import perform_bac
from app.services.card.ciphers import SessionKeys
from app.services.card.dg13 import Dg13, parse_dg13, parse_vn_date
from app.services.card.errors import AuthenticationError, ParseError, SecureMessagingError
from app.services.card.files import FileReader, select_application
from app.services.card.lds import (
    SFI_CARD_ACCESS,
    SFI_COM,
    SFI_SOD,
    parse_com,
    parse_dg11,
    parse_dg12,
)
from app.services.card.mrz import Mrz, mrz_date, parse_dg1
from app.services.card.passive_auth import (
    LISTED_MISSING,
    Sod,
    TrustStore,
    parse_sod,
    verify_passive,
)
from app.services.card.portrait import Portrait, parse_dg2
from app.services.card.public_keys import parse_dg15
from app.services.card.security_infos import SecurityInfos, parse_security_infos
from app.services.card.sm import SecureChannel
from app.services.card.transport import Transport
from app.services.identity import Checks, Identity, IdentitySource, Verdict

# Data groups this reader ever reads. DG3/DG4 (fingerprints, iris) need Extended
# Access Control and answer 6982: never asked for.
WANTED_GROUPS = (14, 1, 13, 2, 11, 12, 15)
DEFAULT_GROUPS = (1, 2, 13, 14, 15)  # when EF.COM is missing

Progress = Callable[[str, float], None]
log = logging.getLogger(__name__)


@dataclass(slots=True)
class _Session:
    """Mutable state of one read; never leaves this module."""

    raw: Transport
    keys: AccessKeys
    atr: bytes
    progress: Progress
    card_access: SecurityInfos | None = None
    channel: SecureChannel | None = None
    reader: FileReader | None = None
    used_pace: bool = False
    extended: bool = False
    files: dict[int, bytes] = field(default_factory=dict)  # DG number → raw file


def _report(progress: Progress | None) -> Progress:
    return progress or (lambda step, fraction: None)


def _read_card_access(session: _Session) -> None:
    """EF.CardAccess is readable without authentication (by SFI, before SELECT).
    Also the one plain read where extended length can be tried safely."""
    plain = FileReader(session.raw, extended=supports_extended_length(session.atr))
    try:
        data = plain.read(SFI_CARD_ACCESS)
    except StatusWordError as exc:
        if plain.extended and not isinstance(exc, FileNotFound | SecurityStatusNotSatisfied):
            plain = FileReader(session.raw, extended=False)
            try:
                data = plain.read(SFI_CARD_ACCESS)
            except (StatusWordError, ParseError):
                return
        else:
            # The card parsed the extended command and answered for the file (a BAC
            # card without EF.CardAccess): keep extended length for the whole read.
            session.extended = plain.extended
            return
    except ParseError:
        return
    session.extended = plain.extended
    try:
        session.card_access = parse_security_infos(data)
    except ParseError:
        session.card_access = None


def _start_sm(session: _Session, keys_: SessionKeys) -> None:
    session.channel = SecureChannel(session.raw, keys_)
    session.reader = FileReader(session.channel, extended=session.extended)


def _establish(session: _Session) -> None:
    """PACE when offered (each password, CAN first), else or on failure BAC with each
    MRZ candidate. Wrong keys everywhere → ACCESS_DENIED."""
    infos = session.card_access.pace if session.card_access else []
    if infos:
        try:
            info = pace.choose(infos)
        except pace.PaceNotSupported:
            info = None
        if info is not None:
            ambiguous = len({i.parameter_id for i in infos}) > 1
            for password in session.keys.pace_passwords():
                try:
                    keys_ = pace.perform_pace(session.raw, info, password, ambiguous)
                except AuthenticationError:
                    continue
                except pace.PaceNotSupported:
                    break
                _start_sm(session, keys_)
                session.used_pace = True
                assert session.channel is not None
                select_application(session.channel)
                return
    try:
        select_application(session.raw)
    except StatusWordError as exc:
        raise UserError(ErrorKind.UNSUPPORTED_CARD, detail=f"SELECT eMRTD: {exc}") from exc
    for key in session.keys.mrz:
        try:
            keys_ = perform_bac(session.raw, key)
        except AuthenticationError:
            continue
        _start_sm(session, keys_)
        session.used_pace = False
        return
    raise UserError(ErrorKind.ACCESS_DENIED, detail="no access key accepted (PACE/BAC)")


def _read_group(session: _Session, number: int) -> bytes | None:
    assert session.reader is not None
    try:
        data = session.reader.read(number)
    except (FileNotFound, SecurityStatusNotSatisfied):
        return None
    session.files[number] = data
    return data


def _chip_authentication(session: _Session, dg14: SecurityInfos | None) -> Verdict:
    plan = chip_auth.plan(dg14) if dg14 else None
    if plan is None:
        return Verdict.NOT_SUPPORTED
    assert session.channel is not None
    try:
        new_keys = chip_auth.perform_chip_auth(session.channel, plan)
    except chip_auth.ChipAuthRefused:
        _restart(session)
        return Verdict.FAILED
    _start_sm(session, new_keys)
    # The proof: a genuine chip answers under the new keys with a valid MAC.
    assert session.reader is not None
    try:
        session.reader.read(SFI_COM)
    except (SecureMessagingError, StatusWordError, ParseError):
        _restart(session)
        return Verdict.FAILED
    return Verdict.PASSED


def _restart(session: _Session) -> None:
    """After a failed Chip Authentication the secure channel is gone: authenticate
    again so the rest of the card can still be read (and shown with the verdict)."""
    session.channel = None
    session.reader = None
    _establish(session)


def _text_date(date: dt.date | None) -> str:
    return date.strftime("%d/%m/%Y") if date else ""


def _sex(mrz_sex: str, dg13: Dg13 | None) -> str:
    if dg13 and dg13.sex:
        return dg13.sex
    return {"M": "Nam", "F": "Nữ"}.get(mrz_sex, "")


def _identity(
    mrz: Mrz,
    dg13: Dg13 | None,
    portrait: Portrait | None,
    extra: dict[str, str],
    checks: Checks,
) -> Identity:
    is_vn_card = mrz.issuing_state == "VNM" and mrz.format == "TD1"
    dob_mrz = mrz_date(mrz.date_of_birth, future=False)
    if dg13:
        dob = parse_vn_date(dg13.date_of_birth) or dob_mrz
        expiry_date = parse_vn_date(dg13.expiry)
        expiry_text = dg13.expiry
        issue = parse_vn_date(dg13.issue_date)
    else:
        dob = dob_mrz
        expiry_date = mrz_date(mrz.date_of_expiry, future=True)
        expiry_text = _text_date(expiry_date)
        issue = None
        if extra.get("date_of_issue", "").isdigit() and len(extra["date_of_issue"]) == 8:
            raw = extra["date_of_issue"]
            try:
                issue = dt.date(int(raw[:4]), int(raw[4:6]), int(raw[6:]))
            except ValueError:
                issue = None
    raw_extra = (dg13.field_16,) if dg13 and dg13.field_16 else ()
    if is_vn_card:
        source = IdentitySource.CHIP
        document_type = "CCCD"
        id_number = (dg13.id_number if dg13 and dg13.id_number else "") or mrz.id_number
    else:
        source = IdentitySource.PASSPORT
        document_type = "PASSPORT" if mrz.document_code.startswith("P") else mrz.document_code
        id_number = mrz.document_number
    return Identity(
        id_number=id_number,
        full_name=(dg13.full_name if dg13 and dg13.full_name else extra.get("full_name") or mrz.full_name),
        date_of_birth=dob,
        sex=_sex(mrz.sex, dg13),
        source=source,
        dob_text=(dg13.date_of_birth if dg13 and dg13.date_of_birth else _text_date(dob)),
        nationality=(dg13.nationality if dg13 and dg13.nationality else ("Việt Nam" if mrz.nationality == "VNM" else mrz.nationality)),
        ethnicity=dg13.ethnicity if dg13 else "",
        religion=dg13.religion if dg13 else "",
        place_of_origin=(dg13.place_of_origin if dg13 else extra.get("place_of_birth", "")),
        residence=(dg13.residence if dg13 else extra.get("address", "")),
        identifying_marks=dg13.identifying_marks if dg13 else "",
        issue_date=issue,
        expiry_date=expiry_date,
        expiry_text=expiry_text,
        father_name=dg13.father_name if dg13 else "",
        mother_name=dg13.mother_name if dg13 else "",
        spouse_name=dg13.spouse_name if dg13 else "",
        old_id_number=dg13.old_id_number if dg13 else "",
        document_number=mrz.document_number,
        document_type=document_type,
        portrait=portrait.image if portrait else b"",
        portrait_format=portrait.format if portrait else "",
        checks=checks,
        raw_extra=raw_extra,
    )  # fmt: skip


def _read_sod(session: _Session) -> tuple[Sod | None, str]:
    """EF.SOD first: its signed list of data groups decides what is read (EF.COM is
    not signed, a clone can leave DG14/DG15 out of it). Returns (SOD, failure)."""
    assert session.reader is not None
    try:
        raw = session.reader.read(SFI_SOD)
    except (FileNotFound, SecurityStatusNotSatisfied):
        return None, "EF.SOD missing"
    try:
        return parse_sod(raw), ""
    except ParseError:
        return None, "EF.SOD unreadable"


def _listed_groups(session: _Session, sod: Sod | None) -> tuple[int, ...]:
    if sod is not None:
        return tuple(sorted(sod.hashes))
    assert session.reader is not None
    try:  # no signed list: EF.COM (unsigned) is all there is; passive already failed
        return parse_com(session.reader.read(SFI_COM)).data_groups
    except (FileNotFound, SecurityStatusNotSatisfied, ParseError):
        return DEFAULT_GROUPS


def _read(session: _Session, trust_store: TrustStore | None) -> Identity:
    report = session.progress
    report("access", 0.05)
    _read_card_access(session)
    _establish(session)
    assert session.reader is not None
    report("files", 0.2)
    sod, sod_failure = _read_sod(session)
    listed = _listed_groups(session, sod)
    wanted = [g for g in WANTED_GROUPS if g in listed]
    signed = set(sod.hashes) if sod is not None else set()
    missing: list[int] = []  # signed as present, but the chip does not give them

    dg14_infos: SecurityInfos | None = None
    chip_verdict = Verdict.NOT_SUPPORTED
    if 14 in wanted:
        data = _read_group(session, 14)
        try:
            dg14_infos = parse_security_infos(data) if data else None
        except ParseError:
            dg14_infos = None
        if dg14_infos is None and 14 in signed:
            missing.append(14)
    report("chip authentication", 0.3)
    chip_verdict = Verdict.FAILED if 14 in missing else _chip_authentication(session, dg14_infos)

    for index, number in enumerate(g for g in wanted if g != 14):
        report(f"DG{number}", 0.35 + 0.4 * index / max(1, len(wanted)))
        if _read_group(session, number) is None and number in signed:
            missing.append(number)
    if 1 not in session.files:
        raise UserError(ErrorKind.UNREADABLE_DATA, detail="DG1 missing")

    report("active authentication", 0.8)
    try:
        aa_key = parse_dg15(session.files[15]) if 15 in session.files else None
    except ParseError:
        aa_key = None
        if 15 in signed:
            missing.append(15)
    algorithm = (
        dg14_infos.active_auth.signature_algorithm if dg14_infos and dg14_infos.active_auth else ""
    )
    assert session.channel is not None
    if 15 in missing:
        active_verdict = Verdict.FAILED
    else:
        active_verdict = active_auth.perform_active_auth(session.channel, aa_key, algorithm)

    report("passive authentication", 0.9)
    if sod is None:
        passive, passive_detail = Verdict.FAILED, sod_failure
    else:
        result = verify_passive(sod, session.files, trust_store)
        passive, passive_detail = result.verdict, result.detail
    if missing:
        # The signed list names files the chip will not give: a copy that hides
        # its anti-cloning keys, or a chip with damaged files. Red either way.
        groups = ", ".join(f"DG{n}" for n in sorted(set(missing)))
        passive_detail = f"{groups} {LISTED_MISSING}"
        if passive is not Verdict.FAILED and not {14, 15} & set(missing):
            passive = Verdict.FAILED
    checks = Checks(passive, passive_detail, active_verdict, chip_verdict)

    mrz = parse_dg1(session.files[1])
    dg13 = parse_dg13(session.files[13]) if 13 in session.files else None
    portrait = parse_dg2(session.files[2]) if 2 in session.files else None
    extra: dict[str, str] = {}
    if 11 in session.files:
        dg11 = parse_dg11(session.files[11])
        extra.update(
            full_name=dg11.full_name, place_of_birth=dg11.place_of_birth, address=dg11.address
        )
    if 12 in session.files:
        extra["date_of_issue"] = parse_dg12(session.files[12]).date_of_issue
    report("done", 1.0)
    return _identity(mrz, dg13, portrait, extra, checks)


def read_card(
    transport: Transport,
    keys: AccessKeys,
    trust_store: TrustStore | None,
    on_progress: Progress | None = None,
    atr: bytes = b"",
) -> Identity:
    """Read and verify a chip. Raises ``UserError`` (ACCESS_DENIED, CARD_REMOVED,
    UNSUPPORTED_CARD, UNREADABLE_DATA); genuineness failures are in ``checks``."""
    started = time.perf_counter()
    apdus_before = transport.stats.apdu_count
    session = _Session(transport, keys, atr, _report(on_progress))
    try:
        identity = _read(session, trust_store)
    except UserError:
        raise
    except ConnectionError as exc:
        raise UserError(ErrorKind.CARD_REMOVED, detail=type(exc).__name__) from exc
    except ParseError as exc:
        raise UserError(ErrorKind.UNREADABLE_DATA, detail=str(exc)) from exc
    except SecureMessagingError as exc:
        raise UserError(ErrorKind.UNREADABLE_DATA, detail=f"secure messaging: {exc}") from exc
    except AuthenticationError as exc:
        raise UserError(ErrorKind.ACCESS_DENIED, detail=str(exc)) from exc
    except StatusWordError as exc:
        raise UserError(ErrorKind.UNREADABLE_DATA, detail=str(exc)) from exc
    except Exception as exc:
        # A card the reader has never seen may answer anything: whatever our code
        # did not foresee is still "unreadable data" for the officer, never a crash.
        log.warning("unexpected error while reading a card", exc_info=True)
        raise UserError(ErrorKind.UNREADABLE_DATA, detail=type(exc).__name__) from exc
    return replace(
        identity,
        read_seconds=time.perf_counter() - started,
        apdu_count=transport.stats.apdu_count - apdus_before,
    )
