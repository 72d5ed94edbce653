"""The change-password dialog as an officer meets it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from app.errors import UserError
from app.services.demo import DEMO_PASSWORD, DEMO_USER
from app.services.security import accounts
from app.ui.password_dialog import PasswordDialog


def _dialog(qtbot, db):
    who = accounts.authenticate(db, DEMO_USER, DEMO_PASSWORD)
    dialog = PasswordDialog(lambda old, new: accounts.change_password(db, who.officer_id, old, new))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, who


def _fill(qtbot, dialog, current, new, repeat):
    # setText: QtTest's keyClicks only types ASCII, officers type Vietnamese.
    for field, value in ((dialog.current, current), (dialog.new, new), (dialog.repeat, repeat)):
        field.setText(value)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok)
    qtbot.mouseClick(ok, Qt.LeftButton)
    qtbot.waitUntil(dialog.current.isEnabled, timeout=10000)  # the worker's answer


def test_changing_the_password_works_and_the_new_one_signs_in(qtbot, demo_db):
    dialog, who = _dialog(qtbot, demo_db)
    _fill(qtbot, dialog, DEMO_PASSWORD, "mật-khẩu-mới-1", "mật-khẩu-mới-1")
    assert dialog.result() == QDialog.Accepted
    assert accounts.authenticate(demo_db, DEMO_USER, "mật-khẩu-mới-1").officer_id == who.officer_id
    assert not _signs_in(demo_db, DEMO_PASSWORD)


def test_mismatch_short_and_same_passwords_are_explained_and_nothing_changes(qtbot, demo_db):
    dialog, _ = _dialog(qtbot, demo_db)
    cases = [
        ("mật-khẩu-mới-1", "mật-khẩu-mới-2", "không giống nhau"),
        ("ngắn", "ngắn", "ít nhất 8 ký tự"),
    ]
    for new, repeat, says in cases:
        _fill(qtbot, dialog, DEMO_PASSWORD, new, repeat)
        assert dialog.result() != QDialog.Accepted and dialog.isVisible()
        assert dialog.error.isVisible() and says in dialog.error.text()
    assert _signs_in(demo_db, DEMO_PASSWORD)


def test_a_wrong_current_password_is_refused_in_vietnamese(qtbot, demo_db):
    dialog, _ = _dialog(qtbot, demo_db)
    _fill(qtbot, dialog, "không-phải-mật-khẩu", "mật-khẩu-mới-1", "mật-khẩu-mới-1")
    assert dialog.result() != QDialog.Accepted
    assert "mật khẩu không đúng" in dialog.error.text()
    assert dialog.current.text() == ""
    assert _signs_in(demo_db, DEMO_PASSWORD)


def _signs_in(db, password: str) -> bool:
    try:
        accounts.authenticate(db, DEMO_USER, password)
    except UserError:
        return False
    return True


def test_wrong_current_passwords_count_and_sign_out_at_the_limit(qtbot, session, demo_db):
    """Guessing the current password of an unattended session counts like at the
    log-in: four refusals in the dialog, the fifth locks the account and signs out."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import select

    from app.services.storage.models import AuditEvent
    from tests.ui.security.counter_fixtures import at_login, sign_in

    seen: dict[str, object] = {"errors": []}

    def guess() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PasswordDialog):
            QTimer.singleShot(20, guess)
            return
        for _ in range(accounts.MAX_FAILED_LOGINS):
            _fill(qtbot, dialog, "không-phải-mật-khẩu", "mật-khẩu-mới-1", "mật-khẩu-mới-1")
            if dialog.isVisible():
                seen["errors"].append(dialog.error.text())  # type: ignore[union-attr]

    def on_login(login):  # even the right password is refused now
        seen["title"] = login.windowTitle()
        sign_in(login)
        seen["login_error"] = login.error.text()
        login.reject()

    QTimer.singleShot(0, guess)
    at_login(on_login)
    session.change_password()
    assert all("không đúng" in e for e in seen["errors"])  # type: ignore[union-attr]
    assert len(seen["errors"]) == accounts.MAX_FAILED_LOGINS - 1  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: "login_error" in seen, timeout=5000)
    assert "Đăng nhập" in str(seen["title"]) and "khoá" in str(seen["login_error"])
    assert not session.main.isVisible() and session.officer is None
    with demo_db.session() as s:
        details = s.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "change").order_by(AuditEvent.seq)
        ).all()
        logouts = s.scalars(select(AuditEvent).where(AuditEvent.action == "logout")).all()
    assert details[-1] == "own password: failed; account locked"
    assert details.count("own password: failed") == accounts.MAX_FAILED_LOGINS - 1
    assert len(logouts) == 1
    assert _signs_in(demo_db, DEMO_PASSWORD) is False  # locked for 15 minutes
