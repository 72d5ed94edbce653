"""Resumable upload of attachment content, per office, addressed by SHA-256.

The counter announces the size, then sends chunks at the offset the server reports;
after a broken connection it asks for the offset and carries on. When the last byte
arrives the server hashes the whole content: only a match makes the blob complete
(and only then is the attachment's metadata accepted); a mismatch discards it all.
A new blob that would take its office past its quota is refused (507 "quota").

Chunks are stored encrypted (``central.blob_crypto``): nothing here or in the database
holds a scan in the clear; :func:`content` and :func:`head` decrypt on the fly.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from app.shared import wire
from app.shared.types import utcnow
from central import blob_crypto
from central.models import Blob, BlobChunk

MAX_CHUNK = 4 * 1024 * 1024
DEFAULT_QUOTA_MB = 50 * 1024


def office_quota() -> int:
    """Blob bytes one office may store (``MOTCUA_OFFICE_QUOTA_MB``, default 50 GB)."""
    return int(os.environ.get("MOTCUA_OFFICE_QUOTA_MB", DEFAULT_QUOTA_MB)) * 1024 * 1024


def office_bytes(session: Session, office: str) -> int:
    total = select(func.coalesce(func.sum(Blob.size), 0)).where(Blob.office_code == office)
    return int(session.scalar(total) or 0)


class BlobRefused(Exception):
    def __init__(self, status: int, reason: str, blob: Blob | None = None) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.blob = blob


def status_of(blob: Blob) -> wire.BlobStatus:
    return wire.BlobStatus(
        sha256=blob.sha256, size=blob.size, received=blob.received, complete=blob.complete
    )


def _locked(session: Session, office: str, sha256: str) -> Blob | None:
    lock = session.get_bind().dialect.name == "postgresql"
    return session.get(Blob, (office, sha256), with_for_update=lock)


def start(session: Session, office: str, sha256: str, size: int) -> Blob:
    blob = _locked(session, office, sha256)
    if blob is None:
        if office_bytes(session, office) + size > office_quota():
            # Final for the counter (its officer sees why); an administrator raises it.
            raise BlobRefused(507, "quota")
        blob = Blob(office_code=office, sha256=sha256, size=size, received=0, complete=False)
        session.add(blob)
        session.flush()
    elif blob.size != size:
        if blob.complete:
            raise BlobRefused(409, "size_mismatch", blob)
        # An abandoned upload announced with another size: start over.
        session.execute(
            delete(BlobChunk).where(BlobChunk.office_code == office, BlobChunk.sha256 == sha256)
        )
        blob.size, blob.received = size, 0
    if size == 0 and not blob.complete:
        _finish(session, blob)
    return blob


def get(session: Session, office: str, sha256: str) -> Blob | None:
    return session.get(Blob, (office, sha256))


def append(session: Session, office: str, sha256: str, offset: int, data: bytes) -> Blob:
    blob = _locked(session, office, sha256)
    if blob is None:
        raise BlobRefused(404, "unknown_blob")
    if blob.complete:
        return blob  # a retry of the last chunk after a lost answer
    if offset != blob.received:
        raise BlobRefused(409, "offset_mismatch", blob)
    if len(data) > MAX_CHUNK or blob.received + len(data) > blob.size:
        raise BlobRefused(413, "chunk_too_large", blob)
    if data:
        key_id, sealed = blob_crypto.keys().seal(office, sha256, offset, data)
        session.add(
            BlobChunk(office_code=office, sha256=sha256, offset=offset, data=sealed, key_id=key_id)
        )
        blob.received += len(data)
    if blob.received == blob.size:
        session.flush()
        _finish(session, blob)
    return blob


def _finish(session: Session, blob: Blob) -> None:
    digest = hashlib.sha256()
    for chunk in _plain_chunks(session, blob.office_code, blob.sha256):
        digest.update(chunk)
    if digest.hexdigest() != blob.sha256:
        session.execute(
            delete(BlobChunk).where(
                BlobChunk.office_code == blob.office_code, BlobChunk.sha256 == blob.sha256
            )
        )
        blob.received = 0
        # Committed by the caller before it answers 422, so the counter restarts cleanly.
        raise BlobRefused(422, "sha256_mismatch", blob)
    blob.complete = True
    blob.completed_at = utcnow()


def _plain_chunks(session: Session, office: str, sha256: str) -> Iterator[bytes]:
    rows = session.execute(
        select(BlobChunk.offset, BlobChunk.key_id, BlobChunk.data)
        .where(BlobChunk.office_code == office, BlobChunk.sha256 == sha256)
        .order_by(BlobChunk.offset)
    )
    for offset, key_id, data in rows:
        yield blob_crypto.open_chunk(key_id, office, sha256, offset, data)


def content(session: Session, office: str, sha256: str) -> bytes:
    """The whole content, decrypted (raises ``BlobKeyError`` if a chunk does not open)."""
    return b"".join(_plain_chunks(session, office, sha256))


def heads(session: Session, office: str, shas: list[str], size: int) -> dict[str, bytes]:
    """The first ``size`` bytes of each blob (its first chunk), decrypted."""
    rows = session.execute(
        select(BlobChunk.sha256, BlobChunk.key_id, BlobChunk.data).where(
            BlobChunk.office_code == office, BlobChunk.sha256.in_(shas), BlobChunk.offset == 0
        )
    )
    return {
        sha: blob_crypto.open_chunk(key_id, office, sha, 0, data)[:size]
        for sha, key_id, data in rows
    }


def reencrypt(session: Session, limit: int = 200) -> int:
    """Seal up to ``limit`` chunks not under the current key (plaintext ones from before
    encryption at rest, or under a retired key) with the current key; returns how many.
    Called until it returns 0, committing in between (``blob-keys reencrypt``)."""
    keys = blob_crypto.keys()
    stale = session.scalars(
        select(BlobChunk)
        .where(or_(BlobChunk.key_id.is_(None), BlobChunk.key_id != keys.current))
        .limit(limit)
    ).all()
    for chunk in stale:
        plain = blob_crypto.open_chunk(
            chunk.key_id, chunk.office_code, chunk.sha256, chunk.offset, chunk.data
        )
        chunk.key_id, chunk.data = keys.seal(chunk.office_code, chunk.sha256, chunk.offset, plain)
    return len(stale)
