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
        dialog.try_login()
        tries.append(dialog.error.text())
        dialog.reject()

    _when_login_shows(wrong_then_cancel)
    early = startup.EarlyLogin(Settings(), demo=True)
    assert early.run() is None
    assert "không đúng" in tries[0]
    early.db.dispose()
