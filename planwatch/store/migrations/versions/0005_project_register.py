"""projects and project_events: an office's register of projects, every change audited

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
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
        "projects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=256), nullable=False),
        sa.Column("region", sa.String(length=128), nullable=True),
        sa.Column("unit", sa.String(length=256), nullable=True),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("planned_start", sa.String(length=10), nullable=True),
        sa.Column("planned_end", sa.String(length=10), nullable=True),
        sa.Column("actual_start", sa.String(length=10), nullable=True),
        sa.Column("actual_end", sa.String(length=10), nullable=True),
        sa.Column("planned_investment", sa.Float(), nullable=True),
        sa.Column("completed_investment", sa.Float(), nullable=True),
        sa.Column("investment_unit", sa.String(length=16), nullable=False),
        sa.Column("source_doc", sa.String(length=512), nullable=True),
        sa.Column("source_start", sa.Integer(), nullable=True),
        sa.Column("source_end", sa.Integer(), nullable=True),
        sa.Column("source_text", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_projects")),
    )
    op.create_index("ix_projects_region_name", "projects", ["region", "name"])
    op.create_table(
        "project_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("date", sa.String(length=10), nullable=True),
        sa.Column("field", sa.String(length=32), nullable=True),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("author", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["projects.id"], name=op.f("fk_project_events_project_id_projects"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_events")),
    )
    op.create_index(op.f("ix_project_events_project_id"), "project_events", ["project_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_project_events_project_id"), "project_events")
    op.drop_table("project_events")
    op.drop_index("ix_projects_region_name", "projects")
    op.drop_table("projects")
