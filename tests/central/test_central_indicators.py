"""Province indicators at central: each office side by side, from what counters pushed."""

from __future__ import annotations

import io
import uuid

from central_helpers import OTHER_OFFICE, T0, Device, dossier_item
from sqlalchemy import select, update

from app.shared import wire
from central.models import Participant
from central.register_check.adapter import Guarded, ReferenceRegister
from central.register_check.runner import verify
from central.seed import DEMO_OFFICE
from testkit.central_server import RunningCentral

PERIOD = {"province": "01", "start": "2026-03-01", "end": "2026-03-31"}


def _dossier(office: str, citizen_id: str, method: str, **changes: object) -> wire.DossierItem:
    item = dossier_item(office=office)
    dossier = item.dossier.model_copy(
        update={"citizen_id": citizen_id, "identified_by": method, **changes}
    )
    return item.model_copy(update={"dossier": dossier})


def _citizen(office: str, citizen_id: str, id_number: str) -> wire.CitizenItem:
    return wire.CitizenItem(
        ref=2,
        office_code=office,
        citizen=wire.CitizenWire(
            id=citizen_id,
            row_version=1,
            created_at=T0,
            updated_at=T0,
            id_number=id_number,
            full_name="Công Dân Thử",
        ),
    )


def test_province_indicators_compare_offices_and_list_the_dossiers_behind_a_figure(
    central: RunningCentral, device: Device, other_device: Device
) -> None:
    with central.db.session() as s:
        people = list(s.scalars(select(Participant).order_by(Participant.bhxh_number).limit(3)))
        s.execute(
            update(Participant)
            .where(Participant.bhxh_number == people[2].bhxh_number)
            .values(full_name="Tên Sai", version=Participant.version + 1)
        )
    citizens = [str(uuid.uuid4()) for _ in people]
    scan = wire.DossierAttachmentLink(attachment_id=str(uuid.uuid4()))
    later = T0.replace(day=9)
    mine = [
        _dossier(DEMO_OFFICE, citizens[0], "chip_trusted", attachments=[scan]),
        _dossier(DEMO_OFFICE, citizens[0], "chip_trusted", attachments=[scan], submitted_at=later),
        _dossier(DEMO_OFFICE, citizens[1], "qr"),
        _dossier(DEMO_OFFICE, citizens[1], "typed", submitted_at=T0.replace(month=4)),  # April
    ]
    theirs = [_dossier(OTHER_OFFICE, citizens[2], "chip_no_csca", delivery_method="post")]
    assert all(
        r.outcome == "created"
        for r in device.results(
            *mine,
            _citizen(DEMO_OFFICE, citizens[0], people[0].id_number),
            _citizen(DEMO_OFFICE, citizens[1], people[1].id_number),
        )
    )
    assert other_device.results(*theirs, _citizen(OTHER_OFFICE, citizens[2], people[2].id_number))
    verify(central.db, Guarded(ReferenceRegister(central.db)))

    with central.admin() as admin:
        body = admin.get("/api/v1/backoffice/indicators", params=PERIOD).json()
        units = {u["office_code"]: u for u in body["units"]}
        assert list(units) == ["000.00.00.H00", "000.00.01.H01", ""]  # offices, then total
        demo, other, total = units[DEMO_OFFICE], units[OTHER_OFFICE], units[""]
        assert (demo["dossiers"], other["dossiers"], total["dossiers"]) == (3, 1, 4)

        def share(unit: dict, section: str, key: str) -> tuple[int, int]:
            figure = next(f for f in unit[section] if f["key"] == key)
            return figure["count"], figure["total"]

        assert share(demo, "identification", "identified.chip_trusted") == (2, 3)
        assert share(demo, "identification", "identified.qr") == (1, 3)
        assert share(other, "identification", "identified.chip_no_csca") == (1, 1)
        assert share(total, "channels", "channel.post") == (1, 4)
        assert (demo["reuse"]["count"], demo["reuse"]["total"]) == (1, 2)
        # both of the demo office's participants match the register; the other's differs
        assert (demo["register"]["count"], demo["register"]["total"]) == (2, 2)
        assert (other["register"]["count"], other["register"]["total"]) == (0, 1)
        assert (total["register"]["count"], total["register"]["total"]) == (2, 3)
        # no face-match attempt pushed: none of the dossiers verified by face
        assert (demo["biometrics"]["count"], demo["biometrics"]["total"]) == (0, 3)

        listed = admin.get(
            "/api/v1/backoffice/indicators/dossiers",
            params={**PERIOD, "office": DEMO_OFFICE, "key": "identified.chip_trusted"},
        ).json()
        assert listed["codes"] == sorted(d.dossier.code for d in mine[:2])
        everyone = admin.get(
            "/api/v1/backoffice/indicators/dossiers", params={**PERIOD, "key": "channel.post"}
        ).json()
        assert everyone["codes"] == [theirs[0].dossier.code]
        unknown = admin.get(
            "/api/v1/backoffice/indicators/dossiers", params={**PERIOD, "key": "nope"}
        )
        assert unknown.status_code == 404

        xlsx = admin.get("/api/v1/backoffice/indicators.xlsx", params=PERIOD)
        assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(xlsx.content)).active
        # the table's heading row, under the issuer, motto, title and period
        header = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "Chỉ tiêu")
        assert header[1:] == (
            "Bảo hiểm xã hội cơ sở (trình diễn)",
            "Bảo hiểm xã hội cơ sở Thử Nghiệm Một",
            "Toàn tỉnh",
        )
        pdf = admin.get("/api/v1/backoffice/indicators.pdf", params=PERIOD)
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        bad = admin.get("/api/v1/backoffice/indicators", params={**PERIOD, "end": "2026-02-01"})
        assert bad.status_code == 422
    assert device.http.get("/backoffice/indicators", params=PERIOD).status_code == 401
    # a counter reads its own office's register figure, never another office's
    dates = {"start": PERIOD["start"], "end": PERIOD["end"]}
    own = device.http.get(f"/offices/{DEMO_OFFICE}/indicators/register", params=dates)
    assert own.status_code == 200
    assert (own.json()["count"], own.json()["total"]) == (2, 2)
    assert set(own.json()["dossier_ids"]) == {d.dossier.id for d in mine[:3]}
    other = other_device.http.get(f"/offices/{DEMO_OFFICE}/indicators/register", params=dates)
    assert other.status_code == 403
