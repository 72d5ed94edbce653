"""The idle lock of a counter session (docs/security.md, "Idle lock").

While locked, nothing of the citizen stays on screen: the main window shows its
blank lock page, and any other open window (a dossier dialog, a message box) has
its contents hidden — not the window itself, since hiding a dialog would end its
``exec()`` as if the officer had cancelled it. The card watch, the QR scanner and
the scanner-folder poll are held. The password goes through ``accounts.unlock``,
which counts failures like the log-in; at the lockout the officer is signed out.
The lock's audit record and the password check run on the session's database worker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from shiboken6 import isValid

from app.services.security import accounts
from app.ui.login import UnlockDialog

if TYPE_CHECKING:
    from app.ui.session import CounterSession

log = logging.getLogger(__name__)


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


class CounterLock:
    def __init__(self, session: CounterSession, sign_out: Callable[[], None]) -> None:
        self._session = session
        self._sign_out = sign_out
        self._cover = OtherWindowsCover()
        self.locked = False
        self.dialog: UnlockDialog | None = None

    def lock(self) -> None:
        s = self._session
        if self.locked or s.main is None or s.officer is None:
            return
        self.locked = True
        if s.idle is not None:
            s.idle.pause()
        self._hold_inputs(True)
        s.main.set_locked(True)
        db, officer_id = s.db, s.officer.officer_id
        dialog = UnlockDialog(
            s.officer.full_name,
            lambda p: accounts.unlock(db, officer_id, p),
            s.main,
            runner=s.db_runner,
        )
        self._cover.cover(keep=(s.main, dialog))
        s.db_runner.run(  # queued before any unlock attempt: the worker keeps the order
            lambda: accounts.record_session_event(db, officer_id, "lock"),
            lambda _none: None,
            lambda exc: log.warning("lock not logged: %s", type(exc).__name__),
        )
        dialog.accepted.connect(self._unlocked)
        dialog.locked_out.connect(lambda: QTimer.singleShot(0, self._locked_out))
        dialog.open()
        self.dialog = dialog

    def release(self) -> None:
        """Back to work (after the unlock, or when an officer signs in again)."""
        s = self._session
        self.locked = False
        self._hold_inputs(False)
        if s.main is not None:
            s.main.set_locked(False)
        if s.idle is not None:
            s.idle.resume()

    def _hold_inputs(self, held: bool) -> None:
        # A card placed (or a QR scanned) on a locked counter must fill nothing; the
        # session polls the scan folder only while unlocked.
        s = self._session
        if s.card_watch is not None:
            s.card_watch.paused = held
        wedge = getattr(s, "wedge", None)
        if wedge is not None:
            wedge.enabled = not held

    def _unlocked(self) -> None:  # accounts.unlock recorded it in the access log
        self.release()
        self._cover.uncover()

    def _locked_out(self) -> None:
        """Too many wrong passwords at the lock (or the account was locked out
        elsewhere): the officer is signed out, as at the log-in screen; the other
        windows close, the intake draft stays in the encrypted store."""
        if self.dialog is not None:
            self.dialog.done(QDialog.DialogCode.Rejected)
        self._cover.close_covered()
        self._sign_out()
