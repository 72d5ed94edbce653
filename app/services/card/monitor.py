"""Watch readers and cards on one thread; report immutable snapshots.

The callback gets ``ReaderEvent`` values only (reader name, ATR) — never a live card
handle — and runs on the monitor thread, so a UI wraps it into a queued Qt signal.
pcscd going away is reported and the monitor keeps retrying until it is back.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from smartcard import scard

from app.errors import ErrorKind, UserError
from app.services.card.pcsc import PNP_NOTIFICATION, establish_context, list_readers


class EventKind(StrEnum):
    SERVICE_DOWN = "service_down"
    SERVICE_UP = "service_up"
    READER_ADDED = "reader_added"
    READER_REMOVED = "reader_removed"
    CARD_INSERTED = "card_inserted"
    CARD_REMOVED = "card_removed"


@dataclass(frozen=True, slots=True)
class ReaderEvent:
    kind: EventKind
    reader_name: str = ""
    atr: bytes = b""


Callback = Callable[[ReaderEvent], None]


class ReaderMonitor:
    """``start()`` a daemon thread that calls ``callback`` for each change; ``stop()``
    wakes it (SCardCancel) and joins."""

    def __init__(self, callback: Callback, poll_ms: int = 500, retry_s: float = 1.0) -> None:
        self.callback = callback
        self.poll_ms = poll_ms
        self.retry_s = retry_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._context: int | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="pcsc-monitor", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        with self._lock:
            if self._context is not None:
                scard.SCardCancel(self._context)
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _emit(self, event: ReaderEvent) -> None:
        try:
            self.callback(event)
        except Exception:  # a faulty consumer must not kill the monitor thread
            import logging

            logging.getLogger(__name__).exception("reader event callback failed")

    def _run(self) -> None:
        service_up: bool | None = None
        while not self._stop.is_set():
            try:
                context = establish_context()
            except UserError:
                if service_up is not False:
                    self._emit(ReaderEvent(EventKind.SERVICE_DOWN))
                    service_up = False
                self._stop.wait(self.retry_s)
                continue
            with self._lock:
                self._context = context
            if service_up is not True:  # also at first: the UI learns the service is there
                self._emit(ReaderEvent(EventKind.SERVICE_UP))
                service_up = True
            try:
                self._watch(context)
            except UserError:
                self._emit(ReaderEvent(EventKind.SERVICE_DOWN))
                service_up = False
                self._stop.wait(self.retry_s)
            finally:
                with self._lock:
                    self._context = None
                scard.SCardReleaseContext(context)

    def _watch(self, context: int) -> None:
        known: dict[str, tuple[bool, bytes]] = {}  # reader → (card present, ATR)
        # pcsc-lite counts insertions and removals in the high word of the event state:
        # a card swapped faster than a poll shows as present → present with a new count.
        counts: dict[str, int] = {}
        states: dict[str, int] = {}
        while not self._stop.is_set():
            readers = list_readers(context)
            for name in [r for r in known if r not in readers]:
                present, atr = known.pop(name)
                states.pop(name, None)
                if present:
                    self._emit(ReaderEvent(EventKind.CARD_REMOVED, name, atr))
                self._emit(ReaderEvent(EventKind.READER_REMOVED, name))
            for name in readers:
                if name not in known:
                    known[name] = (False, b"")
                    states[name] = scard.SCARD_STATE_UNAWARE
                    self._emit(ReaderEvent(EventKind.READER_ADDED, name))
            query = [(name, states[name]) for name in readers]
            query.append(
                (
                    PNP_NOTIFICATION,
                    scard.SCARD_STATE_UNAWARE
                    if not states.get(PNP_NOTIFICATION)
                    else states[PNP_NOTIFICATION],
                )
            )
            result, answer = scard.SCardGetStatusChange(context, self.poll_ms, query)
            if result in (scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED):
                raise UserError(ErrorKind.PCSC_NOT_RUNNING)
            if result == scard.SCARD_E_CANCELLED or self._stop.is_set():
                return
            if result not in (scard.SCARD_S_SUCCESS, scard.SCARD_E_TIMEOUT):
                self._stop.wait(self.retry_s / 4)
                continue
            if result == scard.SCARD_E_TIMEOUT:
                continue
            for name, event_state, atr in answer:
                states[name] = event_state & ~scard.SCARD_STATE_CHANGED
                if name == PNP_NOTIFICATION or name not in known:
                    continue
                present = bool(event_state & scard.SCARD_STATE_PRESENT)
                was_present, old_atr = known[name]
                count, old_count = (event_state >> 16) & 0xFFFF, counts.get(name)
                counts[name] = count
                if present and was_present and old_count is not None and count != old_count:
                    known[name] = (True, bytes(atr))
                    self._emit(ReaderEvent(EventKind.CARD_REMOVED, name, old_atr))
                    self._emit(ReaderEvent(EventKind.CARD_INSERTED, name, bytes(atr)))
                elif present and not was_present:
                    known[name] = (True, bytes(atr))
                    self._emit(ReaderEvent(EventKind.CARD_INSERTED, name, bytes(atr)))
                elif was_present and not present:
                    known[name] = (False, b"")
                    self._emit(ReaderEvent(EventKind.CARD_REMOVED, name, old_atr))
