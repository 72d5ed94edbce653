"""The dossier screens' database work, one named function each.

The list, detail and returns screens run these on a worker thread (``app.ui.tasks``):
they take plain values (ids, a query, the clock's reading) and return plain objects or
detached rows, so no widget and no session crosses threads.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from app.services.attachments import Attachment, AttachmentStore, citizen_attachments
from app.services.catalog import Catalog
from app.services.dossiers import DossierDetail, load_detail
from app.services.forms.model import Agency, RefusalGround
from app.services.lifecycle import DeadlineRules, Status, transition
from app.services.returned_results import (
    StoredResult,
    load_trust_roots,
    result_pdf,
    stored_result,
)
from app.services.search import DossierQuery, DossierRow, search_dossiers
from app.services.security.permissions import HasRole
from app.services.storage.db import Database
from app.services.storage.models import Dossier
from app.shared.result_signature import verify_result


def find_dossiers(db: Database, query: DossierQuery, limit: int, offset: int) -> list[DossierRow]:
    with db.session() as s:
        return search_dossiers(s, query, limit=limit, offset=offset)


def read_detail(db: Database, dossier_id: str) -> DossierDetail:
    with db.session() as s:
        return load_detail(s, dossier_id)


def read_signed_result(
    db: Database, dossier_id: str, store: AttachmentStore | None = None
) -> StoredResult | None:
    """The kept result of a dossier; with its ``store``, the kept PDF's signature checked
    again against today's trust roots (a root withdrawn since the fetch no longer
    vouches for it), so what the officer hands over is what was verified."""
    with db.session() as s:
        kept = stored_result(s, dossier_id)
    if kept is None or store is None:
        return kept
    check = verify_result(result_pdf(store, kept), load_trust_roots())
    return dataclasses.replace(kept, check=check)


def earlier_papers(db: Database, citizen_id: str) -> list[Attachment]:
    """The citizen's stored scans, newest first: offered again at a new intake."""
    with db.session() as s:
        return citizen_attachments(s, citizen_id)


def move_dossier(
    db: Database,
    dossier_id: str,
    target: Status,
    officer_id: str,
    *,
    rules: DeadlineRules,
    now: dt.datetime,
    reason: str = "",
    returned_to: str = "",
    actor: HasRole | None = None,
) -> None:
    """One step of the dossier's life (permission and order checked by ``transition``)."""
    with db.session() as s:
        dossier = s.get(Dossier, dossier_id)
        if dossier is None:
            raise LookupError("no such dossier")
        transition(
            s,
            dossier,
            target,
            officer_id,
            reason,
            now=now,
            rules=rules,
            returned_to=returned_to,
            actor=actor,
        )


def write_subject_export(
    db: Database, officer: HasRole, officer_id: str, dossier_id: str, folder: Path
) -> list[Path]:
    """Everything held about the dossier's citizen, as PDF and JSON files in ``folder``
    (the export is logged in the same transaction as it is read)."""
    from app.services.forms.subject_export import subject_pdf
    from app.services.privacy import export_subject, subject_json

    with db.session() as s:
        dossier = s.get(Dossier, dossier_id)
        if dossier is None:
            raise LookupError("no such dossier")
        citizen_id = dossier.citizen_id
    data = export_subject(db, officer, officer_id, citizen_id)
    stem = folder / f"du-lieu-cong-dan-{citizen_id[:8]}"
    written = [stem.with_suffix(".pdf"), stem.with_suffix(".json")]
    written[0].write_bytes(subject_pdf(data))
    written[1].write_bytes(subject_json(data))
    return written


def refusal_paper(
    db: Database,
    dossier_id: str,
    catalog: Catalog,
    refusal: tuple[RefusalGround, str, str],  # (ground, detail, competent office)
    officer_id: str,
    today: dt.date,
    agency: Agency | None = None,
) -> bytes:
    """Form 03 for a dossier just refused at the counter (ground, competent office)."""
    from app import settings as app_settings
    from app.services import paperwork
    from app.services.forms import render_refusal

    agency = agency or paperwork.agency_from(app_settings.load_readonly()[0])
    with db.session() as s:
        d = s.get(Dossier, dossier_id)
        if d is None:
            raise LookupError("no such dossier")
        try:
            procedure = catalog.get(d.procedure_code).name
        except KeyError:
            procedure = d.procedure_code
        data = paperwork.refusal_from(
            s,
            d,
            procedure,
            *refusal,
            officer_id,
            today,
        )
    return render_refusal(data, agency)
