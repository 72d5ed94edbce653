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
    intake = _intake_fit(app, session)
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
        "intake": intake,
    }
    print("FIT " + json.dumps(out), flush=True)
    session.shutdown()
    db.dispose()
    return 0


def _intake_fit(app, session) -> dict:  # type: ignore[no-untyped-def]
    """The intake page with a citizen and a procedure of many papers on screen: where
    its columns end against the page's viewport (nothing should need scrolling
    sideways). ``MOTCUA_FIT_SHOT``: also save a screenshot of the window there."""
    import datetime as dt
    import os

    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QScrollArea, QWidget

    from app.services.identity import Identity, IdentitySource

    # The demo's first card holder: BHXH's record of her is shown beside the card's
    # data, with an older address (the longest content the left column holds).
    session.intake.typed(
        Identity(
            "001188012345",
            "Trần Thị Thu Hà",
            dt.date(1988, 3, 15),
            "Nữ",
            IdentitySource.TYPED,
            dob_text="15/03/1988",
            place_of_origin="Xã Thử Nghiệm Một, Huyện Thử Nghiệm Hai, Tỉnh Thử Nghiệm Ba",
            # A long address: it wraps in its column, it does not widen it.
            residence="Số 12, ngõ 345 đường Thử Nghiệm Dài Hơn Thường Lệ, Phường Thử Nghiệm "
            "Mới Thành Lập, Thành phố Thử Nghiệm, Tỉnh Thử Nghiệm (địa chỉ cũ: Xóm Thử)",
        )
    )
    session.intake.choose_procedure("TU-TUAT")  # three papers, long names
    page = session.intake_page
    deadline = time.monotonic() + 2.0  # the look-up answers on the database worker
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.05)
    scroll = page.findChild(QScrollArea, "intake_scroll")
    viewport = scroll.viewport()

    def right_edge(widget) -> int:  # type: ignore[no-untyped-def]
        return widget.mapTo(viewport, QPoint(widget.width(), 0)).x()

    docs, header = page.docs, page.docs.horizontalHeader()
    columns = [
        [header.sectionViewportPosition(c), header.sectionSize(c)]
        for c in range(docs.columnCount())
    ]
    shot = os.environ.get("MOTCUA_FIT_SHOT")
    if shot:
        session.main.grab().save(shot)
    return {
        "page_visible": page.isVisible(),
        "viewport_width": viewport.width(),
        "hscroll_visible": scroll.horizontalScrollBar().isVisible(),
        "docs_hscroll_visible": docs.horizontalScrollBar().isVisible(),
        "docs_viewport_width": docs.viewport().width(),
        "docs_columns": columns,
        "docs_right": right_edge(docs),
        "procedures_right": right_edge(page.results),
        "procedures_hscroll_visible": page.results.horizontalScrollBar().isVisible(),
        "rows": docs.rowCount(),
        "citizen_column": page.findChild(QWidget, "citizen_column").width(),
        "papers_column": page.findChild(QWidget, "papers_column").width(),
    }


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
