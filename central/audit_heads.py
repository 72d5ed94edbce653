"""Each counter's access log, checked for continuity at central.

With every push and pull a counter reports its chain head (``wire.AuditHead``: seq and
hash of its newest record, how many records it holds, and its own hash of the record
at the head central last answered with). Central keeps the heads each device reported
and raises an alert when the log is not the one it saw growing:
- **truncated**: the head went back (the newest records were removed);
- **fork**: the same seq with another hash, or a head that does not extend the one
  central saw (the counter's record at that seq is no longer the same);
- **gap**: the counter holds fewer records than its head's seq, or no longer has the
  record central saw as its head (records removed from the middle).
One alert per break: after it the device's history restarts from the new head, so the
same break is not reported again with every sync. Administrators list alerts through
``GET /api/v1/backoffice/audit-alerts``.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.shared import wire
from app.shared.types import utcnow
from central.models import AuditAlert, Device, DeviceAuditHead

_KEPT = 50  # recent heads per device: enough to check a base after lost answers


def _breaks(session: Session, device_id: str, report: wire.AuditHead) -> list[tuple[str, int, str]]:
    latest = session.scalar(
        select(DeviceAuditHead)
        .where(DeviceAuditHead.device_id == device_id)
        .order_by(DeviceAuditHead.seq.desc())
        .limit(1)
    )
    found: list[tuple[str, int, str]] = []
    if report.count < report.seq:
        found.append(
            (
                "gap",
                report.seq,
                f"{report.seq - report.count} record(s) missing below seq {report.seq}",
            )
        )
    if latest is None:
        return found
    if report.seq < latest.seq:
        found.append(
            ("truncated", report.seq, f"head went back from seq {latest.seq} to {report.seq}")
        )
    same_seq = session.get(DeviceAuditHead, (device_id, report.seq))
    if same_seq is not None and same_seq.hash != report.hash:
        found.append(("fork", report.seq, f"seq {report.seq} reported with another hash"))
    # A base past the new head is the truncation already reported above.
    if report.base_seq is not None and report.base_seq < report.seq:
        base = session.get(DeviceAuditHead, (device_id, report.base_seq))
        if base is not None and base.hash != report.base_hash:
            if not report.base_hash:
                found.append(
                    ("gap", report.base_seq, f"record {report.base_seq} no longer on the counter")
                )
            else:
                found.append(
                    (
                        "fork",
                        report.base_seq,
                        f"record {report.base_seq} differs from the one reported",
                    )
                )
    return found


def receive(session: Session, device: Device, report: wire.AuditHead) -> wire.AuditHead:
    """Check ``report`` against what the device reported before; keep it. Returns the head
    central now holds for the device (the counter's next base)."""
    breaks = _breaks(session, device.id, report)
    now = utcnow()
    for kind, seq, detail in breaks:
        session.add(
            AuditAlert(
                at=now,
                device_id=device.id,
                office_code=device.office_code,
                kind=kind,
                seq=seq,
                detail=detail[:300],
            )
        )
    if breaks:  # one alert per break: the history restarts from this head
        session.execute(delete(DeviceAuditHead).where(DeviceAuditHead.device_id == device.id))
        session.flush()
    stored = session.get(DeviceAuditHead, (device.id, report.seq))
    if stored is None:
        session.add(
            DeviceAuditHead(
                device_id=device.id,
                seq=report.seq,
                hash=report.hash,
                count=report.count,
                reported_at=now,
            )
        )
        session.flush()
        _forget_old(session, device.id)
    latest = session.scalar(
        select(DeviceAuditHead)
        .where(DeviceAuditHead.device_id == device.id)
        .order_by(DeviceAuditHead.seq.desc())
        .limit(1)
    )
    assert latest is not None
    return wire.AuditHead(seq=latest.seq, hash=latest.hash, count=latest.count)


def _forget_old(session: Session, device_id: str) -> None:
    kept = select(DeviceAuditHead.seq).where(DeviceAuditHead.device_id == device_id)
    seqs = sorted(session.scalars(kept), reverse=True)
    if len(seqs) > _KEPT:
        session.execute(
            delete(DeviceAuditHead).where(
                DeviceAuditHead.device_id == device_id, DeviceAuditHead.seq < seqs[_KEPT - 1]
            )
        )


def alerts(
    session: Session,
    office: str | None = None,
    limit: int = 500,
    offices: list[str] | None = None,
) -> list[wire.AuditAlertWire]:
    """Newest first, with the counter each device serves; ``offices``: only theirs."""
    query = (
        select(AuditAlert, Device.counter_number)
        .join(Device, Device.id == AuditAlert.device_id, isouter=True)
        .order_by(AuditAlert.id.desc())
        .limit(limit)
    )
    if office:
        query = query.where(AuditAlert.office_code == office)
    if offices is not None:
        query = query.where(AuditAlert.office_code.in_(offices))
    return [
        wire.AuditAlertWire(
            id=a.id,
            at=a.at,
            device_id=a.device_id,
            office_code=a.office_code,
            counter_number=counter,
            kind=a.kind,  # type: ignore[arg-type]
            seq=a.seq,
            detail=a.detail,
        )
        for a, counter in session.execute(query)
    ]
