"""life events routed to this office, and the counter's contacts with the families

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 14:30:00

Births and deaths from the health sector that central matched to the register and
routed to this office (pulled with the change feed), and each attempt to reach the
family (``app.services.life_events``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "life_events",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("event_type", sa.String(length=10), nullable=False),
        sa.Column("certificate_number", sa.String(length=40), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=False),
        sa.Column("facility", sa.String(length=200), nullable=False),
        sa.Column("subject", sa.JSON(), nullable=True),
        sa.Column("relatives", sa.JSON(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("procedure_codes", sa.JSON(), nullable=False),
        sa.Column("filing_deadline", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("central_version", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("closed_dossier_code", sa.String(length=60), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("close_sent", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_life_events")),
    )
    op.create_table(
        "life_event_contacts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("officer_id", sa.String(length=36), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["life_events.id"], name=op.f("fk_life_event_contacts_event_id_life_events")
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officers.id"], name=op.f("fk_life_event_contacts_officer_id_officers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_life_event_contacts")),
    )
    op.create_index(
        op.f("ix_life_event_contacts_event_id"), "life_event_contacts", ["event_id"]
    )


def downgrade() -> None:
    op.drop_table("life_event_contacts")
    op.drop_table("life_events")
