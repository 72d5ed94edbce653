"""Results signed with the office's key on a PKCS#11 token (SoftHSM2 in a temporary
folder) verify exactly as file-key signatures do, at central and at the counter."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from backoffice_helpers import CounterPusher, add_staff, csrf_of, log_in
from fastapi.testclient import TestClient
from reportlab.pdfgen import canvas

from app.services.returned_results import load_trust_roots
from app.shared import result_signature
from central.api import create_app
from central.db import CentralDatabase, open_central
from central.models import DossierResult
from central.seed import DEMO_OFFICE, seed
from central.web import admin_cli, auth, results, token_signer
from central.web.office_cert import OfficeCertificate, issue_office_certificate
from testkit.central_server import CHEAP_HASHER
from testkit.softhsm import SoftToken, make_token

pytest.importorskip("pkcs11", reason="python-pkcs11 (pyproject central extra) not installed")


@pytest.fixture(scope="module")
def token(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[SoftToken, OfficeCertificate]]:
    folder = tmp_path_factory.mktemp("softhsm")
    issued = issue_office_certificate(folder / "pki", DEMO_OFFICE, "BHXH thử nghiệm")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SOFTHSM2_CONF", "")  # restored after the module
        try:
            made = make_token(folder, issued.key_path, issued.cert_path)
        except FileNotFoundError as exc:
            pytest.fail(f"{exc} (scripts/setup.sh installs it)")
        issued.key_path.unlink()  # from now on the key exists only on the token
        yield made, issued


def _pdf(text: str) -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, text)
    page.save()
    return out.getvalue()


def test_a_result_signed_on_the_token_verifies_like_a_file_signed_one(
    token: tuple[SoftToken, OfficeCertificate], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    soft, issued = token
    monkeypatch.setenv(token_signer.PIN_ENV, soft.pin)
    signed, cert = token_signer.sign_with_token(
        _pdf("So BHXH 4801234567"), soft.uri(), None, reason="KQ", location=DEMO_OFFICE
    )
    roots = load_trust_roots([issued.root_cert_path.parent])  # as the counter loads them
    check = result_signature.verify_result(signed, roots)
    assert check.valid and "BHXH thử nghiệm" in check.signer, check
    assert cert.dump() == result_signature.load_certificate(issued.cert_path).dump()  # type: ignore[attr-defined]
    # Altered after signing: no longer valid, as with a file key.
    tampered = signed.replace(b"ReportLab Generated", b"ReportLab Generatex", 1)
    assert tampered != signed
    assert not result_signature.verify_result(tampered, roots).valid
    stranger = issue_office_certificate(tmp_path / "other", DEMO_OFFICE, "Không phải BHXH")
    assert not result_signature.verify_result(
        signed, load_trust_roots([tmp_path / "other"])
    ).trusted
    assert stranger.root_cert_path.exists()


@pytest.fixture
def officer(
    central_db_url: str, token: tuple[SoftToken, OfficeCertificate], tmp_path: Path
) -> Iterator[tuple[CentralDatabase, TestClient]]:
    soft, _ = token
    db = open_central(central_db_url, pool_size=3)
    with db.session() as s:
        seed(s, 0, hasher=CHEAP_HASHER)
        pin_file = tmp_path / "pin"
        pin_file.write_text(soft.pin + "\n")
        # The certificate comes from the token too: the profile names no file.
        admin_cli.set_profile(s, DEMO_OFFICE, signing_key_path=soft.uri(with_pin_file=pin_file),
                              signing_cert_path="", phone="0236 3800 000")  # fmt: skip
    add_staff(db, "lan", auth.PROCESSING_OFFICER, [DEMO_OFFICE])
    client = TestClient(create_app(db), base_url="https://testserver", follow_redirects=True)
    assert log_in(client, "lan").status_code == 200
    yield db, client
    db.dispose()


def _act(client: TestClient, dossier_id: str, action: str) -> object:
    page = client.get(f"/backoffice/dossiers/{dossier_id}")
    where = "result" if action == "attach_result" else f"actions/{action}"  # no file: generated
    return client.post(
        f"/backoffice/dossiers/{dossier_id}/{where}", data={"csrf": csrf_of(page.text)}
    )


def test_the_back_office_signs_results_on_the_token(
    officer: tuple[CentralDatabase, TestClient],
    token: tuple[SoftToken, OfficeCertificate],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db, client = officer
    _, issued = token
    monkeypatch.setenv("MOTCUA_RESULT_TRUST_DIR", str(issued.root_cert_path.parent))
    dossier_id = CounterPusher(db).push().dossier.id
    _act(client, dossier_id, "take")
    answer = _act(client, dossier_id, "attach_result")
    assert "Đã ký số và đính kèm kết quả" in answer.text  # type: ignore[attr-defined]
    signed = client.get(f"/backoffice/dossiers/{dossier_id}/result.pdf").content
    check = result_signature.verify_result(signed, load_trust_roots([issued.root_cert_path.parent]))
    assert check.valid and "BHXH thử nghiệm" in check.signer, check
    with db.session() as s:
        assert results.signature_state(s, dossier_id, DEMO_OFFICE) == "valid"
        assert "BHXH thử nghiệm" in s.get(DossierResult, dossier_id).signer  # type: ignore[union-attr]


def test_a_wrong_pin_is_refused_in_words_and_nothing_is_stored(
    officer: tuple[CentralDatabase, TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, client = officer
    monkeypatch.setenv(token_signer.PIN_ENV, "000000")  # overrides the PIN file
    dossier_id = CounterPusher(db).push().dossier.id
    _act(client, dossier_id, "take")
    answer = _act(client, dossier_id, "attach_result")
    assert "Không ký số được tệp kết quả" in answer.text  # type: ignore[attr-defined]
    with db.session() as s:
        assert s.get(DossierResult, dossier_id) is None
