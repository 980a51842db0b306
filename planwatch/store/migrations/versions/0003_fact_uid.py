"""facts.uid: a fact's public id, derived from its document's content, span and origin;
series re-keyed where a level in % of an amount indicator is its growth

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""
from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

BATCH = 5000


def upgrade() -> None:
    from planwatch.store.ids import assign_uids

    with op.batch_alter_table("facts") as batch:
        batch.add_column(sa.Column("uid", sa.String(16), nullable=True))
    bind = op.get_bind()
    docs = bind.execute(sa.text("SELECT id, sha256 FROM documents")).all()
    for doc_id, sha in docs:
        rows = bind.execute(sa.text('SELECT id, start, "end", origin FROM facts WHERE document_id = :d '
                                    'ORDER BY start, "end", id'), {"d": doc_id}).all()
        by_origin: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        for id_, start, end, origin in rows:
            by_origin[origin or "engine"].append((id_, start, end))
        updates = []
        for origin, facts in by_origin.items():
            uids = assign_uids(sha, [(s, e) for _, s, e in facts], origin=origin)
            updates += [{"u": u, "i": id_} for (id_, _, _), u in zip(facts, uids, strict=True)]
        for i in range(0, len(updates), BATCH):
            bind.execute(sa.text("UPDATE facts SET uid = :u WHERE id = :i"), updates[i:i + BATCH])
    op.create_index("ix_facts_uid", "facts", ["uid"], unique=True)
    _rekey_growth_levels(bind)


def _rekey_growth_levels(bind: sa.engine.Connection) -> None:
    """Facts whose series key changes with series_measure (a % level of an amount indicator)."""
    from planwatch.analyse.rules import load
    from planwatch.store.keys import series_of

    names = sorted(load().percent_is_growth)
    if not names:
        return
    rows = bind.execute(sa.text(
        "SELECT id, indicator, region, period, kind, measure, unit, series FROM facts "
        "WHERE measure = 'level' AND indicator IN :names").bindparams(sa.bindparam("names", expanding=True)),
        {"names": names}).all()
    touched: set[str] = set()
    for id_, ind, region, period, kind, measure, unit, old in rows:
        new = series_of(ind, region, period, kind, measure, unit)
        if new != old:
            bind.execute(sa.text("UPDATE facts SET series = :s WHERE id = :i"), {"s": new, "i": id_})
            touched |= {old, new}
    if touched:
        from planwatch.store.repo import refresh_series
        refresh_series(bind, touched)


def downgrade() -> None:
    op.drop_index("ix_facts_uid", "facts")
    with op.batch_alter_table("facts") as batch:
        batch.drop_column("uid")
