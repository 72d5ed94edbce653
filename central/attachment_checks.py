"""Central checks what a counter tells it about attachments and the rows they tie to.

A counter's push is trusted for its own office's data only, and never for facts central
can check itself:
- an attachment's declared ``size`` must equal the uploaded blob's;
- its ``mime_type`` must be what the content's first bytes say, and one of the accepted
  types (PDF, JPEG, PNG, TIFF): the back office shows scans in the browser, so a
  "scan" that is HTML or script must never get in;
- its file name must be a plain name (``app.shared.file_names``);
- a dossier's citizen and attachments, and an attachment's citizen, may not be rows of
  another office (a row not yet at central is fine: a counter pushes in any order).

Every refusal is per item, final, with a reason the counter shows the officer; the
rest of the batch goes on. Blob bytes per office are capped in ``central.blobs``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.shared import content_types, file_names, wire
from central import blobs
from central.models import Blob, SyncedRow
from central.row_lookup import stored_rows

Refusal = tuple[wire.Outcome, int, str]  # (outcome, HTTP status of the item, reason)


def _references(item: Any) -> list[tuple[str, str]]:
    if isinstance(item, wire.DossierItem):
        refs = [("citizen", item.dossier.citizen_id)]
        return refs + [("attachment", a.attachment_id) for a in item.dossier.attachments]
    if isinstance(item, wire.AttachmentItem):
        return [("citizen", item.attachment.citizen_id)]
    return []


def _heads(session: Session, office: str, shas: set[str]) -> dict[str, tuple[int, bytes]]:
    """Complete blobs of the office: sha → (size, first bytes)."""
    if not shas:
        return {}
    sizes = dict(
        session.execute(
            select(Blob.sha256, Blob.size).where(
                Blob.office_code == office, Blob.sha256.in_(shas), Blob.complete
            )
        ).all()
    )
    heads = blobs.heads(session, office, list(sizes), content_types.SNIFF_BYTES)
    return {sha: (size, bytes(heads.get(sha) or b"")) for sha, size in sizes.items()}


def _attachment_problem(a: wire.AttachmentWire, heads: dict[str, tuple[int, bytes]]) -> str:
    if a.filename and (problem := file_names.name_problem(a.filename)):
        return f"attachment_filename_unsafe: {problem}"
    if a.sha256 not in heads:
        return ""  # content not complete yet: ingest answers "retry"
    size, head = heads[a.sha256]
    if a.size != size:
        return f"attachment size_mismatch: declared {a.size} bytes, uploaded {size}"
    sniffed = content_types.sniff(head)
    if sniffed is None:
        return "attachment_type_not_accepted: the content is not PDF, JPEG, PNG or TIFF"
    if a.mime_type != sniffed:
        return f"attachment_type_mismatch: declared {a.mime_type[:60]}, content {sniffed}"
    return ""


def refusals(session: Session, office: str, items: list[Any]) -> dict[int, Refusal]:
    """Items (by ``id(item)``) central refuses for what they claim; the rest are not judged."""
    wanted = {key for item in items for key in _references(item) if key[1]}
    columns = (SyncedRow.entity, SyncedRow.id, SyncedRow.office_code)
    owners = {(e, id_): o for e, id_, o in stored_rows(session, wanted, columns)}
    heads = _heads(
        session,
        office,
        {item.attachment.sha256 for item in items if isinstance(item, wire.AttachmentItem)},
    )
    out: dict[int, Refusal] = {}
    for item in items:
        foreign = [k for k in _references(item) if owners.get(k, office) != office]
        if foreign:
            entity, id_ = foreign[0]
            out[id(item)] = ("forbidden", 403, f"{entity} {id_} belongs to another office")
        elif isinstance(item, wire.AttachmentItem) and (
            problem := _attachment_problem(item.attachment, heads)
        ):
            out[id(item)] = ("invalid", 422, problem)
    return out
