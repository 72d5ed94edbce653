"""While the counter is locked, no other window shows its contents.

A dossier dialog or a message box left open when the idle lock starts would
otherwise keep a citizen's data on screen beside the lock. Their contents are
hidden (not the windows themselves: hiding a dialog would end its ``exec()`` as if
the officer had cancelled it) and shown again on unlock; at a sign-out they close.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid


class OtherWindowsCover:
    def __init__(self) -> None:
        self._hidden: list[QWidget] = []
        self._windows: list[QWidget] = []

    def cover(self, keep: Iterable[QWidget]) -> None:
        kept = set(keep)
        for window in QApplication.topLevelWidgets():
            if window in kept or not window.isVisible():
                continue
            self._windows.append(window)
            for child in window.findChildren(
                QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
            ):
                if not child.isWindow() and child.isVisibleTo(window):
                    child.hide()
                    self._hidden.append(child)

    def uncover(self) -> None:
        for child in self._hidden:
            if isValid(child):
                child.show()
        self._hidden.clear()
        self._windows.clear()

    def close_covered(self) -> None:
        """A sign-out: the next officer must not find the last one's dialogs."""
        windows, self._windows, self._hidden = self._windows, [], []
        for window in windows:
            if isValid(window):
                window.close()

    def covered(self) -> list[QWidget]:
        return [w for w in self._windows if isValid(w)]
