"""What reaches the counter from its devices during a session: the card reader,
the QR wedge scanner and the scanner's folder, each routed to the right page."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.ui.card_watch import CardWatcher


class SessionInputs:
    """Mixed into ``CounterSession``: card, QR and scan-folder input."""

    def _watch_scan_folder(self) -> None:
        """Scans the document scanner saves into its folder reach the intake screen's
        panel while a citizen is at the counter (checked there like a picked file)."""
        from app.services.scan_folder import ScanFolder

        self.scan_folder = (
            ScanFolder(Path(self.settings.scan_folder), self.attachments)
            if self.settings.scan_folder
            else None
        )
        if self.scan_folder is not None:  # originals of refused scans do not linger
            self.scan_folder.expire(self.settings.scan_rejected_days)
        self.intake_page.attachments.discard_originals = (
            self.scan_folder.discard if self.scan_folder is not None else None
        )
        if not hasattr(self, "_scan_timer"):
            self._scan_timer = QTimer()
            self._scan_timer.timeout.connect(self._poll_scans)
        if self.scan_folder is None:
            self._scan_timer.stop()
        else:
            self._scan_timer.start(1000)

    def _poll_scans(self) -> None:
        if self._locked:
            return
        if self.scan_folder is None or self.intake.state.identity is None:
            return  # scans wait in the folder until a citizen is being served
        taken = [self.scan_folder.take(f) for f in self.scan_folder.stable_files()]
        if taken:
            self.intake_page.attachments.add_files(taken)

    def _start_card_watch(self) -> None:
        from app.ui.intake.wedge import WedgeScanner

        assert self.main is not None
        # No Qt parent: the watcher outlives the window until its thread has stopped,
        # so the monitor thread never signals an object being destroyed.
        self.card_watch = CardWatcher(self.settings.card_reader)
        watch = self.card_watch
        self.main.destroyed.connect(lambda *_: watch.stop())
        self.card_watch.status_changed.connect(self.main.set_reader_status)
        if hasattr(self, "intake_page"):
            self.card_watch.availability_changed.connect(self.intake_page.set_reader_availability)
        self.card_watch.card_inserted.connect(self._card_inserted)
        self.card_watch.card_removed.connect(self.intake.card_removed)
        self.card_watch.start()
        if self.demo:
            from app.ui.demo_tools import add_demo_menu

            self.virtual_cards = add_demo_menu(self.main, self._scanned)
        self.wedge = WedgeScanner(self.main)
        self.wedge.scanned.connect(self._scanned)
        QApplication.instance().installEventFilter(self.wedge)

    def _card_inserted(self, reader: str, atr: bytes) -> None:
        assert self.main is not None
        if self._locked:
            return
        self.main.show_page("intake")
        self.intake.card_inserted(reader, atr)

    def _scanned(self, text: str) -> None:
        """A QR from the wedge scanner: a receipt goes to returns, a card to intake."""
        assert self.main is not None
        if self._locked:
            return
        if text.startswith("MOTCUA|"):  # a receipt's QR: the citizen comes for the result
            self.main.show_page("returns")
            self.returns_page.search.setText(text)
            self.returns_page.find()
            return
        self.main.show_page("intake")
        self.intake.qr_scanned(text)
