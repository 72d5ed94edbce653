"""A day at the counter leaves no citizen's name or ID number in plaintext on disk.

Three citizens are received through the services on the encrypted store, with
scans from the scanner's folder (one taken with the dossier as the intake screen
does, one imported by the folder poll; the scans themselves carry the ID number and
the file names the citizen's name); their receipts are rendered by the reprint
service and spooled through ``lp`` (a stand-in that keeps the job's control data
in a spool folder, as CUPS does once a job is printed); the day is pushed to an
in-process central service; the app logs at DEBUG to its log file. Then every file
in the data, config, log and temp folders, the scanner's folder and the spool is
searched for the names (with and without diacritics, NFD, upper case, single
words) and ID numbers. The central service's own database (another machine) is
the control: the same search finds the ID numbers there. No pcscd, no CUPS.
"""

from __future__ import annotations

import io
import logging
import os
import stat
import sys
import tempfile
from pathlib import Path

from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from security_factories import CITIZENS, personal_needles
from sqlalchemy import select

from app.services import reprint
from app.services.attachments import AttachmentStore
from app.services.calendar import load_calendar
from app.services.catalog import Catalog
from app.services.dossiers import IntakeOptions, IntakeRequest, ReceivedPaper, create_dossier
from app.services.identity import Identity, IdentitySource
from app.services.printing import spool_pdf
from app.services.scan_folder import ScanFolder
from app.services.security.database import open_local
from app.services.storage.models import Counter, Office, Officer
from app.services.sync.engine import SyncConfig, SyncEngine
from app.settings import Settings
from app.shared import paths
from central.seed import DEMO_OFFICE
from testkit.counter_sim import setup_counter
from testkit.embedded_central import start_embedded

# A stand-in for CUPS' lp: the job's control data (title, options) stays in the
# spool, the document is read and then gone, as CUPS does after printing.
FAKE_LP = """#!{python}
import os, sys, time
spool = os.environ["MOTCUA_TEST_SPOOL"]
data = sys.stdin.buffer.read()
assert data.startswith(b"%PDF"), "lp got no PDF"
name = os.path.join(spool, "c%d" % time.monotonic_ns())
with open(name, "w", encoding="utf-8") as f:
    f.write(" ".join(sys.argv[1:]) + " bytes=%d" % len(data))
print("request id is PDF-1 (1 file(s))")
"""


def _scan_pdf(id_number: str, folded_name: str) -> bytes:
    """A scanned paper whose content holds the ID number in plaintext."""
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, invariant=True, pageCompression=0)
    c.drawString(80, 760, f"So dinh danh ca nhan: {id_number}")
    c.drawString(80, 740, f"Ho va ten: {folded_name}")
    c.showPage()
    c.save()
    return out.getvalue()


def _portrait_png(seed: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (90, 120), (seed, 120, 200)).save(out, "PNG")
    return out.getvalue()


def _stable(folder: ScanFolder) -> list[Path]:
    folder.stable_files()  # first sight: a scan may still be growing
    return folder.stable_files()


def _plaintext_hits(roots: list[Path], needles: list[str]) -> list[str]:
    encoded = {n: n.encode("utf-8") for n in needles}
    hits = []
    for root in roots:
        for f in sorted(root.rglob("*")) if root.exists() else []:
            if not f.is_file():
                continue
            data = f.read_bytes()
            hits += [
                f"{f.relative_to(root.parent)}: {n!r}" for n, b in encoded.items() if b in data
            ]
    return hits


def test_a_day_of_intake_printing_and_sync_leaves_no_plaintext(
    memory_keyring, monkeypatch, motcua_home, tmp_path
) -> None:
    temp = tmp_path / "tmp"
    spool = tmp_path / "spool"
    scanner = tmp_path / "scanner"
    bin_dir = tmp_path / "bin"
    for folder in (temp, spool, scanner, bin_dir):
        folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setenv("TMPDIR", str(temp))
    lp = bin_dir / "lp"
    lp.write_text(FAKE_LP.format(python=sys.executable))
    lp.chmod(lp.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("MOTCUA_TEST_SPOOL", str(spool))

    paths.log_dir().mkdir(parents=True)
    log_file = logging.FileHandler(paths.log_dir() / "motcua.log", encoding="utf-8")
    root_logger = logging.getLogger()
    old_level = root_logger.level
    root_logger.addHandler(log_file)
    root_logger.setLevel(logging.DEBUG)  # the most a support call could switch on

    central = start_embedded(tmp_path / "central" / "central.sqlite3", volume=5)
    try:
        _a_day_at_the_counter(central, scanner)
    finally:
        central.stop()
        root_logger.removeHandler(log_file)
        root_logger.setLevel(old_level)
        log_file.close()

    assert list(spool.iterdir()), "nothing reached the spooler"
    assert (paths.log_dir() / "motcua.log").stat().st_size > 0, "nothing was logged"
    roots = [paths.data_dir(), paths.config_dir(), paths.log_dir(), temp, scanner, spool]
    assert _plaintext_hits(roots, personal_needles()) == []
    # The control: the central service (another machine) holds them in the clear, so
    # the day's data did travel and the search does find plaintext where it is.
    central_hits = _plaintext_hits([tmp_path / "central"], [c[0] for c in CITIZENS])
    assert len(central_hits) >= len(CITIZENS)


def _a_day_at_the_counter(central, scanner: Path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(
        office_code=DEMO_OFFICE, office_name="BHXH cơ sở Thử Nghiệm", scan_folder=str(scanner)
    )
    from app import settings as settings_mod

    settings_mod.save(settings, paths.settings_file())
    db = open_local()  # the encrypted store and its attachment key, as the app opens it
    try:
        setup = setup_counter(db, DEMO_OFFICE, 1)
        with db.session() as s:
            office, counter = s.get(Office, setup.office_id), s.get(Counter, setup.counter_id)
            officer = s.get(Officer, setup.officer_id)
        catalog = Catalog.load(paths.RESOURCES / "procedures")
        procedure = catalog.get("603")
        papers = {d.id: ReceivedPaper(originals=d.count) for d in procedure.required_documents()}
        store = AttachmentStore(paths.attachments_dir())
        folder = ScanFolder(scanner, store)
        dossier_ids = []
        for n, (id_number, name, folded) in enumerate(CITIZENS):
            (scanner / f"CCCD {name}.pdf").write_bytes(_scan_pdf(id_number, folded))
            taken = [folder.take(f) for f in _stable(folder)]  # as the intake screen does

            def import_scans(s, citizen_id, taken=taken):  # type: ignore[no-untyped-def]
                return [store.import_file(s, citizen_id, f).id for f in taken]

            identity = Identity(
                id_number=id_number,
                full_name=name,
                date_of_birth=None,
                dob_text="1988",
                sex="Nữ" if n == 0 else "Nam",
                source=IdentitySource.CHIP,
                residence="Phường Thử Nghiệm, Tỉnh Thử Nghiệm",
                portrait=_portrait_png(40 * n),
                portrait_format="png",
            )
            dossier = create_dossier(
                db,
                IntakeRequest(
                    identity, procedure, papers, officer, counter, office, settings,
                    load_calendar(), catalog.version,
                    options=IntakeOptions(import_attachments=import_scans),
                ),
            )  # fmt: skip
            assert folder.discard(taken) == 1  # saved: the original goes
            dossier_ids.append(dossier.id)
            # a second paper for the same citizen, imported by the folder poll
            (scanner / f"Giấy khám {folded}.png").write_bytes(_portrait_png(200 - n))
            _stable(folder)
            with db.session() as s:
                citizen_id = s.get(type(dossier), dossier.id).citizen_id
            assert len(folder.poll(db, citizen_id).imported) == 1
            pdf = reprint.reprint_receipt(db, officer, officer.id, dossier.id, catalog, settings)
            spool_pdf(pdf, "PDF", title=f"MotCua-{dossier.code}-receipt")
        from app.services.storage.models import Attachment

        with db.session() as s:
            assert len(s.scalars(select(Attachment)).all()) == 2 * len(CITIZENS)
        engine = SyncEngine(
            db, SyncConfig(central.url, DEMO_OFFICE, demo=True), store=central.store
        )
        report = engine.sync_once()
        assert report.error is None and engine.status().pending == 0
    finally:
        db.dispose()
