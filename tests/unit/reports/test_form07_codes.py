"""Form 07 from real dossiers prints the published name and national procedure code
beside BHXH's internal code, from the catalog snapshot the dossier was taken in under."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from report_samples import Month
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "forms"))
from forms_readback import pdf_stream_text

from app.services.forms.model import Agency
from app.services.reports import Period, ReportFilter, render_tracking_book_pdf, tracking_rows
from app.services.storage.models import Procedure

MARCH = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
AGENCY = Agency(name="BẢO HIỂM XÃ HỘI CƠ SỞ THỬ NGHIỆM", place="Thử Nghiệm")
# Fictitious: no national code of this procedure was found (docs/legal-data.md).
NATIONAL = "9.999999"
PUBLISHED = "Cấp thẻ bảo hiểm y tế cho người chỉ tham gia bảo hiểm y tế (tên mẫu)"


def test_form_07_prints_published_name_and_national_code(month: Month) -> None:
    with month.env.db.session() as s:
        for snapshot in s.scalars(select(Procedure).where(Procedure.code == "603")):
            snapshot.definition = {
                **snapshot.definition,
                "published": {"name": PUBLISHED, "national_code": NATIONAL, "confirmed": False},
            }
    with month.env.db.session() as s:
        book = tracking_rows(s, ReportFilter(MARCH))
    text = pdf_stream_text(render_tracking_book_pdf(book, MARCH, AGENCY))  # row by row
    name = month.env.catalog.get("603").name
    assert (
        f"{name} — tên công bố: {PUBLISHED} (Mã thủ tục BHXH: 603; mã TTHC quốc gia: {NATIONAL})"
        in text
    )
    assert text.count(f"mã TTHC quốc gia: {NATIONAL}") == sum(
        r.procedure_code == "603" for r in book
    )


def test_every_shipped_procedure_has_its_published_entry() -> None:
    from app.services.catalog import Catalog
    from app.services.catalog.store import BUILTIN

    catalog = Catalog.load(BUILTIN)
    assert all(p.published_name for p in catalog.procedures)
