"""The back office's pages under ``/backoffice/``: log-in, work queue, dossier, actions.

Permissions are checked here on every request (role and office, :func:`auth.may`),
whatever the page showed; every POST carries the session's CSRF token. Scan views,
form prints, results and actions are written to the staff audit.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Annotated, Any

from argon2 import PasswordHasher
from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import select

from central.blob_crypto import BlobKeyError
from central.db import CentralDatabase
from central.models import Office
from central.web import (
    actions,
    audit_alerts_page,
    auth,
    dossier_view,
    indicators_page,
    life_events_page,
    lookup,
    queue,
    register_worklist_page,
    results,
    staff_page,
)
from central.web.documents import procedure_name
from central.web.pages import SECURITY_HEADERS, VN, render
from central.web.queue_index import parse_when
from central.web.session import (
    LOGIN_CSRF_COOKIE,
    PREFIX,
    SESSION_COOKIE,
    CsrfRefused,
    NeedLogin,
    check_csrf,
    login_csrf,
    redirect_to_login,
    safe_next,
    set_cookie,
    signed_in,
)

log = logging.getLogger(__name__)
Staff = Annotated[auth.SignedIn, Depends(signed_in)]


def _offices(db: CentralDatabase, who: auth.SignedIn) -> list[Office]:
    with db.session() as s:
        query = select(Office).order_by(Office.code)
        if who.staff.role != auth.ADMIN:
            query = query.where(Office.code.in_(who.staff.offices or []))
        return list(s.scalars(query))


def _pdf(content: bytes, filename: str) -> Response:
    headers = dict(SECURITY_HEADERS)
    headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return Response(content, media_type="application/pdf", headers=headers)


def build_router(db: CentralDatabase, hasher: PasswordHasher) -> APIRouter:
    router = APIRouter(prefix=PREFIX, include_in_schema=False)

    @router.get("/")
    def home() -> RedirectResponse:
        return RedirectResponse(f"{PREFIX}/queue", status_code=303)

    @router.get("/login")
    def login_page(request: Request, next: str = "", expired: int = 0) -> Response:
        token = login_csrf(request)
        response = render(
            request, "login.html", csrf=token, next=safe_next(next), expired=bool(expired), error=""
        )
        set_cookie(response, LOGIN_CSRF_COOKIE, token, max_age=3600)
        return response

    @router.post("/login")
    async def login(request: Request) -> Response:
        async with request.form() as form:
            given = str(form.get("csrf", ""))
            username = str(form.get("username", "")).strip()
            password = str(form.get("password", ""))
            next_path = safe_next(str(form.get("next", "")))
        expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
        error = ""
        if not auth.csrf_ok(expected, given):
            error = "csrf"
        else:
            # The refusal is caught inside the transaction: the failure count commits.
            with db.session() as s:
                try:
                    staff = auth.authenticate(s, hasher, username, password)
                    token, _csrf = auth.open_session(s, staff)
                except auth.LoginRefused as exc:
                    error = exc.reason
        if error:
            response = render(
                request,
                "login.html",
                status_code=401,
                csrf=expected or given,
                next=next_path,
                expired=False,
                error=error,
                username=username,
            )
            return response
        done: Response = RedirectResponse(next_path, status_code=303)
        set_cookie(done, SESSION_COOKIE, token)
        done.delete_cookie(LOGIN_CSRF_COOKIE, path=PREFIX)
        return done

    @router.post("/logout")
    async def logout(request: Request, who: Staff) -> Response:
        await check_csrf(request, who)
        with db.session() as s:
            auth.close_session(s, request.cookies.get(SESSION_COOKIE, ""))
        response = RedirectResponse(f"{PREFIX}/login", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path=PREFIX)
        return response

    @router.get("/queue")
    def work_queue(
        request: Request,
        who: Staff,
        office: str = "",
        procedure: str = "",
        status: str = "",
        counter: str = "",
        late: str = "",
        q: Annotated[str, Query(max_length=80)] = "",
        sort: str = "due",
        after: str = "",
    ) -> Response:
        offices = _offices(db, who)
        if not offices:
            return render(
                request,
                "error.html",
                status_code=403,
                who=who,
                message="Tài khoản chưa được giao đơn vị nào.",
            )
        codes = [o.code for o in offices]
        office = office if office in codes else codes[0]
        if not who.may("view", office):
            return render(
                request,
                "error.html",
                status_code=403,
                who=who,
                message="Bạn không có quyền xem hồ sơ của đơn vị này.",
            )
        f = queue.QueueFilter(
            office=office,
            procedure=procedure,
            status=status,
            counter=int(counter) if counter.isdigit() else None,
            late=late == "1",
            search=q,
            sort=sort if sort in queue.SORTS else "due",
            after=after,
        )
        with db.session() as s:
            result = queue.page(s, f)
            procedures, counters = queue.choices(s, office)
        params = {k: v for k, v in request.query_params.items() if k not in ("after", "lang")}
        return render(
            request,
            "queue.html",
            who=who,
            offices=offices,
            f=f,
            page=result,
            procedures=procedures,
            count_cap=queue.COUNT_CAP,
            counters=counters,
            procedure_name=procedure_name,
            params=params,
        )

    @router.get("/dossiers/{dossier_id}")
    def dossier_page(request: Request, who: Staff, dossier_id: str, done: str = "") -> Response:
        return _dossier_page(request, who, dossier_id, done=done)

    def _dossier_page(
        request: Request,
        who: auth.SignedIn,
        dossier_id: str,
        *,
        done: str = "",
        error: str = "",
        status_code: int = 200,
    ) -> Response:
        with db.session() as s:
            try:
                stored = actions.load_for(s, who.staff, dossier_id, "view")
            except actions.ActionRefused as exc:
                return render(
                    request,
                    "error.html",
                    status_code=404 if exc.reason == "unknown_dossier" else 403,
                    who=who,
                    message=_refusal(exc.reason),
                )
            view = dossier_view.load(s, stored)
            view.actions = actions.available(who.staff, stored, view.result is not None)
            auth.audit(s, who.staff.id, "dossier_viewed", dossier_id)
        due = parse_when(view.dossier.get("due_at"))
        return render(
            request,
            "dossier.html",
            status_code=status_code,
            who=who,
            v=view,
            d=view.dossier,
            c=view.citizen,
            done=done,
            error=error,
            due=due,
            is_open=view.dossier["status"] in queue.OPEN_STATUSES,
            done_messages=DONE,
            printable=_printable(view.events),
            procedure_name=procedure_name,
            provenance=dossier_view.provenance(view.dossier, view.citizen),
            may_scans=who.may("view_scans", stored.office_code),
        )

    @router.get("/dossiers/{dossier_id}/scans/{attachment_id}")
    def scan(request: Request, who: Staff, dossier_id: str, attachment_id: str) -> Response:
        with db.session() as s:
            try:
                stored = actions.load_for(s, who.staff, dossier_id, "view_scans")
            except actions.ActionRefused as exc:
                return render(
                    request, "error.html", status_code=403, who=who, message=_refusal(exc.reason)
                )
            try:
                found = dossier_view.scan_content(s, stored, attachment_id)
            except BlobKeyError:
                log.exception("scan %s of dossier %s does not decrypt", attachment_id, dossier_id)
                return render(
                    request, "error.html", status_code=500, who=who,
                    message="Không mở được bản quét: thiếu khóa giải mã hoặc dữ liệu bị sửa đổi.",
                )  # fmt: skip
            auth.audit(
                s,
                who.staff.id,
                "scan_viewed",
                dossier_id,
                attachment_id + ("" if found else " (missing)"),
            )
        if found is None:
            return render(
                request,
                "error.html",
                status_code=404,
                who=who,
                message="Bản quét chưa được máy quầy gửi đủ lên máy chủ.",
            )
        headers = dict(SECURITY_HEADERS)  # X-Content-Type-Options: nosniff among them
        headers["Content-Disposition"] = found.disposition
        return Response(found.content, media_type=found.media_type, headers=headers)

    @router.post("/dossiers/{dossier_id}/actions/{action}")
    async def act(request: Request, who: Staff, dossier_id: str, action: str) -> Response:
        form = await check_csrf(request, who)
        new_due = _parse_local(form.get("new_due", ""))
        try:
            with db.session() as s:
                actions.perform(
                    s, who.staff, dossier_id, action, reason=form.get("reason", ""), new_due=new_due
                )
        except actions.ActionRefused as exc:
            return _dossier_page(
                request,
                who,
                dossier_id,
                error=_refusal(exc.reason),
                status_code=409 if exc.reason != "not_allowed" else 403,
            )
        return RedirectResponse(f"{PREFIX}/dossiers/{dossier_id}?done={action}", status_code=303)

    @router.post("/dossiers/{dossier_id}/result")
    async def attach_result(request: Request, who: Staff, dossier_id: str) -> Response:
        content = b""
        filename = ""
        async with request.form() as form:  # closes the upload's temporary file
            if not auth.csrf_ok(who.csrf_token, str(form.get("csrf", ""))):
                raise CsrfRefused()
            upload = form.get("file")
            if upload is not None and not isinstance(upload, str):
                content = await upload.read(results.MAX_RESULT + 1)
                filename = upload.filename or ""

        def sign_and_store() -> None:
            # Off the event loop: pyHanko runs its own asyncio loop inside.
            with db.session() as s:
                results.attach(s, who.staff, dossier_id, content, filename)

        try:
            await run_in_threadpool(sign_and_store)
        except actions.ActionRefused as exc:
            return _dossier_page(
                request, who, dossier_id, error=_refusal(exc.reason), status_code=422
            )
        return RedirectResponse(
            f"{PREFIX}/dossiers/{dossier_id}?done=attach_result", status_code=303
        )

    @router.get("/dossiers/{dossier_id}/result.pdf")
    def result_pdf(request: Request, who: Staff, dossier_id: str) -> Response:
        with db.session() as s:
            try:
                actions.load_for(s, who.staff, dossier_id, "view")
                found = results.get(s, dossier_id)
            except actions.ActionRefused as exc:
                return render(
                    request, "error.html", status_code=403, who=who, message=_refusal(exc.reason)
                )
            auth.audit(s, who.staff.id, "result_viewed", dossier_id)
        if found is None:
            return render(
                request, "error.html", status_code=404, who=who, message="Hồ sơ chưa có kết quả."
            )
        return _pdf(found.pdf, found.filename)

    @router.get("/dossiers/{dossier_id}/forms/{form}.pdf")
    def form_pdf(request: Request, who: Staff, dossier_id: str, form: str) -> Response:
        with db.session() as s:
            try:
                stored = actions.load_for(s, who.staff, dossier_id, "view")
                view = dossier_view.load(s, stored)
                content = results.form(view, form, who.staff.full_name)
            except actions.ActionRefused as exc:
                return render(
                    request, "error.html", status_code=404, who=who, message=_refusal(exc.reason)
                )
            auth.audit(s, who.staff.id, f"form_{form}_printed", dossier_id)
        return _pdf(content, f"mau-{form}-{view.dossier['code']}.pdf")

    return router


DONE = {
    "take": "Đã nhận xử lý hồ sơ. Máy quầy sẽ thấy trạng thái mới ở lần đồng bộ tới.",
    "request_completion": "Đã gửi yêu cầu bổ sung về quầy. In mẫu 02 ở phần Lịch sử.",
    "stop": "Đã dừng giải quyết hồ sơ. In mẫu 05 ở phần Lịch sử.",
    "extend": "Đã gia hạn. In văn bản xin lỗi (mẫu 04) ở phần Lịch sử.",
    "attach_result": "Đã ký số và đính kèm kết quả.",
    "mark_ready": "Đã báo có kết quả. Quầy sẽ trả kết quả cho công dân.",
}


def _printable(events: list[dict[str, Any]]) -> list[tuple[str, str]]:
    out = []
    if any(e["to_status"] == "completion_requested" for e in events):
        out.append(("02", "Phiếu yêu cầu bổ sung (mẫu 02)"))
    if any(e["from_status"] == e["to_status"] == "in_processing" for e in events):
        out.append(("04", "Văn bản xin lỗi, gia hạn (mẫu 04)"))
    if any(e["to_status"] == "stopped" for e in events):
        out.append(("05", "Thông báo dừng giải quyết (mẫu 05)"))
    return out


def _parse_local(value: str) -> dt.datetime | None:
    """An ``<input type=datetime-local>`` value, read as Vietnam time."""
    try:
        return dt.datetime.fromisoformat(value).replace(tzinfo=VN) if value else None
    except ValueError:
        return None


REFUSALS = {
    "unknown_dossier": "Không tìm thấy hồ sơ.",
    "not_allowed": "Bạn không có quyền thực hiện việc này với hồ sơ của đơn vị này.",
    "wrong_status": "Trạng thái hiện tại của hồ sơ không cho phép việc này. Tải lại trang để xem trạng thái mới.",
    "reason_required": "Cần ghi lý do (hoặc giấy tờ cần bổ sung) trước khi gửi.",
    "due_not_later": "Ngày hẹn mới phải sau ngày hẹn hiện tại.",
    "result_missing": "Cần đính kèm kết quả đã ký số trước khi báo có kết quả.",
    "not_pdf": "Tệp tải lên không phải PDF. Chọn tệp PDF của kết quả.",
    "too_large": "Tệp kết quả lớn hơn 20 MB.",
    "no_signing_key": "Đơn vị chưa được cấu hình chứng thư số để ký kết quả. Liên hệ quản trị.",
    "signing_failed": "Không ký số được tệp kết quả (tệp PDF hỏng hoặc khóa không đọc được).",
    "unknown_form": "Không có mẫu này cho hồ sơ ở trạng thái hiện tại.",
    "unknown_action": "Thao tác không hợp lệ.",
}


def _refusal(reason: str) -> str:
    return REFUSALS.get(reason, reason)


def mount(app: FastAPI, db: CentralDatabase, *, idle: dt.timedelta = auth.IDLE) -> None:
    """Add the back office, the citizen page and the counter's result download."""
    hasher = PasswordHasher()
    app.state.staff_idle = idle
    app.mount(f"{PREFIX}/static", StaticFiles(directory=str(_static())), name="bo-static")
    app.include_router(build_router(db, hasher))
    app.include_router(lookup.build_router(db))
    app.include_router(life_events_page.build_router(db))
    app.include_router(indicators_page.build_router(db))
    app.include_router(register_worklist_page.build_router(db))
    app.include_router(staff_page.build_router(db, hasher))
    app.include_router(audit_alerts_page.build_router(db))
    results.add_counter_route(app, db)

    @app.exception_handler(NeedLogin)
    async def _login(request: Request, exc: NeedLogin) -> Response:
        return redirect_to_login(exc.next_path, bool(request.cookies.get(SESSION_COOKIE)))

    @app.exception_handler(CsrfRefused)
    async def _csrf(request: Request, _exc: CsrfRefused) -> Response:
        return render(
            request,
            "error.html",
            status_code=403,
            who=None,
            message="Biểu mẫu đã hết hạn hoặc không hợp lệ. Tải lại trang rồi thử lại.",
        )


def _static() -> Any:
    from pathlib import Path

    return Path(__file__).with_name("static")
