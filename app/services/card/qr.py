"""The QR code printed on the card, as typed by a keyboard-wedge 2D scanner:
``ID12|CMND9|Họ và tên|ddmmyyyy|Giới tính|Nơi thường trú|ddmmyyyy`` (7 fields;
cards from late 2024 carry 11 — the extras are kept in ``raw_extra``).

A scanner typing through a Vietnamese input method (Unikey in Telex or VNI mode), the
wrong keyboard layout, or a wrong code page produces text that still looks like
letters. That is detected and reported as ``QR_MANGLED`` (the fix is on the scanner
side) rather than stored; anything else malformed is ``QR_INVALID``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from app.errors import ErrorKind, UserError
from app.services.card.id_number import validate_id_number
from app.services.identity import Identity, IdentitySource

_VIETNAMESE_LETTERS = set("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")
# UTF-8 Vietnamese read as Windows-1252/Latin-1: 'ễ' → 'á»…', 'đ' → 'Ä‘', 'ư' → 'Æ°'
_MOJIBAKE = re.compile("[ÃÄÅÆ][\u0080-\u00bf\u0152-\u0192\u02c6-\u02dc\u2013-\u2122]|á[º»]")
# Telex keys left in the text: doubled vowels (â ê ô), w (ă ơ ư), dd (đ), and tone keys
# f/j/x/z ending a syllable — none of these occur in Vietnamese spelling.
_TELEX_STRONG = re.compile(r"(?i)(?:aa|ee|dd|aw|ow|uw|uow|[aeiouy][fjxz]\b|\bw)")
# Weaker: final s (sắc) — but not final r, which ends Jrai names such as "Ksor".
_TELEX_WEAK = re.compile(r"(?i)[aeiouy]s\b|oo(?!ng)")
# VNI keys: a digit typed right after a letter inside a word (Nguye64n, Va8n).
_VNI = re.compile(r"[^\W\d_][1-9]+[^\W\d_]|[aeiouyAEIOUY][1-9]\b")
_LAYOUT_SYMBOLS = re.compile(r"[\[\]{}\\^~`@#$%&*=+<>|;\"]")


def _invalid(detail: str) -> UserError:
    return UserError(ErrorKind.QR_INVALID, detail=detail)


def _mangled(detail: str) -> UserError:
    return UserError(ErrorKind.QR_MANGLED, detail=detail)


def _has_vietnamese(text: str) -> bool:
    return any(ch in _VIETNAMESE_LETTERS for ch in text.lower())


def _check_encoding(text: str) -> None:
    if _MOJIBAKE.search(text):
        raise _mangled("UTF-8 read with a Western code page")
    for codec in ("cp1252", "latin-1"):
        try:
            repaired = text.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if repaired != text and _has_vietnamese(repaired):
            raise _mangled("UTF-8 read with a Western code page")
    if any(unicodedata.combining(ch) for ch in text):
        # After NFC every Vietnamese mark sits on its letter; a loose one was typed
        # onto something it cannot compose with.
        raise _mangled("combining mark left after normalisation")
    if "\ufffd" in text:
        raise _mangled("replacement character")


def _check_words(field: str, whole_text_has_marks: bool) -> None:
    words = re.findall(r"[^\W\d_]+", field)
    for word in words:
        if word.isascii():
            if _TELEX_STRONG.search(word):
                raise _mangled("Telex keys left in the text")
            if whole_text_has_marks and _TELEX_WEAK.search(word):
                raise _mangled("Telex keys left in the text")
    if _VNI.search(field):
        raise _mangled("VNI keys left in the text")


def _date(text: str, what: str) -> dt.date:
    if len(text) != 8 or not text.isdigit():
        raise _invalid(f"{what} is not ddmmyyyy")
    try:
        return dt.date(int(text[4:]), int(text[2:4]), int(text[:2]))
    except ValueError as exc:
        raise _invalid(f"{what} is not a date") from exc


def parse_qr(text: str) -> Identity:
    text = unicodedata.normalize("NFC", text).strip().strip("\r\n\t ")
    if not text:
        raise _invalid("empty")
    _check_encoding(text)
    fields = text.split("|")
    if len(fields) < 7:
        raise _invalid(f"{len(fields)} fields, expected 7 or 11")
    id_number, old_id, name, dob_text, sex, residence, issued_text = (f.strip() for f in fields[:7])
    extras = tuple(fields[7:])

    marks = _has_vietnamese(name + residence + sex)
    for _label, field in (("name", name), ("residence", residence), ("sex", sex)):
        _check_words(field, marks)
    if _LAYOUT_SYMBOLS.search(name):
        raise _mangled("keyboard-layout symbols in the name")
    if sex not in ("Nam", "Nữ"):
        if sex.lower() in ("nu", "nuw", "nux", "nuwx", "n~u"):
            raise _mangled("sex typed without its diacritic")
        raise _invalid("sex is neither Nam nor Nữ")
    if not marks and residence and len(residence) > 10:
        # Every Vietnamese address carries diacritics ("Phường", "Quận", "Xã"…); an
        # all-ASCII one lost them on the way from the scanner.
        raise _mangled("diacritics lost")

    if not id_number.isdigit() or len(id_number) != 12:
        raise _invalid("ID is not 12 digits")
    if old_id and not (old_id.isdigit() and len(old_id) in (9, 12)):
        raise _invalid("old ID is not 9 or 12 digits")
    if not name or any(ch.isdigit() for ch in name):
        raise _invalid("name missing or holds digits")
    dob = _date(dob_text, "date of birth")
    issued = _date(issued_text, "issue date")
    try:
        validate_id_number(id_number, dob.year, sex)
    except UserError as exc:
        raise _invalid(f"ID: {exc.detail}") from exc
    if issued < dob or issued > dt.date.today() + dt.timedelta(days=1):
        raise _invalid("issue date out of range")
    return Identity(
        id_number=id_number,
        full_name=" ".join(name.split()),
        date_of_birth=dob,
        sex=sex,
        source=IdentitySource.QR,
        dob_text=dob.strftime("%d/%m/%Y"),
        residence=residence,
        issue_date=issued,
        old_id_number=old_id,
        document_number=id_number[-9:],
        document_type="CCCD",
        raw_extra=extras,
    )
