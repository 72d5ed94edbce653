"""The counter's sync engine: one ``sync_once`` and a background loop around it.

``sync_once``: push the outbox, pull changes, compare clocks with the server.
Expected failures end the run with a ``UserError`` in the report; a bug raises. The
loop runs ``sync_once`` on its own thread every ``interval`` seconds, after a failure
waits with exponential backoff and full jitter (so offices coming back online do not
hit the server in step), and wakes at once on ``sync_now()``. ``status()`` is a
snapshot for the UI, which may also subscribe to ``on_status`` (called on the sync
thread: the UI must hop to its own thread, e.g. through a Qt signal).
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import func, select

from app.errors import ErrorKind, UserError
from app.services import audit
from app.services.storage.db import Database
from app.services.storage.models import KeyValue, OutboxItem
from app.services.sync import serial_leases
from app.services.sync.client import CentralClient
from app.services.sync.credentials import (
    CredentialStore,
    KeyringStore,
    require_secure_endpoint,
)
from app.services.sync.life_event_closures import push_closures
from app.services.sync.pull import PullTally, pull_all
from app.services.sync.push import ContentPath, PushTally, default_content_path, push_all
from app.shared.types import utcnow

log = logging.getLogger(__name__)
LAST_SUCCESS_KEY = "sync.last_success"


@dataclass(frozen=True, slots=True)
class SyncReport:
    started_at: dt.datetime
    finished_at: dt.datetime
    push: PushTally = field(default_factory=PushTally)
    pull: PullTally = field(default_factory=PullTally)
    clock_skew_seconds: float | None = None
    error: UserError | None = None  # what stopped or spoiled the run

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True, slots=True)
class SyncStatus:
    configured: bool  # enrolled, or a central address is set (waiting for enrolment)
    enrolled: bool
    pending: int = 0
    rejected: int = 0
    running: bool = False
    last_attempt_at: dt.datetime | None = None
    last_success_at: dt.datetime | None = None
    last_error: UserError | None = None
    clock_skew_seconds: float | None = None


@dataclass(frozen=True, slots=True)
class RejectedItem:
    seq: int
    entity: str
    entity_id: str
    reason: str
    attempts: int


@dataclass(frozen=True, slots=True)
class SyncConfig:
    # The address in the settings: only whether this counter means to sync. Where it
    # syncs (address and pin) comes from the enrolment (``DeviceCredentials``).
    central_url: str
    office_code: str
    batch_size: int = 100
    interval: float = 60.0  # seconds between runs when all is well
    backoff_base: float = 2.0
    backoff_cap: float = 300.0
    max_clock_skew: dt.timedelta = dt.timedelta(minutes=5)
    demo: bool = False  # the demo's own central on this PC: plain http, no pin

    @classmethod
    def from_settings(cls, settings: object) -> SyncConfig:
        return cls(
            central_url=getattr(settings, "central_url", ""),
            office_code=getattr(settings, "office_code", ""),
        )


def backoff_delay(failures: int, base: float, cap: float, rng: random.Random) -> float:
    """Full jitter: uniform in [0, min(cap, base·2^failures)] (AWS architecture blog)."""
    return rng.uniform(0, min(cap, base * 2 ** min(failures, 30)))


class SyncEngine:
    def __init__(
        self,
        db: Database,
        config: SyncConfig,
        *,
        store: CredentialStore | None = None,
        content_path: ContentPath = default_content_path,
        client_factory: Callable[..., CentralClient] = CentralClient,
        on_status: Callable[[SyncStatus], None] | None = None,
        rng: random.Random | None = None,
        after_pull: Callable[[CentralClient, str], object] | None = None,
    ) -> None:
        self.db = db
        self.config = config
        self.store = store or KeyringStore()
        self.content_path = content_path
        self.client_factory = client_factory
        self.on_status = on_status
        # Extra work on the same connection after each pull (signed results to fetch).
        self.after_pull = after_pull
        self._rng = rng or random.Random()
        self._run_lock = threading.Lock()
        self._state_lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._running = False
        self._failures = 0
        self._last_attempt: dt.datetime | None = None
        self._last_error: UserError | None = None
        self._skew: float | None = None

    # --- one run -----------------------------------------------------------------------

    def sync_once(self) -> SyncReport:
        """Push then pull; never raises a ``UserError`` (it is in the report)."""
        with self._run_lock:
            self._set(running=True)
            started = utcnow()
            push, pull = PushTally(), PullTally()
            skew: float | None = None
            error: UserError | None = None
            try:
                skew, push, pull = self._run(push, pull)
                if skew is not None and abs(skew) > self.config.max_clock_skew.total_seconds():
                    error = UserError(ErrorKind.SYNC_CLOCK_SKEW, detail=f"{skew:+.0f} s")
                elif push.rejected or push.conflicts:
                    error = UserError(
                        ErrorKind.SYNC_REJECTED,
                        detail=f"{push.rejected} item(s) refused, {push.conflicts} conflict(s)",
                    )
            except UserError as exc:
                error = exc
            report = SyncReport(started, utcnow(), push, pull, skew, error)
            self._finish(report)
            return report

    def _run(self, push: PushTally, pull: PullTally) -> tuple[float | None, PushTally, PullTally]:
        credentials = self.store.load()
        if credentials is None:
            raise UserError(ErrorKind.SYNC_NOT_ENROLLED)
        if not self.config.demo:
            require_secure_endpoint(credentials.central_url, credentials.cert_sha256)
        if credentials.office_code != self.config.office_code:
            # Pushing under another office's code would be refused item by item; say it once.
            raise UserError(ErrorKind.SYNC_OFFICE_MISMATCH, detail="settings vs enrollment")
        office = credentials.office_code
        with self.client_factory(
            credentials.central_url, credentials=credentials, cert_sha256=credentials.cert_sha256
        ) as client:
            # Every sync reports the access log's chain head; central checks it extends
            # the one it saw last and answers with the head it now holds.
            client.audit_head = audit.head_report(self.db)
            # Push first: when the server cannot be reached, the attempt is recorded on
            # the outbox entries. The pinned certificate is checked on the first
            # connection, before any credential leaves the machine.
            push = push_all(
                self.db,
                client,
                office,
                batch_size=self.config.batch_size,
                content_path=self.content_path,
            )
            pull = pull_all(self.db, client, office, demo=self.config.demo)
            if client.audit_seen is not None:
                audit.remember_central_head(self.db, client.audit_seen)
            push_closures(self.db, client, office)
            serial_leases.top_up(self.db, client, office)
            if self.after_pull is not None:
                self.after_pull(client, office)
            sent_at = time.monotonic()
            before = utcnow()
            health = client.health()
            rtt = time.monotonic() - sent_at
            skew = (health.server_time - (before + dt.timedelta(seconds=rtt / 2))).total_seconds()
        return skew, push, pull

    def _finish(self, report: SyncReport) -> None:
        hard_failure = report.error is not None and report.error.kind not in (
            ErrorKind.SYNC_CLOCK_SKEW,
            ErrorKind.SYNC_REJECTED,
        )
        if not hard_failure:
            try:
                with self.db.session() as s:
                    row = s.get(KeyValue, LAST_SUCCESS_KEY)
                    value = {"at": report.finished_at.isoformat()}
                    if row is None:
                        s.add(KeyValue(key=LAST_SUCCESS_KEY, value=value))
                    else:
                        row.value = value
            except UserError as exc:
                log.warning("could not record the sync time: %s", exc.kind.value)
        with self._state_lock:
            self._running = False
            self._last_attempt = report.finished_at
            self._last_error = report.error
            if report.clock_skew_seconds is not None:
                self._skew = report.clock_skew_seconds
            self._failures = self._failures + 1 if hard_failure else 0
        if report.error is not None:
            log.info("sync: %s (%s)", report.error.kind.value, report.error.detail)
        self._notify()

    # --- status ------------------------------------------------------------------------

    def _set(self, *, running: bool) -> None:
        with self._state_lock:
            self._running = running
        self._notify()

    def _notify(self) -> None:
        if self.on_status is not None:
            try:
                self.on_status(self.status())
            except Exception:  # a UI callback must never stop sync
                log.exception("sync status callback failed")

    def status(self) -> SyncStatus:
        pending = rejected = 0
        last_success = None
        try:
            with self.db.session() as s:
                counts = dict(
                    s.execute(
                        select(OutboxItem.state, func.count()).group_by(OutboxItem.state)
                    ).all()
                )
                pending = counts.get("pending", 0)
                # What waits for the officer: refusals and conflicts (sync/conflicts.py).
                rejected = counts.get("rejected", 0) + counts.get("conflict", 0)
                row = s.get(KeyValue, LAST_SUCCESS_KEY)
                if row is not None:
                    last_success = dt.datetime.fromisoformat(row.value["at"])
        except UserError:
            pass  # database busy: show what we know
        try:
            enrolled = self.store.load() is not None
        except UserError:
            enrolled = False
        with self._state_lock:
            return SyncStatus(
                configured=bool(self.config.central_url) or enrolled,
                enrolled=enrolled,
                pending=pending,
                rejected=rejected,
                running=self._running,
                last_attempt_at=self._last_attempt,
                last_success_at=last_success,
                last_error=self._last_error,
                clock_skew_seconds=self._skew,
            )

    def rejected_items(self, limit: int = 200) -> list[RejectedItem]:
        """Refused entries with the server's reason, newest first, for the officer."""
        with self.db.session() as s:
            rows = s.scalars(
                select(OutboxItem)
                .where(OutboxItem.state.in_(("rejected", "conflict")))
                .order_by(OutboxItem.seq.desc())
                .limit(limit)
            )
            return [
                RejectedItem(r.seq, r.entity, r.entity_id, r.last_error, r.attempts) for r in rows
            ]

    def retry_rejected(self, seqs: list[int]) -> None:
        """Put refused entries back in the queue (after the cause was fixed)."""
        with self.db.session() as s:
            for seq in seqs:
                entry = s.get(OutboxItem, seq)
                if entry is not None and entry.state == "rejected":
                    entry.state, entry.last_error = "pending", ""
        self.sync_now()

    # --- background loop ---------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="motcua-sync", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def sync_now(self) -> None:
        self._wake.set()

    def next_delay(self) -> float:
        with self._state_lock:
            failures = self._failures
        if failures == 0:
            return self.config.interval
        return backoff_delay(
            failures - 1, self.config.backoff_base, self.config.backoff_cap, self._rng
        )

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                self.sync_once()
            except Exception:  # a bug: log it, keep the loop alive, back off
                log.exception("sync run failed")
                with self._state_lock:
                    self._failures += 1
            self._wake.wait(self.next_delay())
