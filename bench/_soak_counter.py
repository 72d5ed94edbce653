"""One counter of the soak run (``bench/soak.py``), killed with SIGKILL many times.

``python -m bench._soak_counter DB URL OFFICE NUMBER TARGET SEED`` with the device
credentials as JSON in ``MOTCUA_SOAK_CREDENTIALS`` and, for a targeted kill, the point
in ``MOTCUA_SOAK_KILL`` (``bench._soak_kills``). Until the database holds TARGET
dossiers it takes a few in, gives some a scanned paper (an attachment of several
upload chunks), now and then edits one already sent (a change the back office may
have overtaken: a conflict for the officer), and syncs. Then it syncs until nothing
is pending and exits 0. Everything it knows is in its database, so a restart after
SIGKILL carries on where the last commit left it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import random
import sys
from pathlib import Path

from sqlalchemy import func, select

from app.services.storage.db import Database, open_database
from app.services.storage.models import Attachment, Dossier, DossierAttachment
from app.services.storage.outbox import enqueue, pending_count
from app.services.sync.credentials import DeviceCredentials, MemoryStore
from app.services.sync.engine import SyncConfig, SyncEngine
from app.shared import paths
from bench import _soak_kills
from testkit.counter_sim import queue_dossiers, setup_counter


def attach_scan(db: Database, dossier_id: str, rng: random.Random) -> None:
    """A PDF scan of 0.6–1.4 MB (two or three 512 KB upload chunks) for the dossier's
    citizen, linked to the dossier: content on disk first, then the rows, as the intake."""
    content = b"%PDF-1.7\n" + rng.randbytes(rng.randint(600_000, 1_400_000))
    sha = hashlib.sha256(content).hexdigest()
    path = paths.attachments_dir() / sha[:2] / sha
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    with db.session() as s:
        dossier = s.get(Dossier, dossier_id)
        assert dossier is not None
        attachment = Attachment(
            citizen_id=dossier.citizen_id, sha256=sha, mime_type="application/pdf",
            size=len(content), filename="to-khai-scan.pdf", label="Tờ khai TK1-TS",
        )  # fmt: skip
        s.add(attachment)
        s.flush()
        s.add(DossierAttachment(dossier_id=dossier_id, attachment_id=attachment.id))
        enqueue(s, "attachment", attachment.id)
        enqueue(s, "dossier", dossier_id)


def main() -> int:
    db_path, url, office, number, target, seed = sys.argv[1:7]
    # Enrolled straight at central; synced through the fault proxies at URL.
    enrolled = DeviceCredentials(**json.loads(os.environ["MOTCUA_SOAK_CREDENTIALS"]))
    credentials = dataclasses.replace(enrolled, central_url=url)
    kill = os.environ.get("MOTCUA_SOAK_KILL", "")
    point = _soak_kills.install(kill, os.environ.get("MOTCUA_SOAK_KILL_LOG", "")) if kill else None
    db = open_database(Path(db_path))
    setup = setup_counter(db, office, int(number))
    rng = random.Random(f"{seed}-{os.getpid()}")
    engine = SyncEngine(
        db, SyncConfig(url, office, batch_size=100, demo=True), store=MemoryStore(credentials)
    )
    for _ in range(2000):
        with db.session() as s:
            have = s.scalar(select(func.count()).select_from(Dossier)) or 0
        if have < int(target):
            new = queue_dossiers(db, setup, min(rng.randint(3, 12), int(target) - have))
            if point:
                point.reached("after_commit")
            if rng.random() < 0.4 or (point and point.name == "mid_upload"):
                attach_scan(db, rng.choice(new), rng)
            if have and rng.random() < 0.5:
                with db.session() as s:
                    ids = s.scalars(select(Dossier.id).order_by(func.random()).limit(3)).all()
                    for dossier_id in ids:
                        dossier = s.get(Dossier, dossier_id)
                        if dossier is not None:
                            # Long notes: batches then pass the proxy's 1 MB limit (413).
                            words = " ".join(str(rng.randint(0, 10**6)) for _ in range(16000))
                            dossier.notes = f"sửa tại quầy {words}"
                            enqueue(s, "dossier", dossier_id)
        engine.sync_once()
        with db.session() as s:
            done = pending_count(s) == 0
            have = s.scalar(select(func.count()).select_from(Dossier)) or 0
        if done and have >= int(target):
            return 0
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
