"""Only supervisors cancel dossiers and export a citizen's data (PDP Law 91/2025:
the data subject's right of access), and an export is logged."""

from __future__ import annotations

import json
from dataclasses import dataclass

from intake_factories import Env
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from ui_samples import rules

from app.errors import ErrorKind
from app.services.storage.models import AuditEvent, Dossier
from app.ui.dossiers import DossierDetailDialog
from app.ui.dossiers import detail_dialog as module
from app.ui.tasks import SyncRunner


@dataclass
class Who:
    role: str


def _dialog(qtbot: QtBot, env: Env, dossier: Dossier, role: str) -> DossierDetailDialog:
    dialog = DossierDetailDialog(
        env.db,
        dossier.id,
        env.catalog,
        rules(env),
        env.officer.id,
        officer=Who(role),
        runner=SyncRunner(),
    )
    qtbot.addWidget(dialog)
    return dialog


def test_an_officer_cannot_cancel(qtbot: QtBot, env: Env, sample, monkeypatch) -> None:
    shown = []
    monkeypatch.setattr(module, "show_error", lambda parent, err: shown.append(err.kind))
    dialog = _dialog(qtbot, env, sample[4], "officer")
    dialog._ask = lambda *a: "công dân rút hồ sơ"
    assert not dialog.apply_move("cancelled")
    assert shown == [ErrorKind.PERMISSION_DENIED]
    with env.db.session() as s:
        assert s.get(Dossier, sample[4].id).status == "received"
    assert dialog.findChild(type(dialog.close_button), "export-subject") is None


def test_a_supervisor_cancels_and_exports_the_citizens_data(
    qtbot: QtBot, env: Env, sample, tmp_path
) -> None:
    dialog = _dialog(qtbot, env, sample[4], "supervisor")
    dialog._ask = lambda *a: "công dân rút hồ sơ"
    assert dialog.apply_move("cancelled")
    dialog.export_subject(str(tmp_path))
    pdf, data = dialog.written
    assert pdf.parent == data.parent == tmp_path and data.suffix == ".json"
    assert pdf.read_bytes().startswith(b"%PDF")
    exported = json.loads(data.read_text(encoding="utf-8"))
    assert sample[4].code in json.dumps(exported, ensure_ascii=False)
    with env.db.session() as s:
        actions = s.scalars(select(AuditEvent.action)).all()
    assert "export" in actions


def _reprint_dialog(qtbot, env, dossier, role, printed, clock=None):  # type: ignore[no-untyped-def]
    from app.ui.dossiers import DossierDetailDialog
    from app.ui.tasks import SyncRunner

    extra = {"clock": clock} if clock else {}
    dialog = DossierDetailDialog(
        env.db, dossier.id, env.catalog, rules(env), env.officer.id, officer=Who(role),
        settings=env.settings, print_receipt=printed.append, runner=SyncRunner(), **extra,
    )  # fmt: skip
    qtbot.addWidget(dialog)
    return dialog.findChild(type(dialog.close_button), "reprint-receipt")


def test_a_past_dossiers_receipt_is_reprinted_from_the_detail_by_a_supervisor_only(
    qtbot: QtBot, env: Env, sample
) -> None:
    import io

    from intake_factories import vn
    from pypdf import PdfReader
    from PySide6.QtCore import Qt

    printed: list[bytes] = []
    assert _reprint_dialog(qtbot, env, sample[4], "officer", printed) is None  # days later
    same_day = _reprint_dialog(
        qtbot, env, sample[4], "officer", printed, clock=lambda: vn("2026-03-06T15:00")
    )
    assert same_day is not None  # a paper jam on the day: any officer
    button = _reprint_dialog(qtbot, env, sample[4], "supervisor", printed)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(printed) == 1
    text = PdfReader(io.BytesIO(printed[0])).pages[0].extract_text()
    assert sample[4].code in text
    waiting = _reprint_dialog(qtbot, env, sample[2], "supervisor", printed)
    assert waiting is None  # waiting for papers: no receipt to reprint
