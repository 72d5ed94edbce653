"""Register check benchmark: people checked per second on PostgreSQL, and a re-run.

1. A fresh PostgreSQL database gets a fictitious register and BHXH registry of
   ``--people`` participants (default 1,000,000) through COPY, about 1 % of them with
   a declared identity that differs from the register.
2. Baseline: the reference register alone answering every ID number in batches (the
   reads a check cannot avoid), with the simulated latency per call.
3. The full check (``central.register_check.runner.verify``: select the batch, ask the
   register, compare, write results and checkpoint), same batches, same latency.
4. 1 % of the participants change (version bumped); the re-run checks only those:
   its cost is the scan for changes plus the changed people.
5. Everyone again from no results, in a worker process killed (SIGKILL) halfway and a
   second one that resumes the run (``bench.register_resume``): its time against the
   uninterrupted check, and proof that nobody was checked twice or skipped.

Needs ``MOTCUA_TEST_PG_URL`` (``scripts/postgres.sh start``).
Run: ``.venv/bin/python -m bench.register_check [--people N] [--latency S] [--batch N]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import sys
import time
from collections.abc import Iterator

from sqlalchemy import text

from bench.register_resume import Resumed, interrupted_run
from central.db import CentralDatabase, open_central
from central.register_check.adapter import Guarded, ReferenceRegister
from central.register_check.runner import verify
from central.seed import GIVEN_F, GIVEN_M, MIDDLE_F, MIDDLE_M, SURNAMES
from testkit.central_server import fresh_pg_database, pg_url_from_env

PROVINCES = ["001", "031", "038", "048", "079", "092"]


def _people(count: int, seed: int = 2026) -> Iterator[tuple[str, ...]]:
    """(id_number, bhxh, name, dob, sex, declared name, declared dob, declared sex)."""
    rng = random.Random(seed)
    start = dt.date(1950, 1, 1).toordinal()
    span = dt.date(2005, 12, 31).toordinal() - start
    for i in range(count):
        female = rng.random() < 0.5
        sex = "Nữ" if female else "Nam"
        born = dt.date.fromordinal(start + rng.randrange(span))
        name = " ".join(
            (
                rng.choice(SURNAMES),
                rng.choice(MIDDLE_F if female else MIDDLE_M),
                rng.choice(GIVEN_F if female else GIVEN_M),
            )
        )
        century = 0 if born.year < 2000 else 2
        # real layout (province, century and sex, year, six digits) up to a million people
        id_number = (
            f"{PROVINCES[i % len(PROVINCES)]}{century + female}{born.year % 100:02d}{i:06d}"
            if count <= 10**6
            else f"{i:012d}"
        )
        declared_name, declared_born, declared_sex = name, born, sex
        flaw = rng.random()
        if flaw < 0.005:
            declared_name = name.rsplit(" ", 1)[0]
        elif flaw < 0.009:
            declared_born = born + dt.timedelta(days=1)
        elif flaw < 0.010:
            declared_sex = "Nam" if female else "Nữ"
        yield (
            id_number,
            f"{i:010d}",
            name,
            born.isoformat(),
            sex,
            declared_name,
            declared_born.isoformat(),
            declared_sex,
        )


def seed_fast(db: CentralDatabase, count: int) -> float:
    """COPY the register and the registry; returns the seconds it took."""
    started = time.perf_counter()
    raw = db.engine.raw_connection()
    try:
        cur = raw.cursor()
        people = io.StringIO()
        participants = io.StringIO()
        for pid, bhxh, name, dob, sex, d_name, d_dob, d_sex in _people(count):
            people.write(f"{pid}\t{name}\t{dob}\t{sex}\n")
            participants.write(f"{bhxh}\t{pid}\t{d_name}\t{d_dob}\t{d_sex}\n")
        with cur.copy(  # type: ignore[attr-defined]
            "COPY register_people (id_number, full_name, date_of_birth, sex) FROM STDIN"
        ) as copy:
            copy.write(people.getvalue())
        with cur.copy(  # type: ignore[attr-defined]
            "COPY bhxh_participants (bhxh_number, id_number, full_name, date_of_birth, sex)"
            " FROM STDIN"
        ) as copy:
            copy.write(participants.getvalue())
        cur.execute("ANALYZE register_people")
        cur.execute("ANALYZE bhxh_participants")
        raw.commit()
    finally:
        raw.close()
    return time.perf_counter() - started


def _defaults(db: CentralDatabase) -> None:
    # COPY skips the ORM defaults: give the columns theirs for the bulk load.
    with db.engine.begin() as conn:
        for column, default in (
            ("dob_text", "''"),
            ("nationality", "'Việt Nam'"),
            ("ethnicity", "'Kinh'"),
            ("place_of_origin", "''"),
            ("residence", "''"),
            ("relation", "''"),
        ):
            conn.execute(
                text(f"ALTER TABLE register_people ALTER COLUMN {column} SET DEFAULT {default}")
            )
        for column, default in (("version", "1"), ("updated_at", "now()")):
            conn.execute(
                text(f"ALTER TABLE bhxh_participants ALTER COLUMN {column} SET DEFAULT {default}")
            )


def baseline(db: CentralDatabase, batch: int, latency: float) -> tuple[int, float]:
    """The register answering every participant's ID number, nothing written."""
    register = ReferenceRegister(db, latency=latency)
    started = time.perf_counter()
    asked = 0
    cursor = ""
    while True:
        with db.engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT bhxh_number, id_number FROM bhxh_participants"
                    " WHERE bhxh_number > :c ORDER BY bhxh_number LIMIT :n"
                ),
                {"c": cursor, "n": batch},
            ).all()
        if not rows:
            break
        register.fetch([r.id_number for r in rows], timeout=30.0)
        asked += len(rows)
        cursor = rows[-1].bhxh_number
    return asked, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=1000, help="ID numbers per register call")
    parser.add_argument("--latency", type=float, default=0.02, help="seconds per register call")
    parser.add_argument("--changed", type=float, default=0.01, help="share changed for re-run")
    parser.add_argument(
        "--resume-only",
        action="store_true",
        help="only step 5, against the first process's own rate (a loaded machine)",
    )
    args = parser.parse_args(argv)
    if args.resume_only:
        return _resume_only(args)
    base = pg_url_from_env()
    if base is None:
        print("MOTCUA_TEST_PG_URL not set (scripts/postgres.sh start)", file=sys.stderr)
        return 2
    with fresh_pg_database(base) as url:
        db = open_central(url, pool_size=2)
        try:
            _defaults(db)
            seeded = seed_fast(db, args.people)
            asked, base_s = baseline(db, args.batch, args.latency)
            register = Guarded(ReferenceRegister(db, latency=args.latency))
            started = time.perf_counter()
            first = verify(db, register, batch=args.batch)
            check_s = time.perf_counter() - started

            changed = int(args.people * args.changed)
            with db.engine.begin() as conn:
                conn.execute(
                    text(
                        "UPDATE bhxh_participants SET version = version + 1 WHERE bhxh_number IN"
                        " (SELECT bhxh_number FROM bhxh_participants"
                        "  ORDER BY md5(bhxh_number) LIMIT :n)"
                    ),
                    {"n": changed},
                )
            started = time.perf_counter()
            again = verify(db, register, batch=args.batch)
            rerun_s = time.perf_counter() - started
            started = time.perf_counter()
            idle = verify(db, register, batch=args.batch)
            idle_s = time.perf_counter() - started
            resumed = interrupted_run(
                db,
                url,
                people=args.people,
                batch=args.batch,
                latency=args.latency,
                expected_counts=first.counts,
            )
        finally:
            db.dispose()
    rate = first.done / check_s
    rows = [
        ("seed (COPY register + registry)", args.people, seeded, None),
        ("baseline: register reads only", asked, base_s, asked / base_s),
        ("full check (compare, results, checkpoint)", first.done, check_s, rate),
        (f"re-run, {args.changed:.0%} changed", again.done, rerun_s, again.done / rerun_s),
        ("re-run, nothing changed", idle.done, idle_s, None),
        (
            f"killed at {resumed.killed_at:,}, resumed (2 processes)",
            args.people,
            resumed.seconds,
            args.people / resumed.seconds,
        ),
    ]
    print(f"register check, PostgreSQL, {args.people:,} participants")
    print(f"  simulated register latency {args.latency * 1000:.0f} ms per {args.batch} people")
    print(f"{'step':<44} {'people':>10} {'seconds':>9} {'people/s':>10}")
    for label, people, seconds, per_second in rows:
        speed = f"{per_second:>10,.0f}" if per_second is not None else ""
        print(f"{label:<44} {people:>10,} {seconds:>9.1f} {speed}")
    print(f"  full check / baseline throughput: {rate / (asked / base_s):.2f}")
    print(f"  re-run cost / full check: {rerun_s / check_s:.1%}")
    print(f"  outcomes: {first.counts}")
    print(
        f"  killed and resumed / uninterrupted: {resumed.seconds / check_s:.2f}"
        f" (second process checked {resumed.second_checked:,})"
    )
    _problems(resumed)
    print(f"  at this rate 100 million participants take {100_000_000 / rate / 3600:.1f} h")
    return 0 if again.done == changed and idle.done == 0 and not resumed.problems else 1


def _problems(resumed: Resumed, *, outcomes: bool = True) -> None:
    for problem in resumed.problems:
        print(f"  RESUME PROBLEM: {problem}")
    if not resumed.problems:
        same = ", same outcomes" if outcomes else ""
        print(f"  resume: nobody checked twice, nobody skipped{same}")


def _resume_only(args: argparse.Namespace) -> int:
    """Seed, then the killed-and-resumed run alone; "uninterrupted" is the first
    process's own rate up to the kill (same machine load), process start included."""
    base = pg_url_from_env()
    if base is None:
        print("MOTCUA_TEST_PG_URL not set (scripts/postgres.sh start)", file=sys.stderr)
        return 2
    with fresh_pg_database(base) as url:
        db = open_central(url, pool_size=2)
        try:
            _defaults(db)
            seeded = seed_fast(db, args.people)
            resumed = interrupted_run(
                db,
                url,
                people=args.people,
                batch=args.batch,
                latency=args.latency,
                expected_counts=None,
            )
        finally:
            db.dispose()
    first_rate = resumed.killed_at / resumed.until_kill
    steady = args.people / first_rate
    print(f"register check killed and resumed, PostgreSQL, {args.people:,} participants")
    print(f"  simulated register latency {args.latency * 1000:.0f} ms per {args.batch} people")
    print(f"  seed: {seeded:.1f} s")
    print(
        f"  first process, killed (SIGKILL) at {resumed.killed_at:,}:"
        f" {resumed.until_kill:.1f} s, {first_rate:,.0f} people/s"
    )
    print(
        f"  killed + resumed, all {args.people:,}: {resumed.seconds:.1f} s"
        f" (second process checked {resumed.second_checked:,})"
    )
    print(
        f"  against {steady:.1f} s uninterrupted at the first process's rate:"
        f" {resumed.seconds / steady:.2f}"
    )
    _problems(resumed, outcomes=False)
    return 0 if not resumed.problems else 1


if __name__ == "__main__":
    sys.exit(main())
