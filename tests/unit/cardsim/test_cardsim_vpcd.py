"""The vpcd transport against a stand-in for the driver (a local TCP server)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from app.cardsim import vpcd
from app.cardsim.faults import Faults
from app.cardsim.vpcd import VpcdClient


class FakeDriver:
    """Plays the vpcd side: listens, frames messages as 2-byte length + payload."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(5)
        self.port = self.server.getsockname()[1]
        self.conn: socket.socket | None = None

    def accept(self) -> None:
        if self.conn is not None:  # the client came back (card reinserted): drop the old one
            self.conn.close()
        self.conn, _ = self.server.accept()
        self.conn.settimeout(5)

    def send(self, payload: bytes) -> None:
        assert self.conn is not None
        self.conn.sendall(len(payload).to_bytes(2, "big") + payload)

    def receive(self) -> bytes | None:
        assert self.conn is not None
        header = self._exact(2)
        if header is None:
            return None
        return self._exact(int.from_bytes(header, "big"))

    def _exact(self, size: int) -> bytes | None:
        data = b""
        while len(data) < size:
            part = self.conn.recv(size - len(data))  # type: ignore[union-attr]
            if not part:
                return None
            data += part
        return data

    def close(self) -> None:
        if self.conn:
            self.conn.close()
        self.server.close()


@pytest.fixture
def driver() -> Iterator[FakeDriver]:
    fake = FakeDriver()
    yield fake
    fake.close()


def run(client: VpcdClient) -> threading.Thread:
    thread = threading.Thread(target=client.serve_forever, daemon=True)
    thread.start()
    return thread


def test_atr_power_and_apdus_over_the_vpcd_framing(driver, make_card) -> None:
    card = make_card()
    client = VpcdClient(card, port=driver.port)
    thread = run(client)
    driver.accept()
    assert client.inserted.wait(2)
    driver.send(b"\x04")  # get ATR
    assert driver.receive() == card.image.atr
    driver.send(b"\x01")  # power on: no answer expected
    driver.send(bytes.fromhex("00A4000C023F00"))
    assert driver.receive() == bytes.fromhex("6D00")
    driver.send(bytes.fromhex("00B09C0000"))
    assert driver.receive() == card.image.mf_files[0x011C] + b"\x90\x00"
    client.stop()
    thread.join(2)
    assert not thread.is_alive()
    assert driver.receive() is None  # connection closed: the reader sees no card


def test_remove_at_closes_the_connection_instead_of_answering(driver, make_card) -> None:
    client = VpcdClient(make_card(), port=driver.port, faults=Faults(remove_at=2))
    thread = run(client)
    driver.accept()
    for _ in range(2):
        driver.send(bytes.fromhex("00A4000C023F00"))
        assert driver.receive() == bytes.fromhex("6D00")
    driver.send(bytes.fromhex("00A4000C023F00"))
    assert driver.receive() is None
    assert not client.inserted.wait(0.2)
    client.insert()  # put the card back by hand
    driver.accept()
    driver.send(bytes.fromhex("00A4000C023F00"))
    assert driver.receive() == bytes.fromhex("6D00")  # the fault fired once only
    client.stop()
    thread.join(2)
    assert client.stats.insertions == 2 and client.stats.apdus == 3


def test_reinsert_after_brings_the_card_back_alone(driver, make_card) -> None:
    faults = Faults(remove_at=0, reinsert_after=0.1)
    client = VpcdClient(make_card(), port=driver.port, faults=faults)
    thread = run(client)
    driver.accept()
    driver.send(bytes.fromhex("00A4000C023F00"))
    assert driver.receive() is None
    driver.accept()  # reconnects without being asked
    driver.send(bytes.fromhex("00A4000C023F00"))
    assert driver.receive() == bytes.fromhex("6D00")
    client.stop()
    thread.join(2)


def test_slow_waits_before_each_answer(driver, make_card, monkeypatch) -> None:
    slept: list[float] = []
    monkeypatch.setattr(vpcd.time, "sleep", slept.append)
    client = VpcdClient(make_card(), port=driver.port, faults=Faults(slow_ms=25))
    thread = run(client)
    driver.accept()
    driver.send(b"\x04")
    driver.receive()
    for _ in range(3):
        driver.send(bytes.fromhex("00A4000C023F00"))
        driver.receive()
    client.stop()
    thread.join(2)
    assert slept == [0.025] * 3  # once per APDU, not for control messages


def test_socket_options_against_the_latency_trap(driver, make_card, monkeypatch) -> None:
    seen: list[tuple[int, int]] = []
    real = socket.socket.setsockopt

    def spy(self, level, option, value):  # type: ignore[no-untyped-def]
        seen.append((level, option))
        return real(self, level, option, value)

    monkeypatch.setattr(socket.socket, "setsockopt", spy)
    client = VpcdClient(make_card(), port=driver.port)
    thread = run(client)
    driver.accept()
    driver.send(bytes.fromhex("00A4000C023F00"))
    driver.receive()
    client.stop()
    thread.join(2)
    assert (socket.IPPROTO_TCP, socket.TCP_NODELAY) in seen
    quickacks = seen.count((socket.IPPROTO_TCP, getattr(socket, "TCP_QUICKACK", -1)))
    assert quickacks >= 2  # re-armed before every recv, not once
