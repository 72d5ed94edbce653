"""The access-log records a use of the tracking book writes (its rows are personal data)."""

from __future__ import annotations

from collections.abc import Iterable

from app.services import audit
from app.services.reports.form07 import TrackingRow
from app.services.reports.period import Period
from app.services.storage.db import Database

TRACKING_PURPOSE = "theo dõi, báo cáo tình hình giải quyết hồ sơ (Sổ theo dõi hồ sơ, mẫu 07)"


def log_tracking_use(
    db: Database,
    officer_id: str,
    action: str,
    rows: Iterable[TrackingRow],
    period: Period,
    what: str,
) -> int:
    """One access-log record per dossier whose citizen's data left the screen.

    Per dossier, not one for the whole list: a citizen's access report (privacy.py)
    finds records by citizen and dossier. ``what`` is technical ("form07 print").
    """
    items = list(rows)
    detail = f"{what} {period.slug()} ({len(items)} hồ sơ)"
    with db.session() as s:
        for row in items:
            audit.record(
                s,
                officer_id,
                action,
                citizen_id=row.citizen_id,
                dossier_id=row.dossier_id,
                purpose=TRACKING_PURPOSE,
                detail=detail,
            )
    return len(items)
