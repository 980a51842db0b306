"""The database commands end to end (typer's CliRunner), every listing format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import CITY, fake_extract
from typer.testing import CliRunner

from planwatch import services
from planwatch.cli import app

runner = CliRunner()
LIST_FORMATS = ["table", "json", "jsonl", "csv"]


def run(*args: str, code: int = 0):
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr, result.exception)
    return result


def parse(out: str, fmt: str) -> list[dict]:
    if fmt == "json":
        return json.loads(out)
    if fmt == "jsonl":
        return [json.loads(line) for line in out.splitlines() if line.strip()]
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(out)))
    raise AssertionError(fmt)


@pytest.fixture
def filled(db_url: str, corpus: Path) -> str:
    services.ingest([corpus], db_url, extractor=fake_extract, name_root=corpus)  # names as in the folder
    return db_url


def test_ingest_command_reports_bad_files_and_exit_code(tmp_path: Path, corpus: Path) -> None:
    db = str(tmp_path / "cli.db")
    r = run("ingest", str(corpus), "--db", db)
    assert "3 added" in r.stderr
    r = run("ingest", str(corpus), "--db", db, "-q")
    assert "3 already stored" in r.stderr
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x00\xff" * 100)
    r = run("ingest", str(corpus), "--db", f"sqlite:///{db}", "--jobs", "2", code=1)
    failed = [line for line in r.stderr.splitlines() if line.startswith(f"planwatch: {corpus}")]
    assert len(failed) == 2 and any("empty.txt: " in line for line in failed)
    assert "2 failed" in r.stderr
    assert services.stats(db)["documents"] == 3


@pytest.mark.parametrize("fmt", LIST_FORMATS)
def test_facts(filled: str, fmt: str) -> None:
    r = run("facts", "--indicator", "地区生产总值", "--region", CITY, "--period", "2024", "--format", fmt,
            "--db", filled)
    if fmt == "table":
        assert "地区生产总值" in r.stdout and "5.7" in r.stdout
        return
    rows = parse(r.stdout, fmt)
    assert sorted(str(x["value"]) for x in rows) in (["5.7", "6.0"], ["5.7", "6"])
    assert {x["kind"] for x in rows} == {"target", "actual"}
    r = run("facts", "--indicator", "no'such\"thing", "--format", fmt, "--db", filled, code=2)
    assert "no indicator of that name is stored" in r.stderr and r.stdout == ""
    r = run("facts", "--indicator", "地区生产总值", "--period", "2030", "--format", fmt, "--db", filled)
    assert parse(r.stdout, fmt) == []


@pytest.mark.parametrize("fmt", LIST_FORMATS)
def test_scorecard(filled: str, fmt: str) -> None:
    r = run("scorecard", "--region", CITY, "--period", "2024", "--format", fmt, "--db", filled)
    if fmt == "table":
        assert "met" in r.stdout and "6%左右" in r.stdout
        return
    rows = parse(r.stdout, fmt)
    gdp = next(x for x in rows if x["indicator"] == "地区生产总值")
    assert gdp["verdict"] == "met" and float(gdp["actual_value"]) == 5.7


@pytest.mark.parametrize("fmt", LIST_FORMATS)
def test_conflicts_and_corroboration(filled: str, fmt: str) -> None:
    r = run("conflicts", "--format", fmt, "--db", filled)
    if fmt == "table":
        assert "地方一般公共预算收入" in r.stdout and "bulletin_2023.txt" in r.stdout
    else:
        rows = parse(r.stdout, fmt)
        assert {x["indicator"] for x in rows} == {"地方一般公共预算收入", "新建项目"}
    r = run("corroboration", "--format", fmt, "--db", filled)
    assert "conflicting" in r.stdout


@pytest.mark.parametrize("fmt", [*LIST_FORMATS, "md", "html", "xlsx"])
def test_table(filled: str, fmt: str, tmp_path: Path) -> None:
    if fmt == "xlsx":
        out = tmp_path / "plan.xlsx"
        run("table", "--region", CITY, "--period", "2024", "--format", "xlsx", "--out", str(out), "--db", filled)
        import openpyxl
        ws = openpyxl.load_workbook(out).active
        assert ws.cell(1, 1).value == "指标"
        r = run("table", "--region", CITY, "--period", "2024", "--format", "xlsx", "--db", filled)
        assert r.stdout_bytes[:2] == b"PK"  # a zip on stdout: `> plan.xlsx` works
        return
    r = run("table", "--region", CITY, "--period", "2024", "--format", fmt, "--db", filled)
    assert "2024年计划" in r.stdout and "6%左右" in r.stdout


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl", "xlsx", "parquet"])
def test_export(filled: str, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"facts.{fmt}"
    r = run("export", "--format", fmt, "--out", str(out), "--region", CITY, "--db", filled)
    assert "9 rows" in r.stderr and out.stat().st_size > 0
    r = run("export", "--format", fmt, "--db", filled)
    if fmt in ("csv", "json", "jsonl"):
        assert len(parse(r.stdout, fmt)) == 9
    else:
        assert len(r.stdout_bytes) > 100
    r = run("export", "--format", "csv", "--layout", "panel", "--db", filled)
    assert r.stdout.startswith("region,period")


@pytest.mark.parametrize("fmt", LIST_FORMATS)
def test_search(filled: str, fmt: str) -> None:
    r = run("search", "北斗", "--format", fmt, "--db", filled)
    if fmt == "table":
        assert "北斗产业园" in r.stdout
        return
    rows = parse(r.stdout, fmt)
    assert [x["doc"] for x in rows] == ["report_2024.txt"]
    r = run("search", "地区生产总值增长", "--format", fmt, "--db", filled)
    assert len(parse(r.stdout, fmt)) == 3  # one passage in the news, two in the report
    r = run("search", "增长", "地区生产总值", "--format", fmt, "--db", filled)  # several words, any order
    assert len(parse(r.stdout, fmt)) == 3


def test_fix_confirm_reject_add_history(filled: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("USER", "tester")
    rows = parse(run("facts", "--indicator", "地方一般公共预算收入", "--doc", "bulletin_2023.txt",
                     "--format", "json", "--db", filled).stdout, "json")
    fid = str(rows[0]["id"])
    r = run("fix", fid, "--value", "1.5", "--note", "per the official report", "--format", "json", "--db", filled)
    assert parse(r.stdout, "json")[0]["value"] == 1.5
    r = run("fix", fid, "--confirm", "--format", "json", "--db", filled)
    assert parse(r.stdout, "json")[0]["status"] == "confirmed"
    run("reject", fid, "--note", "duplicate", "--db", filled)
    run("confirm", fid, "--db", filled)
    r = run("add", "--doc", "bulletin_2023.txt", "--start", "0", "--end", "3", "--kind", "actual",
            "--indicator", "统计公报", "--measure", "relation", "--qualifier", "above", "--format", "json",
            "--db", filled)
    assert parse(r.stdout, "json")[0]["origin"] == "user"
    trail = parse(run("history", fid, "--format", "json", "--db", filled).stdout, "json")
    assert [(t["action"], t["author"]) for t in trail] == [("fix", "tester"), ("confirm", "tester"),
                                                           ("reject", "tester"), ("confirm", "tester")]
    assert trail[0]["old_value"] == 1.0 and trail[0]["new_value"] == 1.5
    assert len(parse(run("history", "--format", "csv", "--db", filled).stdout, "csv")) == 5
    r = run("fix", "999999", "--value", "1", "--db", filled, code=2)
    assert "no fact with id 999999" in r.stderr
    run("fix", fid, "--db", filled, code=2)  # nothing to do


@pytest.mark.parametrize("fmt", LIST_FORMATS)
def test_documents(filled: str, fmt: str) -> None:
    r = run("documents", "--format", fmt, "--db", filled)
    assert "report_2024.txt" in r.stdout


def test_bad_format_is_refused(filled: str) -> None:
    r = run("facts", "--format", "yaml", "--db", filled, code=2)
    assert r.stderr.startswith("planwatch: --format yaml: one of table") and r.stderr.count("\n") == 1


def test_demo(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.db")
    r = run("demo", "--db", db, "--format", "json")
    assert "demo database" in r.stderr
    assert isinstance(parse(r.stdout, "json"), list)
    assert services.stats(db)["documents"] >= 1
    r = run("demo")  # a temporary database of its own
    assert "scorecard" in r.stdout or "(nothing found)" in r.stderr
