"""The real start-up path: the log-in window first, the encrypted database opened
behind it; errors from opening it reach the officer as messages."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.errors import ErrorKind
from app.services.demo import DEMO_PASSWORD, DEMO_USER
from app.settings import Settings
from app.ui import startup
from app.ui.login import LoginDialog


def _when_login_shows(action, tries: int = 250) -> None:
    """Act on the log-in window once it is up; gives up after a few seconds so no
    timer outlives the test."""

    def attempt(left: int) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, LoginDialog):
            action(dialog)
        elif left:
            QTimer.singleShot(20, lambda: attempt(left - 1))

    QTimer.singleShot(0, lambda: attempt(tries))


def test_log_in_while_the_database_opens(qtbot):
    seen = {}

    def log_in(dialog: LoginDialog) -> None:
        seen["visible"] = dialog.isVisible()
        dialog.password.setText(DEMO_PASSWORD)  # the user name is filled in demo mode
        dialog.try_login()

    _when_login_shows(log_in)
    opened = startup.EarlyLogin(Settings(), demo=True).run()
    assert opened is not None and seen["visible"]
    db, officer = opened
    assert officer.username == DEMO_USER
    db.dispose()


def test_no_keyring_is_said_clearly_and_nothing_is_written(qtbot, monkeypatch, motcua_home):
    # the tests run with the "null" keyring: an office database cannot get its key
    shown = []
    monkeypatch.setattr(startup, "show_error", lambda parent, err: shown.append(err.kind))
    assert startup.EarlyLogin(Settings(), demo=False).run() is None  # before any typing
    assert shown == [ErrorKind.KEYRING_MISSING]
    assert not (motcua_home / "data" / "motcua.sqlite3").exists()


def test_wrong_password_keeps_the_window_open(qtbot):
    tries = []

    def wrong_then_cancel(dialog: LoginDialog) -> None:
        dialog.password.setText("sai")
        dialog.try_login()  # checked on the log-in worker
        qtbot.waitUntil(dialog.password.isEnabled, timeout=10000)
        tries.append(dialog.error.text())
        dialog.reject()

    _when_login_shows(wrong_then_cancel)
    early = startup.EarlyLogin(Settings(), demo=True)
    assert early.run() is None
    assert "không đúng" in tries[0]
    early.db.dispose()


def test_a_missing_database_is_said_in_vietnamese_not_first_run(qtbot, monkeypatch, motcua_home):
    """The key entry says this counter had a database; the file is gone. The officer
    sees why and what to do, and no "create the administrator" screen appears."""
    import keyring
    from keyring.backend import KeyringBackend
    from PySide6.QtWidgets import QMessageBox

    from app.services.security.database import open_local

    class Ring(KeyringBackend):
        priority = 1  # type: ignore[assignment]
        entries: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.entries.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.entries[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.entries.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(Ring())
    try:
        open_local().dispose()
        for file in (motcua_home / "data").glob("motcua.sqlite3*"):
            file.unlink()
        first_run = []
        monkeypatch.setattr(startup.EarlyLogin, "_first_run", lambda self: first_run.append(1))
        shown: list[tuple[str, str]] = []

        def read_and_close(left: int = 250) -> None:
            box = QApplication.activeModalWidget()
            if isinstance(box, QMessageBox):
                shown.append((box.text(), box.informativeText()))
                box.accept()
            elif left:
                QTimer.singleShot(20, lambda: read_and_close(left - 1))

        QTimer.singleShot(0, read_and_close)
        assert startup.EarlyLogin(Settings(), demo=False).run() is None
    finally:
        keyring.set_keyring(previous)
    assert first_run == []
    title, text = shown[0]
    assert "Mất cơ sở dữ liệu của quầy" in title
    assert "backups/" in text and "motcua security reset-store" in text
    assert not (motcua_home / "data" / "motcua.sqlite3").exists()
