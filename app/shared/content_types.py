"""Which attachment content is accepted, told from its first bytes, never from its name.

Shared by the counter (intake checks a scan before storing it) and central (which
checks a pushed attachment's declared type against the uploaded content).
"""

from __future__ import annotations

_MAGIC = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"%PDF-", "application/pdf"),
)
ACCEPTED = frozenset(mime for _, mime in _MAGIC)
SNIFF_BYTES = 1024  # how much of the start ``sniff`` needs


def sniff(head: bytes) -> str | None:
    """The MIME type of accepted content, from its first bytes; None otherwise."""
    for magic, mime in _MAGIC:
        if head.startswith(magic):
            return mime
    # PDF allows up to 1 KB of junk before the header (scanner software adds some).
    if b"%PDF-" in head[:SNIFF_BYTES]:
        return "application/pdf"
    return None
