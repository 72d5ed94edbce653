"""The counter flow's two speeds an officer feels:

* card tap → filled form: from the reader reporting the card to every identity field
  on screen (chip read, passive + active + chip authentication, record look-up);
  target median < 1.0 s. Also shown: from the card touching the reader, which adds
  pcscd's polling of the virtual reader (a real USB reader interrupts instead);
* QR scan → filled form: from the scanner's first keystroke to the fields on screen;
  target < 150 ms.

Needs pcscd with the vpcd reader; uses "Virtual PCD 00 01" (port 35964).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")

RUNS = 15
PORT = 35964


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="motcua-bench-") as home:
        os.environ["MOTCUA_HOME"] = home
        _run()


def _run() -> None:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication, QLineEdit

    from app.services.calendar.store import CalendarStore
    from app.services.card.passive_auth import TrustStore
    from app.services.catalog.store import CatalogStore
    from app.services.demo import DEMO_PASSWORD, DEMO_USER, ensure_demo_data
    from app.services.security import accounts
    from app.services.storage.db import open_database
    from app.settings import Settings
    from app.shared import paths
    from app.ui.card_watch import CardWatcher
    from app.ui.demo_tools import VirtualCards, qr_text
    from app.ui.intake.controller import IntakeController
    from app.ui.intake.wedge import WedgeScanner
    from app.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    db = open_database(paths.database_file(True))
    ensure_demo_data(db)
    officer = accounts.authenticate(db, DEMO_USER, DEMO_PASSWORD)
    controller = IntakeController(
        db,
        Settings(),
        officer,
        CatalogStore(),
        CalendarStore(),
        TrustStore.from_folder(paths.RESOURCES / "trust"),
        TaskRunner(1),
        TaskRunner(1),
    )
    done: list[float] = []
    # The form is filled when the record look-up (on the database worker) is shown too.
    controller.record_changed.connect(lambda: done.append(time.perf_counter()))

    def wait(predicate, timeout: float = 15.0) -> None:  # type: ignore[no-untyped-def]
        end = time.perf_counter() + timeout
        while not predicate():
            if time.perf_counter() > end:
                raise RuntimeError("timed out")
            app.processEvents()
            time.sleep(0.001)

    # --- card tap → filled form --------------------------------------------------------
    from app.cardsim.profile import load_profile

    profile = load_profile("cccd-2021")
    watcher = CardWatcher("Virtual PCD 00 01")
    inserted_at: list[float] = []
    watcher.card_inserted.connect(lambda r, a: inserted_at.append(time.perf_counter()))
    watcher.card_inserted.connect(controller.card_inserted)
    watcher.card_removed.connect(controller.card_removed)
    watcher.start()
    cards = VirtualCards(port=PORT)
    from_event, from_touch, cpu = [], [], []
    controller.qr_scanned(qr_text(profile))  # the keys, as the officer's first scan gives
    for _ in range(RUNS):
        done.clear()
        inserted_at.clear()
        touched = time.perf_counter()
        cpu_before = time.process_time()
        cards.insert("cccd-2021")
        wait(lambda: bool(done) and controller.state.identity.source.value == "chip")
        from_event.append(done[-1] - inserted_at[-1])
        from_touch.append(done[-1] - touched)
        cpu.append(time.process_time() - cpu_before)
        cards.remove()
        wait(lambda: controller.card_reader == "")
    watcher.stop()

    # --- QR scan → filled form ---------------------------------------------------------
    scanner = WedgeScanner()
    app.installEventFilter(scanner)
    scanner.scanned.connect(controller.qr_scanned)
    target = QLineEdit()
    target.show()
    text = qr_text(load_profile("cancuoc-2024"))
    qr_times = []
    for _ in range(RUNS):
        done.clear()
        started = time.perf_counter()
        for char in text:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                app.sendEvent(target, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            app.sendEvent(
                target, QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r")
            )
        wait(lambda: bool(done))
        qr_times.append(done[-1] - started)
    db.dispose()

    def ms(values: list[float], q: str = "median") -> str:
        v = statistics.median(values) if q == "median" else max(values)
        return f"{v * 1000:8.1f} ms"

    print(f"{'figure':<48} {'median':>11} {'max':>11} {'target':>10}")
    print(
        f"{'card tap → filled form (from reader event)':<48} {ms(from_event)} {ms(from_event, 'max')} {'< 1000 ms':>10}"
    )
    print(
        f"{'card touches reader → filled form (+ pcscd poll)':<48} {ms(from_touch)} {ms(from_touch, 'max')} {'':>10}"
    )
    print(f"{'host CPU per card read and display':<48} {ms(cpu)} {ms(cpu, 'max')} {'':>10}")
    print(f"{'QR scan → filled form':<48} {ms(qr_times)} {ms(qr_times, 'max')} {'< 150 ms':>10}")


if __name__ == "__main__":
    main()
