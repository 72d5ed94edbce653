"""Rate limits against guessing and scraping: failed enrollments and admin log-ins per
client address, citizen look-ups per device.

A sliding window in the worker's memory (one window per key). Each worker process of
a multi-worker deployment counts on its own, so the effective limit is at most
workers × the limit — still bounded, and nothing is shared that could fail. An
exceeded limit is a 429 with ``Retry-After``; the counter backs off as for any 429.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rule:
    limit: int  # events allowed …
    window: float  # … per this many seconds


FAILED_ENROLLMENTS = Rule(10, 15 * 60.0)  # per address
FAILED_ADMIN_LOGINS = Rule(10, 15 * 60.0)  # per address
LOOKUPS = Rule(60, 60.0)  # per device: a busy counter serves a citizen a minute or so


class RateLimiter:
    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self._clock = time.monotonic
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _trimmed(self, key: str, now: float) -> deque[float]:
        events = self._events.setdefault(key, deque())
        while events and events[0] <= now - self.rule.window:
            events.popleft()
        if not events:
            self._events.pop(key, None)
            events = self._events.setdefault(key, deque())
        return events

    def blocked(self, key: str) -> float:
        """Seconds to wait if ``key`` used up its allowance (0: go ahead)."""
        now = self._clock()
        with self._lock:
            events = self._trimmed(key, now)
            if len(events) < self.rule.limit:
                return 0.0
            return max(0.0, events[0] + self.rule.window - now)

    def hit(self, key: str) -> None:
        now = self._clock()
        with self._lock:
            self._trimmed(key, now).append(now)

    def take(self, key: str) -> float:
        """Count one event unless over the limit; the wait when over it (0: counted)."""
        now = self._clock()
        with self._lock:
            events = self._trimmed(key, now)
            if len(events) >= self.rule.limit:
                return max(0.0, events[0] + self.rule.window - now)
            events.append(now)
            return 0.0
