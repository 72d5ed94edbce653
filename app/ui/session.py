"""One officer's working session: first run, log-in, the main window, idle lock,
log-out. Builds the pages and hands each the few objects it needs."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QPlainTextEdit, QVBoxLayout, QWidget

from app.errors import QT_TRANSLATE_NOOP, UserError
from app.services.demo import DEMO_PASSWORD, DEMO_USER
from app.services.security import accounts
from app.services.storage.db import Database
from app.services.storage.models import Counter, Office
from app.settings import Settings
from app.shared import paths
from app.ui.card_watch import CardWatcher
from app.ui.counter_lock import CounterLock
from app.ui.idle import IdleWatcher
from app.ui.login import FirstRunDialog, LoginDialog, UnlockDialog
from app.ui.main_window import MainWindow, Page
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
        self.counter_lock = CounterLock(self, sign_out=self.logout)
        self.card_watch: CardWatcher | None = None

    # -- start-up ---------------------------------------------------------------
    def start(self) -> bool:
        """Runs first-run and log-in; False when the officer gave up."""
        if not self.demo and not accounts.has_officers(self.db) and not self.first_run():
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
        def create(code: str, name: str, username: str, full_name: str, password: str) -> None:
            with self.db.session() as s:
                office = Office(code=code, name=name)
                s.add(office)
                s.flush()
                s.add(
                    Counter(office_id=office.id, number=self.settings.counter_number, name="Quầy 1")
                )
                office_id = office.id
            accounts.create_first_admin(self.db, office_id, username, full_name, password)

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
        return [
            Page(
                "intake", QApplication.translate("CounterSession", "Tiếp nhận"), self._intake_page()
            ),
            Page(
                "dossiers", QApplication.translate("CounterSession", "Hồ sơ"), self._dossier_list()
            ),
            Page(
                "returns",
                QApplication.translate("CounterSession", "Trả kết quả"),
                self._returns_page(),
            ),
            Page(
                "reports", QApplication.translate("CounterSession", "Báo cáo"), self._reports_page()
            ),
            Page(
                "settings",
                QApplication.translate("CounterSession", "Cài đặt"),
                self._settings_page(),
            ),
            # after the settings: Ctrl+1…5 keep their pages
            Page(
                "events",
                QApplication.translate("CounterSession", "Sự kiện"),
                self._events_page(),
            ),
            Page(
                "indicators",
                QApplication.translate("CounterSession", "Chỉ tiêu Đề án 06"),
                self._indicators_page(),
            ),
        ]

    def _events_page(self) -> QWidget:
        from app.ui.events.page import EventsPage

        assert self.officer is not None
        self.events_page = EventsPage(
            self.db, lambda: self.catalog.current, self.officer.officer_id, self.background
        )
        return self.events_page

    def _reports_page(self) -> QWidget:
        from app.ui.reports import ReportsPage

        return ReportsPage(self.db, self.settings, self.officer)

    def _indicators_page(self) -> QWidget:
        from app.ui.reports.indicators_page import IndicatorsPage

        return IndicatorsPage(
            self.db, open_dossier=self.open_dossier, register_figure=self._register_figure
        )

    def _register_figure(self, start: Any, end: Any) -> Any:
        """Worker thread: the office's register-check figure, from central."""
        from app.errors import ErrorKind, UserError
        from app.services import register_state

        engine = getattr(getattr(self, "sync", None), "engine", None)
        if engine is None:
            raise UserError(ErrorKind.SERVER_UNREACHABLE, detail="sync not started")
        return register_state.office_register_figure(
            engine.store, start, end, demo=engine.config.demo
        )

    def _settings_page(self) -> QWidget:
        page = SettingsPage(
            self.settings,
            self._settings_saved,
            paths.settings_file(self.demo),
            officer=self.officer,
        )
        page.trust_changed.connect(self._reload_trust)
        page.trust_importer = self._import_trust
        return page

    def _import_trust(self, data: bytes):  # type: ignore[no-untyped-def]
        from app.services.card.trust_admin import import_trust_anchor

        return import_trust_anchor(self.db, self.officer, data, paths.trust_dir())

    def trust_store(self):  # type: ignore[no-untyped-def]
        """The counter's CSCA folders, followed live: a list a sync applies or an
        import is used by the next card read (``trust_anchors``)."""
        from app.services.card.trust_anchors import counter_trust

        return counter_trust(self.demo)

    def _reload_trust(self) -> None:
        self.intake.trust = self.trust_store()

    def _rules(self):  # type: ignore[no-untyped-def]
        from app.services.lifecycle import DeadlineRules

        return DeadlineRules(self.calendar.current, self.settings.cutoff_time)

    def _dossier_list(self) -> QWidget:
        from app.ui.dossiers.list_page import DossierListPage

        self.dossier_list = DossierListPage(self.db, self.catalog.current, self.open_dossier)
        return self.dossier_list

    def open_dossier(self, dossier_id: str) -> None:
        from app.ui.dossiers.detail_dialog import DossierDetailDialog

        assert self.officer is not None
        DossierDetailDialog(
            self.db,
            dossier_id,
            self.catalog.current,
            self._rules(),
            self.officer.officer_id,
            self.attachments,
            parent=self.main,
            officer=self.officer,
            settings=self.settings,
            print_receipt=self._print_reprint,
        ).exec()
        self.dossier_list.refresh()

    def _print_reprint(self, pdf: bytes) -> None:
        from app.ui.messages import show_error
        from app.ui.printing import start_print

        try:
            job = start_print(
                pdf,
                self.settings.default_printer or None,
                job_name="MotCua-in-lai",
                parent=self.main,
            )
        except UserError as err:
            show_error(self.main, err)
            return
        job.failed.connect(
            lambda exc: show_error(self.main, exc) if isinstance(exc, UserError) else None
        )

    def _returns_page(self) -> QWidget:
        from app.services.attachments import AttachmentStore
        from app.ui.dossiers.returns_page import ReturnsPage
        from app.ui.printing import start_print

        def print_result(pdf: bytes) -> None:
            from app.ui.messages import show_error

            job = start_print(
                pdf, self.settings.default_printer or None, job_name="MotCua kết quả",
                parent=self.returns_page,
            )  # fmt: skip
            job.failed.connect(
                lambda exc: (
                    show_error(self.returns_page, exc) if isinstance(exc, UserError) else None
                )
            )

        assert self.officer is not None
        self.returns_page = ReturnsPage(
            self.db,
            self.catalog.current,
            self._rules(),
            self.officer.officer_id,
            store=AttachmentStore(paths.attachments_dir(self.demo)),
            print_result=print_result,
        )
        return self.returns_page

    def _intake_page(self) -> QWidget:
        from app.services.calendar.store import CalendarStore
        from app.services.catalog.store import CatalogStore
        from app.ui.intake.controller import IntakeController
        from app.ui.intake.page import IntakePage
        from app.ui.intake.printing import PaperPrinter

        assert self.officer is not None
        self.catalog = CatalogStore()
        self.calendar = CalendarStore()
        trust = self.trust_store()
        self.card_runner = TaskRunner(max_threads=1)  # card I/O: one at a time
        self.db_runner = TaskRunner(max_threads=1)  # dossier writes keep their order
        self.intake = IntakeController(
            self.db,
            self.settings,
            self.officer,
            self.catalog,
            self.calendar,
            trust,
            self.card_runner,
            self.db_runner,
        )
        from app.services.attachments import AttachmentStore
        from app.ui.intake.attachments_panel import AttachmentsPanel

        self.attachments = AttachmentStore(paths.attachments_dir(self.demo))
        self.paper_printer = PaperPrinter(self.settings)
        page = IntakePage(
            self.intake, self.paper_printer, AttachmentsPanel(self.db, self.attachments)
        )
        from app.ui.intake.register_banner import RegisterBanner

        self.network_runner = TaskRunner(max_threads=1)  # central look-ups, one at a time
        page.show_beside_record(
            RegisterBanner(self.intake, self.network_runner, self._register_state)
        )
        from app.ui.face.offer import face_offer  # F6: face match (issue 16)

        page.show_beside_record(face_offer(self.intake, self.attachments, self.demo))
        self.paper_printer.failed.connect(page.print_failed)
        self.paper_printer.done.connect(page.printed)
        self.paper_printer.printed.connect(self.intake.printed)
        from app.ui.events.banner import RelatedEventsBanner

        page.show_beside_record(RelatedEventsBanner(self.intake, self.db, self.db_runner))
        self.intake.restore_draft()
        self.intake_page = page
        self._watch_scan_folder()
        return page

    def _register_state(self, identity: Any) -> Any:
        """Network thread: the central register check's state of the citizen just
        identified (``identity``: app.services.identity.Identity)."""
        from app.errors import ErrorKind, UserError
        from app.services import register_state

        engine = getattr(getattr(self, "sync", None), "engine", None)
        if engine is None:
            raise UserError(ErrorKind.SERVER_UNREACHABLE, detail="sync not started")
        officer_id = self.officer.officer_id if self.officer is not None else None
        return register_state.look_up(
            engine.store, identity, demo=engine.config.demo, officer_id=officer_id
        )

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

        from app.errors import UserError, describe

        if self.main is None or not isValid(self.main):
            return
        if isinstance(exc, UserError):
            self.main.set_sync_status(describe(exc).title)
            return
        log.warning("sync could not start: %s", type(exc).__name__)
        self.main.set_sync_status(
            QApplication.translate("CounterSession", "Đồng bộ: không khởi động được")
        )

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
        if self.main is None:
            return
        self.main.hide()
        if self.officer is not None:
            accounts.record_session_event(self.db, self.officer.officer_id, "logout")
        self.officer = None
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
        officer_id = self.officer.officer_id
        dialog = PasswordDialog(
            lambda old, new: accounts.change_password(self.db, officer_id, old, new), self.main
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
