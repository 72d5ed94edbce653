"""Back-office endpoints of the Đề án 06 indicators (installed by ``central.api``).

``GET /backoffice/indicators`` (JSON), ``…/indicators.xlsx``, ``…/indicators.pdf``:
one province, each office side by side and the total, for a period of office days.
``GET /backoffice/indicators/dossiers``: the dossier codes behind one figure.
``GET /offices/{office}/indicators/register`` (a counter, its own office only): the
register-check figure of the office's dossiers, for the office head's page.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from app.services import indicators_export
from app.shared.types import utcnow
from central import indicators
from central.db import CentralDatabase
from central.models import Device

MAX_DAYS = 366
Province = Annotated[str, Query(pattern=r"^\d{2}$", description="province code, e.g. 01")]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class PeriodRefused(Exception):
    pass


def _period(start: dt.date, end: dt.date) -> None:
    if end < start or (end - start).days + 1 > MAX_DAYS:
        raise PeriodRefused


class RegisterFigure(BaseModel):
    count: int
    total: int
    dossier_ids: list[str]


def install(app: FastAPI, db: CentralDatabase, admin: Any, counter: Any) -> None:
    """``admin``: the back-office guard; ``counter``: the device dependency."""
    v1 = "/api/v1/backoffice/indicators"

    @app.get(
        "/api/v1/offices/{office}/indicators/register",
        response_model=RegisterFigure,
        tags=["sync"],
    )
    def office_register_figure(
        office: str,
        start: dt.date,
        end: dt.date,
        device: Device = Depends(counter),  # noqa: B008 - a default: see register_check
    ) -> Any:
        if office != device.office_code:
            body = {"reason": "office_mismatch", "message": "a counter reaches only its own office"}
            return JSONResponse(body, status_code=403)
        _period(start, end)
        with db.session() as s:
            dossiers = indicators.office_dossiers(s, office, start, end)
            figure = indicators.register_figure(s, dossiers)
        return RegisterFigure(
            count=figure.count, total=figure.total, dossier_ids=list(figure.dossiers)
        )

    @app.exception_handler(PeriodRefused)
    async def _refused(_request: Any, _exc: PeriodRefused) -> JSONResponse:
        body = {"reason": "invalid_period", "message": f"start ≤ end, at most {MAX_DAYS} days"}
        return JSONResponse(body, status_code=422)

    def offices(province: str, start: dt.date, end: dt.date) -> list[tuple[str, Any]]:
        _period(start, end)
        with db.session() as s:
            return indicators.for_province(s, province, start, end, utcnow())

    def units(province: str, start: dt.date, end: dt.date) -> list[indicators.Indicators]:
        return [unit for _code, unit in offices(province, start, end)]

    @app.get(v1, dependencies=[admin], tags=["back office"])
    def province_indicators(province: Province, start: dt.date, end: dt.date) -> dict[str, Any]:
        return {
            "province": province,
            "units": [
                {"office_code": code, **indicators.as_json(unit)}
                for code, unit in offices(province, start, end)
            ],
        }

    @app.get(f"{v1}.xlsx", dependencies=[admin], tags=["back office"])
    def province_xlsx(province: Province, start: dt.date, end: dt.date) -> Response:
        body = indicators_export.to_xlsx(units(province, start, end))
        name = f"chi-tieu-de-an-06-{province}-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"
        return Response(
            body, media_type=XLSX, headers={"Content-Disposition": f'attachment; filename="{name}"'}
        )

    @app.get(f"{v1}.pdf", dependencies=[admin], tags=["back office"])
    def province_pdf(province: Province, start: dt.date, end: dt.date) -> Response:
        body = indicators_export.to_pdf(units(province, start, end))
        name = f"chi-tieu-de-an-06-{province}-{start:%Y%m%d}-{end:%Y%m%d}.pdf"
        return Response(
            body,
            media_type="application/pdf",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    @app.get(f"{v1}/dossiers", dependencies=[admin], tags=["back office"])
    def figure_dossiers(
        province: Province,
        start: dt.date,
        end: dt.date,
        key: Annotated[str, Query(max_length=60)],
        office: str = "",
    ) -> Any:
        found = dict(offices(province, start, end))
        if office not in found:
            return JSONResponse({"reason": "unknown_office", "message": office}, status_code=404)
        chosen = found[office]
        try:
            codes = indicators.dossier_codes(chosen, key)
        except KeyError:
            return JSONResponse({"reason": "unknown_figure", "message": key}, status_code=404)
        return {"office_code": office, "unit": chosen.unit, "key": key, "codes": codes}
