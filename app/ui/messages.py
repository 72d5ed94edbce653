"""Showing user errors: one place turns an ``ErrorKind`` into a dialog or a line."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import ErrorKind, UserError, describe

# Errors that must stand out: the officer must not miss them.
CRITICAL = {
    ErrorKind.CARD_NOT_GENUINE,
    ErrorKind.DB_NEWER,
    ErrorKind.DB_CORRUPT,
    ErrorKind.DB_NOT_THIS_COUNTER,
    ErrorKind.DB_MISSING,
}


def error_text(error: UserError) -> str:
    m = describe(error)
    return f"{m.text}\n{m.action}"


def show_error(parent: QWidget | None, error: UserError) -> None:
    m = describe(error)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Critical if error.kind in CRITICAL else QMessageBox.Warning)
    box.setWindowTitle(m.title)
    box.setText(f"<b>{m.title}</b>")
    box.setInformativeText(f"{m.text}\n\n{m.action}")
    if error.detail:
        box.setDetailedText(error.detail)
    box.setObjectName(f"error-{error.kind.value}")
    box.exec()
