"""HTTP endpoints of the register check (installed by ``central.api.create_app``).

- ``POST /citizens/register-state`` (a counter): the state of one citizen, under the
  look-up rules of ``/citizens/lookup``: the ID number with a matching name or date of
  birth, rate-limited per device (the same allowance), each look-up written to the
  access log with device, officer and purpose;
- ``GET /backoffice/register-check/summary`` and ``…/worklist`` (back office).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query

from app.shared.register_wire import RegisterState, RegisterStateRequest
from central.db import CentralDatabase
from central.models import AccessLog, Device
from central.register_check import worklist
from central.register_check.models import DIFFERS, NOT_FOUND


def install(
    app: FastAPI,
    db: CentralDatabase,
    counter: Any,
    admin: Any,
    throttle_lookup: Callable[[str], None],
) -> None:
    """``counter``: the dependency returning the calling device; ``admin``: the
    back-office guard; ``throttle_lookup``: counts one citizen look-up of a device and
    refuses (429) over the limit (all from ``central.api``)."""
    v1 = "/api/v1"

    @app.post(f"{v1}/citizens/register-state", response_model=RegisterState, tags=["citizens"])
    def register_state(
        request: RegisterStateRequest,
        # a default, not an annotation: annotations are strings resolved in module scope
        device: Device = Depends(counter),  # noqa: B008
    ) -> RegisterState:
        throttle_lookup(device.id)
        with db.session() as s:
            if worklist.identified(s, request):
                state = worklist.state_of(s, request.id_number)
                if worklist.confirms_identity(s, request):
                    state = state.model_copy(update={"identity_confirmed": True})
            else:
                state = RegisterState(id_number=request.id_number, state="not_matched")
            s.add(
                AccessLog(
                    device_id=device.id,
                    officer_id=request.officer_id,
                    purpose=request.purpose,
                    action="register_state",
                    subject=request.id_number,
                    outcome=state.state,
                )
            )
            return state

    @app.get(
        f"{v1}/backoffice/register-check/summary",
        response_model=worklist.Summary,
        dependencies=[admin],
        tags=["back office"],
    )
    def summary() -> worklist.Summary:
        with db.session() as s:
            return worklist.summary(s)

    @app.get(
        f"{v1}/backoffice/register-check/worklist",
        response_model=worklist.WorkList,
        dependencies=[admin],
        tags=["back office"],
    )
    def work_list(
        office: str | None = None,
        field: Annotated[str | None, Query(pattern="^(full_name|date_of_birth|sex)$")] = None,
        outcome: Annotated[str | None, Query(pattern="^(differs|not_found|not_checked)$")] = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> worklist.WorkList:
        with db.session() as s:
            return worklist.work_list(
                s,
                office=office,
                field=field,
                outcomes=(outcome,) if outcome else (DIFFERS, NOT_FOUND),
                limit=limit,
                offset=offset,
            )
