"""What every service shares: opening a database, the facts-table columns of a fact, authors and clocks."""

from __future__ import annotations

import getpass
import math
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, Generic, TypeVar

from ..config import load_settings
from ..errors import NotFoundError
from ..model import Fact, Kind, Measure, Qualifier
from ..store import repo
from ..store.db import Database, display_url, open_db
from ..store.keys import series_of
from ..store.repo import DocumentInfo, StoredFact

DB = str | Database
T = TypeVar("T")


@dataclass(frozen=True)
class Answer(Generic[T]):
    """What a query service returns: the items, how the query's names were read
    (`--region 株洲 → 株洲市`), and how many rows the quality bar left out."""

    items: T
    notes: tuple[str, ...] = ()
    hidden: int = 0

    def __iter__(self) -> Iterator[Any]:
        return iter(self.items)  # type: ignore[call-overload]

    def __len__(self) -> int:
        return len(self.items)  # type: ignore[arg-type]

    def __getitem__(self, i: Any) -> Any:
        return self.items[i]  # type: ignore[index]


@contextmanager
def database(db: DB, *, create: bool = False) -> Iterator[Database]:
    """The open Database for `db`; one opened here is closed on leaving. Only `create=True`
    (ingest) makes a new database; opening one that does not exist is a StoreError."""
    if isinstance(db, Database):
        yield db
        return
    opened = open_db(db, create=create)
    try:
        yield opened
    finally:
        opened.close()


def open_database(db: str) -> Database:
    """An open Database to keep (a server's): the caller closes it. StoreError when it does not exist."""
    return open_db(db)


def shown_url(db: str) -> str:
    """A database URL as messages show it (no password)."""
    return display_url(db)


def default_db() -> str:
    return load_settings().db


def now() -> datetime:
    return datetime.now(UTC)


def default_author() -> str:
    try:
        return os.environ.get("USER") or getpass.getuser()
    except Exception:  # noqa: BLE001 — no passwd entry in some containers
        return "unknown"


# ---------------------------------------------------------------- series keys & rows

def _base_value(value: float | None, unit: str | None) -> float | None:
    if value is None:
        return None
    try:
        return float(value) * _unit_factor(unit)
    except Exception:  # noqa: BLE001 — an odd unit word: the value as written still orders sensibly
        return float(value)


@lru_cache(maxsize=4096)
def _unit_factor(unit: str | None) -> float:
    from ..analyse.units import to_base
    base = to_base(1.0, unit)[0]
    return 1.0 if base is None else float(base)


def fact_columns(f: Fact | StoredFact, **override: Any) -> dict[str, Any]:
    """The facts-table columns of a fact (without document_id), series key computed."""
    d: dict[str, Any] = {}
    for name in ("doc", "start", "end", "surface", "indicator", "value", "unit", "region", "region_code",
                 "period", "tier", "optional", "evidence", "duplicate", "why"):
        d[name] = getattr(f, name)
    for name in ("kind", "measure", "qualifier"):
        v = getattr(f, name)
        d[name] = getattr(v, "value", v)
    d.update(override)
    d["series"] = series_of(d["indicator"], d["region"], d["period"], d["kind"], d["measure"], d["unit"])
    d["base_value"] = _base_value(d["value"], d["unit"])
    return d


def check_fact(f: Fact, text_len: int) -> None:
    """Refuse facts that would corrupt the table: offsets outside the text, unknown words."""
    if not (0 <= f.start <= f.end <= text_len):
        raise ValueError(f"fact span {f.start}:{f.end} outside the text (length {text_len})")
    Kind(f.kind), Measure(f.measure), Qualifier(f.qualifier)
    if not f.indicator:
        raise ValueError("fact without an indicator")
    if f.value is not None and not math.isfinite(f.value):
        raise ValueError(f"fact value {f.value!r} is not a finite number")


def stored_document(conn: Any, document_id: int) -> tuple[DocumentInfo, str]:
    """A stored document's row and its text, or a NotFoundError naming the id."""
    info = repo.get_document(conn, document_id)
    if info is None:
        raise NotFoundError(f"no document with id {document_id}")
    return info, repo.document_text(conn, document_id) or ""
