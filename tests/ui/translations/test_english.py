"""The English UI: the shipped translation matches the sources, every .qm loads, and
real windows speak English once the translator is installed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QMenu,
    QWidget,
)

from app.errors import ErrorKind, UserError, describe
from app.ui.application import install_translators
from app.ui.login import LoginDialog
from app.ui.main_window import MainWindow, Page
from scripts import translations

TRANSLATIONS = translations.ROOT / "resources" / "translations"

# Letters only Vietnamese uses: an English screen showing one still has a source string.
VIETNAMESE = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.IGNORECASE
)


def visible_texts(widget: QWidget) -> list[str]:
    """What an officer reads on a window: its title, labels, buttons and menus."""
    texts = [widget.windowTitle()]
    texts += [label.text() for label in widget.findChildren(QLabel)]
    texts += [button.text() for button in widget.findChildren(QAbstractButton)]
    for menu in widget.findChildren(QMenu):
        texts.append(menu.title())
        texts += [action.text() for action in menu.actions()]
    return [t for t in texts if t]


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    """The translator exactly as the app installs it for language "en"; removed
    afterwards so the other tests keep the Vietnamese source strings."""
    before = set(qapp.findChildren(QTranslator))
    install_translators(qapp, "en")
    added = [t for t in qapp.findChildren(QTranslator) if t not in before]
    assert added, "install_translators(app, 'en') loaded no translation"
    yield
    for translator in added:
        qapp.removeTranslator(translator)
        translator.setParent(None)


def test_english_translation_is_current_and_complete():
    result = translations.check()
    assert result.ok, result.report()


@pytest.mark.parametrize("qm", sorted(TRANSLATIONS.glob("*.qm")), ids=lambda p: p.name)
def test_every_qm_loads_and_holds_its_ts(qapp: QApplication, qm: Path):
    translator = QTranslator()
    assert translator.load(str(qm)), f"{qm.name} does not load"
    assert not translator.isEmpty()
    finished = [
        m
        for m in translations.read_messages(qm.with_suffix(".ts"))
        if m.active and m.state == "finished" and not m.numerus
    ]
    assert finished
    wrong = [
        m.label()
        for m in finished
        if translator.translate(m.context, m.source, m.comment or None) != m.translations[0]
    ]
    assert not wrong, "compiled .qm disagrees with the .ts:\n" + "\n".join(wrong)


def test_there_is_an_english_qm(qapp: QApplication):
    assert (TRANSLATIONS / "motcua_en.qm").is_file()


def test_login_dialog_in_english(qtbot, english):
    dialog = LoginDialog(lambda u, p: None)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "MotCua — Sign in"
    buttons = {b.text() for b in dialog.findChildren(QAbstractButton)}
    assert {"Sign in", "Exit"} <= buttons
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"&User name:", "&Password:"} <= labels
    assert not [t for t in visible_texts(dialog) if VIETNAMESE.search(t)]


def test_main_window_menus_and_status_in_english(qtbot, english):
    pages = [Page("intake", "Intake", QWidget()), Page("settings", "Settings", QWidget())]
    window = MainWindow(pages)
    qtbot.addWidget(window)
    assert window.windowTitle() == "MotCua — Intake and Results Desk"
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&Go to", "&System"]
    system = window.menuBar().actions()[1].menu()
    assert "&Lock screen" in [a.text() for a in system.actions()]
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "1. Intake",
        "2. Settings",
    ]
    assert window.reader_status.text() == "Reader: checking…"
    assert not [t for t in visible_texts(window) if VIETNAMESE.search(t)]


def test_navigation_built_by_the_session_in_english(qtbot, english, demo_db):
    from app.services.demo import DEMO_PASSWORD, DEMO_USER
    from app.settings import Settings
    from app.ui.session import CounterSession

    def login_when_shown() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, login_when_shown)
            return
        dialog.username.setText(DEMO_USER)
        dialog.password.setText(DEMO_PASSWORD)
        dialog.try_login()

    session = CounterSession(demo_db, Settings(), demo=True, start_sync=False)
    QTimer.singleShot(0, login_when_shown)
    assert session.start()
    qtbot.addWidget(session.main)
    try:
        nav = session.main.nav
        assert [nav.item(i).text() for i in range(nav.count())] == [
            "1. Intake",
            "2. Dossiers",
            "3. Return results",
            "4. Reports",
            "5. Settings",
            "6. Life events",
            "7. Project 06 indicators",
        ]
    finally:
        session.shutdown()


def test_identity_panel_field_names_in_english(qtbot, english):
    from app.ui.intake.identity_panel import IdentityPanel, passive_detail_text

    panel = IdentityPanel()
    qtbot.addWidget(panel)
    texts = visible_texts(panel)
    assert "Personal ID number" in texts and "Date of birth" in texts
    assert (
        passive_detail_text("signature invalid") == "the digital signature of the data is invalid"
    )


def test_error_message_in_english(english):
    message = describe(UserError(ErrorKind.NO_CARD))
    assert message.title == "No card"
    assert message.text == "There is no card on the reader."
    assert "reader" in message.action and not VIETNAMESE.search(message.action)


def test_without_the_translator_the_ui_stays_vietnamese(qapp: QApplication):
    """The fixture removed the English translator: other tests still read Vietnamese."""
    assert describe(UserError(ErrorKind.NO_CARD)).title == "Chưa có thẻ"
