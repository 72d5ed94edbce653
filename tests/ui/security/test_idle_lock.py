"""The idle lock as an officer (and a passer-by) meets it: wrong passwords count like
at the log-in, nothing of the citizen shows while locked, and neither a card nor a
QR scan reaches the intake until the password is given again."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QMessageBox, QWidget
from sqlalchemy import select

from app.errors import UserError
from app.services.card.monitor import EventKind, ReaderEvent
from app.services.demo import DEMO_PASSWORD, DEMO_USER
from app.services.security import accounts
from app.services.storage.models import AuditEvent
from tests.ui.security.counter_fixtures import CITIZEN, answered, at_login, sign_in

OTHER_QR = "999088654321||Lò Văn Páo|01011990|Nam|Bản Thử, Tỉnh Thử Nghiệm|01012021"
READER = "Virtual PCD 00 00"


def _citizen_on_screen() -> list[str]:
    """What a passer-by could read or grab: visible widgets showing the citizen."""
    seen = []
    for widget in QApplication.allWidgets():
        if not widget.isVisible():
            continue
        text = widget.text() if isinstance(widget, (QLabel, QLineEdit)) else ""
        if CITIZEN.full_name in text or CITIZEN.id_number in text:
            seen.append(f"{type(widget).__name__}:{text}")
        if widget.objectName() == "portrait" and not widget.pixmap().isNull():
            seen.append("portrait")
    return seen


def _unlock_audit(db) -> list[str]:
    with db.session() as s:
        rows = s.scalars(select(AuditEvent).where(AuditEvent.action == "unlock")).all()
        return [r.detail for r in rows]


def test_while_locked_no_citizen_data_or_portrait_is_shown(qtbot, session):
    main = session.main
    main.show_page("intake")
    assert (
        CITIZEN.full_name in " ".join(_citizen_on_screen()) and "portrait" in _citizen_on_screen()
    )
    box = QMessageBox(
        QMessageBox.Information, "Hồ sơ", f"Công dân {CITIZEN.full_name}", parent=main
    )
    box.show()  # a dialog left open when the lock starts

    session.lock()
    assert main.isVisible() and main.is_locked()
    assert _citizen_on_screen() == []
    assert not session.intake_page.isVisible()  # not merely covered: off screen

    session.unlock_dialog.password.setText(DEMO_PASSWORD)
    session.unlock_dialog.try_unlock()
    answered(session.unlock_dialog.password)
    assert not main.is_locked()
    assert (
        CITIZEN.full_name in " ".join(_citizen_on_screen()) and "portrait" in _citizen_on_screen()
    )
    assert box.isVisible() and box.findChild(QWidget, "qt_msgbox_label").isVisible()
    box.close()


def test_a_card_or_qr_on_a_locked_counter_fills_nothing_and_the_draft_survives(qtbot, session):
    intake = session.intake
    inserted = ReaderEvent(EventKind.CARD_INSERTED, READER, bytes.fromhex("3b8880"))
    session.lock()
    session.card_watch.event.emit(ReaderEvent(EventKind.READER_ADDED, READER, b""))
    session.card_watch.event.emit(inserted)
    session._scanned(OTHER_QR)  # the wedge scanner's path
    qtbot.wait(50)
    assert intake.card_reader == "" and not intake.busy
    assert intake.state.identity.id_number == CITIZEN.id_number

    session.unlock_dialog.password.setText(DEMO_PASSWORD)
    session.unlock_dialog.try_unlock()
    answered(session.unlock_dialog.password)
    qtbot.wait(50)
    assert intake.state.identity == CITIZEN  # the draft as it was, portrait included
    assert intake.card_reader == ""  # the card placed while locked was not taken

    # Unlocked, the same card event does reach the intake (the watch is live again).
    session.card_watch.event.emit(ReaderEvent(EventKind.CARD_REMOVED, READER, b""))
    intake.keys = None  # no QR scanned for this card: the intake only notes the card
    session.card_watch.event.emit(inserted)
    assert intake.card_reader == READER


def test_wrong_passwords_at_the_lock_count_and_sign_out_at_the_limit(qtbot, session, demo_db):
    session.lock()
    dialog = session.unlock_dialog
    for _ in range(accounts.MAX_FAILED_LOGINS - 1):
        dialog.password.setText("không-phải-mật-khẩu")
        dialog.try_unlock()
        answered(dialog.password)
        assert dialog.isVisible() and "không đúng" in dialog.error.text()
    assert _unlock_audit(demo_db) == ["failed"] * (accounts.MAX_FAILED_LOGINS - 1)

    login_seen = {}

    def on_login(login):  # even the right password is refused now: give up
        login_seen["title"] = login.windowTitle()
        sign_in(login)
        login_seen["error"] = login.error.text()
        login.reject()

    at_login(on_login)
    dialog.password.setText("không-phải-mật-khẩu")
    dialog.try_unlock()
    answered(dialog.password)
    qtbot.waitUntil(lambda: "error" in login_seen, timeout=5000)
    assert "Đăng nhập" in login_seen["title"] and "khoá" in login_seen["error"]
    assert not session.main.isVisible() and session.officer is None
    assert _unlock_audit(demo_db)[-1] == "failed; account locked"
    with demo_db.session() as s:
        logouts = s.scalars(select(AuditEvent).where(AuditEvent.action == "logout")).all()
    assert len(logouts) == 1


def test_an_account_locked_out_elsewhere_cannot_unlock_even_with_the_right_password(
    qtbot, session, demo_db
):
    session.lock()
    for _ in range(accounts.MAX_FAILED_LOGINS):  # someone guessing at another counter
        with pytest.raises(UserError):
            accounts.authenticate(demo_db, DEMO_USER, "đoán-mò")
    signed_in_again = {}

    def on_login(login):  # the next officer signs in after the lockout has passed
        signed_in_again["shown"] = True
        login.reject()

    at_login(on_login)
    session.unlock_dialog.password.setText(DEMO_PASSWORD)
    session.unlock_dialog.try_unlock()
    answered(session.unlock_dialog.password)
    assert "khoá" in session.unlock_dialog.error.text()
    qtbot.waitUntil(lambda: "shown" in signed_in_again, timeout=5000)
    assert session.officer is None and not session.main.isVisible()


def test_signing_in_again_after_a_lockout_sign_out_gives_an_unlocked_counter(
    qtbot, session, demo_db, monkeypatch
):
    session.lock()
    monkeypatch.setattr(accounts, "LOCKOUT", dt.timedelta(0))  # the lockout has passed
    for _ in range(accounts.MAX_FAILED_LOGINS - 1):
        session.unlock_dialog.password.setText("sai")
        session.unlock_dialog.try_unlock()
        answered(session.unlock_dialog.password)
    signed_in = []
    at_login(lambda login: (sign_in(login), signed_in.append(True)))
    session.unlock_dialog.password.setText("sai")
    session.unlock_dialog.try_unlock()
    answered(session.unlock_dialog.password)
    qtbot.waitUntil(lambda: bool(signed_in) and session.main.isVisible(), timeout=5000)
    assert session.officer is not None
    assert not session.main.is_locked() and not session.card_watch.paused
    assert session.unlock_dialog.result() == QDialog.DialogCode.Rejected
