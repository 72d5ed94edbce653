"""Results the office issues, signed with its certificate, and the forms it prints.

A result is an uploaded PDF (the decision, book or card the office produced) or, when
there is none, a generated one-page notice; either way it is signed with the office's
key (``office_profiles.signing_key_path``/``signing_cert_path``; passphrase from
``MOTCUA_SIGNING_PASSPHRASE``), or with its key on a PKCS#11 token when the key path is
a ``pkcs11:`` URI (``central.web.token_signer``), before it is stored. Counters download it with their
device credentials from ``/api/v1/offices/{office}/dossiers/{id}/result``.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.shared import result_signature
from central.auth import REFUSALS, Counter, Refusal
from central.db import CentralDatabase
from central.models import DossierResult, OfficeProfile, StaffAccount
from central.web import actions, auth, documents, token_signer
from central.web.dossier_view import DossierView

MAX_RESULT = 20 * 1024 * 1024
log = logging.getLogger(__name__)


def trust_roots(profile: OfficeProfile | None) -> list[Any]:
    """The roots central checks its offices' result signatures against: the folder in
    ``MOTCUA_RESULT_TRUST_DIR``, and the root ``office-cert`` wrote beside the office's
    certificate (a real office's CA root goes in the former)."""
    folders = []
    if configured := os.environ.get("MOTCUA_RESULT_TRUST_DIR"):
        folders.append(Path(configured))
    if profile is not None and profile.signing_cert_path:
        folders.append(Path(profile.signing_cert_path).parent)
    return result_signature.trust_roots_in(folders)


def signature_state(session: Session, dossier_id: str, office_code: str) -> str:
    """ "valid" when the stored result's signature holds up to a trusted root, intact and
    covering the whole file; "invalid" when it does not; "" when there is no result."""
    result = session.get(DossierResult, dossier_id)
    if result is None:
        return ""
    roots = trust_roots(session.get(OfficeProfile, office_code))
    return "valid" if result_signature.verify_result(result.pdf, roots).valid else "invalid"


def get(session: Session, dossier_id: str) -> DossierResult | None:
    return session.get(DossierResult, dossier_id)


def sign_for_office(session: Session, office_code: str, pdf: bytes) -> tuple[bytes, str]:
    profile = session.get(OfficeProfile, office_code)
    if profile is None or not profile.signing_key_path:
        raise actions.ActionRefused("no_signing_key")
    on_token = token_signer.is_token_uri(profile.signing_key_path)
    if not on_token and not profile.signing_cert_path:
        raise actions.ActionRefused("no_signing_key")
    cert_path = Path(profile.signing_cert_path) if profile.signing_cert_path else None
    reason = "Kết quả giải quyết thủ tục hành chính"
    passphrase = os.environ.get("MOTCUA_SIGNING_PASSPHRASE")
    try:
        if on_token:
            signed, cert = token_signer.sign_with_token(
                pdf, profile.signing_key_path, cert_path, reason=reason, location=office_code
            )
        else:
            assert cert_path is not None
            signed = result_signature.sign_result(
                pdf,
                Path(profile.signing_key_path),
                cert_path,
                reason=reason,
                location=office_code,
                passphrase=passphrase.encode() if passphrase else None,
            )
            cert = result_signature.load_certificate(cert_path)
    except (OSError, ValueError) as exc:
        log.warning("signing for %s failed: %s", office_code, exc)
        raise actions.ActionRefused("signing_failed") from exc
    except Exception as exc:  # pyHanko's own types: a damaged PDF, a token refusing the PIN
        log.warning("signing for %s failed: %s", office_code, exc)
        raise actions.ActionRefused("signing_failed") from exc
    return signed, cert.subject.human_friendly  # type: ignore[attr-defined]


def attach(
    session: Session, staff: StaffAccount, dossier_id: str, content: bytes, filename: str
) -> DossierResult:
    """Sign and store the result (uploaded ``content``, or generated when empty)."""
    stored = actions.load_for(session, staff, dossier_id, "attach_result", lock=True)
    if (stored.status or "") not in actions.ALLOWED_FROM["attach_result"]:
        raise actions.ActionRefused("wrong_status")
    if len(content) > MAX_RESULT:
        raise actions.ActionRefused("too_large")
    if content:
        if not content.startswith(b"%PDF-"):
            raise actions.ActionRefused("not_pdf")
        source = "uploaded"
    else:
        from central.models import Office, SyncedRow

        citizen = session.get(SyncedRow, ("citizen", stored.data.get("citizen_id", "")))
        office = session.get(Office, stored.office_code)
        content = documents.generated_result(
            stored.data,
            citizen.data if citizen else None,
            office.name if office else stored.office_code,
            staff.full_name,
        )
        source = "generated"
    signed, signer = sign_for_office(session, stored.office_code, content)
    name = f"ket-qua-{stored.data['code']}.pdf"
    result = session.get(DossierResult, dossier_id)
    if result is None:
        result = DossierResult(
            dossier_id=dossier_id, office_code=stored.office_code, filename=name, sha256="", pdf=b""
        )
        session.add(result)
    result.filename = name
    result.pdf = signed
    result.sha256 = hashlib.sha256(signed).hexdigest()
    result.signer = signer[:300]
    result.staff_id = staff.id
    auth.audit(
        session,
        staff.id,
        "result_attached",
        dossier_id,
        f"{source} {filename[:100]} {result.sha256}",
    )
    return result


def form(view: DossierView, number: str, staff_name: str) -> bytes:
    """Form 06 always; 02, 04, 05 from the history event that called for them."""
    d, c = view.dossier, view.citizen
    phone = view.profile.phone if view.profile else ""
    if number == "06":
        return documents.control_slip(d, c, view.events, view.office_name)
    wanted = {"02": "completion_requested", "05": "stopped", "04": "in_processing"}
    if number not in wanted:
        raise actions.ActionRefused("unknown_form")
    for event in reversed(view.events):
        extension = event["from_status"] == event["to_status"] == "in_processing"
        if event["to_status"] != wanted[number] or (number == "04") != extension:
            continue
        reason = event.get("reason", "").rsplit(" — ", 1)[0]
        if number == "02":
            return documents.completion_request(
                d, c, view.missing or reason, staff_name, view.office_name, phone
            )
        if number == "05":
            return documents.stop_notice(d, c, reason, staff_name, view.office_name)
        return _apology(view, reason, staff_name)
    raise actions.ActionRefused("unknown_form")


def _apology(view: DossierView, reason: str, staff_name: str) -> bytes:
    from central.web.queue_index import parse_when

    new_due = parse_when(view.dossier.get("due_at"))
    original = view.previous_due or new_due
    text = reason.split(": ", 1)[1] if ": " in reason else reason
    if new_due is None or original is None:
        raise actions.ActionRefused("unknown_form")
    return documents.apology(
        view.dossier, view.citizen, original, new_due, text, staff_name, view.office_name
    )


def add_counter_route(app: FastAPI, db: CentralDatabase) -> None:
    @app.get(
        "/api/v1/offices/{office}/dossiers/{dossier_id}/result",
        responses={**REFUSALS, 200: {"content": {"application/pdf": {}}}},
        tags=["sync"],
        response_class=Response,
    )
    def counter_result(office: str, dossier_id: str, counter: Counter) -> Response:
        """The signed result PDF of a dossier of the counter's office."""
        if office != counter.office_code:
            raise Refusal(403, "office_mismatch", "a counter reaches only its own office")
        with db.session() as s:
            found = s.get(DossierResult, dossier_id)
            if found is None or found.office_code != office:
                raise Refusal(404, "unknown_result")
            auth.audit(s, None, "result_downloaded", dossier_id, counter.id)
            return Response(
                found.pdf, media_type="application/pdf", headers={"X-Content-SHA256": found.sha256}
            )
