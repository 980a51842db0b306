"""Queries: facts, documents, counts and full-text search."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import NotFoundError, UsageError
from ..store import repo
from ..store.repo import DocumentInfo, Passage, StoredFact
from .common import DB, Answer, database
from .query import Query, resolve, whole


def query_facts(db: DB, q: Query | None = None) -> Answer[list[StoredFact]]:
    """The facts the query selects, in storage order, a page at a time (q.limit, q.offset)."""
    with database(db) as d, d.read() as conn:
        q = resolve(conn, q or Query())
        return Answer(repo.query_facts(conn, q.filter(), limit=q.limit, offset=q.offset), q.notes)


def iter_facts(db: DB, q: Query | None = None) -> Iterator[StoredFact]:
    with database(db) as d, d.read() as conn:
        yield from repo.iter_facts(conn, resolve(conn, q or Query()).filter())


def get_fact(db: DB, fact_id: str) -> StoredFact:
    with database(db) as d, d.read() as conn:
        f = repo.get_fact_by_uid(conn, str(fact_id).strip().lstrip("#").lower())
    if f is None:
        raise NotFoundError(f"no fact with id {fact_id}")
    return f


def documents(db: DB, *, current_only: bool = True) -> list[DocumentInfo]:
    with database(db) as d, d.read() as conn:
        return repo.list_documents(conn, current_only=current_only)


def stats(db: DB) -> dict[str, int]:
    with database(db) as d, d.read() as conn:
        return repo.count_rows(conn)


@dataclass(frozen=True)
class SearchHit:
    doc: str
    document_id: int
    start: int
    end: int
    passage: str
    facts: list[StoredFact]

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "document_id": self.document_id, "start": self.start, "end": self.end,
                "passage": self.passage, "facts": [f.to_dict() for f in self.facts]}


MAX_WORDS = 8


def search(db: DB, query: str, *, limit: int = 20) -> list[SearchHit]:
    """Passages of the current documents holding every word of `query` (split on spaces), in
    any order, each with the facts inside it."""
    words = list(dict.fromkeys(str(query).split()))
    if not words:
        raise UsageError("search: give a word to find")
    if len(words) > MAX_WORDS:
        raise UsageError(f"search: at most {MAX_WORDS} words")
    if any(len(w) > 200 for w in words):
        raise UsageError("search: a word longer than 200 characters")
    whole("--limit", limit, minimum=1)
    with database(db) as d, d.read() as conn:
        passages: list[Passage] = repo.search_passages(conn, words, limit=limit)
        return [SearchHit(p.doc, p.document_id, p.start, p.end, p.text,
                          repo.facts_within(conn, p.document_id, p.start, p.end)) for p in passages]
