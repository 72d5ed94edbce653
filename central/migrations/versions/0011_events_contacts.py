"""events_contacts: which dossier answered each procedure a life event opens

Contact attempts need no table of their own: counters push them through the sync
(``synced_rows``, entity ``life_event_contact``, parent the event).

Revision ID: 0011_events_contacts
Revises: 0014_web_blob_keys
Create Date: 2026-12-07 19:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_events_contacts"
down_revision = "0014_web_blob_keys"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("life_events") as batch:
        batch.add_column(sa.Column("answers", sa.JSON(), nullable=False, server_default="{}"))


def downgrade() -> None:
    with op.batch_alter_table("life_events") as batch:
        batch.drop_column("answers")
