"""Printing a saved dossier's receipt (form 01) again.

On the day it was first printed a reprint is routine (a paper jam, a torn copy);
on a later day it re-issues a legal paper, so it needs a supervisor
(``permissions.require_reprint``). The check lives here, in the service that
renders the reprint, whatever screen asks; each reprint goes to the access log.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.services import audit, paperwork
from app.services.catalog import Catalog
from app.services.security.permissions import HasRole, require_reprint
from app.services.storage.db import Database
from app.services.storage.models import AuditEvent, Dossier
from app.settings import Settings
from app.shared.types import utcnow

REPRINT_PURPOSE = "in lại giấy tiếp nhận cho công dân"


def first_printed_at(s: Session, dossier: Dossier) -> dt.datetime:
    """When its papers were first printed (the access log), else when it was
    received: a dossier whose print never reached the log was printed that day."""
    first = s.scalar(
        select(func.min(AuditEvent.at)).where(
            AuditEvent.dossier_id == dossier.id, AuditEvent.action == "print"
        )
    )
    when = first or dossier.valid_received_at or dossier.submitted_at
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


def may_reprint(db: Database, actor: HasRole | None, dossier_id: str, now: dt.datetime) -> None:
    """Raise UserError(PERMISSION_DENIED) unless ``actor`` may reprint it now."""
    with db.session() as s:
        dossier = s.get(Dossier, dossier_id)
        if dossier is None:
            raise ValueError(f"no dossier {dossier_id}")
        require_reprint(actor, first_printed_at(s, dossier), now)


def reprint_allowed(db: Database, actor: HasRole | None, dossier_id: str, now: dt.datetime) -> bool:
    """For the screens: whether to offer the reprint (``reprint_receipt`` checks again)."""
    try:
        may_reprint(db, actor, dossier_id, now)
    except UserError:
        return False
    return True


def reprint_receipt(
    db: Database,
    actor: HasRole | None,
    officer_id: str,
    dossier_id: str,
    catalog: Catalog,
    settings: Settings,
    now: dt.datetime | None = None,
) -> bytes:
    """The receipt again, as a PDF to print; refused after the day of the first
    print unless ``actor`` is a supervisor. Logged as a print of the citizen's data."""
    from app.services.forms import render_receipt

    now = now or utcnow()
    with db.session() as s:
        dossier = s.get(Dossier, dossier_id)
        if dossier is None or dossier.due_at is None:  # waiting for papers: no receipt yet
            raise ValueError(f"no receipt for dossier {dossier_id}")
        require_reprint(actor, first_printed_at(s, dossier), now)
        receipt = paperwork.receipt_from(
            s, dossier, catalog.get(dossier.procedure_code), settings.public_lookup_base_url
        )
        audit.record(
            s,
            officer_id,
            "print",
            citizen_id=dossier.citizen_id,
            dossier_id=dossier.id,
            purpose=REPRINT_PURPOSE,
            detail="receipt reprint",
        )
    return render_receipt(receipt, paperwork.agency_from(settings))
