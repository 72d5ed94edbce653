"""Who may do what at the counter.

Every officer receives, prints and looks up dossiers. Some acts undo or re-issue
legal papers, or take personal data out of the system; the counter rules give those
to the head of the unit:

* cancelling a dossier, reprinting a paper after the day it was first printed,
  exporting personal data, purging local copies — supervisors and admins;
* managing accounts and rotating the data key — admins only.

Services call ``require(officer, Permission.X)`` before acting (the UI may also hide
the button, but the service check is the one that counts).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Protocol

from app.errors import ErrorKind, UserError
from app.services.calendar.timezone import VN_TZ


class Permission(StrEnum):
    RECEIVE_DOSSIER = "receive_dossier"
    PRINT = "print"
    CANCEL_DOSSIER = "cancel_dossier"
    REPRINT_AFTER_A_DAY = "reprint_after_a_day"
    EXPORT_DATA = "export_data"
    PURGE_DATA = "purge_data"
    MANAGE_ACCOUNTS = "manage_accounts"
    ROTATE_KEYS = "rotate_keys"


_OFFICER = frozenset({Permission.RECEIVE_DOSSIER, Permission.PRINT})
_SUPERVISOR = _OFFICER | {
    Permission.CANCEL_DOSSIER,
    Permission.REPRINT_AFTER_A_DAY,
    Permission.EXPORT_DATA,
    Permission.PURGE_DATA,
}
GRANTS: dict[str, frozenset[Permission]] = {
    "officer": _OFFICER,
    "supervisor": _SUPERVISOR,
    "admin": frozenset(Permission),
}


class HasRole(Protocol):
    @property
    def role(self) -> str: ...


def allowed(officer: HasRole | None, permission: Permission) -> bool:
    return officer is not None and permission in GRANTS.get(officer.role, frozenset())


def require(officer: HasRole | None, permission: Permission) -> None:
    """Raise UserError(PERMISSION_DENIED) unless the officer's role grants it."""
    if not allowed(officer, permission):
        role = officer.role if officer is not None else "none"
        raise UserError(ErrorKind.PERMISSION_DENIED, detail=f"{permission.value} ({role})")


def require_reprint(
    officer: HasRole | None, first_printed_at: dt.datetime, now: dt.datetime
) -> None:
    """Reprinting on the day of the first print is routine (a paper jam); a later
    reprint re-issues a legal paper and needs a supervisor. Days are Vietnam days."""
    if first_printed_at.astimezone(VN_TZ).date() == now.astimezone(VN_TZ).date():
        require(officer, Permission.PRINT)
    else:
        require(officer, Permission.REPRINT_AFTER_A_DAY)
