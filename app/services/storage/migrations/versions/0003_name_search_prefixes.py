"""name search: prefix tables for the word being typed

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 11:00:00

Rebuilds ``citizens_fts`` with ``prefix='1 2 3'``: the last typed word is searched
as a prefix ("an nguy" → "an" "nguy"*), and without prefix tables FTS5 merges the
doclists of every token starting with it — tens of milliseconds for "a"* or "th"*
on a million citizens (measured by ``bench/intake_db.py``). The triggers are the
ones of 0002, recreated around the new table; the index is then rebuilt from
``citizens``.
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_TRIGGERS = (
    """CREATE TRIGGER citizens_fts_ai AFTER INSERT ON citizens BEGIN
         INSERT INTO citizens_fts(rowid, name_folded) VALUES (new.rowid, new.name_folded);
       END""",
    """CREATE TRIGGER citizens_fts_ad AFTER DELETE ON citizens BEGIN
         INSERT INTO citizens_fts(citizens_fts, rowid, name_folded)
           VALUES ('delete', old.rowid, old.name_folded);
       END""",
    """CREATE TRIGGER citizens_fts_au AFTER UPDATE OF name_folded ON citizens BEGIN
         INSERT INTO citizens_fts(citizens_fts, rowid, name_folded)
           VALUES ('delete', old.rowid, old.name_folded);
         INSERT INTO citizens_fts(rowid, name_folded) VALUES (new.rowid, new.name_folded);
       END""",
)
_TOKENIZE = "tokenize='unicode61 remove_diacritics 2'"


def _recreate(options: str) -> None:
    for name in ("citizens_fts_au", "citizens_fts_ad", "citizens_fts_ai"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS citizens_fts")
    op.execute(
        "CREATE VIRTUAL TABLE citizens_fts USING fts5("
        f"name_folded, content='citizens', content_rowid='rowid', {options})"
    )
    for sql in _TRIGGERS:
        op.execute(sql)
    op.execute("INSERT INTO citizens_fts(citizens_fts) VALUES ('rebuild')")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    _recreate(f"{_TOKENIZE}, prefix='1 2 3'")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    _recreate(_TOKENIZE)
