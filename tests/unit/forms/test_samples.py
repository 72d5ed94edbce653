"""The template preview renders every form, with the office's own header."""

from __future__ import annotations

import json
from pathlib import Path

from forms_readback import pdf_text

from app.services.forms import load_template
from app.services.forms.samples import write_samples


def test_every_form_renders_with_the_office_template(tmp_path: Path) -> None:
    office = tmp_path / "forms.json"
    office.write_text(
        json.dumps({"version": 1, "agency": {"name": "Bảo hiểm xã hội cơ sở Ngũ Hành Sơn"}}),
        encoding="utf-8",
    )
    written = write_samples(tmp_path / "out", load_template(office))
    assert [p.stem for p in written] == [
        "01-receipt",
        "02-completion-request",
        "03-refusal",
        "04-apology",
        "05-stop-notice",
        "06-control-slip",
        "07-tracking-book",
        "receipt-80mm",
        "tk1ts",
        "tk1ts-part2",
    ]
    for path in written:
        text = pdf_text(path.read_bytes())
        if not path.stem.startswith("tk1ts"):  # the declaration is headed by BHXH Việt Nam itself
            assert "BẢO HIỂM XÃ HỘI CƠ SỞ NGŨ HÀNH SƠN" in text, path.stem
        assert "Nguyễn Thị Hồng Nhung" in text or "NGUYỄN THỊ HỒNG NHUNG" in text, path.stem
