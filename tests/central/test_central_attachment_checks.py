"""Central checks what a counter tells it about attachments, over HTTP on a real server.

Each lie (size, type, file name, another office's rows) is refused for that item alone,
with a reason the counter's problems page puts in words; the rest of the batch goes in.
Whatever got stored, the back office never serves a counter's "scan" as a page.
"""

from __future__ import annotations

import hashlib
import uuid

import pytest
from backoffice_helpers import add_staff, log_in
from central_helpers import T0, Device, dossier_item
from fastapi.testclient import TestClient

from app.services.sync.conflicts import reason_text
from app.shared import wire
from central.api import create_app
from central.models import SyncedRow
from central.seed import DEMO_OFFICE
from central.web import auth
from testkit.central_server import RunningCentral

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"  # a fictitious scan
HTML = b"<!doctype html><script>fetch('/backoffice/queue')</script>"


def _upload(device: Device, content: bytes) -> str:
    sha = hashlib.sha256(content).hexdigest()
    start = device.http.post(f"/offices/{device.office}/blobs/{sha}", json={"size": len(content)})
    assert start.status_code == 200, start.text
    put = device.http.put(
        f"/offices/{device.office}/blobs/{sha}", params={"offset": 0}, content=content
    )
    assert put.json()["complete"] is True
    return sha


def _attachment(content: bytes, ref: int = 1, **claims: object) -> wire.AttachmentItem:
    fields: dict[str, object] = dict(
        id=str(uuid.uuid4()), row_version=1, created_at=T0, updated_at=T0,
        citizen_id=str(uuid.uuid4()), sha256=hashlib.sha256(content).hexdigest(),
        mime_type="application/pdf", size=len(content), filename="giay-khai-sinh.pdf",
    )  # fmt: skip
    fields.update(claims)
    return wire.AttachmentItem(
        ref=ref, office_code=DEMO_OFFICE, attachment=wire.AttachmentWire.model_validate(fields)
    )


def _stored(central: RunningCentral, entity: str, id_: str) -> SyncedRow | None:
    with central.db.session() as s:
        return s.get(SyncedRow, (entity, id_))


def test_each_false_claim_is_refused_alone_with_a_reason_in_words(
    central: RunningCentral, device: Device
) -> None:
    _upload(device, PDF)
    _upload(device, HTML)
    honest = _attachment(PDF, ref=1)
    lies = {
        "size": _attachment(PDF, ref=2, size=999_999),
        "html": _attachment(HTML, ref=3, mime_type="text/html", filename="scan.html"),
        "renamed": _attachment(HTML, ref=4),  # HTML declared as a PDF
        "mismatch": _attachment(PDF, ref=5, mime_type="image/png"),
        "name": _attachment(PDF, ref=6, filename='../../etc/passwd"<x>.html'),
    }
    answers = {r.ref: r for r in device.results(honest, *lies.values())}
    assert answers[1].outcome == "created"
    for lie, item in lies.items():
        answer = answers[item.ref]
        assert (answer.outcome, answer.status) == ("invalid", 422), (lie, answer)
        assert _stored(central, "attachment", item.attachment.id) is None, lie
    assert f"declared 999999 bytes, uploaded {len(PDF)}" in answers[2].reason
    assert "not PDF, JPEG, PNG or TIFF" in answers[3].reason
    assert "not PDF, JPEG, PNG or TIFF" in answers[4].reason
    assert "declared image/png, content application/pdf" in answers[5].reason
    assert "character '/'" in answers[6].reason
    # What the officer reads on the counter's problems page.
    assert "sai kích thước" in reason_text(answers[2].reason)
    assert "không phải PDF, JPEG, PNG hoặc TIFF" in reason_text(answers[3].reason)
    assert "Tên tệp đính kèm" in reason_text(answers[6].reason)


def test_references_to_another_offices_rows_are_forbidden(
    central: RunningCentral, device: Device, other_device: Device
) -> None:
    theirs = wire.CitizenWire(
        id=str(uuid.uuid4()), row_version=1, created_at=T0, updated_at=T0,
        id_number="001190000999", full_name="Lê Văn Khác", residence="Hà Nội",
    )  # fmt: skip
    [created] = other_device.results(
        wire.CitizenItem(ref=1, office_code=other_device.office, citizen=theirs)
    )
    assert created.outcome == "created"
    _upload(other_device, PDF)
    their_scan = _attachment(PDF).model_copy(update={"office_code": other_device.office})
    assert other_device.results(their_scan)[0].outcome == "created"

    _upload(device, PDF)
    scan_of_theirs = _attachment(PDF, ref=1, citizen_id=theirs.id)
    dossier = dossier_item(ref=2)
    dossier_of_theirs = dossier.model_copy(
        update={"dossier": dossier.dossier.model_copy(update={"citizen_id": theirs.id})}
    )
    linked = dossier_item(ref=3)
    linked = linked.model_copy(
        update={
            "dossier": linked.dossier.model_copy(
                update={
                    "attachments": [
                        wire.DossierAttachmentLink(attachment_id=their_scan.attachment.id)
                    ]
                }
            )
        }
    )
    fine = dossier_item(ref=4)
    answers = {r.ref: r for r in device.results(scan_of_theirs, dossier_of_theirs, linked, fine)}
    assert answers[4].outcome == "created"
    for ref in (1, 2, 3):
        assert (answers[ref].outcome, answers[ref].status) == ("forbidden", 403)
        assert "belongs to another office" in answers[ref].reason
        assert reason_text(answers[ref].reason) == "Dữ liệu thuộc đơn vị khác."
    assert _stored(central, "dossier", dossier.dossier.id) is None


def test_an_office_over_its_quota_cannot_start_another_upload(
    central: RunningCentral, device: Device, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOTCUA_OFFICE_QUOTA_MB", "1")
    _upload(device, b"%PDF-1.4\n" + b"1" * 700_000)
    big = b"%PDF-1.4\n" + b"2" * 400_000
    sha = hashlib.sha256(big).hexdigest()
    answer = device.http.post(f"/offices/{device.office}/blobs/{sha}", json={"size": len(big)})
    assert answer.status_code == 507 and answer.json()["reason"] == "quota"
    assert "dung lượng lưu tệp" in reason_text("507 quota")
    small = b"%PDF-1.4 small"  # still room for this one
    _upload(device, small)


def test_the_back_office_never_serves_a_scan_as_a_page(
    central: RunningCentral, device: Device
) -> None:
    """A row stored before central checked (or by any other path) is still served safe."""
    _upload(device, HTML)
    _upload(device, PDF)
    pdf_scan = _attachment(PDF, filename="Giấy khai sinh.pdf")
    assert device.results(pdf_scan)[0].outcome == "created"
    html_id = str(uuid.uuid4())
    with central.db.session() as s:
        bad = _attachment(HTML, id=html_id, mime_type="text/html", filename='x"<b>.html')
        s.add(
            SyncedRow(
                entity="attachment", id=html_id, office_code=DEMO_OFFICE, row_version=1,
                content_hash="-", data=bad.attachment.model_dump(mode="json"),
                received_at=T0, updated_at=T0,
            )
        )  # fmt: skip
    links = [wire.DossierAttachmentLink(attachment_id=a) for a in (pdf_scan.attachment.id, html_id)]
    item = dossier_item()
    item = item.model_copy(
        update={"dossier": item.dossier.model_copy(update={"attachments": links})}
    )
    assert device.results(item)[0].outcome == "created"
    add_staff(central.db, "lan", auth.PROCESSING_OFFICER, [DEMO_OFFICE])
    staff = TestClient(create_app(central.db), base_url="https://testserver")
    assert log_in(staff, "lan").status_code == 200
    base = f"/backoffice/dossiers/{item.dossier.id}/scans"

    html = staff.get(f"{base}/{html_id}")
    assert html.status_code == 200 and html.content == HTML
    assert html.headers["content-type"] == "application/octet-stream"
    assert html.headers["content-disposition"] == 'attachment; filename="x-b-.html"'
    assert html.headers["x-content-type-options"] == "nosniff"

    pdf = staff.get(f"{base}/{pdf_scan.attachment.id}")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content == PDF
    assert pdf.headers["content-disposition"] == 'inline; filename="Giay-khai-sinh.pdf"'
