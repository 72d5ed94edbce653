"""A counter process for the SIGKILL test: syncs until the outbox is empty, then exits.

Run as ``python sync_worker.py DB_PATH URL OFFICE`` with the device credentials as JSON
in ``MOTCUA_TEST_CREDENTIALS`` (a test-only channel; the app keeps them in the keyring).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from app.services.storage.db import open_database
from app.services.storage.outbox import pending_count
from app.services.sync.credentials import DeviceCredentials, MemoryStore
from app.services.sync.engine import SyncConfig, SyncEngine


def main() -> int:
    db_path, url, office = sys.argv[1:4]
    credentials = DeviceCredentials(**json.loads(os.environ["MOTCUA_TEST_CREDENTIALS"]))
    db = open_database(Path(db_path))
    engine = SyncEngine(
        db, SyncConfig(url, office, batch_size=15, demo=True), store=MemoryStore(credentials)
    )
    for _ in range(500):
        engine.sync_once()
        with db.session() as s:
            if pending_count(s) == 0:
                return 0
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
