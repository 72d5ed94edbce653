"""Dossier codes (mã hồ sơ) and short look-up codes.

**Dossier code**: ``<agency code>-<YYMMDD>-<daily sequence>`` by the office's
configurable pattern (``Settings.dossier_code_pattern``), the form Circular 01/2018
art. 19 gives and working portals print (``000.17.22.H56-210531-0001``).

**Counters working offline never hand out the same code.** The daily sequence is
split in blocks, one per counter: counter ``n`` (1–9) numbers its ``k``-th dossier of
the day ``n*1000 + k`` — counter 1 issues 1001–1999, counter 2 2001–2999 … — so the
4-digit field of the standard code still fits 9 counters × 999 dossiers a day, with
no coordination at all. A counter that passes 999 in a day continues in a 5-digit
overflow range ``q*10000 + n*1000 + r`` (``q = (k-1) // 999``, ``r = (k-1) % 999 + 1``),
which is still unique per counter and never collides with another block. A suffix
per counter was the other option; it would change the code's shape, which offices
and portals parse. The code alone also tells which counter took the dossier in.

**Allocation inside the dossier's transaction.** ``DossierSequence`` holds the last
``k`` per office, counter and (Vietnamese) day; the increment runs in the same
transaction that saves the dossier. A save that rolls back (error, crash, killed
process) therefore rolls back its number too, and the next dossier takes it. That is
safe because a code is handed out only by printing the receipt, which happens after
the commit: an uncommitted number was never seen by anyone. It also keeps the day's
numbering and the tracking book (form 07) free of gaps. SQLite's write lock, taken by
the increment, serialises two saves on the same machine.

**Look-up code**: 8 characters from a 31-symbol alphabet without look-alikes (no 0/O,
1/I/L), from ``secrets`` — about 8.5 × 10¹¹ values, so it cannot be guessed from the
dossier code; the citizen reads it over the phone or types it on the portal. The
unique index on ``dossiers.lookup_code`` is the final guard; a clash is regenerated.
"""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from app.services.storage.models import Dossier, DossierSequence
from app.shared.codes import normalise_lookup_code

BLOCK = 1000
PER_BLOCK = 999
LOOKUP_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LOOKUP_LENGTH = 8


def sequence_number(counter: int, k: int) -> int:
    """The printed sequence of counter ``counter``'s ``k``-th dossier of the day."""
    if not 1 <= counter <= 9:
        raise ValueError("counter number must be 1..9")
    if k < 1:
        raise ValueError("k starts at 1")
    q, r = divmod(k - 1, PER_BLOCK)
    return q * 10 * BLOCK + counter * BLOCK + r + 1


def format_code(pattern: str, agency: str, day: dt.date, seq: int) -> str:
    return pattern.format(
        agency=agency, yymmdd=day.strftime("%y%m%d"), yyyymmdd=day.strftime("%Y%m%d"), seq=seq
    )


def allocate(session: Session, office_code: str, counter: int, day: dt.date) -> int:
    """Take the counter's next ``k`` for ``day`` in the caller's transaction."""
    stmt = (
        insert(DossierSequence)
        .values(office_code=office_code, counter_number=counter, day=day, last_value=1)
        .on_conflict_do_update(
            index_elements=["office_code", "counter_number", "day"],
            set_={"last_value": DossierSequence.last_value + 1},
        )
        .returning(DossierSequence.last_value)
    )
    return int(session.execute(stmt).scalar_one())


def next_dossier_code(
    session: Session, pattern: str, office_code: str, counter: int, day: dt.date
) -> tuple[str, int]:
    """A new dossier code and its printed sequence number (in the caller's transaction)."""
    seq = sequence_number(counter, allocate(session, office_code, counter, day))
    return format_code(pattern, office_code, day, seq), seq


def random_lookup_code() -> str:
    return "".join(secrets.choice(LOOKUP_ALPHABET) for _ in range(LOOKUP_LENGTH))


def new_lookup_code(session: Session) -> str:
    for _ in range(20):
        code = random_lookup_code()
        if session.scalar(select(Dossier.id).where(Dossier.lookup_code == code)) is None:
            return code
    raise RuntimeError("no free look-up code after 20 tries: the random source is broken")


def looks_like_lookup_code(text: str) -> bool:
    code = normalise_lookup_code(text)
    return len(code) == LOOKUP_LENGTH and all(c in LOOKUP_ALPHABET for c in code)
