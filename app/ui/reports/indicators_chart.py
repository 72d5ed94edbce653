"""Charts of the indicators page, drawn with QPainter (no Qt Charts add-on needed).

``BarChart``: one horizontal bar per figure, its share written beside it; a click (or
Enter on the focused bar, Up/Down to move) emits the figure's key so the page lists
the dossiers behind it. ``TrendChart``: dossiers per day and, under them, those whose
citizen was identified by a chip with a trusted chain.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR = QColor("#1565c0")
FOCUS = QColor("#ef6c00")
GRID = QColor("#cfd8dc")
TEXT = QColor("#263238")


class BarChart(QWidget):
    figure_clicked = Signal(str)  # the figure's key

    ROW = 22

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.bars: list[tuple[str, str, int, float | None]] = []  # key, label, count, share
        self.current = 0

    def set_bars(self, bars: Sequence[tuple[str, str, int, float | None]]) -> None:
        self.bars = list(bars)
        self.current = min(self.current, max(len(self.bars) - 1, 0))
        self.setFixedHeight(max(1, len(self.bars)) * self.ROW + 8)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, max(1, len(self.bars)) * self.ROW + 8)

    def _label_width(self) -> float:
        return min(self.width() * 0.42, 240.0)

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        label_w = self._label_width()
        bar_w = max(self.width() - label_w - 90, 10)
        for i, (_key, label, count, share) in enumerate(self.bars):
            top = 4 + i * self.ROW
            p.setPen(TEXT)
            p.drawText(
                QRectF(0, top, label_w - 6, self.ROW),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(GRID)
            p.drawRect(QRectF(label_w, top + 4, bar_w, self.ROW - 8))
            focused = self.hasFocus() and i == self.current
            p.setBrush(FOCUS if focused else BAR)
            p.drawRect(QRectF(label_w, top + 4, bar_w * (share or 0.0), self.ROW - 8))
            p.setPen(TEXT)
            text = f"{count} ({share:.0%})" if share is not None else str(count)
            p.drawText(
                QRectF(label_w + bar_w + 6, top, 84, self.ROW),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
        p.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        row = int((event.position().y() - 4) // self.ROW)
        if 0 <= row < len(self.bars):
            self.current = row
            self.update()
            self.figure_clicked.emit(self.bars[row][0])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.bars:
            step = -1 if key == Qt.Key.Key_Up else 1
            self.current = (self.current + step) % len(self.bars)
            self.update()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.bars:
            self.figure_clicked.emit(self.bars[self.current][0])
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)


class TrendChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(120)
        self.days: list[tuple[dt.date, int, int]] = []
        self.legend = ("", "")

    def set_days(self, days: Sequence[tuple[dt.date, int, int]], legend: tuple[str, str]) -> None:
        self.days, self.legend = list(days), legend
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        left, top, right, bottom = 30.0, 18.0, 8.0, 18.0
        w, h = self.width() - left - right, self.height() - top - bottom
        p.setPen(QPen(GRID, 1))
        p.drawLine(QPointF(left, top + h), QPointF(left + w, top + h))
        peak = max([n for _d, n, _c in self.days] + [1])
        p.setPen(TEXT)
        p.drawText(QRectF(0, top - 6, left - 4, 14), Qt.AlignmentFlag.AlignRight, str(peak))
        p.drawText(QRectF(0, top + h - 8, left - 4, 14), Qt.AlignmentFlag.AlignRight, "0")
        if len(self.days) >= 1:
            step = w / max(len(self.days) - 1, 1)
            for series, colour in ((1, BAR), (2, FOCUS)):
                points = [
                    QPointF(left + i * step, top + h - h * day[series] / peak)
                    for i, day in enumerate(self.days)
                ]
                p.setPen(QPen(colour, 2))
                for a, b in itertools.pairwise(points):
                    p.drawLine(a, b)
                for point in points:
                    p.drawEllipse(point, 2.0, 2.0)
            p.setPen(TEXT)
            first, last = self.days[0][0], self.days[-1][0]
            p.drawText(
                QRectF(left, top + h + 2, 80, 14), Qt.AlignmentFlag.AlignLeft, f"{first:%d/%m}"
            )
            p.drawText(
                QRectF(left + w - 80, top + h + 2, 80, 14),
                Qt.AlignmentFlag.AlignRight,
                f"{last:%d/%m}",
            )
        for i, (text, colour) in enumerate(zip(self.legend, (BAR, FOCUS), strict=True)):
            x = left + 8 + i * w / 2
            p.setPen(QPen(colour, 3))
            p.drawLine(QPointF(x, 8), QPointF(x + 16, 8))
            p.setPen(TEXT)
            p.drawText(QRectF(x + 20, 0, w / 2 - 24, 16), Qt.AlignmentFlag.AlignVCenter, text)
        p.end()
