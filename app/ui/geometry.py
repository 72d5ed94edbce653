"""Window sizes from the screen the window is on, not fixed pixels.

Counter PCs often have 1366×768 or 1280×720 screens with a task bar: a window asked
for at a fixed 1200×800 puts its status bar (reader, sync, officer) off the bottom.
``fit_to_screen`` caps the wanted size at the screen's *available* geometry (task
bar excluded), leaves room for a window manager's title bar and borders, and centres
the window there. Without a window manager (kiosk, Xvfb) the window is placed exactly
where asked; with one, small screens get the window maximised as well.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

# Room kept for a title bar and borders drawn by a window manager (Windows 10/11 and
# the usual Linux desktops draw ≈ 30–40 px of title bar and 1–8 px of borders).
FRAME_ALLOWANCE = QSize(16, 40)


def screen_of(widget: QWidget) -> QScreen:
    parent = widget.parentWidget()
    screen = (parent.window().screen() if parent is not None else None) or widget.screen()
    return screen or QGuiApplication.primaryScreen()


def fitted_rect(wanted: QSize, available: QRect, minimum: QSize | None = None) -> QRect:
    """The window's size (client area) and its frame's top-left corner, for a window
    that wants ``wanted`` on the ``available`` part of a screen."""
    room = available.size() - FRAME_ALLOWANCE
    width = min(wanted.width(), room.width())
    height = min(wanted.height(), room.height())
    if minimum is not None:  # never below what the layout needs, never above the screen
        width = min(max(width, minimum.width()), available.width())
        height = min(max(height, minimum.height()), available.height())
    left = available.x() + max(0, available.width() - width - FRAME_ALLOWANCE.width()) // 2
    top = available.y() + max(0, available.height() - height - FRAME_ALLOWANCE.height()) // 2
    return QRect(left, top, width, height)


def is_small(wanted: QSize, available: QRect) -> bool:
    room = available.size() - FRAME_ALLOWANCE
    return wanted.width() > room.width() or wanted.height() > room.height()


def fit_to_screen(widget: QWidget, wanted: QSize) -> bool:
    """Size and place ``widget`` for its screen; True when the screen is too small for
    ``wanted`` (a main window is then shown maximised)."""
    available = screen_of(widget).availableGeometry()
    rect = fitted_rect(wanted, available, widget.minimumSizeHint())
    widget.resize(rect.size())
    widget.move(rect.topLeft())  # move() places the frame: the title bar stays on screen
    return is_small(wanted, available)
