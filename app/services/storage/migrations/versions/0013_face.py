"""face_matches: the counter's face-match attempts (figures, consent, override)

Revision ID: 0013_face
Revises: 0007_papers
Create Date: 2026-12-07 17:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_face"
down_revision = "0007_papers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "face_matches",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("officer_id", sa.String(length=36), nullable=True),
        sa.Column("dossier_id", sa.String(length=36), nullable=True),
        sa.Column("citizen_id", sa.String(length=36), nullable=True),
        sa.Column("id_number", sa.String(length=20), nullable=False),
        sa.Column("decision", sa.String(length=12), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("distance", sa.Float(), nullable=True),
        sa.Column("threshold", sa.Float(), nullable=False),
        sa.Column("model", sa.String(length=80), nullable=False),
        sa.Column("model_version", sa.String(length=120), nullable=False),
        sa.Column("quality", sa.JSON(), nullable=False),
        sa.Column("liveness_moved", sa.Boolean(), nullable=True),
        sa.Column("consent", sa.Boolean(), nullable=False),
        sa.Column("image_sha256", sa.String(length=64), nullable=False),
        sa.Column("override_decision", sa.String(length=12), nullable=False),
        sa.Column("override_by", sa.String(length=36), nullable=True),
        sa.Column("override_reason", sa.Text(), nullable=False),
        sa.Column("override_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_face_matches")),
    )
    op.create_index(op.f("ix_face_matches_dossier_id"), "face_matches", ["dossier_id"])
    op.create_index(op.f("ix_face_matches_id_number"), "face_matches", ["id_number"])


def downgrade() -> None:
    op.drop_index(op.f("ix_face_matches_id_number"), table_name="face_matches")
    op.drop_index(op.f("ix_face_matches_dossier_id"), table_name="face_matches")
    op.drop_table("face_matches")
