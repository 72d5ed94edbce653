"""Office-adjustable form templates: agency identity and per-form texts.

``resources/forms/default.json`` holds every text the layouts print that is not data
(titles, notes, signature captions). An office file (``forms.json`` in the data
folder) overrides any of them; both are checked against
``resources/forms/template.schema.json``. A bad office file raises
``UserError(SETTINGS_INVALID, "<file>:<line>: <what>")`` and changes nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from app.errors import ErrorKind, UserError
from app.services.catalog.jsonfile import JsonFileError, line_of, load_validated, validator_for
from app.services.forms.model import Agency
from app.shared import paths

FORMS_RESOURCES = paths.RESOURCES / "forms"
DEFAULT_TEMPLATE = FORMS_RESOURCES / "default.json"
SCHEMA_FILE = FORMS_RESOURCES / "template.schema.json"
OFFICE_TEMPLATE_NAME = "forms.json"  # in the app's data folder


@dataclass(frozen=True, slots=True)
class FormTemplate:
    """The agency of the header and the texts of every form, merged and checked."""

    agency: Agency
    texts: Mapping[str, Mapping[str, str]]  # form id -> key -> text

    def text(self, form: str, key: str) -> str:
        return self.texts[form][key]

    def form(self, form: str) -> Mapping[str, str]:
        return self.texts[form]


@cache
def _validator() -> Draft202012Validator:
    return validator_for(SCHEMA_FILE)


def _read_checked(path: Path) -> dict[str, Any]:
    """Parse and schema-check one template file, or raise SETTINGS_INVALID."""
    try:
        data = load_validated(path, _validator())
        logo = data.get("agency", {}).get("logo", "")
        if logo and not (path.parent / logo).is_file():
            text = path.read_text(encoding="utf-8")
            raise JsonFileError(path.name, line_of(text, ["agency", "logo"]), "logo file not found")
    except JsonFileError as exc:
        raise UserError(ErrorKind.SETTINGS_INVALID, detail=str(exc)) from None
    return dict(data)


def _merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _build(data: dict[str, Any], logo_dir: Path) -> FormTemplate:
    agency = data["agency"]
    logo_name = agency.get("logo", "")
    logo = (logo_dir / logo_name) if logo_name else None
    return FormTemplate(
        agency=Agency(
            name=agency["name"],
            parent_name=agency.get("parent_name", ""),
            place=agency.get("place", ""),
            unit_name=agency.get("unit_name", ""),
            logo_path=logo,
        ),
        texts={form: dict(texts) for form, texts in data["forms"].items()},
    )


def load_template(office_file: Path | None = None) -> FormTemplate:
    """The default template, with ``office_file`` laid over it when it exists.

    Raises ``UserError(SETTINGS_INVALID)`` for a bad office file; callers then keep
    whatever template they had (see ``TemplateStore``).
    """
    data = _read_checked(DEFAULT_TEMPLATE)
    logo_dir = DEFAULT_TEMPLATE.parent
    if office_file is not None and office_file.exists():
        office = _read_checked(office_file)
        if office.get("agency", {}).get("logo"):
            logo_dir = office_file.parent  # a logo path is relative to the file naming it
        data = _merge(data, office)
    return _build(data, logo_dir)


def default_template() -> FormTemplate:
    return _default_template()


@cache
def _default_template() -> FormTemplate:
    return load_template(None)


class TemplateStore:
    """The template in use; a failed reload keeps the previous one."""

    def __init__(self, data_dir: Path | None = None) -> None:
        self._office_file = (data_dir or paths.data_dir()) / OFFICE_TEMPLATE_NAME
        self._lock = threading.Lock()
        self._current = default_template()

    @property
    def current(self) -> FormTemplate:
        return self._current

    def reload(self) -> FormTemplate:
        """Re-read the office file. On ``UserError`` the previous template stays."""
        template = load_template(self._office_file)
        with self._lock:
            self._current = template
        return template
