"""The application as an officer meets it: log-in, main window, shortcuts, idle lock,
settings screen, one instance per data folder."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from app import settings as settings_mod
from app.services.demo import DEMO_PASSWORD, DEMO_USER
from app.settings import Settings
from app.shared import paths
from app.ui.application import SingleInstance
from app.ui.login import LoginDialog
from app.ui.session import CounterSession


def _answer_modal(qtbot, fill):
    """Fill the next modal dialog when it appears (exec() blocks the test otherwise)."""

    def attempt():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, attempt)
            return
        fill(dialog)

    QTimer.singleShot(0, attempt)


def _login(dialog, password=DEMO_PASSWORD):
    dialog.username.setText(DEMO_USER)
    dialog.password.setText(password)
    dialog.try_login()


def test_demo_login_reaches_the_main_window(qtbot, demo_db):
    session = CounterSession(demo_db, Settings(), demo=True, start_sync=False)
    seen = {}

    def fill(dialog):
        seen["title"] = dialog.windowTitle()
        seen["hint"] = dialog.findChild(QLabel, "demo_hint").text()
        _login(dialog)

    _answer_modal(qtbot, fill)
    assert session.start()
    qtbot.addWidget(session.main)
    assert "Đăng nhập" in seen["title"] and DEMO_PASSWORD in seen["hint"]
    main = session.main
    assert main.isVisible()
    assert "Cán bộ Trình Diễn" in main.officer_status.text()
    assert [main.nav.item(i).text() for i in range(main.nav.count())] == [
        "1. Tiếp nhận",
        "2. Hồ sơ",
        "3. Trả kết quả",
        "4. Báo cáo",
        "5. Cài đặt",
        "6. Sự kiện",
        "7. Chỉ tiêu Đề án 06",
    ]


def test_wrong_password_says_so_in_vietnamese(qtbot, demo_db):
    from app.services.security import accounts

    dialog = LoginDialog(lambda u, p: accounts.authenticate(demo_db, u, p))
    qtbot.addWidget(dialog)
    _login(dialog, password="sai mật khẩu")
    assert dialog.result() != QDialog.Accepted
    assert dialog.error.isVisibleTo(dialog)
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in dialog.error.text()
    assert dialog.password.text() == ""


def _signed_in_session(qtbot, demo_db) -> CounterSession:
    session = CounterSession(demo_db, Settings(), demo=True, start_sync=False)
    _answer_modal(qtbot, _login)
    assert session.start()
    qtbot.addWidget(session.main)
    session.main.activateWindow()
    qtbot.waitUntil(session.main.isActiveWindow, timeout=3000)  # shortcuts need focus
    return session


def test_keyboard_shortcuts_switch_pages(qtbot, demo_db):
    main = _signed_in_session(qtbot, demo_db).main
    for index, key in enumerate(["intake", "dossiers", "returns", "reports", "settings"]):
        qtbot.keyClick(main, Qt.Key_1 + index, Qt.ControlModifier)
        assert main.current_page_key() == key


def test_idle_lock_asks_for_the_password_and_keeps_the_work(qtbot, demo_db):
    session = _signed_in_session(qtbot, demo_db)
    main = session.main
    main.show_page("settings")
    page = main.current_page()
    page.office_name.setText("Việc đang làm dở")
    session.idle.set_interval_ms(50)
    qtbot.waitUntil(lambda: getattr(session, "unlock_dialog", None) is not None, timeout=3000)
    dialog = session.unlock_dialog
    assert dialog.isVisible()
    dialog.reject()  # Esc does not unlock
    assert dialog.isVisible()
    dialog.password.setText("wrong")
    dialog.try_unlock()
    qtbot.waitUntil(dialog.password.isEnabled, timeout=10000)
    assert dialog.isVisible() and "không đúng" in dialog.error.text()
    dialog.password.setText(DEMO_PASSWORD)
    dialog.try_unlock()
    qtbot.waitUntil(dialog.password.isEnabled, timeout=10000)
    assert not dialog.isVisible()
    assert main.current_page_key() == "settings"
    assert page.office_name.text() == "Việc đang làm dở"


def test_settings_screen_saves_and_refuses_bad_values(qtbot, demo_db):
    main = _signed_in_session(qtbot, demo_db).main
    qtbot.keyClick(main, Qt.Key_5, Qt.ControlModifier)
    page = main.current_page()
    page.office_code.setText("")
    page.save()
    assert "office_code" in page.message.text()
    demo_file = paths.settings_file(demo=True)
    assert not demo_file.exists()  # nothing written
    page.office_code.setText("000.00.22.H99")
    page.counter_number.setValue(3)
    page.save()
    assert "Đã lưu" in page.message.text()
    saved = settings_mod.load(demo_file)[0]
    assert saved.office_code == "000.00.22.H99" and saved.counter_number == 3
    assert not paths.settings_file().exists()  # the demo never touches the office's settings


def test_second_instance_brings_the_first_forward(qtbot):
    first = SingleInstance()
    activated = []
    first.on_activate = lambda: activated.append(True)
    assert first.claim()
    second = SingleInstance()
    assert not second.claim()
    qtbot.waitUntil(lambda: activated == [True], timeout=3000)
    first.server.close()


def test_first_run_without_demo_creates_the_admin(qtbot, db):
    from app.services.security import accounts

    session = CounterSession(db, Settings(), demo=False, start_sync=False)
    steps = []

    def fill(dialog):
        if dialog.objectName() == "first_run":
            steps.append("first_run")
            dialog.office_code.setText("000.00.22.H99")
            dialog.office_name.setText("Bảo hiểm xã hội cơ sở Thử Nghiệm")
            dialog.full_name.setText("Quản Trị Viên")
            dialog.password.setText("mật-khẩu-dài")
            dialog.password2.setText("mật-khẩu-dài")
            dialog.try_create()  # saved on the database worker: the window then closes
            qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
            _answer_modal(qtbot, fill)
        else:
            steps.append("login")
            dialog.username.setText("admin")
            dialog.password.setText("mật-khẩu-dài")
            dialog.try_login()

    _answer_modal(qtbot, fill)
    assert session.start()
    qtbot.addWidget(session.main)
    assert steps == ["first_run", "login"]
    assert accounts.has_officers(db)
    assert session.officer.role == "admin"
