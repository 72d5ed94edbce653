"""Garbage collection on the GUI thread only.

Python's collector runs in whichever thread happens to allocate when a threshold is
reached. If that is a worker (a card read, a database write, the sync engine) and the
garbage holds a Qt widget kept alive only by a reference cycle, the widget is
destroyed off the GUI thread, which corrupts Qt's per-thread timers and crashes the
application later. So automatic collection is off and the GUI thread collects on a
timer (the approach Anki takes for the same reason).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 10_000


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect)
        self._timer.start(INTERVAL_MS)

    @staticmethod
    def collect() -> None:
        gc.collect()
