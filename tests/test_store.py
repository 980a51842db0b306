"""Storage: opening and migrating, bound queries, full-text search, series aggregates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import event, inspect

from planwatch.errors import StoreError
from planwatch.model import Fact, Kind, Qualifier
from planwatch.services import fact_columns
from planwatch.store import repo
from planwatch.store.db import normalise_url, open_db
from planwatch.store.passages import split_passages
from planwatch.store.repo import FactFilter, StoredFact


def _doc(conn, text: str, name: str = "a.txt", sha: str = "0" * 64) -> int:
    doc_id = repo.insert_document(
        conn, name=name, path=None, source_key=name, sha256=sha, version=1, previous_id=None, format="txt",
        encoding="utf-8", text_=text, meta={}, date=None, region=None, engine="test",
        ingested_at=datetime.now(UTC))
    repo.insert_passages(conn, doc_id, text, split_passages(text))
    return doc_id


def _fact(indicator: str, value: float | None, unit: str | None = "%", *, start: int = 0, end: int = 1,
          kind: str = "actual", period: str = "2024", doc: str = "a.txt") -> Fact:
    return Fact(doc=doc, start=start, end=end, surface="", kind=kind, indicator=indicator, measure="growth",
                value=value, unit=unit, qualifier="exact", region="石港市", period=period)


def test_urls() -> None:
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"
    assert normalise_url("some/where.db").startswith("sqlite:////")


def test_open_creates_schema_and_is_idempotent(db_url: str) -> None:
    d = open_db(db_url, create=True)
    tables = set(inspect(d.engine).get_table_names())
    assert {"documents", "facts", "series", "passages", "corrections", "alembic_version"} <= tables
    d.close()
    d2 = open_db(db_url)  # a second open runs no migration and changes nothing
    with d2.read() as conn:
        assert repo.count_rows(conn)["documents"] == 0
    d2.close()


def test_sqlite_is_wal_with_busy_timeout(sqlite_url: str) -> None:
    d = open_db(sqlite_url, create=True)
    with d.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
    d.close()


def test_opening_waits_for_a_database_another_process_is_setting_up(tmp_path, monkeypatch) -> None:
    """SQLite may refuse a lock at once (no busy wait) to a second process opening a new file while the first sets it
    up: the opener tries again a moment later instead of failing, and gives up with a StoreError only after its tries."""
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from planwatch.store import db as dbmod

    real = dbmod.current_revision
    calls = []

    def locked_twice(engine):
        calls.append(1)
        if len(calls) <= 2:
            raise OperationalError("SELECT", {}, sqlite3.OperationalError("database is locked"))
        return real(engine)

    monkeypatch.setattr(dbmod, "current_revision", locked_twice)
    d = open_db(str(tmp_path / "new.db"), create=True)
    with d.read() as conn:
        assert "documents" in inspect(conn).get_table_names()
    d.close()
    assert len(calls) == 3

    def always_locked(engine):
        calls.append(1)
        raise OperationalError("SELECT", {}, sqlite3.OperationalError("database is locked"))

    monkeypatch.setattr(dbmod, "OPEN_TRIES", 2)
    calls.clear()
    monkeypatch.setattr(dbmod, "current_revision", always_locked)
    with pytest.raises(StoreError, match="database is locked"):
        open_db(str(tmp_path / "other.db"), create=True)
    assert len(calls) == 2


def test_bad_url_is_a_store_error(tmp_path) -> None:
    with pytest.raises(StoreError):
        open_db("postgresql://nobody@127.0.0.1:1/none")


def test_filters_are_bound_parameters(db_url: str) -> None:
    """Quotes, percent signs and SQL in a filter are data, not SQL."""
    tricky = ["收入'增长", '收入"增长', "收入%", "x'); DROP TABLE facts; --"]
    d = open_db(db_url, create=True)
    with d.write() as conn:
        doc_id = _doc(conn, "甲" * 20)
        repo.insert_facts(conn, doc_id, [fact_columns(_fact(name, 1.0)) for name in tricky]
                          + [fact_columns(_fact("收入增长", 2.0))])
    with d.read() as conn:
        for name in tricky:
            got = repo.query_facts(conn, FactFilter(indicator=name))
            assert [f.indicator for f in got] == [name]
        assert len(repo.query_facts(conn, FactFilter())) == 5
    d.close()


def test_facts_read_back_as_the_constructor_builds_them(db_url: str) -> None:
    """repo fills a StoredFact's slots straight from the row: the same value, hash and dict as
    StoredFact(...) with the row's fields (enums as enums, flags as bools)."""
    d = open_db(db_url, create=True)
    with d.write() as conn:
        doc_id = _doc(conn, "甲" * 20)
        repo.insert_facts(conn, doc_id, [fact_columns(_fact("收入", 1.5), duplicate=True, why="kind: 目标"),
                                         fact_columns(_fact("投资", None, None, kind="target"))])
    with d.read() as conn:
        got = repo.query_facts(conn, FactFilter())
    assert len(got) == 2
    for f in got:
        built = StoredFact(**{name: getattr(f, name) for name in f.__dataclass_fields__})
        assert f == built and hash(f) == hash(built) and f.to_dict() == built.to_dict()
        assert isinstance(f.kind, Kind) and isinstance(f.qualifier, Qualifier) and type(f.duplicate) is bool
    assert [f.duplicate for f in got] == [True, False] and got[0].why == "kind: 目标"
    d.close()


def test_search_long_short_and_special_queries(db_url: str) -> None:
    text = ("石港市北斗导航产业园今年投产。\n\n港口吞吐量增长5%。\n"
            "百分号100%_下划线与'引号\"都在这里。\n")
    d = open_db(db_url, create=True)
    with d.write() as conn:
        doc_id = _doc(conn, text)
        s = text.index("5")
        repo.insert_facts(conn, doc_id, [fact_columns(_fact("港口吞吐量", 5.0, start=s, end=s + 1))])
    with d.read() as conn:
        assert [p.text for p in repo.search_passages(conn, "北斗导航")] == ["石港市北斗导航产业园今年投产。"]
        assert [p.text for p in repo.search_passages(conn, "北斗")] == ["石港市北斗导航产业园今年投产。"]  # < 3 chars
        assert len(repo.search_passages(conn, "港")) == 2
        hit = repo.search_passages(conn, "吞吐量")
        assert len(hit) == 1 and [f.indicator for f in repo.facts_within(conn, doc_id, hit[0].start, hit[0].end)] \
            == ["港口吞吐量"]
        assert len(repo.search_passages(conn, "100%_下")) == 1
        assert repo.search_passages(conn, "0%x") == []           # % and _ are literal, not wildcards
        assert len(repo.search_passages(conn, "'引号\"")) == 1    # quotes too
        assert repo.search_passages(conn, "不存在的词") == []
    d.close()


def test_series_spread_is_in_base_units(db_url: str) -> None:
    d = open_db(db_url, create=True)
    with d.write() as conn:
        a = _doc(conn, "x" * 50, "a.txt", "a" * 64)
        b = _doc(conn, "y" * 50, "b.txt", "b" * 64)
        same1 = fact_columns(_fact("投资", 1.3, "万亿元", doc="a.txt"))
        same2 = fact_columns(_fact("投资", 13000, "亿元", doc="b.txt"))
        diff1 = fact_columns(_fact("收入", 1.5, doc="a.txt"))
        diff2 = fact_columns(_fact("收入", 1.0, doc="b.txt"))
        repo.insert_facts(conn, a, [same1, diff1])
        repo.insert_facts(conn, b, [same2, diff2])
        repo.refresh_series(conn, {same1["series"], diff1["series"]})
    with d.read() as conn:
        assert repo.series_keys(conn, min_spread=0.0) == [diff1["series"]]
        assert set(repo.series_keys(conn, min_docs=2)) == {same1["series"], diff1["series"]}
    d.close()


def test_conflict_pages_read_the_partial_index(db_url: str) -> None:
    """Keyset pages of conflict candidates are the candidates, in key order, and on SQLite the
    page query is answered from ix_series_conflicts (without it SQLite walked the whole key
    index to find 20 candidates: 3.7 ms at 1 M facts, 25 ms filtered by period)."""
    d = open_db(db_url, create=True)
    with d.write() as conn:
        a = _doc(conn, "x" * 50, "a.txt", "a" * 64)
        b = _doc(conn, "y" * 50, "b.txt", "b" * 64)
        rows_a, rows_b = [], []
        for i in range(7):
            # every other indicator differs between the documents; the rest agree
            rows_a.append(fact_columns(_fact(f"指标{i}", 1.0, doc="a.txt")))
            rows_b.append(fact_columns(_fact(f"指标{i}", 1.0 + i % 2, doc="b.txt")))
        rows_a.append(fact_columns(_fact("只在甲", 3.0, doc="a.txt")))   # one document: no candidate
        repo.insert_facts(conn, a, rows_a)
        repo.insert_facts(conn, b, rows_b)
        repo.refresh_series(conn, {r["series"] for r in rows_a + rows_b})
    assert "ix_series_conflicts" in {ix["name"] for ix in inspect(d.engine).get_indexes("series")}
    statements: list[tuple[str, object]] = []

    def seen(_conn, _cursor, statement, parameters, _context, _many):   # type: ignore[no-untyped-def]
        statements.append((statement, parameters))

    with d.read() as conn:
        want = repo.series_keys(conn, min_spread=0.0, min_docs=2)
        assert len(want) == 3
        event.listen(d.engine, "before_cursor_execute", seen)
        pages, after = [], None
        while True:
            page = repo.conflict_series_page(conn, after=after, limit=2)
            pages += page
            if len(page) < 2:
                break
            after = page[-1]
        event.remove(d.engine, "before_cursor_execute", seen)
        assert pages == want
        if d.dialect == "sqlite":
            statement, parameters = statements[0]
            plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement,
                                                                     parameters).all())
            assert "ix_series_conflicts" in plan, plan
    d.close()


def test_split_passages_cover_long_paragraphs() -> None:
    text = "甲" * 10 + "。" + ("乙" * 300 + "。") * 5 + "\n丙"
    spans = split_passages(text, max_len=400)
    assert all(b - a <= 400 for a, b in spans)
    assert "".join(text[a:b] for a, b in spans) == text.replace("\n", "")
