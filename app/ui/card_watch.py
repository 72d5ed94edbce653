"""Reader and card events as Qt signals, from the one PC/SC monitor thread.

The monitor calls back on its own thread; emitting a signal from there queues the
snapshot to the GUI thread. Widgets never see a card handle, only (reader, ATR).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.services.card.monitor import EventKind, ReaderEvent, ReaderMonitor


class CardWatcher(QObject):
    event = Signal(object)  # ReaderEvent
    card_inserted = Signal(str, bytes)  # reader name, ATR
    card_removed = Signal(str)
    status_changed = Signal(str, bool)  # text for the status bar, ok
    availability_changed = Signal(str)  # "ready", "service_down" or "no_reader"

    def __init__(self, wanted_reader: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.wanted_reader = wanted_reader
        self.readers: dict[str, bytes] = {}  # reader → ATR of the card on it (b"" = none)
        self.service_up = True
        self.paused = False  # the idle lock: a card placed now is not announced
        self._monitor = ReaderMonitor(self.event.emit)
        self.event.connect(self._on_event)

    def start(self) -> None:
        self._monitor.start()

    def stop(self) -> None:
        self._monitor.stop()

    def _relevant(self, reader: str) -> bool:
        return not self.wanted_reader or self.wanted_reader.lower() in reader.lower()

    def _on_event(self, ev: ReaderEvent) -> None:
        if ev.kind is EventKind.SERVICE_DOWN:
            self.service_up = False
            self.readers.clear()
        elif ev.kind is EventKind.SERVICE_UP:
            self.service_up = True
        elif ev.kind is EventKind.READER_ADDED:
            self.readers[ev.reader_name] = b""
        elif ev.kind is EventKind.READER_REMOVED:
            self.readers.pop(ev.reader_name, None)
        elif ev.kind is EventKind.CARD_INSERTED:
            self.readers[ev.reader_name] = ev.atr
            if self._relevant(ev.reader_name) and not self.paused:
                self.card_inserted.emit(ev.reader_name, ev.atr)
        elif ev.kind is EventKind.CARD_REMOVED:
            self.readers[ev.reader_name] = b""
            if self._relevant(ev.reader_name):
                self.card_removed.emit(ev.reader_name)
        self.status_changed.emit(*self.status_text())
        self.availability_changed.emit(self.availability())

    def availability(self) -> str:
        """Can a card be read at all? The intake screen says what to do when not."""
        if not self.service_up:
            return "service_down"
        if not any(self._relevant(r) for r in self.readers):
            return "no_reader"
        return "ready"

    def status_text(self) -> tuple[str, bool]:
        if not self.service_up:
            return self.tr("Đầu đọc: dịch vụ thẻ không chạy"), False
        relevant = [r for r in self.readers if self._relevant(r)]
        if not relevant:
            return self.tr("Đầu đọc: chưa cắm đầu đọc"), False
        with_card = [r for r in relevant if self.readers[r]]
        if with_card:
            return self.tr("Đầu đọc: có thẻ ({0})").format(with_card[0]), True
        return self.tr("Đầu đọc: sẵn sàng ({0})").format(relevant[0]), True
