"""Where the counter syncs is fixed at enrolment (issue 18, "The local store"): in a
real office only https with a pinned certificate, and only an administrator changes
it, by enrolling again."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pytest
from sync_helpers import server_rows

from app.errors import ErrorKind, UserError
from app.services.security.permissions import SYSTEM_ADMIN
from app.services.storage.db import Database
from app.services.sync.credentials import MemoryStore
from app.services.sync.engine import SyncConfig, SyncEngine
from app.services.sync.enroll import enroll
from central.seed import DEMO_OFFICE
from testkit.central_server import RunningCentral
from testkit.counter_sim import queue_dossiers, setup_counter


@dataclass(frozen=True)
class Actor:
    role: str


def _enrolled_over_http(central: RunningCentral) -> MemoryStore:
    store = MemoryStore()  # the test central speaks plain http, as the demo's does
    enroll(
        central.url,
        central.enrollment_code(DEMO_OFFICE),
        store=store,
        actor=SYSTEM_ADMIN,
        demo=True,
    )
    return store


def test_enrolment_in_a_real_office_needs_https_and_a_pin(central: RunningCentral) -> None:
    code = central.enrollment_code(DEMO_OFFICE)
    for url, pin in (
        (central.url, ""),  # plain http
        (central.url, "ab" * 32),  # a pin does not make http safe
        (central.url.replace("http://", "https://"), ""),  # https without a pin
        (central.url.replace("http://", "https://"), "not-a-fingerprint"),
    ):
        store = MemoryStore()
        with pytest.raises(UserError) as refused:
            enroll(url, code, store=store, cert_sha256=pin, actor=SYSTEM_ADMIN)
        assert refused.value.kind == ErrorKind.SYNC_ADDRESS_INSECURE
        assert store.load() is None
    # The code was never sent, so it still enrols.
    assert enroll(central.url, code, store=MemoryStore(), actor=SYSTEM_ADMIN, demo=True)


def test_the_engine_refuses_http_or_no_pin_in_a_real_office(
    central: RunningCentral, db: Database
) -> None:
    store = _enrolled_over_http(central)
    queue_dossiers(db, setup_counter(db, DEMO_OFFICE, 1), 2)
    credentials = store.load()
    assert credentials is not None
    https_no_pin = dataclasses.replace(
        credentials, central_url=credentials.central_url.replace("http://", "https://")
    )
    for enrolled in (credentials, https_no_pin):
        store.save(enrolled)
        engine = SyncEngine(db, SyncConfig(credentials.central_url, DEMO_OFFICE), store=store)
        report = engine.sync_once()
        assert report.error is not None and report.error.kind == ErrorKind.SYNC_ADDRESS_INSECURE
        assert server_rows(central, "dossier") == []
        assert engine.status().pending == 6  # waits, nothing lost
    # The demo's own central (plain http on this PC) syncs.
    store.save(credentials)
    engine = SyncEngine(
        db, SyncConfig(credentials.central_url, DEMO_OFFICE, demo=True), store=store
    )
    assert engine.sync_once().error is None
    assert len(server_rows(central, "dossier")) == 2


def test_an_officer_cannot_enrol_again_and_the_counter_keeps_syncing(
    central: RunningCentral, db: Database
) -> None:
    store = _enrolled_over_http(central)
    before = store.load()
    for role in ("officer", "supervisor"):
        with pytest.raises(UserError) as refused:
            enroll(
                central.url,
                central.enrollment_code(DEMO_OFFICE),
                store=store,
                actor=Actor(role),
                demo=True,
            )
        assert refused.value.kind == ErrorKind.PERMISSION_DENIED
    assert store.load() == before  # the old device was not replaced (nor revoked)
    queue_dossiers(db, setup_counter(db, DEMO_OFFICE, 1), 1)
    engine = SyncEngine(db, SyncConfig(central.url, DEMO_OFFICE, demo=True), store=store)
    assert engine.sync_once().error is None
    assert len(server_rows(central, "dossier")) == 1
