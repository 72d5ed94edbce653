"""Digitized documents: content checks, storage by hash, thumbnails, scanner folder."""

from __future__ import annotations

import io
import os
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
    ScanFolder,
    citizen_attachments,
    dossier_attachments,
    sanitize_filename,
)
from app.services.dossiers import (
    Contact,
    IntakeOptions,
    ReceivedPaper,
    create_dossier,
    upsert_citizen,
)
from app.services.storage.models import Attachment, OutboxItem


def image_bytes(fmt: str, size=(1240, 1754), frames: int = 1) -> bytes:
    out = io.BytesIO()
    pages = [Image.new("RGB", size, (255, 255 - 40 * i, 255)) for i in range(frames)]
    pages[0].save(out, fmt, save_all=frames > 1, append_images=pages[1:])
    return out.getvalue()


def pdf_bytes(pages: int = 2) -> bytes:
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    for i in range(pages):
        c.drawString(100, 700, f"Trang {i + 1}")
        c.showPage()
    c.save()
    return out.getvalue()


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
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".incoming-")]
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
    ("name", "label"),
    [
        ("../../etc/passwd", "etc" and "passwd"),
        ("C:\\Users\\x\\..\\scan.jpg", "scan.jpg"),
        ("..", "tep-dinh-kem"),
        ("a\x00b.png", "ab.png"),
        (".hidden.pdf", "hidden.pdf"),
    ],
)
def test_file_names_are_labels_never_paths(name: str, label: str) -> None:
    clean = sanitize_filename(name)
    assert clean == label
    assert "/" not in clean and "\\" not in clean and ".." not in clean


def test_hostile_name_does_not_escape_the_store(
    env: Env, store: AttachmentStore, citizen_id: str, tmp_path: Path
) -> None:
    a = put(env, store, citizen_id, image_bytes("PNG"), "../../../../tmp/evil.png", tmp_path)
    assert a.filename == "evil.png"
    assert all(store.root in p.parents for p in store.root.rglob("*"))


def test_earlier_attachments_can_be_linked_to_a_new_dossier(
    env: Env, store: AttachmentStore, citizen_id: str, tmp_path: Path
) -> None:
    a = put(env, store, citizen_id, pdf_bytes(1), "tk1.pdf", tmp_path)
    with env.db.session() as s:
        earlier = citizen_attachments(s, citizen_id)
    assert [x.id for x in earlier] == [a.id]
    d = create_dossier(
        env.db,
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
    assert (inbox / "imported" / "scan001.pdf").exists()
    assert (inbox / "rejected" / "notes.txt").exists()
    assert (inbox / "scan002.pdf.part").exists()  # still being written by the scanner
    assert folder.poll(env.db, citizen_id).imported == []
