"""Fictitious wire rows and a raw-HTTP counter for the central service tests."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import httpx

from app.shared import wire
from central.seed import DEMO_OFFICE
from testkit.central_server import RunningCentral

OTHER_OFFICE = "000.00.01.H01"
T0 = dt.datetime(2026, 3, 2, 8, 30, tzinfo=dt.UTC)


def dossier_item(
    *,
    office: str = DEMO_OFFICE,
    version: int = 1,
    notes: str = "",
    ref: int = 1,
    dossier_id: str | None = None,
    status: str = "received",
) -> wire.DossierItem:
    dossier_id = dossier_id or str(uuid.uuid4())
    row: dict[str, Any] = {"row_version": 1, "created_at": T0, "updated_at": T0}
    return wire.DossierItem(
        ref=ref,
        dossier=wire.DossierWire(
            id=dossier_id, row_version=version, created_at=T0,
            updated_at=T0 + dt.timedelta(minutes=version),
            code=f"{office}-260302-{uuid.uuid4().hex[:4]}", lookup_code=uuid.uuid4().hex[:8],
            office_code=office, counter_number=1, citizen_id=str(uuid.uuid4()),
            officer_id=str(uuid.uuid4()), procedure_code="603", catalog_version="2026.1",
            status=status, submitted_at=T0, notes=notes,
        ),
        documents=[
            wire.DossierDocumentWire(
                id=f"{dossier_id[:30]}-doc1", dossier_id=dossier_id, name="Tờ khai TK1-TS",
                received=True, originals=1, **row,
            )
        ],
        events=[
            wire.DossierEventWire(
                id=f"{dossier_id[:30]}-ev1", dossier_id=dossier_id, at=T0,
                to_status="received", **row,
            )
        ],
    )  # fmt: skip


def with_notes(item: wire.DossierItem, notes: str, version: int | None = None) -> wire.DossierItem:
    changes: dict[str, Any] = {"notes": notes}
    if version is not None:
        changes["row_version"] = version
    return item.model_copy(update={"dossier": item.dossier.model_copy(update=changes)})


def attachment_item(
    sha256: str, size: int, *, ref: int = 1, office: str = DEMO_OFFICE
) -> wire.AttachmentItem:
    return wire.AttachmentItem(
        ref=ref,
        office_code=office,
        attachment=wire.AttachmentWire(
            id=str(uuid.uuid4()), row_version=1, created_at=T0, updated_at=T0,
            citizen_id=str(uuid.uuid4()), sha256=sha256, mime_type="application/pdf", size=size,
        ),
    )  # fmt: skip


class Device:
    """An enrolled counter speaking raw HTTP (the tests check the server, not the engine)."""

    def __init__(self, central: RunningCentral, office: str, counter: int = 1) -> None:
        answer = httpx.post(
            f"{central.url}/api/v1/enroll",
            json={"code": central.enrollment_code(office, counter), "device_name": "test"},
        )
        answer.raise_for_status()
        self.credentials = wire.EnrollResponse.model_validate(answer.json())
        self.office = office
        self.http = central.client(
            base_url=f"{central.url}/api/v1",
            headers={
                wire.DEVICE_HEADER: self.credentials.device_id,
                "Authorization": f"Bearer {self.credentials.secret}",
            },
        )

    def push(self, *items: wire.Wire, office: str | None = None) -> httpx.Response:
        body = wire.PushRequest(items=list(items)).model_dump(mode="json")  # type: ignore[arg-type]
        return self.http.post(f"/offices/{office or self.office}/push", json=body)

    def results(self, *items: wire.Wire) -> list[wire.PushResult]:
        response = self.push(*items)
        assert response.status_code == 200, response.text
        return wire.PushResponse.model_validate(response.json()).results

    def changes(
        self, since: int = 0, limit: int = 500, office: str | None = None
    ) -> httpx.Response:
        return self.http.get(
            f"/offices/{office or self.office}/changes", params={"since": since, "limit": limit}
        )
