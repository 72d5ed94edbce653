"""The web back office and the citizen page over HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from backoffice_helpers import CounterPusher, add_staff, csrf_of, log_in, signing_setup
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.shared import result_signature, wire
from app.shared.status_names import STATUS
from app.shared.types import utcnow
from central import blobs
from central.api import create_app
from central.db import CentralDatabase, open_central
from central.models import Change, StaffAudit, StaffSession
from central.seed import DEMO_OFFICE, seed
from central.web import auth, i18n, routes
from testkit.central_server import CHEAP_HASHER

OTHER_OFFICE = "000.00.01.H01"


@pytest.fixture
def db(central_db_url: str) -> Iterator[CentralDatabase]:
    database = open_central(central_db_url, pool_size=3)
    with database.session() as s:
        seed(s, 0, hasher=CHEAP_HASHER)
    add_staff(database, "lan", auth.PROCESSING_OFFICER, [DEMO_OFFICE])
    add_staff(database, "truong", auth.OFFICE_HEAD, [DEMO_OFFICE])
    add_staff(database, "khac", auth.PROCESSING_OFFICER, [OTHER_OFFICE])
    add_staff(database, "quantri", auth.ADMIN, [])
    yield database
    database.dispose()


@pytest.fixture
def web(db: CentralDatabase) -> TestClient:
    # https: the session cookie is Secure and a client keeps it only over TLS.
    return TestClient(create_app(db), base_url="https://testserver", follow_redirects=True)


def _signed_in(db: CentralDatabase, username: str) -> TestClient:
    client = TestClient(create_app(db), base_url="https://testserver")
    assert log_in(client, username).status_code == 200
    return client


def _act(client: TestClient, dossier_id: str, action: str, **fields: str) -> object:
    page = client.get(f"/backoffice/dossiers/{dossier_id}")
    return client.post(
        f"/backoffice/dossiers/{dossier_id}/actions/{action}",
        data={"csrf": csrf_of(page.text), **fields},
    )


# --- log-in ---------------------------------------------------------------------------


def test_log_in_sets_a_secure_http_only_strict_cookie(web: TestClient) -> None:
    assert web.get("/backoffice/queue").url.path == "/backoffice/login"
    answer = log_in(web, "lan")
    assert answer.status_code == 200 and answer.url.path == "/backoffice/queue"
    cookie = next(
        h for k, h in answer.history[0].headers.multi_items()
        if k == "set-cookie" and h.startswith("motcua_bo=")
    )  # fmt: skip
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert "Path=/backoffice" in cookie


def test_wrong_passwords_lock_the_account_and_say_so(web: TestClient, db: CentralDatabase) -> None:
    for _ in range(auth.MAX_FAILURES):
        answer = log_in(web, "lan", "sai-mat-khau")
        assert answer.status_code == 401
        assert "Tên đăng nhập hoặc mật khẩu không đúng" in answer.text
    answer = log_in(web, "lan")  # the right password, too late
    assert answer.status_code == 401 and "tạm khóa 15 phút" in answer.text
    unknown = log_in(web, "khong-co-ai", "sai-mat-khau")
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in unknown.text  # same as a wrong password
    with db.session() as s:
        actions = [a.action for a in s.scalars(select(StaffAudit).order_by(StaffAudit.id))]
    assert "account_locked" in actions and "login_locked" in actions


def test_a_form_without_its_csrf_token_is_refused(db: CentralDatabase) -> None:
    client = _signed_in(db, "lan")
    pushed = CounterPusher(db).push()
    answer = client.post(f"/backoffice/dossiers/{pushed.dossier.id}/actions/take", data={})
    assert answer.status_code == 403 and "Biểu mẫu đã hết hạn" in answer.text
    login_page = client.get("/backoffice/login")
    client.cookies.set("motcua_bo_login", csrf_of(login_page.text) + "x")
    forged = client.post(
        "/backoffice/login", data={"csrf": "forged", "username": "lan", "password": "x"}
    )
    assert forged.status_code == 401


def test_an_idle_session_expires_and_the_page_says_why(db: CentralDatabase) -> None:
    client = _signed_in(db, "lan")
    with db.session() as s:
        for row in s.scalars(select(StaffSession)):
            row.last_seen_at = utcnow() - auth.IDLE - dt.timedelta(seconds=1)
    answer = client.get("/backoffice/queue", follow_redirects=True)
    assert answer.url.path == "/backoffice/login"
    assert "Phiên làm việc đã hết hạn" in answer.text


# --- permissions ------------------------------------------------------------------------


def test_staff_reach_only_their_office_and_their_role(db: CentralDatabase) -> None:
    pushed = CounterPusher(db).push()
    other = _signed_in(db, "khac")
    assert other.get(f"/backoffice/dossiers/{pushed.dossier.id}").status_code == 403
    assert pushed.dossier.code not in other.get("/backoffice/queue").text
    officer = _signed_in(db, "lan")
    assert _act(officer, pushed.dossier.id, "take").status_code == 200  # type: ignore[attr-defined]
    refused = _act(officer, pushed.dossier.id, "stop", reason="x")
    assert refused.status_code == 403  # type: ignore[attr-defined]  # only the head stops
    admin = _signed_in(db, "quantri")
    page = admin.get(f"/backoffice/dossiers/{pushed.dossier.id}")
    assert page.status_code == 200 and 'id="mark-ready"' not in page.text
    assert _act(admin, pushed.dossier.id, "take").status_code == 403  # type: ignore[attr-defined]


# --- work queue -----------------------------------------------------------------------


def test_queue_searches_by_code_id_number_and_name_without_diacritics(db: CentralDatabase) -> None:
    pusher = CounterPusher(db)
    nhung = pusher.push(name="Nguyễn Thị Hồng Nhung", id_number="048190000123")
    duc = pusher.push(name="Trần Văn Đức", id_number="079085000456")
    client = _signed_in(db, "lan")

    def codes(**params: str) -> set[str]:
        html = client.get("/backoffice/queue", params=params).text
        return {c for c in (nhung.dossier.code, duc.dossier.code) if c in html}

    assert codes(q="tran van duc") == {duc.dossier.code}
    assert codes(q="duc") == {duc.dossier.code}  # a word of the name
    assert codes(q="Hồng") == {nhung.dossier.code}
    assert codes(q="048190000123") == {nhung.dossier.code}
    assert codes(q=nhung.dossier.code[:9]) == {nhung.dossier.code}
    assert codes(q="Lê Văn") == set()


def test_queue_shows_time_left_and_filters_late_dossiers(db: CentralDatabase) -> None:
    pusher = CounterPusher(db)
    now = utcnow()
    # Due dates one office day before and two after today, at the hour it is now in
    # Vietnam: "days" are calendar days there, whatever the hour of the run.
    late = pusher.push(
        due=now - dt.timedelta(days=1, minutes=1), submitted=now - dt.timedelta(days=6)
    )
    soon = pusher.push(due=now + dt.timedelta(days=2, minutes=1), submitted=now)
    client = _signed_in(db, "lan")
    html = client.get("/backoffice/queue").text
    assert "quá hạn 1 ngày" in html and "còn 2 ngày" in html
    late_only = client.get("/backoffice/queue", params={"late": "1"}).text
    assert late.dossier.code in late_only and soon.dossier.code not in late_only
    english = client.get("/backoffice/queue", params={"lang": "en"}).text
    assert "1 days late" in english and "Work queue" in english


def test_queue_pages_walk_every_dossier_once_past_a_thousand(db: CentralDatabase) -> None:
    pusher = CounterPusher(db)
    base = utcnow()
    for i in range(120):
        pusher.push(id_number=f"{i:012d}", due=base + dt.timedelta(hours=i % 7))
    client = _signed_in(db, "lan")
    seen: list[str] = []
    url, params = "/backoffice/queue", {"sort": "due"}
    while True:
        html = client.get(url, params=params).text
        seen += re.findall(r'href="/backoffice/dossiers/([0-9a-f-]{36})"', html)
        after = re.search(r'after=([A-Za-z0-9_-]+)"', html)
        if not after:
            break
        params = {"sort": "due", "after": after.group(1)}
    assert len(seen) == 120 and len(set(seen)) == 120
    assert "120 hồ sơ" in html


# --- the dossier's way through the office ----------------------------------------------


def test_dossier_worked_to_result_ready_flows_to_the_counter_feed(
    db: CentralDatabase, tmp_path: Path
) -> None:
    issued = signing_setup(db, tmp_path / "pki")
    pushed = CounterPusher(db).push()
    officer, head = _signed_in(db, "lan"), _signed_in(db, "truong")
    d = pushed.dossier.id
    assert "Đã nhận xử lý" in _act(officer, d, "take").text  # type: ignore[attr-defined]
    new_due = (pushed.dossier.due_at + dt.timedelta(days=3)).astimezone(routes.VN)  # type: ignore[operator]
    extended = _act(head, d, "extend", new_due=new_due.strftime("%Y-%m-%dT%H:%M"),
                    reason="Chờ xác minh quá trình đóng")  # fmt: skip
    assert "Đã gia hạn" in extended.text  # type: ignore[attr-defined]
    assert officer.get(f"/backoffice/dossiers/{d}/forms/04.pdf").content.startswith(b"%PDF-")
    early = _act(officer, d, "mark_ready")
    assert early.status_code == 409  # type: ignore[attr-defined]
    assert "Cần đính kèm kết quả" in early.text  # type: ignore[attr-defined]
    page = officer.get(f"/backoffice/dossiers/{d}")
    attached = officer.post(f"/backoffice/dossiers/{d}/result", data={"csrf": csrf_of(page.text)},
                            files={"file": ("kq.pdf", b"", "application/pdf")})  # fmt: skip
    assert "Đã ký số và đính kèm kết quả" in attached.text
    pdf = officer.get(f"/backoffice/dossiers/{d}/result.pdf").content
    check = result_signature.verify_result(
        pdf, [result_signature.load_certificate(issued.root_cert_path)]
    )
    assert check.valid, check
    assert "Đã báo có kết quả" in _act(officer, d, "mark_ready").text  # type: ignore[attr-defined]
    assert officer.get(f"/backoffice/dossiers/{d}/forms/06.pdf").content.startswith(b"%PDF-")

    with db.session() as s:
        feed = [wire.DossierStatusChange.model_validate(c.data) for c in s.scalars(
            select(Change).where(Change.kind == "dossier_status").order_by(Change.seq))]  # fmt: skip
    assert [c.status for c in feed] == ["in_processing", "in_processing", "result_ready"]
    assert feed[1].due_at is not None and feed[1].due_at > pushed.dossier.due_at  # type: ignore[operator]
    assert feed[2].result_sha256 == hashlib.sha256(pdf).hexdigest()
    assert [c.row_version for c in feed] == [2, 3, 4]


def test_an_uploaded_file_that_is_no_pdf_is_refused_in_words(
    db: CentralDatabase, tmp_path: Path
) -> None:
    signing_setup(db, tmp_path / "pki")
    pushed = CounterPusher(db).push()
    officer = _signed_in(db, "lan")
    _act(officer, pushed.dossier.id, "take")
    page = officer.get(f"/backoffice/dossiers/{pushed.dossier.id}")
    answer = officer.post(f"/backoffice/dossiers/{pushed.dossier.id}/result",
                          data={"csrf": csrf_of(page.text)},
                          files={"file": ("kq.pdf", b"GIF89a...", "application/pdf")})  # fmt: skip
    assert answer.status_code == 422 and "không phải PDF" in answer.text


def test_completion_request_needs_the_missing_papers_and_shows_on_form_02(
    db: CentralDatabase,
) -> None:
    pushed = CounterPusher(db).push()
    officer = _signed_in(db, "lan")
    empty = _act(officer, pushed.dossier.id, "request_completion", reason="  ")
    assert empty.status_code == 409  # type: ignore[attr-defined]
    done = _act(officer, pushed.dossier.id, "request_completion",
                reason="Bản sao giấy khai sinh của con")  # fmt: skip
    assert "Chờ bổ sung" in done.text  # type: ignore[attr-defined]
    form = officer.get(f"/backoffice/dossiers/{pushed.dossier.id}/forms/02.pdf")
    assert form.headers["content-type"] == "application/pdf"


def test_a_scan_is_shown_to_staff_of_the_office_and_every_view_is_audited(
    db: CentralDatabase,
) -> None:
    content = b"%PDF-1.4 fictitious scan"
    sha = hashlib.sha256(content).hexdigest()
    with db.session() as s:
        blobs.start(s, DEMO_OFFICE, sha, len(content))
        blobs.append(s, DEMO_OFFICE, sha, 0, content)
    pusher = CounterPusher(db)
    attachment = wire.AttachmentWire(
        id="a1a1a1a1-0000-4000-8000-000000000001", row_version=1, created_at=utcnow(),
        updated_at=utcnow(), citizen_id="c", sha256=sha, mime_type="application/pdf",
        size=len(content), label="Giấy khai sinh",
    )  # fmt: skip
    with db.session() as s:
        from central.ingest import ingest

        ingest(
            s,
            pusher.device,
            [wire.AttachmentItem(ref=1, office_code=DEMO_OFFICE, attachment=attachment)],
            lock=False,
        )
    pushed = pusher.push(attachments=[wire.DossierAttachmentLink(attachment_id=attachment.id)])
    officer = _signed_in(db, "lan")
    page = officer.get(f"/backoffice/dossiers/{pushed.dossier.id}").text
    assert "Giấy khai sinh" in page
    answer = officer.get(f"/backoffice/dossiers/{pushed.dossier.id}/scans/{attachment.id}")
    assert answer.content == content and answer.headers["cache-control"] == "no-store"
    other = pusher.push()
    assert (
        officer.get(f"/backoffice/dossiers/{other.dossier.id}/scans/{attachment.id}").status_code
        == 404
    )
    assert (
        _signed_in(db, "khac")
        .get(f"/backoffice/dossiers/{pushed.dossier.id}/scans/{attachment.id}")
        .status_code
        == 403
    )
    with db.session() as s:
        views = s.scalars(select(StaffAudit).where(StaffAudit.action == "scan_viewed")).all()
    assert len(views) == 2


# --- the citizen's page ---------------------------------------------------------------


def test_citizen_page_needs_both_full_codes_and_shows_nothing_personal(
    web: TestClient, db: CentralDatabase
) -> None:
    pushed = CounterPusher(db).push(name="Nguyễn Thị Hồng Nhung", id_number="048190000123")
    d = pushed.dossier
    found = web.get("/tra-cuu", params={"ma": d.code, "khoa": d.lookup_code.lower()})
    assert found.status_code == 200 and "Đã tiếp nhận" in found.text
    for personal in ("Nhung", "048190000123", "Hải Châu"):
        assert personal not in found.text
    for wrong in ({"ma": d.code[:-1], "khoa": d.lookup_code},
                  {"ma": d.code, "khoa": d.lookup_code[:-1]},
                  {"ma": d.code, "khoa": "ZZZZZZZZ"}):  # fmt: skip
        answer = web.get("/tra-cuu", params=wrong)
        assert answer.status_code == 404 and "Không tìm thấy hồ sơ" in answer.text
    english = web.get("/tra-cuu", params={"ma": d.code, "khoa": d.lookup_code, "lang": "en"})
    assert "Received" in english.text and "Dossier look-up" in english.text


def test_citizen_page_is_rate_limited(web: TestClient) -> None:
    statuses = [web.get("/tra-cuu", params={"ma": "X", "khoa": "Y"}).status_code for _ in range(12)]
    assert statuses[:10] == [404] * 10 and statuses[10:] == [429, 429]


def test_every_page_string_has_an_english_translation() -> None:
    root = Path(routes.__file__).parent
    pattern = re.compile(r'_\(\s*"((?:[^"\\]|\\.)*)"\s*\)|_\(\s*\'((?:[^\'\\]|\\.)*)\'\s*\)')
    wanted: set[str] = set()
    for file in [*root.rglob("*.html"), *root.rglob("*.py")]:
        text = file.read_text(encoding="utf-8")
        wanted |= {a or b for a, b in pattern.findall(text)}
        wanted |= set(re.findall(r'message="([^"]+)"', text))
    wanted |= set(STATUS.values()) | set(i18n.ROLE_NAMES.values())
    wanted |= set(routes.REFUSALS.values()) | set(routes.DONE.values())
    from central.web import staff_page
    from central.web.dossier_view import PROVENANCE

    wanted |= set(PROVENANCE.values())
    wanted |= set(staff_page.REFUSALS.values()) | set(staff_page.DONE.values())
    from central.web import audit_alerts_page

    wanted |= set(audit_alerts_page.KINDS.values()) | set(audit_alerts_page.MEANINGS.values())
    catalogue = json.loads(i18n.CATALOGUE.read_text(encoding="utf-8"))
    assert len(wanted) > 100
    missing = sorted(wanted - set(catalogue))
    assert missing == [], f"no English for: {missing}"
    assert all(catalogue[k].strip() for k in wanted)


def test_the_web_names_statuses_as_the_counter_does_in_both_languages() -> None:
    """One vocabulary: the web's status names are the counter's, and its English
    for them is the counter's English (``resources/translations/motcua_en.ts``)."""
    import xml.etree.ElementTree as ET

    from app.shared import paths

    ts = ET.parse(paths.RESOURCES / "translations" / "motcua_en.ts").getroot()
    counter_en = {
        m.findtext("source"): m.findtext("translation")
        for ctx in ts
        if ctx.findtext("name") == "vocabulary"
        for m in ctx.iter("message")
    }
    web_en = i18n.translator("en")
    for status, vietnamese in STATUS.items():
        assert i18n.status_label(status, i18n.translator("vi")) == vietnamese
        assert i18n.status_label(status, web_en) == counter_en[vietnamese]


def test_staff_accounts_and_the_office_certificate_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from central.cli import main
    from central.models import OfficeProfile, StaffAccount

    db_path = str(tmp_path / "central.sqlite3")
    assert main(["--db", db_path, "seed", "--volume", "0"]) == 0
    monkeypatch.setenv("MOTCUA_STAFF_PASSWORD", "mat-khau-dai-du-10")
    args = ["--db", db_path, "staff-add", "--username", "lan", "--name", "Trần Thị Lan",
            "--role", "processing_officer", "--office", DEMO_OFFICE]  # fmt: skip
    assert main(args) == 0
    assert main(args) == 1 and "username_taken" in capsys.readouterr().err
    monkeypatch.setenv("MOTCUA_STAFF_PASSWORD", "ngan")
    assert main([*args[:4], "khac", *args[5:]]) == 1
    assert "password_too_short" in capsys.readouterr().err
    assert main(["--db", db_path, "office-cert", "--office", DEMO_OFFICE,
                 "--out", str(tmp_path / "pki")]) == 0  # fmt: skip
    assert main(["--db", db_path, "office-profile", "--office", DEMO_OFFICE,
                 "--phone", "0236 3800 000"]) == 0  # fmt: skip
    database = open_central(f"sqlite:///{db_path}")
    try:
        with database.session() as s:
            staff = s.scalar(select(StaffAccount).where(StaffAccount.username == "lan"))
            assert staff is not None and staff.password_hash.startswith("$argon2id$")
            assert staff.offices == [DEMO_OFFICE]
            profile = s.get(OfficeProfile, DEMO_OFFICE)
            assert profile is not None and profile.phone == "0236 3800 000"
            assert Path(profile.signing_key_path).stat().st_mode & 0o077 == 0
    finally:
        database.dispose()
