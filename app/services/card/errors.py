"""Error types of the card stack, below the user-facing ``UserError``.

Parsers raise ``ParseError`` only; protocol code raises ``StatusWordError`` (the card
said no) or ``SecureMessagingError`` (a response failed its MAC or was malformed).
``reader.py`` turns what escapes into ``UserError`` kinds, so the UI sees one type.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar


class CardError(Exception):
    """Base of every error raised inside ``app.services.card``."""


class ParseError(CardError, ValueError):
    """Bytes that do not have the structure a parser expects."""


class SecureMessagingError(CardError):
    """A protected response was malformed or its MAC did not verify."""


class AuthenticationError(CardError):
    """An access-control protocol (BAC, PACE) did not complete: usually wrong keys."""


P = ParamSpec("P")
R = TypeVar("R")


def parse_guard(func: Callable[P, R]) -> Callable[P, R]:
    """Make a parser's contract hold: whatever junk it meets, only ``ParseError``
    escapes (index, value, decoding errors from deeper code are converted)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except ParseError:
            raise
        except (IndexError, KeyError, ValueError, TypeError, UnicodeError, OverflowError) as exc:
            raise ParseError(f"malformed data ({type(exc).__name__})") from exc

    return wrapper
