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


def test_the_event_date_starts_blank_and_asks_for_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    notes = ProcedureNotes()
    qtbot.addWidget(notes)
    notes.show()
    notes.set_procedure(CATALOG.get("TU-TUAT"))
    assert notes.event_day() is None and notes.check() is None  # no "today" default
    assert notes.event_date.text() == "(chưa nhập)"
    assert "Nhập ngày chết để kiểm tra thời hạn nộp 90 ngày" in notes.filing.text()
    death = dt.date.today() - dt.timedelta(days=100)
    with qtbot.waitSignal(notes.event_changed) as entered:
        notes.event_date.setDate(QDate(death.year, death.month, death.day))
    assert entered.args == [death]


def test_the_event_date_and_its_check_are_saved_with_the_dossier(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    from app.services.calendar.store import CalendarStore
    from app.services.card.passive_auth import TrustStore
    from app.services.catalog.store import CatalogStore
    from app.services.demo import DEMO_PASSWORD, DEMO_USER
    from app.services.identity import Identity, IdentitySource
    from app.services.security.accounts import authenticate
    from app.services.storage.models import Dossier
    from app.settings import Settings
    from app.ui.intake.controller import IntakeController
    from app.ui.tasks import SyncRunner

    controller = IntakeController(
        demo_db, Settings(), authenticate(demo_db, DEMO_USER, DEMO_PASSWORD), CatalogStore(),
        CalendarStore(), TrustStore(), SyncRunner(), SyncRunner(),
    )  # fmt: skip
    controller.typed(
        Identity("001090008888", "Phạm Văn Thân", dt.date(1980, 5, 6), "Nam", IdentitySource.TYPED)
    )
    controller.choose_procedure("TU-TUAT")
    assert controller.filing_event() is None
    from app.services.calendar import VN_TZ

    death = dt.datetime.now(VN_TZ).date() - dt.timedelta(days=95)  # the office's day
    controller.set_filing_event(death)
    controller.all_received()
    controller.save()
    qtbot.waitUntil(lambda: controller.last_saved is not None, timeout=20000)
    with demo_db.session() as s:
        saved = s.get(Dossier, controller.last_saved.dossier_id)
        form = dict(saved.form_data)
    assert form["filing_event_date"] == death.isoformat()
    assert form["filing_check"]["state"] == "passed" and form["filing_check"]["days"] == 5
