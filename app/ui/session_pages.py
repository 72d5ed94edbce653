"""The signed-in window's pages and the dialogs opened from them, built for one
officer's session (``app/ui/session.py``): each page gets the few objects it needs."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

from app.errors import UserError
from app.shared import paths
from app.ui.main_window import Page
from app.ui.pages.settings_page import SettingsPage
from app.ui.tasks import TaskRunner


class SessionPages:
    """Mixed into ``CounterSession``: the pages of the main window."""

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
        page.trust_runner = self.db_runner
        return page

    def _import_trust(self):  # type: ignore[no-untyped-def]
        """Bound here to the officer signed in now; run on the database worker."""
        from app.services.card.trust_admin import import_trust_anchor

        db, officer, folder = self.db, self.officer, paths.trust_dir()
        return lambda data: import_trust_anchor(db, officer, data, folder)

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
