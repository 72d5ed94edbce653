"""citizen name search: FTS5 index over citizens.name_folded

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 10:00:00

An external-content FTS5 table: the index holds only tokens, the names stay in
``citizens``; triggers keep it in step with every insert, delete and name change.
Its rowids are the citizens' rowids, which VACUUM and Alembic batch (copy-and-move)
operations may renumber: any later revision that rebuilds ``citizens`` must recreate
these triggers and run ``INSERT INTO citizens_fts(citizens_fts) VALUES('rebuild')``
(``app.services.search.rebuild_name_index`` does the latter).
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
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


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # the central service searches with its own database's tools
    op.execute(
        "CREATE VIRTUAL TABLE citizens_fts USING fts5("
        "name_folded, content='citizens', content_rowid='rowid', "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    for sql in _TRIGGERS:
        op.execute(sql)
    op.execute("INSERT INTO citizens_fts(citizens_fts) VALUES ('rebuild')")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in ("citizens_fts_au", "citizens_fts_ad", "citizens_fts_ai"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS citizens_fts")
