"""Change-password dialog: current password, new one twice.

Behaviour lives in the ``change(old, new)`` callable it is given (normally
``accounts.change_password`` bound to the database and the signed-in officer); it
raises UserError for a wrong current password or a weak new one, shown in the dialog.
A wrong current password counts like a failed log-in (in the service); when the
account is (or becomes) locked out, the dialog closes with ``locked_out`` set and the
session signs the officer out. The check (an argon2 hash and the database) runs on
``runner``, the session's database worker, with the form disabled meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from app.errors import ErrorKind, UserError
from app.ui.messages import error_text
from app.ui.tasks import SyncRunner

MIN_LENGTH = 8


class PasswordDialog(QDialog):
    def __init__(
        self,
        change: Callable[[str, str], None],
        parent: QWidget | None = None,
        runner: Any = None,  # the database worker; inline when None (tests)
    ) -> None:
        super().__init__(parent)
        self._change = change
        self._runner: Any = runner if runner is not None else SyncRunner()
        self.locked_out = False
        self.setObjectName("change_password")
        self.setWindowTitle(self.tr("Đổi mật khẩu"))
        self.setMinimumWidth(380)

        def secret(name: str) -> QLineEdit:
            field = QLineEdit(objectName=name)
            field.setEchoMode(QLineEdit.Password)
            return field

        self.current = secret("current_password")
        self.new = secret("new_password")
        self.repeat = secret("repeat_password")
        form = QFormLayout()
        form.addRow(self.tr("Mật khẩu &hiện tại:"), self.current)
        form.addRow(self.tr("Mật khẩu &mới (ít nhất 8 ký tự):"), self.new)
        form.addRow(self.tr("&Nhập lại mật khẩu mới:"), self.repeat)
        self.error = QLabel(objectName="error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self._buttons = buttons
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Đổi mật khẩu"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Huỷ"))
        buttons.accepted.connect(self.try_change)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.current.setFocus()

    def _show(self, text: str, focus: QLineEdit) -> None:
        self.error.setText(text)
        self.error.show()
        focus.selectAll()
        focus.setFocus()

    def try_change(self) -> None:
        old, new = self.current.text(), self.new.text()
        # Checked here first so the officer sees the problem without a slow hash.
        if len(new) < MIN_LENGTH:
            self._show(self.tr("Mật khẩu mới phải có ít nhất 8 ký tự."), self.new)
            return
        if new != self.repeat.text():
            self.repeat.clear()
            self._show(self.tr("Hai lần nhập mật khẩu mới không giống nhau."), self.repeat)
            return
        if new == old:
            self._show(self.tr("Mật khẩu mới phải khác mật khẩu hiện tại."), self.new)
            return
        change = self._change
        self._busy(True)
        self._runner.run(lambda: change(old, new), self._changed, self._refused)

    def _busy(self, busy: bool) -> None:
        for widget in (self._buttons, self.current, self.new, self.repeat):
            if isValid(widget):
                widget.setEnabled(not busy)

    def _changed(self, _none: object) -> None:
        self._busy(False)
        if isValid(self):
            self.accept()

    def _refused(self, exc: BaseException) -> None:
        self._busy(False)
        if not isinstance(exc, UserError):
            raise exc
        if not isValid(self):
            return
        self.current.clear()
        if exc.kind is ErrorKind.ACCOUNT_LOCKED:
            self.locked_out = True
            self.reject()
            return
        self._show(error_text(exc), self.current)
