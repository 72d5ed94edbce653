"""One officer's working session: first run, log-in, the main window, idle lock,
log-out, sync, shutdown. The pages are built in ``session_pages.py``, the devices'
input is routed in ``session_inputs.py``; database work runs on ``db_runner``."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QPlainTextEdit, QVBoxLayout, QWidget

from app.errors import QT_TRANSLATE_NOOP, UserError
from app.services.demo import DEMO_PASSWORD, DEMO_USER
from app.services.security import accounts
from app.services.storage.db import Database
from app.settings import Settings
from app.ui.card_watch import CardWatcher
from app.ui.counter_lock import CounterLock
from app.ui.idle import IdleWatcher
from app.ui.login import FirstRunDialog, LoginDialog, UnlockDialog
from app.ui.main_window import MainWindow
from app.ui.session_inputs import SessionInputs
from app.ui.session_pages import SessionPages
from app.ui.tasks import TaskRunner, wait_for

log = logging.getLogger(__name__)


ROLE_NAMES = {
    "officer": QT_TRANSLATE_NOOP("CounterSession", "cán bộ tiếp nhận"),
    "supervisor": QT_TRANSLATE_NOOP("CounterSession", "lãnh đạo bộ phận"),
    "admin": QT_TRANSLATE_NOOP("CounterSession", "quản trị"),
}


def role_name(role: str) -> str:
    return QApplication.translate("CounterSession", ROLE_NAMES.get(role, role))


class CounterSession(SessionPages, SessionInputs):
    def __init__(
        self, db: Database, settings: Settings, demo: bool = False, start_sync: bool = True
    ) -> None:
        self.db = db
        self.start_sync = start_sync  # tests that do not exercise sync leave it off
        self.settings = settings
        self.demo = demo
        self.officer: accounts.SignedIn | None = None
        self.main: MainWindow | None = None
        self.idle: IdleWatcher | None = None
        self.background = TaskRunner(max_threads=2)
        self.db_runner = TaskRunner(max_threads=1)  # database work; writes keep their order
        self.counter_lock = CounterLock(self, sign_out=self.logout)
        self.card_watch: CardWatcher | None = None

    # -- start-up ---------------------------------------------------------------
    def start(self) -> bool:
        """Runs first-run and log-in; False when the officer gave up."""
        db = self.db
        if self.demo:
            first = False
        else:
            first = not wait_for(self.db_runner, lambda: accounts.has_officers(db))
        if first and not self.first_run():
            return False
        if not self.login():
            return False
        self._open_main_window()
        return True

    def start_signed_in(self, officer: accounts.SignedIn) -> None:
        """The officer logged in on the early log-in window (``app/ui/startup.py``)."""
        self.officer = officer
        self._open_main_window()

    def first_run(self) -> bool:
        db, counter = self.db, self.settings.counter_number

        def create(code: str, name: str, username: str, full_name: str, password: str) -> str:
            return accounts.set_up_office(db, code, name, counter, username, full_name, password)

        dialog = FirstRunDialog(create, runner=self.db_runner)
        return dialog.exec() == QDialog.Accepted

    def login(self, parent: QWidget | None = None) -> bool:
        hint = ""
        if self.demo:
            hint = QApplication.translate(
                "CounterSession", "Chế độ trình diễn — đăng nhập: {0} / mật khẩu: {1}"
            ).format(DEMO_USER, DEMO_PASSWORD)
        db = self.db
        dialog = LoginDialog(
            lambda u, p: accounts.authenticate(db, u, p),
            office_name=self.settings.office_name,
            demo_hint=hint,
            parent=parent,
            runner=self.db_runner,
        )
        if self.demo:
            dialog.username.setText(DEMO_USER)
            dialog.password.setFocus()
        QTimer.singleShot(0, lambda: log.info("ui: login window visible"))
        if dialog.exec() != QDialog.Accepted or dialog.signed_in is None:
            return False
        self.officer = dialog.signed_in
        log.info("officer signed in (role %s)", self.officer.role)
        return True

    def _open_main_window(self) -> None:
        assert self.officer is not None
        self.main = MainWindow(self._pages())
        self.main.set_officer(
            self.officer.full_name, role_name(self.officer.role), self.officer.office_name
        )
        self.main.lock_requested.connect(self.lock)
        self.main.logout_requested.connect(self.logout)
        self.main.doctor_requested.connect(self.show_doctor)
        self.main.password_requested.connect(self.change_password)
        self.main.sync_problems_requested.connect(self.show_sync_problems)
        self.idle = IdleWatcher(self.settings.idle_lock_minutes, self.main)
        self.idle.idle.connect(self.lock)
        QApplication.instance().installEventFilter(self.idle)
        self._start_card_watch()
        if self.start_sync:
            self._start_sync()
        self.main.show_fitted()
        log.info("ui: main window visible")

    def _start_sync(self) -> None:
        from app.ui.sync_status import SyncController

        assert self.main is not None
        self.sync = SyncController(self.db, self.settings, self.demo)  # no parent: as above
        self.sync.status_changed.connect(self.main.set_sync_status)
        self.main.sync_requested.connect(self.sync.sync_now)
        sync = self.sync
        self.main.destroyed.connect(lambda *_: sync.stop())  # no thread outlives the window
        self.background.run(self.sync.start, lambda _: None, self._sync_failed)

    def show_sync_problems(self) -> None:
        """The refused and conflicting items, settled on the database worker."""
        from app.ui.sync.problems_dialog import SyncProblemsDialog

        assert self.main is not None and self.officer is not None
        if not hasattr(self, "sync_runner"):
            self.sync_runner = TaskRunner(max_threads=1)
        dialog = SyncProblemsDialog(
            self.db, self.officer.officer_id, self.sync_runner, parent=self.main
        )
        sync = getattr(self, "sync", None)
        if sync is not None:
            dialog.settled.connect(sync.sync_now)
        dialog.exec()

    def _sync_failed(self, exc: BaseException) -> None:
        from shiboken6 import isValid

        from app.errors import describe

        if self.main is None or not isValid(self.main):
            return
        if isinstance(exc, UserError):
            self.main.set_sync_status(describe(exc).title)
            return
        log.warning("sync could not start: %s", type(exc).__name__)
        self.main.set_sync_status(
            QApplication.translate("CounterSession", "Đồng bộ: không khởi động được")
        )

    # -- while working ----------------------------------------------------------
    def window(self) -> QWidget | None:
        return self.main

    def bring_to_front(self) -> None:
        if self.main is not None:
            self.main.showNormal()
            self.main.raise_()
            self.main.activateWindow()

    def _settings_saved(self, new: Settings) -> None:
        self.settings = new
        if hasattr(self, "intake_page"):  # printers, counter number, cut-off: at once
            self.intake.settings = new
            self.paper_printer.settings = new
            self._watch_scan_folder()
        if self.card_watch is not None:
            self.card_watch.wanted_reader = new.card_reader
        if self.idle is not None:
            self.idle.set_minutes(new.idle_lock_minutes)

    def lock(self) -> None:
        """Nothing of the citizen stays on screen, and neither the card reader nor
        the scanners feed the intake until the officer's password is given again."""
        self.counter_lock.lock()

    @property
    def unlock_dialog(self) -> UnlockDialog | None:
        return self.counter_lock.dialog

    @property
    def _locked(self) -> bool:
        return self.counter_lock.locked

    def logout(self) -> None:
        """The log-out reaches the access log on the database worker, then the log-in
        window asks for the next officer."""
        if self.main is None:
            return
        self.main.hide()
        officer, self.officer = self.officer, None
        if officer is None:
            self._sign_in_again()
            return
        db, officer_id = self.db, officer.officer_id

        def not_logged(exc: BaseException) -> None:
            log.warning("logout not logged: %s", type(exc).__name__)
            self._sign_in_again()

        self.db_runner.run(
            lambda: accounts.record_session_event(db, officer_id, "logout"),
            lambda _none: self._sign_in_again(),
            not_logged,
        )

    def _sign_in_again(self) -> None:
        assert self.main is not None
        if self.login():
            assert self.officer is not None
            self.main.set_officer(
                self.officer.full_name, self.officer.role, self.officer.office_name
            )
            self.counter_lock.release()
            self.main.show()
        else:
            self.main.close()

    def change_password(self) -> None:
        from app.ui.password_dialog import PasswordDialog

        assert self.officer is not None
        db, officer_id = self.db, self.officer.officer_id
        dialog = PasswordDialog(
            lambda old, new: accounts.change_password(db, officer_id, old, new),
            self.main,
            runner=self.db_runner,
        )
        dialog.exec()
        if dialog.locked_out:  # too many wrong current passwords: signed out, as at the lock
            self.logout()

    def show_doctor(self) -> None:
        from app.services import doctor

        dialog = QDialog(self.main)
        dialog.setWindowTitle(QApplication.translate("CounterSession", "Chẩn đoán hệ thống"))
        text = QPlainTextEdit(objectName="doctor_report")
        text.setReadOnly(True)
        text.setPlainText(QApplication.translate("CounterSession", "Đang kiểm tra…"))
        QVBoxLayout(dialog).addWidget(text)
        from app.ui.geometry import fit_to_screen

        fit_to_screen(dialog, QSize(700, 500))
        self.background.run(doctor.collect, lambda r: text.setPlainText(doctor.to_text(r)))
        dialog.exec()

    def shutdown(self) -> None:
        if self.card_watch is not None:
            self.card_watch.stop()
        if getattr(self, "sync", None) is not None:
            self.sync.stop()
        for runner in (
            self.background,
            getattr(self, "card_runner", None),
            getattr(self, "db_runner", None),
        ):
            if runner is not None:
                runner.wait(5000)
