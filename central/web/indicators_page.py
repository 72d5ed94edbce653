"""``/backoffice/indicators``: the Đề án 06 indicators of a province in the back office.

For the office head and the province's administrator: every office of the province
side by side with the province's total, for a period of office days; bar and trend
charts drawn on the server (:mod:`central.web.svg_charts`); each figure links to the
list of dossiers behind it; XLSX and PDF in BHXH's report layout from the exporters
the counter uses (:mod:`app.services.indicators_export`), signed by the person who
drew the report up. The figures are :func:`central.indicators.for_province`'s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from sqlalchemy import select

from app.services import indicators_export
from app.services.indicators import Figure, Indicators
from app.shared.types import utcnow
from central import indicators
from central.db import CentralDatabase
from central.models import DossierQueueEntry, Office
from central.web import auth, i18n
from central.web.pages import SECURITY_HEADERS, VN, language, render
from central.web.session import PREFIX, signed_in
from central.web.svg_charts import Bar, bar_chart, trend_chart

Staff = Annotated[auth.SignedIn, Depends(signed_in)]
PERMISSION = "view_indicators"
MAX_DAYS = 366
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SECTIONS = ("identification", "register", "biometrics", "reuse", "procedures", "channels",
            "timeliness")  # fmt: skip


def _figures(ind: Indicators, section: str) -> tuple[Figure, ...]:
    value = getattr(ind, section)
    if value is None:
        return ()
    return value if isinstance(value, tuple) else (value,)


def _share(figure: Figure | None) -> str:
    if figure is None:
        return ""
    share = figure.share
    count = f"{figure.count:,}".replace(",", ".")
    return f"{count} ({share:.1%})".replace(".", ",", 1) if share is not None else count


def table(units: list[tuple[str, Indicators]], href: Callable[[str, str], str]) -> list[Any]:
    """Rows of the side-by-side table: (label, [(text, link) per unit]), section
    headings as (heading, None)."""
    rows: list[Any] = []
    for section, heading in zip(SECTIONS, indicators_export.SECTIONS, strict=True):
        rows.append((heading[1], None))
        labels: dict[str, str] = {}
        for _code, unit in units:
            for f in _figures(unit, section):
                labels.setdefault(f.key, f.label)
        for key, label in labels.items():
            cells = []
            for code, unit in units:
                figure = next((f for f in _figures(unit, section) if f.key == key), None)
                link = href(code, key) if figure is not None and figure.count else ""
                cells.append((_share(figure) or "—", link))
            rows.append((label, cells))
    return rows


def _period(start: str, end: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    try:
        low = dt.date.fromisoformat(start) if start else today.replace(day=1)
        high = dt.date.fromisoformat(end) if end else today
    except ValueError:
        return None
    if high < low or (high - low).days + 1 > MAX_DAYS:
        return None
    return low, high


def build_router(db: CentralDatabase) -> APIRouter:
    router = APIRouter(prefix=PREFIX, include_in_schema=False)

    def provinces(who: auth.SignedIn) -> list[tuple[str, list[str]]]:
        """The provinces this person may compare: the administrator's all, an office
        head's the provinces of their offices."""
        with db.session() as s:
            offices = list(s.scalars(select(Office).order_by(Office.province_code, Office.code)))
        mine = {o.province_code for o in offices if who.may(PERMISSION, o.code)}
        grouped: dict[str, list[str]] = {}
        for o in offices:
            if o.province_code in mine:
                grouped.setdefault(o.province_code, []).append(o.name)
        return sorted(grouped.items())

    def refused(request: Request, who: auth.SignedIn, message: str, status: int) -> Response:
        return render(request, "error.html", status_code=status, who=who, message=message)

    def load(
        request: Request, who: auth.SignedIn, province: str, start: str, end: str
    ) -> tuple[str, dt.date, dt.date, list[tuple[str, Indicators]]] | Response:
        if not who.may(PERMISSION):
            return refused(request, who, "Tài khoản không có quyền xem chỉ tiêu.", 403)
        choices = provinces(who)
        codes = [code for code, _names in choices]
        if not codes:
            return refused(request, who, "Tài khoản chưa được giao đơn vị nào.", 403)
        province = province if province in codes else codes[0]
        period = _period(start, end, utcnow().astimezone(VN).date())
        if period is None:
            return refused(request, who, "Kỳ báo cáo không hợp lệ: đến ngày phải sau từ ngày, "
                           "tối đa 366 ngày.", 422)  # fmt: skip
        with db.session() as s:
            units = indicators.for_province(s, province, period[0], period[1], utcnow())
        return province, period[0], period[1], units

    @router.get("/indicators")
    def page(request: Request, who: Staff, province: str = "", start: str = "",
             end: str = "") -> Response:  # fmt: skip
        loaded = load(request, who, province, start, end)
        if isinstance(loaded, Response):
            return loaded
        province, low, high, units = loaded
        _ = i18n.translator(language(request))
        query = {"province": province, "start": low.isoformat(), "end": high.isoformat()}

        def href(office: str, key: str) -> str:
            if not office and who.staff.role != auth.ADMIN:
                return ""  # the province's total lists dossiers of every office
            if office and not who.may("view", office):
                return ""
            return f"{PREFIX}/indicators/dossiers?" + urlencode({**query, "office": office,
                                                                 "key": key})  # fmt: skip

        offices = units[:-1]

        def share_bars(key: str) -> list[Bar]:
            return [
                Bar(u.unit, u.figure(key).share or 0, _share(u.figure(key)), href(code, key))
                for code, u in offices
            ]

        received = [
            Bar(u.unit, u.dossiers, str(u.dossiers), f"{PREFIX}/queue?office={code}&status=all")
            if who.may("view", code)
            else Bar(u.unit, u.dossiers, str(u.dossiers))
            for code, u in offices
        ]
        charts = [
            bar_chart(_("Hồ sơ tiếp nhận theo đơn vị"), received),
            bar_chart(
                _("Tỷ lệ định danh bằng chip, chuỗi chứng thư tin cậy"),
                share_bars("identified.chip_trusted"),
            ),
            bar_chart(_("Tỷ lệ hồ sơ giải quyết đúng hạn"), share_bars("timeliness.on_time")),
            trend_chart(
                _("Hồ sơ tiếp nhận theo ngày"),
                [d for d, _n, _c in units[-1][1].daily],
                [(u.unit, [n for _d, n, _c in u.daily]) for _code, u in offices],
            ),
        ]
        events = [(code, u, href(code, "life_events.opened")) for code, u in units]
        return render(
            request, "indicators.html", who=who, provinces=provinces(who), province=province,
            start=low, end=high, units=units, rows=table(units, href), charts=charts,
            events=events, export=urlencode(query),
        )  # fmt: skip

    @router.get("/indicators/dossiers")
    def dossiers(
        request: Request,
        who: Staff,
        key: Annotated[str, Query(max_length=60)],
        province: str = "",
        start: str = "",
        end: str = "",
        office: str = "",
    ) -> Response:
        # the province's total lists every office's dossiers: the administrator only
        if (office and not who.may("view", office)) or (
            not office and who.staff.role != auth.ADMIN
        ):
            return refused(request, who, "Bạn không có quyền xem hồ sơ của đơn vị này.", 403)
        loaded = load(request, who, province, start, end)
        if isinstance(loaded, Response):
            return loaded
        province, low, high, units = loaded
        found = dict(units)
        if office not in found:
            return refused(request, who, "Không có đơn vị với mã này.", 404)
        unit = found[office]
        try:
            figure = unit.figure(key)
        except KeyError:
            return refused(request, who, "Không có chỉ tiêu này.", 404)
        with db.session() as s:
            rows = list(
                s.scalars(
                    select(DossierQueueEntry)
                    .where(DossierQueueEntry.dossier_id.in_(list(figure.dossiers)))
                    .order_by(DossierQueueEntry.submitted_at)
                )
            )
        back = f"{PREFIX}/indicators?" + urlencode(
            {"province": province, "start": low.isoformat(), "end": high.isoformat()}
        )
        return render(request, "indicator_dossiers.html", who=who, unit=unit, figure=figure,
                      rows=rows, start=low, end=high, back=back)  # fmt: skip

    def export(request: Request, who: auth.SignedIn, province: str, start: str, end: str,
               suffix: str) -> Response:  # fmt: skip
        loaded = load(request, who, province, start, end)
        if isinstance(loaded, Response):
            return loaded
        province, low, high, units = loaded
        signer = {"prepared_by": who.staff.full_name, "day": utcnow().astimezone(VN).date()}
        plain = [u for _code, u in units]
        if suffix == "xlsx":
            body, media = indicators_export.to_xlsx(plain, **signer), XLSX  # type: ignore[arg-type]
        else:
            body, media = indicators_export.to_pdf(plain, **signer), "application/pdf"  # type: ignore[arg-type]
        with db.session() as s:
            auth.audit(s, who.staff.id, "indicators_exported", f"{province} {low}..{high} {suffix}")
        name = f"chi-tieu-de-an-06-{province}-{low:%Y%m%d}-{high:%Y%m%d}.{suffix}"
        headers = {**SECURITY_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'}
        return Response(body, media_type=media, headers=headers)

    @router.get("/indicators.xlsx")
    def xlsx(request: Request, who: Staff, province: str = "", start: str = "",
             end: str = "") -> Response:  # fmt: skip
        return export(request, who, province, start, end, "xlsx")

    @router.get("/indicators.pdf")
    def pdf(request: Request, who: Staff, province: str = "", start: str = "",
            end: str = "") -> Response:  # fmt: skip
        return export(request, who, province, start, end, "pdf")

    return router
