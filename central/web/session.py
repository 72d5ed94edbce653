"""The browser side of staff sessions: cookies, the signed-in dependency, CSRF checks.

Cookies are ``Secure; HttpOnly; SameSite=Strict`` and scoped to ``/backoffice``. A
request without a live session is sent to the log-in page; a POST whose ``csrf``
field does not match the session's token is refused with 403 before anything runs.
"""

from __future__ import annotations

import secrets
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from central.db import CentralDatabase
from central.web import auth

SESSION_COOKIE = "motcua_bo"
LOGIN_CSRF_COOKIE = "motcua_bo_login"
PREFIX = "/backoffice"


class NeedLogin(Exception):
    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


class CsrfRefused(Exception):
    pass


def set_cookie(response: Response, name: str, value: str, *, max_age: int | None = None) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=PREFIX,
        secure=True,
        httponly=True,
        samesite="strict",
    )


def signed_in(request: Request) -> auth.SignedIn:
    db: CentralDatabase = request.app.state.db
    token = request.cookies.get(SESSION_COOKIE, "")
    with db.session() as s:
        found = auth.resume(s, token, idle=request.app.state.staff_idle)
        if found is None:
            raise NeedLogin(request.url.path)
        return found


def redirect_to_login(next_path: str, expired: bool) -> RedirectResponse:
    target = f"{PREFIX}/login?next={quote(next_path)}" + ("&expired=1" if expired else "")
    return RedirectResponse(target, status_code=303)


async def check_csrf(request: Request, who: auth.SignedIn) -> dict[str, str]:
    """The posted form's text fields, once its CSRF token is checked."""
    async with request.form() as form:  # closes any uploaded file's temporary copy
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
    if not auth.csrf_ok(who.csrf_token, fields.get("csrf", "")):
        raise CsrfRefused()
    return fields


def login_csrf(request: Request) -> str:
    return request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(32)


def safe_next(value: str) -> str:
    """Only paths inside the back office: never an open redirect."""
    if value.startswith(PREFIX + "/") and not value.startswith("//") and "\\" not in value:
        return value
    return f"{PREFIX}/"
