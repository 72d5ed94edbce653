"""The register state of the citizen just identified, under the citizen's record.

When the intake identifies a citizen, the banner asks central (on the network worker,
never the GUI thread) what its register check found for that ID number and shows it:
verified, differs (each field with both values), not found, not checked yet. When the
BHXH record must be corrected it offers the "Điều chỉnh thông tin" procedure with the
corrections prefilled (Alt+D on the button). An offline counter says so and goes on:
the register check never blocks an intake.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from app.errors import UserError, describe
from app.services import register_state
from app.services.calendar.days import local
from app.services.identity import Identity
from app.services.register_state import FIELD_LABELS, STATE_TEXTS, RegisterState
from app.ui.intake.controller import IntakeController, register_key

log = logging.getLogger(__name__)
Lookup = Callable[[Identity], RegisterState]  # on the network worker

STYLE = {
    "ok": "background:#e8f5e9; color:#1b5e20;",
    "warn": "background:#fff3e0; color:#e65100;",
    "info": "background:#eceff1; color:#37474f;",
}


def _t(text: str) -> str:
    return QCoreApplication.translate("register_state", text)  # text: a marked constant


def state_html(state: RegisterState) -> tuple[str, str]:
    """The banner's text (HTML) and level for a state."""
    text, level = STATE_TEXTS[state.state]
    lines = [_t(text)]
    if state.identity_confirmed:
        lines.append(
            QCoreApplication.translate(
                "register_state",
                "Số định danh, họ tên và ngày sinh của công dân khớp CSDL quốc gia về dân cư.",
            )
        )
    for d in state.differences:
        lines.append(
            QCoreApplication.translate(
                "register_state", "• {0}: BHXH «{1}» — CSDL dân cư «<b>{2}</b>»"
            ).format(
                _t(FIELD_LABELS.get(d.field, d.field)),
                register_state.shown(d, d.declared),
                register_state.shown(d, d.registered),
            )
        )
    if state.checked_at is not None:
        lines.append(
            QCoreApplication.translate("register_state", "Đối chiếu lúc {0}").format(
                local(state.checked_at).strftime("%d/%m/%Y %H:%M")  # office time
            )
        )
    return "<br>".join(lines), level


class RegisterBanner(QFrame):
    def __init__(
        self,
        controller: IntakeController,
        runner: object,  # app.ui.tasks.TaskRunner: the network worker
        lookup: Lookup | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, objectName="register_banner")
        self.c, self.runner, self.lookup = controller, runner, lookup
        self.state: RegisterState | None = None
        self._asked: tuple[object, ...] = ()
        self.label = QLabel(objectName="register_state")
        self.label.setWordWrap(True)
        self.adjust = QPushButton(
            QCoreApplication.translate("register_state", "Điều chỉnh thông tin theo CSDL &dân cư"),
            objectName="register_adjust",
        )
        self.adjust.hide()
        self.adjust.clicked.connect(self._adjust)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.adjust)
        self.hide()
        controller.identity_changed.connect(self._identity_changed)

    def _current(self) -> tuple[object, ...]:
        identity = self.c.state.identity
        return register_key(identity) if identity is not None else ()

    def _identity_changed(self) -> None:
        key = self._current()
        if key == self._asked:
            return
        id_number = str(key[0]) if key else ""
        self._asked, self.state = key, None
        self.adjust.hide()
        if not register_state.checkable(id_number) or self.lookup is None:
            self.hide()
            return
        self._show(
            QCoreApplication.translate(
                "register_state", "Đang lấy kết quả đối chiếu với CSDL quốc gia về dân cư…"
            ),
            "info",
        )
        lookup, identity = self.lookup, self.c.state.identity
        assert identity is not None  # checkable() needs its 12-digit ID number
        self.runner.run(  # type: ignore[attr-defined]
            lambda: lookup(identity),
            lambda state: self._arrived(key, state),
            lambda exc: self._failed(key, exc),
        )

    def _show(self, html: str, level: str) -> None:
        self.label.setText(html)
        self.label.setProperty("level", level)
        self.label.setStyleSheet(STYLE.get(level, "") + " padding:4px; border-radius:3px;")
        self.show()

    def _arrived(self, key: tuple[object, ...], state: RegisterState) -> None:
        if key != self._current():
            return  # another citizen came in meanwhile
        self.state = state
        self.c.register_checked(state)
        self._show(*state_html(state))
        self.adjust.setVisible(state.state == "differs")

    def _failed(self, key: tuple[object, ...], exc: BaseException) -> None:
        if key != self._current():
            return
        if not isinstance(exc, UserError):
            log.error("register state look-up failed", exc_info=exc)
            reason = QCoreApplication.translate(
                "register_state", "lỗi không mong đợi, đã ghi nhật ký"
            )
        else:
            reason = describe(exc).title
        self._show(
            QCoreApplication.translate(
                "register_state",
                "Chưa lấy được kết quả đối chiếu với CSDL dân cư ({0}). Tiếp nhận bình thường.",
            ).format(reason),
            "info",
        )

    def _adjust(self) -> None:
        if self.state is not None:
            self.c.adjust_from_register(register_state.adjustment_notes(self.state))
