"""Digitized documents: content checks, storage by hash, encryption at rest, thumbnails,
scanner folder."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from intake_factories import Env, person, vn
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from sqlalchemy import func, select

from app.errors import ErrorKind, UserError
from app.services.attachments import (
    AttachmentStore,
    citizen_attachments,
    dossier_attachments,
    encrypt_existing,
    read_stored,
)
from app.services.dossiers import (
    Contact,
    IntakeOptions,
    IntakeRequest,
    ReceivedPaper,
    create_dossier,
    upsert_citizen,
)
from app.services.scan_folder import ScanFolder
from app.services.security import blobs
from app.services.security.keys import KeySet, new_secret
from app.services.storage.models import Attachment, OutboxItem

JPEG_SOI = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG"


def image_bytes(fmt: str, size=(1240, 1754), frames: int = 1) -> bytes:
    out = io.BytesIO()
    pages = [Image.new("RGB", size, (255, 255 - 40 * i, 255)) for i in range(frames)]
    pages[0].save(out, fmt, save_all=frames > 1, append_images=pages[1:])
    return out.getvalue()


def pdf_bytes(pages: int = 2) -> bytes:
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, invariant=True)  # same bytes every time
    for i in range(pages):
        c.drawString(100, 700, f"Trang {i + 1}")
        c.showPage()
    c.save()
    return out.getvalue()


@pytest.fixture(autouse=True)
def attachment_keys() -> Iterator[KeySet]:
    """What ``security.database.open_local`` does in the app: the database's keys."""
    keys = KeySet(new_secret())
    blobs.use_keys(keys)
    yield keys
    blobs.use_keys(None)


@pytest.fixture
def store(tmp_path: Path) -> AttachmentStore:
    return AttachmentStore(tmp_path / "attachments", max_bytes=2 * 1024 * 1024)


@pytest.fixture
def citizen_id(env: Env) -> str:
    with env.db.session() as s:
        return upsert_citizen(s, person(), Contact(), vn("2026-03-02T09:00")).id


def put(env: Env, store: AttachmentStore, citizen_id: str, data: bytes, name: str, tmp_path: Path):
    f = tmp_path / "in" / "x"
    f.parent.mkdir(exist_ok=True)
    f.write_bytes(data)
    with env.db.session() as s:
        return store.import_bytes(s, citizen_id, f.read_bytes(), name)


@pytest.mark.parametrize(
    ("data", "mime", "pages"),
    [
        (image_bytes("JPEG"), "image/jpeg", 1),
        (image_bytes("PNG"), "image/png", 1),
        (image_bytes("TIFF", size=(300, 420), frames=3), "image/tiff", 3),
        (pdf_bytes(2), "application/pdf", 2),
    ],
    ids=["jpeg", "png", "tiff-3-pages", "pdf-2-pages"],
)
def test_accepted_scans_are_stored_with_thumbnail_and_page_count(
    env: Env,
    store: AttachmentStore,
    citizen_id: str,
    tmp_path: Path,
    data: bytes,
    mime: str,
    pages: int,
) -> None:
    a = put(env, store, citizen_id, data, "scan", tmp_path)
    assert (a.mime_type, a.page_count, a.size) == (mime, pages, len(data))
    assert store.read(a) == data
    path = store.content_path(a.sha256)
    assert path.parent.name == a.sha256[:2]
    with Image.open(io.BytesIO(store.thumbnail(a))) as thumb:
        assert thumb.format == "PNG" and max(thumb.size) == 256
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".part")]
    with env.db.session() as s:
        assert s.scalar(select(func.count()).where(OutboxItem.entity_id == a.id)) == 1


def test_type_comes_from_content_not_name(
    env: Env, store: AttachmentStore, citizen_id: str, tmp_path: Path
) -> None:
    a = put(env, store, citizen_id, image_bytes("PNG"), "giay-to.pdf", tmp_path)
    assert a.mime_type == "image/png"
    with pytest.raises(UserError) as err:
        put(env, store, citizen_id, b"MZ\x90\x00 not a scan at all", "anh.jpg", tmp_path)
    assert err.value.kind is ErrorKind.ATTACHMENT_BAD_TYPE


@pytest.mark.parametrize(
    "data",
    [
        image_bytes("JPEG")[:3000],
        image_bytes("PNG")[:-40],
        b"%PDF-1.7\n garbage garbage\n%%EOF",
        pdf_bytes(3)[:900],
    ],
    ids=["truncated-jpeg", "truncated-png", "garbage-pdf", "truncated-pdf"],
)
def test_corrupt_files_are_refused_and_nothing_stored(
    env: Env, store: AttachmentStore, citizen_id: str, tmp_path: Path, data: bytes
) -> None:
    with pytest.raises(UserError) as err:
        put(env, store, citizen_id, data, "x", tmp_path)
    assert err.value.kind is ErrorKind.ATTACHMENT_CORRUPT
    assert not store.root.exists() or not any(store.root.rglob("*"))
    with env.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Attachment)) == 0


def test_too_large_is_refused_before_reading(env: Env, citizen_id: str, tmp_path: Path) -> None:
    small = AttachmentStore(tmp_path / "att", max_bytes=1000)
    f = tmp_path / "big.png"
    f.write_bytes(image_bytes("PNG"))
    with env.db.session() as s, pytest.raises(UserError) as err:
        small.import_file(s, citizen_id, f)
    assert err.value.kind is ErrorKind.ATTACHMENT_TOO_LARGE


def test_same_content_is_stored_once(
    env: Env, store: AttachmentStore, citizen_id: str, tmp_path: Path
) -> None:
    data = image_bytes("JPEG")
    first = put(env, store, citizen_id, data, "a.jpg", tmp_path)
    again = put(env, store, citizen_id, data, "b.jpg", tmp_path)
    assert first.id == again.id
    assert len([p for p in store.root.rglob("*") if p.is_file()]) == 2  # content + thumbnail


@pytest.mark.parametrize(
    "name",
    [
        "../../../../tmp/evil.png",
        "C:\\Users\\x\\..\\scan.jpg",
        "..",
        "a\x00b.png",
        ".hidden.pdf",
        "to-khai\u202egnp.pdf",  # right-to-left override: reads as "…pdf.png"
        "CON.png",
    ],
    ids=["traversal", "windows-path", "dotdot", "nul", "hidden", "bidi", "device"],
)
def test_unsafe_file_names_are_refused_and_nothing_stored(
    env: Env, store: AttachmentStore, citizen_id: str, tmp_path: Path, name: str
) -> None:
    with pytest.raises(UserError) as err:
        put(env, store, citizen_id, image_bytes("PNG"), name, tmp_path)
    assert err.value.kind is ErrorKind.ATTACHMENT_BAD_NAME
    assert not store.root.exists() or not any(store.root.rglob("*"))
    with env.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Attachment)) == 0


def test_name_is_kept_in_nfc_and_the_label_as_typed(
    env: Env, store: AttachmentStore, citizen_id: str, tmp_path: Path
) -> None:
    decomposed = unicodedata.normalize("NFD", "Tờ khai.pdf")  # as macOS hands it out
    with env.db.session() as s:
        a = store.import_bytes(s, citizen_id, pdf_bytes(1), decomposed, "Tờ khai / bản 2")
    assert a.filename == "Tờ khai.pdf" == unicodedata.normalize("NFC", a.filename)
    assert a.label == "Tờ khai / bản 2"  # shown only, never part of a path
    assert {p.parent for p in store.root.rglob("*") if p.is_file()} == {store.root / a.sha256[:2]}


# ---------------------------------------------------------------- encryption at rest


def test_scan_and_thumbnail_are_encrypted_on_disk(
    env: Env, store: AttachmentStore, citizen_id: str, tmp_path: Path
) -> None:
    data = image_bytes("JPEG")
    a = put(env, store, citizen_id, data, "cccd.jpg", tmp_path)
    raw = store.content_path(a.sha256).read_bytes()
    assert not raw.startswith(JPEG_SOI) and blobs.is_encrypted_blob(raw)
    assert data[200:264] not in raw and data[-64:] not in raw
    assert blobs.decrypt_blob(raw) == data
    thumb_raw = store.thumbnail_path(a.sha256).read_bytes()
    assert not thumb_raw.startswith(PNG_MAGIC) and blobs.is_encrypted_blob(thumb_raw)
    assert store.read(a) == data
    assert store.thumbnail(a).startswith(PNG_MAGIC)
    assert a.sha256 == hashlib.sha256(data).hexdigest()  # named by the plaintext


def test_without_keys_nothing_is_written_in_plaintext(
    env: Env, store: AttachmentStore, citizen_id: str, tmp_path: Path
) -> None:
    blobs.use_keys(None)
    with pytest.raises(RuntimeError, match="keys not set"):
        put(env, store, citizen_id, image_bytes("JPEG"), "cccd.jpg", tmp_path)
    assert not store.root.exists() or not [p for p in store.root.rglob("*") if p.is_file()]
    with env.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Attachment)) == 0


@pytest.mark.parametrize("where", ["header", "middle", "tag"])
def test_an_edited_file_is_reported_as_tampered(
    env: Env, store: AttachmentStore, citizen_id: str, tmp_path: Path, where: str
) -> None:
    a = put(env, store, citizen_id, pdf_bytes(2), "tk1.pdf", tmp_path)
    path = store.content_path(a.sha256)
    raw = bytearray(path.read_bytes())
    raw[{"header": 6, "middle": len(raw) // 2, "tag": -1}[where]] ^= 0x01
    path.write_bytes(bytes(raw))
    with pytest.raises(UserError) as err:
        store.read(a)
    assert err.value.kind is ErrorKind.ATTACHMENT_TAMPERED


def test_an_edited_thumbnail_is_reported_as_tampered(
    env: Env, store: AttachmentStore, citizen_id: str, tmp_path: Path
) -> None:
    a = put(env, store, citizen_id, image_bytes("PNG"), "anh.png", tmp_path)
    path = store.thumbnail_path(a.sha256)
    raw = bytearray(path.read_bytes())
    raw[40] ^= 0x80
    path.write_bytes(bytes(raw))
    with pytest.raises(UserError) as err:
        store.thumbnail(a)
    assert err.value.kind is ErrorKind.ATTACHMENT_TAMPERED


def test_two_valid_files_swapped_on_disk_are_caught(
    env: Env, store: AttachmentStore, citizen_id: str, tmp_path: Path
) -> None:
    first = put(env, store, citizen_id, pdf_bytes(1), "mot.pdf", tmp_path)
    second = put(env, store, citizen_id, pdf_bytes(3), "ba.pdf", tmp_path)
    # Each file alone decrypts fine: only the name check sees the swap.
    shutil.copyfile(store.content_path(first.sha256), store.content_path(second.sha256))
    assert store.read(first) == pdf_bytes(1)
    with pytest.raises(UserError) as err:
        store.read(second)
    assert err.value.kind is ErrorKind.ATTACHMENT_TAMPERED
    with pytest.raises(UserError):
        read_stored(store.content_path(second.sha256), second.sha256)


def test_files_of_another_key_do_not_open(
    env: Env, store: AttachmentStore, citizen_id: str, tmp_path: Path
) -> None:
    """A folder copied to another counter (or the demo's files read by real mode)."""
    a = put(env, store, citizen_id, image_bytes("JPEG"), "cccd.jpg", tmp_path)
    blobs.use_keys(KeySet(new_secret()))
    with pytest.raises(UserError) as err:
        store.read(a)
    assert err.value.kind is ErrorKind.ATTACHMENT_TAMPERED


def _legacy(env: Env, store: AttachmentStore, citizen_id: str, data: bytes) -> Attachment:
    """A scan stored by a version before encryption at rest: plaintext files."""
    with env.db.session() as s:
        a = store.import_bytes(s, citizen_id, data, "cu.pdf")
    store.content_path(a.sha256).write_bytes(data)
    store.thumbnail_path(a.sha256).write_bytes(blobs.decrypt_blob(
        store.thumbnail_path(a.sha256).read_bytes()
    ))  # fmt: skip
    return a


def test_plaintext_files_from_before_are_read_then_encrypted(
    env: Env, store: AttachmentStore, citizen_id: str
) -> None:
    data = pdf_bytes(2)
    a = _legacy(env, store, citizen_id, data)
    assert store.content_path(a.sha256).read_bytes() == data
    assert store.read(a) == data
    raw = store.content_path(a.sha256).read_bytes()
    assert blobs.is_encrypted_blob(raw) and blobs.decrypt_blob(raw) == data
    assert store.thumbnail(a).startswith(PNG_MAGIC)
    assert blobs.is_encrypted_blob(store.thumbnail_path(a.sha256).read_bytes())
    assert store.read(a) == data and store.thumbnail(a).startswith(PNG_MAGIC)


def test_an_edited_plaintext_file_from_before_is_tampered_not_encrypted(
    env: Env, store: AttachmentStore, citizen_id: str
) -> None:
    data = pdf_bytes(2)
    a = _legacy(env, store, citizen_id, data)
    store.content_path(a.sha256).write_bytes(data + b"% appended by someone\n")
    with pytest.raises(UserError) as err:
        store.read(a)
    assert err.value.kind is ErrorKind.ATTACHMENT_TAMPERED
    assert not blobs.is_encrypted_blob(store.content_path(a.sha256).read_bytes())


def test_encrypt_existing_migrates_a_whole_folder_once(
    env: Env, store: AttachmentStore, citizen_id: str
) -> None:
    old = [_legacy(env, store, citizen_id, pdf_bytes(n)) for n in (1, 2)]
    damaged = _legacy(env, store, citizen_id, image_bytes("PNG"))
    store.content_path(damaged.sha256).write_bytes(b"\x89PNG not the scan any more")
    with env.db.session() as s:
        new = store.import_bytes(s, citizen_id, image_bytes("JPEG"), "moi.jpg")
    (store.root / old[0].sha256[:2] / ".incoming-abc").write_bytes(b"half a file")
    report = encrypt_existing(store.root)
    # 2 contents + 3 thumbnails were plaintext; the damaged content is left for reads
    # to report; the new scan's 2 files were encrypted already.
    assert (report.encrypted, report.already, report.mismatched) == (5, 2, 1)
    assert [store.read(a) for a in old] == [pdf_bytes(1), pdf_bytes(2)]
    assert store.read(new) == image_bytes("JPEG")
    assert (store.root / old[0].sha256[:2] / ".incoming-abc").read_bytes() == b"half a file"
    again = encrypt_existing(store.root)
    assert (again.encrypted, again.already, again.mismatched) == (0, 7, 1)


def test_dedupe_by_plaintext_hash_also_encrypts_a_plaintext_copy(
    env: Env, store: AttachmentStore, citizen_id: str, tmp_path: Path
) -> None:
    data = pdf_bytes(2)
    a = _legacy(env, store, citizen_id, data)
    with env.db.session() as s:
        again = store.import_bytes(s, citizen_id, data, "lai.pdf")
        other = upsert_citizen(s, person(2, "Trần Thị Bình"), Contact(), vn("2026-03-02T09:00"))
        theirs = store.import_bytes(s, other.id, data, "cua-ho.pdf")
    assert again.id == a.id and theirs.id != a.id and theirs.sha256 == a.sha256
    files = [p for p in store.root.rglob("*") if p.is_file()]
    assert len(files) == 2 and all(blobs.is_encrypted_blob(p.read_bytes()) for p in files)
    assert store.read(theirs) == data


def test_earlier_attachments_can_be_linked_to_a_new_dossier(
    env: Env, store: AttachmentStore, citizen_id: str, tmp_path: Path
) -> None:
    a = put(env, store, citizen_id, pdf_bytes(1), "tk1.pdf", tmp_path)
    with env.db.session() as s:
        earlier = citizen_attachments(s, citizen_id)
    assert [x.id for x in earlier] == [a.id]
    d = create_dossier(
        env.db,
        IntakeRequest(
            person(),
            env.catalog.get("603"),
            {"tk1ts": ReceivedPaper(originals=1)},
            env.officer,
            env.counter,
            env.office,
            env.settings,
            env.calendar,
            env.catalog.version,
            now=vn("2026-03-02T10:00"),
            options=IntakeOptions(attachment_ids=[a.id]),
        ),
    )
    with env.db.session() as s:
        assert [x.id for x in dossier_attachments(s, d.id)] == [a.id]


def test_someone_elses_attachment_cannot_be_linked(
    env: Env, store: AttachmentStore, citizen_id: str, tmp_path: Path
) -> None:
    a = put(env, store, citizen_id, pdf_bytes(1), "tk1.pdf", tmp_path)
    with pytest.raises(ValueError):
        create_dossier(
            env.db,
            IntakeRequest(
                person(2, "Trần Thị Bình"),
                env.catalog.get("603"),
                {"tk1ts": ReceivedPaper(originals=1)},
                env.officer,
                env.counter,
                env.office,
                env.settings,
                env.calendar,
                env.catalog.version,
                now=vn("2026-03-02T10:00"),
                options=IntakeOptions(attachment_ids=[a.id]),
            ),
        )


def test_scanner_folder_waits_for_a_file_to_stop_growing(
    env: Env, store: AttachmentStore, citizen_id: str, tmp_path: Path
) -> None:
    inbox = tmp_path / "scanner"
    inbox.mkdir()
    folder = ScanFolder(inbox, store)
    data = pdf_bytes(2)
    growing = inbox / "scan001.pdf"
    growing.write_bytes(data[: len(data) // 2])
    (inbox / "scan002.pdf.part").write_bytes(data)
    assert folder.poll(env.db, citizen_id).imported == []  # first sight
    with growing.open("ab") as f:
        f.write(data[len(data) // 2 :])
    os.utime(growing, ns=(1, 1))  # a changed mtime as well as size
    assert folder.poll(env.db, citizen_id).imported == []  # changed since last poll
    (inbox / "notes.txt").write_text("không phải bản quét")
    result = folder.poll(env.db, citizen_id)
    assert [a.page_count for a in result.imported] == [2]
    assert result.rejected == []  # notes.txt seen once only
    result = folder.poll(env.db, citizen_id)
    assert [(name, err.kind) for name, err in result.rejected] == [
        ("notes.txt", ErrorKind.ATTACHMENT_BAD_TYPE)
    ]
    assert not (inbox / "scan001.pdf").exists()  # stored encrypted: the original is gone
    assert not (inbox / "imported").exists()
    assert (inbox / "rejected" / "notes.txt").exists()
    assert (inbox / "scan002.pdf.part").exists()  # still being written by the scanner
    assert folder.poll(env.db, citizen_id).imported == []
