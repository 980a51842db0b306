"""initial schema: documents, facts, series, passages (+ full-text index), corrections

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=512), nullable=False),
        sa.Column("path", sa.Text(), nullable=True),
        sa.Column("source_key", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("previous_id", sa.Integer(), nullable=True),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("format", sa.String(length=16), nullable=False),
        sa.Column("encoding", sa.String(length=32), nullable=True),
        sa.Column("chars", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("meta", sa.Text(), nullable=False),
        sa.Column("date", sa.String(length=32), nullable=True),
        sa.Column("region", sa.String(length=128), nullable=True),
        sa.Column("engine", sa.String(length=64), nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["previous_id"], ["documents.id"], name=op.f("fk_documents_previous_id_documents"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("sha256", name=op.f("uq_documents_sha256")),
    )
    op.create_index(op.f("ix_documents_current"), "documents", ["current"])
    op.create_index(op.f("ix_documents_source_key"), "documents", ["source_key"])

    op.create_table(
        "series",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("indicator", sa.String(length=256), nullable=False),
        sa.Column("region", sa.String(length=128), nullable=True),
        sa.Column("period", sa.String(length=32), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("measure", sa.String(length=16), nullable=False),
        sa.Column("n_facts", sa.Integer(), nullable=False),
        sa.Column("n_docs", sa.Integer(), nullable=False),
        sa.Column("min_value", sa.Float(), nullable=True),
        sa.Column("max_value", sa.Float(), nullable=True),
        sa.Column("spread", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_series")),
    )
    op.create_index("ix_series_docs", "series", ["n_docs"])
    op.create_index("ix_series_rpk", "series", ["region", "period", "kind"])
    op.create_index("ix_series_spread", "series", ["spread"])

    op.create_table(
        "facts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("doc", sa.String(length=512), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("surface", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("indicator", sa.String(length=256), nullable=False),
        sa.Column("measure", sa.String(length=16), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(length=64), nullable=True),
        sa.Column("base_value", sa.Float(), nullable=True),
        sa.Column("qualifier", sa.String(length=16), nullable=False),
        sa.Column("region", sa.String(length=128), nullable=True),
        sa.Column("region_code", sa.String(length=32), nullable=True),
        sa.Column("period", sa.String(length=32), nullable=True),
        sa.Column("tier", sa.String(length=4), nullable=False),
        sa.Column("optional", sa.Boolean(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("duplicate", sa.Boolean(), nullable=False),
        sa.Column("superseded", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("origin", sa.String(length=16), nullable=False),
        sa.Column("series", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_facts_document_id_documents"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_facts")),
    )
    op.create_index("ix_facts_filter", "facts", ["superseded", "indicator", "region", "period", "kind"])
    op.create_index("ix_facts_kind", "facts", ["superseded", "kind"])
    op.create_index("ix_facts_period", "facts", ["superseded", "period"])
    op.create_index("ix_facts_region_period", "facts", ["superseded", "region", "period"])
    op.create_index("ix_facts_series", "facts", ["series", "superseded"])
    op.create_index("ix_facts_span", "facts", ["document_id", "start", "end"])

    op.create_table(
        "passages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_passages_document_id_documents"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_passages")),
    )
    op.create_index(op.f("ix_passages_document_id"), "passages", ["document_id"])

    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fact_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("doc_sha256", sa.String(length=64), nullable=False),
        sa.Column("source_key", sa.Text(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("match_indicator", sa.String(length=256), nullable=True),
        sa.Column("surface", sa.Text(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.Column("field", sa.String(length=32), nullable=True),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("author", sa.String(length=128), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["fact_id"], ["facts.id"], name=op.f("fk_corrections_fact_id_facts"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corrections")),
    )
    op.create_index(op.f("ix_corrections_doc_sha256"), "corrections", ["doc_sha256"])
    op.create_index(op.f("ix_corrections_fact_id"), "corrections", ["fact_id"])
    op.create_index("ix_corrections_source", "corrections", ["source_key"])

    _full_text_up()


def _full_text_up() -> None:
    """Search structures differ by database; the passages table is the same on both."""
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        # External-content FTS5 over passages: the text is stored once, the triggers keep
        # the index in step. trigram works for Chinese, which has no spaces to split on.
        op.execute("CREATE VIRTUAL TABLE passages_fts USING fts5("
                   "text, content='passages', content_rowid='id', tokenize='trigram')")
        op.execute("CREATE TRIGGER passages_ai AFTER INSERT ON passages BEGIN "
                   "INSERT INTO passages_fts(rowid, text) VALUES (new.id, new.text); END")
        op.execute("CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN "
                   "INSERT INTO passages_fts(passages_fts, rowid, text) VALUES ('delete', old.id, old.text); END")
        op.execute("CREATE TRIGGER passages_au AFTER UPDATE ON passages BEGIN "
                   "INSERT INTO passages_fts(passages_fts, rowid, text) VALUES ('delete', old.id, old.text); "
                   "INSERT INTO passages_fts(rowid, text) VALUES (new.id, new.text); END")
    elif bind.dialect.name == "postgresql":
        # pg_trgm is a trusted extension (PG 13+): a database owner may create it. Where it
        # is missing, search still works through ILIKE, just without an index.
        savepoint = bind.begin_nested()
        try:
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except sa.exc.DBAPIError:
            savepoint.rollback()
            return
        savepoint.commit()
        op.execute("CREATE INDEX ix_passages_trgm ON passages USING gin (text gin_trgm_ops)")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for trig in ("passages_ai", "passages_ad", "passages_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {trig}")
        op.execute("DROP TABLE IF EXISTS passages_fts")
    for table in ("corrections", "passages", "facts", "series", "documents"):
        op.drop_table(table)
