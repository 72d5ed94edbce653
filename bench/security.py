"""Benchmark: what encryption and the access log cost at the counter.

In a temporary folder, with fictitious data: opening the database, one officer
action (save a citizen + one access-log record, one transaction), a look-up by ID
number — each on plain SQLite and on SQLCipher; AES-GCM on a 5 MB scan; verifying
a 20,000-record access log; rotating the key of the filled database.

    .venv/bin/python -m bench.security
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import insert, select

from app.services import audit
from app.services.security import blobs
from app.services.security.database import open_encrypted, rotate_key
from app.services.security.keys import KeySet, database_key
from app.services.security.keystore import MemoryStore
from app.services.storage.db import Database, open_database
from app.services.storage.models import Citizen
from app.shared.types import new_id, utcnow

CITIZENS = 20_000
AUDIT_RECORDS = 20_000


def _times(fn: Callable[[int], object], n: int) -> list[float]:
    out = []
    for i in range(n):
        start = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - start) * 1000)
    return out


def _row(name: str, ms: list[float]) -> str:
    ms = sorted(ms)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    return f"{name:<44} {statistics.median(ms):>9.2f} {p99:>9.2f} {len(ms):>6}"


def _fill(db: Database) -> None:
    now = utcnow()
    rows = [
        dict(
            id=new_id(),
            created_at=now,
            updated_at=now,
            row_version=1,
            id_number=f"999{i:09d}",
            full_name=f"Công Dân Thử {i}",
            name_folded=f"cong dan thu {i}",
        )
        for i in range(CITIZENS)
    ]
    with db.session() as s:
        s.execute(insert(Citizen), rows)


def _workload(label: str, db: Database, path: Path, reopen: Callable[[], Database]) -> list[str]:
    out = []

    def open_close(_: int) -> None:
        reopen().dispose()

    out.append(_row(f"{label}: open + check schema", _times(open_close, 20)))

    def save(i: int) -> None:
        with db.session() as s:
            c = Citizen(id_number=f"998{i:09d}", full_name="Công Dân Mới", name_folded="x")
            s.add(c)
            s.flush()
            audit.record(s, None, "change", citizen_id=c.id, purpose="Tiếp nhận")

    out.append(_row(f"{label}: save citizen + audit record", _times(save, 300)))

    def lookup(i: int) -> None:
        with db.session() as s:
            s.scalar(
                select(Citizen.id).where(Citizen.id_number == f"999{(i * 7919) % CITIZENS:09d}")
            )

    out.append(_row(f"{label}: look-up by ID number", _times(lookup, 1000)))
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows = [f"{'measure (ms)':<44} {'median':>9} {'p99':>9} {'n':>6}"]

        plain_path = folder / "plain.sqlite3"
        plain = open_database(plain_path)
        _fill(plain)
        rows += _workload("plain", plain, plain_path, lambda: open_database(plain_path))
        plain.dispose()

        enc_path = folder / "enc.sqlite3"
        store = MemoryStore()
        enc, keys = open_encrypted(enc_path, store)
        _fill(enc)
        key = database_key(keys.current)
        rows += _workload("sqlcipher", enc, enc_path, lambda: open_database(enc_path, key=key))

        blobs.use_keys(KeySet(os.urandom(32)))
        scan = os.urandom(5 * 1024 * 1024)
        stored = blobs.encrypt_blob(scan)
        rows.append(
            _row("AES-GCM encrypt 5 MB scan", _times(lambda _: blobs.encrypt_blob(scan), 20))
        )
        rows.append(
            _row("AES-GCM decrypt 5 MB scan", _times(lambda _: blobs.decrypt_blob(stored), 20))
        )

        with enc.session() as s:
            for _ in range(AUDIT_RECORDS - 300):
                audit.record(s, None, "display", purpose="Tra cứu")
        rows.append(
            _row(
                f"verify access log ({AUDIT_RECORDS} records)",
                _times(lambda _: audit.verify(enc), 3),
            )
        )
        enc.dispose()

        size_mb = enc_path.stat().st_size / 1e6
        rows.append(
            _row(
                f"rotate key ({size_mb:.0f} MB database)",
                _times(lambda _: rotate_key(enc_path, store, None), 3),
            )
        )
        print("\n".join(rows))


if __name__ == "__main__":
    main()
