"""Where the local data secret is kept: the OS keyring, or a key file an admin chose.

* ``KeyringStore`` — the normal case: Windows Credential Manager, macOS Keychain or
  the Secret Service on Linux; service "MotCua", one entry per database file, so a
  copied database finds no key on another PC.
* ``KeyFileStore`` — the documented fallback when the OS has no keyring (a headless
  Linux): a file readable only by the account that runs MotCua (mode 0600). It is
  used only when an administrator sets ``MOTCUA_DB_KEY_FILE`` (an explicit choice,
  never a silent downgrade), and for the demo database, whose data is fictitious.

A store that cannot keep a key raises ``UserError(KEYRING_MISSING)`` *before* any
database file exists, so there is never a plaintext database "for now".
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Protocol

import keyring
import keyring.errors
from keyring.backends import fail, null

from app.errors import ErrorKind, UserError
from app.services.security.keys import KeySet
from app.shared.files import write_atomically

SERVICE = "MotCua"
KEY_FILE_ENV = "MOTCUA_DB_KEY_FILE"


class KeyStore(Protocol):
    def load(self) -> KeySet | None: ...

    def save(self, keys: KeySet) -> None: ...

    def describe(self) -> str: ...


def keyring_usable() -> bool:
    """False for the backends that keep nothing: ``fail`` (no keyring) and ``null``."""
    return not isinstance(keyring.get_keyring(), fail.Keyring | null.Keyring)


def keyring_entry(database: Path) -> str:
    return f"database-key:{database.resolve()}"


class KeyringStore:
    def __init__(self, entry: str) -> None:
        self.entry = entry

    def describe(self) -> str:
        backend = keyring.get_keyring()
        return f"keyring {type(backend).__module__}.{type(backend).__name__}"

    def load(self) -> KeySet | None:
        try:
            raw = keyring.get_password(SERVICE, self.entry)
        except keyring.errors.KeyringError as exc:
            raise UserError(ErrorKind.KEYRING_MISSING, detail=type(exc).__name__) from exc
        if raw is None:
            return None
        try:
            return KeySet.from_json(raw)
        except ValueError as exc:
            raise UserError(ErrorKind.DB_WRONG_KEY, detail="keyring entry unreadable") from exc

    def save(self, keys: KeySet) -> None:
        if not keyring_usable():
            raise UserError(ErrorKind.KEYRING_MISSING, detail=self.describe())
        text = keys.to_json()
        try:
            keyring.set_password(SERVICE, self.entry, text)
            # Some backends accept a value and keep nothing: a key that is not really
            # stored would lock the office out of its own data at the next start.
            stored = keyring.get_password(SERVICE, self.entry)
        except keyring.errors.KeyringError as exc:
            raise UserError(ErrorKind.KEYRING_MISSING, detail=type(exc).__name__) from exc
        if stored != text:
            raise UserError(ErrorKind.KEYRING_MISSING, detail="keyring did not keep the key")


class KeyFileStore:
    """A key file with owner-only permissions (checked on POSIX; Windows uses ACLs)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def describe(self) -> str:
        return f"key file {self.path}"

    def _check_permissions(self) -> None:
        if os.name != "posix":
            return
        mode = self.path.stat().st_mode
        if stat.S_IMODE(mode) & 0o077:
            raise UserError(ErrorKind.KEY_FILE_UNSAFE, detail=f"mode {stat.S_IMODE(mode):o}")

    def load(self) -> KeySet | None:
        if not self.path.exists():
            return None
        self._check_permissions()
        try:
            return KeySet.from_json(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UserError(ErrorKind.DB_WRONG_KEY, detail="key file unreadable") from exc

    def save(self, keys: KeySet) -> None:
        write_atomically(self.path, keys.to_json().encode("utf-8"))  # created 0600


class MemoryStore:
    """For tests and tools that must not touch the OS keyring."""

    def __init__(self, keys: KeySet | None = None) -> None:
        self.keys = keys

    def describe(self) -> str:
        return "memory"

    def load(self) -> KeySet | None:
        return self.keys

    def save(self, keys: KeySet) -> None:
        self.keys = keys


def store_for(database: Path, demo: bool) -> KeyStore:
    """The key store for a database: an explicit key file, else the keyring, else
    (demo only) a key file beside the demo database. Raises KEYRING_MISSING otherwise."""
    explicit = os.environ.get(KEY_FILE_ENV)
    if explicit and not demo:
        return KeyFileStore(Path(explicit))
    if keyring_usable():
        return KeyringStore(keyring_entry(database))
    if demo:
        return KeyFileStore(database.with_suffix(".key"))
    backend = keyring.get_keyring()
    raise UserError(
        ErrorKind.KEYRING_MISSING,
        detail=f"{type(backend).__module__}.{type(backend).__name__}; set {KEY_FILE_ENV}",
    )
