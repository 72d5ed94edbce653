"""Log-in and first-run dialogs."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
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

if TYPE_CHECKING:  # the log-in window must show before the database layer loads
    from app.services.security.accounts import SignedIn


class LoginDialog(QDialog):
    """Asks for user name and password; ``authenticate`` raises UserError on refusal.

    ``authenticate`` hashes the password and reads the database, so it runs on
    ``runner`` (the database worker; inline when None, for tests) with the form
    disabled meanwhile. It may return None: no sign-in, the window stays as it is.
    """

    def __init__(
        self,
        authenticate: Callable[[str, str], SignedIn | None],
        office_name: str = "",
        demo_hint: str = "",
        parent: QWidget | None = None,
        runner: Any = None,
    ) -> None:
        super().__init__(parent)
        self._authenticate = authenticate
        self._runner: Any = runner if runner is not None else SyncRunner()
        self.signed_in: SignedIn | None = None
        self.setObjectName("login")
        self.setWindowTitle(self.tr("MotCua — Đăng nhập"))
        self.setMinimumWidth(380)

        title = QLabel(self.tr("<h2>MotCua</h2>Bộ phận tiếp nhận và trả kết quả"))
        title.setAlignment(Qt.AlignCenter)
        self.username = QLineEdit(objectName="username")
        self.password = QLineEdit(objectName="password")
        self.password.setEchoMode(QLineEdit.Password)
        form = QFormLayout()
        form.addRow(self.tr("&Tên đăng nhập:"), self.username)
        form.addRow(self.tr("&Mật khẩu:"), self.password)
        self.error = QLabel(objectName="error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self._buttons = buttons
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Đăng nhập"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Thoát"))
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        if office_name:
            office = QLabel(office_name)
            office.setAlignment(Qt.AlignCenter)
            layout.addWidget(office)
        layout.addLayout(form)
        if demo_hint:
            hint = QLabel(demo_hint, objectName="demo_hint")
            hint.setStyleSheet("color: #555;")
            layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.username.setFocus()

    def try_login(self) -> None:
        authenticate, username, password = (
            self._authenticate,
            self.username.text(),
            self.password.text(),
        )
        _busy(True, self._buttons, self.username, self.password)
        self._runner.run(lambda: authenticate(username, password), self._answered, self._refused)

    def _answered(self, signed_in: SignedIn | None) -> None:
        _busy(False, self._buttons, self.username, self.password)
        if signed_in is not None and isValid(self):
            self.signed_in = signed_in
            self.accept()

    def _refused(self, exc: BaseException) -> None:
        _busy(False, self._buttons, self.username, self.password)
        if not isinstance(exc, UserError):
            raise exc
        self.error.setText(error_text(exc))
        self.error.show()
        self.password.clear()
        self.password.setFocus()


def _busy(busy: bool, *widgets: QWidget) -> None:
    """While the worker checks a password: no second press, no edits."""
    for widget in widgets:
        if isValid(widget):
            widget.setEnabled(not busy)


class FirstRunDialog(QDialog):
    """No officer exists yet (a new install without demo data): create the admin."""

    def __init__(
        self,
        create: Callable[[str, str, str, str, str], object],
        parent: QWidget | None = None,
        runner: Any = None,  # the database worker; inline when None (tests)
    ):
        super().__init__(parent)
        self._create = create
        self._runner: Any = runner if runner is not None else SyncRunner()
        self.setObjectName("first_run")
        self.setWindowTitle(self.tr("MotCua — Thiết lập lần đầu"))
        self.office_code = QLineEdit(objectName="office_code")
        self.office_name = QLineEdit(objectName="office_name")
        self.username = QLineEdit("admin", objectName="username")
        self.full_name = QLineEdit(objectName="full_name")
        self.password = QLineEdit(objectName="password")
        self.password.setEchoMode(QLineEdit.Password)
        self.password2 = QLineEdit(objectName="password2")
        self.password2.setEchoMode(QLineEdit.Password)
        form = QFormLayout()
        form.addRow(self.tr("Mã &cơ quan (mã điện tử):"), self.office_code)
        form.addRow(self.tr("Tên c&ơ quan:"), self.office_name)
        form.addRow(self.tr("Tên đăng nhập &quản trị:"), self.username)
        form.addRow(self.tr("&Họ và tên:"), self.full_name)
        form.addRow(self.tr("&Mật khẩu (ít nhất 8 ký tự):"), self.password)
        form.addRow(self.tr("&Nhập lại mật khẩu:"), self.password2)
        self.error = QLabel(objectName="error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self._buttons = buttons
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Tạo tài khoản"))
        buttons.accepted.connect(self.try_create)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("Chưa có tài khoản nào. Hãy tạo tài khoản quản trị cho bộ phận."))
        )
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def try_create(self) -> None:
        fields = (self.office_code, self.office_name, self.username, self.full_name)
        if any(not f.text().strip() for f in fields):
            self._fail(self.tr("Hãy điền đủ các ô."))
            return
        if self.password.text() != self.password2.text():
            self._fail(self.tr("Hai lần nhập mật khẩu không khớp."))
            return
        values = [f.text().strip() for f in fields]
        password = self.password.text()
        self._buttons.setEnabled(False)  # one office, however often OK is pressed
        self._runner.run(
            lambda: self._create(*values, password), lambda _id: self.accept(), self._failed
        )

    def _failed(self, exc: BaseException) -> None:
        self._buttons.setEnabled(True)
        if not isinstance(exc, UserError):
            raise exc
        self._fail(error_text(exc))


class UnlockDialog(QDialog):
    """The idle lock: the officer re-enters the password; the work behind is kept.

    ``unlock(password)`` is ``accounts.unlock`` bound to the officer: a wrong
    password counts like a failed log-in. When the account is (or becomes) locked
    out, ``locked_out`` is emitted and the session signs the officer out.
    """

    locked_out = Signal()

    def __init__(
        self,
        full_name: str,
        unlock: Callable[[str], None],
        parent: QWidget | None = None,
        runner: Any = None,  # the database worker; inline when None (tests)
    ):
        super().__init__(parent)
        self._unlock = unlock
        self._runner: Any = runner if runner is not None else SyncRunner()
        self.setObjectName("unlock")
        self.setWindowTitle(self.tr("MotCua — Màn hình đã khoá"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)  # over any open dialog
        self.password = QLineEdit(objectName="password")
        self.password.setEchoMode(QLineEdit.Password)
        self.error = QLabel(objectName="error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.Ok)
        self._buttons = buttons
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Mở khoá"))
        buttons.accepted.connect(self.try_unlock)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr("Màn hình đã khoá do không thao tác. Công việc đang làm được giữ nguyên.")
            )
        )
        form = QFormLayout()
        form.addRow(self.tr("Cán bộ:"), QLabel(full_name))
        form.addRow(self.tr("&Mật khẩu:"), self.password)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def reject(self) -> None:  # Esc must not unlock
        pass

    def try_unlock(self) -> None:
        unlock, password = self._unlock, self.password.text()
        _busy(True, self._buttons, self.password)
        self._runner.run(lambda: unlock(password), self._unlocked, self._refused)

    def _unlocked(self, _none: object) -> None:
        _busy(False, self._buttons, self.password)
        if isValid(self):
            self.accept()

    def _refused(self, exc: BaseException) -> None:
        _busy(False, self._buttons, self.password)
        if not isinstance(exc, UserError):
            raise exc
        if not isValid(self):
            return
        self.password.clear()
        self.error.setText(error_text(exc))
        self.error.show()
        if exc.kind is ErrorKind.ACCOUNT_LOCKED:
            self.locked_out.emit()
