"""Đề án 06 indicators at the counter: every figure from recorded evidence, with the
dossiers behind it, and its XLSX and PDF."""

from __future__ import annotations

import datetime as dt
import io
import uuid

from report_samples import NOW, Month

from app.services import indicators, office_indicators
from app.services.indicators_export import to_pdf, to_xlsx
from app.services.storage.models import Attachment, DossierAttachment

MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))


def _compute(month: Month) -> indicators.Indicators:
    with month.env.db.session() as s:
        return office_indicators.for_office(s, *MARCH, NOW)


def _codes(ind: indicators.Indicators, key: str) -> set[str]:
    return {ind.codes[i] for i in ind.figure(key).dossiers}


def test_identification_shares_come_from_each_dossier_s_recorded_method(month: Month) -> None:
    ind = _compute(month)
    assert ind.dossiers == 6  # F was received in February
    by_key = {f.key: f for f in ind.identification}
    recorded = {d.identified_by for k, d in month.dossiers.items() if k != "F"}
    assert recorded <= {"chip_trusted", "chip_no_csca", "chip_failed", "qr", "typed"}
    assert by_key["identified.qr"].count == 1 and _codes(ind, "identified.qr") == {month.code("B")}
    assert by_key["identified.typed"].count == 2
    assert _codes(ind, "identified.typed") == {month.code("C"), month.code("G")}
    assert sum(f.count for f in ind.identification) == 6
    assert by_key["identified.qr"].share == 1 / 6
    assert by_key["identified.register"].count == 0  # listed, honestly zero


def test_timeliness_procedures_and_channels_link_to_their_dossiers(month: Month) -> None:
    ind = _compute(month)
    assert _codes(ind, "timeliness.on_time") == {month.code("A")}
    # late: B's result came after its due time; D is still open past its due time
    assert _codes(ind, "timeliness.late") == {month.code("B"), month.code("D")}
    assert _codes(ind, "timeliness.pending") == {month.code("C"), month.code("E")}
    assert _codes(ind, "timeliness.not_applicable") == {month.code("G")}
    assert _codes(ind, "procedure.603") == {month.code(k) for k in "ACG"}
    assert ind.figure("procedure.608").count == 1
    assert _codes(ind, "channel.post") == {month.code("E")}
    assert sum(day[1] for day in ind.daily) == 6 and len(ind.daily) == 31


def test_a_document_taken_from_an_earlier_dossier_counts_as_reused(month: Month) -> None:
    a, e = month.dossiers["A"], month.dossiers["E"]
    with month.env.db.session() as s:
        scan = Attachment(
            id=str(uuid.uuid4()),
            citizen_id=a.citizen_id,
            sha256="0" * 64,
            mime_type="application/pdf",
            size=10,
        )
        s.add(scan)
        s.flush()
        s.add_all(
            [
                DossierAttachment(dossier_id=a.id, attachment_id=scan.id),
                DossierAttachment(dossier_id=e.id, attachment_id=scan.id),
            ]
        )
    reuse = _compute(month).reuse
    assert (reuse.count, reuse.total) == (1, 2)
    assert reuse.dossiers == (e.id,)


def test_no_register_data_at_a_counter_is_said_not_zero(month: Month) -> None:
    ind = _compute(month)
    assert ind.register is None
    assert ind.biometrics is not None and ind.biometrics.count == 0  # recorded, none yet


def test_biometric_figure_counts_dossiers_whose_face_matched(month: Month) -> None:
    from types import SimpleNamespace

    from app.services.face_records import (
        Attempt,
        Subject,
        attach_to_dossier,
        override_face_match,
        record_face_match,
    )

    officer = SimpleNamespace(officer_id=month.env.officer.id, role="supervisor")

    def attempt(letter: str, decision: str) -> str:
        d = month.dossiers[letter]
        figures = Attempt(decision, 0.6, "dlib_face_recognition_resnet_model_v1", "t", 0.7)
        match_id = record_face_match(
            month.env.db, officer, Subject("999000000001"), figures, consent=True
        )
        attach_to_dossier(month.env.db, match_id, d.id, d.citizen_id)
        return match_id

    attempt("A", "match")
    attempt("B", "no_match")  # someone else in front of the camera: not verified
    overridden = attempt("C", "no_match")
    override_face_match(
        month.env.db, officer, overridden, "match", "ảnh trên chip chụp 15 năm trước"
    )
    attempt("D", "retry")
    ind = _compute(month)
    assert ind.biometrics is not None
    assert ind.biometrics.label == "Hồ sơ xác thực sinh trắc tại quầy"
    assert (ind.biometrics.count, ind.biometrics.total) == (2, 6)
    assert {ind.codes[i] for i in ind.biometrics.dossiers} == {month.code("A"), month.code("C")}


def test_xlsx_and_pdf_carry_the_figures_the_period_and_the_signature_block(month: Month) -> None:
    from openpyxl import load_workbook
    from pypdf import PdfReader

    ind = _compute(month)
    book = load_workbook(io.BytesIO(to_xlsx([ind])))
    values = [c for row in book.active.iter_rows(values_only=True) for c in row if c]
    assert "Từ ngày 01/03/2026 đến ngày 31/03/2026" in values
    assert "1 (16.7%)" in values  # QR: one dossier of six
    assert "chưa có dữ liệu" in values
    pdf = to_pdf([ind], place="Đà Nẵng", day=dt.date(2026, 4, 1))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    for expected in ("ĐỀ ÁN 06", "01/03/2026", "NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ", "Mã QR"):
        assert expected in text, expected


def test_xlsx_has_the_bhxh_layout_and_the_life_event_counts(month: Month) -> None:
    """Issuer and motto, place and date, the signature block with the names given, and
    the life events section (received, dossiers opened, days from event to dossier)."""
    import dataclasses

    from openpyxl import load_workbook

    from app.services.indicators import LIFE_EVENTS_OPENED_LABEL, Figure, LifeEventFigures

    events = LifeEventFigures(
        received=4,
        opened=Figure("life_events.opened", LIFE_EVENTS_OPENED_LABEL, 3, 4),
        mean_days=6.5,
    )
    ind = dataclasses.replace(_compute(month), life_events=events)
    body = to_xlsx([ind], place="Đà Nẵng", prepared_by="Lê Thị Lập", head="Trần Văn Trưởng",
                   day=dt.date(2026, 4, 1))  # fmt: skip
    sheet = load_workbook(io.BytesIO(body)).active
    rows = [[c for c in row if c] for row in sheet.iter_rows(values_only=True)]
    flat = [c for row in rows for c in row]
    assert rows[0] == ["BẢO HIỂM XÃ HỘI VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert "Độc lập - Tự do - Hạnh phúc" in rows[1]
    assert "Đà Nẵng, ngày 01 tháng 4 năm 2026" in flat
    life = flat.index("VIII. Sự kiện hộ tịch từ ngành y tế (khai sinh, khai tử)")
    assert flat[life + 1 : life + 7] == [
        "    Sự kiện nhận được", "4",
        f"    {LIFE_EVENTS_OPENED_LABEL}", "3 (75.0%)",
        "    Số ngày trung bình từ sự kiện đến khi lập hồ sơ", "6,5",
    ]  # fmt: skip
    signers = [r for r in rows if "NGƯỜI LẬP BIỂU" in r]
    assert signers == [["NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ"]]
    assert ["Lê Thị Lập", "Trần Văn Trưởng"] in rows
