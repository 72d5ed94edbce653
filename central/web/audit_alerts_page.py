"""``/backoffice/audit-alerts``: breaks in the counters' access logs, for the people
who answer for them.

Central checks each counter's chain head at every sync (``central.audit_heads``); a gap,
a fork or a truncated tail means records were removed or rewritten on that machine.
An office head sees their offices' alerts, the province's administrator all of them,
newest first, with what each kind means and what to do. Reading the page is recorded
in the staff audit (who looked at which office's alerts).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from central import audit_heads
from central.db import CentralDatabase
from central.web import auth
from central.web.pages import render
from central.web.session import PREFIX, signed_in

Staff = Annotated[auth.SignedIn, Depends(signed_in)]
PERMISSION = "view_audit_alerts"
SHOWN = 500

KINDS = {
    "gap": "Thiếu bản ghi",
    "fork": "Bản ghi bị thay đổi",
    "truncated": "Mất bản ghi mới nhất",
}
MEANINGS = {
    "gap": "Máy quầy giữ ít bản ghi hơn số thứ tự của nó: có bản ghi ở giữa nhật ký đã bị xóa.",
    "fork": "Cùng số thứ tự nhưng nội dung khác với lần đồng bộ trước: nhật ký đã bị sửa.",
    "truncated": "Số thứ tự mới nhất lùi lại so với lần đồng bộ trước: các bản ghi cuối đã bị xóa.",
}


def build_router(db: CentralDatabase) -> APIRouter:
    router = APIRouter(prefix=PREFIX, include_in_schema=False)

    @router.get("/audit-alerts")
    def audit_alerts(request: Request, who: Staff, office: str = "") -> Response:
        if not who.may(PERMISSION):
            return render(request, "error.html", status_code=403, who=who,
                          message="Tài khoản không có quyền xem cảnh báo nhật ký truy cập.")  # fmt: skip
        mine = None if who.staff.role == auth.ADMIN else list(who.staff.offices or [])
        if office and mine is not None and office not in mine:
            return render(request, "error.html", status_code=403, who=who,
                          message="Tài khoản không có quyền với đơn vị này.")  # fmt: skip
        with db.session() as s:
            found = audit_heads.alerts(s, office or None, SHOWN, offices=mine)
            auth.audit(s, who.staff.id, "view_audit_alerts", detail=office or "*")
        return render(request, "audit_alerts.html", who=who, alerts=found, office=office,
                      offices=mine, kinds=KINDS, meanings=MEANINGS, shown=SHOWN)  # fmt: skip

    return router
