"""Bản số hóa at intake: attach scans to the dossier and reuse the citizen's earlier ones.

Scans picked here are checked at once (name, size, type, every page opens) so a bad
file is refused while the citizen is still at the counter; nothing of it is kept. An
accepted scan stays a *path* until the dossier is saved: a new citizen has no row yet,
and an intake abandoned halfway leaves nothing behind. ``import_pending`` stores them
(encrypted, see ``app.services.attachments``) inside the save, on the database worker.

The citizen's earlier digitized papers are offered as thumbnails to tick instead of
scanning them again (one-stop rule: reuse what was digitized before).

Keyboard: Ctrl+O add scans, Space ticks an earlier paper, Delete drops a new scan.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.errors import ErrorKind, UserError, describe
from app.services.attachments import AttachmentStore, Checked, check_content
from app.services.calendar.days import local
from app.services.dossier_work import earlier_papers
from app.services.security.filenames import safe_filename
from app.services.storage.db import Database
from app.services.storage.models import Attachment
from app.ui.tasks import TaskRunner

ICON = QSize(96, 96)
_ID = Qt.ItemDataRole.UserRole  # attachment id (earlier) or content hash (new scan)
_SHA = Qt.ItemDataRole.UserRole + 1  # content hash of an earlier paper


@dataclass(frozen=True, slots=True)
class PendingScan:
    path: Path
    sha256: str
    checked: Checked


def check_scan(path: Path, max_bytes: int) -> PendingScan:
    """What the store will check at save time, done now: name, size, content."""
    safe_filename(path.name)
    try:
        size = path.stat().st_size
        if size > max_bytes:  # before reading: a stray video must not fill the memory
            raise UserError(ErrorKind.ATTACHMENT_TOO_LARGE, detail=f"{size} > {max_bytes} bytes")
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(ErrorKind.ATTACHMENT_CORRUPT, detail=f"read: {type(exc).__name__}") from exc
    checked = check_content(data, max_bytes)
    return PendingScan(path, hashlib.sha256(data).hexdigest(), checked)


def _icon(png: bytes) -> QIcon:
    pixmap = QPixmap()
    pixmap.loadFromData(png)
    return QIcon(pixmap)


def _icon_list(name: str) -> QListWidget:
    view = QListWidget(objectName=name)
    view.setViewMode(QListWidget.ViewMode.IconMode)
    view.setIconSize(ICON)
    view.setResizeMode(QListWidget.ResizeMode.Adjust)
    view.setMovement(QListWidget.Movement.Static)
    view.setWordWrap(True)
    view.setGridSize(QSize(ICON.width() + 40, ICON.height() + 70))
    view.setMinimumHeight(ICON.height() + 80)
    view.setMaximumHeight(ICON.height() + 80)  # a row of thumbnails; it scrolls sideways
    view.setStyleSheet("QListWidget { background: #d9d9d9; }")  # white pages show on grey
    return view


class AttachmentsPanel(QGroupBox):
    changed = Signal()  # scans added or dropped, earlier papers ticked or unticked

    def __init__(
        self,
        db: Database,
        store: AttachmentStore,
        parent: QWidget | None = None,
        *,
        runner: Any = None,  # TaskRunner (the database worker), or tests' SyncRunner
    ):
        super().__init__(parent)
        self._runner = runner if runner is not None else TaskRunner(max_threads=1, parent=self)
        self._to_tick: set[str] = set()  # ids a restored draft ticks once the list is in
        self.setTitle(self.tr("4. Bản số hóa"))
        self.setObjectName("attachments_panel")
        self._db, self._store = db, store
        self._citizen_id: str | None = None
        self._pending: list[PendingScan] = []
        self._imported: list[str] = []
        # Set by the session while a scanner folder is watched (ScanFolder.discard).
        self.discard_originals: Callable[[list[Path]], object] | None = None

        self.add_button = QPushButton(self.tr("Thêm bản quét… (Ctrl+O)"), objectName="add_scans")
        self.add_button.clicked.connect(self.choose_files)
        self.remove_button = QPushButton(self.tr("Bỏ bản quét (Delete)"), objectName="drop_scan")
        self.remove_button.clicked.connect(self.remove_selected)
        self.remove_button.setEnabled(False)
        self.message = QLabel(objectName="attachments_message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setStyleSheet("background:#ffebee; color:#b71c1c; padding:6px;")
        self.message.hide()

        self.earlier_label = QLabel(self.tr("Giấy tờ đã số hóa trước đây — đánh dấu để dùng lại:"))
        self.earlier = _icon_list("earlier_attachments")
        self.earlier.itemChanged.connect(lambda _item: self.changed.emit())
        self.pending = _icon_list("pending_scans")
        self.pending.itemSelectionChanged.connect(
            lambda: self.remove_button.setEnabled(bool(self.pending.selectedItems()))
        )

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.earlier_label)
        layout.addWidget(self.earlier)
        layout.addWidget(QLabel(self.tr("Bản quét mới:")))
        layout.addWidget(self.pending)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        QShortcut(
            QKeySequence("Ctrl+O"),
            self,
            activated=self.choose_files,
            context=Qt.ShortcutContext.WindowShortcut,
        )
        for key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            QShortcut(
                QKeySequence(key),
                self.pending,
                activated=self.remove_selected,
                context=Qt.ShortcutContext.WidgetShortcut,
            )
        self._show_earlier([])

    # -- the citizen's earlier papers ------------------------------------------------
    def set_citizen(self, citizen_id: str | None, *, same_person: bool = False) -> None:
        """Offer ``citizen_id``'s earlier papers (none for a citizen not yet stored).

        Another citizen than before drops everything chosen so far: one person's
        scans must never reach another's dossier. ``same_person``: the caller knows it
        is the person already at the counter (their record has just been looked up),
        so the scans added meanwhile stay."""
        if citizen_id != self._citizen_id and not same_person:
            self.clear()
            self._citizen_id = citizen_id
        if citizen_id is None:
            self._show_earlier([])
            return
        db = self._db
        self._runner.run(
            lambda: earlier_papers(db, citizen_id),
            lambda papers: self._earlier_arrived(citizen_id, papers),
            self._failed,
        )

    def _earlier_arrived(self, citizen_id: str, papers: list[Attachment]) -> None:
        if citizen_id != self._citizen_id:
            return  # the officer has moved on to another citizen
        ticked = set(self._ticked()) | self._to_tick
        self._to_tick = set()
        self._show_earlier([a for a in papers if a.id not in self._imported], ticked)

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            raise exc
        self.message.setText(html.escape(describe(exc).title))
        self.message.show()

    def _show_earlier(self, attachments: list[Attachment], ticked: Collection[str] = ()) -> None:
        self.earlier.blockSignals(True)
        self.earlier.clear()
        for a in attachments:
            item = QListWidgetItem(self._caption(a), self.earlier)
            item.setData(_ID, a.id)
            item.setData(_SHA, a.sha256)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if a.id in ticked else Qt.CheckState.Unchecked)
            item.setToolTip(a.filename)
            try:
                item.setIcon(_icon(self._store.thumbnail(a)))
            except OSError:
                pass  # thumbnail file missing: the caption alone
            except UserError as err:
                item.setToolTip(f"{a.filename}\n{describe(err).title}")
        self.earlier.blockSignals(False)
        self.earlier_label.setVisible(bool(attachments))
        self.earlier.setVisible(bool(attachments))

    def _caption(self, a: Attachment) -> str:
        pages = self.tr("%n trang", "", a.page_count)
        day = local(a.created_at).strftime("%d/%m/%Y")
        return f"{a.label or a.filename}\n{pages}\n{day}"

    def tick(self, attachment_ids: Collection[str]) -> None:
        """Tick earlier papers by id (a restored draft); ids not offered are ignored.
        Ids not yet listed are ticked when the citizen's earlier papers arrive."""
        offered = set()
        for i in range(self.earlier.count()):
            item = self.earlier.item(i)
            offered.add(item.data(_ID))
            if item.data(_ID) in attachment_ids:
                item.setCheckState(Qt.CheckState.Checked)
        self._to_tick |= set(attachment_ids) - offered

    def _ticked(self) -> list[str]:
        return [
            self.earlier.item(i).data(_ID)
            for i in range(self.earlier.count())
            if self.earlier.item(i).checkState() == Qt.CheckState.Checked
        ]

    # -- new scans ---------------------------------------------------------------------
    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Chọn bản quét"),
            "",
            self.tr("Bản quét (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;Mọi tệp (*)"),
        )
        if names:
            self.add_files([Path(n) for n in names])

    def add_files(self, files: list[Path]) -> None:
        """Check each file now; keep the good ones, say why each bad one was refused."""
        refused: list[str] = []
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            for path in files:
                try:
                    scan = check_scan(path, self._store.max_bytes)
                except UserError as err:
                    m = describe(err)
                    name = html.escape(path.name)  # a file name is not markup
                    refused.append(f"<b>{name}</b> — {m.title}. {m.text} {m.action}")
                    continue
                self._accept(scan)
        finally:
            QApplication.restoreOverrideCursor()
        self.message.setText("<br>".join(refused))
        self.message.setVisible(bool(refused))
        self.changed.emit()

    def _accept(self, scan: PendingScan) -> None:
        for i in range(self.earlier.count()):  # scanned before: tick that one instead
            item = self.earlier.item(i)
            if item.data(_SHA) == scan.sha256:
                item.setCheckState(Qt.CheckState.Checked)
                return
        if any(p.sha256 == scan.sha256 for p in self._pending):
            return  # the same scan picked twice
        self._pending.append(scan)
        pages = self.tr("%n trang", "", scan.checked.page_count)
        item = QListWidgetItem(
            _icon(scan.checked.thumbnail_png), f"{scan.path.name}\n{pages}", self.pending
        )
        item.setData(_ID, scan.sha256)
        item.setToolTip(str(scan.path))

    def remove_selected(self) -> None:
        gone = {item.data(_ID) for item in self.pending.selectedItems()}
        if not gone:
            return
        self._pending = [p for p in self._pending if p.sha256 not in gone]
        for item in self.pending.selectedItems():
            self.pending.takeItem(self.pending.row(item))
        self.changed.emit()

    # -- for the save ----------------------------------------------------------------
    def pending_files(self) -> list[Path]:
        return [p.path for p in self._pending]

    def import_pending(self, session: Session, citizen_id: str) -> list[str]:
        """Store the new scans for ``citizen_id`` in the caller's transaction; their ids.

        Runs on the database worker: touches no widget. A file changed or removed
        since it was picked raises its ``UserError``, and the caller's session rolls
        every row back."""
        ids = [
            self._store.import_file(session, citizen_id, scan.path).id
            for scan in list(self._pending)
        ]
        self._imported = list(dict.fromkeys(ids))
        return list(self._imported)

    def originals_stored(self) -> None:
        """The dossier's save committed: its new scans are in the encrypted store, so
        the scanner folder's plaintext originals go (``ScanFolder.discard`` deletes
        only files it took; a file picked elsewhere stays where the officer had it)."""
        if self.discard_originals is not None and self._imported:
            self.discard_originals(self.pending_files())

    def selected_ids(self) -> list[str]:
        """Earlier papers ticked, then the scans stored by ``import_pending``."""
        return list(dict.fromkeys([*self._ticked(), *self._imported]))

    def clear(self) -> None:
        """A new intake: no citizen, nothing picked, nothing ticked."""
        self._citizen_id = None
        self._pending.clear()
        self._imported = []
        self._to_tick = set()
        self.pending.clear()
        self.message.clear()
        self.message.hide()
        self._show_earlier([])
        self.changed.emit()
