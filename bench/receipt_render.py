"""Benchmark: rendering the receipt (form 01, both copies) to PDF.

Target: median < 30 ms per receipt, so printing feels instant at the counter. The
baseline is a minimal one-page reportlab PDF (one line of core-font text): the
ratio shows what the receipt's own layout, Vietnamese TTF subsetting and vector QR
code cost over reportlab's fixed overhead. Fonts are registered once before timing
(the app does it once per process). Also times the 80 mm receipt and rasterising
the receipt for printing (300 dpi, both pages).

    .venv/bin/python -m bench.receipt_render [--runs 200]
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable

from reportlab.pdfgen.canvas import Canvas

from app.services.forms import render_receipt, render_receipt_80mm, samples
from app.services.forms.fonts import register_fonts
from app.services.printing import render_pages

TARGET_MS = 30.0


def minimal_pdf() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, "MotCua")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def measure(job: Callable[[], object], runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds per run. CPU time shows the cost itself when other
    processes share the machine (wall time then includes waiting for a core)."""
    job()  # warm-up: imports, caches
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        job()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return sorted(wall), sorted(cpu)


def p99(values: list[float]) -> float:
    return values[min(len(values) - 1, round(0.99 * (len(values) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args(argv)
    register_fonts()
    data = samples.receipt()
    receipt_pdf = render_receipt(data, samples.AGENCY)
    rows = [
        ("minimal reportlab PDF", measure(minimal_pdf, args.runs)),
        ("receipt A4, 2 copies", measure(lambda: render_receipt(data, samples.AGENCY), args.runs)),
        ("receipt 80 mm", measure(lambda: render_receipt_80mm(data, samples.AGENCY), args.runs)),
        (
            "rasterise A4 x2 @300dpi",
            measure(lambda: render_pages(receipt_pdf, 300), max(10, args.runs // 10)),
        ),
    ]
    baseline = statistics.median(rows[0][1][0])
    print(
        f"{'what':<26} {'runs':>5} {'median ms':>10} {'p99 ms':>8} {'max ms':>8} "
        f"{'cpu med ms':>10} {'x minimal':>10}"
    )
    for name, (wall, cpu) in rows:
        median = statistics.median(wall)
        print(
            f"{name:<26} {len(wall):>5} {median:>10.2f} {p99(wall):>8.2f} {wall[-1]:>8.2f} "
            f"{statistics.median(cpu):>10.2f} {median / baseline:>10.1f}"
        )
    receipt_median = statistics.median(rows[1][1][0])
    verdict = "OK" if receipt_median < TARGET_MS else "OVER TARGET"
    print(f"\nreceipt median {receipt_median:.2f} ms, target < {TARGET_MS:.0f} ms: {verdict}")
    print(f"receipt PDF size: {len(receipt_pdf) / 1024:.1f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
