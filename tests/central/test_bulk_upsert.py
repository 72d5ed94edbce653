"""``central.db.upsert``: the bulk write the work-queue index and row revisions use, on
both databases (PostgreSQL sends the rows as one JSON document)."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

import pytest
from sqlalchemy import Table, select
from sqlalchemy.exc import DataError, StatementError

from central.db import open_central, upsert
from central.models import DossierQueueEntry

QUEUE = cast(Table, DossierQueueEntry.__table__)
T0 = dt.datetime(2026, 3, 2, 1, 30, tzinfo=dt.UTC)


def _entry(dossier_id: str, **changes: Any) -> dict[str, Any]:
    row = dict(
        dossier_id=dossier_id, office_code="000.00.00.H00", code=f"CODE-{dossier_id}",
        lookup_code="", status="received", procedure_code="603", counter_number=1,
        submitted_at=T0, due_at=None, due_sort=T0 + dt.timedelta(days=10), citizen_id="c1",
        updated_at=T0, id_number="", full_name="Nguyễn Văn \"Thử\" \\ Nghiệm",
        name_folded="nguyen van thu nghiem",
    )  # fmt: skip
    return {**row, **changes}


def test_inserts_with_defaults_and_updates_only_what_it_is_given(central_db_url: str) -> None:
    db = open_central(central_db_url, pool_size=2)
    try:
        with db.session() as s:
            upsert(s, QUEUE, ["dossier_id"], [_entry("d1"), _entry("d2", due_at=T0)])
        with db.session() as s:
            first = s.get(DossierQueueEntry, "d1")
            assert first is not None
            assert first.missing == "" and first.previous_due_at is None  # Python defaults
            assert first.full_name == 'Nguyễn Văn "Thử" \\ Nghiệm'
            assert first.submitted_at == T0 and first.due_at is None
            first.missing = "Giấy khai sinh"  # set elsewhere (completion asked)
        with db.session() as s:
            upsert(s, QUEUE, ["dossier_id"], [_entry("d1", status="processing", due_at=T0)])
        with db.session() as s:
            rows = {e.dossier_id: e for e in s.scalars(select(DossierQueueEntry))}
            assert set(rows) == {"d1", "d2"}
            assert rows["d1"].status == "processing" and rows["d1"].due_at == T0
            assert rows["d1"].missing == "Giấy khai sinh"  # not given: kept
            assert rows["d2"].due_at == T0
    finally:
        db.dispose()


def test_a_value_too_long_is_refused_not_cut(central_db_url: str) -> None:
    db = open_central(central_db_url, pool_size=2)
    try:
        if db.dialect != "postgresql":
            pytest.skip("SQLite does not enforce VARCHAR lengths (ingest checks them first)")
        with pytest.raises((DataError, StatementError)), db.session() as s:
            upsert(s, QUEUE, ["dossier_id"], [_entry("d3", status="x" * 31)])
        with db.session() as s:
            assert s.get(DossierQueueEntry, "d3") is None
    finally:
        db.dispose()
