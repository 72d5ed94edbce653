"""web back office: staff accounts and sessions, staff audit, work-queue index, signed results, office profiles

Revision ID: 0002_web_backoffice
Revises: 0002_life_events
Create Date: 2026-12-02 14:05:09.289666
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_web_backoffice"
down_revision = "0002_life_events"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "dossier_queue",
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("office_code", sa.String(length=40), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("lookup_code", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("procedure_code", sa.String(length=60), nullable=False),
        sa.Column("counter_number", sa.Integer(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=True),
        sa.Column("due_sort", sa.DateTime(), nullable=False),
        sa.Column("citizen_id", sa.String(length=36), nullable=False),
        sa.Column("id_number", sa.String(length=12), nullable=False),
        sa.Column("full_name", sa.String(length=120), nullable=False),
        sa.Column("name_folded", sa.String(length=120), nullable=False),
        sa.Column("missing", sa.Text(), nullable=False),
        sa.Column("previous_due_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("dossier_id", name=op.f("pk_dossier_queue")),
    )
    with op.batch_alter_table("dossier_queue", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dossier_queue_code"), ["code"], unique=False)
        batch_op.create_index(batch_op.f("ix_dossier_queue_id_number"), ["id_number"], unique=False)
        batch_op.create_index(
            "ix_dossier_queue_office_due", ["office_code", "due_sort", "dossier_id"], unique=False
        )
        batch_op.create_index(
            "ix_dossier_queue_office_received",
            ["office_code", "submitted_at", "dossier_id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_dossier_queue_office_status",
            ["office_code", "status", "submitted_at"],
            unique=False,
        )
    # Name search matches any word of the folded name: a trigram index on PostgreSQL
    # (pg_trgm is a trusted extension: the database owner may create it).
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_index(
        "ix_dossier_queue_name_trgm",
        "dossier_queue",
        ["name_folded"],
        postgresql_using="gin",
        postgresql_ops={"name_folded": "gin_trgm_ops"},
    )

    op.create_table(
        "dossier_results",
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("office_code", sa.String(length=40), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("signer", sa.String(length=300), nullable=False),
        sa.Column("signed_at", sa.DateTime(), nullable=False),
        sa.Column("staff_id", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("dossier_id", name=op.f("pk_dossier_results")),
    )
    op.create_table(
        "staff_accounts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("username", sa.String(length=60), nullable=False),
        sa.Column("full_name", sa.String(length=120), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("offices", sa.JSON(), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_login_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_accounts")),
        sa.UniqueConstraint("username", name=op.f("uq_staff_accounts_username")),
    )
    op.create_table(
        "staff_audit",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("staff_id", sa.String(length=36), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=True),
        sa.Column("detail", sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_audit")),
    )
    with op.batch_alter_table("staff_audit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_audit_dossier_id"), ["dossier_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_staff_audit_staff_id"), ["staff_id"], unique=False)

    op.create_table(
        "office_profiles",
        sa.Column("office_code", sa.String(length=40), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("hours", sa.String(length=200), nullable=False),
        sa.Column("signing_key_path", sa.String(length=500), nullable=False),
        sa.Column("signing_cert_path", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["office_code"], ["offices.code"], name=op.f("fk_office_profiles_office_code_offices")
        ),
        sa.PrimaryKeyConstraint("office_code", name=op.f("pk_office_profiles")),
    )
    op.create_table(
        "staff_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("staff_id", sa.String(length=36), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff_accounts.id"],
            name=op.f("fk_staff_sessions_staff_id_staff_accounts"),
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_staff_sessions")),
    )
    with op.batch_alter_table("staff_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_sessions_staff_id"), ["staff_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("staff_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_sessions_staff_id"))

    op.drop_table("staff_sessions")
    op.drop_table("office_profiles")
    with op.batch_alter_table("staff_audit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_audit_staff_id"))
        batch_op.drop_index(batch_op.f("ix_staff_audit_dossier_id"))

    op.drop_table("staff_audit")
    op.drop_table("staff_accounts")
    op.drop_table("dossier_results")
    with op.batch_alter_table("dossier_queue", schema=None) as batch_op:
        batch_op.drop_index("ix_dossier_queue_name_trgm")
        batch_op.drop_index("ix_dossier_queue_office_status")
        batch_op.drop_index("ix_dossier_queue_office_received")
        batch_op.drop_index("ix_dossier_queue_office_due")
        batch_op.drop_index(batch_op.f("ix_dossier_queue_id_number"))
        batch_op.drop_index(batch_op.f("ix_dossier_queue_code"))

    op.drop_table("dossier_queue")
