"""Attachment file names from outside, refused with a message the officer reads.

The rules live in ``app.shared.file_names`` (central applies the same ones to pushed
attachments); an accepted name is returned in NFC (macOS hands out decomposed
Vietnamese).
"""

from __future__ import annotations

import unicodedata

from app.errors import ErrorKind, UserError
from app.shared.file_names import MAX_NAME_BYTES, name_problem

__all__ = ["MAX_NAME_BYTES", "safe_filename"]


def safe_filename(name: str) -> str:
    """The NFC name if it is a plain file name; UserError(ATTACHMENT_BAD_NAME) if not."""
    name = unicodedata.normalize("NFC", name)
    if problem := name_problem(name):
        raise UserError(ErrorKind.ATTACHMENT_BAD_NAME, detail=problem)
    return name
