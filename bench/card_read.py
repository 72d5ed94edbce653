"""Full chip read through pcscd and the emulator, against the transport's own limit.

Run from the repository root with pcscd running::

    .venv/bin/python -m bench.card_read [--reads 30] [--profile cccd-2021] [--port 35964]

The emulator runs as a subprocess on the vpcd port, so ``time.process_time`` counts the
reader's CPU only. For each profile it prints median and p99 of wall time and host
CPU over N full reads (EF.COM, DG14 + Chip Authentication, DG1, DG13, DG2, DG15 +
Active Authentication, EF.SOD + passive authentication), APDUs and bytes, beside a
plain READ BINARY loop with the same number of APDUs and the same Le on the same reader
(no secure messaging, no crypto) and the ratio of the two.
Targets: median wall < 300 ms, median host CPU < 50 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
READERS = {35963: "Virtual PCD 00 00", 35964: "Virtual PCD 00 01"}


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def _start_emulator(profile: str, port: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "app.cardsim", "--profile", profile, "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait_for_card(reader: str, present: bool = True, timeout: float = 15.0) -> None:
    from app.services.card.pcsc import card_present

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if card_present(reader) == present:
            time.sleep(0.2)  # let pcscd finish powering the card up (or down)
            return
        time.sleep(0.05)
    state = "appeared on" if present else "left"
    raise SystemExit(f"no card {state} {reader!r}: is pcscd running with vpcd?")


def _keys(profile: str):  # type: ignore[no-untyped-def]
    from app.services.card import access_keys

    data = json.loads((ROOT / "resources" / "cards" / f"{profile}.json").read_text("utf-8"))
    holder, document = data["holder"], data["document"]
    if document["kind"] == "id-card":
        return access_keys.from_id_and_dob(
            holder["id_number"], dt.date.fromisoformat(holder["birth"])
        )
    b, e = holder["birth"], document["expiry"]
    return access_keys.from_mrz(
        f"{document['document_number']},{b[2:4]}{b[5:7]}{b[8:10]},{e[2:4]}{e[5:7]}{e[8:10]}"
    )


def _secure_reads(reader: str, keys, reads: int) -> tuple[list[float], list[float], int, int, int]:  # type: ignore[no-untyped-def]
    from app.services.card.pcsc import PcscConnection
    from app.services.card.reader import read_card

    walls, cpus = [], []
    apdus = sent = received = 0
    for _ in range(reads):
        wall0, cpu0 = time.perf_counter(), time.process_time()
        with PcscConnection(reader) as connection:
            identity = read_card(connection, keys, None, atr=connection.atr)
        walls.append(time.perf_counter() - wall0)
        cpus.append(time.process_time() - cpu0)
        if identity.checks.passive.value == "failed" or identity.checks.active.value != "passed":
            raise SystemExit(f"benchmark read did not verify: {identity.checks}")
        apdus = connection.stats.apdu_count
        sent, received = connection.stats.bytes_sent, connection.stats.bytes_received
    return walls, cpus, apdus, sent, received


def _plain_reads(reader: str, apdus: int, reads: int) -> tuple[list[float], int]:
    """The same number of READ BINARY APDUs, unprotected (EF.CardAccess by SFI)."""
    from app.services.card.apdu import CommandApdu
    from app.services.card.pcsc import PcscConnection

    command = CommandApdu(0x00, 0xB0, 0x9C, 0x00, ne=256).to_bytes()
    walls = []
    received = 0
    for _ in range(reads):
        wall0 = time.perf_counter()
        with PcscConnection(reader) as connection:
            for _ in range(apdus):
                connection.transmit(command)
        walls.append(time.perf_counter() - wall0)
        received = connection.stats.bytes_received
    return walls, received


def measure(profile: str, port: int, reads: int) -> list[str]:
    reader = READERS[port]
    emulator = _start_emulator(profile, port)
    try:
        _wait_for_card(reader)
        keys = _keys(profile)
        _secure_reads(reader, keys, 2)  # warm-up: imports, first connection
        walls, cpus, apdus, sent, received = _secure_reads(reader, keys, reads)
        plain, plain_received = _plain_reads(reader, apdus, reads)
    finally:
        emulator.terminate()
        emulator.wait(timeout=10)
        _wait_for_card(reader, present=False)
    ms = 1000.0
    ratio = statistics.median(walls) / statistics.median(plain)
    return [
        f"{profile:14} {'full read':18} {statistics.median(walls) * ms:8.1f} {_percentile(walls, 0.99) * ms:8.1f} "
        f"{statistics.median(cpus) * ms:8.1f} {_percentile(cpus, 0.99) * ms:8.1f} {apdus:6d} {sent:7d} {received:8d}",
        f"{'':14} {'plain READ loop':18} {statistics.median(plain) * ms:8.1f} {_percentile(plain, 0.99) * ms:8.1f} "
        f"{'':8} {'':8} {apdus:6d} {'':7} {plain_received:8d}",
        f"{'':14} {'ratio full/plain':18} {ratio:8.2f}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reads", type=int, default=30)
    parser.add_argument("--profile", action="append", help="default: cccd-2021 and cancuoc-2024")
    parser.add_argument("--port", type=int, default=35964, choices=sorted(READERS))
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    profiles = args.profile or ["cccd-2021", "cancuoc-2024"]
    print(f"card_read: {args.reads} reads per profile, reader {READERS[args.port]!r}")
    print(
        f"{'profile':14} {'what':18} {'wall med':>8} {'wall p99':>8} {'cpu med':>8} {'cpu p99':>8} "
        f"{'APDUs':>6} {'sent B':>7} {'recv B':>8}   (times in ms)"
    )
    for profile in profiles:
        for line in measure(profile, args.port, args.reads):
            print(line)
    print("targets: wall median < 300 ms, host CPU median < 50 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
