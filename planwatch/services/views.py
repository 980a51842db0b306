"""What the web pages show beyond the CLI's listings: an overview, a page of conflicts,
a document with its facts and context, an indicator's series over the years.

Like every service these open the database they are given and return plain values;
the web layer never runs SQL of its own.
"""

from __future__ import annotations

import json
import threading
from collections import Counter, OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..analyse.conflicts import Conflict
from ..analyse.scorecard import ScoreLine
from ..config import Settings
from ..model import Document
from ..store import repo
from ..store.repo import DocumentInfo, FactFilter, StoredFact
from .analyses import _readable, _ready, _settings, order_of
from .common import DB, Answer, database, stored_document
from .query import Query, resolve, whole

MAX_PAGE = 500


# ---------------------------------------------------------------- overview

@dataclass(frozen=True)
class Cell:
    """One region × period of the overview: how its targets fared."""

    region: str | None
    period: str | None
    met: int = 0
    missed: int = 0
    partly: int = 0
    unknown: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"region": self.region, "period": self.period, "met": self.met, "missed": self.missed,
                "partly": self.partly, "unknown": self.unknown}


@dataclass(frozen=True)
class Overview:
    cells: list[Cell]
    conflicts: list[Conflict]
    latest: list[DocumentInfo]
    counts: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"cells": [c.to_dict() for c in self.cells], "conflicts": [c.to_dict() for c in self.conflicts],
                "latest": [d.to_dict() for d in self.latest], "counts": self.counts}


def verdict_counts(lines: Sequence[ScoreLine]) -> list[Cell]:
    """Each region × period's indicators by verdict (an indicator with several parts counts once)."""
    seen: dict[tuple[str | None, str | None], Counter[str]] = {}
    done: set[tuple[Any, ...]] = set()
    for ln in lines:
        key = (ln.region, ln.period)
        one = (ln.region, ln.period, ln.indicator, ln.measure)
        seen.setdefault(key, Counter())
        if one in done:
            continue
        done.add(one)
        seen[key][ln.verdict] += 1
    cells = [Cell(r, p, c["met"], c["missed"], c["partly"], c["unknown"]) for (r, p), c in seen.items()]
    return sorted(cells, key=lambda c: (c.region or "", c.period or ""))


def overview(db: DB, *, settings: Settings | None = None, conflicts: int = 5, latest: int = 5, cells: int = 20,
             offset: int = 0) -> Overview:
    """Headline (tier A) targets by verdict for a page of region × period pairs (latest periods
    first), the first conflicts, the documents ingested last. A page at a time and tier A only:
    the overview is the headline picture, and its cost stays that of `cells` small scorecards
    however large the database."""
    from ..analyse.scorecard import scorecard as score
    whole("--limit", cells, minimum=1)
    whole("--offset", offset, minimum=0)
    s = _settings(settings)
    with database(db) as d, d.read() as conn:
        counts = repo.count_rows(conn)
        if not repo.has_documents(conn):   # a new database: an empty overview, not an error
            return Overview([], [], [], counts)
        pairs = repo.target_cells(conn, limit=min(cells, MAX_PAGE), offset=offset)
        facts: list[StoredFact] = []
        for region, period in pairs:
            facts += repo.query_facts(conn, FactFilter(tier="A", region=region, period=period))
        order = order_of(conn, facts)
        newest = repo.latest_documents(conn, latest)
    lines = score(facts, tolerance_points=s.tolerance_points, tolerance_relative=s.tolerance_relative,
                  doc_order=order)
    found = verdict_counts(lines)
    rank = {pair: i for i, pair in enumerate(pairs)}
    found.sort(key=lambda c: rank.get((c.region, c.period), len(rank)))
    first = conflicts_page(db, None, limit=conflicts, settings=s).items[0] if conflicts else []
    return Overview(found, first, newest, counts)


# ---------------------------------------------------------------- conflicts, a page at a time

def conflicts_page(db: DB, q: Query | None = None, *, after: str | None = None, limit: int = 20,
                   settings: Settings | None = None) -> Answer[tuple[list[Conflict], str | None]]:
    """One page of conflicts in series-key order: (conflicts, the key to ask the next page
    `after`, None on the last page). Keyset paging: each page reads `limit` candidate series
    and their facts, never the whole list (services.conflicts sorts all of them by severity)."""
    from ..analyse.conflicts import conflicts as find
    whole("--limit", limit, minimum=1)
    limit = min(limit, MAX_PAGE)
    s = _settings(settings)
    found: list[Conflict] = []
    with database(db) as d, d.read() as conn:
        q = _ready(conn, q)
        cursor = after
        while len(found) < limit:
            want = limit - len(found)
            keys = repo.conflict_series_page(conn, after=cursor, limit=want, indicator=q.indicator,
                                             region=q.region, period=q.period, kind=q.kind)
            if keys:
                facts = repo.facts_of_series(conn, keys)
                found += find(facts, points=s.conflict_points, relative=s.conflict_relative,
                              doc_order=order_of(conn, facts))
            if len(keys) < want:   # fewer than asked: the last page
                return Answer((found, None), q.notes)
            cursor = keys[-1]
    return Answer((found, cursor), q.notes)


# ---------------------------------------------------------------- a document, as its page shows it

@dataclass(frozen=True)
class DocumentView:
    info: DocumentInfo
    text: str
    facts: list[StoredFact]
    context: dict[str, Any]
    meta: dict[str, str]
    region: str | None

    def to_dict(self) -> dict[str, Any]:
        return {**self.info.to_dict(), "region": self.region, "meta": self.meta, "context": self.context,
                "facts": [f.to_dict() for f in self.facts]}


def document_view(db: DB, document_id: int) -> DocumentView:
    """A stored document: its text, all its facts (duplicates and reviewed ones included) and
    what it says about itself (date, home region, sections), read as the engine reads it."""
    whole("document id", document_id, minimum=1)
    with database(db) as d, d.read() as conn:
        info, text_ = stored_document(conn, document_id)
        facts = repo.document_facts(conn, document_id)
        meta = repo.document_meta(conn, document_id)
        region = repo.document_region(conn, document_id)
    context = _context(info, meta, text_)
    return DocumentView(info, text_, facts, context, meta, region)


_CONTEXTS: OrderedDict[tuple[str, str], dict[str, Any]] = OrderedDict()
_CONTEXTS_MAX = 256
_CONTEXTS_LOCK = threading.Lock()


def _context(info: DocumentInfo, meta: dict[str, str], text_: str) -> dict[str, Any]:
    """The document's context (date, home region, sections), read once per content and metadata:
    the same bytes always give the same one, so a page view does not rerun the engine."""
    key = (info.sha256, json.dumps(meta, sort_keys=True, ensure_ascii=False))
    with _CONTEXTS_LOCK:
        if key in _CONTEXTS:
            _CONTEXTS.move_to_end(key)
            return _CONTEXTS[key]
    from .ingestion import document_context
    try:
        doc = Document(name=info.name, text=text_, path=info.path, sha256=info.sha256, meta=meta)
        ctx = document_context(doc, date=meta.get("given_date"), region=meta.get("given_region"))
        context: dict[str, Any] = ctx.to_dict() if hasattr(ctx, "to_dict") else {}
    except Exception:  # noqa: BLE001 — the page still shows the text and facts without a context
        return {}
    with _CONTEXTS_LOCK:
        _CONTEXTS[key] = context
        while len(_CONTEXTS) > _CONTEXTS_MAX:
            _CONTEXTS.popitem(last=False)
    return context


def documents_page(db: DB, *, limit: int = 100, offset: int = 0) -> list[DocumentInfo]:
    whole("--limit", limit, minimum=1)
    whole("--offset", offset, minimum=0)
    with database(db) as d, d.read() as conn:
        return repo.list_documents_page(conn, limit=min(limit, MAX_PAGE * 10), offset=offset)


# ---------------------------------------------------------------- an indicator over the years

def indicator_series(db: DB, q: Query, *, all_rows: bool = False, limit: int = 5000) -> Answer[list[StoredFact]]:
    """The live facts of one indicator (optionally one region or kind) in period order: what
    its chart draws. At most `limit` facts."""
    with database(db) as d, d.read() as conn:
        q = resolve(conn, q)
        facts = repo.query_facts(conn, q.but(limit=None, offset=0).filter(), limit=limit)
    facts, hidden = _readable(facts, all_rows)
    facts.sort(key=lambda f: (f.period or "", f.region or "", f.kind.value, f.start))
    return Answer(facts, q.notes, hidden)


def count_facts(db: DB, q: Query | None = None) -> int:
    with database(db) as d, d.read() as conn:
        q = resolve(conn, q or Query())
        return repo.count_facts(conn, q.filter())
