"""Start-up of the GUI: QApplication, translations, crash hook, single instance,
database, log-in, main window. Wiring only; behaviour lives in the parts it joins."""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QWidget

from app import __version__, crash
from app import errors as app_errors
from app import settings as settings_mod
from app.errors import ErrorKind, UserError
from app.shared import paths
from app.ui.messages import show_error

if TYPE_CHECKING:
    pass

log = logging.getLogger(__name__)


def _instance_key() -> str:
    digest = hashlib.sha1(str(paths.data_dir()).encode()).hexdigest()[:12]
    return f"motcua-{digest}"


class SingleInstance:
    """One MotCua per data folder: a second start asks the first to come forward."""

    def __init__(self) -> None:
        self.server: QLocalServer | None = None
        self.on_activate = lambda: None

    def claim(self) -> bool:
        key = _instance_key()
        probe = QLocalSocket()
        probe.connectToServer(key)
        if probe.waitForConnected(300):
            probe.write(b"activate\n")
            probe.waitForBytesWritten(300)
            probe.disconnectFromServer()
            return False
        QLocalServer.removeServer(key)  # a stale socket from a crashed instance
        self.server = QLocalServer()
        if not self.server.listen(key):
            log.warning("single-instance server could not listen: %s", self.server.errorString())
            return True
        self.server.newConnection.connect(self._on_connection)
        return True

    def _on_connection(self) -> None:
        assert self.server is not None
        conn = self.server.nextPendingConnection()
        conn.readyRead.connect(lambda: (conn.readAll(), self.on_activate()))


def install_translators(app: QApplication, language: str) -> None:
    """Vietnamese is the source language; other languages load compiled .qm files."""
    app_errors.install_translator(QCoreApplication.translate)
    if language == "vi":
        qt = QTranslator(app)
        if qt.load(QLocale("vi"), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
            app.installTranslator(qt)
        return
    translator = QTranslator(app)
    if translator.load(str(paths.RESOURCES / "translations" / f"motcua_{language}.qm")):
        app.installTranslator(translator)


def load_fonts(app: QApplication) -> None:
    """Ship our fonts so Windows PCs render Vietnamese the same as the test machines."""
    family = None
    for ttf in sorted((paths.RESOURCES / "fonts").glob("NotoSans-*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(ttf))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = family or (families[0] if families else None)
    if family:
        app.setFont(QFont(family, 10))


def install_crash_hook(parent_getter: callable) -> None:  # type: ignore[valid-type]
    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if isinstance(exc, UserError):  # an expected error that nobody caught: still say it
            show_error(parent_getter(), exc)
            return
        report = crash.write_report(exc_type, tb)
        log.error("bug: %s, report %s", exc_type.__name__, report)
        from app.ui.crash_dialog import CrashDialog

        CrashDialog(report, parent_getter()).exec()

    sys.excepthook = hook


def configure_logging() -> None:
    """Application logs never carry personal data: names and ID numbers stay out."""
    paths.log_dir().mkdir(parents=True, exist_ok=True)
    handlers: list[logging.Handler] = [
        logging.FileHandler(paths.log_dir() / "motcua.log", encoding="utf-8")
    ]
    if os.environ.get("MOTCUA_LOG_STDERR"):  # end-to-end tests and benchmarks wait for lines
        handlers.append(logging.StreamHandler(sys.stderr))
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=handlers,
        force=True,
    )


def run_gui(demo: bool = False) -> int:
    configure_logging()
    QApplication.setApplicationName("MotCua")
    QApplication.setApplicationVersion(__version__)
    QApplication.setOrganizationName("MotCua")
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setWindowIcon(QIcon(str(paths.RESOURCES / "icons" / "motcua.png")))
    app.setDesktopFileName("motcua")  # Wayland/X11 match the window to motcua.desktop
    from app.ui.gc import GuiThreadCollector

    collector = GuiThreadCollector(app)  # noqa: F841 - lives as long as the app
    settings, settings_problem = settings_mod.load(paths.settings_file(demo))
    if demo:
        from app.services.demo import demo_settings

        settings = demo_settings(settings)
    install_translators(app, settings.language)
    load_fonts(app)

    windows: list[QWidget] = []
    install_crash_hook(lambda: windows[-1] if windows else None)

    instance = SingleInstance()
    if not instance.claim():
        print(UserError(ErrorKind.ALREADY_RUNNING), file=sys.stderr)
        return 0

    from app.ui.startup import EarlyLogin

    early = EarlyLogin(settings, demo)
    if settings_problem is not None:
        QTimer.singleShot(0, lambda: show_error(early.dialog, settings_problem))
    opened = early.run()
    if opened is None:
        return 0 if early.error is None else 1
    db, signed_in = opened

    from app.ui.session import CounterSession

    session = CounterSession(db, settings, demo=demo)
    instance.on_activate = session.bring_to_front
    session.start_signed_in(signed_in)
    windows.append(session.window())
    code = app.exec()
    session.shutdown()
    db.dispose()
    return code
