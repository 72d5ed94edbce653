"""The translation tooling on a small throw-away project: what the check catches, what
it forgives (moved lines), and the source patterns lupdate would silently miss."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from scripts import translations

PAGE = """from PySide6.QtWidgets import QWidget


class Page(QWidget):
    def texts(self):
        return [self.tr("Xin chào {0}"), self.tr("&Lưu")]
"""


def write_page(root: Path, text: str = PAGE) -> None:
    (root / "app").mkdir(parents=True, exist_ok=True)
    (root / "app" / "page.py").write_text(text, encoding="utf-8")


def translate(root: Path, english: dict[str, str]) -> None:
    """What a translator does in Linguist: fill the text, mark it finished."""
    ts = translations.ts_path("en", root)
    tree = ET.parse(ts)
    for message in tree.getroot().iter("message"):
        text = english.get(message.findtext("source") or "")
        translation = message.find("translation")
        if text is not None and translation is not None:
            translation.text = text
            translation.attrib.pop("type", None)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    translations.run_lrelease(ts, translations.qm_path("en", root))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_page(tmp_path)
    translations.update(tmp_path)
    return tmp_path


def test_new_strings_are_reported_unfinished(project: Path):
    result = translations.check(project)
    assert not result.ok
    assert not result.stale
    assert len(result.unfinished) == 2
    assert any("Xin chào {0}" in line for line in result.unfinished)


def test_translated_project_passes_and_survives_moved_lines(project: Path):
    translate(project, {"Xin chào {0}": "Hello {0}", "&Lưu": "&Save"})
    assert translations.check(project).ok
    write_page(project, "\n\n\n" + PAGE)  # every tr() call moves down three lines
    assert translations.check(project).ok


def test_changed_source_string_makes_the_ts_stale_until_updated(project: Path):
    translate(project, {"Xin chào {0}": "Hello {0}", "&Lưu": "&Save"})
    write_page(project, PAGE.replace("&Lưu", "&Lưu lại"))
    result = translations.check(project)
    assert any("new in the sources" in line and "&Lưu lại" in line for line in result.stale)
    assert any("gone from the sources" in line and "'&Lưu'" in line for line in result.stale)

    translations.update(project)
    messages = {
        m.source: m for m in translations.read_messages(translations.ts_path("en", project))
    }
    assert messages["&Lưu"].state == "vanished"
    assert messages["&Lưu"].translations == ("&Save",)  # kept in case the string returns
    assert messages["&Lưu lại"].state == "unfinished"


def test_qm_not_rebuilt_from_the_ts_is_stale(project: Path):
    translate(project, {"Xin chào {0}": "Hello {0}", "&Lưu": "&Save"})
    translations.qm_path("en", project).write_bytes(b"")
    assert any(".qm" in line for line in translations.check(project).stale)


def test_lost_placeholder_or_accelerator_is_invalid(project: Path):
    translate(project, {"Xin chào {0}": "Hello", "&Lưu": "Save"})
    invalid = translations.check(project).invalid
    assert any("placeholders" in line for line in invalid)
    assert any("accelerator" in line for line in invalid)


def test_accelerator_clash_is_warned(project: Path):
    write_page(project, PAGE.replace('self.tr("&Lưu")', 'self.tr("&Lưu"), self.tr("&Đóng")'))
    translations.update(project)
    translate(project, {"Xin chào {0}": "Hello {0}", "&Lưu": "&Save", "&Đóng": "&Stop"})
    result = translations.check(project)
    assert result.ok
    assert any("Alt+S" in line for line in result.warnings)


@pytest.mark.parametrize(
    ("line", "complaint"),
    [
        ('self.tr(f"Xin chào {name}")', "f-string"),
        ('self.tr("Xin chào " + name)', "built with"),
        ('self.tr("Xin chào {0}".format(name))', ".format()"),
        ("self.tr(name)", "tr() of a variable"),
        ('window.tr("Xin chào")', "'window.tr()'"),
        ('QCoreApplication.translate(ctx, "Xin chào")', "context is not a string literal"),
    ],
)
def test_audit_names_calls_lupdate_cannot_read(tmp_path: Path, line: str, complaint: str):
    source = tmp_path / "app" / "bad.py"
    source.parent.mkdir()
    source.write_text(f"def f(self, window, ctx):\n    name = 'x'\n    return {line}\n")
    problems = translations.audit_sources([source], tmp_path)
    assert [p.line for p in problems] == [3]
    assert complaint in problems[0].what
    assert str(problems[0]).startswith("app/bad.py:3:")


def test_audit_names_an_aliased_translate(tmp_path: Path):
    source = tmp_path / "bad.py"
    source.write_text(
        "from PySide6.QtCore import QCoreApplication\n"
        "def f():\n"
        "    tr = QCoreApplication.translate\n"
        '    return tr("Ctx", "Xin chào")\n'
    )
    assert [p.line for p in translations.audit_sources([source], tmp_path)] == [3, 4]


def test_audit_accepts_tr_of_a_variable_when_the_module_marks_its_strings(tmp_path: Path):
    source = tmp_path / "fields.py"
    source.write_text(
        "from PySide6.QtCore import QT_TRANSLATE_NOOP\n"
        'FIELDS = (("name", QT_TRANSLATE_NOOP("Panel", "Họ và tên")),)\n'
        "def labels(self):\n"
        "    return [self.tr(label) for _, label in FIELDS]\n"
    )
    assert translations.audit_sources([source], tmp_path) == []


def test_audit_accepts_the_ways_the_app_translates(tmp_path: Path):
    source = tmp_path / "good.py"
    source.write_text(
        "from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication\n"
        'LABELS = {"a": QT_TRANSLATE_NOOP("labels", "Chữ")}\n'
        "def label(text):\n"
        '    return QCoreApplication.translate("labels", text)\n'
        "def g(self, n):\n"
        '    return self.tr("%n trang", "", n), "abc".translate({})\n'
    )
    assert translations.audit_sources([source], tmp_path) == []
