"""Dossier serials and BHXH dossier numbers (installed by ``central.api``).

``POST /offices/{office}/serials/lease`` (a counter, its own office): the next block of
the office-day's 4-digit serials, 0001–4999, each handed out once (the counters'
offline reserve 5001–9995 is theirs: ``app.services.dossier_codes``). 409
``serials_exhausted`` when the day's leasable serials are gone.

BHXH's own dossier number ``<5-digit sequence>/<year>/<office's BHXH code>`` is assigned
here when a dossier first arrives and sent back to the counters in the change feed.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, cast

from fastapi import Depends, FastAPI
from fastapi.responses import JSONResponse
from sqlalchemy import Table, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.shared import wire
from app.shared.codes import LEASED_LAST
from app.shared.types import utcnow
from central import changes
from central.db import CentralDatabase, copy_rows, psycopg_connection
from central.models import BhxhNumber, Device, Office, SerialDay


def lease(session: Session, office: str, day: dt.date, count: int) -> tuple[int, int] | None:
    """(first, last) of a new block, or None when the day's serials are used up."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    stmt = (
        dialect.insert(SerialDay)
        .values(office_code=office, day=day, next_serial=1 + count)
        .on_conflict_do_update(
            index_elements=["office_code", "day"],
            set_={"next_serial": SerialDay.next_serial + count},
        )
        .returning(SerialDay.next_serial)
    )
    after = int(session.execute(stmt).scalar_one())
    first = after - count
    if first > LEASED_LAST:
        return None
    return first, min(after - 1, LEASED_LAST)


def assign_bhxh_numbers(session: Session, office: str, dossiers: list[tuple[str, int]]) -> None:
    """Number newly received dossiers (id, year of receipt) and tell the counters: a
    fixed few statements per push whatever its size. On PostgreSQL one statement, sent
    with the feed lock, does it all (skips numbers already given, reads the office's
    code), so the lock every writer of the feed waits for is held for one round trip
    and the commit, not two per dossier."""
    fresh: dict[str, int] = {}
    for dossier_id, year in dossiers:
        fresh.setdefault(dossier_id, year)
    if not fresh:
        return  # nothing to number: the feed lock is not taken
    if session.get_bind().dialect.name == "postgresql":
        _number_on_postgres(session, office, fresh)
        return
    numbered = set(
        session.scalars(select(BhxhNumber.dossier_id).where(BhxhNumber.dossier_id.in_(list(fresh))))
    )
    for dossier_id in numbered:
        del fresh[dossier_id]
    if not fresh:
        return
    found = session.get(Office, office)
    office_code = (found.bhxh_code if found else "") or office
    changes.lock_feed(session)  # elsewhere (SQLite) one writer at a time anyway
    years = sorted(set(fresh.values()))
    last_by_year: dict[int, int] = {year: 0 for year in years}
    for year, last in session.execute(
        select(BhxhNumber.year, func.max(BhxhNumber.sequence))
        .where(BhxhNumber.office_code == office, BhxhNumber.year.in_(years))
        .group_by(BhxhNumber.year)
    ):
        last_by_year[year] = int(last or 0)
    now = utcnow()
    numbers: list[dict[str, Any]] = []
    for dossier_id, year in fresh.items():
        last_by_year[year] += 1
        sequence = last_by_year[year]
        numbers.append(
            dict(
                dossier_id=dossier_id,
                office_code=office,
                year=year,
                sequence=sequence,
                number=f"{sequence:05d}/{year}/{office_code}",
                assigned_at=now,
            )
        )
    copy_rows(session, cast(Table, BhxhNumber.__table__), numbers)
    changes.append_many(
        session,
        office,
        [
            (wire.BhxhNumberWire(dossier_id=n["dossier_id"], number=n["number"]), n["dossier_id"])
            for n in numbers
        ],
    )


# Under the feed lock, one statement: the dossiers not yet numbered, the office's BHXH
# code (else its own), each year's last sequence, the numbers (formatted as
# ``f"{sequence:05d}/{year}/{code}"``) and their feed entries in the dossiers' order.
_NUMBER_SQL = """
WITH fresh AS (
  SELECT * FROM json_to_recordset(%(fresh)s::json) AS f(dossier_id varchar, year int, ord int)
  WHERE NOT EXISTS (SELECT 1 FROM bhxh_numbers b WHERE b.dossier_id = f.dossier_id)
), code AS (
  SELECT coalesce(nullif((SELECT bhxh_code FROM offices WHERE code = %(office)s), ''),
                  %(office)s) AS code
), base AS (
  SELECT y.year, coalesce((SELECT max(b.sequence) FROM bhxh_numbers b
                           WHERE b.office_code = %(office)s AND b.year = y.year), 0) AS last
  FROM (SELECT DISTINCT year FROM fresh) y
), numbered AS (
  SELECT f.dossier_id, f.year, f.ord,
         base.last + row_number() OVER (PARTITION BY f.year ORDER BY f.ord) AS sequence
  FROM fresh f JOIN base USING (year)
), stored AS (
  INSERT INTO bhxh_numbers (dossier_id, office_code, year, sequence, number, assigned_at)
  SELECT dossier_id, %(office)s, year, sequence,
         lpad(sequence::text, greatest(5, length(sequence::text)), '0')
           || '/' || year::text || '/' || code.code,
         %(now)s
  FROM numbered, code
  RETURNING dossier_id, number
)
INSERT INTO changes (office_code, kind, entity_id, data, created_at)
SELECT %(office)s, 'bhxh_number', s.dossier_id,
       json_build_object('kind', 'bhxh_number', 'dossier_id', s.dossier_id, 'number', s.number),
       %(now)s
FROM stored s JOIN numbered n USING (dossier_id) ORDER BY n.ord
"""


def _number_on_postgres(session: Session, office: str, fresh: dict[str, int]) -> None:
    """The feed lock and the numbering sent together (psycopg pipeline): the lock is held
    for this one round trip and the commit, not for several, each of which waited for
    its thread to get the interpreter back among the other pushes' threads."""
    now = utcnow().astimezone(dt.UTC).replace(tzinfo=None)  # stored as naive UTC
    params = {
        "fresh": json.dumps(
            [{"dossier_id": i, "year": y, "ord": n} for n, (i, y) in enumerate(fresh.items())]
        ),
        "office": office,
        "now": now,
    }
    with (
        psycopg_connection(session, _NUMBER_SQL) as driver,
        driver.pipeline(),
        driver.cursor() as cursor,
    ):
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", (changes.FEED_LOCK,))
        cursor.execute(_NUMBER_SQL, params)


def install(app: FastAPI, db: CentralDatabase, counter: Any) -> None:
    @app.post(
        "/api/v1/offices/{office}/serials/lease",
        response_model=wire.SerialLease,
        tags=["sync"],
    )
    def lease_serials(
        office: str,
        request: wire.SerialLeaseRequest,
        device: Device = Depends(counter),  # noqa: B008 - a default: see register_check
    ) -> Any:
        if office != device.office_code:
            body = {"reason": "office_mismatch", "message": "a counter reaches only its own office"}
            return JSONResponse(body, status_code=403)
        with db.session() as s:
            block = lease(s, office, request.day, request.count)
        if block is None:
            body = {"reason": "serials_exhausted", "message": f"0001–{LEASED_LAST} all leased"}
            return JSONResponse(body, status_code=409)
        return wire.SerialLease(day=request.day, first=block[0], last=block[1])
