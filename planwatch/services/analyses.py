"""Analyses: scorecards, conflicts, corroboration, plan tables and panels over stored facts.

Each takes a Query (validated, resolved here against the database) and the
Settings it needs as arguments; what comes back are analyse's frozen values.
Tier-B rows that fail the quality bar (analyse.quality) are left out of the
outputs meant for reading (scorecard, plan table, panel) unless `all_rows`; so
are the plan table's rows with no plan in either year (results alone).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Connection

from ..analyse.conflicts import Conflict
from ..analyse.panel import Panel
from ..analyse.quality import passes
from ..analyse.scorecard import ScoreLine
from ..analyse.series import Series
from ..analyse.table import PlanTable
from ..config import Settings
from ..errors import NothingStoredError, UsageError
from ..store import repo
from ..store.repo import FactFilter, StoredFact
from .common import DB, Answer, database
from .query import Query, StoredNames, period_value, resolve, resolve_region


def _settings(settings: Settings | None) -> Settings:
    return settings if settings is not None else Settings()


def _ready(conn: Connection, q: Query | None) -> Query:
    """The query resolved against this database; an empty database is an error, not an empty answer."""
    if not repo.has_documents(conn):
        raise NothingStoredError("the database holds no documents yet (`planwatch ingest FILES` adds some)")
    return resolve(conn, q or Query())


def order_of(conn: Connection, facts: Iterable[StoredFact]) -> dict[int, tuple[str, int]]:
    """document id → (date, id): which document is the latest, for picking among statements."""
    return repo.doc_order_by_id(conn, {f.document_id for f in facts})


def _readable(facts: Iterable[StoredFact], all_rows: bool) -> tuple[list[StoredFact], int]:
    """The facts the readable outputs show, and how many tier-B ones the quality bar kept out."""
    facts = list(facts)
    if all_rows:
        return facts, 0
    shown = [f for f in facts if passes(f)]
    return shown, len(facts) - len(shown)


def scorecard(db: DB, q: Query | None = None, *, settings: Settings | None = None,
              all_rows: bool = False) -> Answer[list[ScoreLine]]:
    """Each target (of the query's region, period, indicator) with its result and verdict."""
    from ..analyse.scorecard import scorecard as score
    s = _settings(settings)
    with database(db) as d, d.read() as conn:
        q = _ready(conn, q)
        # all indicators of the region and period: relation targets (居民收入增幅高于经济增长)
        # are judged against the GDP result
        facts, hidden = _readable(repo.query_facts(conn, FactFilter(region=q.region, period=q.period)), all_rows)
        order = order_of(conn, facts)
    lines = score(facts, tolerance_points=s.tolerance_points, tolerance_relative=s.tolerance_relative,
                  region=q.region, period=q.period, doc_order=order)
    if q.indicator is not None:
        lines = [ln for ln in lines if ln.indicator == q.indicator]
    return Answer(lines, q.notes, hidden)


def conflicts(db: DB, q: Query | None = None, *, settings: Settings | None = None) -> Answer[list[Conflict]]:
    """Series on which documents state different figures, major ones first (analyse.conflicts).

    Only series stated by two or more documents whose stored values differ at all
    (the precomputed spread, in base units) are read: over a million facts that is
    a few thousand rows, not all of them. With a limit, candidate series are read a
    batch at a time, majors first, until the page is full."""
    from ..analyse.conflicts import conflicts as find
    s = _settings(settings)
    with database(db) as d, d.read() as conn:
        q = _ready(conn, q)
        keys = repo.series_keys(conn, min_spread=0.0, min_docs=2, indicator=q.indicator, region=q.region,
                                period=q.period, kind=q.kind)

        def batch(ks: Sequence[str]) -> list[Conflict]:
            facts = repo.facts_of_series(conn, ks)
            return find(facts, points=s.conflict_points, relative=s.conflict_relative,
                        doc_order=order_of(conn, facts))

        if q.limit is None and not q.offset:
            return Answer(batch(keys), q.notes)
        want = q.offset + (q.limit or len(keys))
        step = max(want, 50)
        major: list[Conflict] = []
        minor: list[Conflict] = []
        for i in range(0, len(keys), step):
            for c in batch(keys[i:i + step]):
                (major if c.severity == "major" else minor).append(c)
            if len(major) >= want:
                break
    found = major + minor
    return Answer(found[q.offset:q.offset + (q.limit or len(found))], q.notes)


def corroboration(db: DB, q: Query | None = None, *, min_docs: int = 2) -> Answer[list[Series]]:
    """Series stated by `min_docs` or more documents: confirmed (the same figure) or conflicting."""
    from ..analyse.conflicts import corroboration as count
    with database(db) as d, d.read() as conn:
        q = _ready(conn, q)
        keys = repo.series_keys(conn, min_docs=min_docs, indicator=q.indicator, region=q.region, period=q.period,
                                kind=q.kind)
        facts = repo.facts_of_series(conn, keys)
        order = order_of(conn, facts)
    return Answer(count(facts, doc_order=order), q.notes)


def plan_table(db: DB, *, period: str, regions: Sequence[str] | None = None,
               all_rows: bool = False) -> Answer[PlanTable]:
    """The plan-execution table of one region, or several side by side, for a year: last
    year's plan and result, this year's plan."""
    from ..analyse.table import build_table
    year = period_value("--period", period)
    assert year is not None
    if "-" in year:
        raise UsageError(f"--period {year}: the plan table is for one year (2025)")
    years = [year, str(int(year) - 1)]
    with database(db) as d, d.read() as conn:
        _ready(conn, None)
        stored = StoredNames(conn)
        names: list[str | None] = []
        notes: list[str] = []
        for typed in regions or []:
            name, note = resolve_region("--region", typed, stored)
            names.append(name)
            notes += [note] if note else []
        facts: list[StoredFact] = []
        for r in [*names] or [None]:
            for y in years:
                facts += repo.query_facts(conn, FactFilter(region=r, period=y))
        facts, hidden = _readable(facts, all_rows)
        order = order_of(conn, facts)
    chosen = [n for n in names if n]
    which: str | list[str] | None = (chosen[0] if len(chosen) == 1 else chosen) if chosen else None
    table = build_table(facts, period=year, regions=which, doc_order=order)
    if not all_rows:   # a plan-execution table: rows with a plan, and the headline indicators
        planned = table.planned()
        hidden += len(table.rows) - len(planned.rows)
        table = planned
    return Answer(table, tuple(notes), hidden)


def panel(db: DB, q: Query | None = None, *, kind: str = "actual", all_rows: bool = False) -> Answer[Panel]:
    """One row per region × period, one column per indicator|measure (for researchers)."""
    from ..analyse.panel import build_panel
    with database(db) as d, d.read() as conn:
        q = _ready(conn, q)
        facts, hidden = _readable(repo.iter_facts(conn, q.but(kind=q.kind or kind).filter()), all_rows)
        order = order_of(conn, facts)
    return Answer(build_panel(facts, kind=q.kind or kind, doc_order=order), q.notes, hidden)
