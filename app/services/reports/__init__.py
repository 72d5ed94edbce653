"""Báo cáo: what the counter did in a period, and the tracking book (form 07) behind it.

A period is a run of office-local dates (Asia/Ho_Chi_Minh), at most ``MAX_PERIOD_DAYS``
long, so every query is a range on the indexed ``dossiers.submitted_at`` (or on the
``status`` prefix of ``ix_dossiers_status_due`` for returns) and stays bounded.

* The summary counts the dossiers *received* in the period by their current status and
  timeliness (``lifecycle.classify``, as of a given moment: the result time against the
  due time, or still open past due), the dossiers *returned* in the period, a line per
  procedure, and the **identification of participants** (Project 06 asks that every
  participant's ID be verified; its target is 100 %): the dossiers received in the
  period by how each one's citizen was identified (``Dossier.identified_by``), and the
  share identified by a chip chained to a trusted CSCA.
  The summary holds no personal data; its CSV may be handed out.
* The tracking book lists every dossier received in the period in order of receipt,
  with the citizen's name and address: personal data. Printing or exporting it is a
  processing of that data (PDP Law 91/2025), so each use writes one access-log record
  per dossier (a citizen's access report then shows it), and the CSV export is for
  supervisors only (``Permission.EXPORT_DATA``).

"Officer" in a filter is the officer who received the dossier (``Dossier.officer_id``).

The package's modules follow these parts: ``period``, ``summary``, ``form07``,
``access_log`` and ``csv_export``; the names below are the public ones.
"""

from app.services.reports.access_log import (
    TRACKING_PURPOSE,
    log_tracking_use,
)
from app.services.reports.csv_export import (
    TRACKING_HEADINGS,
    ReportOfficer,
    export_summary,
    export_tracking_book,
    summary_csv,
    tracking_csv,
    write_csv,
)
from app.services.reports.form07 import (
    DELIVERY_TEXT,
    TrackingRow,
    read_tracking_rows,
    render_tracking_book_pdf,
    tracking_book_data,
    tracking_rows,
)
from app.services.reports.period import (
    MAX_BOOK_ROWS,
    MAX_PERIOD_DAYS,
    Period,
    PeriodKind,
    ReportFilter,
)
from app.services.reports.summary import (
    LATE,
    METHODS,
    ON_TIME,
    ProcedureLine,
    ReportScreen,
    Summary,
    Verification,
    build_summary,
    officer_names,
    procedure_names,
    read_report,
    verification,
)

__all__ = [
    "DELIVERY_TEXT",
    "LATE",
    "MAX_BOOK_ROWS",
    "MAX_PERIOD_DAYS",
    "METHODS",
    "ON_TIME",
    "TRACKING_HEADINGS",
    "TRACKING_PURPOSE",
    "Period",
    "PeriodKind",
    "ProcedureLine",
    "ReportFilter",
    "ReportOfficer",
    "ReportScreen",
    "Summary",
    "TrackingRow",
    "Verification",
    "build_summary",
    "export_summary",
    "export_tracking_book",
    "log_tracking_use",
    "officer_names",
    "procedure_names",
    "read_report",
    "read_tracking_rows",
    "render_tracking_book_pdf",
    "summary_csv",
    "tracking_book_data",
    "tracking_csv",
    "tracking_rows",
    "verification",
    "write_csv",
]
