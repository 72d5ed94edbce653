"""A real-size result PDF goes through the back office; one over 20 MB is refused in words."""

from __future__ import annotations

import io
import random
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from backoffice_helpers import CounterPusher, add_staff, csrf_of, log_in, signing_setup
from fastapi.testclient import TestClient
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from app.shared import result_signature
from central.api import create_app
from central.db import CentralDatabase, open_central
from central.seed import DEMO_OFFICE, seed
from central.web import auth
from testkit.central_server import CHEAP_HASHER

sys.path.insert(0, str(Path(__file__).parents[1] / "unit" / "forms"))
from forms_readback import pdf_text

FONT = Path(__file__).parents[2] / "resources" / "fonts" / "NotoSans-Regular.ttf"


@pytest.fixture
def officer(central_db_url: str) -> Iterator[tuple[CentralDatabase, TestClient]]:
    db = open_central(central_db_url, pool_size=3)
    with db.session() as s:
        seed(s, 0, hasher=CHEAP_HASHER)
    add_staff(db, "lan", auth.PROCESSING_OFFICER, [DEMO_OFFICE])
    client = TestClient(create_app(db), base_url="https://testserver")
    assert log_in(client, "lan").status_code == 200
    yield db, client
    db.dispose()


def _decision_pdf() -> bytes:
    """A two-page decision with a scanned-looking stamp: about 1 MB, like a real one."""
    pdfmetrics.registerFont(TTFont("NotoSans", str(FONT)))
    noise = random.Random(17).randbytes(560 * 600 * 3)  # does not compress, like a scan
    stamp = Image.frombytes("RGB", (560, 600), noise)
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    page.setFont("NotoSans", 14)
    page.drawString(60, 780, "QUYẾT ĐỊNH số 1234/QĐ-BHXH về việc hưởng chế độ thai sản")
    page.drawImage(ImageReader(stamp), 60, 200, width=400, height=430)
    page.showPage()
    page.setFont("NotoSans", 12)
    page.drawString(60, 780, "Điều 2. Quyết định có hiệu lực kể từ ngày ký.")
    page.save()
    return out.getvalue()


def _upload(client: TestClient, dossier_id: str, content: bytes) -> object:
    page = client.get(f"/backoffice/dossiers/{dossier_id}")
    return client.post(
        f"/backoffice/dossiers/{dossier_id}/result",
        data={"csrf": csrf_of(page.text)},
        files={"file": ("quyet-dinh.pdf", content, "application/pdf")},
        follow_redirects=True,
    )


def _taken(db: CentralDatabase, client: TestClient) -> str:
    dossier_id = CounterPusher(db).push().dossier.id
    page = client.get(f"/backoffice/dossiers/{dossier_id}")
    client.post(f"/backoffice/dossiers/{dossier_id}/actions/take",
                data={"csrf": csrf_of(page.text)})  # fmt: skip
    return dossier_id


def test_a_one_megabyte_decision_is_uploaded_signed_and_kept_whole(
    officer: tuple[CentralDatabase, TestClient], tmp_path: Path
) -> None:
    db, client = officer
    issued = signing_setup(db, tmp_path / "pki")
    dossier_id = _taken(db, client)
    decision = _decision_pdf()
    assert len(decision) > 1_000_000
    answer = _upload(client, dossier_id, decision)
    assert answer.status_code == 200 and "Đã ký số và đính kèm kết quả" in answer.text  # type: ignore[attr-defined]
    signed = client.get(f"/backoffice/dossiers/{dossier_id}/result.pdf").content
    assert len(signed) > len(decision)
    check = result_signature.verify_result(
        signed, [result_signature.load_certificate(issued.root_cert_path)]
    )
    assert check.valid and "BHXH thử nghiệm" in check.signer, check
    text = pdf_text(signed)
    assert "QUYẾT ĐỊNH số 1234/QĐ-BHXH" in text and "Điều 2." in text


def test_a_result_over_20_mb_is_refused_with_a_page_and_nothing_is_stored(
    officer: tuple[CentralDatabase, TestClient], tmp_path: Path
) -> None:
    db, client = officer
    signing_setup(db, tmp_path / "pki")
    dossier_id = _taken(db, client)
    too_big = b"%PDF-1.7\n" + b"0" * (21 * 1024 * 1024)
    answer = _upload(client, dossier_id, too_big)
    assert answer.status_code == 413  # type: ignore[attr-defined]
    assert answer.headers["content-type"].startswith("text/html")  # type: ignore[attr-defined]
    assert "Tệp gửi lên quá lớn" in answer.text and "20 MB" in answer.text  # type: ignore[attr-defined]
    page = client.get(f"/backoffice/dossiers/{dossier_id}")
    assert 'href="/backoffice/dossiers/' + dossier_id + '/result.pdf"' not in page.text
    assert client.get(f"/backoffice/dossiers/{dossier_id}/result.pdf").status_code == 404
