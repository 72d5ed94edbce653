"""End to end through the real pcscd, the project's virtual card and the CUPS queue:
scan → tap → fields shown → procedure → all received → save → receipt printed.

Officer actions are counted: a standard dossier takes at most five from the card tap
to the printed receipt, and no identity character is typed.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import func, select

from app.cardsim.profile import load_profile
from app.services.calendar.days import local
from app.services.identity import IdentitySource, Verdict
from app.services.storage.models import Citizen, Dossier, OutboxItem
from app.ui.demo_tools import qr_text
from tests.ui.intake.conftest import pdf_text, zbar

pytestmark = [pytest.mark.pcsc, pytest.mark.cups]


def send_text(widget, text: str) -> None:
    """Key events carrying each character, as a keyboard wedge delivers Unicode text
    (QTest.keyClicks handles ASCII only)."""
    for char in text:
        key = ord(char.upper()) if char.isascii() and char.isalnum() else 0
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char)
            )


class Officer:
    """Drives the window with the keyboard, counting each action."""

    def __init__(self, qtbot, session) -> None:
        self.qtbot, self.session, self.actions = qtbot, session, 0

    def _target(self):
        return QApplication.focusWidget() or self.session.main

    def scan(self, text: str) -> None:
        """The 2D scanner types the QR text and Enter as one fast burst."""
        self.actions += 1
        send_text(self._target(), text)
        self.qtbot.keyClick(self._target(), Qt.Key.Key_Return)

    def type_and_enter(self, text: str) -> None:
        self.actions += 1
        self.qtbot.keyClicks(self._target(), text)
        self.qtbot.wait(120)  # a person types slower than the scanner burst gap
        self.qtbot.keyClick(self._target(), Qt.Key.Key_Return)

    def press(self, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        self.actions += 1
        self.qtbot.keyClick(self._target(), key, modifier)


def intake(session):
    return session.intake


def wait_identity(qtbot, session, source: IdentitySource, timeout: int = 15000) -> None:
    qtbot.waitUntil(
        lambda: (i := intake(session).state.identity) is not None and i.source is source,
        timeout=timeout,
    )
    # the citizen's record is read on the database worker, just after
    qtbot.waitUntil(lambda: intake(session).state.record is not None, timeout=timeout)


def test_tap_to_printed_receipt_in_five_actions(qtbot, session, printed_files, tmp_path):
    profile = load_profile("cccd-2021")
    officer = Officer(qtbot, session)
    page = session.main.findChild(type(session.main.stack.widget(0)), "intake_page")

    session.virtual_cards.insert("cccd-2021")  # the citizen puts the card on the reader
    qtbot.waitUntil(lambda: intake(session).card_reader != "", timeout=10000)
    officer.scan(qr_text(profile))  # 1: scan the card's QR: keys for the chip
    wait_identity(qtbot, session, IdentitySource.CHIP)
    identity = intake(session).state.identity

    # every identity field is shown from the chip, none typed
    fields = page.identity.fields
    assert fields["full_name"].text() == "Trần Thị Thu Hà"
    assert fields["id_number"].text() == "001188012345"
    assert fields["dob_text"].text() == "15/03/1988"
    assert fields["residence"].text() == profile.holder.residence
    # the demo trusts its own test CSCA: officers in training see a genuine card green
    assert identity.checks.passive is Verdict.PASSED and identity.checks.active is Verdict.PASSED
    assert "Thẻ thật" in page.identity.verdict.text()
    assert "1b5e20" in page.identity.verdict.styleSheet()  # green
    assert not page.identity.portrait.pixmap().isNull()
    # the stored (demo) record had an older address: shown, and the adjustment offered
    assert any(d.label == "Nơi cư trú" for d in intake(session).state.record.differences)
    assert page.adjust.isVisibleTo(page)

    officer.type_and_enter("602")  # 2: procedure by code, Enter
    assert intake(session).state.procedure_code == "602"
    officer.press(Qt.Key.Key_F8)  # 3: all documents received
    assert intake(session).missing() == []
    officer.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # 4: save and print
    qtbot.waitUntil(lambda: intake(session).last_saved is not None, timeout=20000)
    saved = intake(session).last_saved
    assert officer.actions <= 5

    # stored: one dossier, with the chip's identity, queued for sync
    with session.db.session() as s:
        dossier = s.scalar(select(Dossier).where(Dossier.code == saved.code))
        citizen = s.get(Citizen, dossier.citizen_id)
        assert (
            citizen.full_name == "Trần Thị Thu Hà" and citizen.residence == profile.holder.residence
        )
        assert citizen.id_verified_by == "chip"
        assert dossier.status == "received" and dossier.procedure_code == "602"
        assert s.scalar(select(OutboxItem).where(OutboxItem.entity_id == dossier.id))

    # the receipt says what it must
    due = local(saved.due_at)
    text = pdf_text(saved.receipt_pdf)
    for needed in (
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "Trần Thị Thu Hà",
        "001188012345",
        "Đăng ký tham gia bảo hiểm xã hội tự nguyện",
        saved.code,
        # Decree 30/2020 dates: months 1 and 2 take a leading zero
        f"{due:%H} giờ {due:%M} phút, ngày {due:%d} tháng {due.month:02d}"
        if due.month < 3
        else f"{due:%H} giờ {due:%M} phút, ngày {due:%d} tháng {due.month} năm {due:%Y}",
    ):
        assert needed in text, needed
    assert due.date() > dt.date.today()

    # and it reached the printer: two copies, the QR code of this dossier
    files = printed_files(saved.code, 2)
    receipt = next(f for f in files if "receipt" in f.name)
    assert zbar(receipt, tmp_path, 1) == [f"MOTCUA|{saved.code}|{saved.lookup_code}"]
    assert zbar(receipt, tmp_path, 2) == [f"MOTCUA|{saved.code}|{saved.lookup_code}"]
    assert any("tk1ts" in f.name for f in files)  # the prefilled declaration for signature
    qtbot.waitUntil(lambda: "Đã in giấy tiếp nhận" in page.status.text(), timeout=10000)
    assert saved.code in page.status.text()


def test_qr_scan_alone_identifies_and_saves(qtbot, session, printed_files, tmp_path):
    officer = Officer(qtbot, session)
    page = session.main.findChild(type(session.main.stack.widget(0)), "intake_page")
    officer.scan(qr_text(load_profile("cccd-2021")))  # no card on the reader: the QR alone
    wait_identity(qtbot, session, IdentitySource.QR)
    assert page.identity.fields["full_name"].text() == "Trần Thị Thu Hà"
    assert "Chưa kiểm tra tính xác thực" in page.identity.verdict.text()
    officer.type_and_enter("603")
    officer.press(Qt.Key.Key_F8)
    officer.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: intake(session).last_saved is not None, timeout=20000)
    assert officer.actions == 4
    saved = intake(session).last_saved
    with session.db.session() as s:
        dossier = s.scalar(select(Dossier).where(Dossier.code == saved.code))
        assert s.get(Citizen, dossier.citizen_id).id_verified_by == "qr"
    files = printed_files(saved.code, 2)
    assert zbar(next(f for f in files if "receipt" in f.name), tmp_path) == [
        f"MOTCUA|{saved.code}|{saved.lookup_code}"
    ]


def test_expired_card_warns_and_needs_a_reason(qtbot, session, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    asked = []
    monkeypatch.setattr(
        QInputDialog,
        "getText",
        staticmethod(lambda *a, **k: (asked.append(a) or "Công dân đã hẹn đổi thẻ", True)),
    )
    session.virtual_cards.insert("cancuoc-2024")  # expired on its holder's 25th birthday
    qtbot.waitUntil(lambda: intake(session).card_reader != "", timeout=10000)
    intake(session).use_can("004567")
    wait_identity(qtbot, session, IdentitySource.CHIP)
    assert asked, "the officer is asked why an expired card is accepted"
    assert intake(session).state.expired_reason == "Công dân đã hẹn đổi thẻ"
    intake(session).choose_procedure("603")
    intake(session).all_received()
    intake(session).save()
    qtbot.waitUntil(lambda: intake(session).last_saved is not None, timeout=20000)
    with session.db.session() as s:
        dossier = s.scalar(select(Dossier).where(Dossier.code == intake(session).last_saved.code))
        assert "hết hạn" in dossier.notes and "hẹn đổi thẻ" in dossier.notes


def test_typed_entry_when_nothing_can_be_read(qtbot, session, printed_files):
    page = session.main.findChild(type(session.main.stack.widget(0)), "intake_page")
    from app.ui.intake.dialogs import TypedEntryDialog

    def fill(dialog: TypedEntryDialog) -> None:
        dialog.id_number.setText("048085000777")
        dialog.full_name.setText("Lê Đức Thắng")
        dialog.dob.setText("30/11/1985")
        dialog.sex.setCurrentText("Nam")
        dialog.residence.setText("Phường Hải Châu, Thành phố Đà Nẵng")
        dialog.try_accept()

    from PySide6.QtCore import QTimer

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, TypedEntryDialog):
            fill(dialog)
        else:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(0, answer)
    qtbot.keyClick(session.main, Qt.Key.Key_F2)
    wait_identity(qtbot, session, IdentitySource.TYPED)
    assert "nhập tay" in page.status.text().lower()
    page.search.setText("BHXH-MOTLAN")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # the first match, by keyboard
    page.c.all_received()
    page.save()
    qtbot.waitUntil(lambda: intake(session).last_saved is not None, timeout=20000)
    saved = intake(session).last_saved
    assert "Lê Đức Thắng" in pdf_text(saved.receipt_pdf)
    printed_files(saved.code, 1)


def test_card_pulled_mid_read_then_read_again(qtbot, session):
    profile = load_profile("cccd-2021")
    seen: list[tuple[str, object]] = []
    intake(session).status.connect(
        lambda text, level: seen.append(
            (text, getattr(intake(session).state.identity, "source", None))
        )
    )
    session.virtual_cards.insert("cccd-2021:remove-at=25")  # pulled after 25 APDUs
    qtbot.waitUntil(lambda: intake(session).card_reader != "", timeout=10000)
    Officer(qtbot, session).scan(qr_text(profile))
    qtbot.waitUntil(lambda: any("nhấc ra" in text for text, _ in seen), timeout=15000)
    text, source = next((t, src) for t, src in seen if "nhấc ra" in t)
    assert "Đặt lại thẻ" in text
    assert source is IdentitySource.QR  # nothing half-read was kept
    session.virtual_cards.insert("cccd-2021")  # the citizen places it again
    try:
        wait_identity(qtbot, session, IdentitySource.CHIP)
    except Exception:
        raise AssertionError([t for t, _ in seen]) from None
    assert intake(session).state.identity.full_name == "Trần Thị Thu Hà"


def test_cloned_card_is_red_and_cannot_be_saved(qtbot, session):
    page = session.main.findChild(type(session.main.stack.widget(0)), "intake_page")
    session.virtual_cards.insert("cccd-2021:cloned")
    qtbot.waitUntil(lambda: intake(session).card_reader != "", timeout=10000)
    Officer(qtbot, session).scan(qr_text(load_profile("cccd-2021")))
    wait_identity(qtbot, session, IdentitySource.CHIP)
    assert "THẺ KHÔNG XÁC THỰC" in page.identity.verdict.text()
    assert "b71c1c" in page.identity.verdict.styleSheet()  # red
    page.c.choose_procedure("602")
    page.c.all_received()
    page.save()
    assert intake(session).last_saved is None
    assert "không xác thực" in page.status.text().lower()


def test_second_card_mid_intake_asks_before_switching(qtbot, session, monkeypatch):
    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        staticmethod(lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.No),
    )
    session.virtual_cards.insert("cccd-2021")
    qtbot.waitUntil(lambda: intake(session).card_reader != "", timeout=10000)
    Officer(qtbot, session).scan(qr_text(load_profile("cccd-2021")))
    wait_identity(qtbot, session, IdentitySource.CHIP)
    intake(session).choose_procedure("602")
    # another citizen's card: the keys from the first QR do not open it, so the
    # officer scans its QR; the chip read then belongs to someone else
    session.virtual_cards.remove()
    qtbot.waitUntil(lambda: intake(session).card_reader == "", timeout=10000)
    session.virtual_cards.insert("cancuoc-2024")
    qtbot.waitUntil(lambda: intake(session).card_reader != "", timeout=10000)
    intake(session).use_can("004567")
    qtbot.waitUntil(lambda: bool(asked), timeout=15000)
    assert intake(session).state.identity.full_name == "Trần Thị Thu Hà"  # kept
    assert intake(session).state.procedure_code == "602"


def test_garbage_from_the_scanner_is_refused_and_changes_nothing(qtbot, session):
    page = session.main.findChild(type(session.main.stack.widget(0)), "intake_page")
    Officer(qtbot, session).scan("https://example.vn/|not-a-card|x|y|zzzzzzzzzzzz")
    qtbot.waitUntil(lambda: "Mã QR không hợp lệ" in page.status.text(), timeout=5000)
    assert intake(session).state.identity is None


def test_unfinished_intake_survives_a_restart(qtbot, session, demo_db):
    session.intake.qr_scanned(qr_text(load_profile("cccd-2021")))
    session.intake.choose_procedure("602")
    session.intake.set_contact("0912 345 678", "")
    from app.ui.intake.controller import IntakeController

    again = IntakeController(
        demo_db,
        session.settings,
        session.officer,
        session.catalog,
        session.calendar,
        session.intake.trust,
        session.card_runner,
        session.db_runner,
    )
    session.db_runner.wait()  # the draft is written on the database worker
    again.restore_draft()
    qtbot.waitUntil(lambda: again.state.identity is not None)
    assert again.state.identity.full_name == "Trần Thị Thu Hà"
    assert again.state.procedure_code == "602" and again.state.phone == "0912 345 678"


def test_foreign_workers_passport_via_mrz(qtbot, session):
    page = session.main.findChild(type(session.main.stack.widget(0)), "intake_page")
    session.virtual_cards.insert("passport-td3")
    qtbot.waitUntil(lambda: intake(session).card_reader != "", timeout=10000)
    assert "Quét mã QR" in page.status.text()  # no keys yet: asked for them
    intake(session).use_mrz("UA4815162,851102,310520")  # typed from the MRZ (F3)
    wait_identity(qtbot, session, IdentitySource.PASSPORT)
    identity = intake(session).state.identity
    assert identity.full_name.upper().startswith("LINDQVIST") or "Lindqvist" in identity.full_name
    assert identity.document_number == "UA4815162"
    assert identity.checks.passive is Verdict.PASSED  # the demo trusts its test CSCAs
    assert not page.identity.portrait.pixmap().isNull()  # JPEG 2000 portrait decoded


@pytest.mark.parametrize("session", [True], indirect=True)
def test_demo_dossier_reaches_the_embedded_central_service(qtbot, session):
    """A newcomer sees sync work: the demo starts a central service on loopback."""
    qtbot.waitUntil(lambda: session.sync.engine is not None, timeout=30000)
    intake(session).qr_scanned(qr_text(load_profile("cccd-2021")))
    intake(session).choose_procedure("602")
    intake(session).all_received()
    intake(session).save()
    qtbot.waitUntil(lambda: intake(session).last_saved is not None, timeout=20000)

    def waiting() -> int:
        with session.db.session() as s:
            return s.scalar(
                select(func.count()).select_from(OutboxItem).where(OutboxItem.state != "sent")
            )

    def all_sent() -> bool:  # printing adds access-log records later: sync until none wait
        if waiting():
            session.sync.sync_now()
            qtbot.wait(300)
            return False
        return True

    from app.ui.dossiers.list_model import COLUMNS

    def sync_cell() -> str | None:  # the list reads on its worker: wait for its rows
        model = session.dossier_list.model
        return model.index(0, COLUMNS.index("sync")).data() if model.rowCount() else None

    session.main.show_page("dossiers")
    qtbot.waitUntil(lambda: sync_cell() is not None)
    assert sync_cell() in ("Chờ gửi", "Đã gửi")
    qtbot.waitUntil(all_sent, timeout=30000)
    qtbot.waitUntil(lambda: "Đã đồng bộ" in session.main.sync_status.text(), timeout=30000)
    session.main.show_page("dossiers")  # the list shows each dossier's sync state
    qtbot.waitUntil(lambda: sync_cell() == "Đã gửi")


def test_imported_csca_turns_the_verdict_green(qtbot, session):
    from app.shared import paths
    from app.ui.pages.settings_page import SettingsPage

    page = session.main.findChild(type(session.main.stack.widget(0)), "intake_page")
    # Without the demo's own trust folder the card is amber: no CSCA configured.
    shutil.rmtree(paths.trust_dir(demo=True))
    session._reload_trust()
    session.virtual_cards.insert("cccd-2021")
    qtbot.waitUntil(lambda: intake(session).card_reader != "", timeout=10000)
    Officer(qtbot, session).scan(qr_text(load_profile("cccd-2021")))
    wait_identity(qtbot, session, IdentitySource.CHIP)
    assert intake(session).state.identity.checks.passive is Verdict.NO_CSCA
    session.virtual_cards.remove()
    qtbot.waitUntil(lambda: intake(session).card_reader == "", timeout=10000)
    intake(session).start_new()

    settings_page = session.main.findChild(SettingsPage)
    csca = str(paths.RESOURCES / "cards" / "pki" / "test-csca.der")
    settings_page.import_trust(csca)  # the demo user is a supervisor: refused
    qtbot.waitUntil(lambda: settings_page.message.text() != "", timeout=10000)  # on the worker
    assert "Đã thêm" not in settings_page.message.text()
    from dataclasses import replace

    session.officer = replace(session.officer, role="admin")
    settings_page.import_trust(csca)
    qtbot.waitUntil(lambda: settings_page.message.text() != "", timeout=10000)  # on the worker
    assert "Đã thêm 1 chứng thư CSCA" in settings_page.message.text()
    session.virtual_cards.insert("cccd-2021")
    qtbot.waitUntil(lambda: intake(session).card_reader != "", timeout=10000)
    Officer(qtbot, session).scan(qr_text(load_profile("cccd-2021")))
    wait_identity(qtbot, session, IdentitySource.CHIP)
    assert intake(session).state.identity.checks.passive is Verdict.PASSED
    assert "Thẻ thật" in page.identity.verdict.text()
    assert "1b5e20" in page.identity.verdict.styleSheet()  # green


def test_a_file_that_is_no_certificate_is_refused(qtbot, session, tmp_path):
    from app.ui.pages.settings_page import SettingsPage

    junk = tmp_path / "csca.der"
    junk.write_bytes(b"not a certificate")
    settings_page = session.main.findChild(SettingsPage)
    settings_page.import_trust(str(junk))  # the demo user is a supervisor: not theirs to do
    qtbot.waitUntil(lambda: settings_page.message.text() != "", timeout=10000)  # on the worker
    assert "không được phép" in settings_page.message.text()
    from dataclasses import replace

    session.officer = replace(session.officer, role="admin")
    settings_page.import_trust(str(junk))
    qtbot.waitUntil(lambda: settings_page.message.text() != "", timeout=10000)  # on the worker
    assert "không phải chứng thư CSCA" in settings_page.message.text()


def test_a_scanned_paper_is_stored_encrypted_with_the_dossier(qtbot, session, tmp_path):
    from PIL import Image

    from app.services.attachments import dossier_attachments

    scan = tmp_path / "so-bhxh.jpg"
    Image.new("RGB", (800, 1100), "white").save(scan, "JPEG")
    page = session.main.findChild(type(session.main.stack.widget(0)), "intake_page")
    intake(session).qr_scanned(qr_text(load_profile("cccd-2021")))
    page.attachments.add_files([scan])
    assert page.attachments.pending_files() == [scan]
    intake(session).choose_procedure("602")
    intake(session).all_received()
    page.save()
    qtbot.waitUntil(lambda: intake(session).last_saved is not None, timeout=20000)
    with session.db.session() as s:
        (stored,) = dossier_attachments(s, intake(session).last_saved.dossier_id)
    raw = session.attachments.content_path(stored.sha256).read_bytes()
    assert not raw.startswith(b"\xff\xd8\xff")  # not the JPEG itself: encrypted at rest
    assert session.attachments.read(stored) == scan.read_bytes()
    assert page.attachments.pending_files() == []  # the next citizen starts clean


def test_the_purpose_notice_is_shown_at_intake(qtbot, session):
    from PySide6.QtWidgets import QMessageBox

    page = session.main.findChild(type(session.main.stack.widget(0)), "intake_page")
    assert "Luật Bảo vệ dữ liệu cá nhân" in page.notice.text()
    qtbot.keyClick(session.main, Qt.Key.Key_F1)
    box = page.findChild(QMessageBox, "purpose_notice_box")
    assert box is not None and "91/2025/QH15" in box.text()


def test_scans_from_the_scanner_folder_reach_the_intake(qtbot, session, tmp_path):
    from PIL import Image

    folder = tmp_path / "scanner"
    folder.mkdir()
    session._settings_saved(session.settings.replace(scan_folder=str(folder)))
    page = session.main.findChild(type(session.main.stack.widget(0)), "intake_page")
    Image.new("RGB", (600, 800), "white").save(folder / "scan-0001.jpg", "JPEG")
    polls: list[int] = []
    session._scan_timer.timeout.connect(lambda: polls.append(1))
    # Three polls: the file was stable long enough to be taken, had anyone been served.
    qtbot.waitUntil(lambda: len(polls) >= 3, timeout=10000)
    assert page.attachments.pending_files() == []  # nobody at the counter: it waits
    intake(session).qr_scanned(qr_text(load_profile("cccd-2021")))
    qtbot.waitUntil(lambda: len(page.attachments.pending_files()) == 1, timeout=10000)
    assert not (folder / "scan-0001.jpg").exists()  # taken out of the scanner's way
