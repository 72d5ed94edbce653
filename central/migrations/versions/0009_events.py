"""participants: every change to the identity BHXH holds bumps ``version``

A trigger, not application code, so every write path (the ORM, bulk updates, an import
by hand) counts: the register check's re-run picks up exactly the changed people.
A writer that already bumped the version in the same statement is left alone.

Revision ID: 0009_events
Revises: 0007_ingest
Create Date: 2026-12-07 16:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0009_events"
down_revision = "0007_ingest"
branch_labels = None
depends_on = None

_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION bhxh_participants_bump_version() RETURNS trigger AS $$
BEGIN
    IF NEW.version = OLD.version AND
       (NEW.id_number, NEW.full_name, NEW.date_of_birth, NEW.sex)
       IS DISTINCT FROM (OLD.id_number, OLD.full_name, OLD.date_of_birth, OLD.sex) THEN
        NEW.version := OLD.version + 1;
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql
"""
_PG_TRIGGER = """
CREATE TRIGGER bhxh_participants_version BEFORE UPDATE ON bhxh_participants
FOR EACH ROW EXECUTE FUNCTION bhxh_participants_bump_version()
"""
# SQLite has no BEFORE-UPDATE assignment: a second update after the row changed.
_SQLITE_TRIGGER = """
CREATE TRIGGER bhxh_participants_version
AFTER UPDATE OF id_number, full_name, date_of_birth, sex ON bhxh_participants
FOR EACH ROW WHEN NEW.version = OLD.version AND (
    NEW.id_number IS NOT OLD.id_number OR NEW.full_name IS NOT OLD.full_name
    OR NEW.date_of_birth IS NOT OLD.date_of_birth OR NEW.sex IS NOT OLD.sex)
BEGIN
    UPDATE bhxh_participants SET version = OLD.version + 1
    WHERE bhxh_number = NEW.bhxh_number;
END
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        op.execute(_PG_TRIGGER)
    else:
        op.execute(_SQLITE_TRIGGER)


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS bhxh_participants_version ON bhxh_participants"
               if op.get_bind().dialect.name == "postgresql"
               else "DROP TRIGGER IF EXISTS bhxh_participants_version")  # fmt: skip
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS bhxh_participants_bump_version()")
