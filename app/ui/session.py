"""One officer's working session: first run, log-in, the main window, idle lock,
log-out. Builds the pages and hands each the few objects it needs."""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QPlainTextEdit, QVBoxLayout, QWidget

from app import paths
from app.errors import QT_TRANSLATE_NOOP
from app.services.demo import DEMO_PASSWORD, DEMO_USER
from app.services.security import accounts
from app.services.storage.db import Database
from app.services.storage.models import Counter, Office
from app.settings import Settings
from app.ui.idle import IdleWatcher
from app.ui.login import FirstRunDialog, LoginDialog, UnlockDialog
from app.ui.main_window import MainWindow, Page
from app.ui.pages.placeholder import PlaceholderPage
from app.ui.pages.settings_page import SettingsPage
from app.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


ROLE_NAMES = {
    "officer": QT_TRANSLATE_NOOP("CounterSession", "cán bộ tiếp nhận"),
    "supervisor": QT_TRANSLATE_NOOP("CounterSession", "lãnh đạo bộ phận"),
    "admin": QT_TRANSLATE_NOOP("CounterSession", "quản trị"),
}


def role_name(role: str) -> str:
    return QApplication.translate("CounterSession", ROLE_NAMES.get(role, role))


class CounterSession:
    def __init__(self, db: Database, settings: Settings, demo: bool = False) -> None:
        self.db = db
        self.settings = settings
        self.demo = demo
        self.officer: accounts.SignedIn | None = None
        self.main: MainWindow | None = None
        self.idle: IdleWatcher | None = None
        self.background = TaskRunner(max_threads=2)
        self._locked = False

    # -- start-up ---------------------------------------------------------------
    def start(self) -> bool:
        """Runs first-run and log-in; False when the officer gave up."""
        if not self.demo and not accounts.has_officers(self.db) and not self._first_run():
            return False
        if not self.login():
            return False
        self._open_main_window()
        return True

    def _first_run(self) -> bool:
        def create(code: str, name: str, username: str, full_name: str, password: str) -> None:
            with self.db.session() as s:
                office = Office(code=code, name=name)
                s.add(office)
                s.flush()
                s.add(
                    Counter(office_id=office.id, number=self.settings.counter_number, name="Quầy 1")
                )
                office_id = office.id
            accounts.create_officer(self.db, office_id, username, full_name, password, "admin")

        return FirstRunDialog(create).exec() == QDialog.Accepted

    def login(self, parent: QWidget | None = None) -> bool:
        hint = ""
        if self.demo:
            hint = QApplication.translate(
                "CounterSession", "Chế độ trình diễn — đăng nhập: {0} / mật khẩu: {1}"
            ).format(DEMO_USER, DEMO_PASSWORD)
        dialog = LoginDialog(
            lambda u, p: accounts.authenticate(self.db, u, p),
            office_name=self.settings.office_name,
            demo_hint=hint,
            parent=parent,
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

    def _pages(self) -> list[Page]:
        tr = QApplication.translate
        ctx = "CounterSession"
        return [
            Page(
                "intake",
                tr(ctx, "Tiếp nhận"),
                PlaceholderPage(
                    tr(ctx, "Tiếp nhận hồ sơ"),
                    tr(
                        ctx,
                        "Chức năng đọc thẻ căn cước và tiếp nhận hồ sơ chưa có trong phiên bản này.",
                    ),
                ),
            ),
            Page(
                "dossiers",
                tr(ctx, "Hồ sơ"),
                PlaceholderPage(
                    tr(ctx, "Hồ sơ"),
                    tr(ctx, "Danh sách và tra cứu hồ sơ chưa có trong phiên bản này."),
                ),
            ),
            Page(
                "returns",
                tr(ctx, "Trả kết quả"),
                PlaceholderPage(
                    tr(ctx, "Trả kết quả"), tr(ctx, "Trả kết quả chưa có trong phiên bản này.")
                ),
            ),
            Page(
                "reports",
                tr(ctx, "Báo cáo"),
                PlaceholderPage(
                    tr(ctx, "Báo cáo"), tr(ctx, "Báo cáo chưa có trong phiên bản này.")
                ),
            ),
            Page(
                "settings",
                tr(ctx, "Cài đặt"),
                SettingsPage(self.settings, self._settings_saved, paths.settings_file(self.demo)),
            ),
        ]

    def _open_main_window(self) -> None:
        assert self.officer is not None
        self.main = MainWindow(self._pages())
        self.main.set_officer(
            self.officer.full_name, role_name(self.officer.role), self.officer.office_name
        )
        self.main.lock_requested.connect(self.lock)
        self.main.logout_requested.connect(self.logout)
        self.main.doctor_requested.connect(self.show_doctor)
        self.idle = IdleWatcher(self.settings.idle_lock_minutes, self.main)
        self.idle.idle.connect(self.lock)
        QApplication.instance().installEventFilter(self.idle)
        self.main.show()
        log.info("ui: main window visible")

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
        if self.idle is not None:
            self.idle.set_minutes(new.idle_lock_minutes)

    def lock(self) -> None:
        if self._locked or self.main is None or self.officer is None:
            return
        self._locked = True
        assert self.idle is not None
        self.idle.pause()
        officer_id = self.officer.officer_id
        dialog = UnlockDialog(
            self.officer.full_name,
            lambda p: accounts.verify_current_password(self.db, officer_id, p),
            self.main,
        )
        dialog.open()
        dialog.accepted.connect(self._unlocked)
        self.unlock_dialog = dialog

    def _unlocked(self) -> None:
        self._locked = False
        assert self.idle is not None
        self.idle.resume()

    def logout(self) -> None:
        if self.main is None:
            return
        self.main.hide()
        self.officer = None
        if self.login():
            assert self.officer is not None
            self.main.set_officer(
                self.officer.full_name, self.officer.role, self.officer.office_name
            )
            self.main.show()
        else:
            self.main.close()

    def show_doctor(self) -> None:
        from app.services import doctor

        dialog = QDialog(self.main)
        dialog.setWindowTitle(QApplication.translate("CounterSession", "Chẩn đoán hệ thống"))
        text = QPlainTextEdit(objectName="doctor_report")
        text.setReadOnly(True)
        text.setPlainText(QApplication.translate("CounterSession", "Đang kiểm tra…"))
        QVBoxLayout(dialog).addWidget(text)
        dialog.resize(700, 500)
        self.background.run(doctor.collect, lambda r: text.setPlainText(doctor.to_text(r)))
        dialog.exec()

    def shutdown(self) -> None:
        self.background.wait(5000)
