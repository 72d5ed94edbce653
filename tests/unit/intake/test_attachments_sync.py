"""Encrypted attachments reach the central service as the scan itself.

Files are encrypted at rest with the counter's key, which the central service never
has; it checks every upload against the SHA-256 the counter announces. A real
central service (SQLite, loopback) stands on the other side.
"""

from __future__ import annotations

import hashlib
import io
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from intake_factories import person, vn
from PIL import Image
from sqlalchemy import select

from app.services.attachments import AttachmentStore
from app.services.dossiers import Contact, upsert_citizen
from app.services.security import blobs
from app.services.security.keys import KeySet, new_secret
from app.services.security.permissions import SYSTEM_ADMIN
from app.services.storage.db import Database
from app.services.storage.models import Attachment, OutboxItem
from app.services.sync.credentials import MemoryStore
from app.services.sync.engine import SyncConfig, SyncEngine
from app.services.sync.enroll import enroll
from central import blobs as central_blobs
from central.models import Blob, SyncedRow
from central.seed import DEMO_OFFICE
from testkit.central_server import RunningCentral
from testkit.counter_sim import setup_counter


@pytest.fixture(autouse=True)
def attachment_keys() -> Iterator[KeySet]:
    keys = KeySet(new_secret())
    blobs.use_keys(keys)
    yield keys
    blobs.use_keys(None)


@pytest.fixture
def central(tmp_path: Path) -> Iterator[RunningCentral]:
    with RunningCentral(f"sqlite:///{tmp_path / 'central.sqlite3'}", volume=1) as running:
        yield running


@pytest.fixture
def store(tmp_path: Path) -> AttachmentStore:
    return AttachmentStore(tmp_path / "attachments-demo")  # not the default folder


def _engine(db: Database, central: RunningCentral, store: AttachmentStore) -> SyncEngine:
    credentials = MemoryStore()
    enroll(
        central.url,
        central.enrollment_code(DEMO_OFFICE, 1),
        store=credentials,
        actor=SYSTEM_ADMIN,
        demo=True,
    )
    setup_counter(db, DEMO_OFFICE, 1)
    return SyncEngine(
        db,
        SyncConfig(central.url, DEMO_OFFICE, demo=True),
        store=credentials,
        content_path=store.content_path,
    )


def _scan() -> bytes:
    """A photo-like JPEG over one 1 MB upload chunk (noise does not compress)."""
    rng = random.Random(7)
    img = Image.frombytes("RGB", (1000, 1000), rng.randbytes(1000 * 1000 * 3))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=95)
    return out.getvalue()


def _import(db: Database, store: AttachmentStore, data: bytes) -> Attachment:
    with db.session() as s:
        citizen = upsert_citizen(s, person(), Contact(), vn("2026-03-02T09:00"))
        return store.import_bytes(s, citizen.id, data, "cccd-mat-truoc.jpg", "CCCD")


def _uploaded(central: RunningCentral, sha256: str) -> tuple[Blob | None, bytes]:
    with central.db.session() as s:
        blob = s.get(Blob, (DEMO_OFFICE, sha256))
        return blob, central_blobs.content(s, DEMO_OFFICE, sha256)  # decrypted


def test_push_uploads_the_plaintext_of_an_encrypted_scan(
    db: Database, central: RunningCentral, store: AttachmentStore
) -> None:
    engine = _engine(db, central, store)
    data = _scan()
    assert len(data) > 1024 * 1024
    a = _import(db, store, data)
    assert blobs.is_encrypted_blob(store.content_path(a.sha256).read_bytes())
    engine.sync_once()
    blob, uploaded = _uploaded(central, a.sha256)
    assert blob is not None and blob.complete and blob.size == len(data)
    assert uploaded == data and hashlib.sha256(uploaded).hexdigest() == a.sha256
    with central.db.session() as s:
        assert s.scalar(select(SyncedRow.id).where(SyncedRow.entity == "attachment")) == a.id
    with db.session() as s:
        states = set(s.scalars(select(OutboxItem.state)))
    assert states == {"sent"}


def test_a_tampered_scan_is_not_uploaded_and_the_officer_sees_why(
    db: Database, central: RunningCentral, store: AttachmentStore
) -> None:
    engine = _engine(db, central, store)
    a = _import(db, store, _scan())
    path = store.content_path(a.sha256)
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    path.write_bytes(bytes(raw))
    engine.sync_once()
    blob, uploaded = _uploaded(central, a.sha256)
    assert blob is None and uploaded == b""
    with db.session() as s:
        entry = s.scalar(select(OutboxItem).where(OutboxItem.entity_id == a.id))
    assert entry is not None and entry.state == "rejected"
    assert "does not match" in (entry.last_error or "")
