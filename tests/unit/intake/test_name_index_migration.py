"""The name index survives the 0003 rebuild (down to 0002 and back up, with data)."""

from __future__ import annotations

from alembic import command
from intake_factories import Env, person, vn
from sqlalchemy import text

from app.services.dossiers import Contact, upsert_citizen
from app.services.storage.db import alembic_config


def _migrate(env: Env, target: str, up: bool) -> None:
    with env.db.engine.begin() as conn:
        config = alembic_config(env.db.engine)
        config.attributes["connection"] = conn
        (command.upgrade if up else command.downgrade)(config, target)


def _find(env: Env, query: str) -> list[str]:
    with env.db.session() as s:
        sql = "SELECT c.full_name FROM citizens c JOIN citizens_fts f ON f.rowid = c.rowid WHERE citizens_fts MATCH :q"
        return list(s.scalars(text(sql), {"q": query}))


def test_index_rebuilt_with_prefixes_keeps_existing_names(env: Env) -> None:
    with env.db.session() as s:
        upsert_citizen(s, person(1, "Đặng Thị Thu"), Contact(), vn("2026-03-02T09:00"))
    _migrate(env, "0002", up=False)
    assert _find(env, '"dang" "th"*') == ["Đặng Thị Thu"]
    _migrate(env, "head", up=True)
    assert _find(env, '"dang" "th"*') == ["Đặng Thị Thu"]
    with env.db.session() as s:
        upsert_citizen(s, person(2, "Bùi An"), Contact(), vn("2026-03-02T09:00"))
    assert _find(env, '"a"*') == ["Bùi An"]
