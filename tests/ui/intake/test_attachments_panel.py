"""The intake's scan panel as the officer uses it: pick scans, see them refused or
shown, tick earlier papers, and have the new ones stored with the dossier."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "unit" / "intake"))

from intake_factories import person, vn

from app.errors import ErrorKind, UserError, describe
from app.services.attachments import AttachmentStore
from app.services.dossiers import Contact, upsert_citizen
from app.services.security import blobs
from app.services.security.keys import KeySet, new_secret
from app.services.storage.db import Database
from app.services.storage.models import Attachment
from app.ui.intake.attachments_panel import AttachmentsPanel
from app.ui.tasks import SyncRunner


@pytest.fixture(autouse=True)
def attachment_keys() -> Iterator[None]:
    """What ``security.database.open_local`` does in the app."""
    blobs.use_keys(KeySet(new_secret()))
    yield
    blobs.use_keys(None)


def jpeg(colour: tuple[int, int, int] = (200, 220, 255)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (620, 877), colour).save(out, "JPEG")
    return out.getvalue()


def pdf(pages: int) -> bytes:
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, invariant=True)
    for i in range(pages):
        c.drawString(100, 700, f"Trang {i + 1}")
        c.showPage()
    c.save()
    return out.getvalue()


def file(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / "scans" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.fixture
def store(tmp_path: Path) -> AttachmentStore:
    return AttachmentStore(tmp_path / "attachments", max_bytes=512 * 1024)


@pytest.fixture
def panel(qtbot: QtBot, db: Database, store: AttachmentStore) -> AttachmentsPanel:
    widget = AttachmentsPanel(db, store, runner=SyncRunner())
    qtbot.addWidget(widget)
    widget.resize(700, 520)
    widget.show()
    return widget


@pytest.fixture
def citizen_id(db: Database) -> str:
    with db.session() as s:
        return upsert_citizen(s, person(), Contact(), vn("2026-03-02T09:00")).id


def captions(view) -> list[str]:
    return [view.item(i).text() for i in range(view.count())]


def test_add_button_and_ctrl_o_open_the_file_dialog_and_a_jpeg_shows_as_thumbnail(
    qtbot: QtBot, panel: AttachmentsPanel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scan = file(tmp_path, "cccd-mat-truoc.jpg", jpeg())
    asked: list[str] = []

    def fake_dialog(_parent, _title, _folder, filters):
        asked.append(filters)
        return [str(scan)], filters

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", fake_dialog)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert "*.pdf" in asked[0] and "*.jpg" in asked[0]
    assert panel.pending_files() == [scan]
    assert captions(panel.pending) == ["cccd-mat-truoc.jpg\n1 trang"]
    assert not panel.pending.item(0).icon().isNull()
    assert panel.message.isHidden()
    qtbot.keyClick(panel, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert len(asked) == 2
    assert panel.pending_files() == [scan]  # the same scan twice is kept once


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("ghi-chu.jpg", b"MZ\x90\x00 not a scan at all", ErrorKind.ATTACHMENT_BAD_TYPE),
        ("cat-cut.jpg", jpeg()[:2000], ErrorKind.ATTACHMENT_CORRUPT),
        ("qua-lon.pdf", b"%PDF-1.7\n" + b"0" * 600_000, ErrorKind.ATTACHMENT_TOO_LARGE),
        ("con.jpg", jpeg(), ErrorKind.ATTACHMENT_BAD_NAME),
    ],
    ids=["wrong-type", "truncated", "too-large", "reserved-name"],
)
def test_a_bad_file_is_refused_at_once_with_the_reason_and_nothing_is_kept(
    panel: AttachmentsPanel, tmp_path: Path, store: AttachmentStore, name: str, data: bytes, kind
) -> None:
    panel.add_files([file(tmp_path, name, data)])
    assert panel.pending_files() == [] and panel.pending.count() == 0
    assert panel.message.isVisible()
    expected = describe(UserError(kind))
    assert name in panel.message.text()
    assert expected.title in panel.message.text() and expected.text in panel.message.text()
    assert not store.root.exists()


def test_good_files_are_kept_when_others_in_the_same_pick_are_refused(
    panel: AttachmentsPanel, tmp_path: Path
) -> None:
    good = file(tmp_path, "to-khai.pdf", pdf(3))
    bad = file(tmp_path, "hong.png", b"\x89PNG\r\n\x1a\n broken")
    panel.add_files([good, bad])
    assert panel.pending_files() == [good]
    assert captions(panel.pending) == ["to-khai.pdf\n3 trang"]
    assert "hong.png" in panel.message.text() and "to-khai.pdf" not in panel.message.text()
    panel.add_files([file(tmp_path, "anh.jpg", jpeg())])
    assert panel.message.isHidden()  # the next good pick clears the old complaint


def test_delete_drops_the_selected_new_scan(
    qtbot: QtBot, panel: AttachmentsPanel, tmp_path: Path
) -> None:
    first = file(tmp_path, "mot.jpg", jpeg((255, 0, 0)))
    second = file(tmp_path, "hai.pdf", pdf(2))
    panel.add_files([first, second])
    assert panel.pending_files() == [first, second]
    panel.pending.setFocus()
    panel.pending.setCurrentRow(0)
    qtbot.keyClick(panel.pending, Qt.Key.Key_Delete)
    assert panel.pending_files() == [second]
    assert captions(panel.pending) == ["hai.pdf\n2 trang"]


def test_earlier_papers_of_the_citizen_are_offered_and_can_be_ticked(
    panel: AttachmentsPanel, db: Database, store: AttachmentStore, citizen_id: str, tmp_path
) -> None:
    with db.session() as s:
        tk1 = store.import_bytes(s, citizen_id, pdf(2), "tk1.pdf", "Tờ khai TK1-TS")
        card = store.import_bytes(s, citizen_id, jpeg(), "cccd.jpg")
        other = upsert_citizen(s, person(2, "Trần Thị Bình"), Contact(), vn("2026-03-02T09:00"))
        store.import_bytes(s, other.id, jpeg((0, 0, 0)), "cua-nguoi-khac.jpg")
    panel.set_citizen(citizen_id)
    assert panel.earlier.isVisible() and panel.earlier.count() == 2
    labels = sorted(c.split("\n")[0] for c in captions(panel.earlier))
    assert labels == ["Tờ khai TK1-TS", "cccd.jpg"]
    items = {panel.earlier.item(i).data(Qt.ItemDataRole.UserRole): panel.earlier.item(i)
             for i in range(2)}  # fmt: skip
    assert all(not i.icon().isNull() for i in items.values())
    assert panel.selected_ids() == []  # offered, not chosen
    items[tk1.id].setCheckState(Qt.CheckState.Checked)
    assert panel.selected_ids() == [tk1.id]
    # Picking a scan already digitized ticks the earlier one instead of storing it twice.
    panel.add_files([file(tmp_path, "cccd-lai.jpg", jpeg())])
    assert panel.pending_files() == []
    assert sorted(panel.selected_ids()) == sorted([tk1.id, card.id])
    panel.set_citizen(None)
    assert panel.earlier.isHidden() and panel.selected_ids() == []
    panel.set_citizen(citizen_id)
    panel.tick([card.id, "not-offered"])  # a restored draft
    assert panel.selected_ids() == [card.id]


def test_another_citizen_drops_what_was_picked_for_the_first(
    panel: AttachmentsPanel, db: Database, citizen_id: str, tmp_path: Path
) -> None:
    panel.add_files([file(tmp_path, "mot.jpg", jpeg())])
    panel.set_citizen(citizen_id)
    assert panel.pending_files() == []
    panel.add_files([file(tmp_path, "hai.jpg", jpeg((9, 9, 9)))])
    panel.set_citizen(citizen_id)  # the same citizen again (record refreshed) keeps it
    assert [p.name for p in panel.pending_files()] == ["hai.jpg"]


def test_scans_added_before_the_record_arrives_stay_with_that_person(
    panel: AttachmentsPanel, citizen_id: str, tmp_path: Path
) -> None:
    # The card is read, the officer scans at once; the person's record comes from the
    # worker a moment later: the scan must not vanish.
    panel.add_files([file(tmp_path, "so-bhxh.jpg", jpeg())])
    panel.set_citizen(citizen_id, same_person=True)
    assert [p.name for p in panel.pending_files()] == ["so-bhxh.jpg"]


def test_import_pending_stores_new_scans_encrypted_in_the_callers_session(
    panel: AttachmentsPanel, db: Database, store: AttachmentStore, citizen_id: str, tmp_path
) -> None:
    scans = [file(tmp_path, "mot.jpg", jpeg()), file(tmp_path, "hai.pdf", pdf(2))]
    panel.add_files(scans)
    with db.session() as s:
        ids = panel.import_pending(s, citizen_id)
        assert s.scalar(select(func.count()).select_from(Attachment)) == 2  # not yet committed
    with db.session() as s:
        stored = {a.id: a for a in s.scalars(select(Attachment))}
    assert sorted(ids) == sorted(stored) and panel.selected_ids() == ids
    assert {a.citizen_id for a in stored.values()} == {citizen_id}
    assert sorted(a.page_count for a in stored.values()) == [1, 2]
    for a in stored.values():
        assert blobs.is_encrypted_blob(store.content_path(a.sha256).read_bytes())
        assert store.read(a) == (scans[0] if a.filename == "mot.jpg" else scans[1]).read_bytes()
    panel.clear()
    assert panel.pending_files() == [] and panel.selected_ids() == []


def test_a_scan_removed_before_the_save_rolls_the_whole_import_back(
    panel: AttachmentsPanel, db: Database, citizen_id: str, tmp_path: Path
) -> None:
    first, second = file(tmp_path, "mot.jpg", jpeg()), file(tmp_path, "hai.pdf", pdf(2))
    panel.add_files([first, second])
    second.unlink()  # the officer tidied the scanner folder too early
    with pytest.raises(UserError) as err, db.session() as s:
        panel.import_pending(s, citizen_id)
    assert err.value.kind is ErrorKind.ATTACHMENT_CORRUPT
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Attachment)) == 0
    assert panel.pending_files() == [first, second] and panel.selected_ids() == []


def test_scanner_originals_go_only_after_the_save_and_a_failed_save_keeps_them(
    panel: AttachmentsPanel, db: Database, store: AttachmentStore, citizen_id: str, tmp_path: Path
) -> None:
    from app.services.scan_folder import ScanFolder

    inbox = tmp_path / "scanner"
    inbox.mkdir()
    folder = ScanFolder(inbox, store)
    (inbox / "cccd.jpg").write_bytes(jpeg())
    folder.stable_files()
    taken = [folder.take(f) for f in folder.stable_files()]
    panel.discard_originals = folder.discard
    panel.add_files(taken)
    with pytest.raises(RuntimeError), db.session() as s:  # the dossier's save fails
        panel.import_pending(s, citizen_id)
        raise RuntimeError("disk full")
    assert taken[0].exists()  # the officer can save again: nothing lost
    with db.session() as s:
        panel.import_pending(s, citizen_id)
    panel.originals_stored()  # the intake page calls it once the save committed
    assert not taken[0].exists() and list((inbox / "taken").iterdir()) == []


def test_earlier_papers_come_from_the_database_worker_and_a_draft_s_ticks_wait_for_them(
    qtbot: QtBot, db: Database, store: AttachmentStore, citizen_id: str
) -> None:
    with db.session() as s:
        card = store.import_bytes(s, citizen_id, jpeg(), "cccd.jpg")
    panel = AttachmentsPanel(db, store)  # its own worker thread, as in the application
    qtbot.addWidget(panel)
    panel.set_citizen(citizen_id)
    panel.tick([card.id])  # a restored draft, before the list has arrived
    qtbot.waitUntil(lambda: panel.earlier.count() == 1)
    assert panel.selected_ids() == [card.id]
