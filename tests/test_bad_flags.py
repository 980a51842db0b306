"""Every command given a value it cannot use: exit code 2 and one line on stderr, nothing on stdout.

Run as a user would (`planwatch.cli.main`), on a database filled with the fictional
corpus; the database cases run on PostgreSQL too (where a negative offset or an
over-long value would reach the server), the file cases once.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import fake_extract

from planwatch import services
from planwatch.cli import main

FACT = "@fact"     # replaced by a real fact id
DOC = "@doc"       # replaced by a stored document's name
FILE = "@file"     # replaced by a readable text file

# (command and its good arguments, the bad flag and value)
DB_CASES: list[tuple[list[str], list[str]]] = [
    *[(["facts"], bad) for bad in (
        ["--period", "abc"], ["--period", "2025-2021"], ["--period", "20245"], ["--kind", "targets"],
        ["--tier", "C"], ["--measure", "size"], ["--status", "fine"], ["--limit", "-1"], ["--limit", "0"],
        ["--limit", "many"], ["--offset", "-5"], ["--offset", "99999999999"], ["--region", "火星"],
        ["--indicator", "没有这个指标"], ["--indicator", "x" * 300], ["--format", "yaml"], ["--doc", "\x1b[2J"],
        ["--no-such-flag", "1"])],
    *[(["scorecard"], bad) for bad in (
        ["--period", "2024年度"], ["--region", "火星"], ["--tolerance-points", "-1"], ["--tolerance-points", "nan"],
        ["--tolerance-relative", "inf"], ["--format", "pdf"], ["--tolerance", "0.5"])],
    *[(["conflicts"], bad) for bad in (
        ["--kind", "both"], ["--limit", "-1"], ["--major-points", "inf"], ["--major-relative", "-0.1"],
        ["--period", "last year"])],
    *[(["corroboration"], bad) for bad in (["--kind", "x"], ["--tolerance", "1"])],
    *[(["table"], bad) for bad in (
        ["--period", "abc"], ["--period", "2021-2025"], ["--period", "2025", "--format", "pdf"],
        ["--period", "2025", "--region", "火星"])],
    *[(["export"], bad) for bad in (
        ["--format", "yaml"], ["-f", "csv", "--layout", "grid"], ["-f", "csv", "--period", "abc"],
        ["-f", "csv", "--kind", "targets"])],
    *[(["search"], bad) for bad in ([], ["北斗", "--limit", "0"], [" "])],
    *[(["fix", FACT], bad) for bad in (
        ["--value", "inf"], ["--value", "nan"], ["--value", "1e300"], ["--period", "abc"], ["--period", "2024年度"],
        ["--kind", "targets"], ["--measure", "size"], ["--qualifier", "roughly"], ["--indicator", "x" * 300],
        ["--unit", "u" * 80], ["--region", "r" * 200], [], ["--confirm", "--reject"])],
    (["fix", "nosuchfactid"], ["--value", "1"]),
    (["confirm"], ["nosuchfactid"]),
    (["reject"], ["nosuchfactid"]),
    (["history"], ["nosuchfactid"]),
    *[(["add", "--doc", DOC, "--kind", "actual", "--indicator", "新建项目", "--measure", "level"], bad) for bad in (
        ["--start", "0", "--end", "3", "--value", "120"],        # the text there is not 120
        ["--start", "-1", "--end", "3", "--value", "1"],
        ["--start", "5", "--end", "2", "--value", "1"],
        ["--start", "0", "--end", "99999999", "--value", "1"])],
    (["add", "--doc", "no_such_document.txt", "--kind", "actual", "--indicator", "x", "--measure", "level"],
     ["--start", "0", "--end", "1", "--value", "1"]),
    *[(["documents"], bad) for bad in (["--format", "yaml"], ["--all", "yes"])],
]

FILE_CASES: list[tuple[list[str], list[str]]] = [
    *[(["extract", FILE], bad) for bad in (
        ["--date", "25-12-2024"], ["--date", "2024-13-01"], ["--date", "yesterday"], ["--jobs", "0"],
        ["--jobs", "-1"], ["--format", "xml"], ["--max-mb", "0"], ["--region", "\n"])],
    *[(["context", FILE], bad) for bad in (["--date", "2024/12/25"], ["--format", "csv"])],
    *[(["ingest", FILE, "--db", "@newdb"], bad) for bad in (
        ["--jobs", "0"], ["--date", "25-12-2024"], ["--max-mb", "-3"])],
    (["demo"], ["--format", "yaml"]),
    (["text", FILE], ["--max-mb", "0"]),
]

READ_COMMANDS = [["facts"], ["scorecard"], ["conflicts"], ["corroboration"], ["table", "--period", "2024"],
                 ["export", "-f", "csv"], ["search", "北斗"], ["history"], ["documents"], ["fix", "x", "--value", "1"]]


def run_main(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    with pytest.raises(SystemExit) as e:
        main(argv)
    out, err = capsys.readouterr()
    return int(e.value.code or 0), out, err


def one_line_error(code: int, out: str, err: str) -> None:
    assert code == 2, (code, out, err)
    assert out == "", out
    assert err.startswith("planwatch: ") and err.endswith("\n") and err.count("\n") == 1, err
    assert "Traceback" not in err and "\x1b" not in err


@pytest.fixture
def filled(db_url: str, corpus: Path) -> tuple[str, str, str]:
    services.ingest([corpus], db_url, extractor=fake_extract, name_root=corpus)
    fact = services.query_facts(db_url).items[0].id
    return db_url, fact, "bulletin_2023.txt"


def _fill(args: list[str], fact: str = "", doc: str = "", file: str = "", newdb: str = "") -> list[str]:
    return [{FACT: fact, DOC: doc, FILE: file, "@newdb": newdb}.get(a, a) for a in args]


@pytest.mark.parametrize("command, bad", DB_CASES, ids=[" ".join([*c, *b])[:60] for c, b in DB_CASES])
def test_bad_value_on_a_database(filled: tuple[str, str, str], command: list[str], bad: list[str],
                                 capsys: pytest.CaptureFixture[str]) -> None:
    db, fact, doc = filled
    one_line_error(*run_main([*_fill(command, fact, doc), *bad, "--db", db], capsys))


@pytest.mark.parametrize("command, bad", FILE_CASES, ids=[" ".join([*c, *b])[:60] for c, b in FILE_CASES])
def test_bad_value_on_a_file(tmp_path: Path, command: list[str], bad: list[str],
                             capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "report.txt"
    f.write_text("全市地区生产总值增长5.8%。\n", encoding="utf-8")
    newdb = str(tmp_path / "new.db")
    one_line_error(*run_main([*_fill(command, file=str(f), newdb=newdb), *bad], capsys))
    assert not Path(newdb).exists()  # refused before anything was created


@pytest.mark.parametrize("command", READ_COMMANDS, ids=[c[0] for c in READ_COMMANDS])
def test_a_typo_in_db_is_an_error_not_a_new_database(tmp_path: Path, command: list[str],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    typo = tmp_path / "planwtach.db"
    code, out, err = run_main([*command, "--db", str(typo)], capsys)
    one_line_error(code, out, err)
    assert "no database at" in err and not typo.exists()


def test_a_bad_url_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_main(["facts", "--db", "postgresql://nobody:secret@127.0.0.1:1/none"], capsys)
    one_line_error(code, out, err)
    assert "secret" not in err  # the password is never printed


def test_an_empty_database_is_said_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "empty.db")
    services.ingest([], db)   # created, nothing in it
    code, out, err = run_main(["scorecard", "--db", db], capsys)
    assert code == 1 and out == "" and "holds no documents" in err and err.count("\n") == 1


def test_names_are_read_as_the_engine_reads_them(filled: tuple[str, str, str],
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    db, _, _ = filled
    code, out, err = run_main(["facts", "--region", "石港", "--indicator", "GDP", "-f", "json", "--db", db], capsys)
    assert code == 0 and "--region 石港 → 石港市" in err and "--indicator GDP → 地区生产总值" in err
    assert '"地区生产总值"' in out


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_main(["--version"], capsys)
    assert code == 0 and out.startswith("planwatch ")
    for command in ("extract", "ingest", "facts", "scorecard", "conflicts", "search", "fix", "context"):
        code, out, _ = run_main([command, "--help"], capsys)
        assert code == 0 and "<bool>" not in out and "<str>" not in out and "list[" not in out, out
        assert "{" not in out.splitlines()[0]
    code, out, _ = run_main(["facts", "--help"], capsys)
    assert "--region REGION" in out and "--period PERIOD" in out
