"""Full chip read through pcscd and the emulator, against the transport's own limit.

Run from the repository root with pcscd running::

    .venv/bin/python -m bench.card_read [--reads 30] [--profile cccd-2021] [--port 35964]

The emulator runs as a subprocess on the vpcd port, so ``time.process_time`` counts the
reader's CPU only. For each profile it prints median and p99 of wall time and host
CPU over N full reads (EF.COM, DG14 + Chip Authentication, DG1, DG13, DG2, DG15 +
Active Authentication, EF.SOD + passive authentication), APDUs and bytes, beside a
plain read of the same files in the same chunks (each READ BINARY of the full read
recorded and replayed on an emulator started with ``open-files``: no secure
messaging, no crypto) and the ratio of the two. Then a figure for a real contactless
link: the measured read plus its bytes on air at 424 kbit/s and a per-APDU
turnaround, against the floor for the file bytes alone in the fewest APDUs.
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


def _start_emulator(profile: str, port: int, *faults: str) -> subprocess.Popen[bytes]:
    fault_args = [arg for fault in faults for arg in ("--fault", fault)]
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "app.cardsim",
            "--profile",
            profile,
            "--port",
            str(port),
            *fault_args,
        ],
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


class _ChunkRecorder:
    """Records every READ BINARY the reader makes (P1, P2, Le) during one read, so
    the baseline reads the same files in the same chunks."""

    def __init__(self) -> None:
        self.chunks: list[tuple[int, int, int]] = []
        self.payload = 0  # file bytes delivered to the reader
        self.files: list[int] = []  # bytes of each file read
        self.largest_answer = 0  # the most the card gave in one READ BINARY

    def __enter__(self) -> _ChunkRecorder:
        from app.services.card.files import FileReader

        self._original = FileReader._read_at
        recorder = self

        def read_at(reader: FileReader, p1: int, p2: int, length: int) -> bytes:
            data = recorder._original(reader, p1, p2, length)
            recorder.chunks.append((p1, p2, length))
            recorder.payload += len(data)
            recorder.largest_answer = max(recorder.largest_answer, len(data))
            if p1 & 0x80:  # by short file identifier: the first chunk of a file
                recorder.files.append(0)
            if recorder.files:
                recorder.files[-1] += len(data)
            return data

        FileReader._read_at = read_at  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        from app.services.card.files import FileReader

        FileReader._read_at = self._original  # type: ignore[method-assign]


def _record_chunks(reader: str, keys) -> _ChunkRecorder:  # type: ignore[no-untyped-def]
    from app.services.card.pcsc import PcscConnection
    from app.services.card.reader import read_card

    with _ChunkRecorder() as recorder, PcscConnection(reader) as connection:
        read_card(connection, keys, None, atr=connection.atr)
    return recorder


def _plain_reads(
    reader: str, chunks: list[tuple[int, int, int]], reads: int
) -> tuple[list[float], int, int]:
    """The same files in the same chunks, without secure messaging or crypto: the
    emulator runs with ``open-files`` and each recorded READ BINARY is replayed."""
    from app.services.card.apdu import CommandApdu, exchange
    from app.services.card.files import select_application
    from app.services.card.pcsc import PcscConnection

    commands = [CommandApdu(0x00, 0xB0, p1, p2, ne=le) for p1, p2, le in chunks]
    walls = []
    received = apdus = 0
    for _ in range(reads):
        wall0 = time.perf_counter()
        with PcscConnection(reader) as connection:
            select_application(connection)
            for command in commands:
                exchange(connection, command)
        walls.append(time.perf_counter() - wall0)
        received, apdus = connection.stats.bytes_received, connection.stats.apdu_count
    return walls, received, apdus


# A contactless link as the counters' readers have it: ISO/IEC 14443 at 424 kbit/s,
# and a turnaround per APDU (frame waiting, reader firmware, card processing) that
# the emulator over vpcd does not have. 4 ms is a conservative figure for a USB
# PC/SC reader talking to an ID-card chip; change it with --turnaround-ms.
LINK_BITS_PER_SECOND = 424_000


def _contactless_ms(apdus: int, wire_bytes: int, turnaround_ms: float) -> float:
    # ~10 bits per byte on air (start/parity framing) is ISO 14443's cost per byte.
    return wire_bytes * 10 / LINK_BITS_PER_SECOND * 1000 + apdus * turnaround_ms


def measure(profile: str, port: int, reads: int, turnaround_ms: float) -> list[str]:
    reader = READERS[port]
    emulator = _start_emulator(profile, port)
    try:
        _wait_for_card(reader)
        keys = _keys(profile)
        _secure_reads(reader, keys, 2)  # warm-up: imports, first connection
        walls, cpus, apdus, sent, received = _secure_reads(reader, keys, reads)
        recorder = _record_chunks(reader, keys)
    finally:
        emulator.terminate()
        emulator.wait(timeout=10)
        _wait_for_card(reader, present=False)
    emulator = _start_emulator(profile, port, "open-files")
    try:
        _wait_for_card(reader)
        plain, plain_received, plain_apdus = _plain_reads(reader, recorder.chunks, reads)
    finally:
        emulator.terminate()
        emulator.wait(timeout=10)
        _wait_for_card(reader, present=False)
    ms = 1000.0
    ratio = statistics.median(walls) / statistics.median(plain)
    # Real link: what the emulator measured plus air time and turnarounds; the floor is
    # the file bytes alone on air in the fewest APDUs the card's maximum answer allows.
    link = statistics.median(walls) * ms + _contactless_ms(apdus, sent + received, turnaround_ms)
    largest = max(recorder.largest_answer, 1)
    floor_apdus = sum(-(-size // largest) for size in recorder.files)
    floor = _contactless_ms(floor_apdus, recorder.payload, turnaround_ms)
    return [
        f"{profile:14} {'full read':22} {statistics.median(walls) * ms:8.1f} {_percentile(walls, 0.99) * ms:8.1f} "
        f"{statistics.median(cpus) * ms:8.1f} {_percentile(cpus, 0.99) * ms:8.1f} {apdus:6d} {sent:7d} {received:8d}",
        f"{'':14} {'plain read, same chunks':22} {statistics.median(plain) * ms:8.1f} {_percentile(plain, 0.99) * ms:8.1f} "
        f"{'':8} {'':8} {plain_apdus:6d} {'':7} {plain_received:8d}",
        f"{'':14} {'ratio full/plain':22} {ratio:8.2f}   ({len(recorder.chunks)} READ BINARY, "
        f"{recorder.payload} file bytes)",
        f"{'':14} {f'424 kbit/s + {turnaround_ms:g} ms/APDU':22} {link:8.1f}   floor for those "
        f"{recorder.payload} bytes: {floor:.1f} ms in {floor_apdus} APDUs (×{link / floor:.2f})",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reads", type=int, default=30)
    parser.add_argument("--profile", action="append", help="default: cccd-2021 and cancuoc-2024")
    parser.add_argument("--port", type=int, default=35964, choices=sorted(READERS))
    parser.add_argument("--turnaround-ms", type=float, default=4.0, help="per-APDU turnaround")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    profiles = args.profile or ["cccd-2021", "cancuoc-2024"]
    print(f"card_read: {args.reads} reads per profile, reader {READERS[args.port]!r}")
    print(
        f"{'profile':14} {'what':22} {'wall med':>8} {'wall p99':>8} {'cpu med':>8} {'cpu p99':>8} "
        f"{'APDUs':>6} {'sent B':>7} {'recv B':>8}   (times in ms)"
    )
    for profile in profiles:
        for line in measure(profile, args.port, args.reads, args.turnaround_ms):
            print(line)
    print("targets: wall median < 300 ms, host CPU median < 50 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
