"""The encrypted local database: open it with its key (only this counter's own file),
encrypt an old plaintext one on an administrator's command, rotate the key.

Order of operations is chosen so no crash can lose the key or the data:

* a new key is saved in its store *before* the database file is created, so a store
  that cannot keep it (no keyring) fails while nothing is on disk yet;
* an existing file without a key on this computer (copied from another PC, or the
  keyring entry was lost) is refused and left untouched — never replaced by a new,
  empty database;
* the key entry and the file name each other (``store_identity.py``): a plaintext
  file, another database, or no file where one existed is refused, never adopted;
* a rotation saves the next key before ``PRAGMA rekey`` and promotes it after; an
  interrupted rotation is finished at the next start (see ``KeySet``).
"""

from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import sqlcipher3.dbapi2 as sqlcipher

from app.errors import ErrorKind, UserError
from app.services import audit
from app.services.security import blobs
from app.services.security.keys import KeySet, database_key, new_secret, sqlcipher_pragma_value
from app.services.security.keystore import KeyStore
from app.services.security.store_identity import bind, check_identity, read_identity
from app.services.storage.db import Database, open_database
from app.shared.files import write_atomically

if TYPE_CHECKING:
    from app.services.security.permissions import HasRole

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"


def is_plaintext_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(16) == SQLITE_HEADER
    except OSError:
        return False


def _has_content(path: Path) -> bool:
    return path.exists() and path.stat().st_size > 0


def _raw_connect(path: Path, secret: bytes | None) -> sqlcipher.Connection:
    conn = sqlcipher.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    if secret is not None:
        conn.execute(f"PRAGMA key = {sqlcipher_pragma_value(secret)}")
    return conn


def opens_with(path: Path, secret: bytes) -> bool:
    """True when ``secret`` decrypts the file (reads page 1 only; writes nothing)."""
    conn = _raw_connect(path, secret)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher.DatabaseError:
        return False
    finally:
        conn.close()


def _remove_sidecars(path: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()


def encrypt_plaintext_database(path: Path, secret: bytes) -> None:
    """Replace a plaintext SQLite file (an install from before encryption) by an
    encrypted copy: ``sqlcipher_export`` into a new file, then an atomic rename.

    The old plaintext blocks may survive on the disk until overwritten; full-disk
    encryption covers that (see docs/security.md).
    """
    target = path.with_name(path.name + ".encrypting")
    with contextlib.suppress(FileNotFoundError):
        target.unlink()
    conn = _raw_connect(path, None)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute(
            f"ATTACH DATABASE ? AS encrypted KEY {sqlcipher_pragma_value(secret)}", (str(target),)
        )
        conn.execute("SELECT sqlcipher_export('encrypted')")
        conn.execute("DETACH DATABASE encrypted")
    finally:
        conn.close()
    if not opens_with(target, secret):  # never swap in a copy we cannot read back
        target.unlink()
        raise UserError(ErrorKind.DB_CORRUPT, detail="encrypted copy unreadable")
    os.replace(target, path)
    _remove_sidecars(path)
    log.info("local database encrypted (was plaintext)")


def _settle_keys(path: Path, store: KeyStore, keys: KeySet) -> KeySet:
    """Finish a rotation a crash interrupted: find which secret the file uses."""
    if keys.next is None or not _has_content(path):
        return keys
    if opens_with(path, keys.next):
        keys = keys.database_switched()
        store.save(keys)
        log.info("an interrupted key rotation was completed")
    elif opens_with(path, keys.current):
        keys = replace(keys, next=None)
        store.save(keys)
    return keys


def load_or_create_keys(path: Path, store: KeyStore, *, fresh_if_missing: bool = False) -> KeySet:
    """The key set for the database at ``path``, creating it for a new database.

    A key entry whose database was created and is now gone raises ``DB_MISSING``
    (never a silent first start) unless ``fresh_if_missing`` (the demo, whose data is
    fictitious, starts again)."""
    keys = store.load()
    exists = _has_content(path)
    if keys is None:
        if exists and not is_plaintext_sqlite(path):
            # An encrypted file and no key here: copied from another PC, or the key
            # was lost. Inventing a new key would only make things worse.
            raise UserError(ErrorKind.DB_WRONG_KEY, detail="no key for this database here")
        keys = KeySet.for_new_store()
        store.save(keys)  # before the file exists: a failing store leaves no file
    elif not exists and keys.created:
        if not fresh_if_missing:
            raise UserError(ErrorKind.DB_MISSING, detail="key entry names a database not found")
        keys = KeySet.for_new_store()
        store.save(keys)
    return _settle_keys(path, store, keys)


def open_encrypted(
    path: Path, store: KeyStore, *, fresh_if_missing: bool = False
) -> tuple[Database, KeySet]:
    """Open the local database with its key; also return the keys (attachments use them).

    Only this counter's database opens: a plaintext file (dropped in, or left by a
    version before encryption: see ``encrypt_legacy_store``) and a file whose identity
    differs from the key entry's are refused untouched (``store_identity``)."""
    if _has_content(path) and is_plaintext_sqlite(path):
        raise UserError(ErrorKind.DB_NOT_THIS_COUNTER, detail="plaintext database file")
    keys = load_or_create_keys(path, store, fresh_if_missing=fresh_if_missing)
    found = None
    if _has_content(path):
        conn = _raw_connect(path, keys.current)
        try:
            try:
                found = read_identity(conn)
            except sqlcipher.DatabaseError as exc:
                raise UserError(ErrorKind.DB_WRONG_KEY, detail="key does not open it") from exc
        finally:
            conn.close()
        check_identity(keys, found)
    db = open_database(path, key=database_key(keys.current))
    try:
        keys = bind(db, store, keys, found)
    except BaseException:
        db.dispose()
        raise
    return db, keys


def encrypt_legacy_store(demo: bool = False, *, actor: HasRole | None = None) -> None:
    """``motcua security encrypt-store``: the one-time upgrade of a database left in
    plaintext by a version before encryption. Administrators only, and only while this
    PC holds no key for it (a key entry means this counter's store is already
    encrypted, so a plaintext file is someone else's)."""
    from app.services.security.keystore import store_for
    from app.services.security.permissions import Permission, require
    from app.shared import paths

    require(actor, Permission.RESET_STORE)
    path = paths.database_file(demo)
    if not (_has_content(path) and is_plaintext_sqlite(path)):
        raise UserError(ErrorKind.DB_CORRUPT, detail="no plaintext database to encrypt")
    store = store_for(path, demo)
    keys = store.load()
    if keys is not None and keys.created:
        raise UserError(ErrorKind.DB_NOT_THIS_COUNTER, detail="a key entry exists already")
    if keys is None:  # an attempt interrupted earlier left its uncreated entry: reuse it
        keys = KeySet.for_new_store()
        store.save(keys)
    encrypt_plaintext_database(path, keys.current)
    db, keys = open_encrypted(path, store)
    try:
        with db.session() as s:
            audit.record(s, None, "change", detail="plaintext local database encrypted (CLI)")
    finally:
        db.dispose()


@dataclass(frozen=True, slots=True)
class RotationReport:
    attachments_reencrypted: int
    attachments_already_current: int


def rotate_key(path: Path, store: KeyStore, attachments_root: Path | None) -> RotationReport:
    """Give the database (and attachment files) a new secret. The app must be closed:
    leaving WAL mode needs the only connection, which is how we find out."""
    if not _has_content(path):
        raise UserError(ErrorKind.DB_CORRUPT, detail="no database to rotate")
    keys = load_or_create_keys(path, store)
    if not opens_with(path, keys.current):
        raise UserError(ErrorKind.DB_WRONG_KEY, detail="current key does not open the database")
    keys = keys.begin_rotation(new_secret())
    store.save(keys)
    assert keys.next is not None
    conn = _raw_connect(path, keys.current)
    try:
        try:
            mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        except sqlcipher.OperationalError as exc:
            raise UserError(ErrorKind.DB_LOCKED, detail="close MotCua before rotating") from exc
        if mode != "delete":
            raise UserError(ErrorKind.DB_LOCKED, detail="close MotCua before rotating")
        conn.execute(f"PRAGMA rekey = {sqlcipher_pragma_value(keys.next)}")
        conn.execute("PRAGMA journal_mode = WAL")
    finally:
        conn.close()
    keys = keys.database_switched()
    store.save(keys)
    report = RotationReport(0, 0)
    if attachments_root is not None:
        report = reencrypt_attachments(attachments_root, keys)
    store.save(keys.files_switched())
    log.info(
        "database key rotated; %d attachment files re-encrypted", report.attachments_reencrypted
    )
    return report


def reencrypt_attachments(root: Path, keys: KeySet) -> RotationReport:
    """Bring every file under ``root`` to the current key (plaintext files included)."""
    cipher = blobs.BlobCipher(keys)
    done = current = 0
    for file in sorted(root.rglob("*")) if root.is_dir() else []:
        if not file.is_file() or file.name.startswith("."):
            continue
        data = file.read_bytes()
        if cipher.is_current(data):
            current += 1
            continue
        plain = cipher.decrypt(data) if blobs.is_encrypted_blob(data) else data
        write_atomically(file, cipher.encrypt(plain))
        done += 1
    return RotationReport(done, current)


def open_local(demo: bool = False) -> Database:
    """The app's own database (``paths.database_file``), keyed from its store; the
    attachment cipher is set to the same secret."""
    from app.services.security.keystore import store_for
    from app.shared import paths

    path = paths.database_file(demo)
    db, keys = open_encrypted(path, store_for(path, demo), fresh_if_missing=demo)
    blobs.use_keys(keys)
    return db


def rotate_local(demo: bool = False, *, actor: HasRole | None = None) -> RotationReport:
    """Rotate this PC's database key: administrators only (the CLI acts as
    ``SYSTEM_ADMIN``, see ``permissions``)."""
    from app.services.security.permissions import Permission, require
    from app.shared import paths

    require(actor, Permission.ROTATE_KEYS)
    from app.services.security.keystore import store_for

    path = paths.database_file(demo)
    return rotate_key(path, store_for(path, demo), paths.attachments_dir(demo))


def key_storage_lines(demo: bool = False) -> list[tuple[str, str]]:
    """For ``motcua doctor``: where the key lives and whether it opens the database.
    Never prints the key."""
    from app.services.security.keystore import KeyFileStore, store_for
    from app.shared import paths

    path = paths.database_file(demo)
    label = "Cơ sở dữ liệu trình diễn" if demo else "Cơ sở dữ liệu"
    try:
        store = store_for(path, demo)
    except UserError as err:
        return [(label, f"không có nơi giữ khoá ({err.kind.value})")]
    lines = [(f"{label}: nơi giữ khoá", store.describe())]
    if demo and isinstance(store, KeyFileStore):
        lines.append((f"{label}: lưu ý", "không có keyring: khoá nằm trong tệp cạnh dữ liệu mẫu"))
    try:
        keys = store.load()
    except UserError as err:
        return [*lines, (f"{label}: tình trạng", f"không đọc được khoá ({err.kind.value})")]
    if not _has_content(path):
        missing = keys is not None and keys.created
        state = "THIẾU: khoá cho biết đã có cơ sở dữ liệu" if missing else "chưa tạo"
        lines.append((f"{label}: tình trạng", state))
        return lines
    if is_plaintext_sqlite(path):
        state = "KHÔNG MÃ HOÁ: bị từ chối (xem docs/security.md, «Danh tính kho dữ liệu»)"
    elif keys is None:
        state = "đã mã hoá, KHÔNG có khoá trên máy này"
    elif secret := next((s for s in keys.all_secrets() if opens_with(path, s)), None):
        state = f"đã mã hoá, khoá mở được; {_schema_state(path, secret)}"
        if not _belongs(path, secret, keys):
            state = "đã mã hoá nhưng KHÔNG phải cơ sở dữ liệu của quầy này: bị từ chối"
    else:
        state = "đã mã hoá, khoá KHÔNG mở được"
    lines.append((f"{label}: tình trạng", state))
    return lines


def _belongs(path: Path, secret: bytes, keys: KeySet) -> bool:
    conn = _raw_connect(path, secret)
    try:
        check_identity(keys, read_identity(conn))
    except UserError:
        return False
    finally:
        conn.close()
    return True


def _schema_state(path: Path, secret: bytes) -> str:
    from app.services.storage.db import current_revision, head_revision, make_engine

    engine = make_engine(f"sqlite:///{path}", key=database_key(secret))
    try:
        revision, head = current_revision(engine), head_revision()
    finally:
        engine.dispose()
    return f"lược đồ {revision}" + ("" if revision == head else f" (cần nâng cấp lên {head})")


def open_counter_database(demo: bool) -> Database:
    """The counter's encrypted database as the app opens it at start-up: the key from
    the OS keyring (or the documented key-file fallback), attachment encryption with
    the same secret, and in demo mode the fictitious office and citizens."""
    db = open_local(demo)
    if demo:
        from app.services.demo import ensure_demo_data  # demo data only for the demo

        ensure_demo_data(db)
    return db
