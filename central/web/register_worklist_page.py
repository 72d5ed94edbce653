"""``/backoffice/register-check``: the people to call after the register check.

For processing staff and the office head of an office (the administrator: any office):
participants whose BHXH record differs from the population register, or whose ID
number the register does not hold — who, which fields with both values, the phone an
office recorded, and the procedure that corrects it (608 "Điều chỉnh thông tin").
Rows come from :func:`central.register_check.worklist.work_list`; results about an
older version of a record are left out (the next run checks it again).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import select

from central.db import CentralDatabase
from central.models import Office
from central.register_check import worklist
from central.register_check.models import DIFFERS, NOT_CHECKED, NOT_FOUND
from central.web import auth
from central.web.pages import render
from central.web.session import PREFIX, signed_in

Staff = Annotated[auth.SignedIn, Depends(signed_in)]
PAGE = 50
FIELD_LABELS = {"full_name": "Họ và tên", "date_of_birth": "Ngày sinh", "sex": "Giới tính"}
OUTCOME_LABELS = {
    DIFFERS: "Thông tin khác CSDL dân cư",
    NOT_FOUND: "Không có trong CSDL dân cư",
    # the register did not answer (timeout …): listed on request, asked again next run
    NOT_CHECKED: "Chưa đối chiếu được, sẽ đối chiếu lại",
}


def shown(field: str, value: str) -> str:
    """Dates as the staff read them (dd/mm/yyyy)."""
    if field == "date_of_birth" and value:
        try:
            return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    return value


def build_router(db: CentralDatabase) -> APIRouter:
    router = APIRouter(prefix=PREFIX, include_in_schema=False)

    @router.get("/register-check")
    def work(request: Request, who: Staff, office: str = "", field: str = "",
             outcome: str = "", page: int = 1) -> Response:  # fmt: skip
        with db.session() as s:
            query = select(Office).order_by(Office.code)
            if who.staff.role != auth.ADMIN:
                query = query.where(Office.code.in_(who.staff.offices or []))
            offices = list(s.scalars(query))
        codes = [o.code for o in offices]
        # the administrator may look at the whole province at once ("" = every office)
        office = office if office in codes or (who.staff.role == auth.ADMIN and not office) else (
            codes[0] if codes else "")  # fmt: skip
        if not offices or not who.may("view", office or None):
            return render(request, "error.html", status_code=403, who=who,
                          message="Bạn không có quyền xem hồ sơ của đơn vị này.")  # fmt: skip
        outcomes = (outcome,) if outcome in OUTCOME_LABELS else (DIFFERS, NOT_FOUND)
        page = max(1, page)
        with db.session() as s:
            found = worklist.work_list(
                s, office=office or None, field=field if field in FIELD_LABELS else None,
                outcomes=outcomes, limit=PAGE, offset=(page - 1) * PAGE,
            )  # fmt: skip
        pages = max(1, -(-found.total // PAGE))
        params = {"office": office, "field": field, "outcome": outcome}
        return render(
            request, "register_worklist.html", who=who, offices=offices, office=office,
            field=field, outcome=outcome, found=found, page=page, pages=pages, params=params,
            field_labels=FIELD_LABELS, outcome_labels=OUTCOME_LABELS, shown=shown,
            all_offices=who.staff.role == auth.ADMIN,
        )  # fmt: skip

    return router
