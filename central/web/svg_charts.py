"""Charts drawn on the server as inline SVG: no script, nothing the page's CSP forbids.

Colours are presentation attributes (``fill``), not ``style``: the back office's CSP
allows no inline styles. Every chart carries a ``<title>`` and a text table beside it
on the page, so a screen reader and a keyboard user read the same figures; each bar
is a link (Tab reaches it) to the dossiers behind it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

PALETTE = ("#0b5cad", "#d97706", "#2e7d32", "#a3261d", "#6b4fa0", "#00838f", "#5d6b7a")
FONT = 'font-family="Noto Sans, DejaVu Sans, sans-serif"'


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float
    text: str  # what is written at the end of the bar ("12 (40,0%)")
    href: str = ""


def bar_chart(title: str, bars: Sequence[Bar], *, width: int = 560) -> Markup:
    """Horizontal bars, one a row, labels on the left; longest bar = the largest value."""
    row, label_w, pad = 26, 220, 6
    height = pad * 2 + row * max(len(bars), 1) + 22
    top = max((b.value for b in bars), default=0) or 1
    room = width - label_w - 110
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" {FONT} font-size="12">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="14" font-weight="700" font-size="13">{escape(title)}</text>',
    ]
    for i, bar in enumerate(bars):
        y = 22 + pad + i * row
        length = max(1.0, room * bar.value / top) if bar.value else 0.0
        rect = (
            f'<rect x="{label_w}" y="{y + 4}" width="{length:.1f}" height="{row - 10}" '
            f'fill="{PALETTE[i % len(PALETTE)]}"><title>{escape(bar.label)}: '
            f"{escape(bar.text)}</title></rect>"
        )
        if bar.href:
            rect = f'<a href="{escape(bar.href)}">{rect}</a>'
        parts += [
            f'<text x="{label_w - 6}" y="{y + row / 2 + 3:.0f}" text-anchor="end">'
            f"{escape(_clip(bar.label, 34))}</text>",
            rect,
            f'<text x="{label_w + length + 6:.1f}" y="{y + row / 2 + 3:.0f}">'
            f"{escape(bar.text)}</text>",
        ]
    parts.append("</svg>")
    return Markup("".join(parts))


def trend_chart(
    title: str,
    days: Sequence[dt.date],
    series: Sequence[tuple[str, Sequence[int]]],
    *,
    width: int = 560,
    height: int = 220,
) -> Markup:
    """One line a series over the days, a legend under it, the largest value on the axis."""
    left, right, top_pad, legend = 40, 12, 26, 18 * ((len(series) + 1) // 2)
    plot_h = height - top_pad - 24 - legend
    plot_w = width - left - right
    top = max((v for _n, values in series for v in values), default=0) or 1
    step = plot_w / max(len(days) - 1, 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" {FONT} font-size="11">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="14" font-weight="700" font-size="13">{escape(title)}</text>',
        f'<line x1="{left}" y1="{top_pad}" x2="{left}" y2="{top_pad + plot_h}" stroke="#9aa6b2"/>',
        f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{width - right}" '
        f'y2="{top_pad + plot_h}" stroke="#9aa6b2"/>',
        f'<text x="{left - 4}" y="{top_pad + 4}" text-anchor="end">{top}</text>',
        f'<text x="{left - 4}" y="{top_pad + plot_h}" text-anchor="end">0</text>',
    ]
    if days:
        parts += [
            f'<text x="{left}" y="{top_pad + plot_h + 14}">{days[0]:%d/%m}</text>',
            f'<text x="{width - right}" y="{top_pad + plot_h + 14}" text-anchor="end">'
            f"{days[-1]:%d/%m}</text>",
        ]
    for i, (name, values) in enumerate(series):
        colour = PALETTE[i % len(PALETTE)]
        points = " ".join(
            f"{left + k * step:.1f},{top_pad + plot_h - plot_h * v / top:.1f}"
            for k, v in enumerate(values)
        )
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2">'
            f"<title>{escape(name)}: {sum(values)}</title></polyline>"
        )
        lx = left + (i % 2) * (plot_w / 2)
        ly = top_pad + plot_h + 30 + (i // 2) * 18
        parts += [
            f'<rect x="{lx:.0f}" y="{ly - 9}" width="12" height="4" fill="{colour}"/>',
            f'<text x="{lx + 16:.0f}" y="{ly - 4}">{escape(_clip(name, 40))}</text>',
        ]
    parts.append("</svg>")
    return Markup("".join(parts))


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"
