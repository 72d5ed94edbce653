"""The back office's report pages over real HTTP (the service on loopback, on SQLite and
PostgreSQL): the register-check work list for an office's staff, and the province's
Đề án 06 indicators for the office head and the administrator — charts, links to the
dossiers behind each figure, life-event counts, XLSX/PDF with the signer."""

from __future__ import annotations

import datetime as dt
import io
import re
import uuid
from collections.abc import Iterator

import httpx
import pytest
from backoffice_helpers import PASSWORD, add_staff, csrf_of
from central_helpers import OTHER_OFFICE, T0, Device, dossier_item
from sqlalchemy import select, update

from app.shared import wire
from central.life_events import service
from central.life_events.tables import LifeEvent, PortalClient
from central.models import Participant
from central.register_check.adapter import (
    Guarded,
    ReferenceRegister,
    RegisterRecord,
    RegisterUnavailable,
    RetryPolicy,
)
from central.register_check.runner import verify
from central.seed import DEMO_OFFICE
from central.web import auth
from testkit.central_server import RunningCentral

PERIOD = {"province": "01", "start": "2026-03-01", "end": "2026-03-31"}


def _web(central: RunningCentral, username: str) -> httpx.Client:
    """A signed-in browser over plain HTTP to loopback. The session cookie is Secure,
    which a browser keeps for localhost but Python's cookie jar sends only over HTTPS:
    the hooks keep the cookies the server set and send them back."""
    jar: dict[str, str] = {}

    def keep(response: httpx.Response) -> None:
        for line in response.headers.get_list("set-cookie"):
            name, _, rest = line.partition("=")
            jar[name] = rest.split(";", 1)[0]

    def send(request: httpx.Request) -> None:
        if jar:
            request.headers["cookie"] = "; ".join(f"{k}={v}" for k, v in jar.items())

    client = central.client(
        base_url=central.url,
        follow_redirects=True,
        event_hooks={"request": [send], "response": [keep]},
    )
    page = client.get("/backoffice/login")
    answer = client.post("/backoffice/login", data={
        "csrf": csrf_of(page.text), "username": username, "password": PASSWORD,
        "next": "/backoffice/queue",
    })  # fmt: skip
    assert answer.status_code == 200 and "Hàng đợi hồ sơ" in answer.text, answer.text[:300]
    return client


def _citizen(office: str, id_number: str, phone: str = "", citizen_id: str = "") -> wire.Wire:
    return wire.CitizenItem(
        ref=2,
        office_code=office,
        citizen=wire.CitizenWire(
            id=citizen_id or str(uuid.uuid4()), row_version=1, created_at=T0, updated_at=T0,
            id_number=id_number, full_name="Tên Tại Quầy", phone=phone,
        ),
    )  # fmt: skip


def _dossier(office: str, citizen_id: str, method: str) -> wire.DossierItem:
    item = dossier_item(office=office)
    dossier = item.dossier.model_copy(update={"citizen_id": citizen_id, "identified_by": method})
    return item.model_copy(update={"dossier": dossier})


@pytest.fixture
def people(central: RunningCentral) -> Iterator[list[Participant]]:
    for username, role, offices in (
        ("lan", auth.PROCESSING_OFFICER, [DEMO_OFFICE]),
        ("truong", auth.OFFICE_HEAD, [DEMO_OFFICE]),
        ("quantri", auth.ADMIN, []),
    ):
        add_staff(central.db, username, role, offices)
    with central.db.session() as s:
        yield list(s.scalars(select(Participant).order_by(Participant.bhxh_number)))


def test_the_work_list_shows_who_differs_what_and_the_procedure_that_corrects_it(
    central: RunningCentral, device: Device, other_device: Device, people: list[Participant]
) -> None:
    renamed, missing, elsewhere = people[2], people[4], people[6]
    with central.db.session() as s:  # edits at BHXH: the version follows by itself
        s.execute(update(Participant).where(Participant.bhxh_number == renamed.bhxh_number)
                  .values(full_name="Tên Sai Ở BHXH"))  # fmt: skip
        s.execute(update(Participant).where(Participant.bhxh_number == missing.bhxh_number)
                  .values(id_number="001099999997"))  # fmt: skip
        s.execute(update(Participant).where(Participant.bhxh_number == elsewhere.bhxh_number)
                  .values(full_name="Tên Sai Khác"))  # fmt: skip
    assert device.results(
        _citizen(DEMO_OFFICE, renamed.id_number, "0912000111"),
        _citizen(DEMO_OFFICE, "001099999997"),
    )
    assert other_device.results(_citizen(OTHER_OFFICE, elsewhere.id_number, "0987000222"))
    verify(central.db, Guarded(ReferenceRegister(central.db)))

    web = _web(central, "lan")
    page = web.get("/backoffice/register-check")
    assert page.status_code == 200
    text = page.text
    assert 'href="/backoffice/register-check"' in text  # in the navigation
    row = text[text.index(renamed.bhxh_number) :]
    row = row[: row.index("</tr>")]
    for expected in ("Tên Sai Ở BHXH", renamed.full_name, "Họ và tên", "0912000111",
                     "608 — Điều chỉnh thông tin", renamed.id_number):  # fmt: skip
        assert expected in row, expected
    assert missing.bhxh_number in text and "Không có trong CSDL dân cư" in text
    assert elsewhere.bhxh_number not in text  # served by another office
    assert "2 người" in text
    # another office asked for by hand: still only the staff's own office
    assert (
        elsewhere.bhxh_number
        not in web.get("/backoffice/register-check", params={"office": OTHER_OFFICE}).text
    )
    only_missing = web.get("/backoffice/register-check", params={"outcome": "not_found"}).text
    assert missing.bhxh_number in only_missing and renamed.bhxh_number not in only_missing
    english = web.get("/backoffice/register-check", params={"lang": "en"}).text
    assert "Register check: to correct" in english and "Full name" in english

    # corrected at BHXH: the old result says nothing any more and leaves the list
    with central.db.session() as s:
        s.execute(update(Participant).where(Participant.bhxh_number == renamed.bhxh_number)
                  .values(full_name=renamed.full_name))  # fmt: skip
    assert renamed.bhxh_number not in web.get("/backoffice/register-check").text
    admin = _web(central, "quantri")
    everyone = admin.get("/backoffice/register-check", params={"office": ""}).text
    assert missing.bhxh_number in everyone and elsewhere.bhxh_number in everyone


def _birth_closed_with(central: RunningCentral, code: str, days_later: int) -> None:
    with central.db.session() as s:
        client = PortalClient(name="Cổng thử", secret_hash="0" * 64)
        s.add(client)
        s.flush()
        mother = s.scalars(select(Participant).order_by(Participant.bhxh_number)).first()
        assert mother is not None
        row, _ = service.receive(s, client, service.parse_event.validate_python({
            "event_type": "birth", "certificate_number": "CS0077/2026", "issued_on": "2026-03-02",
            "facility": {"code": "1", "name": "Bệnh viện thử"},
            "mother": {"full_name": "Mẹ Thử", "residence": "Phường Thử Nghiệm, Hà Nội"},
            "child": {"sex": "Nữ", "born_at": "2026-03-01T06:00:00+07:00"},
        }))  # fmt: skip
        row.office_code, row.received_at = DEMO_OFFICE, T0
        row.status, row.closed_dossier_code = "closed", code
        row.closed_at = dt.datetime(2026, 3, 1, tzinfo=dt.UTC) + dt.timedelta(days=days_later)
    with central.db.session() as s:
        assert s.scalars(select(LifeEvent.office_code)).all() == [DEMO_OFFICE]


def test_people_the_register_did_not_answer_for_are_listed_with_the_reason(
    central: RunningCentral, people: list[Participant]
) -> None:
    """The register timed out on one batch (the HTTP adapter's timeouts are tested in
    test_register_timeouts): those people are listed on request, with why, in both
    languages, and with no correcting procedure offered."""
    reference = ReferenceRegister(central.db)

    class TimesOutOnce:
        source = reference.source
        calls = 0

        def fetch(
            self, id_numbers: list[str], *, timeout: float
        ) -> dict[str, RegisterRecord | None]:
            self.calls += 1
            if self.calls == 1:
                raise RegisterUnavailable("read timeout", kind="read_timeout")
            return reference.fetch(id_numbers, timeout=timeout)

    register = Guarded(TimesOutOnce(), retry=RetryPolicy(attempts=1))
    verify(central.db, register, batch=10)
    admin = _web(central, "quantri")
    try:
        listed = admin.get("/backoffice/register-check", params={"outcome": "not_checked"}).text
        assert "10 người" in listed and people[0].bhxh_number in listed
        assert "không trả lời trong thời hạn chờ" in listed
        assert "608 — Điều chỉnh thông tin" not in listed
        assert people[0].bhxh_number not in admin.get("/backoffice/register-check").text
        english = admin.get(
            "/backoffice/register-check", params={"outcome": "not_checked", "lang": "en"}
        ).text
        assert "did not answer in time" in english
    finally:
        admin.close()


def test_the_province_indicators_side_by_side_with_charts_links_and_exports(
    central: RunningCentral, device: Device, other_device: Device, people: list[Participant]
) -> None:
    citizens = [str(uuid.uuid4()) for _ in range(3)]
    mine = [
        _dossier(DEMO_OFFICE, citizens[0], "chip_trusted"),
        _dossier(DEMO_OFFICE, citizens[0], "chip_trusted"),
        _dossier(DEMO_OFFICE, citizens[1], "qr"),
    ]
    theirs = [_dossier(OTHER_OFFICE, citizens[2], "chip_trusted")]
    assert device.results(*mine, _citizen(DEMO_OFFICE, people[0].id_number, citizen_id=citizens[0]))
    assert other_device.results(*theirs)
    _birth_closed_with(central, mine[2].dossier.code, days_later=5)

    assert _web(central, "lan").get("/backoffice/indicators").status_code == 403
    head = _web(central, "truong")
    page = head.get("/backoffice/indicators", params=PERIOD)
    assert page.status_code == 200
    text = page.text
    for expected in ("Chỉ tiêu Đề án 06", "Bảo hiểm xã hội cơ sở (trình diễn)",
                     "Bảo hiểm xã hội cơ sở Thử Nghiệm Một", "Toàn tỉnh",
                     "Hồ sơ tiếp nhận theo ngày", "Tỷ lệ hồ sơ giải quyết đúng hạn"):  # fmt: skip
        assert expected in text, expected
    assert text.count("<svg") == 4 and "<polyline" in text and "<rect" in text
    assert "<script" not in text.split("</head>")[1]  # charts drawn on the server
    # the office's own figure links to its dossiers; another office's does not
    links = re.findall(r'href="(/backoffice/indicators/dossiers\?[^"]+)"', text)
    chip = [link.replace("&amp;", "&") for link in links if "chip_trusted" in link]
    assert any(f"office={DEMO_OFFICE}" in link for link in chip)
    assert not any(f"office={OTHER_OFFICE}" in link for link in chip)
    assert ">2 (66,7%)<" in text  # two of the office's three dossiers by trusted chip
    # life events: one received, one dossier opened from it, 5 days from birth to dossier
    events = text[text.index("VIII. Sự kiện hộ tịch") :]
    assert ">1<" in events and "1 (100,0%)" in events and ">5,0<" in events

    listed = head.get(next(link for link in chip if f"office={DEMO_OFFICE}" in link))
    assert listed.status_code == 200
    for item in mine[:2]:
        assert f'href="/backoffice/dossiers/{item.dossier.id}"' in listed.text
    assert mine[2].dossier.code not in listed.text
    dossier = head.get(f"/backoffice/dossiers/{mine[0].dossier.id}")
    assert dossier.status_code == 200 and mine[0].dossier.code in dossier.text
    opened = head.get("/backoffice/indicators/dossiers",
                      params={**PERIOD, "office": DEMO_OFFICE, "key": "life_events.opened"})  # fmt: skip
    assert mine[2].dossier.code in opened.text
    refused = head.get("/backoffice/indicators/dossiers",
                       params={**PERIOD, "office": OTHER_OFFICE, "key": "identified.chip_trusted"})  # fmt: skip
    assert refused.status_code == 403
    bad = head.get("/backoffice/indicators", params={**PERIOD, "end": "2026-02-01"})
    assert bad.status_code == 422 and "Kỳ báo cáo không hợp lệ" in bad.text

    from openpyxl import load_workbook
    from pypdf import PdfReader

    xlsx = head.get("/backoffice/indicators.xlsx", params=PERIOD)
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    cells = [c for r in load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True)
             for c in r if c]  # fmt: skip
    assert "Cán bộ truong" in cells and "THỦ TRƯỞNG ĐƠN VỊ" in cells
    pdf = head.get("/backoffice/indicators.pdf", params=PERIOD)
    words = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "ĐỀ ÁN 06" in words and "Cán bộ truong" in words and "Toàn tỉnh" in words

    admin = _web(central, "quantri")
    whole = admin.get("/backoffice/indicators", params={**PERIOD, "lang": "en"}).text
    assert "Đề án 06 indicators" in whole and "office=&amp;key=identified.chip_trusted" in whole
