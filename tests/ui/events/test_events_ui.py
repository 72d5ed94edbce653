"""Life events as the officer meets them: the Sự kiện page with days left and contacts,
and at intake "Có sự kiện liên quan" opening the suggested procedure prefilled; saving
the dossier closes the event."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.services import life_events
from app.services.calendar.store import CalendarStore
from app.services.card.passive_auth import TrustStore
from app.services.catalog.store import CatalogStore
from app.services.demo import DEMO_PASSWORD, DEMO_USER
from app.services.identity import Identity, IdentitySource
from app.services.security.accounts import authenticate
from app.services.storage.models import Dossier, LifeEventContact
from app.settings import Settings
from app.shared import wire
from app.ui.events.banner import RelatedEventsBanner
from app.ui.events.page import EventsPage
from app.ui.intake.controller import IntakeController
from app.ui.tasks import SyncRunner

MOTHER = Identity("001190000123", "Phạm Thị Mẫu", dt.date(1995, 4, 1), "Nữ", IdentitySource.TYPED)
TODAY = life_events.today_vn()


def _birth(db, days_ago: int = 3) -> str:
    born = dt.datetime.combine(TODAY - dt.timedelta(days=days_ago), dt.time(5, 40))
    change = wire.LifeEventWire(
        id="6c1f1e52-0000-4000-8000-000000000001",
        event_type="birth",
        certificate_number="CS00000042/2026",
        event_date=born.date(),
        facility="Bệnh viện thử nghiệm",
        payload={"child": {"sex": "Nam", "born_at": born.isoformat() + "+07:00"}},
        subject={"id_number": MOTHER.id_number, "full_name": MOTHER.full_name},
        relatives=[{"id_number": "001090000456", "full_name": "Đỗ Văn Bố", "relation": "Chồng"}],
        procedure_codes=["603"],
    )
    with db.session() as s:
        life_events.apply(s, change)
    return change.id


def _death(db, days_ago: int) -> None:
    died = TODAY - dt.timedelta(days=days_ago)
    with db.session() as s:
        life_events.apply(
            s,
            wire.LifeEventWire(
                id="6c1f1e52-0000-4000-8000-000000000002",
                event_type="death",
                certificate_number="BT00000007/2026",
                event_date=died,
                subject={"id_number": "001050000789", "full_name": "Vũ Văn Cụ"},
                procedure_codes=["TU-TUAT"],
                filing_deadline=died + dt.timedelta(days=90),
            ),
        )


def test_the_events_page_shows_days_left_and_records_a_contact(qtbot, demo_db) -> None:
    _birth(demo_db)
    _death(demo_db, days_ago=95)
    officer = authenticate(demo_db, DEMO_USER, DEMO_PASSWORD)
    page = EventsPage(demo_db, lambda: CatalogStore().current, officer.officer_id, SyncRunner())
    qtbot.addWidget(page)
    page.reload()
    assert page.table.rowCount() == 2
    cells = [[page.table.item(r, c).text() for c in range(7)] for r in range(2)]
    death = next(row for row in cells if row[0].startswith("Tử"))
    assert death[4] == "Quá hạn 5 ngày"  # 90 days from the death, 95 days ago
    assert "Người mất: Vũ Văn Cụ" in death[2]
    birth = next(row for row in cells if row[0].startswith("Sinh"))
    assert birth[4] == "Không giới hạn" and birth[5] == "Chưa liên hệ"
    assert "2 sự kiện chờ gia đình, 1 đã quá hạn nộp" in page.summary.text()

    page.table.selectRow(cells.index(birth))

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "contact-dialog":
            QTimer.singleShot(20, fill)
            return
        dialog.outcome.setCurrentIndex(dialog.outcome.findData("will_come"))
        dialog.note.setText("Hẹn thứ Hai mang giấy chứng sinh")
        dialog.accept()

    QTimer.singleShot(0, fill)
    page.record_contact()
    row = next(r for r in range(2) if page.table.item(r, 0).text().startswith("Sinh"))
    assert page.table.item(row, 5).text() == "1 lần · Gia đình hẹn đến nộp"
    assert "nhận 2 sự kiện, lập 0 hồ sơ từ sự kiện" in page.month.text()
    with demo_db.session() as s:
        (contact,) = s.scalars(select(LifeEventContact))
        assert (contact.channel, contact.officer_id) == ("phone", officer.officer_id)


def test_the_mother_at_the_counter_gets_the_childs_card_procedure_prefilled(qtbot, demo_db) -> None:
    event_id = _birth(demo_db)
    officer = authenticate(demo_db, DEMO_USER, DEMO_PASSWORD)
    controller = IntakeController(
        demo_db, Settings(), officer, CatalogStore(), CalendarStore(), TrustStore(),
        SyncRunner(), SyncRunner(),
    )  # fmt: skip
    banner = RelatedEventsBanner(controller, demo_db, SyncRunner())
    qtbot.addWidget(banner)
    controller.typed(MOTHER)
    assert not banner.isHidden()
    assert "Có sự kiện liên quan" in banner.text.text() and "Sinh" in banner.text.text()

    banner.open_button.click()
    assert controller.state.procedure_code == "603"
    assert controller.state.event_form["child_sex"] == "Nam"
    controller.all_received()
    controller.save()
    with demo_db.session() as s:
        dossier = s.scalars(select(Dossier).where(Dossier.procedure_code == "603")).one()
        assert dossier.form_data["birth_certificate_number"] == "CS00000042/2026"
    (view,) = [v for v in life_events.list_events(demo_db) if v.id == event_id]
    assert view.status == "closed" and view.closed_dossier_code == dossier.code

    # the next citizen has nothing to do with the event: no banner, no event fields
    controller.typed(Identity("001090000999", "Người Khác", None, "Nam", IdentitySource.TYPED))
    assert banner.isHidden() and banner.fields.isHidden()


def test_choosing_another_procedure_drops_the_events_fields(qtbot, demo_db) -> None:
    _birth(demo_db)
    officer = authenticate(demo_db, DEMO_USER, DEMO_PASSWORD)
    controller = IntakeController(
        demo_db, Settings(), officer, CatalogStore(), CalendarStore(), TrustStore(),
        SyncRunner(), SyncRunner(),
    )  # fmt: skip
    banner = RelatedEventsBanner(controller, demo_db, SyncRunner())
    qtbot.addWidget(banner)
    controller.typed(MOTHER)
    banner.open_button.click()  # type: ignore[union-attr]
    controller.choose_procedure("610")
    assert controller.state.event_form == {} and banner.fields.isHidden()

    controller.typed(MOTHER)
    banner.open_button.click()  # type: ignore[union-attr]
    assert not banner.fields.isHidden()
    # another citizen before saving: the mother's event fields leave the screen
    controller.typed(Identity("001090000999", "Người Khác", None, "Nam", IdentitySource.TYPED))
    assert controller.state.event_form == {} and banner.fields.isHidden()


def test_ctrl_g_records_a_contact_and_ctrl_l_still_locks_the_screen(qtbot, demo_db) -> None:
    """In the main window both shortcuts fire: Ctrl+G opens the contact dialog on the
    Sự kiện page, Ctrl+L locks the screen (one key for both made Qt fire neither)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWidget

    from app.ui.main_window import MainWindow, Page

    _birth(demo_db)
    officer = authenticate(demo_db, DEMO_USER, DEMO_PASSWORD)
    page = EventsPage(demo_db, lambda: CatalogStore().current, officer.officer_id, SyncRunner())
    window = MainWindow([Page("intake", "Tiếp nhận", QWidget()), Page("events", "Sự kiện", page)])
    qtbot.addWidget(window)
    window.show_page_index(1)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    page.reload()
    page.table.setFocus()
    page.table.selectRow(0)

    dialogs: list[str] = []

    def close_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, close_dialog)
            return
        dialogs.append(dialog.objectName())
        dialog.reject()

    QTimer.singleShot(0, close_dialog)
    qtbot.keyClick(page.table, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialogs == ["contact-dialog"], timeout=3000)

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    with qtbot.waitSignal(window.lock_requested, timeout=3000):
        qtbot.keyClick(page.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)


def _controller(demo_db):  # type: ignore[no-untyped-def]
    officer = authenticate(demo_db, DEMO_USER, DEMO_PASSWORD)
    return IntakeController(
        demo_db, Settings(), officer, CatalogStore(), CalendarStore(), TrustStore(),
        SyncRunner(), SyncRunner(),
    )  # fmt: skip


def test_the_officer_sees_the_childs_data_corrects_it_and_tk1ts_names_the_mother(
    qtbot, demo_db
) -> None:
    import io

    from pypdf import PdfReader

    _birth(demo_db)
    controller = _controller(demo_db)
    banner = RelatedEventsBanner(controller, demo_db, SyncRunner())
    qtbot.addWidget(banner)
    saved: list = []
    controller.saved.connect(saved.append)
    controller.typed(MOTHER)
    assert banner.fields.isHidden()
    banner.open_button.click()  # type: ignore[union-attr]
    assert not banner.fields.isHidden() and "giấy chứng sinh" in banner.fields.title()
    shown = banner.fields.values()
    born = (TODAY - dt.timedelta(days=3)).strftime("%d/%m/%Y")
    assert shown["child_dob"] == born and shown["child_sex"] == "Nam"
    assert shown["guardian"] == MOTHER.full_name
    assert shown["birth_certificate_number"] == "CS00000042/2026"
    assert shown["child_name"] == ""  # the certificate has no name yet: the officer types it
    name = banner.fields.edits["child_name"]
    name.setFocus()
    name.insert("Đỗ Minh An")  # as typed (QTest cannot type Vietnamese letters)
    assert controller.state.event_form["child_name"] == "Đỗ Minh An"

    controller.all_received()
    controller.save()
    qtbot.waitUntil(lambda: bool(saved), timeout=10000)
    with demo_db.session() as s:
        dossier = s.scalars(select(Dossier).where(Dossier.procedure_code == "603")).one()
        assert dossier.form_data["child_name"] == "Đỗ Minh An"
    assert saved[0].tk1ts_pdf is not None
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(saved[0].tk1ts_pdf)).pages)
    assert "Đỗ Minh An" in text and born in text
    tail = text[text.index("[10]") :]
    assert MOTHER.full_name in tail[:200]  # item 10: the mother of the child under 6


def test_a_death_offers_survivors_benefits_and_the_funeral_grant_each_its_own_dossier(
    qtbot, demo_db
) -> None:
    son = Identity("001085000321", "Vũ Văn Con", dt.date(1985, 2, 3), "Nam", IdentitySource.TYPED)
    died = TODAY - dt.timedelta(days=10)
    with demo_db.session() as s:
        life_events.apply(
            s,
            wire.LifeEventWire(
                id="6c1f1e52-0000-4000-8000-000000000003",
                event_type="death", certificate_number="BT00000009/2026", event_date=died,
                payload={"deceased": {"id_number": "001050000789", "full_name": "Vũ Văn Cụ"},
                         "died_at": died.isoformat() + "T22:00:00+07:00"},
                subject={"id_number": "001050000789", "full_name": "Vũ Văn Cụ"},
                relatives=[{"id_number": son.id_number, "full_name": son.full_name,
                            "relation": "Con"}],
                procedure_codes=["TU-TUAT", "MAI-TANG"],
                filing_deadline=died + dt.timedelta(days=90),
            ),
        )  # fmt: skip
    controller = _controller(demo_db)
    banner = RelatedEventsBanner(controller, demo_db, SyncRunner())
    qtbot.addWidget(banner)
    saved: list = []
    controller.saved.connect(saved.append)
    controller.typed(son)
    assert [b.text() for b in banner.buttons] == [
        "&Mở thủ tục gợi ý: Hưởng chế độ tử tuất",
        "Mở: Trợ cấp mai táng",
    ]
    assert "Hưởng chế độ tử tuất, Trợ cấp mai táng" in banner.text.text()
    codes = [code for _v, code in banner.offers]
    assert codes == ["TU-TUAT", "MAI-TANG"]

    banner.buttons[1].click()  # the funeral grant first
    assert controller.state.procedure_code == "MAI-TANG"
    shown = banner.fields.values()
    assert shown["deceased_name"] == "Vũ Văn Cụ" and shown["claimant_relation"] == "Con"
    assert shown["died_on"] == died.strftime("%d/%m/%Y")
    controller.all_received()
    controller.save()
    qtbot.waitUntil(lambda: len(saved) == 1, timeout=10000)
    (view,) = [
        v for v in life_events.list_events(demo_db) if v.certificate_number == "BT00000009/2026"
    ]
    assert view.status == "open"  # survivors' benefits still to file

    controller.typed(son)  # the family comes back for the other benefit
    assert [code for _v, code in banner.offers] == ["TU-TUAT"]
    banner.open_suggested()
    assert controller.state.procedure_code == "TU-TUAT"
    controller.all_received()
    controller.save()
    qtbot.waitUntil(lambda: len(saved) == 2, timeout=10000)
    (view,) = [
        v for v in life_events.list_events(demo_db) if v.certificate_number == "BT00000009/2026"
    ]
    assert view.status == "closed" and view.closed_dossier_code == saved[1].code
