"""A counter that takes in dossiers in a loop until killed (for the crash test).

Prints ``<code> <lookup>`` after each commit: that is the moment a receipt could
be printed, i.e. the code is handed out.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from intake_factories import OFFICE_CODE, Env, person, vn
from sqlalchemy import select

from app.services.calendar import load_calendar
from app.services.catalog import Catalog
from app.services.dossiers import IntakeRequest, ReceivedPaper, create_dossier
from app.services.storage.db import open_database
from app.services.storage.models import Counter, Office, Officer
from app.settings import Settings
from app.shared import paths


def main() -> None:
    db = open_database(Path(sys.argv[1]))
    start = int(sys.argv[2])
    with db.session() as s:
        office = s.scalars(select(Office)).one()
        counter = s.scalars(select(Counter)).one()
        officer = s.scalars(select(Officer)).one()
    env = Env(
        db,
        office,
        counter,
        officer,
        Settings(office_code=OFFICE_CODE),
        load_calendar(),
        Catalog.load(paths.RESOURCES / "procedures"),
    )
    papers = {"tk1ts": ReceivedPaper(originals=1), "household_appendix": ReceivedPaper(originals=1)}
    from app.services.dossiers import IntakeOptions

    n = start
    while True:
        d = create_dossier(
            env.db,
            IntakeRequest(
                person(n),
                env.catalog.get("603"),
                papers,
                env.officer,
                env.counter,
                env.office,
                env.settings,
                env.calendar,
                env.catalog.version,
                now=vn("2026-03-02T09:00"),
                options=IntakeOptions(flags={"household"}),
            ),
        )
        print(d.code, d.lookup_code, flush=True)
        n += 1


if __name__ == "__main__":
    main()
