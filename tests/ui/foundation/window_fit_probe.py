"""Run as a child process by test_window_fit.py: opens the signed-in demo main window
on whatever screen the Qt platform gives (offscreen with a configured screen size, or
a real X server), waits for it to settle and prints its geometry as JSON."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main(data_dir: str) -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from app.services.demo import DEMO_PASSWORD, DEMO_USER, ensure_demo_data
    from app.services.security import accounts, blobs
    from app.services.security.keys import KeySet, new_secret
    from app.services.storage.db import open_database
    from app.settings import Settings
    from app.ui.session import CounterSession

    blobs.use_keys(KeySet(new_secret()))
    db = open_database(Path(data_dir) / "fit.sqlite3")
    ensure_demo_data(db)
    session = CounterSession(db, Settings(), demo=True, start_sync=False)
    session.start_signed_in(accounts.authenticate(db, DEMO_USER, DEMO_PASSWORD))
    main_window = session.main
    assert main_window is not None
    deadline = time.monotonic() + 2.0  # a window manager maps and maximises meanwhile
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.05)
    bar = main_window.statusBar()
    bar_top = bar.mapToGlobal(bar.rect().topLeft())
    bar_bottom = bar.mapToGlobal(bar.rect().bottomRight())
    avail = main_window.screen().availableGeometry()
    frame = main_window.frameGeometry()
    out = {
        "available": [avail.x(), avail.y(), avail.width(), avail.height()],
        "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
        "status_bar": [bar_top.x(), bar_top.y(), bar_bottom.x(), bar_bottom.y()],
        "status_bar_visible": bar.isVisible(),
        "window_id": int(main_window.winId()),
        "reader_status_visible": main_window.reader_status.isVisible(),
    }
    print("FIT " + json.dumps(out), flush=True)
    session.shutdown()
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
