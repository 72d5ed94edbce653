"""dossiers: how the citizen of this dossier was identified

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 14:00:00

``Citizen.id_verified_by`` holds only the last identification of a person; the Đề án
06 indicators and the dossier detail need the evidence of each dossier
(``app.services.identity.IdentificationMethod``). Dossiers taken in before this
revision are left as "" (unknown): nothing recorded says how they were identified.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dossiers") as batch:
        batch.add_column(
            sa.Column("identified_by", sa.String(length=20), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("dossiers") as batch:
        batch.drop_column("identified_by")
