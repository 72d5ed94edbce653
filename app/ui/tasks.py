"""Long work off the GUI thread; results come back on the main thread.

``TaskRunner.run(fn, on_done, on_error)`` runs ``fn`` on a pool thread. The callbacks
are invoked on the GUI thread through a queued signal. Separate runners keep card I/O,
database writes and network calls from queueing behind each other (one worker each
where order matters). ``SyncRunner`` runs inline for tests.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QRunnable, QThreadPool, Signal, Slot

from app.errors import UserError

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Relay(QObject):
    finished = Signal(object, object)  # (callback, value) delivered on the GUI thread

    @Slot(object, object)
    def deliver(self, callback: Callable[[Any], None], value: Any) -> None:
        callback(value)


class _Job(QRunnable):
    def __init__(self, relay: _Relay, fn: Callable[[], Any], on_done: Done, on_error: Failed):
        super().__init__()
        self._relay, self._fn, self._on_done, self._on_error = relay, fn, on_done, on_error

    def run(self) -> None:
        try:
            value = self._fn()
        except BaseException as exc:  # delivered to the caller, who decides
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self._relay.finished.emit(self._on_error, exc)
        else:
            self._relay.finished.emit(self._on_done, value)


def _raise(exc: BaseException) -> None:
    raise exc


class TaskRunner(QObject):
    def __init__(self, max_threads: int = 1, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._relay.deliver)

    def run(self, fn: Callable[[], Any], on_done: Done, on_error: Failed | None = None) -> None:
        """``on_error`` gets UserErrors and bugs; without it, a bug reaches the crash hook."""
        self._pool.start(_Job(self._relay, fn, on_done, on_error or _raise))

    def wait(self, msecs: int = 30000) -> bool:
        return self._pool.waitForDone(msecs)

    def set_idle_expiry(self, msecs: int) -> None:
        """How long an idle pool thread lives (Qt's default: 30 s); for new threads only."""
        self._pool.setExpiryTimeout(msecs)


class SyncRunner:
    """Same interface, runs inline: for tests that want deterministic order."""

    def run(self, fn: Callable[[], Any], on_done: Done, on_error: Failed | None = None) -> None:
        try:
            value = fn()
        except UserError as exc:
            if on_error is None:
                raise
            on_error(exc)
        else:
            on_done(value)

    def wait(self, msecs: int = 0) -> bool:
        return True


def wait_for(runner: Any, fn: Callable[[], Any]) -> Any:
    """``fn`` on ``runner``, for a start-up step the next window depends on: a local
    event loop keeps the GUI painting until the answer comes; errors are raised here."""
    answer: dict[str, Any] = {}
    loop = QEventLoop()

    def settle(key: str, value: Any) -> None:
        answer[key] = value
        loop.quit()

    runner.run(fn, lambda v: settle("value", v), lambda e: settle("error", e))
    if not answer:
        loop.exec()
    if "error" in answer:
        raise answer["error"]
    return answer["value"]
