"""One bad dossier costs only itself: central answers it with a 422, the counter marks it
rejected (the officer sees it among the sync problems) and stops sending it, while the
rest of the backlog lands (real engine, real server)."""

from __future__ import annotations

from sqlalchemy import select, update
from sync_helpers import Counter, server_rows

from app.errors import ErrorKind
from app.services.storage.models import Dossier, OutboxItem
from app.services.sync import conflicts
from testkit.central_server import RunningCentral


def test_a_dossier_central_cannot_store_is_rejected_not_retried_for_ever(
    central: RunningCentral, counter: Counter
) -> None:
    ids = counter.queue(5)
    with counter.db.session() as s:
        # Written behind the counter's own input checks (an older release, a repair by
        # hand): longer than central's code column.
        s.execute(update(Dossier).where(Dossier.id == ids[2]).values(code="X" * 61))
    engine = counter.engine()
    first = engine.sync_once()
    # The officer is told (the status shows refused items), the other four went through.
    assert first.error is not None and first.error.kind == ErrorKind.SYNC_REJECTED
    assert (first.push.rejected, first.push.sent) == (1, 4 + 5)  # with their citizens
    assert {r.id for r in server_rows(central, "dossier")} == set(ids) - {ids[2]}
    problems = conflicts.problems(counter.db)  # what the sync problems dialog lists
    assert {(p.kind, p.entity, p.entity_id) for p in problems} >= {("rejected", "dossier", ids[2])}
    assert all("422" in p.reason and "longer than 60" in p.reason for p in problems)
    assert all(p.reason_text for p in problems)  # the Vietnamese text the dialog shows
    # The next sync does not send it again.
    again = engine.sync_once()
    assert again.error is None and again.push.rejected == 0 and again.push.sent == 0
    with counter.db.session() as s:
        states = dict(s.execute(select(OutboxItem.entity_id, OutboxItem.state)).all())
    assert states[ids[2]] == "rejected"
