"""Closures of life events (a dossier answered the event) sent to central after each
pull. A refusal other than "closed by another dossier" leaves the closure pending, so
it is tried again; nothing is lost when central is unreachable."""

from __future__ import annotations

import logging

from app.services import life_events
from app.services.storage.db import Database
from app.services.sync.client import CentralClient, Refused

log = logging.getLogger(__name__)


def push_closures(db: Database, client: CentralClient, office: str) -> int:
    done: list[str] = []
    for closure in life_events.pending_closures(db):
        try:
            client.close_life_event(office, closure.event_id, closure.dossier_code)
        except Refused as exc:
            if exc.status in (404, 409):  # gone or answered by another dossier: final
                log.warning("life event closure refused: %s", exc.reason)
                done.append(closure.event_id)
            continue
        done.append(closure.event_id)
    life_events.mark_sent(db, done)
    return len(done)
