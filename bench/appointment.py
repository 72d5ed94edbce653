"""Benchmark: computing an appointment (hẹn trả) — target median and p99 < 1 ms.

Random receipt times over 2025–2026 (so Tết, swaps and make-up Saturdays are crossed),
every unit and deadline of the shipped catalog, with and without a completion-request
pause. The calendar is loaded once, as in the app; its per-year tables are built on
first use, which the warm-up absorbs.

    .venv/bin/python -m bench.appointment [--n 20000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time

from app.services.calendar import VN_TZ, appointment, load_calendar
from app.services.catalog import Catalog
from app.shared import paths

CUTOFF = dt.time(16, 30)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20_000)
    args = ap.parse_args(argv)
    rng = random.Random(2026)
    calendar = load_calendar()
    procedures = Catalog.load(paths.RESOURCES / "procedures").procedures
    start = dt.datetime(2025, 1, 1, tzinfo=VN_TZ)
    cases = []
    for _ in range(args.n):
        received = start + dt.timedelta(minutes=rng.randrange(0, 720 * 24 * 60))
        pauses = []
        if rng.random() < 0.3:
            p0 = received + dt.timedelta(hours=rng.randrange(1, 72))
            pauses.append((p0, p0 + dt.timedelta(hours=rng.randrange(2, 200))))
        cases.append((received, rng.choice(procedures), pauses))
    for received, procedure, pauses in cases[:500]:
        appointment(calendar, received, procedure, CUTOFF, pauses)
    plain: list[float] = []
    paused: list[float] = []
    for received, procedure, pauses in cases:
        t = time.perf_counter()
        appointment(calendar, received, procedure, CUTOFF, pauses)
        (paused if pauses else plain).append((time.perf_counter() - t) * 1e3)
    print(f"appointments computed: {args.n:,}")
    print(f"{'case':28} {'n':>7} {'median ms':>10} {'p99 ms':>8} {'max ms':>8}  target < 1 ms")
    for label, values in (
        ("no pause", plain),
        ("one completion request", paused),
        ("all", plain + paused),
    ):
        values.sort()
        p99 = values[min(len(values) - 1, int(0.99 * len(values)))]
        ok = "ok" if p99 < 1 and statistics.median(values) < 1 else "MISSED"
        print(
            f"{label:28} {len(values):7} {statistics.median(values):10.4f} {p99:8.4f} {values[-1]:8.4f}  {ok}"
        )


if __name__ == "__main__":
    main()
