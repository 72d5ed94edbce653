"""The counter screen's notes for the chosen procedure: the lost-card notice and the
filing-limit warning with days remaining or passed (real catalog, real widgets)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate

from app.services.catalog import Catalog
from app.services.catalog.filing import FilingState
from app.services.catalog.store import BUILTIN
from app.ui.intake.procedure_notes import ProcedureNotes

CATALOG = Catalog.load(BUILTIN)


def test_lost_card_notice_is_on_the_screen(qtbot) -> None:  # type: ignore[no-untyped-def]
    notes = ProcedureNotes()
    qtbot.addWidget(notes)
    notes.set_procedure(CATALOG.get("610"))
    notes.show()
    assert notes.notice.isVisible()
    assert "thẻ Căn cước (gắn chip) hoặc tài khoản định danh điện tử VNeID mức 2" in (
        notes.notice.text()
    )
    assert not notes.event_date.isVisible()  # no filing limit for a card re-issue
    notes.set_procedure(CATALOG.get("602"))
    assert not notes.notice.isVisible()


def test_survivors_filing_limit_counts_days_passed(qtbot) -> None:  # type: ignore[no-untyped-def]
    notes = ProcedureNotes()
    qtbot.addWidget(notes)
    notes.show()
    notes.set_procedure(CATALOG.get("TU-TUAT"))
    assert notes.event_date.isVisible() and "ngày chết" in notes.event_label.text()
    death = dt.date.today() - dt.timedelta(days=95)
    notes.event_date.setDate(QDate(death.year, death.month, death.day))
    check = notes.check()
    assert check is not None and check.state is FilingState.PASSED and check.days == 5
    assert "quá 5 ngày" in notes.filing.text()
    recent = dt.date.today() - dt.timedelta(days=30)
    notes.event_date.setDate(QDate(recent.year, recent.month, recent.day))
    assert "Còn 60 ngày để nộp" in notes.filing.text()


def test_pension_filed_too_early(qtbot) -> None:  # type: ignore[no-untyped-def]
    notes = ProcedureNotes()
    qtbot.addWidget(notes)
    notes.set_procedure(CATALOG.get("LUONG-HUU"))
    retire = dt.date.today() + dt.timedelta(days=30)
    notes.event_date.setDate(QDate(retire.year, retire.month, retire.day))
    assert "Nộp quá sớm" in notes.filing.text() and "còn 10 ngày nữa" in notes.filing.text()
