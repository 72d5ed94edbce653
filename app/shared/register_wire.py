"""What central's register check tells a counter about one citizen (the wire models
of ``POST /api/v1/citizens/register-state``), shared by both sides."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from app.shared import wire

ADJUST_PROCEDURE = "608"  # "Điều chỉnh thông tin": corrects a record that differs
# not_matched: no participant or register record has this ID number with the name or
# date of birth given (which of the two is never said).
State = Literal["verified", "differs", "not_found", "not_checked", "not_participant", "not_matched"]


class RegisterStateRequest(wire.LookupRequest):
    """The look-up rules hold here too: the ID number with a matching full name or date
    of birth, the purpose and the officer (logged at central); in the body, never in a
    URL. ``procedure_code`` is not used."""


class FieldDifference(wire.Wire):
    field: str
    declared: str  # as the BHXH registry holds it
    registered: str  # as the population register holds it


class RegisterState(wire.Wire):
    id_number: str
    state: State
    bhxh_number: str = ""
    differences: list[FieldDifference] = Field(default_factory=list)
    checked_at: wire.UTC | None = None
    source: str = ""
    procedure_code: str = ""  # what corrects it, when something must be corrected
    # The population register holds this ID number with the very name and date of birth
    # asked: the citizen is identified through the register (a typed or QR identity).
    identity_confirmed: bool = False


__all__ = ["ADJUST_PROCEDURE", "FieldDifference", "RegisterState", "RegisterStateRequest", "State"]
