"""How fast the virtual card answers, in-process and through pcscd + vpcd.

    .venv/bin/python -m bench.cardsim [--rounds 30] [--port 35964]

In-process: the card's own cost (no transport) for a full read of each profile with the
emulator's small test terminal. Through pcscd (only if pcscd runs and the vpcd reader
on ``--port`` is free): 200 GET CHALLENGE round trips, the figure the TCP_NODELAY /
TCP_QUICKACK settings keep small (≈40 ms per APDU without them).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import threading
import time
from collections.abc import Callable

from app.cardsim.build import build_card
from app.cardsim.card import VirtualCard
from app.cardsim.profile import load_profile
from app.cardsim.terminal import Terminal
from app.cardsim.vpcd import VpcdClient

READERS = {35963: "Virtual PCD 00 00", 35964: "Virtual PCD 00 01"}


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _row(name: str, seconds: list[float], extra: str = "") -> None:
    ms = [s * 1000 for s in seconds]
    print(
        f"{name:34} {statistics.median(ms):9.2f} {_percentile(ms, 0.99):9.2f} "
        f"{min(ms):9.2f} {extra}"
    )


def _full_read(card: VirtualCard) -> int:
    card.power_on()
    sec = card.image.profile.security
    terminal = Terminal(card.process_apdu, extended=sec.extended_length)
    terminal.read_sfi(0x1C)
    if "CAN" in sec.pace_passwords and card.image.key_can:
        terminal.pace(2, card.image.key_can.encode())
        terminal.select_application()
    elif "MRZ" in sec.pace_passwords:
        terminal.pace(1, card.image.key_mrz_information)
        terminal.select_application()
    else:
        terminal.select_application()
        terminal.bac(card.image.key_mrz_information)
    chunk = min(sec.max_response, 4096)
    for fid in sorted(card.image.app_files):
        if fid in card.image.eac_protected:
            continue
        terminal.read_sfi(fid & 0x1F if fid < 0x0111 else fid & 0xFF, chunk=chunk)
    return sum(len(v) for v in card.image.app_files.values())


def bench_in_process(rounds: int) -> None:
    print(f"{'in-process full read':34} {'median ms':>9} {'p99 ms':>9} {'min ms':>9}")
    for name in ("cccd-2021", "cancuoc-2024", "passport-td3"):
        card = VirtualCard(build_card(load_profile(name)))
        times = []
        size = 0
        for _ in range(rounds):
            start = time.perf_counter()
            size = _full_read(card)
            times.append(time.perf_counter() - start)
        _row(name, times, f"{card.apdu_count // rounds} APDUs, {size / 1024:.1f} KiB")


def _pcscd_running() -> bool:
    return subprocess.run(["pgrep", "-x", "pcscd"], capture_output=True).returncode == 0


def _wait_state(reader: str, *, present: bool, timeout: float) -> bool:
    """Wait until pcscd reports the reader with (or without) a card."""
    from smartcard import scard

    _, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            hresult, states = scard.SCardGetStatusChange(
                context, 100, [(reader, scard.SCARD_STATE_UNAWARE)]
            )
            if (
                hresult == scard.SCARD_S_SUCCESS
                and bool(states[0][1] & scard.SCARD_STATE_PRESENT) == present
            ):
                return True
            time.sleep(0.02)
        return False
    finally:
        scard.SCardReleaseContext(context)


def bench_pcsc(port: int, rounds: int) -> None:
    if not _pcscd_running():
        print("\npcscd is not running: transport figures skipped")
        return
    from smartcard.System import readers

    reader_name = READERS[port]
    if not _wait_state(reader_name, present=False, timeout=3):
        print(f"\n{reader_name} already holds a card: transport figures skipped")
        return
    card = VirtualCard(build_card(load_profile("cccd-2021")))
    client = VpcdClient(card, port=port)
    thread = threading.Thread(
        target=client.serve_forever, kwargs={"connect_timeout": 5}, daemon=True
    )
    thread.start()
    try:
        if not client.inserted.wait(5):
            print(f"\nvpcd on port {port} not reachable: transport figures skipped")
            return
        if not _wait_state(reader_name, present=True, timeout=5):
            print(f"\n{reader_name} shows no card: transport figures skipped")
            return
        reader = next(r for r in readers() if str(r) == reader_name)
        connection = reader.createConnection()
        connection.connect()
        transmit: Callable[[list[int]], object] = connection.transmit
        transmit(list(bytes.fromhex("00A4040C07A0000002471001")))
        per_round, per_apdu = [], []
        for _ in range(rounds):
            start = time.perf_counter()
            for _ in range(200):
                t0 = time.perf_counter()
                transmit([0x00, 0x84, 0x00, 0x00, 0x08])
                per_apdu.append(time.perf_counter() - t0)
            per_round.append(time.perf_counter() - start)
        connection.disconnect()
        print(
            f"\n{'through pcscd (' + reader_name + ')':34} {'median ms':>9} {'p99 ms':>9} "
            f"{'min ms':>9}"
        )
        _row("200 APDUs", per_round)
        _row("one APDU", per_apdu)
    finally:
        client.stop()
        thread.join(5)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench.cardsim")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--port", type=int, default=35964, choices=sorted(READERS))
    args = parser.parse_args(argv)
    bench_in_process(args.rounds)
    bench_pcsc(args.port, max(3, args.rounds // 3))


if __name__ == "__main__":
    main()
