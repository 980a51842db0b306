"""The IT-project review in the register (services/reviews.py, migration 0006,
`planwatch projects review submit|prereview|joint|approve|show|cuts`), on SQLite and PostgreSQL
(PLANWATCH_TEST_PG_URL), with made-up projects and budgets."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import inspect
from typer.testing import CliRunner

from planwatch.cli import app
from planwatch.errors import NotFoundError, UsageError
from planwatch.services import register as rs
from planwatch.services import reviews as rv
from planwatch.store.db import open_db


def _through(db: str, pid: int, asked: float, got: float, *, unit: str = "万元", year: int = 2026) -> None:
    rv.submit(db, pid, asked, unit=unit, date=f"{year}-03-01", author="申报单位")
    rv.prereview(db, pid, "pass", opinion="材料齐全", reviewer="数据局", date=f"{year}-03-05")
    rv.joint(db, pid, "部分硬件可利旧", reviewer="专家甲", amount=got, unit=unit, date=f"{year}-03-20")
    rv.joint(db, pid, "同意", reviewer="专家乙", date=f"{year}-03-20")
    rv.approve(db, pid, got, unit=unit, date=f"{year}-04-01")


def test_the_table_comes_with_the_migration(db_url: str) -> None:
    d = open_db(db_url, create=True)
    assert "project_reviews" in set(inspect(d.engine).get_table_names())
    d.close()


def test_a_review_from_request_to_approval(db_url: str) -> None:
    p = rs.add_project(db_url, "城市运行管理平台", region="碧川市")
    assert rv.review_of(db_url, p.id).state is None
    _through(db_url, p.id, 650, 520)
    r = rv.review_of(db_url, p.id)
    assert [s.step for s in r.steps] == ["submit", "prereview", "joint", "joint", "approve"]
    assert (r.state, r.requested, r.approved, r.approved_on) == ("approve", 650, 520, "2026-04-01")
    assert r.cut == 130 and r.share == pytest.approx(0.2)
    assert [s.reviewer for s in r.steps if s.step == "joint"] == ["专家甲", "专家乙"]
    trail = [e for e in rs.project_history(db_url, p.id) if e.action == "review"]
    assert [e.field for e in trail] == ["submit", "prereview", "joint", "joint", "approve"]
    assert trail[0].author == "申报单位" and trail[0].new_value == {"amount": 650, "amount_unit": "万元"}


def test_cuts_over_any_set_in_one_unit(db_url: str) -> None:
    a = rs.add_project(db_url, "甲系统", region="碧川市")
    b = rs.add_project(db_url, "乙平台", region="碧川市")
    c = rs.add_project(db_url, "丙工程", region="白沙县")
    d = rs.add_project(db_url, "丁网络", region="碧川市")
    _through(db_url, a.id, 300, 240)
    _through(db_url, b.id, 0.05, 0.04, unit="亿元")            # 500万元 → 400万元
    _through(db_url, c.id, 1_000_000, 1_000_000, unit="元", year=2025)
    rv.submit(db_url, d.id, 90, date="2026-03-01")            # not approved: not in the cuts
    allc = rv.cuts(db_url)
    assert [r.project.id for r in allc.items] == [a.id, b.id, c.id]
    assert allc.requested == pytest.approx(900) and allc.cut == pytest.approx(160)
    city = rv.cuts(db_url, region="碧川市", period=2026)
    assert [r.project.id for r in city.items] == [a.id, b.id]
    assert city.share == pytest.approx(160 / 800)
    assert city.items[1].cut == pytest.approx(100)
    pair = rv.cuts(db_url, ids=[b.id, c.id])
    assert pair.share == pytest.approx(100 / 600)
    assert rv.cuts(db_url, period=2024).items == () and rv.cuts(db_url, period=2024).share is None


def test_steps_out_of_order_and_bad_values_are_refused(db_url: str) -> None:
    p = rs.add_project(db_url, "戊平台")
    with pytest.raises(UsageError, match="submit the project first"):
        rv.prereview(db_url, p.id, "pass")
    with pytest.raises(UsageError, match="requested budget"):
        rv.submit(db_url, p.id, None)
    with pytest.raises(UsageError, match="at least 0"):
        rv.submit(db_url, p.id, -5)
    with pytest.raises(UsageError, match="one of"):
        rv.submit(db_url, p.id, 5, unit="美元")
    rv.submit(db_url, p.id, 100, date="2026-03-01")
    with pytest.raises(UsageError, match="submitted already"):
        rv.submit(db_url, p.id, 120)
    with pytest.raises(UsageError, match="pre-review has not passed"):
        rv.joint(db_url, p.id, "同意")
    rv.prereview(db_url, p.id, "revise", date="2026-03-02")
    with pytest.raises(UsageError, match="pre-review has not passed"):
        rv.approve(db_url, p.id, 90)
    with pytest.raises(UsageError, match="before the previous step"):
        rv.prereview(db_url, p.id, "pass", date="2026-02-01")
    with pytest.raises(UsageError, match="one of"):
        rv.prereview(db_url, p.id, "ok")
    rv.prereview(db_url, p.id, "PASS", date="2026-03-09")
    with pytest.raises(UsageError, match="no joint review"):
        rv.approve(db_url, p.id, 90)
    rv.joint(db_url, p.id, "同意", date="2026-03-10")
    rv.approve(db_url, p.id, 90, date="2026-03-11")
    with pytest.raises(UsageError, match="closed"):
        rv.approve(db_url, p.id, 80)
    with pytest.raises(NotFoundError):
        rv.submit(db_url, 999, 1)
    with pytest.raises(UsageError, match="a year"):
        rv.cuts(db_url, period="26")
    with pytest.raises(UsageError, match="#999"):
        rv.cuts(db_url, ids=[999])


def test_cli_review(tmp_path) -> None:
    db = str(tmp_path / "r.db")
    run = CliRunner().invoke
    assert run(app, ["projects", "add", "政务外网", "--region", "碧川市", "--db", db]).exit_code == 0
    steps = [["submit", "1", "--amount", "200", "--date", "2026-05-01"],
             ["prereview", "1", "--result", "pass", "--opinion", "符合规划", "--date", "2026-05-03"],
             ["joint", "1", "--opinion", "带宽按需", "--reviewer", "专家丙", "--amount", "150", "--date", "2026-05-09"],
             ["approve", "1", "--amount", "150", "--date", "2026-05-20"]]
    for s in steps:
        r = run(app, ["projects", "review", *s, "--db", db])
        assert r.exit_code == 0, r.output
    r = run(app, ["projects", "review", "cuts", "--region", "碧川市", "--period", "2026", "--db", db,
                  "--format", "jsonl"])
    assert r.exit_code == 0, r.output
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert rows[0]["cut"] == 50 and rows[-1]["share"] == 0.25 and rows[-1]["projects"] == 1
    r = run(app, ["projects", "review", "cuts", "--db", db])
    assert "25.0%" in r.stdout
    r = run(app, ["projects", "review", "show", "1", "--db", db, "--format", "jsonl"])
    assert [json.loads(x)["step"] for x in r.stdout.splitlines()] == ["submit", "prereview", "joint", "approve"]
    assert run(app, ["projects", "review", "approve", "1", "--amount", "1", "--db", db]).exit_code != 0
    assert run(app, ["projects", "review", "submit", "9", "--amount", "1", "--db", db]).exit_code != 0
