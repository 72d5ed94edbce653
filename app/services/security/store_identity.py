"""Which database belongs to this counter: an identity shared by the file and its key.

Anyone who can write the data folder could otherwise swap the database: a plaintext
SQLite file dropped there, a database from another counter, or nothing at all (which
used to bring back the first-run "create an administrator" screen while the device
credentials in the keyring still synchronised). The key entry therefore also names
its database (``KeySet.store_id``, ``KeySet.first_audit_hash``) and the database
names itself (``local_state['store_identity']``, and its first audit record):

* a plaintext file, or a file whose identity or first audit hash differs from the
  key entry's, is refused with ``DB_NOT_THIS_COUNTER`` and left untouched;
* a key entry for a database that was created and is gone gives ``DB_MISSING``
  instead of a new, empty database.

The way out is documented in docs/security.md ("The store's identity"): put back the
right file (``backups/`` beside the database holds copies taken before each upgrade),
or have an administrator run ``motcua security reset-store``, which is audited.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import select

from app.errors import ErrorKind, UserError
from app.services.security.keys import KeySet, new_store_id
from app.services.security.keystore import KeyStore
from app.services.storage.db import Database
from app.services.storage.models import AuditEvent, KeyValue

log = logging.getLogger(__name__)

IDENTITY_KEY = "store_identity"


@dataclasses.dataclass(frozen=True, slots=True)
class FileIdentity:
    store_id: str | None
    first_audit_hash: str | None


def read_identity(conn: sqlcipher.Connection) -> FileIdentity:
    """What an opened (keyed) file says about itself; read-only, before any migration.
    A file too old to have the tables says nothing."""
    store_id = first = None
    with contextlib.suppress(sqlcipher.OperationalError):
        row = conn.execute(
            "SELECT value FROM local_state WHERE key = ?", (IDENTITY_KEY,)
        ).fetchone()
        if row is not None:
            value = json.loads(row[0])
            store_id = value.get("store_id") if isinstance(value, dict) else None
    with contextlib.suppress(sqlcipher.OperationalError):
        row = conn.execute("SELECT hash FROM audit_events ORDER BY seq LIMIT 1").fetchone()
        first = row[0] if row is not None else None
    return FileIdentity(store_id, first)


def check_identity(keys: KeySet, found: FileIdentity) -> None:
    """Refuse a file the key entry does not describe. The first audit hash alone is
    enough to recognise this counter's own copy taken before identities existed."""
    if keys.first_audit_hash is not None and found.first_audit_hash != keys.first_audit_hash:
        raise UserError(ErrorKind.DB_NOT_THIS_COUNTER, detail="first audit record differs")
    if found.store_id is not None and keys.store_id is not None:
        if found.store_id != keys.store_id:
            raise UserError(ErrorKind.DB_NOT_THIS_COUNTER, detail="store identity differs")
        return
    # A file without an identity is this counter's only if its first audit record
    # vouches for it (checked above); an entry never used for a file accepts it.
    unvouched = keys.created and keys.first_audit_hash is None
    if found.store_id is None and keys.store_id is not None and unvouched:
        raise UserError(ErrorKind.DB_NOT_THIS_COUNTER, detail="file has no store identity")


def bind(db: Database, store: KeyStore, keys: KeySet, found: FileIdentity | None) -> KeySet:
    """Write the identity into the database, then the key entry: a crash between the
    two leaves a file that still matches. Adopts the file's identity for an entry saved
    before identities existed; records the first audit hash once there is one."""
    store_id = keys.store_id or (found.store_id if found else None) or new_store_id()
    with db.session() as s:
        row = s.get(KeyValue, IDENTITY_KEY)
        if row is None:
            s.add(KeyValue(key=IDENTITY_KEY, value={"store_id": store_id}))
        first = s.scalar(select(AuditEvent.hash).order_by(AuditEvent.seq).limit(1))
    bound = dataclasses.replace(
        keys, store_id=store_id, created=True, first_audit_hash=keys.first_audit_hash or first
    )
    if bound != keys:
        store.save(bound)
        log.info("local database identity bound to its key entry")
    return bound
