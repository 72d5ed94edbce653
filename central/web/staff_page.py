"""``/backoffice/staff``: the administrator looks after staff accounts in the browser.

The same operations as the ``motcua-central staff-*`` commands
(``central.web.staff_accounts``, which checks ``manage_staff`` itself): deactivate or
reactivate, lift a lockout, set a new password. Each change is in the staff audit.
"""

from __future__ import annotations

from typing import Annotated

from argon2 import PasswordHasher
from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from app.shared.types import utcnow
from central.db import CentralDatabase
from central.web import auth, staff_accounts
from central.web.pages import render
from central.web.session import PREFIX, check_csrf, signed_in

Staff = Annotated[auth.SignedIn, Depends(signed_in)]
REFUSALS = {
    "not_allowed": "Chỉ quản trị hệ thống quản lý tài khoản cán bộ.",
    "unknown_user": "Không có tài khoản này.",
    "not_yourself": "Không thể tự khóa tài khoản đang dùng.",
    "password_too_short": "Mật khẩu mới cần ít nhất 10 ký tự.",
    "unknown_action": "Thao tác không hợp lệ.",
}
DONE = {
    "deactivate": "Đã khóa tài khoản và đăng xuất mọi phiên của tài khoản.",
    "activate": "Đã mở lại tài khoản.",
    "unlock": "Đã gỡ tạm khóa do nhập sai mật khẩu.",
    "reset_password": "Đã đặt mật khẩu mới; các phiên cũ của tài khoản đã kết thúc.",
}


def build_router(db: CentralDatabase, hasher: PasswordHasher) -> APIRouter:
    router = APIRouter(prefix=PREFIX, include_in_schema=False)

    def page(
        request: Request, who: auth.SignedIn, *, done: str = "", error: str = "", status: int = 200
    ) -> Response:
        try:
            with db.session() as s:
                accounts = staff_accounts.listing(s, who.staff)
                s.expunge_all()
        except auth.AccountRefused as exc:
            return render(request, "error.html", status_code=403, who=who,
                          message=REFUSALS[exc.reason])  # fmt: skip
        return render(request, "staff.html", status_code=status, who=who, accounts=accounts,
                      done=DONE.get(done, ""), error=error, now=utcnow())  # fmt: skip

    @router.get("/staff")
    def staff_list(request: Request, who: Staff, done: str = "") -> Response:
        return page(request, who, done=done)

    @router.post("/staff/{username}/{action}")
    async def manage(request: Request, who: Staff, username: str, action: str) -> Response:
        form = await check_csrf(request, who)
        try:
            if action not in staff_accounts.ACTIONS:
                raise auth.AccountRefused("unknown_action")
            with db.session() as s:
                if action == "reset_password":
                    staff_accounts.reset_password(
                        s, hasher, username, form.get("password", ""), by=who.staff
                    )
                else:
                    getattr(staff_accounts, action)(s, username, by=who.staff)
        except auth.AccountRefused as exc:
            code = 403 if exc.reason == "not_allowed" else 409
            return page(request, who, error=REFUSALS.get(exc.reason, exc.reason), status=code)
        return RedirectResponse(f"{PREFIX}/staff?done={action}", status_code=303)

    return router
