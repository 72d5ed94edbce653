"""Top up the day's leased serials after each pull (see ``app.services.dossier_codes``).

A counter keeps at least ``LOW_WATER`` leased serials for the office's day while it is
online; when central refuses (the day's 8 999 leasable serials are gone) or cannot be
reached, intake goes on with the counter's offline reserve stripe.
"""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import func, select

from app.services.calendar.days import local
from app.services.storage.db import Database
from app.services.storage.models import SerialLease
from app.services.sync.client import CentralClient, Refused
from app.shared.types import utcnow

log = logging.getLogger(__name__)

LEASE_SIZE = 50
LOW_WATER = 20


def remaining(db: Database, office: str, day: dt.date) -> int:
    with db.session() as s:
        left = s.scalar(
            select(func.sum(SerialLease.last_serial - SerialLease.next_serial + 1)).where(
                SerialLease.office_code == office,
                SerialLease.day == day,
                SerialLease.next_serial <= SerialLease.last_serial,
            )
        )
    return int(left or 0)


def store(db: Database, office: str, day: dt.date, first: int, last: int) -> None:
    with db.session() as s:
        s.add(
            SerialLease(
                office_code=office, day=day, first_serial=first, last_serial=last, next_serial=first
            )
        )


def top_up(db: Database, client: CentralClient, office: str, day: dt.date | None = None) -> int:
    """Lease one more block when fewer than ``LOW_WATER`` serials are left; returns how
    many serials were added (0 when enough were left or central refused)."""
    day = day or local(utcnow()).date()
    if remaining(db, office, day) >= LOW_WATER:
        return 0
    try:
        lease = client.lease_serials(office, day, LEASE_SIZE)
    except Refused as exc:  # exhausted for the day: the reserve stripe takes over
        log.warning("serial lease refused: %s", exc.reason)
        return 0
    if lease.day != day or not 1 <= lease.first <= lease.last:
        log.warning("serial lease answer ignored: %s", lease)
        return 0
    store(db, office, day, lease.first, lease.last)
    return lease.last - lease.first + 1
