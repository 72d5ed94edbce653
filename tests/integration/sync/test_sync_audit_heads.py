"""The counter reports its access-log chain head with every sync; central notices when
the log it saw growing was cut short or rewritten (real engine, real server)."""

from __future__ import annotations

from sqlalchemy import delete, select
from sync_helpers import Counter

from app.services import audit
from app.services.storage.models import AuditEvent, KeyValue
from central.models import AuditAlert, DeviceAuditHead
from testkit.central_server import RunningCentral


def _log(counter: Counter, times: int) -> None:
    for _ in range(times):
        audit.log(counter.db, counter.setup.officer_id, "display", purpose="kiểm tra hồ sơ")


def _alerts(central: RunningCentral) -> list[tuple[str, int]]:
    with central.db.session() as s:
        return [(a.kind, a.seq) for a in s.scalars(select(AuditAlert).order_by(AuditAlert.id))]


def test_central_follows_the_head_and_flags_a_truncated_log(
    central: RunningCentral, counter: Counter
) -> None:
    engine = counter.engine()
    _log(counter, 3)
    assert engine.sync_once().error is None
    _log(counter, 2)
    assert engine.sync_once().error is None
    with counter.db.session() as s:
        last = s.scalar(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1))
        assert last is not None
        seen = s.get(KeyValue, audit.CENTRAL_HEAD_KEY)
        assert seen is not None and seen.value == {"seq": last.seq, "hash": last.hash}
        head_seq = last.seq
    with central.db.session() as s:
        assert max(s.scalars(select(DeviceAuditHead.seq))) == head_seq
    assert _alerts(central) == []  # a log that only grew

    # Someone with access to the counter's database removes the newest records (and
    # the local head marker with them): central still remembers how far the log went.
    with counter.db.session() as s:
        s.execute(delete(AuditEvent).where(AuditEvent.seq > head_seq - 2))
        s.execute(delete(KeyValue).where(KeyValue.key == audit.HEAD_KEY))
    assert engine.sync_once().error is None
    assert _alerts(central) == [("truncated", head_seq - 2)]
