"""The report services on a crafted month (see report_samples.march for the table)."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from report_samples import NOW, Month, take_in
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "forms"))
from forms_readback import pdf_stream_text, pdf_text

from app.errors import ErrorKind, UserError
from app.services import audit
from app.services.calendar import VN_TZ
from app.services.dossiers import INTAKE_PURPOSE
from app.services.forms.model import Agency
from app.services.lifecycle import Status, Timeliness
from app.services.reports import (
    MAX_PERIOD_DAYS,
    Period,
    PeriodKind,
    ReportFilter,
    build_summary,
    export_summary,
    export_tracking_book,
    log_tracking_use,
    render_tracking_book_pdf,
    summary_csv,
    tracking_csv,
    tracking_rows,
    write_csv,
)
from app.services.storage.models import AuditEvent, Citizen, Dossier

MARCH = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
AGENCY = Agency(name="BẢO HIỂM XÃ HỘI CƠ SỞ THỬ NGHIỆM", place="Thử Nghiệm")


def summary(month: Month, period: Period = MARCH, as_of: dt.datetime = NOW, **filters):
    with month.env.db.session() as s:
        return build_summary(s, ReportFilter(period, **filters), as_of)


def rows(month: Month, period: Period = MARCH, **filters):
    with month.env.db.session() as s:
        return tracking_rows(s, ReportFilter(period, **filters))


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)  # Excel on Windows needs it for Vietnamese
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def audit_rows(month: Month) -> list[AuditEvent]:
    """The access records the reports wrote (each intake's own record aside)."""
    with month.env.db.session() as s:
        return list(
            s.scalars(
                select(AuditEvent)
                .where(AuditEvent.purpose != INTAKE_PURPOSE)
                .order_by(AuditEvent.seq)
            )
        )


# ---- periods ------------------------------------------------------------------------


def test_today_week_and_month_around_a_day() -> None:
    thursday = dt.date(2026, 3, 12)
    assert Period.of(PeriodKind.TODAY, thursday) == Period(thursday, thursday)
    assert Period.of(PeriodKind.WEEK, thursday) == Period(dt.date(2026, 3, 9), dt.date(2026, 3, 15))
    assert Period.of(PeriodKind.MONTH, thursday) == MARCH
    assert Period.of(PeriodKind.MONTH, dt.date(2028, 2, 10)).end == dt.date(2028, 2, 29)
    assert Period.of(PeriodKind.MONTH, dt.date(2026, 12, 31)).end == dt.date(2026, 12, 31)
    sunday = dt.date(2026, 3, 15)
    assert Period.of(PeriodKind.WEEK, sunday).start == dt.date(2026, 3, 9)


def test_period_must_run_forward_and_stay_bounded() -> None:
    with pytest.raises(ValueError):
        Period(dt.date(2026, 3, 2), dt.date(2026, 3, 1))
    start = dt.date(2025, 1, 1)
    Period(start, start + dt.timedelta(days=MAX_PERIOD_DAYS - 1))
    with pytest.raises(ValueError):
        Period(start, start + dt.timedelta(days=MAX_PERIOD_DAYS))


def test_a_day_ends_at_office_midnight_not_utc_midnight(month: Month) -> None:
    env = month.env
    late_evening = take_in(env, 7, "Hồ Văn Khuya", "2026-03-31T23:30")  # 16:30 UTC on the 31st
    after_midnight = take_in(env, 8, "Hồ Văn Sớm", "2026-04-01T00:10")  # still the 31st in UTC
    codes = [r.code for r in rows(month)]
    assert late_evening.code in codes
    assert after_midnight.code not in codes
    april_first = Period(dt.date(2026, 4, 1), dt.date(2026, 4, 1))
    assert [r.code for r in rows(month, april_first)] == [after_midnight.code]


# ---- the summary ---------------------------------------------------------------------


def test_received_and_returned_in_the_period(month: Month) -> None:
    s = summary(month)
    assert s.received == 6  # A B C D E G; F was received in February
    assert s.returned == 2  # A on 9 March and F (received in February) on 3 March
    week = Period.of(PeriodKind.WEEK, dt.date(2026, 3, 12))
    assert summary(month, week).received == 2  # E and G
    assert summary(month, week).returned == 1  # A on Monday 9
    february = Period.of(PeriodKind.MONTH, dt.date(2026, 2, 1))
    assert (summary(month, february).received, summary(month, february).returned) == (1, 0)


def test_counts_by_current_status(month: Month) -> None:
    by_status = summary(month).by_status
    assert list(by_status) == list(Status)  # every status, in lifecycle order
    assert by_status[Status.RECEIVED] == 2  # D, E
    assert by_status[Status.COMPLETION_REQUESTED] == 1  # C
    assert by_status[Status.RESULT_READY] == 1  # B
    assert by_status[Status.RETURNED] == 1  # A (F is February's)
    assert by_status[Status.REFUSED] == 1  # G
    assert sum(by_status.values()) == 6


def test_on_time_and_late(month: Month) -> None:
    s = summary(month)
    t = s.by_timeliness
    assert t[Timeliness.EARLY] == 1  # A ready Friday, due Monday
    assert t[Timeliness.LATE] == 1  # B ready the day after it was due
    assert t[Timeliness.PAUSED] == 1  # C waits for papers
    assert t[Timeliness.NOT_APPLICABLE] == 1  # G refused
    d_due, e_due = month.dossiers["D"].due_at, month.dossiers["E"].due_at
    assert d_due is not None and e_due is not None and d_due < NOW < e_due
    assert t[Timeliness.OVERDUE] == 1  # D: still open on the 12th, due that morning
    assert t[Timeliness.IN_TIME] == 1  # E
    assert (s.on_time, s.late) == (1, 2)


def test_an_open_dossier_becomes_late_once_its_due_time_passes(month: Month) -> None:
    due = month.dossiers["D"].due_at
    assert due is not None
    before = summary(month, as_of=due - dt.timedelta(minutes=1))
    after = summary(month, as_of=due + dt.timedelta(minutes=1))
    assert after.late == before.late + 1
    assert after.by_timeliness[Timeliness.IN_TIME] == before.by_timeliness[Timeliness.IN_TIME] - 1


def test_filter_by_procedure_and_by_receiving_officer(month: Month) -> None:
    only_603 = summary(month, procedure_code="603")
    assert only_603.received == 3  # A C G
    assert only_603.returned == 2  # A, and F returned in March
    assert [line.code for line in only_603.by_procedure] == ["603"]
    second = summary(month, officer_id=month.second_officer.id)
    assert second.received == 1  # E
    assert second.verification.dossiers == 1
    assert [r.code for r in rows(month, officer_id=month.second_officer.id)] == [month.code("E")]
    first = summary(month, officer_id=month.env.officer.id)
    assert first.received == 5


def test_a_line_per_procedure_with_its_name(month: Month) -> None:
    lines = {line.code: line for line in summary(month).by_procedure}
    assert sorted(lines) == ["602", "603", "608", "610"]
    assert lines["603"].name == month.env.catalog.get("603").name
    assert (lines["603"].received, lines["603"].returned, lines["603"].on_time) == (3, 2, 1)
    assert (lines["610"].received, lines["610"].late) == (1, 1)  # B
    assert (lines["608"].late, lines["602"].open_in_time) == (1, 1)  # D overdue, E in time


# ---- ID verification (Project 06) ----------------------------------------------------


def _identified(month: Month, key: str, method: str) -> None:
    with month.env.db.session() as s:
        dossier = s.get(Dossier, month.dossiers[key].id)
        assert dossier is not None
        dossier.identified_by = method


def test_each_dossier_counts_by_how_its_citizen_was_identified(month: Month) -> None:
    v = summary(month).verification
    # Nguyễn came twice (A and E): two dossiers, each counted as identified then.
    assert v.dossiers == 6  # F came in February
    # The sample cards' chips fail the genuineness checks: read, but not proven.
    assert v.by_method["chip_failed"] == 3  # A, D, E
    assert v.by_method["qr"] == 1  # B
    assert v.by_method["typed"] == 2  # C, G
    assert v.by_method["chip_trusted"] == 0 and v.chip_share == 0.0


def test_only_a_chip_chained_to_a_trusted_csca_counts_as_verified(month: Month) -> None:
    _identified(month, "A", "chip_trusted")
    _identified(month, "D", "chip_no_csca")
    v = summary(month).verification
    assert (v.chip, v.by_method["chip_no_csca"]) == (1, 1)
    assert v.chip_share == pytest.approx(1 / 6)


def test_no_share_when_nobody_came(month: Month) -> None:
    empty = Period(dt.date(2026, 1, 5), dt.date(2026, 1, 9))
    v = summary(month, empty).verification
    assert v.dossiers == 0 and v.chip_share is None


def test_an_unknown_method_is_not_counted_as_verified(month: Month) -> None:
    _identified(month, "B", "face")  # written by a newer version
    v = summary(month).verification
    assert v.by_method[""] == 1 and v.by_method["qr"] == 0
    assert v.dossiers == 6


# ---- form 07 ---------------------------------------------------------------------------


def test_tracking_book_rows_in_order_of_receipt(month: Month) -> None:
    book = rows(month)
    assert [r.code for r in book] == [month.code(k) for k in "ABCDEG"]
    a = book[0]
    assert a.applicant_name == "Nguyễn Văn An"
    assert a.address_phone == "Xã Thử Nghiệm, Tỉnh Mẫu; 0905000111"
    assert a.procedure_name == month.env.catalog.get("603").name
    assert a.lead_agency == month.env.office.name
    assert a.received_at == dt.datetime(2026, 3, 2, 9, 0, tzinfo=VN_TZ)
    assert a.received_at.utcoffset() == dt.timedelta(hours=7)  # shown in office time
    assert a.returned_at == dt.datetime(2026, 3, 9, 10, 0, tzinfo=VN_TZ)
    assert book[2].due_at is None  # C: the clock is stopped
    assert book[4].delivery == "Bưu chính" and a.delivery == "Điện tử"  # the 2026 default


def test_tracking_book_pdf_lists_every_dossier_of_the_period(month: Month) -> None:
    book = rows(month)
    pdf = render_tracking_book_pdf(book, MARCH, AGENCY)
    text = pdf_text(pdf)
    assert "SỔ THEO DÕI HỒ SƠ" in text.upper()
    assert "Từ ngày 01/03/2026 đến ngày 31/03/2026" in text
    for letter in "ABCDEG":
        assert month.code(letter) in text
    assert month.code("F") not in text  # February's
    drawn = pdf_stream_text(pdf)
    # C's row: received, then no appointment (blank), then the delivery method
    c = drawn[drawn.index(month.code("C")) :]
    assert c.split("14:30 04/03/2026", 1)[1].lstrip().startswith("Điện tử")


def test_printing_logs_one_access_record_per_dossier(month: Month) -> None:
    book = rows(month)
    n = log_tracking_use(month.env.db, month.env.officer.id, "print", book, MARCH, "form07 print")
    assert n == 6
    logged = audit_rows(month)
    assert {e.dossier_id for e in logged} == {r.dossier_id for r in book}
    assert {e.citizen_id for e in logged} == {r.citizen_id for r in book}
    assert {e.action for e in logged} == {"print"}
    for e in logged:  # technical detail only: no names, no ID numbers
        assert "Nguyễn" not in e.detail and "999" not in e.detail
    assert audit.verify(month.env.db) == []


# ---- CSV -----------------------------------------------------------------------------


def test_summary_csv_has_the_counts_and_no_personal_data(month: Month, tmp_path: Path) -> None:
    s = summary(month)
    path = tmp_path / "tong-hop.csv"
    export_summary(s, path)
    table = read_csv(path)
    values = {(row[0], row[1]): row[3] for row in table[1:]}
    assert values[("tong_hop", "received")] == "6"
    assert values[("tong_hop", "returned")] == "2"
    assert values[("tong_hop", "late")] == "2"
    assert values[("trang_thai", "completion_requested")] == "1"
    assert values[("thu_tuc", "603.received")] == "3"
    assert values[("xac_thuc", "chip_failed")] == "3"
    assert values[("xac_thuc", "dossiers")] == "6"
    assert values[("xac_thuc", "chip_share_percent")] == "0,0"
    text = path.read_text(encoding="utf-8-sig")
    for r in rows(month):
        assert r.applicant_name not in text and r.code not in text
    with month.env.db.session() as session:
        numbers = session.scalars(select(Citizen.id_number)).all()
    assert not any(number in text for number in numbers)
    assert audit_rows(month) == []  # nothing personal left the system


def test_tracking_csv_is_for_supervisors_only(month: Month, tmp_path: Path) -> None:
    officer = SimpleNamespace(officer_id=month.env.officer.id, role="officer")
    path = tmp_path / "so-theo-doi.csv"
    with pytest.raises(UserError) as err:
        export_tracking_book(month.env.db, officer, ReportFilter(MARCH), path)
    assert err.value.kind is ErrorKind.PERMISSION_DENIED
    assert not path.exists()
    assert audit_rows(month) == []


def test_tracking_csv_export_writes_form07_and_logs_it(month: Month, tmp_path: Path) -> None:
    supervisor = SimpleNamespace(officer_id=month.env.officer.id, role="supervisor")
    path = tmp_path / "so-theo-doi.csv"
    assert export_tracking_book(month.env.db, supervisor, ReportFilter(MARCH), path) == 6
    table = read_csv(path)
    assert table[0][:3] == ["TT", "Mã hồ sơ", "Tên thủ tục hành chính"]
    assert [row[1] for row in table[1:]] == [month.code(k) for k in "ABCDEG"]
    a = table[1]
    assert a[3] == "Nguyễn Văn An"
    assert a[6:9] == ["09:00 02/03/2026", "09:00 09/03/2026", "10:00 09/03/2026"]
    assert table[3][7] == ""  # C: no appointment while waiting for papers
    logged = audit_rows(month)
    assert len(logged) == 6 and {e.action for e in logged} == {"export"}
    assert {e.officer_id for e in logged} == {month.env.officer.id}


def test_cells_a_spreadsheet_would_run_are_neutralised(month: Month) -> None:
    with month.env.db.session() as s:
        citizen = s.get(Citizen, month.dossiers["B"].citizen_id)
        assert citizen is not None
        citizen.residence = '=HYPERLINK("http://example.invalid","x")'
        citizen.phone = "+84 905 000 222"
    text = tracking_csv(rows(month))
    assert "'=HYPERLINK" in text
    table = list(csv.reader(io.StringIO(text)))
    b = next(row for row in table if row[1] == month.code("B"))
    assert b[4].endswith("; +84 905 000 222")  # a phone number stays as typed


def test_a_folder_that_cannot_be_written_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError) as err:
        write_csv(tmp_path / "missing-folder" / "x.csv", "a,b\r\n")
    assert err.value.kind is ErrorKind.EXPORT_FAILED
    assert "missing-folder" not in err.value.detail  # paths may name the user


def test_summary_csv_states_the_period_and_filter(month: Month) -> None:
    text = summary_csv(summary(month, procedure_code="610"))
    table = list(csv.reader(io.StringIO(text)))
    meta = {row[1]: row[3] for row in table if row[0] == "ky_bao_cao"}
    assert meta == {
        "tu_ngay": "2026-03-01",
        "den_ngay": "2026-03-31",
        "thu_tuc": "610",
        "tinh_den": "09:00 12/03/2026",
    }
