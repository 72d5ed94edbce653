"""Put a VirtualCard behind pcscd through the vsmartcard ``vpcd`` reader driver.

The driver listens on TCP (35963 for "Virtual PCD 00 00", 35964 for "… 00 01"); the
emulator connects as a client. Each message is a 2-byte big-endian length and then
either an APDU (answered with the R-APDU) or one control byte: 0 power off, 1 power on,
2 reset, 4 get ATR (answered with the ATR). A connected emulator is an inserted card;
closing the connection is pulling the card out.

Latency: Nagle on our side and delayed ACKs would cost ~40 ms per APDU, so the socket
has TCP_NODELAY and TCP_QUICKACK is re-armed before every recv (Linux resets it).
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from dataclasses import dataclass

from app.cardsim.card import VirtualCard
from app.cardsim.faults import Faults

log = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 35963

CTRL_OFF, CTRL_ON, CTRL_RESET, CTRL_ATR = 0, 1, 2, 4

# pcscd polls card presence every 400 ms. A card back sooner than that may never be
# seen as removed, and a stale handle's SCardDisconnect(RESET) would then reset the new
# card; no hand re-inserts a card that fast anyway.
MIN_OUT_SECONDS = 0.5


class _Closed(Exception):
    """The connection ended (we removed the card, or pcscd went away)."""


@dataclass
class Stats:
    apdus: int = 0
    insertions: int = 0
    removals: int = 0


class VpcdClient:
    def __init__(
        self,
        card: VirtualCard,
        *,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        faults: Faults | None = None,
    ) -> None:
        self.card = card
        self.host, self.port = host, port
        self.faults = faults if faults is not None else card.image.faults
        self.stats = Stats()
        self.inserted = threading.Event()  # set while connected to the driver
        self._stop = threading.Event()
        self._want_inserted = threading.Event()
        self._want_inserted.set()
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()
        self._remove_fired = False
        self._removed_at = 0.0

    # --- control from other threads (tests, signal handlers) -------------------------
    def stop(self) -> None:
        self._stop.set()
        self._want_inserted.set()  # wake a waiting loop so it can see the stop
        self._close()

    def remove(self) -> None:
        """Pull the card out: the driver then reports no card."""
        self._want_inserted.clear()
        self._close()

    def insert(self) -> None:
        self._want_inserted.set()

    def _close(self) -> None:
        with self._lock:
            sock, self._sock = self._sock, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    # --- main loop -------------------------------------------------------------------
    def serve_forever(self, connect_timeout: float | None = None) -> None:
        """Stay inserted until stopped; re-insert after removals when asked."""
        while not self._stop.is_set():
            self._want_inserted.wait()
            if self._stop.is_set():
                break
            sock = self._connect(connect_timeout)
            if sock is None:
                break
            by_fault = self._serve(sock)
            self.stats.removals += 1
            if self._stop.is_set():
                break
            if by_fault and self.faults.reinsert_after is not None:
                log.info(
                    "Thẻ sẽ được cắm lại sau %.1f s (card back in %.1f s)",
                    self.faults.reinsert_after,
                    self.faults.reinsert_after,
                )
                if self._stop.wait(self.faults.reinsert_after):
                    break
                self._want_inserted.set()
        self._close()
        log.info("Thẻ ảo đã dừng (emulator stopped)")

    def _connect(self, timeout: float | None) -> socket.socket | None:
        out_for = time.monotonic() - self._removed_at
        if out_for < MIN_OUT_SECONDS and self._stop.wait(MIN_OUT_SECONDS - out_for):
            return None
        deadline = None if timeout is None else time.monotonic() + timeout
        delay = 0.05
        warned = False
        while not self._stop.is_set():
            try:
                sock = socket.create_connection((self.host, self.port), timeout=2)
            except OSError as exc:
                if deadline is not None and time.monotonic() > deadline:
                    log.error("Không kết nối được vpcd %s:%d: %s", self.host, self.port, exc)
                    return None
                if not warned:
                    log.warning(
                        "Đang chờ pcscd/vpcd ở %s:%d (waiting for the reader driver)",
                        self.host,
                        self.port,
                    )
                    warned = True
                self._stop.wait(delay)
                delay = min(delay * 2, 1.0)
                continue
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            sock.settimeout(0.5)  # so a stop request is seen even when idle
            with self._lock:
                self._sock = sock
            self.card.power_off()
            self.inserted.set()
            self.stats.insertions += 1
            log.info(
                "Thẻ ảo %s đã cắm vào đầu đọc (card inserted, port %d)",
                self.card.image.profile.name,
                self.port,
            )
            return sock
        return None

    def _serve(self, sock: socket.socket) -> bool:
        """Answer the driver until the connection ends; True if the remove-at fault did it."""
        count_since_insert = 0
        try:
            while not self._stop.is_set():
                length = int.from_bytes(self._recv_exact(sock, 2), "big")
                payload = self._recv_exact(sock, length)
                if length == 1:
                    self._control(sock, payload[0])
                    continue
                remove_at = self.faults.remove_at
                if (
                    remove_at is not None
                    and not self._remove_fired
                    and (count_since_insert >= remove_at)
                ):
                    self._remove_fired = True
                    log.info("Lỗi giả lập: rút thẻ sau %d APDU (fault remove-at)", remove_at)
                    self._want_inserted.clear()
                    return True
                if self.faults.slow_ms:
                    time.sleep(self.faults.slow_ms / 1000)
                answer = self.card.process_apdu(payload)
                count_since_insert += 1
                self.stats.apdus += 1
                self._send(sock, answer)
        except _Closed:
            pass
        finally:
            self.inserted.clear()
            self._close()
            self._removed_at = time.monotonic()
            log.info("Thẻ ảo đã rút khỏi đầu đọc (card removed)")
        return False

    def _control(self, sock: socket.socket, code: int) -> None:
        if code == CTRL_OFF:
            self.card.power_off()
        elif code in (CTRL_ON, CTRL_RESET):
            self.card.power_on()
        elif code == CTRL_ATR:
            self._send(sock, self.card.image.atr)
        else:
            log.warning("vpcd control %d unknown; ignored", code)

    def _recv_exact(self, sock: socket.socket, size: int) -> bytes:
        data = b""
        while len(data) < size:
            if self._stop.is_set():
                raise _Closed
            _quickack(sock)
            try:
                part = sock.recv(size - len(data))
            except TimeoutError:
                continue
            except OSError as exc:
                raise _Closed from exc
            if not part:
                raise _Closed
            data += part
        return data

    def _send(self, sock: socket.socket, payload: bytes) -> None:
        try:
            sock.sendall(len(payload).to_bytes(2, "big") + payload)
        except OSError as exc:
            raise _Closed from exc


def _quickack(sock: socket.socket) -> None:
    quickack = getattr(socket, "TCP_QUICKACK", None)  # Linux only
    if quickack is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, quickack, 1)
