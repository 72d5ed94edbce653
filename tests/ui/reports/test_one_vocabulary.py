"""A dossier status and an identification method read the same on the reports screen,
in the summary CSV and in the citizen's data-subject export (one vocabulary)."""

from __future__ import annotations

import csv
import io
from types import SimpleNamespace

from forms_readback import pdf_text
from pytestqt.qtbot import QtBot
from report_samples import NOW, Month

from app.services import privacy
from app.services.forms.subject_export import subject_pdf
from app.services.lifecycle import Status
from app.services.reports import METHODS, summary_csv
from app.ui.reports import ReportsPage
from app.ui.tasks import SyncRunner


def _column(table, column: int = 0) -> list[str]:
    return [table.item(r, column).text() for r in range(table.rowCount())]


def test_statuses_and_methods_read_the_same_on_screen_in_the_csv_and_in_the_export(
    qtbot: QtBot, month: Month
) -> None:
    officer = SimpleNamespace(officer_id=month.env.officer.id, role="supervisor")
    page = ReportsPage(
        month.env.db, month.env.settings, officer, clock=lambda: NOW, runner=SyncRunner()
    )
    qtbot.addWidget(page)
    assert page.summary is not None
    # The screen lists every status and every method, zeros included, in code order.
    screen_status = dict(zip(list(Status), _column(page.status_table), strict=True))
    screen_method = dict(zip(METHODS, _column(page.verification_table), strict=True))

    rows = list(csv.reader(io.StringIO(summary_csv(page.summary))))
    csv_label = {(r[0], r[1]): r[2] for r in rows[1:]}
    for status, shown in screen_status.items():
        assert csv_label[("trang_thai", status.value)] == shown
    for method, shown in screen_method.items():
        assert csv_label[("xac_thuc", method or "unknown")] == shown

    # The export of a citizen whose dossiers went through every status and method.
    with month.env.db.session() as s:
        data = privacy.collect_subject_data(s, month.dossiers["A"].citizen_id)
    first = data["dossiers"][0]
    data["dossiers"] = [
        {**first, "code": f"HS-{i}", "status": status.value, "identified_by": method}
        for i, (status, method) in enumerate(
            zip(list(Status), [*METHODS, *METHODS][: len(Status)], strict=True)
        )
    ]
    exported = pdf_text(subject_pdf(data))
    for shown in [*screen_status.values(), *screen_method.values()]:
        assert shown in exported, shown
