"""The project register (services/register.py, `planwatch projects add|stage|note|edit|list|history`),
on SQLite and PostgreSQL (PLANWATCH_TEST_PG_URL), with made-up projects."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import inspect
from typer.testing import CliRunner

from planwatch.cli import app
from planwatch.errors import NotFoundError, UsageError
from planwatch.services import register as rs
from planwatch.store.db import open_db

PLAN = """澜江市2025年政府工作报告
——2025年1月10日在澜江市第九届人民代表大会第四次会议上
二、2025年主要任务
加快推进云岭高速、北港物流园等项目建设。
"""


def test_the_tables_come_with_the_migration(db_url: str) -> None:
    d = open_db(db_url, create=True)
    assert {"projects", "project_events"} <= set(inspect(d.engine).get_table_names())
    d.close()


def test_add_stage_note_edit_and_the_audit_trail(db_url: str) -> None:
    p = rs.add_project(db_url, "青石大桥", region="澜江市", unit="市交通局", planned_end="2025-06-30",
                       planned_investment=12.5, author="甲", note="年度计划")
    assert (p.stage, p.unit, p.planned_investment, p.investment_unit) == ("preparing", "市交通局", 12.5, "亿元")
    with pytest.raises(UsageError, match="already"):
        rs.add_project(db_url, "青石大桥", region="澜江市")
    p = rs.set_stage(db_url, p.id, "started", date="2025-02-01", author="乙", note="开工")
    assert (p.stage, p.actual_start, p.actual_end) == ("started", "2025-02-01", None)
    rs.add_note(db_url, p.id, "桩基完成一半", date="2025-03-07", author="乙")
    p = rs.edit_project(db_url, p.id, {"completed_investment": 4.2, "planned_end": "2025-09-30"}, author="丙")
    assert (p.completed_investment, p.planned_end) == (4.2, "2025-09-30")
    p = rs.set_stage(db_url, p.id, "completed", date="2025-09-20")
    assert (p.actual_start, p.actual_end) == ("2025-02-01", "2025-09-20")
    trail = rs.project_history(db_url, p.id)
    assert [e.action for e in trail] == ["add", "stage", "note", "edit", "edit", "stage"]
    assert trail[0].new_value["name"] == "青石大桥" and trail[0].author == "甲" and trail[0].note == "年度计划"
    assert (trail[1].old_value, trail[1].new_value, trail[1].date) == ("preparing", "started", "2025-02-01")
    assert {(e.field, e.old_value, e.new_value) for e in trail[3:5]} == {
        ("completed_investment", None, 4.2), ("planned_end", "2025-06-30", "2025-09-30")}
    assert trail[2].note == "桩基完成一半" and trail[2].date == "2025-03-07"


def test_overdue_and_stalled_first(db_url: str) -> None:
    a = rs.add_project(db_url, "甲路", region="澜江市", planned_end="2030-01-01")
    b = rs.add_project(db_url, "乙桥", region="澜江市", planned_end="2025-06-30")   # overdue
    c = rs.add_project(db_url, "丙园", region="澜江市", planned_start="2025-01-01")  # not started yet: overdue
    d = rs.add_project(db_url, "丁站", region="青石区")
    rs.add_note(db_url, a.id, "进展顺利", date="2025-11-20")
    rs.set_stage(db_url, d.id, "started", date="2025-08-01")                      # stalled since
    rows = rs.register(db_url, today="2025-12-01", stalled_days=30)
    assert [r.project.id for r in rows][:2] == [b.id, c.id]
    by = {r.project.name: r for r in rows}
    assert by["乙桥"].overdue and by["丙园"].overdue and not by["甲路"].overdue
    assert by["丁站"].stalled and not by["甲路"].stalled and by["丁站"].last_date == "2025-08-01"
    assert [r.project.name for r in rs.register(db_url, region="青石区", today="2025-12-01")] == ["丁站"]


def test_bad_values_are_refused(db_url: str) -> None:
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        rs.add_project(db_url, "甲", planned_end="2025-13-01")
    with pytest.raises(UsageError, match="at least 0"):
        rs.add_project(db_url, "甲", planned_investment=-1)
    with pytest.raises(UsageError, match="one of"):
        rs.add_project(db_url, "甲", stage="done")
    p = rs.add_project(db_url, "甲")
    with pytest.raises(UsageError, match="cannot change"):
        rs.edit_project(db_url, p.id, {"stage": "completed"})
    with pytest.raises(NotFoundError):
        rs.set_stage(db_url, 999, "started")


def test_add_from_a_document(tmp_path, sqlite_url: str) -> None:
    f = tmp_path / "plan.txt"
    f.write_text(PLAN, encoding="utf-8")
    p = rs.add_from_text(sqlite_url, f, "云岭高速", unit="市交通局")
    assert (p.stage, p.region, p.unit) == ("in_progress", "澜江市", "市交通局")
    assert PLAN[p.source_start:p.source_end] == "云岭高速" and "云岭高速" in p.source_text
    with pytest.raises(UsageError, match="not named"):
        rs.add_from_text(sqlite_url, f, "白沙大桥")


def test_cli_register_beside_the_file_mode(tmp_path) -> None:
    db = str(tmp_path / "r.db")
    run = CliRunner().invoke
    r = run(app, ["projects", "add", "青石大桥", "--region", "澜江市", "--planned-end", "2025-06-30", "--db", db,
                  "--format", "jsonl"])
    assert r.exit_code == 0, r.output
    pid = json.loads(r.stdout)["id"]
    assert run(app, ["projects", "stage", str(pid), "started", "--date", "2025-02-01", "--db", db]).exit_code == 0
    assert run(app, ["projects", "note", str(pid), "桩基完成", "--db", db]).exit_code == 0
    r = run(app, ["projects", "list", "--db", db, "--today", "2025-12-01", "--format", "jsonl"])
    row = json.loads(r.stdout.splitlines()[0])
    assert row["name"] == "青石大桥" and row["overdue"] is True and row["stage"] == "started"
    r = run(app, ["projects", "history", str(pid), "--db", db, "--format", "jsonl"])
    assert [json.loads(x)["action"] for x in r.stdout.splitlines()] == ["add", "stage", "note"]
    assert run(app, ["projects", "stage", "99", "started", "--db", db]).exit_code != 0
    # the file mode is as it was
    f = tmp_path / "plan.txt"
    f.write_text(PLAN, encoding="utf-8")
    r = run(app, ["projects", str(f)])
    assert r.exit_code == 0 and "云岭高速" in r.stdout
    assert run(app, ["projects", str(f), "--bogus"]).exit_code == 2
