"""Attachment content encrypted at rest at central (AES-256-GCM), keys in a key file.

The key file (``MOTCUA_BLOB_KEY_FILE``, default ``<config>/central-blob-keys``, written
with mode 0600 and one new key when it does not exist) holds one key a line:
``<key id> <base64 of 32 bytes>``. The last line is the current key, which seals new
chunks; the earlier ones still open what they sealed, so a key is rotated by adding a
line (``motcua-central blob-keys rotate``) and retired once ``blob-keys reencrypt`` has
moved every chunk to the current key. The key file is kept apart from database
backups: a copy of the database alone reveals no scan.

Each stored chunk is a fresh random 96-bit nonce followed by the ciphertext and tag;
its key id is stored beside it. The associated data binds a chunk to its office, blob
and offset, so a chunk moved to another place fails to open. Chunks stored before
encryption existed have no key id and are read as they are, until ``reencrypt``.
"""

from __future__ import annotations

import base64
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.shared import paths

NONCE = 12
ENV = "MOTCUA_BLOB_KEY_FILE"


class BlobKeyError(Exception):
    """A chunk cannot be opened: its key is not in the key file, or it was altered."""


@dataclass(frozen=True)
class BlobKeys:
    keys: dict[str, bytes]  # key id → 32-byte key, in file order
    current: str

    def seal(self, office: str, sha256: str, offset: int, data: bytes) -> tuple[str, bytes]:
        """(key id, stored bytes) of one chunk."""
        nonce = secrets.token_bytes(NONCE)
        sealed = AESGCM(self.keys[self.current]).encrypt(nonce, data, _aad(office, sha256, offset))
        return self.current, nonce + sealed

    def open(self, key_id: str | None, office: str, sha256: str, offset: int, data: bytes) -> bytes:
        if key_id is None:
            return data  # stored before encryption at rest
        key = self.keys.get(key_id)
        if key is None:
            raise BlobKeyError(f"blob key {key_id} is not in the key file")
        try:
            return AESGCM(key).decrypt(data[:NONCE], data[NONCE:], _aad(office, sha256, offset))
        except InvalidTag as exc:
            raise BlobKeyError(f"chunk {sha256[:12]}@{offset} does not open") from exc


def _aad(office: str, sha256: str, offset: int) -> bytes:
    return f"motcua-blob|{office}|{sha256}|{offset}".encode()


def key_file() -> Path:
    return Path(os.environ.get(ENV) or paths.config_dir() / "central-blob-keys")


def _new_line() -> str:
    return f"{secrets.token_hex(4)} {base64.b64encode(AESGCM.generate_key(256)).decode()}\n"


def _create(path: Path) -> None:
    """Written whole, then linked into place: another worker sees no file or a full one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(_new_line())
    try:
        os.link(draft, path)
    except FileExistsError:
        pass  # another worker made it first: use theirs
    finally:
        draft.unlink()


def read_keys(path: Path) -> BlobKeys:
    keys: dict[str, bytes] = {}
    for number, line in enumerate(path.read_text(encoding="ascii").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            key_id, encoded = line.split()
            key = base64.b64decode(encoded, validate=True)
        except ValueError as exc:
            raise BlobKeyError(f"{path}:{number}: not '<key id> <base64 key>'") from exc
        if len(key) != 32 or not 0 < len(key_id) <= 16:
            raise BlobKeyError(f"{path}:{number}: a key is 32 bytes, its id 1-16 characters")
        keys[key_id] = key
    if not keys:
        raise BlobKeyError(f"{path}: no key")
    return BlobKeys(keys, current=list(keys)[-1])


_loaded: dict[Path, tuple[tuple[int, int, int], BlobKeys]] = {}


def keys(*, fresh: bool = False) -> BlobKeys:
    """This process's keys; re-read when the file changed (a rotation by the CLI while
    the server runs: another worker may already seal with the new key)."""
    path = key_file()
    if not path.exists():
        _create(path)
    info = path.stat()
    version = (info.st_mtime_ns, info.st_size, info.st_ino)
    cached = _loaded.get(path)
    if fresh or cached is None or cached[0] != version:
        cached = (version, read_keys(path))
        _loaded[path] = cached
    return cached[1]


def open_chunk(key_id: str | None, office: str, sha256: str, offset: int, data: bytes) -> bytes:
    """The plaintext of one stored chunk (a key id not known yet: the file is re-read)."""
    current = keys()
    if key_id is not None and key_id not in current.keys:
        current = keys(fresh=True)
    return current.open(key_id, office, sha256, offset, data)


def rotate(path: Path | None = None) -> str:
    """Add a new current key to the file; returns its id."""
    path = path or key_file()
    if not path.exists():
        _create(path)
    line = _new_line()
    with path.open("a", encoding="ascii") as out:
        out.write(line)
    return line.split()[0]
