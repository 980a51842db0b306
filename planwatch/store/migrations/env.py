"""Alembic environment: run programmatically by planwatch.store.db.migrate with a
connection in config.attributes; the `alembic` command line also works with
-x url=… (for writing new revisions)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from planwatch.store.schema import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite needs table copies for ALTER
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    from planwatch.store.db import normalise_url

    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    engine = create_engine(normalise_url(url or "planwatch.db"))
    with engine.begin() as conn:
        _run(conn)
