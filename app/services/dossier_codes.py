"""Dossier codes (mã hồ sơ) and short look-up codes.

**Dossier code**: ``<agency code>-<YYMMDD>-<daily sequence>`` by the office's
configurable pattern (``Settings.dossier_code_pattern``), the form Circular 01/2018
art. 19 gives and working portals print (``<agency code>-210531-0001``).

**Four digits, unique across counters, online or offline.** The serial field
(``XXXX``) is the office's count of the day and must stay 4 digits, so the 9 999
serials of an office-day are split in two halves:

- **0001–4999 are leased from central.** When it syncs, a counter asks central for
  the next block of the day's serials (``POST /offices/{office}/serials/lease``,
  ``LEASE_SIZE`` at a time, topped up when fewer than ``LOW_WATER`` remain). Central
  hands each serial out once per office and day, so two counters never hold the same
  one; the counter keeps its blocks in ``serial_leases`` and numbers from them first.
- **5001–9995 are the offline reserve**, striped per counter with no coordination at
  all: counter ``n`` (1–9) owns the 555 serials ``5000 + (n-1)*555 + 1 … 5000 + n*555``
  (counter 1: 5001–5555, counter 9: 9441–9995). A counter that has no leased serial
  left (never reached central today, or the leasable half is used up) takes the next
  of its own stripe. Only a counter that numbers more than 555 dossiers in a day
  without reaching central runs out; it then refuses to save with a clear message
  (``SERIALS_EXHAUSTED``) instead of handing out a code twice.

Serials are therefore not consecutive per counter and a day's codes may have gaps (a
leased block not fully used, the reserve). The former scheme (counter ``n`` issues
``n*1000 + k``) needed no central but broke the 4-digit field past 999 dossiers a day
and read as a count of 1 000 dossiers; a per-counter suffix would change the code's
shape, which portals parse. ``Dossier.bhxh_number`` is BHXH's own number, separate.

**Allocation inside the dossier's transaction.** Taking a leased serial or a reserve
step is an update in the same transaction that saves the dossier. A save that rolls
back (error, crash, killed process) therefore rolls back its number too, and the next
dossier takes it. That is safe because a code is handed out only by printing the
receipt, which happens after the commit. SQLite's write lock, taken by the update,
serialises two saves on the same machine.

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

from app.errors import ErrorKind, UserError
from app.services.storage.models import Dossier, DossierSequence, SerialLease
from app.shared import codes
from app.shared.codes import normalise_lookup_code

LEASED_LAST = codes.LEASED_LAST  # central leases 0001–4999
RESERVE_BASE = 5000  # 5001–9995: the offline reserve, one stripe per counter
RESERVE_STRIPE = 555  # 9 counters × 555 = 4 995
LOOKUP_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LOOKUP_LENGTH = 8


def reserve_serial(counter: int, k: int) -> int:
    """The serial of counter ``counter``'s ``k``-th dossier of the day from its reserve."""
    if not 1 <= counter <= 9:
        raise ValueError("counter number must be 1..9")
    if not 1 <= k <= RESERVE_STRIPE:
        raise UserError(ErrorKind.SERIALS_EXHAUSTED, detail=f"counter {counter}, k={k}")
    return RESERVE_BASE + (counter - 1) * RESERVE_STRIPE + k


def format_code(pattern: str, agency: str, day: dt.date, seq: int) -> str:
    return pattern.format(
        agency=agency, yymmdd=day.strftime("%y%m%d"), yyyymmdd=day.strftime("%Y%m%d"), seq=seq
    )


def allocate(session: Session, office_code: str, counter: int, day: dt.date) -> int:
    """Take the counter's next reserve step ``k`` for ``day`` in the caller's transaction."""
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


def take_leased(session: Session, office_code: str, day: dt.date) -> int | None:
    """The next serial of a block central leased for ``day``, or None when none is left."""
    lease = session.scalars(
        select(SerialLease)
        .where(
            SerialLease.office_code == office_code,
            SerialLease.day == day,
            SerialLease.next_serial <= SerialLease.last_serial,
        )
        .order_by(SerialLease.first_serial)
        .limit(1)
    ).first()
    if lease is None:
        return None
    serial = lease.next_serial
    lease.next_serial = serial + 1
    session.flush()
    return serial


def next_serial(session: Session, office_code: str, counter: int, day: dt.date) -> int:
    leased = take_leased(session, office_code, day)
    if leased is not None:
        return leased
    return reserve_serial(counter, allocate(session, office_code, counter, day))


def next_dossier_code(
    session: Session, pattern: str, office_code: str, counter: int, day: dt.date
) -> tuple[str, int]:
    """A new dossier code and its printed serial (in the caller's transaction)."""
    seq = next_serial(session, office_code, counter, day)
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
