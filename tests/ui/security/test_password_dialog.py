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
