"""Attachment file names from outside (scanner folders, file dialogs, USB sticks, pushes).

A name is *refused*, not repaired, when it could steer a path or fool a reader:
separators and drive colons (``../../etc/passwd``, ``C:\\Windows\\..``), NUL and other
control characters, bidirectional marks that make ``hoso‮fdp.exe`` read as a PDF,
``.``/``..``, names Windows reserves (CON, NUL, COM1…), trailing dots or spaces that
Windows silently drops, and names too long for common file systems.

The counter refuses such a name at intake; central refuses a pushed attachment that
carries one (a counter that skipped the check). The name is only ever a label:
storage paths come from the content hash.
"""

from __future__ import annotations

import re
import unicodedata

MAX_NAME_BYTES = 255
_WINDOWS_FORBIDDEN = set('<>:"/\\|?*')
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$", re.IGNORECASE)


def name_problem(name: str) -> str:
    """Why ``name`` (NFC) is not a plain file name; "" when it is."""
    if not name.strip():
        return "empty"
    for ch in name:
        # Not printable: NUL and other controls, bidi overrides and zero-width marks
        # (format), unassigned and private code points, lone surrogates, and every
        # space but the plain one (a no-break space hides in a name just as well).
        if not ch.isprintable() and ch != " ":
            return f"character U+{ord(ch):04X}"
        if ch in _WINDOWS_FORBIDDEN:
            return f"character {ch!r}"
    if name in (".", "..") or name.startswith("."):
        return "leading dot"
    if name != name.rstrip(" .") or name != name.lstrip(" "):
        return "leading or trailing space or dot"
    if _WINDOWS_RESERVED.match(name):
        return "reserved device name"
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return f"longer than {MAX_NAME_BYTES} bytes"
    return ""


def download_name(name: str, fallback: str) -> str:
    """An ASCII name safe inside a quoted Content-Disposition ``filename``."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", folded).strip(".-")[:100]
    return safe or fallback
