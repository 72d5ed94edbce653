"""At the counter: a scan the scanner drops into its folder joins the citizen being
served, and once the dossier is saved its plaintext original is gone from the
folder (the content is in the encrypted store). Printing goes to a stand-in ``lp``
(no CUPS)."""

from __future__ import annotations

import os
import stat
import sys

from PIL import Image

from app.services.attachments import dossier_attachments

FAKE_LP = "#!{python}\nimport sys\nsys.stdin.buffer.read()\nprint('request id is PDF-1')\n"


def test_the_original_leaves_the_scanner_folder_when_the_dossier_is_saved(
    qtbot, session, tmp_path, monkeypatch
):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    lp = bin_dir / "lp"
    lp.write_text(FAKE_LP.format(python=sys.executable))
    lp.chmod(lp.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.delenv("MOTCUA_PRINT_RASTER", raising=False)

    folder = tmp_path / "scanner"
    folder.mkdir()
    session._settings_saved(session.settings.replace(scan_folder=str(folder)))
    Image.new("RGB", (800, 1100), "white").save(folder / "giay-kham-benh.jpg", "JPEG")
    page = session.intake_page
    qtbot.waitUntil(lambda: len(page.attachments.pending_files()) == 1, timeout=10000)
    (taken,) = page.attachments.pending_files()
    assert taken.parent == folder / "taken" and taken.exists()  # waiting for the save

    session.intake.choose_procedure("602")
    session.intake.all_received()
    page.save()
    qtbot.waitUntil(lambda: session.intake.last_saved is not None, timeout=20000)
    with session.db.session() as s:
        (stored,) = dossier_attachments(s, session.intake.last_saved.dossier_id)
    assert not taken.exists() and list((folder / "taken").iterdir()) == []
    assert session.attachments.read(stored)[:3] == b"\xff\xd8\xff"  # kept, encrypted at rest
    assert not session.attachments.content_path(stored.sha256).read_bytes().startswith(b"\xff\xd8")
