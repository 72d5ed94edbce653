"""What the intake screen holds for the citizen at the counter (plain values: the
workers get copies of it, never widgets)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.services.dossiers import ReceivedPaper
from app.services.identity import Identity
from app.services.intake_lookup import CitizenRecord
from app.shared.register_wire import RegisterState

ADJUST_PROCEDURE = "608"  # "Điều chỉnh thông tin": offered when the record differs


@dataclass
class IntakeState:
    identity: Identity | None = None
    record: CitizenRecord | None = None
    procedure_code: str = ""
    received: dict[str, ReceivedPaper] = field(default_factory=dict)
    phone: str = ""
    email: str = ""
    delivery_method: str = "electronic"  # TK1-TS [11] / form 01 item 6: VssID/VNeID by default
    delivery_address: str = ""  # postal address when the result goes by post
    expired_reason: str = ""
    attachment_ids: list[str] = field(default_factory=list)
    # Fields taken from a life event (birth/death notice) the dossier answers.
    event_form: dict[str, Any] = field(default_factory=dict)
    register_notes: str = ""  # corrections from the central register check (608)
    register: RegisterState | None = None  # what the register check said about this citizen


def to_draft(state: IntakeState) -> dict[str, Any] | None:
    """The draft kept in the database (None: nothing worth keeping)."""
    if state.identity is None:
        return None
    from app.services.intake_draft import identity_to_json

    return {
        "identity": identity_to_json(state.identity),
        "procedure_code": state.procedure_code,
        "received": {k: [v.originals, v.copies] for k, v in state.received.items()},
        "phone": state.phone,
        "email": state.email,
        "delivery": [state.delivery_method, state.delivery_address],
        "expired_reason": state.expired_reason,
        "attachment_ids": list(state.attachment_ids),
        "event_form": dict(state.event_form),
        "register_notes": state.register_notes,
    }


def from_draft(
    raw: dict[str, Any], identity: Identity, record: CitizenRecord | None
) -> IntakeState:
    delivery = raw.get("delivery", ["electronic", ""])
    return IntakeState(
        identity=identity,
        record=record,
        procedure_code=raw.get("procedure_code", ""),
        received={k: ReceivedPaper(*v) for k, v in raw.get("received", {}).items()},
        phone=raw.get("phone", ""),
        email=raw.get("email", ""),
        delivery_method=str(delivery[0]),
        delivery_address=str(delivery[1]),
        expired_reason=raw.get("expired_reason", ""),
        attachment_ids=list(raw.get("attachment_ids", [])),
        event_form=dict(raw.get("event_form", {})),
        register_notes=raw.get("register_notes", ""),
    )
