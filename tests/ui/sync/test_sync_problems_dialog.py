"""The officer sees what central refused or conflicts with, and settles it by keyboard."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.services.storage.db import Database
from app.services.storage.models import AuditEvent, Dossier, OutboxItem, SyncedVersion
from app.services.sync import versions
from app.ui.sync.problems_dialog import SyncProblemsDialog
from app.ui.tasks import TaskRunner
from testkit.counter_sim import queue_dossiers, setup_counter


def _conflicting_dossier(db: Database) -> tuple[str, int]:
    """A dossier central moved to "in processing" (v2) while the counter edited it."""
    setup = setup_counter(db, "000.00.22.H99", 1)
    [dossier_id] = queue_dossiers(db, setup, 1)
    with db.session() as s:
        versions.confirm(s, "dossier", {dossier_id: 1})
        entry = s.scalar(select(OutboxItem).where(OutboxItem.entity_id == dossier_id))
        assert entry is not None
        entry.state = "conflict"
        entry.last_error = (
            f"409 conflict: dossier {dossier_id}: based on version 1, central has version 2"
        )
        entry.payload = {
            "conflict": {
                "central_version": 2,
                "central_status": "in_processing",
                "target": ["dossier", dossier_id],
            }
        }
        return dossier_id, entry.seq


def _wait_rows(qtbot: QtBot, dialog: SyncProblemsDialog, count: int) -> None:
    qtbot.waitUntil(lambda: dialog.table.rowCount() == count and len(dialog.problems) == count)


def test_conflict_listed_with_reason_and_both_versions_then_central_taken(
    qtbot: QtBot, db: Database
) -> None:
    dossier_id, _seq = _conflicting_dossier(db)
    runner = TaskRunner(max_threads=1)
    dialog = SyncProblemsDialog(db, None, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    _wait_rows(qtbot, dialog, 1)
    cells = [dialog.table.item(0, c).text() for c in range(5)]
    assert cells[1] == "Xung đột"
    assert cells[2].startswith("Bộ phận xử lý đã cập nhật hồ sơ này")
    assert cells[3] == "Đã tiếp nhận (phiên bản 1)"
    assert cells[4] == "Đang giải quyết (phiên bản 2)"
    assert dialog.take.isEnabled() and dialog.reapply.isEnabled()

    with qtbot.waitSignal(dialog.settled, timeout=5000):
        qtbot.keyClick(dialog, Qt.Key_T, Qt.AltModifier)  # "Lấy bản của &trung tâm"
    _wait_rows(qtbot, dialog, 0)
    assert dialog.message.text() == "Không còn mục nào bị từ chối hay xung đột."
    with db.session() as s:
        dossier = s.get(Dossier, dossier_id)
        assert dossier is not None and (dossier.status, dossier.row_version) == ("in_processing", 2)
        assert s.get(SyncedVersion, ("dossier", dossier_id)).central_version == 2  # type: ignore[union-attr]
        assert s.scalar(select(AuditEvent.detail).where(AuditEvent.dossier_id == dossier_id))


def test_discard_is_recorded_in_the_access_log(qtbot: QtBot, db: Database) -> None:
    dossier_id, seq = _conflicting_dossier(db)
    dialog = SyncProblemsDialog(db, None, TaskRunner(max_threads=1))
    qtbot.addWidget(dialog)
    dialog.show()
    _wait_rows(qtbot, dialog, 1)
    with qtbot.waitSignal(dialog.settled, timeout=5000):
        qtbot.keyClick(dialog, Qt.Key_B, Qt.AltModifier)  # "&Bỏ thay đổi"
    _wait_rows(qtbot, dialog, 0)
    with db.session() as s:
        assert s.get(OutboxItem, seq).state == "discarded"  # type: ignore[union-attr]
        detail = s.scalar(select(AuditEvent.detail).where(AuditEvent.dossier_id == dossier_id))
        assert detail is not None and "discarded" in detail


def test_dialog_fits_a_screen_smaller_than_its_preferred_size(qtbot: QtBot, db: Database) -> None:
    """Sized from the screen's available area (the offscreen screen is 800×600), not a
    fixed 1100×520 that would run off a small counter screen."""
    dialog = SyncProblemsDialog(db, None, TaskRunner(max_threads=1))
    qtbot.addWidget(dialog)
    dialog.show()
    available = dialog.screen().availableGeometry()
    assert available.width() < 1100  # the case this test is about
    frame = dialog.frameGeometry()
    assert available.contains(frame), (frame, available)
    assert dialog.width() > available.width() // 2  # fitted, not shrunk to nothing
