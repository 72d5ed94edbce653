"""The dossier list, detail dialog and returns page, driven by keyboard as officers do."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

import pytest
from intake_factories import Env, vn
from PIL import Image, ImageDraw
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton
from pytestqt.qtbot import QtBot
from ui_samples import PEOPLE, SCREENSHOTS, rules, take_in

from app.services.attachments import AttachmentStore
from app.services.forms import samples
from app.services.forms.model import RefusalGround
from app.services.lifecycle import Status
from app.services.storage.models import Dossier, DossierAttachment
from app.ui.dossiers import DossierDetailDialog, DossierListPage, ReturnsPage
from app.ui.dossiers.list_model import COLUMNS
from app.ui.dossiers.refusal_dialog import RefusalChoice, RefusalDialog
from app.ui.tasks import SyncRunner
from tests.unit.forms.forms_readback import pdf_text

NOW = vn("2026-03-12T09:00")


def shot(widget, name: str) -> Path:
    """A picture of the page; into docs/screenshots only when asked (make screenshots)."""
    folder = SCREENSHOTS if os.environ.get("MOTCUA_WRITE_SCREENSHOTS") else Path(tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"dossiers-{name}.png"
    assert widget.grab().save(str(path))
    return path


def column(page, name: str) -> list[str]:
    m = page.model
    return [m.index(r, COLUMNS.index(name)).data() for r in range(m.rowCount())]


@pytest.fixture
def list_page(qtbot: QtBot, env: Env, sample: list[Dossier]) -> DossierListPage:
    opened: list[str] = []
    page = DossierListPage(
        env.db, env.catalog, open_dossier=opened.append, clock=lambda: NOW, runner=SyncRunner()
    )
    page.opened = opened  # type: ignore[attr-defined]
    qtbot.addWidget(page)
    page.resize(1100, 520)
    page.show()
    return page


def test_list_shows_newest_first_with_vietnamese_status(list_page: DossierListPage) -> None:
    assert column(list_page, "citizen") == list(reversed(PEOPLE))
    statuses = dict(zip(column(list_page, "citizen"), column(list_page, "status"), strict=True))
    assert statuses["Nguyễn Văn An"] == "Có kết quả"
    assert statuses["Đặng Đức Chung"] == "Chờ bổ sung"
    progress = dict(zip(column(list_page, "citizen"), column(list_page, "timeliness"), strict=True))
    assert progress["Nguyễn Văn An"] == "Trước hạn"  # ready Fri 6, due Mon 9
    assert progress["Trần Thị Bình"] == "Quá hạn"  # ready Wed 11 16:00, due Tue 10
    assert progress["Đặng Đức Chung"] == "Tạm dừng"
    assert progress["Phạm Minh Em"] == "Trong hạn"  # due 13/03, it is 12/03
    assert progress["Lê Thị Dung"] == "Đã quá hạn"  # due 12/03 08:45, still open at 09:00
    assert list_page.count_label.text() == "5 hồ sơ"
    shot(list_page, "list")


def test_typing_a_name_without_accents_filters(qtbot: QtBot, list_page: DossierListPage) -> None:
    list_page.search.setFocus()
    qtbot.keyClicks(list_page.search, "dang duc")
    qtbot.waitUntil(lambda: list_page.model.rowCount() == 1, timeout=2000)
    assert column(list_page, "citizen") == ["Đặng Đức Chung"]


def test_enter_opens_the_selected_dossier(qtbot: QtBot, list_page: DossierListPage, sample) -> None:
    list_page.table.setFocus()
    for _ in range(4):
        qtbot.keyClick(list_page.table, Qt.Key.Key_Down)
    qtbot.keyClick(list_page.table, Qt.Key.Key_Return)
    assert list_page.opened == [sample[0].id]  # type: ignore[attr-defined]
    # Enter in the search box opens the only match at once.
    qtbot.keyClick(list_page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # Ctrl+F
    assert list_page.focusWidget() is list_page.search
    list_page.search.setText(sample[1].lookup_code)
    qtbot.keyClick(list_page.search, Qt.Key.Key_Return)
    assert list_page.opened[-1] == sample[1].id  # type: ignore[attr-defined]


def test_status_and_procedure_filters(qtbot: QtBot, list_page: DossierListPage) -> None:
    list_page.status.setCurrentIndex(list_page.status.findData("result_ready"))
    assert sorted(column(list_page, "citizen")) == ["Nguyễn Văn An", "Trần Thị Bình"]
    list_page.procedure.setCurrentIndex(list_page.procedure.findData("610"))
    assert column(list_page, "citizen") == ["Trần Thị Bình"]


def test_list_loads_in_pages(qtbot: QtBot, env: Env, sample) -> None:
    for i in range(120):
        take_in(env, 100 + i, f"Công Dân Thử {i}", "2026-03-09T09:00")
    page = DossierListPage(env.db, env.catalog, runner=SyncRunner())
    qtbot.addWidget(page)
    assert page.model.rowCount() == 100 and page.model.canFetchMore()
    assert page.count_label.text() == "100+ hồ sơ"
    page.model.fetchMore()
    assert page.model.rowCount() == 125 and not page.model.canFetchMore()


def answers(*texts: str):
    queue = list(texts)
    asked: list[str] = []

    def ask(_parent, _title: str, prompt: str) -> str | None:
        asked.append(prompt)
        return queue.pop(0) if queue else None

    ask.asked = asked  # type: ignore[attr-defined]
    return ask


def test_detail_shows_papers_history_and_only_allowed_moves(
    qtbot: QtBot, env: Env, sample, tmp_path: Path
) -> None:
    store = AttachmentStore(tmp_path / "attachments")
    page = Image.new("RGB", (1240, 1754), "white")
    ImageDraw.Draw(page).rectangle((100, 100, 1140, 300), fill=(40, 60, 160))
    buf = io.BytesIO()
    page.save(buf, "PNG")
    with env.db.session() as s:
        a = store.import_bytes(
            s, sample[0].citizen_id, buf.getvalue(), "to-khai.png", "Tờ khai TK1-TS"
        )
        s.add(DossierAttachment(dossier_id=sample[0].id, attachment_id=a.id))
    dialog = DossierDetailDialog(
        env.db,
        sample[0].id,
        env.catalog,
        rules(env),
        env.officer.id,
        store,
        clock=lambda: NOW,
        runner=SyncRunner(),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert sample[0].code in dialog.title.text()
    assert dialog.state.text() == "Có kết quả · Trước hạn"
    assert dialog.documents.rowCount() == 1
    assert dialog.history.rowCount() == 3
    assert dialog.history.item(2, 3).text() == "Có kết quả"
    assert list(dialog.move_buttons) == ["returned"]
    item = dialog.attachments.item(0)
    assert item.text() == "Tờ khai TK1-TS\n1 trang" and not item.icon().isNull()
    shot(dialog, "detail")
    dialog.tabs.setCurrentIndex(1)
    shot(dialog, "detail-attachments")
    dialog.tabs.setCurrentIndex(2)
    shot(dialog, "detail-history")


def test_detail_shows_bhxh_number_once_central_assigned_it(qtbot: QtBot, env: Env, sample) -> None:
    def texts() -> list[str]:
        dialog = DossierDetailDialog(
            env.db,
            sample[0].id,
            env.catalog,
            rules(env),
            env.officer.id,
            clock=lambda: NOW,
            runner=SyncRunner(),  # the detail is read on the database worker
        )
        qtbot.addWidget(dialog)
        return [label.text() for label in dialog.findChildren(QLabel)]

    assert any("chưa có" in t for t in texts())
    with env.db.session() as s:
        s.get(Dossier, sample[0].id).bhxh_number = "00042/2026/00000"
    assert "00042/2026/00000" in texts()


def test_detail_move_with_reason_prompt(qtbot: QtBot, env: Env, sample) -> None:
    ask = answers("Bản sao giấy khai sinh")
    dialog = DossierDetailDialog(
        env.db,
        sample[3].id,
        env.catalog,
        rules(env),
        env.officer.id,
        ask_text=ask,
        clock=lambda: NOW,
        runner=SyncRunner(),
    )
    qtbot.addWidget(dialog)
    changed: list[str] = []
    dialog.changed.connect(changed.append)
    assert set(dialog.move_buttons) == {
        "in_processing",
        "completion_requested",
        "refused",
        "cancelled",
    }
    button: QPushButton = dialog.move_buttons["completion_requested"]
    assert button.text() == "Yêu cầu &bổ sung…"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert ask.asked == ["Giấy tờ cần bổ sung và lý do (in trên mẫu 02):"]  # type: ignore[attr-defined]
    assert changed == [sample[3].id]
    assert dialog.detail.dossier.status == "completion_requested"
    assert dialog.detail.dossier.due_at is None
    assert dialog.history.item(1, 4).text() == "Bản sao giấy khai sinh"
    assert set(dialog.move_buttons) == {"completed", "refused", "cancelled"}


def test_cancelling_the_reason_prompt_changes_nothing(qtbot: QtBot, env: Env, sample) -> None:
    dialog = DossierDetailDialog(
        env.db,
        sample[3].id,
        env.catalog,
        rules(env),
        env.officer.id,
        ask_text=answers(),
        clock=lambda: NOW,
        ask_refusal=lambda _parent: None,
        show_paper=lambda _parent, _pdf: pytest.fail("nothing to print"),
        runner=SyncRunner(),
    )
    qtbot.addWidget(dialog)
    assert dialog.apply_move("refused") is False
    assert dialog.detail.dossier.status == "received"


def test_refusing_at_the_counter_prints_form_03_with_ground_and_office(
    qtbot: QtBot, env: Env, sample
) -> None:
    shown: list[bytes] = []
    choice = RefusalChoice(
        RefusalGround.WRONG_OFFICE,
        "người lao động đang làm việc tại đơn vị: hồ sơ do đơn vị nộp",
        "Người sử dụng lao động nơi người lao động đang làm việc",
    )
    dialog = DossierDetailDialog(
        env.db,
        sample[3].id,
        env.catalog,
        rules(env),
        env.officer.id,
        clock=lambda: NOW,
        ask_refusal=lambda _parent: choice,
        show_paper=lambda _parent, pdf: shown.append(pdf),
        agency=samples.AGENCY,
        runner=SyncRunner(),
    )
    qtbot.addWidget(dialog)
    assert dialog.apply_move("refused") is True
    assert dialog.detail.dossier.status == "refused"
    assert len(shown) == 1
    text = " ".join(pdf_text(shown[0]).split())
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert f"Mã hồ sơ: {sample[3].code}" in text
    assert (
        "với lý do cụ thể như sau: Hồ sơ không thuộc phạm vi tiếp nhận, giải quyết của cơ quan: "
        "người lao động đang làm việc tại đơn vị" in text
    )
    assert "Đề nghị Ông/Bà nộp hồ sơ tại: Người sử dụng lao động nơi người lao động" in text
    assert PEOPLE[3] in text  # the applicant
    assert dialog.history.item(dialog.history.rowCount() - 1, 4).text() == choice.reason_text()


def test_refusal_dialog_needs_a_detail_and_for_the_wrong_office_where_to_go(qtbot: QtBot) -> None:
    dialog = RefusalDialog()
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert [dialog.ground.itemData(i) for i in range(dialog.ground.count())] == [
        "incomplete",
        "wrong_office",
        "invalid",
    ]  # no "not eligible": that is the competent office's written decision
    assert not ok.isEnabled()
    dialog.detail.setPlainText("thiếu Sổ bảo hiểm xã hội")
    assert ok.isEnabled() and not dialog.office.isEnabled()
    dialog.ground.setCurrentIndex(1)
    assert not ok.isEnabled() and dialog.office.isEnabled()
    dialog.office.setText("Bảo hiểm xã hội cơ sở nơi cư trú")
    assert ok.isEnabled()
    assert dialog.choice() == RefusalChoice(
        RefusalGround.WRONG_OFFICE, "thiếu Sổ bảo hiểm xã hội", "Bảo hiểm xã hội cơ sở nơi cư trú"
    )


def test_returns_page_by_receipt_qr(qtbot: QtBot, env: Env, sample) -> None:
    page = ReturnsPage(
        env.db, env.catalog, rules(env), env.officer.id, clock=lambda: NOW, runner=SyncRunner()
    )
    qtbot.addWidget(page)
    page.resize(1000, 520)
    page.show()
    assert page.model.rowCount() == 2  # both dossiers with a result
    shot(page, "returns")
    target = sample[1]
    page.search.setFocus()
    qtbot.keyClicks(page.search, f"MOTCUA|{target.code}|{target.lookup_code}")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.model.rowCount() == 1
    assert page.collector.text() == "Trần Thị Bình" and page.focusWidget() is page.collector
    page.collector.setText("Trần Văn Nhận Thay")  # (QTest cannot type Vietnamese letters)
    qtbot.keyClick(page.collector, Qt.Key.Key_Return)
    with env.db.session() as s:
        d = s.get(Dossier, target.id)
        assert d is not None
        assert d.status == Status.RETURNED and d.returned_to == "Trần Văn Nhận Thay"
        assert d.returned_at == NOW
    assert "Đã trả kết quả hồ sơ" in page.message.text()
    assert page.model.rowCount() == 1


def test_returns_page_explains_a_dossier_not_ready(qtbot: QtBot, env: Env, sample) -> None:
    page = ReturnsPage(
        env.db, env.catalog, rules(env), env.officer.id, clock=lambda: NOW, runner=SyncRunner()
    )
    qtbot.addWidget(page)
    page.search.setText(sample[4].code)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.model.rowCount() == 0
    assert "Đã tiếp nhận" in page.message.text()
    assert not page.confirm.isEnabled()


def test_the_date_filter_starts_on_the_office_day_not_the_pcs(
    qtbot: QtBot, env: Env, sample
) -> None:
    import datetime as dt

    evening_utc = dt.datetime(2026, 3, 12, 18, 30, tzinfo=dt.UTC)  # 01:30 on the 13th in Hà Nội
    page = DossierListPage(env.db, env.catalog, clock=lambda: evening_utc, runner=SyncRunner())
    qtbot.addWidget(page)
    assert page.date_to.date().toPython() == dt.date(2026, 3, 13)
    assert page.date_from.date().toPython() == dt.date(2026, 2, 11)


def test_the_list_reads_on_its_worker_and_drops_a_page_for_an_older_query(
    qtbot: QtBot, env: Env, sample
) -> None:
    page = DossierListPage(env.db, env.catalog)  # its own worker thread, as in the application
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.count_label.text() == "5 hồ sơ")
    page.search.setText(sample[2].code)
    page.refresh()
    page.search.setText("")
    page.refresh()  # the first answer arrives for a query no longer asked
    qtbot.waitUntil(lambda: page.model.rowCount() == 5)
    page._runner.wait()
    qtbot.wait(50)  # let any late delivery land: it must not replace the list
    assert page.model.rowCount() == 5
