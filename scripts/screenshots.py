"""``make screenshots``: render the windows an officer sees into docs/screenshots/.

Runs under the Xvfb display started by scripts/with-services.sh (a real X server, so
fonts and styles are those of a desktop), on a throw-away demo data folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def save(widget: QWidget, name: str) -> None:
    QApplication.processEvents()
    widget.grab().save(str(OUT / f"{name}.png"))
    print(f"docs/screenshots/{name}.png")


def run_steps(steps: list[Callable[[], None] | int]) -> None:
    """Runs each step after the event loop has painted the previous one; an int in
    the list waits that many milliseconds (a chip read, a save)."""

    def next_step() -> None:
        if steps:
            step = steps.pop(0)
            if isinstance(step, int):
                QTimer.singleShot(step, next_step)
                return
            step()
            QTimer.singleShot(150, next_step)

    QTimer.singleShot(300, next_step)


def trigger(window: QWidget, text_start: str) -> None:
    """Use a menu action the way the officer would (by its text)."""
    from PySide6.QtGui import QAction

    for action in window.findChildren(QAction):
        if action.text().replace("&", "").startswith(text_start):
            action.trigger()
            return
    raise RuntimeError(f"no action {text_start!r}")


def main() -> int:
    os.environ.setdefault("MOTCUA_HOME", tempfile.mkdtemp(prefix="motcua-shots-"))
    if not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    OUT.mkdir(parents=True, exist_ok=True)

    from app.services.demo import DEMO_PASSWORD
    from app.ui.application import run_gui

    app = QApplication.instance() or QApplication(sys.argv)
    state: dict[str, object] = {}

    def login_shot() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        state["login"] = dialog
        save(dialog, "login")

    def log_in() -> None:
        dialog = state["login"]
        dialog.password.setText(DEMO_PASSWORD)  # type: ignore[attr-defined]
        dialog.try_login()  # type: ignore[attr-defined]

    def main_window() -> QWidget:
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == "main_window" and widget.isVisible():
                return widget
        raise RuntimeError("main window not shown")

    def page(key: str, name: str) -> Callable[[], None]:
        def shot() -> None:
            window = main_window()
            if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
                window.resize(1366, 720)  # a common counter screen, less the taskbar
            # on a real screen (make screenshots: a 1366×768 Xvfb) the window keeps the
            # size the app fitted to the screen's available area, status bar included
            window.show_page(key)  # type: ignore[attr-defined]
            save(window, name)

        return shot

    def intake(action: str) -> Callable[[], None]:
        return lambda: trigger(main_window(), action)

    def type_procedure() -> None:
        page_widget = main_window().findChild(QWidget, "intake_page")
        page_widget.search.setText("602")  # type: ignore[attr-defined]
        page_widget._pick_first()  # type: ignore[attr-defined]
        page_widget.c.all_received()  # type: ignore[attr-defined]

    def save_intake() -> None:
        main_window().findChild(QWidget, "intake_page").save()  # type: ignore[attr-defined]

    run_steps(
        [
            login_shot,
            log_in,
            page("intake", "main-window"),
            intake("Đặt thẻ: CCCD gắn chip 2021"),
            1500,
            page("intake", "intake-1-card-on-reader"),
            intake("Quét mã QR: CCCD gắn chip 2021"),
            2500,
            page("intake", "intake-2-identified"),
            type_procedure,
            page("intake", "intake-3-procedure-documents"),
            save_intake,
            3000,
            page("intake", "intake-4-saved-printed"),
            intake("Nhấc thẻ ra"),
            intake("Đặt thẻ: CCCD 2021 bị sao chép"),
            1500,
            intake("Quét mã QR: CCCD gắn chip 2021"),
            2500,
            page("intake", "intake-clone-detected"),
            intake("Nhấc thẻ ra"),
            page("dossiers", "dossiers"),
            page("reports", "reports"),
            page("settings", "settings"),
            QApplication.quit,
        ]
    )
    run_gui(demo=True)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
