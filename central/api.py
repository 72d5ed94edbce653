"""The HTTP API (``/api/v1``), documented on FastAPI's ``/docs`` page.

Counters authenticate with their device id (``X-MotCua-Device``) and secret
(``Authorization: Bearer …``); the back office with an admin token. A counter reaches
only its own office's paths (403 otherwise). Every refusal has a JSON body with a
machine ``reason`` the counter maps to a message for the officer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from argon2 import PasswordHasher
from fastapi import Body, FastAPI, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import text
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session

import central
from app.shared import wire
from app.shared.types import utcnow
from central import (
    audit_heads,
    backoffice,
    blobs,
    changes,
    ingest,
    openapi_refs,
    push_body,
    ratelimit,
    register,
    security,
)
from central.auth import (
    REFUSALS,
    Admin,
    Counter,
    Credentials,
    Refusal,
    acting_admin,
    address,
    check_device,
    device,
    throttle,
)
from central.db import CentralDatabase
from central.life_events import routes as life_event_routes
from central.limits import BodyLimit
from central.models import Device, Office

T = TypeVar("T")
SHA256 = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")]
MAX_PULL = 1000


class OfficerAccount(BaseModel):
    office_code: str
    username: str = Field(min_length=2, max_length=60)
    full_name: str
    role: str = Field(default="officer", pattern="^(officer|supervisor|admin)$")
    password: str = Field(min_length=8)
    active: bool = True


class Publication(BaseModel):
    version: str = Field(min_length=1, max_length=40)
    content: dict[str, Any]


# The push body, documented as the model it is validated against.
PUSH_BODY, PUSH_COMPONENTS = openapi_refs.json_body(wire.PushRequest.model_json_schema)


def create_app(db: CentralDatabase) -> FastAPI:
    app = FastAPI(
        title="MotCua central service",
        version=central.__version__,
        description="Sync, citizen look-up and back office for BHXH one-stop counters.",
    )
    app.state.db = db
    app.state.admin_failures = ratelimit.RateLimiter(ratelimit.FAILED_ADMIN_LOGINS)
    enroll_failures = ratelimit.RateLimiter(ratelimit.FAILED_ENROLLMENTS)
    lookups = ratelimit.RateLimiter(ratelimit.LOOKUPS)
    hasher = PasswordHasher()
    # Outermost: an oversized body is refused before routing, authentication, parsing.
    app.add_middleware(BodyLimit)

    @app.exception_handler(Refusal)
    async def _refusal(_request: Request, exc: Refusal) -> JSONResponse:
        body = wire.ErrorBody(reason=exc.reason, message=exc.message)
        headers = {"Retry-After": str(max(1, round(exc.retry_after)))} if exc.retry_after else None
        return JSONResponse(body.model_dump(), status_code=exc.status, headers=headers)

    @app.exception_handler(OperationalError)
    @app.exception_handler(DBAPIError)
    @app.exception_handler(PoolTimeout)
    async def _database_down(_request: Request, exc: Exception) -> JSONResponse:
        # The database went away (restart, network): the counter keeps its items
        # pending and retries; nothing half-written, every request is one transaction.
        body = wire.ErrorBody(reason="database_unavailable", message=type(exc).__name__)
        return JSONResponse(body.model_dump(), status_code=503)

    # What the request asked for breaks a constraint or does not fit a column: retrying
    # the same request would fail the same way, so it is the client's, not a 503.
    @app.exception_handler(IntegrityError)
    async def _constraint(_request: Request, exc: Exception) -> JSONResponse:
        body = wire.ErrorBody(reason="constraint_violation", message=type(exc).__name__)
        return JSONResponse(body.model_dump(), status_code=409)

    @app.exception_handler(DataError)
    async def _bad_data(_request: Request, exc: Exception) -> JSONResponse:
        body = wire.ErrorBody(reason="invalid_data", message=type(exc).__name__)
        return JSONResponse(body.model_dump(), status_code=422)

    def own_office(office: str, counter: Device) -> None:
        if office != counter.office_code:
            raise Refusal(403, "office_mismatch", "a counter reaches only its own office")

    v1 = wire.API_PREFIX
    app.include_router(life_event_routes.build_router())

    @app.get(f"{v1}/health", response_model=wire.Health, tags=["service"])
    def health() -> Any:
        try:
            with db.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            ok = True
        except Exception:
            ok = False
        body = wire.Health(version=central.__version__, database=ok, server_time=utcnow())
        return body if ok else JSONResponse(body.model_dump(mode="json"), status_code=503)

    @app.post(
        f"{v1}/enroll", response_model=wire.EnrollResponse, responses=REFUSALS, tags=["devices"]
    )
    def enroll(request: wire.EnrollRequest, http: Request) -> wire.EnrollResponse:
        throttle(enroll_failures, address(http), count=False)
        try:
            with db.session() as s:
                device_row, secret = security.redeem_enrollment_code(
                    s, request.code, request.device_name
                )
                office = device_row.office_code
                office_name = s.get(Office, office).name  # type: ignore[union-attr]
                return wire.EnrollResponse(
                    device_id=device_row.id,
                    secret=secret,
                    office_code=office,
                    office_name=office_name,
                    counter_number=device_row.counter_number,
                )
        except security.EnrollmentRefused as exc:
            enroll_failures.hit(address(http))
            raise Refusal(
                410 if exc.reason in ("code_used", "code_expired") else 403, exc.reason
            ) from None

    @app.post(
        f"{v1}/citizens/lookup",
        response_model=wire.LookupResult,
        responses=REFUSALS,
        tags=["citizens"],
    )
    def lookup(request: wire.LookupRequest, counter: Counter) -> wire.LookupResult:
        throttle(lookups, counter.id, count=True)
        with db.session() as s:
            return register.lookup(s, request, counter.id)

    @app.post(
        f"{v1}/offices/{{office}}/push",
        response_model=wire.PushResponse,
        responses=REFUSALS,
        tags=["sync"],
        openapi_extra=PUSH_BODY,
    )
    async def push(office: str, request: Request, given: Credentials) -> Response:
        # The credentials are checked in the push's own transaction (one round trip
        # fewer than a session of their own); the body is parsed only once they hold.
        # It is validated straight from its bytes and the answer serialized once:
        # FastAPI's generic path costs more than the ingest itself on large batches.
        report = reported_head(request)
        raw = await request.body()
        malformed: list[wire.PushResult] = []
        parsed: list[list[Any]] = []
        counter: list[Device] = []

        def prepare(s: Session) -> tuple[Device, list[Any]]:
            found = check_device(s, *given)
            own_office(office, found)
            counter[:] = [found]
            if not parsed:
                try:
                    parsed.append(list(wire.PushRequest.model_validate_json(raw).items))
                except ValidationError as exc:
                    # One malformed item must not refuse the batch: each is judged alone.
                    items, bad = push_body.items_one_by_one(raw, exc)
                    parsed.append(items)
                    malformed.extend(bad)
            return found, parsed[0]

        results = await run_in_threadpool(ingest.push, db, prepare)
        results = sorted(results + malformed, key=lambda r: r.ref)
        answer = wire.PushResponse(results=results).model_dump_json()
        seen = await run_in_threadpool(audit_head, report, counter[0]) if report else {}
        return Response(answer, media_type="application/json", headers=seen)

    def reported_head(request: Request) -> wire.AuditHead | None:
        """The chain head the counter reported, if any; a malformed one is refused (400)
        before any work: a counter always sends a well-formed one, so this is a bug
        or tampering, and saying nothing would hide its log from the check."""
        value = request.headers.get(wire.AUDIT_HEAD_HEADER)
        if value is None:
            return None
        try:
            return wire.AuditHead.from_header(value)
        except ValueError:
            raise Refusal(
                400,
                "bad_audit_head",
                f"{wire.AUDIT_HEAD_HEADER} must be seq=…;hash=<64 hex>;count=…"
                "[;base_seq=…;base_hash=…]",
            ) from None

    def audit_head(report: wire.AuditHead, counter: Device) -> dict[str, str]:
        """Check the chain head the counter reported; answer with central's."""
        with db.session() as s:
            seen = audit_heads.receive(s, counter, report)
        return {wire.AUDIT_SEEN_HEADER: seen.header()}

    @app.get(
        f"{v1}/offices/{{office}}/changes",
        response_model=wire.ChangesPage,
        responses=REFUSALS,
        tags=["sync"],
    )
    def pull(
        office: str,
        counter: Counter,
        request: Request,
        response: Response,
        since: Annotated[int, Query(ge=0)] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_PULL)] = 500,
        epoch: Annotated[str, Query(max_length=36)] = "",
    ) -> wire.ChangesPage:
        own_office(office, counter)
        if report := reported_head(request):
            response.headers.update(audit_head(report, counter))
        with db.session() as s:
            return changes.page(s, office, since, limit, epoch)

    def _blob_call(func: Callable[[Any], Any]) -> wire.BlobStatus:
        with db.session() as s:
            try:
                refusal = None
                blob = func(s)
            except blobs.BlobRefused as exc:
                refusal = exc  # committed anyway: a failed hash check resets the upload
        if refusal is not None:
            received = refusal.blob.received if refusal.blob is not None else 0
            raise Refusal(refusal.status, refusal.reason, f"received={received}")
        return blobs.status_of(blob)

    @app.post(
        f"{v1}/offices/{{office}}/blobs/{{sha256}}",
        response_model=wire.BlobStatus,
        responses=REFUSALS,
        tags=["sync"],
    )
    def blob_start(
        office: str, sha256: SHA256, request: wire.BlobStart, counter: Counter
    ) -> wire.BlobStatus:
        own_office(office, counter)
        return _blob_call(lambda s: blobs.start(s, office, sha256, request.size))

    @app.get(
        f"{v1}/offices/{{office}}/blobs/{{sha256}}",
        response_model=wire.BlobStatus,
        responses=REFUSALS,
        tags=["sync"],
    )
    def blob_status(office: str, sha256: SHA256, counter: Counter) -> wire.BlobStatus:
        own_office(office, counter)
        with db.session() as s:
            blob = blobs.get(s, office, sha256)
            if blob is None:
                raise Refusal(404, "unknown_blob")
            return blobs.status_of(blob)

    @app.put(
        f"{v1}/offices/{{office}}/blobs/{{sha256}}",
        response_model=wire.BlobStatus,
        responses=REFUSALS,
        tags=["sync"],
        openapi_extra={
            "requestBody": {"content": {"application/octet-stream": {}}, "required": True}
        },
    )
    async def blob_chunk(
        office: str,
        sha256: SHA256,
        request: Request,
        counter: Counter,
        offset: Annotated[int, Query(ge=0)],
    ) -> wire.BlobStatus:
        own_office(office, counter)
        data = await request.body()
        return await run_in_threadpool(
            _blob_call, lambda s: blobs.append(s, office, sha256, offset, data)
        )

    # --- back office ---------------------------------------------------------------------

    @app.get(
        f"{v1}/backoffice/offices/{{office}}/dossiers",
        response_model=list[wire.DossierSummary],
        dependencies=[Admin],
        tags=["back office"],
    )
    def dossiers(
        office: str,
        response: Response,
        status: str | None = None,
        limit: Annotated[int, Query(ge=1, le=backoffice.MAX_PAGE)] = backoffice.MAX_PAGE,
        after: Annotated[str, Query(max_length=64)] = "",
    ) -> list[wire.DossierSummary]:
        """One page of the office's dossiers in a stable order; when the page is full,
        the ``X-Next-After`` header holds the value of ``after`` for the next page."""
        with db.session() as s:
            rows = backoffice.list_dossiers(s, office, status, limit=limit, after=after)
            page = [
                wire.DossierSummary(
                    id=r.id,
                    code=r.code or "",
                    office_code=r.office_code,
                    status=r.status or "",
                    row_version=r.row_version,
                    submitted_at=r.data["submitted_at"],
                )
                for r in rows
            ]
        if len(page) == limit:
            response.headers["X-Next-After"] = page[-1].id
        return page

    @app.post(
        f"{v1}/backoffice/dossiers/{{dossier_id}}/status",
        response_model=wire.DossierStatusChange,
        responses=REFUSALS,
        dependencies=[Admin],
        tags=["back office"],
    )
    def move(
        dossier_id: str, request: wire.StatusChangeRequest, http: Request
    ) -> wire.DossierStatusChange:
        try:
            with db.session() as s:
                change = backoffice.move_dossier(s, dossier_id, request)
                backoffice.record_admin_action(
                    s, acting_admin(http), "api_move", dossier_id=dossier_id,
                    detail=f"{change.events[0].from_status} → {change.status}",
                )  # fmt: skip
                return change
        except backoffice.BackOfficeRefused as exc:
            raise Refusal(exc.status, exc.reason) from None

    @app.post(
        f"{v1}/backoffice/officers",
        response_model=wire.OfficerWire,
        dependencies=[Admin],
        tags=["back office"],
    )
    def save_officer(account: OfficerAccount, http: Request) -> wire.OfficerWire:
        password_hash = hasher.hash(account.password)
        with db.session() as s:
            backoffice.record_admin_action(
                s, acting_admin(http), "api_save_officer",
                detail=f"{account.username} ({account.office_code}, {account.role})",
            )  # fmt: skip
            officer = backoffice.save_officer(
                s,
                account.office_code,
                account.username,
                account.full_name,
                account.role,
                password_hash,
                active=account.active,
            )
            return backoffice.officer_wire(officer)

    @app.delete(
        f"{v1}/backoffice/officers/{{username}}",
        status_code=204,
        dependencies=[Admin],
        tags=["back office"],
    )
    def delete_officer(username: str, http: Request) -> None:
        try:
            with db.session() as s:
                backoffice.delete_officer(s, username)
                backoffice.record_admin_action(
                    s, acting_admin(http), "api_delete_officer", detail=username
                )
        except backoffice.BackOfficeRefused as exc:
            raise Refusal(exc.status, exc.reason) from None

    @app.post(
        f"{v1}/backoffice/published/{{kind}}",
        status_code=204,
        dependencies=[Admin],
        tags=["back office"],
    )
    def publish(
        kind: Annotated[str, Path(pattern="^(catalog|calendar|trust)$")],
        body: Annotated[Publication, Body()],
        http: Request,
    ) -> None:
        with db.session() as s:
            changes.publish(s, kind, body.version, body.content)
            backoffice.record_admin_action(
                s, acting_admin(http), "api_publish", detail=f"{kind} {body.version}"
            )

    @app.get(
        f"{v1}/backoffice/audit-alerts",
        response_model=list[wire.AuditAlertWire],
        dependencies=[Admin],
        tags=["back office"],
    )
    def audit_alerts(
        office: Annotated[str, Query(max_length=40)] = "",
        limit: Annotated[int, Query(ge=1, le=1000)] = 500,
    ) -> list[wire.AuditAlertWire]:
        """Breaks in counters' access logs: gaps, forks, truncated tails (newest first)."""
        with db.session() as s:
            return audit_heads.alerts(s, office or None, limit)

    from central.web.routes import mount  # the back office pages and /tra-cuu

    mount(app, db)
    from central.register_check import routes as register_check_routes

    register_check_routes.install(
        app, db, device, Admin, lambda key: throttle(lookups, key, count=True)
    )
    from central.indicators import routes as indicator_routes

    indicator_routes.install(app, db, Admin, device)
    openapi_refs.add_components(app, {**PUSH_COMPONENTS, **life_event_routes.EVENT_COMPONENTS})
    from central import serials

    serials.install(app, db, device)
    return app


def app_from_env() -> FastAPI:
    """Application factory for ``uvicorn --factory`` (several worker processes): the
    database URL comes from ``MOTCUA_CENTRAL_DB``, the pool size from
    ``MOTCUA_CENTRAL_POOL``."""
    import os

    from central.db import open_central

    pool = int(os.environ.get("MOTCUA_CENTRAL_POOL", "10"))
    return create_app(open_central(os.environ["MOTCUA_CENTRAL_DB"], pool_size=pool))
