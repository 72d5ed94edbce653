"""Office templates: overrides show on the forms; a broken file is refused with
file:line and the previous template stays in use."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from forms_readback import pdf_text
from PIL import Image

from app.errors import ErrorKind, UserError
from app.services.forms import (
    OFFICE_TEMPLATE_NAME,
    TemplateStore,
    default_template,
    load_template,
    render_receipt,
    render_refusal,
    samples,
)
from app.services.forms.template import DEFAULT_TEMPLATE, SCHEMA_FILE


def write(path: Path, content: dict | str) -> Path:
    text = (
        content if isinstance(content, str) else json.dumps(content, ensure_ascii=False, indent=2)
    )
    path.write_text(text, encoding="utf-8")
    return path


def test_office_file_changes_the_agency_and_texts(tmp_path: Path) -> None:
    office = write(
        tmp_path / OFFICE_TEMPLATE_NAME,
        {
            "version": 1,
            "agency": {"name": "Bảo hiểm xã hội cơ sở Sơn Trà", "place": "Sơn Trà"},
            "forms": {"01": {"copy_label_2": "(Liên 2: Giao công dân)"}},
        },
    )
    template = load_template(office)
    assert template.agency.name == "Bảo hiểm xã hội cơ sở Sơn Trà"
    assert template.agency.parent_name == "BẢO HIỂM XÃ HỘI VIỆT NAM"  # kept from the default
    pdf = render_receipt(samples.receipt(), template.agency, template=template)
    page2 = pdf_text(pdf, 2)
    assert "BẢO HIỂM XÃ HỘI CƠ SỞ SƠN TRÀ" in page2
    assert "Sơn Trà, ngày 05 tháng 3 năm 2026" in page2
    assert "(Liên 2: Giao công dân)" in page2
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in page2  # untouched texts remain


def test_title_override_on_another_form(tmp_path: Path) -> None:
    office = write(
        tmp_path / "forms.json",
        {"version": 1, "forms": {"03": {"title": "PHIẾU TỪ CHỐI (BẢN THỬ)"}}},
    )
    text = pdf_text(
        render_refusal(samples.refusal(), samples.AGENCY, template=load_template(office))
    )
    assert "PHIẾU TỪ CHỐI (BẢN THỬ)" in text
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" not in text


def test_logo_is_drawn_from_a_path_relative_to_the_file(tmp_path: Path) -> None:
    Image.new("RGB", (120, 120), "red").save(tmp_path / "logo.png")
    office = write(tmp_path / "forms.json", {"version": 1, "agency": {"logo": "logo.png"}})
    template = load_template(office)
    assert template.agency.logo_path == tmp_path / "logo.png"
    pdf = render_receipt(samples.receipt(), template.agency, template=template, copies=(1,))
    plain = render_receipt(samples.receipt(), samples.AGENCY, copies=(1,))
    assert b"/Subtype /Image" in pdf and b"/Subtype /Image" not in plain


@pytest.mark.parametrize(
    ("content", "line", "what"),
    [
        ('{\n  "version": 1,\n  "agency": {\n    "name": 42\n  }\n}\n', 4, "agency/name"),
        (
            '{\n  "version": 1,\n  "forms": {\n    "01": {\n      "title": "A",\n      "titel": "B"\n    }\n  }\n}\n',
            4,
            "titel",
        ),
        ('{\n  "version": 1,\n  "agency": {\n    "name": "A",\n  }\n}\n', 5, ""),  # trailing comma
        ('{\n  "version": 2\n}\n', 2, "version"),
    ],
    ids=["wrong-type", "unknown-key", "syntax", "version"],
)
def test_invalid_file_is_refused_with_file_and_line(
    tmp_path: Path, content: str, line: int, what: str
) -> None:
    office = write(tmp_path / "forms.json", content)
    with pytest.raises(UserError) as caught:
        load_template(office)
    assert caught.value.kind is ErrorKind.SETTINGS_INVALID
    assert caught.value.detail.startswith(f"forms.json:{line}:"), caught.value.detail
    assert what in caught.value.detail


def test_missing_logo_is_refused(tmp_path: Path) -> None:
    office = write(
        tmp_path / "forms.json", '{\n  "version": 1,\n  "agency": {"logo": "nope.png"}\n}'
    )
    with pytest.raises(UserError) as caught:
        load_template(office)
    assert caught.value.detail.startswith("forms.json:3:")


def test_store_keeps_the_previous_template_when_a_reload_fails(tmp_path: Path) -> None:
    store = TemplateStore(tmp_path)
    assert store.current == default_template()  # no office file yet
    write(tmp_path / OFFICE_TEMPLATE_NAME, {"version": 1, "agency": {"name": "Cơ quan A"}})
    assert store.reload().agency.name == "Cơ quan A"
    write(tmp_path / OFFICE_TEMPLATE_NAME, '{"version": 1, "agency": {"name": ""}}')
    with pytest.raises(UserError):
        store.reload()
    assert store.current.agency.name == "Cơ quan A"


def test_schema_lists_exactly_the_texts_of_the_default() -> None:
    # an office file may override any text the layouts print, and nothing else
    default = json.loads(DEFAULT_TEMPLATE.read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    forms = schema["properties"]["forms"]["properties"]
    assert set(forms) == set(default["forms"])
    for form, texts in default["forms"].items():
        assert set(forms[form]["properties"]) == set(texts), form
