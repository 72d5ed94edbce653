"""The CSV exports: the summary (counts only) and the tracking book (personal data)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

from app.errors import ErrorKind, UserError
from app.services.calendar.days import local
from app.services.reports.access_log import log_tracking_use
from app.services.reports.form07 import TrackingRow, tracking_rows
from app.services.reports.period import ReportFilter
from app.services.reports.summary import Summary
from app.services.security.permissions import Permission, require
from app.services.storage.db import Database
from app.services.vocabulary import identification_name, status_name, timeliness_class_name
from app.shared.files import write_atomically

# A cell a spreadsheet would run as a formula (CSV injection); phone numbers like
# "+84 905 000 111" are left alone.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER_LIKE = re.compile(r"^[+-]?[\d\s().,-]+$")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not _NUMBER_LIKE.match(text):
        return "'" + text
    return text


def _csv(rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


def _share_text(share: float | None) -> str:
    return "" if share is None else f"{share * 100:.1f}".replace(".", ",")


def summary_csv(summary: Summary) -> str:
    """Section, key, label, value: readable in a spreadsheet, parseable by a script."""
    flt = summary.filter
    rows: list[Sequence[object]] = [
        ("muc", "ma", "chi_tieu", "gia_tri"),
        ("ky_bao_cao", "tu_ngay", "Từ ngày", flt.period.start.isoformat()),
        ("ky_bao_cao", "den_ngay", "Đến ngày", flt.period.end.isoformat()),
        ("ky_bao_cao", "thu_tuc", "Thủ tục", flt.procedure_code or "tất cả"),
        ("ky_bao_cao", "tinh_den", "Tính đến", local(summary.as_of).strftime("%H:%M %d/%m/%Y")),
        ("tong_hop", "received", "Hồ sơ tiếp nhận trong kỳ", summary.received),
        ("tong_hop", "returned", "Hồ sơ đã trả kết quả trong kỳ", summary.returned),
        ("tong_hop", "on_time", "Đúng hạn và trước hạn", summary.on_time),
        ("tong_hop", "late", "Quá hạn (đã có kết quả hoặc còn mở)", summary.late),
    ]
    rows += [("trang_thai", s.value, status_name(s), n) for s, n in summary.by_status.items()]
    rows += [
        ("tien_do", t.value, timeliness_class_name(t), n) for t, n in summary.by_timeliness.items()
    ]
    for line in summary.by_procedure:
        label = f"{line.code} – {line.name}" if line.name else line.code
        rows += [
            ("thu_tuc", f"{line.code}.received", f"{label}: tiếp nhận", line.received),
            ("thu_tuc", f"{line.code}.returned", f"{label}: đã trả", line.returned),
            ("thu_tuc", f"{line.code}.on_time", f"{label}: đúng hạn", line.on_time),
            ("thu_tuc", f"{line.code}.late", f"{label}: quá hạn", line.late),
        ]
    v = summary.verification
    rows.append(("xac_thuc", "dossiers", "Số hồ sơ tiếp nhận trong kỳ", v.dossiers))
    rows += [
        ("xac_thuc", m or "unknown", identification_name(m), n) for m, n in v.by_method.items()
    ]
    rows.append(
        (
            "xac_thuc",
            "chip_share_percent",
            "Tỷ lệ xác thực bằng chip (%)",
            _share_text(v.chip_share),
        )
    )
    return _csv(rows)


TRACKING_HEADINGS = (
    "TT",
    "Mã hồ sơ",
    "Tên thủ tục hành chính",
    "Tên tổ chức, cá nhân",
    "Địa chỉ, số điện thoại",
    "Cơ quan chủ trì giải quyết",
    "Nhận hồ sơ",
    "Hẹn trả kết quả",
    "Ngày trả kết quả",
    "Hình thức nhận kết quả",
)


def _when(moment: dt.datetime | None) -> str:
    return moment.strftime("%H:%M %d/%m/%Y") if moment else ""


def tracking_csv(rows: Sequence[TrackingRow]) -> str:
    """Form 07's columns (without the signature), one line per dossier."""
    return _csv(
        [
            TRACKING_HEADINGS,
            *(
                (
                    n,
                    r.code,
                    r.procedure_name,
                    r.applicant_name,
                    r.address_phone,
                    r.lead_agency,
                    _when(r.received_at),
                    _when(r.due_at),
                    _when(r.returned_at),
                    r.delivery,
                )
                for n, r in enumerate(rows, start=1)
            ),
        ]
    )


def write_csv(path: Path, text: str) -> None:
    """Write atomically, UTF-8 with a BOM (Excel on Windows reads Vietnamese then).

    Raises ``UserError(EXPORT_FAILED)``; the detail names the OS error, not the path
    (a path can hold a user's name).
    """
    try:
        write_atomically(path, text.encode("utf-8-sig"), make_folder=False)
    except OSError as exc:
        raise UserError(ErrorKind.EXPORT_FAILED, detail=type(exc).__name__) from exc


# ---- exports -------------------------------------------------------------------------


class ReportOfficer(Protocol):
    """The signed-in officer (``accounts.SignedIn``)."""

    @property
    def officer_id(self) -> str: ...

    @property
    def role(self) -> str: ...


def export_summary(summary: Summary, path: Path) -> None:
    """The summary as CSV: counts only, no personal data, no access-log record."""
    write_csv(path, summary_csv(summary))


def export_tracking_book(
    db: Database, officer: ReportOfficer, flt: ReportFilter, path: Path
) -> int:
    """Form 07's rows as CSV (personal data): supervisors only, logged per dossier.

    Returns how many dossiers were written.
    """
    require(officer, Permission.EXPORT_DATA)
    with db.session() as s:
        rows = tracking_rows(s, flt)
    write_csv(path, tracking_csv(rows))
    return log_tracking_use(db, officer.officer_id, "export", rows, flt.period, "form07 csv")
