"""Attachment file names from outside (scanner folders, file dialogs, USB sticks).

A name is *refused*, not repaired, when it could steer a path or fool a reader:
separators and drive colons (``../../etc/passwd``, ``C:\\Windows\\..``), NUL and other
control characters, bidirectional marks that make ``hoso‮fdp.exe`` read as a PDF,
``.``/``..``, names Windows reserves (CON, NUL, COM1…), trailing dots or spaces that
Windows silently drops, and names too long for common file systems. An accepted name
is returned in NFC (macOS hands out decomposed Vietnamese).

The name is only ever a label: storage paths come from the content hash.
"""

from __future__ import annotations

import re
import unicodedata

from app.errors import ErrorKind, UserError

MAX_NAME_BYTES = 255
_WINDOWS_FORBIDDEN = set('<>:"/\\|?*')
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$", re.IGNORECASE)


def _refuse(reason: str) -> UserError:
    return UserError(ErrorKind.ATTACHMENT_BAD_NAME, detail=reason)


def safe_filename(name: str) -> str:
    """The NFC name if it is a plain file name; UserError(ATTACHMENT_BAD_NAME) if not."""
    name = unicodedata.normalize("NFC", name)
    if not name.strip():
        raise _refuse("empty")
    for ch in name:
        # Not printable: NUL and other controls, bidi overrides and zero-width marks
        # (format), unassigned and private code points, lone surrogates, and every
        # space but the plain one (a no-break space hides in a name just as well).
        if not ch.isprintable() and ch != " ":
            raise _refuse(f"character U+{ord(ch):04X}")
        if ch in _WINDOWS_FORBIDDEN:
            raise _refuse(f"character {ch!r}")
    if name in (".", "..") or name.startswith("."):
        raise _refuse("leading dot")
    if name != name.rstrip(" .") or name != name.lstrip(" "):
        raise _refuse("leading or trailing space or dot")
    if _WINDOWS_RESERVED.match(name):
        raise _refuse("reserved device name")
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        raise _refuse(f"longer than {MAX_NAME_BYTES} bytes")
    return name
