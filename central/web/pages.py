"""Rendering shared by the web pages: the Jinja2 environment, language, time left.

Autoescaping is on for every template; every string a page shows goes through ``_``
(see :mod:`central.web.i18n`). Security headers are set here once for every page.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from app.shared.types import utcnow
from central.web import i18n

TEMPLATES = Path(__file__).with_name("templates")
VN = dt.timezone(dt.timedelta(hours=7), "ICT")

_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)

SECURITY_HEADERS = {
    # No scripts from anywhere but us, no framing, no referrer carrying dossier codes.
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-src 'self'; object-src 'self'; frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def language(request: Request) -> str:
    return i18n.choose_language(
        request.query_params.get("lang"),
        request.cookies.get(i18n.LANG_COOKIE),
        request.headers.get("accept-language"),
    )


def local(value: dt.datetime | None, fmt: str = "%H:%M %d/%m/%Y") -> str:
    return value.astimezone(VN).strftime(fmt) if value else ""


def _parse(iso: str | None) -> dt.datetime | None:
    if not iso:
        return None
    value = dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def time_left(due: dt.datetime | None, _: Any, now: dt.datetime | None = None) -> tuple[str, bool]:
    """("còn 2 ngày" | "quá hạn 1 ngày" | "hạn hôm nay", late?) by calendar days in Vietnam."""
    if due is None:
        return _("tạm dừng tính hạn"), False
    now = now or utcnow()
    days = (due.astimezone(VN).date() - now.astimezone(VN).date()).days
    if due < now:
        late_days = max(1, -days)
        return _("quá hạn {n} ngày").format(n=late_days), True
    if days == 0:
        return _("hạn hôm nay"), False
    return _("còn {n} ngày").format(n=days), False


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    lang = language(request)
    _ = i18n.translator(lang)
    html = _env.get_template(template).render(
        _=_,
        lang=lang,
        status_label=lambda s: i18n.status_label(s, _),
        local=local,
        when=lambda iso: local(_parse(iso)),
        time_left=lambda due: time_left(due, _),
        request=request,
        role_names=i18n.ROLE_NAMES,
        **context,
    )
    response = HTMLResponse(html, status_code=status_code, headers=SECURITY_HEADERS)
    if request.query_params.get("lang") in i18n.LANGUAGES:
        response.set_cookie(
            i18n.LANG_COOKIE, lang, max_age=365 * 86400, samesite="lax", secure=True
        )
    return response
