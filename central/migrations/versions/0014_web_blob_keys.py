"""blob keys: attachment chunks encrypted at rest, with the id of the key that sealed them

Revision ID: 0014_web_blob_keys
Revises: 0008_papers
Create Date: 2026-12-07 19:50:00

Existing chunks keep a NULL key id: they are read as plaintext until
``motcua-central blob-keys reencrypt`` seals them (central.blob_crypto).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_web_blob_keys"
down_revision = "0008_papers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("blob_chunks") as batch:
        batch.add_column(sa.Column("key_id", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("blob_chunks") as batch:
        batch.drop_column("key_id")
