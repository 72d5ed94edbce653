"""Contact attempts pushed by counters: stored once, a changed resend is a conflict,
and an office may not record attempts about another office's event."""

from __future__ import annotations

import datetime as dt

from central_helpers import T0, Device

from app.shared import wire
from central.life_events.tables import LifeEvent, PortalClient
from central.seed import DEMO_OFFICE
from testkit.central_server import RunningCentral

EVENT = "6c1f1e52-0000-4000-8000-0000000000c1"


def _event(central: RunningCentral) -> None:
    with central.db.session() as s:
        client = PortalClient(name="Cổng thử", secret_hash="0" * 64)
        s.add(client)
        s.flush()
        s.add(
            LifeEvent(
                id=EVENT, event_type="birth", certificate_number="CS0009/2026",
                content_hash="0" * 64, client_id=client.id, event_date=dt.date(2026, 3, 1),
                payload={}, match_state="matched", office_code=DEMO_OFFICE,
                procedure_codes=["603"],
            )
        )  # fmt: skip


def _contact(office: str = DEMO_OFFICE, note: str = "") -> wire.LifeEventContactItem:
    return wire.LifeEventContactItem(
        ref=1,
        office_code=office,
        life_event_contact=wire.LifeEventContactWire(
            id="6c1f1e52-0000-4000-8000-0000000000c2", row_version=1, created_at=T0,
            updated_at=T0, event_id=EVENT, officer_id="officer-1", at=T0, channel="letter",
            outcome="letter_sent", note=note,
        ),
    )  # fmt: skip


def test_an_attempt_is_stored_once_and_not_rewritten(
    central: RunningCentral, device: Device, other_device: Device
) -> None:
    _event(central)
    (first,) = device.results(_contact())
    (again,) = device.results(_contact())
    (changed,) = device.results(_contact(note="sửa lại"))
    assert (first.outcome, again.outcome, changed.outcome) == ("created", "duplicate", "conflict")
    (foreign,) = other_device.results(_contact(office=other_device.office))
    assert (foreign.outcome, foreign.status) == ("forbidden", 403)
    assert "not routed to this office" in foreign.reason
