"""Hostile or odd text: stored and read back literally, or refused with a message.
Attachment names that could steer a path: refused."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from security_factories import add_citizen, add_dossier
from sqlalchemy import select, text

from app.errors import ErrorKind, UserError
from app.services.security.filenames import safe_filename
from app.services.storage.models import Citizen, Dossier

NASTY = [
    "Robert'); DROP TABLE citizens;--",
    "' OR '1'='1",
    "{0} {name} {0!r} {.__class__}",
    "%s %d %n %x %%",
    "\u202eRTL override\u202c \u200f\u200e marks",
    "tab\there\r\nnew line \x1b[31m escape \x07 bell \x7f",
    "emoji 👩‍👩‍👧 and 𝕍𝕚ệ𝕥",
    "Nguyễn\u0300 combining",  # decomposed marks stay as typed
    "\ufeffBOM",
]
# Everything but NUL (PostgreSQL cannot store it; refused separately below).
TEXT = st.text(st.characters(blacklist_characters="\x00", codec="utf-8"), max_size=120)


@pytest.mark.parametrize("value", NASTY)
def test_hostile_strings_round_trip_literally(env, value):
    citizen = add_citizen(env)
    with env.db.session() as s:
        c = s.get(Citizen, citizen.id)
        c.full_name, c.residence = value[:120], value
    dossier = add_dossier(env, citizen)
    with env.db.session() as s:
        s.get(Dossier, dossier.id).notes = value
    with env.db.session() as s:
        c = s.get(Citizen, citizen.id)
        assert (c.full_name, c.residence) == (value[:120], value)
        assert s.get(Dossier, dossier.id).notes == value
        assert s.scalar(select(Citizen).where(Citizen.residence == value)).id == citizen.id
        # The tables are all still there after the "DROP TABLE" attempt.
        assert s.execute(text("SELECT count(*) FROM citizens")).scalar() == 1


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=TEXT,
    address=st.text(st.characters(blacklist_characters="\x00"), max_size=3000),
    notes=st.text(st.characters(blacklist_characters="\x00"), max_size=500),
)
def test_fuzzed_text_is_stored_and_read_back_exactly(env, name, address, notes):
    """Any text is kept as typed — except lone surrogates (no UTF-8 form), refused."""
    broken = any(0xD800 <= ord(c) <= 0xDFFF for c in address + notes)
    try:
        _store(env, name, address, notes)
    except UserError as err:
        assert broken and err.kind is ErrorKind.TEXT_INVALID
        return
    assert not broken
    with env.db.session() as s:
        c = s.scalar(select(Citizen).where(Citizen.id_number == "999000000001"))
        assert (c.full_name, c.residence, c.place_of_origin) == (name, address, notes)


def _store(env, name: str, address: str, notes: str) -> None:
    with env.db.session() as s:
        c = s.scalar(select(Citizen).where(Citizen.id_number == "999000000001"))
        if c is None:
            c = Citizen(id_number="999000000001", full_name="", name_folded="")
            s.add(c)
        c.full_name, c.residence, c.place_of_origin = name, address, notes


def test_over_long_values_are_refused_with_the_field_named_and_nothing_saved(env):
    citizen = add_citizen(env)
    with pytest.raises(UserError) as err, env.db.session() as s:
        s.get(Citizen, citizen.id).full_name = "A" * 121
    assert err.value.kind is ErrorKind.TEXT_TOO_LONG
    assert "citizens.full_name" in err.value.detail and "121 > 120" in err.value.detail
    with env.db.session() as s:
        assert s.get(Citizen, citizen.id).full_name != "A" * 121
    # Free text (Text columns) takes long values.
    with env.db.session() as s:
        s.get(Citizen, citizen.id).residence = "đường " * 20_000
    with env.db.session() as s:
        assert len(s.get(Citizen, citizen.id).residence) == 120_000


def test_nul_characters_are_refused(env):
    citizen = add_citizen(env)
    with pytest.raises(UserError) as err, env.db.session() as s:
        s.get(Citizen, citizen.id).residence = "abc\x00def"
    assert err.value.kind is ErrorKind.TEXT_INVALID
    assert "citizens.residence" in err.value.detail


# ---------------------------------------------------------------- file names

BAD_NAMES = [
    "../../etc/passwd",
    "..\\..\\Windows\\system32\\config",
    "C:\\Windows\\..",
    "C:evil.pdf",
    "/etc/shadow",
    "scan.pdf\x00.exe",
    "scan\x00",
    "ho-so\u202efdp.exe",  # reads as "ho-soexe.pdf"
    "zero\u200bwidth.pdf",
    "..",
    ".",
    ".hidden.pdf",
    "",
    "   ",
    "CON",
    "nul.pdf",
    "Com1.jpg",
    "LPT9.tiff",
    "trailing.pdf.",
    "trailing.pdf ",
    "a|b.pdf",
    "what?.pdf",
    "star*.pdf",
    'quote".pdf',
    "new\nline.pdf",
    "x" * 256,
    "ệ" * 100,  # 300 bytes in UTF-8
]


@pytest.mark.parametrize("name", BAD_NAMES)
def test_dangerous_attachment_names_are_refused(name):
    with pytest.raises(UserError) as err:
        safe_filename(name)
    assert err.value.kind is ErrorKind.ATTACHMENT_BAD_NAME
    assert "\x00" not in err.value.detail


@pytest.mark.parametrize(
    "name",
    [
        "to-khai TK1-TS.pdf",
        "Giấy khai sinh (bản sao).jpg",
        "scan_0001.tiff",
        "ảnh 3x4.png",
        "a" * 255,
        "CONSOLE.pdf",
        "com10.pdf",
    ],
)
def test_ordinary_names_pass_unchanged(name):
    assert safe_filename(name) == name


def test_decomposed_vietnamese_from_macos_comes_back_composed():
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Giấy tờ.pdf")
    assert decomposed != "Giấy tờ.pdf"
    assert safe_filename(decomposed) == "Giấy tờ.pdf"


@settings(max_examples=500, deadline=None)
@given(st.text(min_size=1, max_size=80))
def test_whatever_is_accepted_is_a_single_harmless_path_component(name):
    try:
        accepted = safe_filename(name)
    except UserError as err:
        assert err.kind is ErrorKind.ATTACHMENT_BAD_NAME
        return
    assert not set("/\\:\x00") & set(accepted)
    assert accepted not in (".", "..") and not accepted.startswith(".")
    assert all(c.isprintable() or c == " " for c in accepted)


@given(st.text(alphabet=string.ascii_letters + "./\\", min_size=1, max_size=30))
def test_anything_with_a_separator_is_refused(name):
    if "/" in name or "\\" in name:
        with pytest.raises(UserError):
            safe_filename(name)
