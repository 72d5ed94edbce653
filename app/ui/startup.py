"""The log-in window at once, the database behind it.

Opening the encrypted database, migrating it and loading the data layer take a
moment; the officer needs that moment to type the password anyway. So the log-in
window shows first and a thread opens the database. The password check runs on a
worker of its own (pressed before the database is ready, it waits there for it); a
database that cannot be opened closes the window with its message; a fresh install
with no officer goes to first-run set-up.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog

from app.errors import UserError
from app.services.demo import DEMO_PASSWORD, DEMO_USER
from app.settings import Settings
from app.ui.login import LoginDialog
from app.ui.messages import show_error
from app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.services.security.accounts import SignedIn
    from app.services.storage.db import Database

log = logging.getLogger(__name__)


class _Relay(QObject):
    opened = Signal()


class EarlyLogin:
    def __init__(self, settings: Settings, demo: bool) -> None:
        self.settings, self.demo = settings, demo
        self.db: Database | None = None
        self.error: BaseException | None = None
        self.has_officers = True
        self._ready = threading.Event()
        self._relay = _Relay()
        self._relay.opened.connect(self._on_opened)
        hint = ""
        if demo:
            hint = QApplication.translate(
                "CounterSession", "Chế độ trình diễn — đăng nhập: {0} / mật khẩu: {1}"
            ).format(DEMO_USER, DEMO_PASSWORD)
        self._runner = TaskRunner(max_threads=1)  # the session's db_runner comes later
        self.dialog = LoginDialog(
            self._authenticate, settings.office_name, hint, runner=self._runner
        )
        if demo:
            self.dialog.username.setText(DEMO_USER)
            self.dialog.password.setFocus()

    def _open(self) -> None:
        try:
            from app.services.security import accounts
            from app.services.security.database import open_counter_database

            self.db = open_counter_database(self.demo)
            self.has_officers = self.demo or accounts.has_officers(self.db)
            import app.ui.session  # noqa: F401 - warm the import while the officer types
        except BaseException as exc:  # reported on the GUI thread
            self.error = exc
        finally:
            self._ready.set()
            self._relay.opened.emit()

    def _wait(self) -> None:
        while not self._ready.wait(0.02):
            QApplication.processEvents()

    def _authenticate(self, username: str, password: str) -> SignedIn | None:
        """On the log-in worker, never the GUI thread."""
        self._ready.wait()
        if self.db is None:  # the window closes and run() shows why
            return None
        from app.services.security import accounts

        return accounts.authenticate(self.db, username, password)

    def _on_opened(self) -> None:
        if self.error is not None or not self.has_officers:
            self.dialog.reject()

    def run(self) -> tuple[Database, SignedIn] | None:
        threading.Thread(target=self._open, name="open-database", daemon=True).start()
        QTimer.singleShot(0, lambda: log.info("ui: login window visible"))
        accepted = self.dialog.exec() == QDialog.DialogCode.Accepted
        self._wait()
        self._runner.wait()  # a check still running when the window closed
        if self.error is not None:
            if isinstance(self.error, UserError):
                show_error(None, self.error)
                return None
            raise self.error  # a bug: the crash hook reports it
        assert self.db is not None
        if not self.has_officers:
            if not self._first_run():
                return None
            self.dialog.password.clear()
            accepted = self.dialog.exec() == QDialog.DialogCode.Accepted
        if not accepted or self.dialog.signed_in is None:
            return None
        log.info("officer signed in (role %s)", self.dialog.signed_in.role)
        return self.db, self.dialog.signed_in

    def _first_run(self) -> bool:
        from app.ui.session import CounterSession

        assert self.db is not None
        session = CounterSession(self.db, self.settings, self.demo, start_sync=False)
        return session.first_run()
