"""The look-up page address: an administrator's setting; the receipt QR opens it by
default (central's https address when the field is empty), decoded from the real PDF."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from intake_factories import Env
from ui_samples import PEOPLE, take_in

from app.services import paperwork
from app.services.forms import render_receipt, samples
from app.services.forms.qr import parse_receipt_qr
from app.settings import Settings
from app.ui.pages.settings_page import SettingsPage
from tests.unit.forms.forms_readback import decode_qr


@dataclass(frozen=True)
class Someone:
    role: str


def _page(qtbot, role: str, path: Path, saved: list[Settings]) -> SettingsPage:  # type: ignore[no-untyped-def]
    page = SettingsPage(Settings(), saved.append, path=path, officer=Someone(role))
    qtbot.addWidget(page)
    return page


def test_only_an_administrator_sets_the_lookup_address(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    saved: list[Settings] = []
    officer = _page(qtbot, "officer", tmp_path / "settings.json", saved)
    assert officer.lookup_url.isReadOnly()
    officer.lookup_url.setText("https://tracuu.bhxh.example")  # forced past the UI
    officer.save()
    assert saved == [] and "không được phép" in officer.message.text()

    admin = _page(qtbot, "admin", tmp_path / "settings.json", saved)
    assert not admin.lookup_url.isReadOnly()
    admin.lookup_url.setText("http://tracuu.bhxh.example")
    admin.save()
    assert saved == []  # https only: a clear refusal, nothing written
    admin.lookup_url.setText("https://tracuu.bhxh.example/bhxh")
    admin.save()
    assert saved[-1].public_lookup_base_url == "https://tracuu.bhxh.example/bhxh"


def test_receipt_qr_opens_the_lookup_page_by_default(env: Env, tmp_path: Path) -> None:
    dossier_row = take_in(env, 1, PEOPLE[0], "2026-03-02T09:00")
    for settings, base in [
        (
            Settings(central_url="https://trungtam.bhxh.example:8765/"),
            "https://trungtam.bhxh.example:8765",
        ),
        (
            Settings(
                central_url="https://trungtam.bhxh.example:8765",
                public_lookup_base_url="https://tracuu.bhxh.example",
            ),
            "https://tracuu.bhxh.example",
        ),
    ]:
        with env.db.session() as s:
            dossier = s.get(type(dossier_row), dossier_row.id)
            receipt = paperwork.receipt_from(
                s, dossier, env.catalog.get("603"), settings.lookup_base_url
            )
        pdf = render_receipt(receipt, samples.AGENCY, copies=(1,))
        (payload,) = decode_qr(pdf, tmp_path)
        assert payload.startswith(f"{base}/tra-cuu?ma=")
        assert parse_receipt_qr(payload) == (dossier_row.code, dossier_row.lookup_code)
    assert Settings(central_url="http://10.0.0.5:8765").lookup_base_url == ""  # not for phones
