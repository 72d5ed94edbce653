"""The scanner's folder keeps no plaintext ID copy or medical paper longer than it
must: an original goes once its encrypted copy is committed, refused and
never-saved scans expire, and the retention purge covers them."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from intake_factories import Env, person, vn
from PIL import Image
from sqlalchemy import select

from app.services.attachments import AttachmentStore
from app.services.dossiers import Contact, upsert_citizen
from app.services.privacy import purge_expired
from app.services.scan_folder import ScanFolder
from app.services.security.blobs import is_encrypted_blob
from app.services.security.permissions import SYSTEM_ADMIN
from app.services.storage.models import Attachment

DAY = 86400


@pytest.fixture
def store(tmp_path: Path) -> AttachmentStore:
    return AttachmentStore(tmp_path / "attachments")


@pytest.fixture
def citizen_id(env: Env) -> str:
    with env.db.session() as s:
        return upsert_citizen(s, person(), Contact(), vn("2026-03-02T09:00")).id


def _scan(path: Path, seed: int) -> bytes:
    Image.new("RGB", (120, 90), (seed, 200 - seed, 90)).save(path, "PNG")
    return path.read_bytes()


def _plaintext_anywhere(root: Path, data: bytes) -> list[Path]:
    return [f for f in root.rglob("*") if f.is_file() and data in f.read_bytes()]


def test_an_imported_original_is_deleted_and_only_the_encrypted_copy_stays(
    env: Env, store: AttachmentStore, citizen_id: str, tmp_path: Path
) -> None:
    inbox = tmp_path / "scanner"
    inbox.mkdir()
    data = _scan(inbox / "cccd-mat-truoc.png", 40)
    folder = ScanFolder(inbox, store)
    folder.poll(env.db, citizen_id)  # first sight: may still be growing
    assert [a.filename for a in folder.poll(env.db, citizen_id).imported] == ["cccd-mat-truoc.png"]
    assert _plaintext_anywhere(tmp_path, data) == []
    with env.db.session() as s:
        sha = s.scalar(select(Attachment.sha256))
    assert is_encrypted_blob(store.content_path(sha).read_bytes())
    with env.db.session() as s:
        assert store.read(s.scalar(select(Attachment))) == data  # nothing lost


def test_taken_scans_go_once_the_dossier_is_saved_but_files_picked_elsewhere_stay(
    store: AttachmentStore, tmp_path: Path
) -> None:
    inbox = tmp_path / "scanner"
    inbox.mkdir()
    _scan(inbox / "giay-kham.png", 10)
    folder = ScanFolder(inbox, store)
    folder.stable_files()
    taken = [folder.take(f) for f in folder.stable_files()]
    assert [p.parent.name for p in taken] == ["taken"]
    usb = tmp_path / "usb"
    usb.mkdir()
    picked = usb / "giay-kham.png"
    _scan(picked, 10)
    assert folder.discard([*taken, picked]) == 1
    assert not taken[0].exists() and picked.exists()


def test_refused_and_unsaved_scans_expire_after_the_set_days(
    env: Env, store: AttachmentStore, citizen_id: str, tmp_path: Path
) -> None:
    inbox = tmp_path / "scanner"
    inbox.mkdir()
    (inbox / "ghi-chu.txt").write_text("không phải bản quét")
    _scan(inbox / "bo-quen.png", 70)
    folder = ScanFolder(inbox, store)
    folder.stable_files()
    left_behind = folder.take(inbox / "bo-quen.png")  # taken, then the intake was dropped
    folder.poll(env.db, citizen_id)
    refused = inbox / "rejected" / "ghi-chu.txt"
    assert refused.exists()
    (inbox / "imported").mkdir()
    legacy = inbox / "imported" / "cu.png"  # kept by an earlier version after its import
    _scan(legacy, 90)

    now = dt.datetime.now(dt.UTC)
    assert folder.expire(7, now + dt.timedelta(days=6)) == 1  # only the legacy original
    assert refused.exists() and left_behind.exists() and not legacy.exists()
    assert folder.expire(7, now + dt.timedelta(days=7, minutes=1)) == 2
    assert not refused.exists() and not left_behind.exists()


def test_the_retention_purge_deletes_expired_originals(env: Env, tmp_path: Path) -> None:
    inbox = tmp_path / "scanner"
    (inbox / "rejected").mkdir(parents=True)
    old = inbox / "rejected" / "so-bhxh.pdf"
    old.write_bytes(b"%PDF-1.4 hong")
    fresh = inbox / "rejected" / "moi.pdf"
    fresh.write_bytes(b"%PDF-1.4 hong")
    eight_days_ago = (dt.datetime.now(dt.UTC) - dt.timedelta(days=8)).timestamp()
    os.utime(old, (eight_days_ago, eight_days_ago))
    report = purge_expired(
        env.db,
        365,
        attachments_root=tmp_path / "attachments",
        actor=SYSTEM_ADMIN,
        scan_folder=inbox,
        scan_rejected_days=7,
    )
    assert report.scan_files == 1 and not old.exists() and fresh.exists()
