"""Recognise a keyboard-wedge 2D scanner anywhere in the window.

A scanner "types" a whole line in a burst far faster than a person can. Key presses
are held back while a burst lasts; a burst that ends with Enter and looks like a scan
(a '|' in it) becomes one ``scanned(text)`` signal, anything else is replayed to the
widget it was meant for, so typing by hand is never lost — only delayed by a few
milliseconds.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

BURST_GAP_MS = 60  # a person needs 80 ms or more between keys; scanners send < 20 ms
MIN_SCAN_LENGTH = 20


class WedgeScanner(QObject):
    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.enabled = True
        self._held: list[tuple[QObject, QKeyEvent]] = []
        self._text: list[str] = []
        self._last = 0.0
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._flush)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            not self.enabled
            or self._replaying
            or event.type() != QEvent.Type.KeyPress
            or not isinstance(event, QKeyEvent)
            or not watched.isWidgetType()
        ):
            return False
        key = event.key()
        is_enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        text = event.text()
        now = time.monotonic()
        in_burst = bool(self._held) and (now - self._last) * 1000 < BURST_GAP_MS
        if not in_burst and self._held:
            self._flush()
        if is_enter and self._held:
            typed = "".join(self._text)
            if "|" in typed and len(typed) >= MIN_SCAN_LENGTH:
                self._timer.stop()
                self._held.clear()
                self._text.clear()
                self.scanned.emit(typed)
                return True
            self._flush()
            return False
        if (
            not text
            or not text.isprintable()
            or event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            if self._held:
                self._flush()
            return False
        self._held.append((watched, QKeyEvent(event.type(), key, event.modifiers(), text)))
        self._text.append(text)
        self._last = now
        self._timer.start(BURST_GAP_MS)
        return True

    def _flush(self) -> None:
        """Not a scan: give the keys to the widgets they were typed into."""
        held, self._held, self._text = self._held, [], []
        self._timer.stop()
        self._replaying = True
        try:
            for target, event in held:
                QApplication.sendEvent(target, event)
        finally:
            self._replaying = False
