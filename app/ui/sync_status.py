"""The sync engine seen from the window: status bar text, "sync now", demo server.

The engine runs on its own thread and reports through ``on_status``; the report is
re-emitted as a Qt signal so the status bar is only touched on the GUI thread.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, Signal

from app.errors import describe
from app.services.calendar.days import local
from app.services.storage.db import Database
from app.services.sync.engine import SyncConfig, SyncEngine, SyncStatus
from app.settings import Settings
from app.shared import paths

log = logging.getLogger(__name__)


def status_text(status: SyncStatus) -> str:
    waiting = status.pending
    if not status.configured:
        return QCoreApplication.translate(
            "SyncStatus", "Ngoại tuyến (chưa cấu hình máy chủ) — {0} mục chờ đồng bộ"
        ).format(waiting)
    if status.running:
        return QCoreApplication.translate("SyncStatus", "Đang đồng bộ…")
    if status.last_error is not None:
        title = describe(status.last_error).title
        return QCoreApplication.translate(
            "SyncStatus", "Ngoại tuyến — {0} mục chờ đồng bộ ({1})"
        ).format(waiting, title)
    if status.last_success_at is not None:
        when = local(status.last_success_at).strftime("%H:%M")  # office time, like the forms
        text = QCoreApplication.translate("SyncStatus", "Đã đồng bộ lúc {0}").format(when)
        if status.rejected:
            text += QCoreApplication.translate("SyncStatus", " — {0} mục bị từ chối").format(
                status.rejected
            )
        return text
    return QCoreApplication.translate("SyncStatus", "Chưa đồng bộ — {0} mục chờ").format(waiting)


def _content_path(demo: bool):  # type: ignore[no-untyped-def]
    from app.services.attachments import AttachmentStore

    return AttachmentStore(paths.attachments_dir(demo)).content_path


class SyncController(QObject):
    status_changed = Signal(str)

    def __init__(self, db: Database, settings: Settings, demo: bool, parent: QObject | None = None):
        super().__init__(parent)
        self.db, self.settings, self.demo = db, settings, demo
        self.engine: SyncEngine | None = None
        self._stop_central = None
        self._status = _StatusRelay(self)
        self._status.arrived.connect(lambda s: self.status_changed.emit(status_text(s)))

    def start(self) -> None:
        """Off the GUI thread: starting the demo central service takes a moment."""
        if self.demo:
            from app.ui.demo_central import DemoCentral

            central = DemoCentral(
                paths.data_dir() / "demo-central.sqlite3", self.settings.office_code
            )
            self._stop_central = central.stop
            central.start()
            config = SyncConfig(central.url, self.settings.office_code, interval=15.0, demo=True)
            self.engine = SyncEngine(
                self.db, config, store=central.store, content_path=_content_path(True)
            )
        else:
            # Where it syncs comes from the enrolment, not from settings.json.
            engine = SyncEngine(
                self.db, SyncConfig.from_settings(self.settings), content_path=_content_path(False)
            )
            if not engine.status().configured:
                self._offline_status()  # offline-only counter: count what waits, start nothing
                return
            self.engine = engine
        from app.services.attachments import AttachmentStore
        from app.services.returned_results import fetch_after_pull

        self.engine.after_pull = fetch_after_pull(
            self.db, AttachmentStore(paths.attachments_dir(self.demo))
        )
        self.engine.on_status = self._status.arrived.emit
        self._status.arrived.emit(self.engine.status())
        if self.engine.status().configured:
            self.engine.start()

    def _offline_status(self) -> None:
        from app.services.storage.outbox import waiting_items

        waiting = waiting_items(self.db)  # on the background runner, like ``start``
        self._status.arrived.emit(SyncStatus(configured=False, enrolled=False, pending=waiting))

    def sync_now(self) -> None:
        if self.engine is not None:
            self.engine.sync_now()

    def stop(self) -> None:
        engine, self.engine = self.engine, None
        if engine is not None:
            engine.on_status = None
            engine.stop()
        stop_central, self._stop_central = self._stop_central, None
        if stop_central is not None:
            stop_central()


class _StatusRelay(QObject):
    arrived = Signal(object)  # SyncStatus, from the sync thread
