"""A back office under test: the app on a real database, staff accounts, pushed dossiers."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from app.shared import wire
from central.db import CentralDatabase
from central.ingest import ingest
from central.models import Device
from central.seed import DEMO_OFFICE
from central.web import admin_cli, auth
from central.web.office_cert import OfficeCertificate, issue_office_certificate
from testkit.central_server import CHEAP_HASHER

PASSWORD = "mat-khau-thu-nghiem"
T0 = dt.datetime(2026, 3, 2, 1, 30, tzinfo=dt.UTC)
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "no CSRF field on the page"
    return found.group(1)


def add_staff(db: CentralDatabase, username: str, role: str, offices: list[str]) -> None:
    with db.session() as s:
        auth.create_staff(
            s, CHEAP_HASHER, username=username, full_name=f"Cán bộ {username}", role=role,
            offices=offices, password=PASSWORD,
        )  # fmt: skip


def log_in(client: TestClient, username: str, password: str = PASSWORD) -> Any:
    page = client.get("/backoffice/login")
    return client.post(
        "/backoffice/login",
        data={"csrf": csrf_of(page.text), "username": username, "password": password,
              "next": "/backoffice/queue"},
    )  # fmt: skip


def signing_setup(
    db: CentralDatabase, folder: Path, office: str = DEMO_OFFICE
) -> OfficeCertificate:
    issued = issue_office_certificate(folder, office, "BHXH thử nghiệm")
    with db.session() as s:
        admin_cli.set_profile(
            s, office, signing_key_path=str(issued.key_path),
            signing_cert_path=str(issued.cert_path), address="01 Đường Thử, Đà Nẵng",
            phone="0236 3800 000", hours="7:30–17:00, thứ Hai đến thứ Sáu",
        )  # fmt: skip
    return issued


@dataclass
class Pushed:
    dossier: wire.DossierWire
    citizen: wire.CitizenWire


class CounterPusher:
    """Pushes dossiers the way a counter does (through ingest, in one transaction)."""

    def __init__(self, db: CentralDatabase, office: str = DEMO_OFFICE, counter: int = 1) -> None:
        self.db = db
        self.device = Device(
            id=str(uuid.uuid4()), office_code=office, counter_number=counter, secret_hash="-"
        )
        with db.session() as s:
            s.add(self.device)

    def push(
        self,
        *,
        name: str = "Nguyễn Thị Hồng Nhung",
        id_number: str = "048190000123",
        procedure: str = "603",
        due: dt.datetime | None = None,
        submitted: dt.datetime = T0,
        status: str = "received",
        attachments: list[wire.DossierAttachmentLink] | None = None,
        code: str | None = None,
        identified_by: str = "chip_trusted",
    ) -> Pushed:
        row: dict[str, Any] = {"row_version": 1, "created_at": submitted, "updated_at": submitted}
        citizen = wire.CitizenWire(
            id=str(uuid.uuid4()), id_number=id_number, full_name=name, sex="Nữ",
            residence="Phường Hải Châu, Đà Nẵng", id_verified_by="chip", **row,
        )  # fmt: skip
        dossier_id = str(uuid.uuid4())
        dossier = wire.DossierWire(
            id=dossier_id, code=code or f"H99-{uuid.uuid4().hex[:10].upper()}",
            lookup_code=uuid.uuid4().hex[:8].upper(), office_code=self.device.office_code,
            counter_number=self.device.counter_number, citizen_id=citizen.id,
            officer_id=str(uuid.uuid4()), procedure_code=procedure, catalog_version="2026.1",
            status=status, submitted_at=submitted, due_at=due or submitted + dt.timedelta(days=5),
            attachments=attachments or [], identified_by=identified_by, **row,
        )  # fmt: skip
        items = [
            wire.CitizenItem(ref=1, office_code=self.device.office_code, citizen=citizen),
            wire.DossierItem(
                ref=2,
                dossier=dossier,
                documents=[
                    wire.DossierDocumentWire(
                        id=str(uuid.uuid4()), dossier_id=dossier_id, name="Tờ khai TK1-TS",
                        received=True, originals=1, **row,
                    )
                ],
                events=[
                    wire.DossierEventWire(
                        id=str(uuid.uuid4()), dossier_id=dossier_id, at=submitted,
                        to_status="received", **row,
                    )
                ],
            ),
        ]  # fmt: skip
        with self.db.session() as s:
            results = ingest(s, self.device, items, lock=False)
        assert {r.outcome for r in results} == {"created"}, results
        return Pushed(dossier, citizen)
