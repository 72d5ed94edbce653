"""``/backoffice/life-events``: births and deaths nobody could match or route, and
the events sent to the offices' counters with their dossiers and contact attempts.

Unrouted events (the person is known but no office covers their residence) wait here
too: staff only choose the office.

An office head (their offices' events) or the province's administrator (all) reads the
certificate beside the register's candidates and names the person — and, when the
residence does not say, the office; the event then travels to that office's counters.
Every resolution is written to the staff audit.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from central.db import CentralDatabase
from central.life_events import contacts, service
from central.models import Office
from central.web import auth
from central.web.pages import render
from central.web.session import PREFIX, check_csrf, signed_in

Staff = Annotated[auth.SignedIn, Depends(signed_in)]
PERMISSION = "resolve_life_event"
REFUSALS = {
    "person_not_in_register": "Số định danh không có trong CSDL dân cư.",
    "unknown_office": "Không có đơn vị với mã này.",
    "office_needed": "Nơi cư trú không cho biết đơn vị: chọn đơn vị tiếp nhận.",
    "event_already_matched": "Sự kiện đã được xử lý.",
    "event_not_found": "Không tìm thấy sự kiện.",
    "not_your_office": "Sự kiện thuộc đơn vị khác: tài khoản không có quyền xử lý.",
}


REASONS = {
    "id_number_other_name": "Số định danh có trong CSDL dân cư nhưng họ tên khác.",
    "several_people": "Nhiều người cùng họ tên và ngày sinh.",
    "not_in_register": "Không tìm thấy trong CSDL dân cư.",
    "no_id_no_birth_date": "Giấy không ghi số định danh và ngày sinh.",
}


def build_router(db: CentralDatabase) -> APIRouter:
    router = APIRouter(prefix=PREFIX, include_in_schema=False)

    def page(request: Request, who: auth.SignedIn, error: str = "", status: int = 200) -> Response:
        if not who.may(PERMISSION):
            return render(request, "error.html", status_code=403, who=who,
                          message="Tài khoản không có quyền xử lý sự kiện hộ tịch.")  # fmt: skip
        with db.session() as s:
            events = service.waiting(s)
            offices = list(s.query(Office).order_by(Office.code))
            mine = None if who.staff.role == auth.ADMIN else set(who.staff.offices or [])
            if mine is not None:  # an office head sees what concerns their offices
                events = [e for e in events if e.office_code is None or e.office_code in mine]
                offices = [o for o in offices if o.code in mine]
            sent = service.routed(s, mine)
            attempts = contacts.of_events(s, [e.id for e in sent])
        return render(request, "life_events.html", status_code=status, who=who, events=events,
                      offices=offices, error=error, reasons=REASONS,
                      unrouted=service.unrouted, sent=sent, attempts=attempts)  # fmt: skip

    @router.get("/life-events")
    def waiting(request: Request, who: Staff) -> Response:
        return page(request, who)

    @router.post("/life-events/{event_id}/resolve")
    async def resolve(request: Request, who: Staff, event_id: str) -> Response:
        form = await check_csrf(request, who)
        office = form.get("office_code") or None
        if not who.may(PERMISSION, office):
            return page(request, who, "Tài khoản không có quyền với đơn vị này.", 403)
        try:
            with db.session() as s:
                acting_for = None if who.staff.role == auth.ADMIN else who.staff.offices or []
                row = service.resolve(
                    s, event_id, form.get("id_number", "").strip(), office, acting_for=acting_for
                )
                auth.audit(
                    s, who.staff.id, "resolve_life_event", detail=f"{row.id} -> {row.office_code}"
                )
        except service.EventRefused as exc:
            status = 403 if exc.status == 403 else 409
            return page(request, who, REFUSALS.get(exc.reason, exc.reason), status)
        return RedirectResponse(f"{PREFIX}/life-events", status_code=303)

    return router
