"""A short ``make soak`` inside the test suite: counters SIGKILLed at random and at
targeted points (central committed, the acknowledgement not recorded; mid-upload of an
attachment; between outbox rows…) behind fault proxies, the back office moving
dossiers meanwhile; nothing lost, twice, or overwritten, attachments included."""

from __future__ import annotations

import pytest
from conftest import pg_or_skip

from bench import soak
from testkit.central_server import fresh_pg_database


@pytest.mark.postgres
def test_short_soak_loses_duplicates_and_overwrites_nothing() -> None:
    with fresh_pg_database(pg_or_skip()) as url:
        figures = soak.run(url, counters=3, dossiers=40, seconds=12)
    print(soak.report(figures))
    assert figures.created == 120 and figures.present == 120
    assert (figures.lost, figures.duplicated, figures.overwritten) == (0, 0, 0)
    assert figures.attachments > 0 and figures.attachments_present == figures.attachments
    assert figures.kills + sum(figures.targeted.values()) >= 3
