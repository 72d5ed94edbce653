"""Who may do what at the counter.

Every officer receives, prints and looks up dossiers. Some acts undo or re-issue
legal papers, or take personal data out of the system; the counter rules give those
to the head of the unit:

* cancelling a dossier, reprinting a paper after the day it was first printed,
  exporting personal data, purging local copies, overriding a face-match
  result — supervisors and admins;
* managing accounts, rotating the data key, changing the central address or its
  certificate pin, (re-)enrolling the counter (which revokes the old device) and
  importing a CSCA or master list, resetting or upgrading the local store — admins
  only.

Command-line tools (``motcua security rotate-key``, ``motcua privacy purge``) run
as ``SYSTEM_ADMIN``: they need the OS account that holds the database key in its
keyring (or the ``0600`` key file), which only the PC's administrator has; that OS
access is the log-in (see docs/security.md, "Roles").

Services call ``require(officer, Permission.X)`` before acting (the UI may also hide
the button, but the service check is the one that counts).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
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
    CHANGE_SYNC = "change_sync"  # central address, pin, enrollment
    MANAGE_TRUST = "manage_trust"  # CSCA certificates and master lists
    RESET_STORE = "reset_store"  # replace a missing or refused local database
    OVERRIDE_FACE_MATCH = "override_face_match"  # record a face-match result by hand


_OFFICER = frozenset({Permission.RECEIVE_DOSSIER, Permission.PRINT})
_SUPERVISOR = _OFFICER | {
    Permission.CANCEL_DOSSIER,
    Permission.REPRINT_AFTER_A_DAY,
    Permission.EXPORT_DATA,
    Permission.PURGE_DATA,
    Permission.OVERRIDE_FACE_MATCH,
}
GRANTS: dict[str, frozenset[Permission]] = {
    "officer": _OFFICER,
    "supervisor": _SUPERVISOR,
    "admin": frozenset(Permission),
}


class HasRole(Protocol):
    @property
    def role(self) -> str: ...


@dataclass(frozen=True, slots=True)
class SystemActor:
    """Who acts in a command-line tool: the OS account holding the key store."""

    role: str = "admin"


SYSTEM_ADMIN = SystemActor()

# Settings fields that change where data goes or whom the counter trusts.
ADMIN_SETTINGS = ("central_url", "central_cert_sha256", "public_lookup_base_url")


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


def require_settings_change(officer: HasRole | None, old: object, new: object) -> None:
    """Changing the central address, its pin or which counter this is: admins only."""
    if any(getattr(old, f, None) != getattr(new, f, None) for f in ADMIN_SETTINGS):
        require(officer, Permission.CHANGE_SYNC)
