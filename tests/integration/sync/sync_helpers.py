"""A counter under test: its database, enrollment and engine, plus server-side checks."""

from __future__ import annotations

import dataclasses
from collections import Counter as Tally
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from app.services.security.permissions import SYSTEM_ADMIN
from app.services.storage.db import Database
from app.services.storage.models import OutboxItem
from app.services.sync.credentials import CredentialStore, KeyringStore, MemoryStore
from app.services.sync.engine import SyncConfig, SyncEngine
from app.services.sync.enroll import enroll
from central.db import CentralDatabase
from central.models import SyncedRow
from testkit.central_server import RunningCentral
from testkit.counter_sim import CounterSetup, queue_dossiers, setup_counter


@dataclass
class Counter:
    db: Database
    setup: CounterSetup
    store: CredentialStore
    url: str

    @classmethod
    def enrolled(
        cls, central: RunningCentral, db: Database, office: str, number: int = 1
    ) -> Counter:
        store = KeyringStore()
        enroll(  # the test central speaks plain http, like the demo's own
            central.url,
            central.enrollment_code(office, number),
            store=store,
            actor=SYSTEM_ADMIN,
            demo=True,
        )
        return cls(db, setup_counter(db, office, number), store, central.url)

    def engine(self, url: str | None = None, **config: Any) -> SyncEngine:
        """This counter's engine; ``url`` (a proxy, a dead port) stands for a counter
        enrolled through that address, since sync goes where the enrolment says."""
        store = self.store
        if url is not None and url != self.url:
            credentials = self.store.load()
            assert credentials is not None
            store = MemoryStore(dataclasses.replace(credentials, central_url=url))
        return SyncEngine(
            self.db,
            SyncConfig(url or self.url, self.setup.office_code, **{"demo": True, **config}),
            store=store,
        )

    def queue(self, count: int, seed: int = 1) -> list[str]:
        return queue_dossiers(self.db, self.setup, count, seed=seed)

    def outbox(self) -> dict[str, int]:
        with self.db.session() as s:
            return dict(
                s.execute(select(OutboxItem.state, func.count()).group_by(OutboxItem.state)).all()
            )


def server_rows(central: RunningCentral | CentralDatabase, entity: str) -> list[SyncedRow]:
    db = central.db if isinstance(central, RunningCentral) else central
    with db.session() as s:
        return list(s.scalars(select(SyncedRow).where(SyncedRow.entity == entity)))


def assert_exactly_once(central: RunningCentral | CentralDatabase, dossier_ids: list[str]) -> None:
    """Every dossier on the server, none twice, each with its documents and event."""
    dossiers = server_rows(central, "dossier")
    assert sorted(r.id for r in dossiers) == sorted(dossier_ids)
    documents = Tally(r.parent_id for r in server_rows(central, "document"))
    events = Tally(r.parent_id for r in server_rows(central, "event"))
    assert set(documents.values()) == {3} and len(documents) == len(dossier_ids)
    assert set(events.values()) == {1} and len(events) == len(dossier_ids)
