"""Query speed on a generated database of N facts (default 1,000,000): prints figures.

    python benchmarks/queries.py                         # SQLite in /tmp/planwatch-bench-1m.db
    python benchmarks/queries.py --pg postgresql://…     # …and PostgreSQL too
    python benchmarks/queries.py --facts 200000 --reuse  # reuse an existing generated DB

Goal (issue 3): scorecard, conflicts and a filtered listing each < 100 ms.
Timings are through planwatch.services (SQL + the analyse functions), median
of 7 runs after one warm-up. The data: fictional regions × 10 years × 50
indicators × target/actual, each series stated by 1–5 documents that mostly
agree (about 1% of series disagree).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert

from planwatch import services
from planwatch.analyse.series import HEADLINE_INDICATORS
from planwatch.services import Query
from planwatch.store import repo
from planwatch.store.db import Database, open_db
from planwatch.store.ids import fact_uid
from planwatch.store.schema import DocumentRow, FactRow, SeriesRow

SYL = "澜石青云江河山川湖海松柏桐梧安平宁康丰盛和泰兴华"
PERIODS = [str(y) for y in range(2015, 2025)]
OTHER = [f"指标{a}{b}" for a in "甲乙丙丁戊己" for b in "一二三四五六"]  # 36 more, fictional
INDICATORS = list(HEADLINE_INDICATORS) + OTHER


def regions(n: int) -> list[str]:
    rnd = random.Random(7)
    out: set[str] = set()
    while len(out) < n:
        out.add(rnd.choice(SYL) + rnd.choice(SYL) + rnd.choice("市区县"))
    return sorted(out)


def generate(d: Database, n_facts: int, seed: int = 1) -> dict[str, Any]:
    """Fill `d` with about n_facts facts; returns a region and period to query."""
    rnd = random.Random(seed)
    n_series_target = n_facts // 3
    per_region = len(PERIODS) * len(INDICATORS) * 2
    regs = regions(max(1, n_series_target // per_region + 1))
    now = datetime.now(UTC)
    docs_per_region = 8
    D, F, S = DocumentRow.__table__, FactRow.__table__, SeriesRow.__table__
    with d.write() as conn:
        doc_rows = [{"name": f"{r}_{k}.txt", "path": None, "source_key": f"{r}_{k}.txt",
                     "sha256": f"{i:064x}", "version": 1, "previous_id": None, "current": True, "format": "txt",
                     "encoding": "utf-8", "chars": 0, "text": "", "meta": "{}", "date": f"2025-01-{k + 1:02d}",
                     "region": r, "engine": "bench", "ingested_at": now}
                    for i, (r, k) in enumerate((r, k) for r in regs for k in range(docs_per_region))]
        conn.execute(insert(D), doc_rows)
        ids = {row.name: row.id for row in conn.execute(D.select().with_only_columns(D.c.id, D.c.name))}
    made, batch, series_rows = 0, [], []
    t0 = time.perf_counter()
    for r in regs:
        for p in PERIODS:
            for ind in INDICATORS:
                for kind in ("target", "actual"):
                    if made >= n_facts:
                        break
                    n = rnd.choice((1, 2, 3, 3, 4, 5))
                    value = round(rnd.uniform(-3, 12), 1)
                    docs = rnd.sample(range(docs_per_region), n)
                    conflict = rnd.random() < 0.01
                    values = [value + (0.7 if conflict and j == 1 else 0.0) for j in range(n)]
                    key = services.series_of(ind, r, p, kind, "growth")
                    # The series row as ingest would leave it (the generator knows every fact of it).
                    series_rows.append({"key": key, "indicator": ind, "region": r, "period": p, "kind": kind,
                                        "measure": "growth", "n_facts": n, "n_docs": n, "min_value": min(values),
                                        "max_value": max(values), "spread": max(values) - min(values)})
                    for j, k in enumerate(docs):
                        v = values[j]
                        name = f"{r}_{k}.txt"
                        row = {"doc": name, "start": 10 * j, "end": 10 * j + 3, "surface": f"{v}%",
                               "kind": kind, "indicator": ind, "measure": "growth", "value": v, "unit": "%",
                               "base_value": v, "qualifier": "about" if kind == "target" else "exact",
                               "region": r, "region_code": None, "period": p,
                               "tier": "A" if ind in HEADLINE_INDICATORS else "B", "optional": False,
                               "evidence": f"{ind}增长{v}%", "duplicate": False, "superseded": False,
                               "status": "unreviewed", "origin": "engine",
                               "series": key, "document_id": ids[name],
                               "uid": fact_uid(f"{ids[name]:064x}", 10 * j, 10 * j + 3, n=made)}
                        batch.append(row)
                        made += 1
                    if len(batch) >= 20_000:
                        with d.write() as conn:
                            conn.execute(insert(F), batch)
                            conn.execute(insert(S), series_rows)
                        batch, series_rows = [], []
                        print(f"  generated {made:,} facts ({time.perf_counter() - t0:.0f}s)", file=sys.stderr)
    if batch:
        with d.write() as conn:
            conn.execute(insert(F), batch)
            conn.execute(insert(S), series_rows)
    _analyze(d)
    with d.read() as conn:  # spot-check: the generated series rows equal what refresh_series computes
        sample = list(conn.exec_driver_sql("SELECT key FROM series WHERE spread > 0 LIMIT 20").scalars())
        before = conn.execute(S.select().where(S.c.key.in_(sample)).order_by(S.c.key)).all()
    with d.write() as conn:
        repo.refresh_series(conn, sample)
        after = conn.execute(S.select().where(S.c.key.in_(sample)).order_by(S.c.key)).all()
    assert [tuple(r) for r in before] == [tuple(r) for r in after], "generator and refresh_series disagree"
    with d.read() as conn:
        n_series = repo.count_rows(conn)["series"]
    return {"region": regs[len(regs) // 2], "period": "2024", "facts": made, "series": n_series}


def _analyze(d: Database) -> None:
    with d.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()


def timed(fn: Callable[[], Any], runs: int = 7) -> tuple[float, Any]:
    out = fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000, out


def bench(url: str, n_facts: int, reuse: bool) -> None:
    d = open_db(url, create=True)
    with d.read() as conn:
        have = repo.count_rows(conn)["facts"]
    if have and not reuse:
        print(f"{url} already holds {have:,} facts: pass --reuse or use an empty database", file=sys.stderr)
        sys.exit(2)
    if not have:
        t = time.perf_counter()
        info = generate(d, n_facts)
        print(f"generated {info['facts']:,} facts in {info['series']:,} series in {time.perf_counter() - t:.0f}s")
    with d.read() as conn:
        row = conn.exec_driver_sql("SELECT region, period FROM facts WHERE period = '2024' LIMIT 1").first()
        counts = repo.count_rows(conn)
    region, period = row[0], row[1]
    print(f"\n{d.dialect}: {counts['facts']:,} facts, {counts['series']:,} series; region {region}, period {period}")
    cases: list[tuple[str, Callable[[], Any]]] = [
        ("scorecard --region R --period P", lambda: services.scorecard(d, Query(region=region, period=period))),
        ("scorecard --region R", lambda: services.scorecard(d, Query(region=region))),
        ("conflicts (all series)", lambda: services.conflicts(d)),
        ("conflicts --limit 100", lambda: services.conflicts(d, Query(limit=100))),
        ("conflicts --region R", lambda: services.conflicts(d, Query(region=region))),
        ("facts --indicator --region --period", lambda: services.query_facts(
            d, Query(indicator="地区生产总值", region=region, period=period))),
        ("facts --region R --limit 100", lambda: services.query_facts(d, Query(region=region, limit=100))),
        ("facts --indicator (all regions) --limit 100", lambda: services.query_facts(
            d, Query(indicator="固定资产投资", limit=100))),
        ("corroboration --region R --period P", lambda: services.corroboration(
            d, Query(region=region, period=period))),
    ]
    for label, fn in cases:
        ms, out = timed(fn)
        print(f"  {label:45s} {ms:8.1f} ms   ({len(out):,} results)")
    d.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--facts", type=int, default=1_000_000)
    ap.add_argument("--sqlite", default="/tmp/planwatch-bench-1m.db")
    ap.add_argument("--pg", default=None, help="a PostgreSQL URL (an empty database) to run on as well")
    ap.add_argument("--reuse", action="store_true", help="time an already generated database")
    ap.add_argument("--skip-sqlite", action="store_true")
    a = ap.parse_args()
    if not a.skip_sqlite:
        bench(a.sqlite, a.facts, a.reuse)
    if a.pg:
        bench(a.pg, a.facts, a.reuse)


if __name__ == "__main__":
    main()
