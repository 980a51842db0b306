"""project_reviews: the review of a government-funded IT project (submitted with a requested budget,
pre-review, joint review with reviewers' opinions, approved budget), one row a step

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "project_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(length=16), nullable=False),
        sa.Column("date", sa.String(length=10), nullable=False),
        sa.Column("amount", sa.Float(), nullable=True),
        sa.Column("amount_unit", sa.String(length=8), nullable=True),
        sa.Column("result", sa.String(length=16), nullable=True),
        sa.Column("reviewer", sa.String(length=128), nullable=True),
        sa.Column("opinion", sa.Text(), nullable=True),
        sa.Column("author", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["projects.id"], name=op.f("fk_project_reviews_project_id_projects"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_reviews")),
    )
    op.create_index(op.f("ix_project_reviews_project_id"), "project_reviews", ["project_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_project_reviews_project_id"), "project_reviews")
    op.drop_table("project_reviews")
