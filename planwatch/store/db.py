"""Opening a database: URL → engine, connection settings, migrations on open.

SQLite (the default, a bare path or sqlite:///path.db) runs in WAL mode with a
busy timeout; write transactions start with BEGIN IMMEDIATE so two writers
queue on the lock instead of failing on a read→write upgrade. PostgreSQL
(postgresql://…) goes through psycopg 3; writers serialise on an advisory lock
so the precomputed series rows never miss a concurrent writer's facts.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from ..errors import StoreError

MIGRATIONS = Path(__file__).with_name("migrations")
WRITE_LOCK = 0x706C616E  # "plan": the PostgreSQL advisory lock every writer takes
BUSY_TIMEOUT_MS = 60_000
OPEN_TRIES = 8  # attempts to open a database another process is setting up (0.05 s, doubling: 6.4 s in all)


def normalise_url(url: str) -> str:
    """sqlite:///x.db and postgresql+psycopg://… pass; postgres(ql):// gets the psycopg 3
    driver; anything else is a path to a SQLite file."""
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if "://" in url:
        return url
    return "sqlite:///" + str(Path(url).expanduser().resolve())


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Take BEGIN away from pysqlite so that we decide when and how a transaction starts.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # (WAL persists in the file: setting it again needs a lock another opener may hold, and SQLite may answer
        # "locked" at once there instead of waiting)
        if str(cur.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
            cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")  # safe in WAL: a crash loses no committed txn's consistency
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: str) -> Engine:
    full = normalise_url(url)
    try:
        if full.startswith("sqlite"):
            engine = create_engine(full, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
            _sqlite_setup(engine)
        else:
            engine = create_engine(full, pool_pre_ping=True)
    except (SQLAlchemyError, ImportError, ValueError) as e:
        raise StoreError(f"cannot open database {display_url(url)}: {_first_line(e)}") from e
    return engine


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


_head: list[str | None] = []  # the newest revision, read once per process


def _head_revision(cfg: Config) -> str | None:
    if not _head:
        _head.append(ScriptDirectory.from_config(cfg).get_current_head())
    return _head[0]


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        conn.rollback()
    return current


def migrate(engine: Engine, current: str | None = "?") -> None:
    """Bring the schema to the newest revision. A quick read says whether anything is to
    do (`current`, when the caller read it already); the upgrade itself runs under the
    write lock, so concurrent openers of a new database wait for the first instead of
    racing it."""
    cfg = _alembic_config()
    head = _head_revision(cfg)
    if current == "?":
        current = current_revision(engine)
    if current == head:
        return
    with engine.connect() as conn:
        conn = conn.execution_options(sqlite_begin="IMMEDIATE")
        with conn.begin():
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITE_LOCK})
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")  # re-reads the version under the lock: a no-op if done


@dataclass
class Database:
    """An open database: an engine plus the two kinds of transaction planwatch uses."""

    url: str
    engine: Engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction; committed on leaving, rolled back on any exception."""
        with self.engine.connect() as conn:
            conn = conn.execution_options(sqlite_begin="IMMEDIATE")
            with conn.begin():
                if self.dialect == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITE_LOCK})
                yield conn

    def close(self) -> None:
        self.engine.dispose()


def _first_line(e: BaseException) -> str:
    """An error's own words, on one line: SQLAlchemy appends the SQL and a help link."""
    inner = getattr(e, "orig", None) or e
    text_ = " ".join(str(inner).split("\n")[0].split())
    return text_ or type(inner).__name__


def display_url(url: str) -> str:
    """The URL as messages show it: a password is never printed."""
    if "://" not in url or "@" not in url:
        return url
    try:
        from sqlalchemy.engine import make_url
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 — an unparsable URL: hide everything before the host
        return url.split("://", 1)[0] + "://…@" + url.rsplit("@", 1)[1]


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL or bare path (None for :memory: and other databases)."""
    full = normalise_url(url)
    if not full.startswith("sqlite"):
        return None
    path = full.split("///", 1)[1] if "///" in full else ""
    return None if path in ("", ":memory:") else Path(path)


def open_db(url: str, *, upgrade: bool = True, create: bool = False) -> Database:
    """Open (and migrate) the database at `url`; StoreError when it cannot.

    Only `create=True` (ingest) makes a new database or gives an empty one its tables:
    opening a database that does not exist is an error, so a typo in a path or URL
    never starts a new empty database."""
    path = sqlite_path(url)
    shown = display_url(url)
    if path is not None and not create:
        if not path.exists():
            raise StoreError(f"no database at {shown} (`planwatch ingest FILES --db {shown}` creates one)")
        if not path.is_file():
            raise StoreError(f"{shown} is not a database file")
    if path is not None and create and not path.parent.is_dir():
        raise StoreError(f"cannot create database {shown}: no folder {path.parent}")
    engine = make_engine(url)
    try:
        for attempt in range(OPEN_TRIES):
            try:
                current = current_revision(engine)
                if current is None and not create and _empty(engine):
                    raise StoreError(f"{shown} is not a planwatch database yet (`planwatch ingest FILES --db {shown}` "
                                     "creates its tables)")
                if upgrade:
                    migrate(engine, current)
                break
            except OperationalError as e:
                # two processes opening a new SQLite file at once: SQLite may refuse the second its lock at once
                # (no busy wait) while the first sets the file up; a moment later the file is ready
                if "locked" not in str(e.orig) or attempt == OPEN_TRIES - 1:
                    raise
                engine.dispose()
                time.sleep(0.05 * 2 ** attempt)
    except SQLAlchemyError as e:
        engine.dispose()
        raise StoreError(f"cannot open database {shown}: {_first_line(e)}") from e
    except BaseException:
        engine.dispose()
        raise
    return Database(url=url, engine=engine)


def _empty(engine: Engine) -> bool:
    """True when the database has no planwatch tables (nothing was ever ingested into it)."""
    from sqlalchemy import inspect
    with engine.connect() as conn:
        names = set(inspect(conn).get_table_names())
        conn.rollback()
    return "documents" not in names
