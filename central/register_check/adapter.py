"""The seam between the register check and a population register.

``PopulationRegister`` is what a connection to the national population database must
offer: answer a batch of ID numbers within a timeout, or raise ``RegisterUnavailable``
(timeout, connection refused, a 5xx) so the caller may retry. ``Guarded`` wraps any
such connection with what a real one needs and the reference one does not have on its
own: a steady rate (people per second, token bucket), retries with exponential back-off
and a bounded number of attempts. ``ReferenceRegister`` answers from the fictitious
register the reference central service keeps (``register_people``), optionally with a
simulated latency per call so benchmarks see a realistic cost.

Refuses: a register that answers "unknown" for a failure. An ID number is ``None``
(not found) only when the register said so.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError, OperationalError

from central.db import CentralDatabase
from central.models import Person


@dataclass(frozen=True, slots=True)
class RegisterRecord:
    """What the population register holds for one ID number (the checked fields)."""

    id_number: str
    full_name: str
    date_of_birth: dt.date | None
    sex: str


# Why the register did not answer, as staff read it (Vietnamese; the back office
# translates through central/web/catalogue_en.json). Kept as the "not checked" note.
REASONS = {
    "connect_timeout": "Không kết nối được CSDL quốc gia về dân cư trong thời hạn chờ;"
    " sẽ đối chiếu lại ở lần chạy sau.",
    "read_timeout": "CSDL quốc gia về dân cư không trả lời trong thời hạn chờ;"
    " sẽ đối chiếu lại ở lần chạy sau.",
    "unreachable": "Không kết nối được CSDL quốc gia về dân cư; sẽ đối chiếu lại ở lần chạy sau.",
    "overloaded": "CSDL quốc gia về dân cư đang quá tải hoặc báo lỗi;"
    " sẽ đối chiếu lại ở lần chạy sau.",
    "bad_answer": "CSDL quốc gia về dân cư trả lời không đúng định dạng;"
    " sẽ đối chiếu lại ở lần chạy sau.",
}


class RegisterUnavailable(Exception):
    """The register did not answer (timeout, refused, overloaded): try again later.

    ``kind`` is one of ``REASONS`` (default "unreachable"); ``message`` what staff read."""

    def __init__(self, detail: str = "", *, kind: str = "unreachable") -> None:
        super().__init__(detail or kind)
        self.kind = kind if kind in REASONS else "unreachable"

    @property
    def message(self) -> str:
        return REASONS[self.kind]


class PopulationRegister(Protocol):
    source: str  # recorded with each result: which register answered

    def fetch(
        self, id_numbers: Sequence[str], *, timeout: float
    ) -> dict[str, RegisterRecord | None]:
        """One answer per ID number asked: its record, or None when it is not there."""
        ...


class ReferenceRegister:
    """The fictitious register of the reference central service, in its own database."""

    source = "reference:register_people"

    def __init__(self, db: CentralDatabase, *, latency: float = 0.0) -> None:
        self.db = db
        self.latency = latency  # seconds per call, simulating a remote register

    def fetch(
        self, id_numbers: Sequence[str], *, timeout: float
    ) -> dict[str, RegisterRecord | None]:
        if self.latency:
            time.sleep(self.latency)
        try:
            with self.db.session() as s:
                if self.db.dialect == "postgresql":
                    # The timeout holds on the database side too; integer milliseconds.
                    s.execute(text(f"SET LOCAL statement_timeout = {max(1, int(timeout * 1000))}"))
                rows = s.execute(
                    select(
                        Person.id_number, Person.full_name, Person.date_of_birth, Person.sex
                    ).where(Person.id_number.in_(list(id_numbers)))
                ).all()
        except (OperationalError, DBAPIError) as exc:
            kind = "read_timeout" if "statement timeout" in str(exc) else "unreachable"
            raise RegisterUnavailable(type(exc).__name__, kind=kind) from exc
        found: dict[str, RegisterRecord | None] = dict.fromkeys(id_numbers)
        for r in rows:
            found[r.id_number] = RegisterRecord(r.id_number, r.full_name, r.date_of_birth, r.sex)
        return found


class RateLimiter:
    """A token bucket: at most ``rate`` tokens a second on average, bursts of ``burst``."""

    def __init__(
        self,
        rate: float | None,
        *,
        burst: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.rate = rate
        self.burst = burst if burst is not None else (rate or 0.0)
        self._clock = clock
        self._sleep = sleep
        self._tokens = self.burst
        self._last = clock()
        self._lock = threading.Lock()

    def take(self, n: int) -> None:
        if not self.rate:
            return
        with self._lock:
            now = self._clock()
            self._tokens = min(self.burst, self._tokens + (now - self._last) * self.rate)
            self._last = now
            self._tokens -= n
            wait = -self._tokens / self.rate if self._tokens < 0 else 0.0
        if wait > 0:
            self._sleep(wait)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    attempts: int = 5
    first_delay: float = 0.5  # doubled after every failure
    max_delay: float = 30.0
    timeout: float = 10.0  # per call


class Guarded:
    """Any register connection, at a steady rate and with retries."""

    def __init__(
        self,
        register: PopulationRegister,
        *,
        rate: float | None = None,
        burst: float | None = None,  # people allowed at once; default: one second's worth
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        on_retry: Callable[[int, Exception], None] | None = None,
    ) -> None:
        self.register = register
        self.source = register.source
        self.limiter = RateLimiter(rate, burst=burst, sleep=sleep)
        self.retry = retry or RetryPolicy()
        self._sleep = sleep
        self._on_retry = on_retry

    def fetch(self, id_numbers: Sequence[str]) -> dict[str, RegisterRecord | None]:
        self.limiter.take(len(id_numbers))
        delay = self.retry.first_delay
        for attempt in range(1, self.retry.attempts + 1):
            try:
                answer = self.register.fetch(id_numbers, timeout=self.retry.timeout)
                missing = [n for n in id_numbers if n not in answer]
                if missing:  # an incomplete answer is a failure, never "not found"
                    raise RegisterUnavailable(
                        f"no answer for {len(missing)} ID number(s)", kind="bad_answer"
                    )
            except RegisterUnavailable as exc:
                if attempt == self.retry.attempts:
                    raise
                if self._on_retry is not None:
                    self._on_retry(attempt, exc)
                self._sleep(delay)
                delay = min(delay * 2, self.retry.max_delay)
                continue
            return answer
        raise AssertionError("unreachable")  # pragma: no cover
