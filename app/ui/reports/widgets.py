"""The reports page's pieces: headline tiles and read-only count tables."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

RED, GREEN, AMBER = "#b00020", "#1b5e20", "#8a5a00"


class Tile(QFrame):
    """One headline number with its caption."""

    def __init__(self, caption: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"tile-{name}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value = QLabel("0")
        self.value.setObjectName(f"tile-{name}-value")
        self.value.setStyleSheet("font-size: 18pt; font-weight: bold;")
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set(self, text: str, colour: str = "") -> None:
        self.value.setText(text)
        style = "font-size: 18pt; font-weight: bold;"
        self.value.setStyleSheet(style + (f" color: {colour};" if colour else ""))


def count_table(name: str, headings: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headings))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headings)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.setAlternatingRowColors(True)
    # Compact rows: the verification table's six lines fit without a scroll bar.
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(False)
    return table


def fit_rows(table: QTableWidget, rows: int) -> None:
    """Tall enough for ``rows`` lines without a scroll bar (these tables have fixed lines)."""
    header = table.horizontalHeader().sizeHint().height()
    line = table.verticalHeader().defaultSectionSize()
    table.setMinimumHeight(header + rows * line + 2 * table.frameWidth() + 2)


def fill(table: QTableWidget, rows: list[list[Any]]) -> None:
    """Texts left, numbers right (so digits line up)."""
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(str(value))
            if isinstance(value, int):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
