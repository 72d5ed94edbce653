"""The returns page shows the office's signed result with its verdict and prints it
only when the signature is valid and trusted."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from intake_factories import Env
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from reportlab.pdfgen import canvas
from sqlalchemy import select
from test_dossier_pages import NOW
from ui_samples import rules

from app.services.attachments import AttachmentStore
from app.services.returned_results import fetch_result, load_trust_roots
from app.services.storage.models import Dossier
from app.shared import paths
from app.shared.result_signature import sign_result
from app.ui.dossiers import ReturnsPage
from app.ui.tasks import SyncRunner
from central.web.office_cert import issue_office_certificate


class _ServerWithResults:
    """Stands in for the central service's result download (the network path is in
    tests/integration/sync/test_backoffice_browser.py)."""

    def __init__(self, pdfs: dict[str, bytes]) -> None:
        self.pdfs = pdfs

    def dossier_result(self, _office: str, dossier_id: str) -> bytes:
        return self.pdfs[dossier_id]


def _pdf(text: str) -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, text)
    page.save()
    return out.getvalue()


def test_valid_signature_prints_and_a_forged_one_does_not(
    qtbot: QtBot, env: Env, sample: list[Dossier], tmp_path: Path
) -> None:
    with env.db.session() as s:
        ready = list(s.scalars(select(Dossier).where(Dossier.status == "result_ready")))
    assert len(ready) == 2 and len(sample) > 2
    good, bad = ready
    office = issue_office_certificate(tmp_path / "pki", "000.00.00.H00", "BHXH thử nghiệm")
    impostor = issue_office_certificate(tmp_path / "other", "000.00.00.H00", "Giả mạo")
    signed = sign_result(_pdf("So BHXH"), office.key_path, office.cert_path, reason="KQ",
                         location="VN")  # fmt: skip
    forged = sign_result(_pdf("So BHXH"), impostor.key_path, impostor.cert_path, reason="KQ",
                         location="VN")  # fmt: skip
    store = AttachmentStore(tmp_path / "attachments")
    server = _ServerWithResults({good.id: signed, bad.id: forged})
    # The counter's trust folder: the page checks the kept PDF again against it.
    (paths.config_dir() / "result-trust").mkdir(parents=True)
    shutil.copy(office.root_cert_path, paths.config_dir() / "result-trust")
    trust = load_trust_roots()
    for d in (good, bad):
        fetch_result(env.db, server, "000.00.00.H00", d.id, store, trust)  # type: ignore[arg-type]

    printed: list[bytes] = []
    page = ReturnsPage(env.db, env.catalog, rules(env), env.officer.id, clock=lambda: NOW,
                       store=store, print_result=printed.append, runner=SyncRunner())  # fmt: skip
    qtbot.addWidget(page)
    page.show()
    page.search.setText(good.code)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert "Chữ ký số hợp lệ" in page.result_label.text()
    assert "BHXH thử nghiệm" in page.result_label.text()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.keyClick(page.collector, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert printed == [signed]

    page.search.setText(bad.code)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert "KHÔNG hợp lệ" in page.result_label.text()
    assert not page.print_button.isEnabled()
    page.print_signed_result()
    assert printed == [signed]  # nothing more went to the printer
