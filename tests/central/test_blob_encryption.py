"""Scans are encrypted at rest at central and decrypted on the fly for staff; scans
stored in the clear before are still served, and re-encrypted on request; keys rotate.
On SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from backoffice_helpers import CounterPusher, add_staff, log_in
from fastapi.testclient import TestClient
from reportlab.pdfgen import canvas
from sqlalchemy import select, text

from app.shared import wire
from app.shared.types import utcnow
from central import blob_crypto, blobs
from central.api import create_app
from central.cli import main
from central.db import CentralDatabase, open_central
from central.ingest import ingest
from central.models import BlobChunk
from central.seed import DEMO_OFFICE, seed
from central.web import auth
from testkit.central_server import CHEAP_HASHER

SECRET = b"GIAY-KHAI-SINH-SO-0427-TRAN-BAO-NGOC"  # what must never be readable on disk


@pytest.fixture
def db(central_db_url: str) -> Iterator[CentralDatabase]:
    database = open_central(central_db_url, pool_size=3)
    with database.session() as s:
        seed(s, 0, hasher=CHEAP_HASHER)
    add_staff(database, "lan", auth.PROCESSING_OFFICER, [DEMO_OFFICE])
    yield database
    database.dispose()


def _scan() -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out, pageCompression=0)
    page.drawString(72, 720, SECRET.decode())
    page.save()
    data = out.getvalue()
    assert SECRET in data  # the PDF carries the text in the clear
    return data


def _stored_bytes(db: CentralDatabase) -> bytes:
    """Every byte of the blob_chunks table, as the database holds it."""
    with db.engine.connect() as c:
        return b"".join(bytes(r[0]) for r in c.execute(text("SELECT data FROM blob_chunks")))


def _on_disk(url: str) -> bytes:
    files = sorted(Path(url.removeprefix("sqlite:///")).parent.glob("central.sqlite3*"))
    return b"".join(f.read_bytes() for f in files)


def _dossier_with_scan(db: CentralDatabase, content: bytes, *, plaintext: bool = False) -> str:
    """A dossier whose scan was uploaded (or, ``plaintext``, stored as central did before
    encryption at rest); returns the scan's page address."""
    sha = hashlib.sha256(content).hexdigest()
    with db.session() as s:
        blob = blobs.start(s, DEMO_OFFICE, sha, len(content))
        half = len(content) // 2
        if plaintext:
            for offset, part in ((0, content[:half]), (half, content[half:])):
                s.add(BlobChunk(office_code=DEMO_OFFICE, sha256=sha, offset=offset, data=part))
            blob.received, blob.complete = len(content), True
        else:
            blobs.append(s, DEMO_OFFICE, sha, 0, content[:half])
            blobs.append(s, DEMO_OFFICE, sha, half, content[half:])
        assert blobs.get(s, DEMO_OFFICE, sha).complete  # type: ignore[union-attr]
    pusher = CounterPusher(db)
    attachment = wire.AttachmentWire(
        id=f"a1a1a1a1-0000-4000-8000-{sha[:12]}", row_version=1, created_at=utcnow(),
        updated_at=utcnow(), citizen_id="c", sha256=sha, mime_type="application/pdf",
        size=len(content), label="Giấy khai sinh", filename="giay-khai-sinh.pdf",
    )  # fmt: skip
    with db.session() as s:
        [answer] = ingest(
            s, pusher.device,
            [wire.AttachmentItem(ref=1, office_code=DEMO_OFFICE, attachment=attachment)],
            lock=False,
        )  # fmt: skip
        assert answer.outcome == "created", answer  # type checked on the decrypted head
    pushed = pusher.push(attachments=[wire.DossierAttachmentLink(attachment_id=attachment.id)])
    return f"/backoffice/dossiers/{pushed.dossier.id}/scans/{attachment.id}"


def _officer(db: CentralDatabase) -> TestClient:
    client = TestClient(create_app(db), base_url="https://testserver")
    assert log_in(client, "lan").status_code == 200
    return client


def test_a_scan_is_unreadable_in_the_database_and_served_to_staff(
    db: CentralDatabase, central_db_url: str
) -> None:
    content = _scan()
    address = _dossier_with_scan(db, content)
    assert SECRET not in _stored_bytes(db)
    if central_db_url.startswith("sqlite"):
        db.dispose()  # everything written out to the file
        on_disk = _on_disk(central_db_url)
        assert b"blob_chunks" in on_disk and SECRET not in on_disk
    with db.session() as s:
        [key_id] = set(s.scalars(select(BlobChunk.key_id)))
    assert key_id == blob_crypto.keys().current
    assert blob_crypto.key_file().stat().st_mode & 0o777 == 0o600  # the key file: owner only

    officer = _officer(db)
    answer = officer.get(address)
    assert answer.status_code == 200 and answer.content == content
    assert answer.headers["content-type"] == "application/pdf"

    # Without its key (the key file of another server), the scan is refused, not garbled.
    blob_crypto.key_file().write_text("", encoding="ascii")
    blob_crypto.rotate()
    lost = officer.get(address)
    assert lost.status_code == 500 and "thiếu khóa giải mã" in lost.text
    assert SECRET not in lost.content


def test_plaintext_scans_are_served_then_reencrypted_and_keys_rotate(
    db: CentralDatabase, central_db_url: str
) -> None:
    old = _scan()
    address = _dossier_with_scan(db, old, plaintext=True)
    assert SECRET in _stored_bytes(db)  # as central stored scans before this change
    officer = _officer(db)
    assert officer.get(address).content == old

    cli = ["--db", central_db_url, "blob-keys"]
    assert main([*cli, "reencrypt"]) == 0
    assert SECRET not in _stored_bytes(db)
    assert officer.get(address).content == old

    first = blob_crypto.keys().current
    assert main([*cli, "rotate"]) == 0
    second = blob_crypto.keys().current
    assert second != first
    newer = _scan().replace(b"0427", b"0428")
    newer_address = _dossier_with_scan(db, newer)
    with db.session() as s:
        assert set(s.scalars(select(BlobChunk.key_id))) == {first, second}
    assert officer.get(address).content == old  # the old key still opens the old chunks
    assert main([*cli, "reencrypt"]) == 0
    with db.session() as s:
        assert set(s.scalars(select(BlobChunk.key_id))) == {second}
    # The retired key can now be dropped from the file.
    lines = blob_crypto.key_file().read_text(encoding="ascii").splitlines()
    blob_crypto.key_file().write_text(lines[-1] + "\n", encoding="ascii")
    assert officer.get(address).content == old
    assert officer.get(newer_address).content == newer
    assert SECRET not in _stored_bytes(db) and b"0428" not in _stored_bytes(db)


def test_a_chunk_moved_to_another_place_does_not_open(db: CentralDatabase) -> None:
    content = _scan()
    sha = hashlib.sha256(content).hexdigest()
    keys = blob_crypto.keys()
    key_id, sealed = keys.seal(DEMO_OFFICE, sha, 0, content)
    assert keys.open(key_id, DEMO_OFFICE, sha, 0, sealed) == content
    with pytest.raises(blob_crypto.BlobKeyError):
        keys.open(key_id, DEMO_OFFICE, sha, 4096, sealed)
    with pytest.raises(blob_crypto.BlobKeyError):
        keys.open(key_id, "000.00.01.H01", sha, 0, sealed)
