"""Translations of the web pages: Vietnamese source strings, an English catalogue.

Templates and route code wrap Vietnamese text in ``_()``; the English comes from
``catalogue_en.json`` beside this module. A test reads every wrapped string in
``central/web`` and fails when one has no English entry, like the Qt check does for
the counter. The language is chosen by ``?lang=en|vi`` (kept in a cookie), else the
browser's ``Accept-Language``, else Vietnamese.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

from app.shared.status_names import STATUS

CATALOGUE = Path(__file__).with_name("catalogue_en.json")
LANGUAGES = ("vi", "en")
LANG_COOKIE = "motcua_lang"


@cache
def english() -> dict[str, str]:
    data: dict[str, str] = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    return data


def translator(language: str) -> Callable[[str], str]:
    if language != "en":
        return lambda text: text
    table = english()
    return lambda text: table.get(text, text)


def choose_language(query: str | None, cookie: str | None, accept: str | None) -> str:
    for candidate in (query, cookie):
        if candidate in LANGUAGES:
            return candidate  # type: ignore[return-value]
    for part in (accept or "").split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in LANGUAGES:
            return tag
    return "vi"


def status_label(status: str, _: Callable[[str], str]) -> str:
    """The counter's own name for the status (``app.shared.status_names``)."""
    return _(STATUS.get(status, status))


ROLE_NAMES = {
    "processing_officer": "Chuyên viên giải quyết",
    "office_head": "Lãnh đạo đơn vị",
    "admin": "Quản trị hệ thống",
}
