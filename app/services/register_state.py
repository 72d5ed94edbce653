"""The population-register state of one citizen, as the central register check found it.

Central checks every BHXH participant against the population register
(``central.register_check``); the counter asks for the citizen it has just identified
(``fetch``) and shows the answer next to the citizen's record. When the BHXH record
differs from the register, the counter offers the "Điều chỉnh thông tin" procedure with
the corrections prefilled (``adjustment_notes``). Qt-free: the texts are marked for
translation (context ``register_state``) and translated where they are shown.

The wire models here are shared by the counter and the central service.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from app.errors import QT_TRANSLATE_NOOP, ErrorKind, UserError
from app.services.calendar.timezone import VN_TZ
from app.services.identity import Identity
from app.services.indicators import Figure
from app.services.sync.client import CentralClient, Refused
from app.services.sync.credentials import (
    CredentialStore,
    DeviceCredentials,
    require_secure_endpoint,
)
from app.shared import wire
from app.shared.register_wire import (
    FieldDifference,
    RegisterState,
    RegisterStateRequest,
)

CONTEXT = "register_state"

FIELD_LABELS = {
    "full_name": QT_TRANSLATE_NOOP("register_state", "Họ và tên"),
    "date_of_birth": QT_TRANSLATE_NOOP("register_state", "Ngày sinh"),
    "sex": QT_TRANSLATE_NOOP("register_state", "Giới tính"),
}
STATE_TEXTS: dict[str, tuple[str, str]] = {  # state -> (text, level)
    "verified": (
        QT_TRANSLATE_NOOP("register_state", "Đã đối chiếu với CSDL quốc gia về dân cư: khớp."),
        "ok",
    ),
    "differs": (
        QT_TRANSLATE_NOOP(
            "register_state",
            "Dữ liệu BHXH khác CSDL quốc gia về dân cư. Đề nghị công dân làm thủ tục "
            "Điều chỉnh thông tin.",
        ),
        "warn",
    ),
    "not_found": (
        QT_TRANSLATE_NOOP(
            "register_state",
            "Số định danh trong dữ liệu BHXH không có trong CSDL quốc gia về dân cư. "
            "Kiểm tra lại số định danh với công dân.",
        ),
        "warn",
    ),
    "not_checked": (
        QT_TRANSLATE_NOOP("register_state", "Chưa đối chiếu với CSDL quốc gia về dân cư."),
        "info",
    ),
    "not_matched": (
        QT_TRANSLATE_NOOP(
            "register_state",
            "Không đối chiếu được: họ tên và ngày sinh không khớp với số định danh trong "
            "dữ liệu BHXH và CSDL quốc gia về dân cư. Kiểm tra lại thông tin với công dân.",
        ),
        "warn",
    ),
    "not_participant": (
        QT_TRANSLATE_NOOP("register_state", "Công dân chưa có trong dữ liệu người tham gia BHXH."),
        "info",
    ),
}


# What the look-up is for, in central's access log.
PURPOSE = "Đối chiếu CSDL quốc gia về dân cư khi tiếp nhận hồ sơ"


def fetch(
    client: CentralClient,
    id_number: str,
    *,
    full_name: str,
    date_of_birth: dt.date | None,
    officer_id: str | None = None,
) -> RegisterState:
    """Ask central; raises ``UserError`` like every other call of the client (``_call``:
    the client's one path for TLS pinning, credentials and error mapping).

    Central answers only for an ID number given with a matching name or date of birth
    (``not_matched`` otherwise) and logs the officer and the purpose."""
    body = RegisterStateRequest(
        id_number=id_number,
        full_name=full_name or None,
        date_of_birth=date_of_birth,
        purpose=PURPOSE,
        officer_id=officer_id,
    ).model_dump(mode="json")
    try:
        return client._call(RegisterState, "POST", "/citizens/register-state", json=body)
    except Refused as exc:  # e.g. a central service from before the register check
        raise UserError(ErrorKind.SERVER_UNREACHABLE, detail=f"HTTP {exc.status}") from exc


def snapshot_fields(state: RegisterState) -> dict[str, object]:
    """What the counter fetched from the register check, kept with the dossier
    (Decree 104/2022 Art. 14): the verdict, when and where central checked, the BHXH
    number it knows and each field the register holds differently."""
    return {
        "state": state.state,
        "checked_at": state.checked_at.isoformat() if state.checked_at else None,
        "source": state.source,
        "bhxh_number": state.bhxh_number,
        "identity_confirmed": state.identity_confirmed,
        "differences": [
            {"field": d.field, "bhxh": d.declared, "register": d.registered}
            for d in state.differences
        ],
    }


def checkable(id_number: str) -> bool:
    """Only 12-digit Vietnamese ID numbers are in the population register (not passports)."""
    return len(id_number) == 12 and id_number.isdigit()


def shown(difference: FieldDifference, value: str) -> str:
    """A value as the officer reads it: dates as dd/mm/yyyy."""
    if difference.field == "date_of_birth" and value:
        try:
            return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    return value


def adjustment_notes(state: RegisterState) -> str:
    """The corrections to make, for the "Điều chỉnh thông tin" dossier's notes."""
    if state.state != "differs":
        return ""
    lines = [
        f"{FIELD_LABELS.get(d.field, d.field)}: BHXH «{shown(d, d.declared)}» → "
        f"CSDL quốc gia về dân cư «{shown(d, d.registered)}»"
        for d in state.differences
    ]
    checked = state.checked_at.astimezone(VN_TZ).strftime("%d/%m/%Y") if state.checked_at else ""
    return f"Điều chỉnh theo đối chiếu ngày {checked}: " + "; ".join(lines)


def _enrolled_client(
    store: CredentialStore, demo: bool, client_factory: Callable[..., CentralClient]
) -> tuple[CentralClient, DeviceCredentials]:
    """A client for the address and pin fixed at enrolment, as sync uses them."""
    credentials = store.load()
    if credentials is None:
        raise UserError(ErrorKind.SYNC_NOT_ENROLLED)
    if not demo:
        require_secure_endpoint(credentials.central_url, credentials.cert_sha256)
    client = client_factory(
        credentials.central_url, credentials=credentials, cert_sha256=credentials.cert_sha256
    )
    return client, credentials


def look_up(
    store: CredentialStore,
    identity: Identity,
    *,
    demo: bool = False,
    officer_id: str | None = None,
    client_factory: Callable[..., CentralClient] = CentralClient,
) -> RegisterState:
    """One question to central with the counter's own credentials (network thread),
    about the citizen just identified: the ID number with the name and date of birth
    the counter read (central matches them before it answers)."""
    client, _credentials = _enrolled_client(store, demo, client_factory)
    with client:
        return fetch(
            client,
            identity.id_number,
            full_name=identity.full_name,
            date_of_birth=identity.date_of_birth,
            officer_id=officer_id,
        )


class OfficeRegisterFigure(wire.Wire):
    count: int
    total: int
    dossier_ids: list[str]


def office_register_figure(
    store: CredentialStore,
    start: dt.date,
    end: dt.date,
    *,
    demo: bool = False,
    client_factory: Callable[..., CentralClient] = CentralClient,
) -> Figure:
    """For the office head's indicators: of the office's citizens with a dossier in the
    period who are BHXH participants, those central found matching the register. The
    dossier ids are the counter's own, so the page lists them from its database."""
    from app.services.indicators import REGISTER_LABEL

    client, credentials = _enrolled_client(store, demo, client_factory)
    with client:
        try:
            answer = client._call(
                OfficeRegisterFigure,
                "GET",
                f"/offices/{credentials.office_code}/indicators/register",
                params={"start": start.isoformat(), "end": end.isoformat()},
            )
        except Refused as exc:
            raise UserError(ErrorKind.SERVER_UNREACHABLE, detail=f"HTTP {exc.status}") from exc
    return Figure(
        "register.verified", REGISTER_LABEL, answer.count, answer.total, tuple(answer.dossier_ids)
    )
