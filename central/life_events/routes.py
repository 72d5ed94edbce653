"""HTTP endpoints of the life-event feed.

- ``POST /api/v1/life-events``: the health portal posts one certificate (its own client
  type: ``X-MotCua-Portal`` + ``Authorization: Bearer``), at most 64 KB, idempotent on
  the certificate number.
- ``GET/POST /api/v1/backoffice/life-events…``: events waiting for a person, resolving
  one (administrator token).
- ``POST /api/v1/offices/{office}/life-events/{id}/close``: a counter of the office
  closes the event with the dossier it took in.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Request
from pydantic import BaseModel, Field, ValidationError

from app.shared import wire
from central import openapi_refs, security
from central.auth import Refusal, admin, device
from central.life_events import service
from central.life_events.schema import Accepted, LifeEventIn
from central.life_events.tables import LifeEvent, PortalClient

MAX_EVENT_BYTES = 64 * 1024

# Birth and death schemas are registered as components (see central.openapi_refs).
EVENT_BODY, EVENT_COMPONENTS = openapi_refs.json_body(service.parse_event.json_schema)


class Resolution(BaseModel):
    id_number: str = Field(pattern=r"^[0-9]{12}$")
    office_code: str | None = Field(default=None, max_length=40)


class Closing(BaseModel):
    dossier_code: str = Field(min_length=5, max_length=60)


def _summary(row: LifeEvent) -> dict[str, Any]:
    return {
        "id": row.id,
        "event_type": row.event_type,
        "certificate_number": row.certificate_number,
        "event_date": row.event_date.isoformat(),
        "received_at": row.received_at.isoformat(),
        "match_state": row.match_state,
        "confidence": row.confidence,
        "reason": (row.match or {}).get("reason", ""),
        "candidates": (row.match or {}).get("candidates", []),
        "office_code": row.office_code,
        "status": row.status,
    }


def build_router() -> APIRouter:
    """The routes; ``central.api`` includes them."""
    refusal, counter_dependency, admin_dependency = Refusal, device, admin
    router = APIRouter(prefix=wire.API_PREFIX, tags=["life events"])

    def portal(
        request: Request,
        x_motcua_portal: Annotated[str, Header()] = "",
        authorization: Annotated[str, Header()] = "",
    ) -> PortalClient:
        scheme, _, secret = authorization.partition(" ")
        if not x_motcua_portal or scheme.lower() != "bearer" or not secret:
            raise refusal(401, "credentials_missing")
        with request.app.state.db.session() as s:
            client = s.get(PortalClient, x_motcua_portal)
            if client is None or not security.same_digest(secret, client.secret_hash):
                raise refusal(401, "bad_credentials")
            if client.revoked_at is not None:
                raise refusal(401, "revoked")
            return client

    async def bounded_body(request: Request) -> bytes:
        declared = request.headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > MAX_EVENT_BYTES):
            raise refusal(413, "body_too_large")
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_EVENT_BYTES:  # a chunked body that lied or said nothing
                raise refusal(413, "body_too_large")
        return bytes(body)

    @router.post("/life-events", response_model=Accepted, openapi_extra=EVENT_BODY)
    async def post_event(request: Request) -> Accepted:
        body = await bounded_body(request)  # before any authentication work
        client = portal(
            request,
            request.headers.get("x-motcua-portal", ""),
            request.headers.get("authorization", ""),
        )
        try:
            event = service.parse_event.validate_json(body)
        except ValidationError as exc:
            raise refusal(422, f"invalid_event:{exc.error_count()}") from None
        try:
            with request.app.state.db.session() as s:
                row, duplicate = service.receive(s, client, event)
                return Accepted(
                    id=row.id,
                    duplicate=duplicate,
                    match_state=row.match_state,  # type: ignore[arg-type]
                    office_code=row.office_code,
                )
        except service.EventRefused as exc:
            raise refusal(exc.status, exc.reason) from None

    @router.get("/backoffice/life-events", dependencies=[Depends(admin_dependency)])
    def waiting(request: Request, limit: int = 200) -> list[dict[str, Any]]:
        with request.app.state.db.session() as s:
            return [_summary(r) for r in service.waiting(s, max(1, min(limit, 1000)))]

    @router.post(
        "/backoffice/life-events/{event_id}/resolve", dependencies=[Depends(admin_dependency)]
    )
    def resolve(request: Request, event_id: str, body: Resolution) -> dict[str, Any]:
        try:
            with request.app.state.db.session() as s:
                return _summary(service.resolve(s, event_id, body.id_number, body.office_code))
        except service.EventRefused as exc:
            raise refusal(exc.status, exc.reason) from None

    @router.post("/offices/{office}/life-events/{event_id}/close")
    def close(
        request: Request,
        office: str,
        event_id: str,
        body: Closing,
        counter: Any = Depends(counter_dependency),  # noqa: B008 - FastAPI's idiom
    ) -> dict[str, Any]:
        if office != counter.office_code:
            raise refusal(403, "office_mismatch")
        try:
            with request.app.state.db.session() as s:
                return _summary(service.close(s, office, event_id, body.dossier_code))
        except service.EventRefused as exc:
            raise refusal(exc.status, exc.reason) from None

    return router


__all__ = ["LifeEventIn", "build_router"]
