"""Every SQL statement planwatch runs. Values are always bound parameters.

Functions take an open Connection (from Database.read()/write()), so a caller
decides what one transaction covers: services writes a whole document in one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, or_, select, text, update
from sqlalchemy import true as sa_true

from ..model import (
    KIND_BY_WORD,
    MEASURE_BY_WORD,
    QUALIFIER_BY_WORD,
    Fact,
    fact_fields,
)
from .schema import (
    CONFLICT_CANDIDATE,
    CorrectionRow,
    DocumentRow,
    FactRow,
    PassageRow,
    SeriesRow,
    TokenRow,
)

D = DocumentRow.__table__
F = FactRow.__table__
S = SeriesRow.__table__
P = PassageRow.__table__
C = CorrectionRow.__table__
T = TokenRow.__table__

CHUNK = 500  # keys per IN (...) list: well under every database's parameter limit
LIVE_STATUSES_EXCLUDED = ("rejected",)


# ---------------------------------------------------------------- value objects

@dataclass(frozen=True, slots=True, kw_only=True)
class StoredFact(Fact):
    """A fact as stored: a Fact with its id, document and review state.
    Satisfies analyse's FactRow protocol (id, doc, kind, indicator, …)."""

    id: str            # the public id (store/ids.py): stable through re-extraction
    document_id: int
    superseded: bool
    status: str
    origin: str
    series: str
    pk: int            # the row's key: internal, changes when a document is re-extracted

    def to_dict(self) -> dict[str, Any]:
        """id first, then the GUIDE's fields, then the review state."""
        out: dict[str, Any] = {"id": self.id, **fact_fields(self)}
        out.update(document_id=self.document_id, status=self.status, origin=self.origin,
                   superseded=self.superseded)
        return out


_COLUMN_OF = {"id": "uid", "pk": "id"}
_FACT_COLS = [F.c[_COLUMN_OF.get(f.name, f.name)] for f in fields(StoredFact)]
# Rows come back in StoredFact's field order: convert positionally, enums by dict
# lookup (a conflicts or scorecard query turns thousands of rows into facts).
_KINDS, _MEASURES, _QUALIFIERS = KIND_BY_WORD, MEASURE_BY_WORD, QUALIFIER_BY_WORD


# A frozen dataclass's __init__ sets each of its 25 fields through object.__setattr__: a page's
# 300-400 rows spent longer there than in SQLite. Rows go straight into the slots instead, which
# skips nothing: neither class has a __post_init__.
_SLOTS = tuple(getattr(StoredFact, f.name).__set__ for f in fields(StoredFact))
assert not hasattr(StoredFact, "__post_init__")
_new = object.__new__


def _to_fact(row: Any) -> StoredFact:
    (doc, start, end, surface, kind, indicator, measure, value, unit, qualifier, region, period, tier, optional,
     evidence, duplicate, region_code, why, uid, document_id, superseded, status, origin, series, pk) = row
    f = _new(StoredFact)
    for put, v in zip(_SLOTS, (doc, start, end, surface, _KINDS[kind], indicator, _MEASURES[measure], value, unit,
                               _QUALIFIERS[qualifier], region, period, tier, bool(optional), evidence,
                               bool(duplicate), region_code, why, uid, document_id, bool(superseded), status, origin,
                               series, pk), strict=True):
        put(f, v)
    return f


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    id: int
    name: str
    path: str | None
    source_key: str
    sha256: str
    version: int
    current: bool
    chars: int
    date: str | None
    ingested_at: datetime

    def to_dict(self) -> dict[str, Any]:
        d = {f.name: getattr(self, f.name) for f in fields(self)}
        d["ingested_at"] = self.ingested_at.isoformat() if self.ingested_at else None
        return d


_DOC_COLS = [D.c[f.name] for f in fields(DocumentInfo)]


def _to_doc(row: Any) -> DocumentInfo:
    m = row._mapping
    return DocumentInfo(**{f.name: m[f.name] for f in fields(DocumentInfo)})


@dataclass(frozen=True, slots=True)
class FactFilter:
    """Equality filters on facts; None means any. Superseded and rejected facts are
    left out unless asked for."""

    indicator: str | None = None
    region: str | None = None
    period: str | None = None
    kind: str | None = None
    measure: str | None = None
    tier: str | None = None
    doc: str | None = None
    document_id: int | None = None
    status: str | None = None
    include_superseded: bool = False
    include_rejected: bool = False


def _where(flt: FactFilter) -> list[Any]:
    conds: list[Any] = []
    if not flt.include_superseded:
        conds.append(F.c.superseded.is_(False))
    if not flt.include_rejected and flt.status is None:
        conds.append(F.c.status.not_in(LIVE_STATUSES_EXCLUDED))
    for name in ("indicator", "region", "period", "kind", "measure", "tier", "doc", "document_id", "status"):
        v = getattr(flt, name)
        if v is not None:
            conds.append(F.c[name] == v)
    return conds


def _chunks(items: Sequence[Any], n: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


# ---------------------------------------------------------------- documents

def document_by_sha(conn: Connection, sha256: str) -> DocumentInfo | None:
    row = conn.execute(select(*_DOC_COLS).where(D.c.sha256 == sha256)).first()
    return _to_doc(row) if row else None


def known_shas(conn: Connection, shas: Sequence[str]) -> dict[str, bool]:
    """sha256 → whether that stored document is current, for the contents already stored."""
    found: dict[str, bool] = {}
    for part in _chunks(list(shas)):
        for sha, current in conn.execute(select(D.c.sha256, D.c.current).where(D.c.sha256.in_(part))):
            found[sha] = bool(current)
    return found


def current_document(conn: Connection, source_key: str) -> DocumentInfo | None:
    row = conn.execute(select(*_DOC_COLS).where(D.c.source_key == source_key, D.c.current.is_(True))
                       .order_by(D.c.version.desc())).first()
    return _to_doc(row) if row else None


def get_document(conn: Connection, document_id: int) -> DocumentInfo | None:
    row = conn.execute(select(*_DOC_COLS).where(D.c.id == document_id)).first()
    return _to_doc(row) if row else None


def find_documents(conn: Connection, name: str) -> list[DocumentInfo]:
    """Documents whose name or path is `name` (current versions first)."""
    rows = conn.execute(select(*_DOC_COLS).where(or_(D.c.name == name, D.c.path == name))
                        .order_by(D.c.current.desc(), D.c.version.desc()))
    return [_to_doc(r) for r in rows]


def document_text(conn: Connection, document_id: int) -> str | None:
    return conn.execute(select(D.c.text).where(D.c.id == document_id)).scalar()


def document_text_by_sha(conn: Connection, sha256: str) -> str | None:
    return conn.execute(select(D.c.text).where(D.c.sha256 == sha256)).scalar()


def list_documents(conn: Connection, *, current_only: bool = True) -> list[DocumentInfo]:
    q = select(*_DOC_COLS).order_by(D.c.id)
    if current_only:
        q = q.where(D.c.current.is_(True))
    return [_to_doc(r) for r in conn.execute(q)]


def insert_document(conn: Connection, *, name: str, path: str | None, source_key: str, sha256: str,
                    version: int, previous_id: int | None, format: str, encoding: str | None, text_: str,
                    meta: dict[str, str], date: str | None, region: str | None, engine: str | None,
                    ingested_at: datetime) -> int:
    return conn.execute(insert(D).values(
        name=name, path=path, source_key=source_key, sha256=sha256, version=version,
        previous_id=previous_id, current=True, format=format, encoding=encoding, chars=len(text_),
        text=text_, meta=json.dumps(meta, ensure_ascii=False), date=date, region=region, engine=engine,
        ingested_at=ingested_at,
    ).returning(D.c.id)).scalar_one()


def supersede_document(conn: Connection, document_id: int) -> set[str]:
    """Mark a document an old version and its facts superseded; the series keys touched."""
    conn.execute(update(D).where(D.c.id == document_id).values(current=False))
    keys = set(conn.execute(select(F.c.series).where(F.c.document_id == document_id).distinct()).scalars())
    conn.execute(update(F).where(F.c.document_id == document_id).values(superseded=True))
    return keys


def revive_document(conn: Connection, document_id: int, *, name: str, path: str | None,
                    source_key: str) -> set[str]:
    """Make an old version current again, as the document of `source_key`; its facts live
    again. The series keys touched."""
    conn.execute(update(D).where(D.c.id == document_id).values(current=True, name=name, path=path,
                                                               source_key=source_key))
    conn.execute(update(F).where(F.c.document_id == document_id).values(superseded=False, doc=name))
    return set(conn.execute(select(F.c.series).where(F.c.document_id == document_id).distinct()).scalars())


def document_meta(conn: Connection, document_id: int) -> dict[str, str]:
    raw = conn.execute(select(D.c.meta).where(D.c.id == document_id)).scalar()
    try:
        meta = json.loads(raw or "{}")
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in meta.items()} if isinstance(meta, dict) else {}


def current_document_ids(conn: Connection) -> list[int]:
    return list(conn.execute(select(D.c.id).where(D.c.current.is_(True)).order_by(D.c.id)).scalars())


def count_rows(conn: Connection) -> dict[str, int]:
    return {name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for name, t in (("documents", D), ("facts", F), ("passages", P), ("corrections", C),
                            ("series", S))}


# ---------------------------------------------------------------- passages & search

def insert_passages(conn: Connection, document_id: int, text_: str, spans: Sequence[tuple[int, int]]) -> None:
    if spans:
        conn.execute(insert(P), [{"document_id": document_id, "start": a, "end": b, "text": text_[a:b]}
                                 for a, b in spans])


@dataclass(frozen=True, slots=True)
class Passage:
    id: int
    document_id: int
    doc: str
    start: int
    end: int
    text: str


def _like_pattern(q: str) -> str:
    """A LIKE pattern matching `q` literally anywhere (\\ escapes % and _)."""
    return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search_passages(conn: Connection, words: str | Sequence[str], *, limit: int = 20) -> list[Passage]:
    """Passages of current documents containing every one of `words` (literal substrings, any order)."""
    words = [words] if isinstance(words, str) else list(words)
    cols = (P.c.id, P.c.document_id, D.c.name, P.c.start, P.c.end, P.c.text)
    stmt = select(*cols).join(D, D.c.id == P.c.document_id).where(D.c.current.is_(True))
    params: dict[str, Any] = {}
    if conn.dialect.name == "sqlite":
        long = [w for w in words if len(w) >= 3]
        if long:
            # FTS5 trigram: quoted phrases of ≥3 characters joined by AND match exactly the passages
            # holding them all; shorter words have no trigram and are checked with LIKE below.
            params["phrase"] = " AND ".join('"' + w.replace('"', '""') + '"' for w in long)
            ids = select(text("rowid")).select_from(text("passages_fts")).where(
                text("passages_fts MATCH :phrase")).scalar_subquery()
            stmt = stmt.where(P.c.id.in_(ids))
        for w in words:
            if len(w) < 3:
                stmt = stmt.where(P.c.text.like(_like_pattern(w), escape="\\"))
    else:
        # PostgreSQL: ILIKE uses the pg_trgm GIN index for words of ≥3 characters.
        for w in words:
            stmt = stmt.where(P.c.text.ilike(_like_pattern(w), escape="\\"))
    rows = conn.execute(stmt.order_by(P.c.document_id, P.c.start).limit(limit), params)
    return [Passage(*r) for r in rows]


# ---------------------------------------------------------------- facts

def insert_facts(conn: Connection, document_id: int, rows: Sequence[dict[str, Any]]) -> None:
    """Rows are dicts of fact columns (see services.fact_columns); document_id is added."""
    if rows:
        conn.execute(insert(F), [{**r, "document_id": document_id} for r in rows])


def insert_fact(conn: Connection, document_id: int, row: dict[str, Any]) -> int:
    return conn.execute(insert(F).values(**row, document_id=document_id).returning(F.c.id)).scalar_one()


def delete_facts_of(conn: Connection, document_id: int) -> set[str]:
    keys = set(conn.execute(select(F.c.series).where(F.c.document_id == document_id).distinct()).scalars())
    conn.execute(delete(F).where(F.c.document_id == document_id))
    return keys


def get_fact(conn: Connection, pk: int) -> StoredFact | None:
    """A fact by its row key (internal)."""
    row = conn.execute(select(*_FACT_COLS).where(F.c.id == pk)).first()
    return _to_fact(row) if row else None


def get_fact_by_uid(conn: Connection, uid: str) -> StoredFact | None:
    """A fact by its public id."""
    row = conn.execute(select(*_FACT_COLS).where(F.c.uid == uid)).first()
    return _to_fact(row) if row else None


def uids_at(conn: Connection, document_id: int, origin: str) -> list[tuple[int, int]]:
    """The spans of the facts of one origin stored for a document (to number a new one)."""
    return [(a, b) for a, b in conn.execute(select(F.c.start, F.c.end).where(
        F.c.document_id == document_id, F.c.origin == origin))]


def facts_at(conn: Connection, document_id: int, start: int, end: int) -> list[StoredFact]:
    rows = conn.execute(select(*_FACT_COLS).where(F.c.document_id == document_id, F.c.start == start,
                                                  F.c.end == end).order_by(F.c.id))
    return [_to_fact(r) for r in rows]


def facts_within(conn: Connection, document_id: int, start: int, end: int) -> list[StoredFact]:
    rows = conn.execute(select(*_FACT_COLS).where(
        F.c.document_id == document_id, F.c.start >= start, F.c.end <= end,
        F.c.status.not_in(LIVE_STATUSES_EXCLUDED)).order_by(F.c.start, F.c.id))
    return [_to_fact(r) for r in rows]


def update_fact(conn: Connection, fact_id: int, values: dict[str, Any]) -> None:
    conn.execute(update(F).where(F.c.id == fact_id).values(**values))


def query_facts(conn: Connection, flt: FactFilter, *, limit: int | None = None, offset: int = 0) -> list[StoredFact]:
    q = select(*_FACT_COLS).where(*_where(flt)).order_by(F.c.id)
    if offset:
        q = q.offset(offset)
    if limit is not None:
        q = q.limit(limit)
    return [_to_fact(r) for r in conn.execute(q)]


def iter_facts(conn: Connection, flt: FactFilter, *, batch: int = 5000) -> Iterator[StoredFact]:
    """All matching facts, fetched in keyset pages so memory stays flat on a big database."""
    last = 0
    while True:
        rows = conn.execute(select(*_FACT_COLS).where(*_where(flt), F.c.id > last)
                            .order_by(F.c.id).limit(batch)).all()
        if not rows:
            return
        for r in rows:
            yield _to_fact(r)
        last = rows[-1]._mapping["id"]


def facts_of_series(conn: Connection, keys: Iterable[str], flt: FactFilter | None = None) -> list[StoredFact]:
    out: list[StoredFact] = []
    conds = _where(flt or FactFilter())
    for part in _chunks(sorted(set(keys))):
        rows = conn.execute(select(*_FACT_COLS).where(F.c.series.in_(part), *conds).order_by(F.c.id))
        out.extend(_to_fact(r) for r in rows)
    return out


# ---------------------------------------------------------------- series (precomputed)

def refresh_series(conn: Connection, keys: Iterable[str]) -> None:
    """Recompute the series rows of `keys` from their live facts (in SQL, one group each)."""
    live = and_(F.c.superseded.is_(False), F.c.status.not_in(LIVE_STATUSES_EXCLUDED))
    for part in _chunks(sorted(set(keys))):
        conn.execute(delete(S).where(S.c.key.in_(part)))
        agg = (select(F.c.series, func.min(F.c.indicator), func.min(F.c.region), func.min(F.c.period),
                      func.min(F.c.kind), func.min(F.c.measure), func.count(), func.count(F.c.document_id.distinct()),
                      func.min(F.c.base_value), func.max(F.c.base_value),
                      func.coalesce(func.max(F.c.base_value) - func.min(F.c.base_value), 0.0))
               .where(F.c.series.in_(part), live).group_by(F.c.series))
        conn.execute(insert(S).from_select(
            ["key", "indicator", "region", "period", "kind", "measure", "n_facts", "n_docs", "min_value", "max_value",
             "spread"], agg))


def add_to_series(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Fold a new document's live facts into the series aggregates without re-reading
    the facts already there (a series stated by thousands of documents stays cheap).

    Each row is one series' share of the document: key, indicator, region, period,
    kind, measure, n_facts, min_value, max_value. The document is new, so it adds
    exactly one to n_docs of every series it touches."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as upsert
        lo, hi = func.least, func.greatest
    else:
        from sqlalchemy.dialects.sqlite import insert as upsert
        lo, hi = func.min, func.max  # two arguments: SQLite's scalar min/max
    stmt = upsert(S)
    ex = stmt.excluded
    # coalesce on both sides: a NULL (no value yet) never wins and never erases a value.
    new_min = lo(func.coalesce(S.c.min_value, ex.min_value), func.coalesce(ex.min_value, S.c.min_value))
    new_max = hi(func.coalesce(S.c.max_value, ex.max_value), func.coalesce(ex.max_value, S.c.max_value))
    stmt = stmt.on_conflict_do_update(index_elements=[S.c.key], set_={
        "n_facts": S.c.n_facts + ex.n_facts, "n_docs": S.c.n_docs + 1, "min_value": new_min,
        "max_value": new_max, "spread": func.coalesce(new_max - new_min, 0.0)})
    conn.execute(stmt, [{**r, "n_docs": 1, "spread": (r["max_value"] - r["min_value"])
                         if r["min_value"] is not None else 0.0} for r in rows])


def series_keys(conn: Connection, *, min_spread: float | None = None, min_docs: int | None = None,
                indicator: str | None = None, region: str | None = None, period: str | None = None,
                kind: str | None = None) -> list[str]:
    q = select(S.c.key)
    if min_spread is not None:
        q = q.where(S.c.spread > min_spread)
    if min_docs is not None:
        q = q.where(S.c.n_docs >= min_docs)
    for name, v in (("indicator", indicator), ("region", region), ("period", period), ("kind", kind)):
        if v is not None:
            q = q.where(S.c[name] == v)
    # sorted here, not by ORDER BY: that makes SQLite walk the whole key index (333k rows) instead
    # of the spread index, which picks out the few thousand series that differ at all
    return sorted(conn.execute(q).scalars())


# ---------------------------------------------------------------- corrections

@dataclass(frozen=True, slots=True)
class Correction:
    id: int
    fact_id: int | None
    action: str
    doc_sha256: str
    source_key: str | None
    start: int
    end: int
    match_indicator: str | None
    surface: str | None
    evidence: str | None
    field: str | None
    old_value: Any
    new_value: Any
    author: str
    note: str | None
    created_at: datetime
    fact: str | None = None      # the public id of the fact it applies to now

    def to_dict(self) -> dict[str, Any]:
        """The public fact id as `fact_id`; the row keys stay inside."""
        d = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("fact_id", "fact")}
        d["fact_id"] = self.fact
        d["created_at"] = self.created_at.isoformat() if self.created_at else None
        return d


_CORR_COLS = [C.c[f.name] for f in fields(Correction) if f.name != "fact"]


def _to_corr(row: Any) -> Correction:
    m = dict(row._mapping)
    for k in ("old_value", "new_value"):
        m[k] = None if m[k] is None else json.loads(m[k])
    return Correction(**m)


def _corrections(where: Any) -> Any:
    return (select(*_CORR_COLS, F.c.uid.label("fact")).select_from(C.outerjoin(F, F.c.id == C.c.fact_id))
            .where(where).order_by(C.c.created_at, C.c.id))


def insert_correction(conn: Connection, **values: Any) -> int:
    for k in ("old_value", "new_value"):
        values[k] = json.dumps(values.get(k), ensure_ascii=False)
    return conn.execute(insert(C).values(**values).returning(C.c.id)).scalar_one()


def corrections_for(conn: Connection, *, sha256: str, source_key: str | None) -> list[Correction]:
    """Corrections made on this content or on any version of the same source, oldest first."""
    cond = C.c.doc_sha256 == sha256
    if source_key is not None:
        cond = or_(cond, C.c.source_key == source_key)
    return [_to_corr(r) for r in conn.execute(_corrections(cond))]


def list_corrections(conn: Connection, *, fact_id: int | None = None, limit: int | None = None) -> list[Correction]:
    """The audit trail, oldest first: of one fact (by its row key) or all."""
    q = _corrections(C.c.fact_id == fact_id if fact_id is not None else sa_true())
    if limit is not None:
        q = q.limit(limit)
    return [_to_corr(r) for r in conn.execute(q)]


def relink_correction(conn: Connection, correction_id: int, fact_id: int) -> None:
    conn.execute(update(C).where(C.c.id == correction_id).values(fact_id=fact_id))


def sqlite_integrity(conn: Connection) -> str:
    """'ok' when SQLite finds nothing wrong (tests use it after a killed writer)."""
    return str(conn.exec_driver_sql("PRAGMA integrity_check").scalar())


def doc_order(conn: Connection, names: Iterable[str]) -> dict[str, tuple[str, int]]:
    """doc name → (date, id) of its newest current document: analyse's "latest document"."""
    out: dict[str, tuple[str, int]] = {}
    for part in _chunks(sorted(set(names))):
        for name, date, id_ in conn.execute(select(D.c.name, D.c.date, D.c.id)
                                            .where(D.c.name.in_(part), D.c.current.is_(True))):
            out[name] = max(out.get(name, ("", 0)), (date or "", id_))
    return out


def doc_order_by_id(conn: Connection, ids: Iterable[int]) -> dict[int, tuple[str, int]]:
    """document id → (date, id): analyse's "latest document" (dated documents by date, then ingest order)."""
    out: dict[int, tuple[str, int]] = {}
    for part in _chunks(sorted(set(ids))):
        for id_, date in conn.execute(select(D.c.id, D.c.date).where(D.c.id.in_(part))):
            out[id_] = (date or "", id_)
    return out


def documents_meta(conn: Connection, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """id → {title, date, sha256} for export columns."""
    out: dict[int, dict[str, Any]] = {}
    for part in _chunks(sorted(set(ids))):
        for id_, meta, date, sha in conn.execute(select(D.c.id, D.c.meta, D.c.date, D.c.sha256)
                                                 .where(D.c.id.in_(part))):
            title = (json.loads(meta or "{}") or {}).get("title")
            out[id_] = {"title": title, "date": date, "sha256": sha}
    return out


# ---------------------------------------------------------------- names (query resolution)

_NAME_COLUMNS = {"region": S.c.region, "indicator": S.c.indicator}


def has_value(conn: Connection, column: str, value: str) -> bool:
    """Whether a live fact has this region or indicator (an indexed look-up)."""
    if column == "indicator":
        q = select(F.c.id).where(F.c.superseded.is_(False), F.c.indicator == value).limit(1)
    else:
        q = select(S.c.key).where(_NAME_COLUMNS[column] == value).limit(1)
    return conn.execute(q).first() is not None


def values_with_prefix(conn: Connection, column: str, prefix: str, *, limit: int = 50) -> list[str]:
    """Distinct stored values starting with `prefix` (a range on the index, not a LIKE scan)."""
    col = _NAME_COLUMNS[column]
    if conn.dialect.name == "sqlite":  # binary collation: a range on the index
        cond = and_(col >= prefix, col < prefix + "\U0010ffff")
    else:  # a locale's collation may not order U+10FFFF last: match the prefix itself
        cond = col.startswith(prefix, autoescape=True)
    q = select(col).where(cond).distinct().limit(limit)
    return [v for v in conn.execute(q).scalars() if v is not None]


def distinct_values(conn: Connection, column: str, *, limit: int = 100_000) -> list[str]:
    col = _NAME_COLUMNS[column]
    return [v for v in conn.execute(select(col).distinct().limit(limit)).scalars() if v is not None]


def has_documents(conn: Connection) -> bool:
    return conn.execute(select(D.c.id).limit(1)).first() is not None


# ---------------------------------------------------------------- web: pages of listings, tokens

def conflict_series_page(conn: Connection, *, after: str | None = None, limit: int = 20,
                         indicator: str | None = None, region: str | None = None, period: str | None = None,
                         kind: str | None = None) -> list[str]:
    """Keys of the series that may conflict (stated by two or more documents whose values
    differ), in key order, the first `limit` after the key `after`: a keyset page, so a
    later page costs what the first does. The condition is the partial index's own text
    (schema.CONFLICT_CANDIDATE), constants and all, so that every database can tell the page
    is in ix_series_conflicts (PostgreSQL may plan a bound value once for any value)."""
    q = select(S.c.key).where(text(CONFLICT_CANDIDATE))
    if after is not None:
        q = q.where(S.c.key > after)
    for name, v in (("indicator", indicator), ("region", region), ("period", period), ("kind", kind)):
        if v is not None:
            q = q.where(S.c[name] == v)
    return list(conn.execute(q.order_by(S.c.key).limit(limit)).scalars())


def document_facts(conn: Connection, document_id: int) -> list[StoredFact]:
    """Every fact of a document (superseded ones too; rejected ones too), in text order."""
    rows = conn.execute(select(*_FACT_COLS).where(F.c.document_id == document_id).order_by(F.c.start, F.c.id))
    return [_to_fact(r) for r in rows]


def document_region(conn: Connection, document_id: int) -> str | None:
    return conn.execute(select(D.c.region).where(D.c.id == document_id)).scalar()


def latest_documents(conn: Connection, limit: int = 10) -> list[DocumentInfo]:
    """The documents ingested last, newest first."""
    q = select(*_DOC_COLS).order_by(D.c.ingested_at.desc(), D.c.id.desc()).limit(limit)
    return [_to_doc(r) for r in conn.execute(q)]


def list_documents_page(conn: Connection, *, limit: int, offset: int = 0) -> list[DocumentInfo]:
    q = select(*_DOC_COLS).where(D.c.current.is_(True)).order_by(D.c.id).limit(limit).offset(offset)
    return [_to_doc(r) for r in conn.execute(q)]


def count_facts(conn: Connection, flt: FactFilter) -> int:
    return conn.execute(select(func.count()).select_from(F).where(*_where(flt))).scalar_one()


def insert_token(conn: Connection, *, name: str, digest: str, created_at: datetime) -> int:
    return conn.execute(insert(T).values(name=name, digest=digest, created_at=created_at)
                        .returning(T.c.id)).scalar_one()


def token_by_digest(conn: Connection, digest: str) -> tuple[int, str] | None:
    row = conn.execute(select(T.c.id, T.c.name).where(T.c.digest == digest)).first()
    return (row[0], row[1]) if row else None


def touch_token(conn: Connection, token_id: int, when: datetime) -> None:
    conn.execute(update(T).where(T.c.id == token_id).values(last_used_at=when))


def target_cells(conn: Connection, *, limit: int, offset: int = 0) -> list[tuple[str | None, str | None]]:
    """(region, period) pairs that have targets, latest periods first: the overview's rows, a page at a time."""
    q = (select(S.c.region, S.c.period).where(S.c.kind == "target", S.c.region.is_not(None), S.c.period.is_not(None))
         .distinct()
         .order_by(S.c.period.desc(), S.c.region).limit(limit).offset(offset))
    return [(r, p) for r, p in conn.execute(q)]
