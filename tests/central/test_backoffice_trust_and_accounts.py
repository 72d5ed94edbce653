"""What staff and citizens can rely on: the provenance label, the result's signature on
the citizen page, staff accounts kept in hand, look-up codes kept out of the access log,
and the admin API's dossier list walked to the end."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from backoffice_helpers import PASSWORD, CounterPusher, add_staff, csrf_of, log_in, signing_setup
from fastapi.testclient import TestClient
from sqlalchemy import select

from central.api import create_app
from central.db import CentralDatabase, open_central
from central.models import DossierResult, Office, StaffAccount, StaffAudit
from central.seed import DEMO_OFFICE, seed
from central.web import auth
from testkit.central_server import CHEAP_HASHER, CentralProcess, RunningCentral


@pytest.fixture
def db(central_db_url: str) -> Iterator[CentralDatabase]:
    database = open_central(central_db_url, pool_size=3)
    with database.session() as s:
        seed(s, 0, hasher=CHEAP_HASHER)
    add_staff(database, "lan", auth.PROCESSING_OFFICER, [DEMO_OFFICE])
    add_staff(database, "quantri", auth.ADMIN, [])
    yield database
    database.dispose()


def _client(db: CentralDatabase, username: str | None = None) -> TestClient:
    client = TestClient(create_app(db), base_url="https://testserver")
    if username:
        assert log_in(client, username).status_code == 200
    return client


def _post(client: TestClient, page_url: str, url: str, **fields: str) -> httpx.Response:
    page = client.get(page_url)
    return client.post(url, data={"csrf": csrf_of(page.text), **fields}, follow_redirects=True)


# --- provenance -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("identified_by", "shown", "level"),
    [
        ("chip_trusted", "đã kiểm tra đến chứng thư gốc tin cậy", "ok"),
        ("chip_no_csca", "không kiểm tra được nguồn gốc", "warn"),
        ("chip_failed", "kiểm tra chữ ký số KHÔNG đạt", "bad"),
        ("register", "Đối chiếu Cơ sở dữ liệu quốc gia về dân cư", "ok"),
        ("typed", "Cán bộ nhập tay từ thẻ", "warn"),
        ("", "máy quầy không ghi kết quả kiểm tra chữ ký số", "warn"),  # older counter
    ],
)
def test_the_provenance_label_follows_the_dossiers_own_verdict(
    db: CentralDatabase, identified_by: str, shown: str, level: str
) -> None:
    # The citizen row says "chip" in every case: only the dossier knows if it held up.
    pushed = CounterPusher(db).push(identified_by=identified_by)
    html = _client(db, "lan").get(f"/backoffice/dossiers/{pushed.dossier.id}").text
    label = re.search(r'<strong class="prov-(\w+)">([^<]+)</strong>', html)
    assert label is not None
    assert label.group(1) == level and shown in label.group(2)
    if identified_by != "chip_trusted":
        assert "đến chứng thư gốc tin cậy" not in html


# --- the result's signature on the citizen page ------------------------------------------


def test_the_citizen_page_says_the_result_is_validly_signed_and_notices_tampering(
    db: CentralDatabase, tmp_path: Path
) -> None:
    signing_setup(db, tmp_path / "pki")
    pushed = CounterPusher(db).push()
    d = pushed.dossier
    officer = _client(db, "lan")
    page = f"/backoffice/dossiers/{d.id}"
    _post(officer, page, f"{page}/actions/take")
    _post(officer, page, f"{page}/result")
    _post(officer, page, f"{page}/actions/mark_ready")
    citizen = _client(db)
    with db.session() as s:
        office = s.get(Office, DEMO_OFFICE)
        assert office is not None
        office_name = office.name
    answer = citizen.get("/tra-cuu", params={"ma": d.code, "khoa": d.lookup_code})
    assert f"Kết quả có chữ ký số hợp lệ của {office_name}." in answer.text
    english = citizen.get("/tra-cuu", params={"ma": d.code, "khoa": d.lookup_code, "lang": "en"})
    assert f"The result carries a valid digital signature of {office_name}." in english.text
    with db.session() as s:
        result = s.get(DossierResult, d.id)
        assert result is not None
        result.pdf = result.pdf + b"\n% added after signing\n"
    answer = citizen.get("/tra-cuu", params={"ma": d.code, "khoa": d.lookup_code, "lang": "vi"})
    assert "Không xác nhận được chữ ký số của kết quả" in answer.text
    assert "chữ ký số hợp lệ" not in answer.text


# --- staff accounts -----------------------------------------------------------------------


def test_staff_accounts_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from central.cli import main

    db_path = str(tmp_path / "central.sqlite3")
    base = ["--db", db_path]
    assert main([*base, "seed", "--volume", "0"]) == 0
    monkeypatch.setenv("MOTCUA_STAFF_PASSWORD", PASSWORD)
    assert main([*base, "staff-add", "--username", "lan", "--name", "Trần Thị Lan",
                 "--role", "processing_officer", "--office", DEMO_OFFICE]) == 0  # fmt: skip
    database = open_central(f"sqlite:///{db_path}")
    try:
        app = create_app(database)
        signed_in = TestClient(app, base_url="https://testserver")
        assert log_in(signed_in, "lan").status_code == 200

        assert main([*base, "staff-deactivate", "--username", "lan"]) == 0
        assert signed_in.get("/backoffice/queue").url.path == "/backoffice/login"  # signed out
        assert log_in(TestClient(app, base_url="https://testserver"), "lan").status_code == 401
        assert main([*base, "staff-activate", "--username", "lan"]) == 0

        for _ in range(auth.MAX_FAILURES):
            log_in(TestClient(app, base_url="https://testserver"), "lan", "sai-mat-khau-1")
        assert log_in(TestClient(app, base_url="https://testserver"), "lan").status_code == 401
        assert main([*base, "staff-unlock", "--username", "lan"]) == 0
        assert log_in(TestClient(app, base_url="https://testserver"), "lan").status_code == 200

        monkeypatch.setenv("MOTCUA_STAFF_PASSWORD", "mat-khau-moi-2026")
        assert main([*base, "staff-reset-password", "--username", "lan"]) == 0
        fresh = TestClient(app, base_url="https://testserver")
        assert log_in(fresh, "lan").status_code == 401  # the old password is gone
        assert log_in(fresh, "lan", "mat-khau-moi-2026").status_code == 200

        assert main([*base, "staff-unlock", "--username", "khong-co"]) == 1
        assert "unknown_user" in capsys.readouterr().err
        monkeypatch.setenv("MOTCUA_STAFF_PASSWORD", "ngan")
        assert main([*base, "staff-reset-password", "--username", "lan"]) == 1
        assert "password_too_short" in capsys.readouterr().err
        with database.session() as s:
            done = [a.detail for a in s.scalars(select(StaffAudit).order_by(StaffAudit.id))
                    if a.action.startswith("staff_")]  # fmt: skip
        assert "lan by command line" in done[-1]
    finally:
        database.dispose()


def test_the_administrator_manages_accounts_in_the_browser_and_nobody_else(
    db: CentralDatabase,
) -> None:
    officer = _client(db, "lan")
    assert officer.get("/backoffice/staff").status_code == 403
    refused = officer.post(
        "/backoffice/staff/quantri/deactivate",
        data={"csrf": csrf_of(officer.get("/backoffice/queue").text)},
    )
    assert refused.status_code == 403
    admin = _client(db, "quantri")
    listing = admin.get("/backoffice/staff")
    assert listing.status_code == 200 and 'id="staff-lan"' in listing.text
    assert "Tài khoản cán bộ" in admin.get("/backoffice/queue").text  # in the menu
    done = _post(admin, "/backoffice/staff", "/backoffice/staff/lan/deactivate")
    assert "Đã khóa tài khoản" in done.text
    assert officer.get("/backoffice/queue").url.path == "/backoffice/login"
    short = _post(
        admin, "/backoffice/staff", "/backoffice/staff/lan/reset_password", password="ngan"
    )
    assert short.status_code == 409 and "ít nhất 10 ký tự" in short.text
    itself = _post(admin, "/backoffice/staff", "/backoffice/staff/quantri/deactivate")
    assert itself.status_code == 409 and "Không thể tự khóa" in itself.text
    _post(admin, "/backoffice/staff", "/backoffice/staff/lan/activate")
    _post(admin, "/backoffice/staff", "/backoffice/staff/lan/reset_password",
          password="mat-khau-moi-2026")  # fmt: skip
    assert log_in(_client(db), "lan", "mat-khau-moi-2026").status_code == 200
    with db.session() as s:
        lan = s.scalar(select(StaffAccount).where(StaffAccount.username == "lan"))
        assert lan is not None and lan.active
        audit = [a.detail for a in s.scalars(select(StaffAudit)) if a.action.startswith("staff_")]
    assert "lan by quantri" in audit


# --- the access log -------------------------------------------------------------------------


def test_the_look_up_code_never_reaches_the_access_log(tmp_path: Path) -> None:
    log = tmp_path / "central.log"
    with CentralProcess(f"sqlite:///{tmp_path / 'central.sqlite3'}", log_path=log) as server:
        answer = httpx.get(
            f"{server.url}/tra-cuu", params={"ma": "H56-KHONGCO", "khoa": "BIMAT123"}
        )
        assert answer.status_code == 404
    text = log.read_text(encoding="utf-8", errors="replace")
    assert '"GET /tra-cuu HTTP/1.1" 404' in text
    assert "BIMAT123" not in text and "H56-KHONGCO" not in text


# --- the admin API's dossier list ------------------------------------------------------------


def test_the_admin_dossier_list_pages_through_every_dossier(central: RunningCentral) -> None:
    pusher = CounterPusher(central.db)
    pushed = {pusher.push(id_number=f"{i:012d}").dossier.id for i in range(7)}
    seen: list[str] = []
    params: dict[str, str] = {"limit": "3"}
    with central.admin() as admin:
        while True:
            page = admin.get(f"/api/v1/backoffice/offices/{DEMO_OFFICE}/dossiers", params=params)
            assert page.status_code == 200
            seen += [d["id"] for d in page.json()]
            if "X-Next-After" not in page.headers:
                break
            params = {"limit": "3", "after": page.headers["X-Next-After"]}
    assert len(seen) == len(set(seen)) and pushed <= set(seen)
