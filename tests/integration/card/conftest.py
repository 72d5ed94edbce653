"""The virtual card behind the real pcscd, for integration tests of card reading.

``virtual_card`` starts the emulator (in a thread) on the vpcd port with a profile and
faults, waits until pcscd shows the card in "Virtual PCD 00 00", yields a handle and
removes the card at the end (the reader then sees "no card"). Choose the card with::

    @pytest.mark.card(profile="cancuoc-2024", faults=["cloned"])
    def test_x(virtual_card): ...

or ``@pytest.mark.parametrize("virtual_card", ["passport-td3"], indirect=True)`` (a
profile name, or a dict with ``profile`` and ``faults``). ``start_virtual_card`` is a
factory for tests that need several cards or ports.

Without pcscd the tests are skipped, unless MOTCUA_REQUIRE_PCSC=1 (CI): then they fail.
For development start one: ``pcscd --foreground &``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from app.cardsim.build import CardImage, build_card
from app.cardsim.card import VirtualCard
from app.cardsim.faults import Faults
from app.cardsim.profile import load_profile
from app.cardsim.vpcd import DEFAULT_PORT, VpcdClient

READERS = {35963: "Virtual PCD 00 00", 35964: "Virtual PCD 00 01"}
DEFAULT_PROFILE = "cccd-2021"
# MOTCUA_TEST_VPCD_PORT picks the reader, so tests can run beside a demo on the other.
TEST_PORT = int(os.environ.get("MOTCUA_TEST_VPCD_PORT", str(DEFAULT_PORT)))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "card(profile, faults): profile and faults of the virtual_card fixture"
    )


def _unavailable(reason: str) -> None:
    if os.environ.get("MOTCUA_REQUIRE_PCSC") == "1":
        pytest.fail(f"{reason} (MOTCUA_REQUIRE_PCSC=1)", pytrace=False)
    pytest.skip(reason)


def pcscd_running() -> bool:
    if shutil.which("pgrep") is not None:
        return subprocess.run(["pgrep", "-x", "pcscd"], capture_output=True).returncode == 0
    for comm in Path("/proc").glob("[0-9]*/comm"):  # no procps: look ourselves
        try:
            if comm.read_text().strip() == "pcscd":
                return True
        except OSError:
            continue
    return False


def require_pcsc(reader: str) -> None:
    if not pcscd_running():
        _unavailable("pcscd is not running (start it with: pcscd --foreground &)")
    try:
        from smartcard.System import readers
    except ImportError:
        _unavailable("pyscard is not installed")
    names = [str(r) for r in readers()]
    if reader not in names:
        _unavailable(f"pcscd has no reader {reader!r} (is vsmartcard-vpcd installed?)")


def card_state(reader: str) -> int:
    from smartcard import scard

    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    try:
        hresult, states = scard.SCardGetStatusChange(
            context, 0, [(reader, scard.SCARD_STATE_UNAWARE)]
        )
        return int(states[0][1]) if hresult == scard.SCARD_S_SUCCESS else 0
    finally:
        scard.SCardReleaseContext(context)


def card_present(reader: str) -> bool:
    from smartcard import scard

    return bool(card_state(reader) & scard.SCARD_STATE_PRESENT)


def wait_for(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.02)


@dataclass
class RunningCard:
    """A virtual card inserted in a vpcd reader, with its emulator thread."""

    card: VirtualCard
    client: VpcdClient
    reader: str
    thread: threading.Thread
    stopped: bool = field(default=False)

    @property
    def image(self) -> CardImage:
        return self.card.image

    @property
    def atr(self) -> bytes:
        return self.card.image.atr

    def wait_present(self, timeout: float = 10) -> None:
        wait_for(lambda: card_present(self.reader), timeout, f"a card in {self.reader}")

    def wait_absent(self, timeout: float = 10) -> None:
        wait_for(lambda: not card_present(self.reader), timeout, f"no card in {self.reader}")

    def remove(self) -> None:
        self.client.remove()
        self.wait_absent()

    def insert(self) -> None:
        self.client.insert()
        self.wait_present()

    def stop(self) -> None:
        if self.stopped:
            return
        self.stopped = True
        self.client.stop()
        self.thread.join(timeout=5)
        self.wait_absent()


def start_card(
    profile: str = DEFAULT_PROFILE,
    faults: list[str] | tuple[str, ...] = (),
    port: int = TEST_PORT,
) -> RunningCard:
    reader = READERS[port]
    require_pcsc(reader)
    try:  # a card just pulled out may take one pcscd poll (400 ms) to disappear
        wait_for(lambda: not card_present(reader), 2, f"{reader} to be empty")
    except AssertionError:
        pytest.fail(f"{reader} already holds a card: is another emulator running?", pytrace=False)
    image = build_card(load_profile(profile), Faults.parse(faults))
    card = VirtualCard(image)
    client = VpcdClient(card, port=port, faults=image.faults)
    thread = threading.Thread(
        target=client.serve_forever,
        kwargs={"connect_timeout": 10},
        name=f"cardsim-{port}",
        daemon=True,
    )
    thread.start()
    running = RunningCard(card, client, reader, thread)
    try:
        running.wait_present()
    except AssertionError:
        running.stop()
        raise
    return running


def _requested(request: pytest.FixtureRequest) -> tuple[str, list[str]]:
    param: Any = getattr(request, "param", None)
    if isinstance(param, str):
        return param, []
    if isinstance(param, dict):
        return param.get("profile", DEFAULT_PROFILE), list(param.get("faults", []))
    marker = request.node.get_closest_marker("card")
    if marker is not None:
        profile = marker.kwargs.get("profile", marker.args[0] if marker.args else DEFAULT_PROFILE)
        return profile, list(marker.kwargs.get("faults", []))
    return DEFAULT_PROFILE, []


@pytest.fixture
def virtual_card(request: pytest.FixtureRequest) -> Iterator[RunningCard]:
    profile, faults = _requested(request)
    running = start_card(profile, faults)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def start_virtual_card() -> Iterator[Callable[..., RunningCard]]:
    started: list[RunningCard] = []

    def start(profile: str = DEFAULT_PROFILE, *faults: str, port: int = TEST_PORT) -> RunningCard:
        running = start_card(profile, faults, port)
        started.append(running)
        return running

    yield start
    for running in reversed(started):
        running.stop()
