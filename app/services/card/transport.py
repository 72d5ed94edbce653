"""The one interface between the protocol code and whatever carries APDUs.

``pcsc.py`` implements it over PC/SC; tests wrap the in-process emulator with
``FunctionTransport``; ``sm.py`` wraps another transport to add secure messaging.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


@dataclass(slots=True)
class TransportStats:
    """Counted at the wire (after secure messaging), so they measure real traffic."""

    apdu_count: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0

    def record(self, sent: int, received: int) -> None:
        self.apdu_count += 1
        self.bytes_sent += sent
        self.bytes_received += received


class Transport(Protocol):
    stats: TransportStats

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        """Send one command APDU; return (response data, status word such as 0x9000)."""
        ...


def split_response(raw: bytes) -> tuple[bytes, int]:
    if len(raw) < 2:
        # A response without a status word means the link broke mid-exchange.
        raise ConnectionError("response shorter than a status word")
    return raw[:-2], int.from_bytes(raw[-2:], "big")


class FunctionTransport:
    """Adapts a ``process(apdu) -> data + SW1 SW2`` callable (an emulator, a recorded
    trace) to ``Transport``."""

    def __init__(self, process: Callable[[bytes], bytes]) -> None:
        self._process = process
        self.stats = TransportStats()

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        raw = self._process(bytes(apdu))
        self.stats.record(len(apdu), len(raw))
        return split_response(raw)
