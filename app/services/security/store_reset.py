"""``motcua security reset-store``: an administrator's way out when the counter's
database is missing or refused and no backup can be put back.

Nothing is deleted: a file in the database's place is moved aside
(``<name>.refused-<UTC time>``). A new key entry and a new, empty database are made;
the device credentials are removed from the keyring, so this counter synchronises
again only after an administrator re-enrols it (the old device is revoked then).
The new database's first audit record says who reset it and what was set aside, and
goes to central with the rest of the log. The next start shows first-run set-up.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from app.errors import ErrorKind, UserError
from app.services import audit
from app.services.security.database import _has_content, _remove_sidecars, open_encrypted
from app.services.security.keys import KeySet
from app.services.security.keystore import store_for
from app.services.security.permissions import HasRole, Permission, require
from app.services.sync.credentials import CredentialStore, KeyringStore
from app.shared import paths

log = logging.getLogger(__name__)


class StoreIsFine(Exception):
    """The database opens as this counter's own: there is nothing to reset."""


@dataclass(frozen=True, slots=True)
class ResetReport:
    set_aside: Path | None  # the refused file, kept for investigation
    previous_store_id: str | None


def _usable(path: Path, demo: bool) -> bool:
    """True when the database opens as this counter's own: nothing to reset."""
    try:
        db, _keys = open_encrypted(path, store_for(path, demo))
    except UserError as err:
        if err.kind in (
            ErrorKind.DB_MISSING,
            ErrorKind.DB_NOT_THIS_COUNTER,
            ErrorKind.DB_WRONG_KEY,
        ):
            return False
        raise
    db.dispose()
    return True


def reset_store(
    demo: bool = False,
    *,
    actor: HasRole | None = None,
    credentials: CredentialStore | None = None,
) -> ResetReport:
    """Replace a missing or refused database by a new one; refuses to touch a database
    that opens as this counter's own."""
    require(actor, Permission.RESET_STORE)
    path = paths.database_file(demo)
    if _usable(path, demo):
        raise StoreIsFine(str(path))
    store = store_for(path, demo)
    try:
        previous = store.load()
    except UserError:
        previous = None  # an unreadable entry is replaced like a missing one
    set_aside = None
    if path.exists():
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        set_aside = path.with_name(f"{path.name}.refused-{stamp}")
        path.rename(set_aside)
        for suffix in ("-wal", "-shm"):
            side = Path(f"{path}{suffix}")
            if _has_content(side):
                side.rename(Path(f"{set_aside}{suffix}"))
        _remove_sidecars(path)
    # Credentials go first: whatever happens next, this PC no longer syncs as the old
    # counter. (The demo's live with its own central, not in the keyring.)
    if not demo:
        (credentials or KeyringStore()).clear()
    store.save(KeySet.for_new_store())
    db, keys = open_encrypted(path, store)
    previous_id = previous.store_id if previous else None
    try:
        with db.session() as s:
            audit.record(
                s,
                None,
                "change",
                purpose="reset-store",
                detail=(
                    f"local store reset by the PC administrator (CLI); previous store "
                    f"{previous_id or 'unknown'}; set aside: "
                    f"{set_aside.name if set_aside else 'nothing'}"
                    + ("" if demo else "; device credentials removed")
                ),
            )
    finally:
        db.dispose()
    log.warning("local store reset; new store %s", keys.store_id)
    return ResetReport(set_aside, previous_id)
