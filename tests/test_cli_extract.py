"""`planwatch extract` and `planwatch text`, end to end in a subprocess.

Output formats (jsonl, json, csv, table); a folder holding broken files among good
ones (good facts printed, one stderr line per bad file, exit code 1); --date and
--region; --jobs 2 prints what --jobs 1 prints; `planwatch text` prints exactly the
text the offsets refer to (GB18030 and CRLF files). The documents are written here.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from planwatch import extract_file
from planwatch.model import FACT_FIELDS

REPORT = """云岭市2025年政府工作报告
——2025年1月18日在云岭市第十六届人民代表大会第四次会议上

一、2024年工作回顾
过去一年，全市地区生产总值增长5.8%，一般公共预算收入完成86.2亿元，新增高新技术企业120家。
二、2025年主要预期目标
地区生产总值增长6%左右，城镇新增就业3万人以上，城镇调查失业率控制在5.5%以内。
"""

NEWS = """澜江市上半年经济运行情况
全市规上工业增加值增长7.1%，社会消费品零售总额达到420亿元，进出口总额超12亿美元。
"""

UNDATED = "全市地区生产总值增长5.8%，粮食总产量达到120万吨。\n"


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8", COLUMNS="200", NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-c", "from planwatch.cli import main; main()", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", env=env, cwd=cwd, timeout=300,
    )


def errors(stderr: str) -> list[str]:
    """The error lines of stderr (warnings about a document's date or region left out)."""
    return [line for line in stderr.strip().splitlines() if ": warning: " not in line]


def jsonl(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.fixture()
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a_report.txt").write_text(REPORT, encoding="utf-8")
    (folder / "b_news.txt").write_text(NEWS, encoding="utf-8")
    return folder


# ---------------------------------------------------------------------------
# formats


def test_jsonl_fields_and_offsets(docs: Path) -> None:
    r = run("extract", docs / "a_report.txt")
    assert r.returncode == 0, r.stderr
    rows = jsonl(r.stdout)
    assert len(rows) >= 6
    for row in rows:
        assert list(row)[:len(FACT_FIELDS)] == list(FACT_FIELDS), list(row)
        assert row["doc"] == str(docs / "a_report.txt")  # the path as given
        assert REPORT[row["start"]:row["end"]] in row["surface"]
    by_number = {REPORT[r["start"]:r["end"]]: r for r in rows}
    assert by_number["5.8"]["kind"] == "actual" and by_number["5.8"]["period"] == "2024"
    assert by_number["5.8"]["indicator"] == "地区生产总值" and by_number["5.8"]["tier"] == "A"
    assert by_number["5.5"]["kind"] == "target" and by_number["5.5"]["qualifier"] == "at_most"


def test_cli_gives_the_api_answer(docs: Path) -> None:
    path = docs / "a_report.txt"
    rows = jsonl(run("extract", path).stdout)
    # the same facts; the API names a document by its file name (the annotation guide's doc),
    # the command by its path as given
    assert rows == [{**f.to_dict(), "doc": str(path)} for f in extract_file(path)]


def test_json_is_the_jsonl_rows(docs: Path) -> None:
    r = run("extract", "--format", "json", docs)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == jsonl(run("extract", docs).stdout)


def test_csv(docs: Path) -> None:
    r = run("extract", "-f", "csv", docs)
    assert r.returncode == 0, r.stderr
    table = list(csv.DictReader(io.StringIO(r.stdout)))
    expected = jsonl(run("extract", docs).stdout)
    assert len(table) == len(expected)
    for field in ("doc", "start", "end", "surface", "kind", "indicator", "measure", "value", "unit",
                  "qualifier", "region", "period", "tier"):
        assert field in table[0], f"csv lacks column {field}: {list(table[0])}"
    for row, want in zip(table, expected):
        assert (row["doc"], int(row["start"]), int(row["end"])) == (want["doc"], want["start"], want["end"])
        assert row["indicator"] == want["indicator"] and row["surface"] == want["surface"]
        assert float(row["value"]) == pytest.approx(want["value"])


def test_table(docs: Path) -> None:
    r = run("extract", "--format", "table", docs)
    assert r.returncode == 0, r.stderr
    for word in ("indicator", "a_report.txt", "b_news.txt", "地区生产总值", "5.8%", "target", "actual"):
        assert word in r.stdout, f"{word!r} missing from the table:\n{r.stdout}"


def test_unknown_format_is_a_usage_error(docs: Path) -> None:
    r = run("extract", "--format", "xml", docs)
    assert r.returncode == 2
    assert not r.stdout.strip()


# ---------------------------------------------------------------------------
# broken files


def test_folder_with_an_empty_file(docs: Path) -> None:
    (docs / "c_empty.txt").write_bytes(b"")
    r = run("extract", docs)
    assert r.returncode == 1
    rows = jsonl(r.stdout)
    assert {Path(row["doc"]).name for row in rows} == {"a_report.txt", "b_news.txt"}
    # the same facts as the files given one by one (a folder names its files relative to itself)
    by_name = jsonl(run("extract", docs / "a_report.txt", docs / "b_news.txt").stdout)
    assert rows == [{**row, "doc": Path(row["doc"]).name} for row in by_name]
    lines = errors(r.stderr)
    assert len(lines) == 1 and "c_empty.txt" in lines[0], r.stderr


def test_folder_with_a_binary_file(docs: Path) -> None:
    (docs / "c_binary.txt").write_bytes(bytes(range(256)) * 8 + b"\x00\x00\xff\xfe")
    r = run("extract", docs)
    assert r.returncode == 1
    assert {Path(row["doc"]).name for row in jsonl(r.stdout)} == {"a_report.txt", "b_news.txt"}
    lines = errors(r.stderr)
    assert len(lines) == 1 and "c_binary.txt" in lines[0], r.stderr


def test_every_bad_file_gets_its_own_line(docs: Path) -> None:
    (docs / "c_empty.txt").write_bytes(b"")
    (docs / "d_binary.txt").write_bytes(b"\x00\x01\x02\x03" * 200)
    for fmt in ("jsonl", "json", "csv"):
        r = run("extract", "-f", fmt, docs)
        assert r.returncode == 1, fmt
        lines = errors(r.stderr)
        assert len(lines) == 2, (fmt, r.stderr)
        assert "c_empty.txt" in lines[0] and "d_binary.txt" in lines[1], r.stderr
        assert "a_report.txt" in r.stdout and "b_news.txt" in r.stdout


def test_same_named_files_in_a_tree_get_distinct_docs(tmp_path: Path) -> None:
    # a report collection laid out by place and year: every file is 2024.md
    for place in ("云岭市", "石港市"):
        (tmp_path / "reports" / place).mkdir(parents=True)
        (tmp_path / "reports" / place / "2024.md").write_text(REPORT.replace("云岭市", place), encoding="utf-8")
    for fmt in ("jsonl", "csv"):
        r = run("extract", "-f", fmt, "reports", cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        rows = jsonl(r.stdout) if fmt == "jsonl" else list(csv.DictReader(io.StringIO(r.stdout)))
        assert {row["doc"] for row in rows} == {"云岭市/2024.md", "石港市/2024.md"}  # relative to the folder given
    r = run("extract", "-f", "table", "reports", cwd=tmp_path)
    assert "云岭市/2024.md" in r.stdout and "石港市/2024.md" in r.stdout


def test_missing_path(tmp_path: Path) -> None:
    r = run("extract", tmp_path / "no_such_file.txt")
    assert r.returncode != 0
    assert "no_such_file.txt" in r.stderr
    assert not r.stdout.strip()


# ---------------------------------------------------------------------------
# --date, --region, --jobs


def test_date_override(tmp_path: Path) -> None:
    path = tmp_path / "undated.txt"
    path.write_text(UNDATED, encoding="utf-8")
    spring = jsonl(run("extract", "--date", "2025-03-01", path).stdout)
    autumn = jsonl(run("extract", "--date", "2025-11-30", path).stdout)
    assert spring and len(spring) == len(autumn)
    assert {r["period"] for r in spring} == {"2024"}   # a spring report looks back on last year
    assert {r["period"] for r in autumn} == {"2025"}   # a year-end report on its own year
    assert {r["kind"] for r in spring} == {"actual"}


def test_bad_date_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "undated.txt"
    path.write_text(UNDATED, encoding="utf-8")
    r = run("extract", "--date", "yesterday", path)
    assert r.returncode != 0
    assert not jsonl(r.stdout)


def test_region_override(tmp_path: Path) -> None:
    path = tmp_path / "undated.txt"
    path.write_text(UNDATED, encoding="utf-8")
    plain = jsonl(run("extract", path).stdout)
    assert plain and {r["region"] for r in plain} == {None}
    named = jsonl(run("extract", "--region", "云岭市", path).stdout)
    assert {r["region"] for r in named} == {"云岭市"}
    assert [(r["start"], r["end"], r["value"]) for r in named] == [(r["start"], r["end"], r["value"]) for r in plain]


def test_region_override_keeps_sub_units(tmp_path: Path) -> None:
    from planwatch.extract import places
    if places.rg is None:
        pytest.skip("planwatch/extract/regions.py has not landed")
    path = tmp_path / "qujing.txt"
    path.write_text("全市地区生产总值增长5.8%。陆良县地区生产总值增长6.1%。\n", encoding="utf-8")
    rows = jsonl(run("extract", "--region", "曲靖市", path).stdout)
    assert [r["region"] for r in rows] == ["曲靖市", "陆良县"]


def test_jobs_two_same_as_one(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(6):
        (folder / f"r{i}.txt").write_text(REPORT.replace("5.8", f"5.{i}"), encoding="utf-8")
        (folder / f"n{i}.txt").write_text(NEWS.replace("7.1", f"7.{i}"), encoding="utf-8")
    (folder / "z_empty.txt").write_bytes(b"")
    one = run("extract", "--jobs", "1", folder)
    two = run("extract", "--jobs", "2", folder)
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr
    assert len(jsonl(one.stdout)) >= 12 * 3


# ---------------------------------------------------------------------------
# planwatch text


def _check_text_command(path: Path, expected_text: str) -> None:
    r = subprocess.run(
        [sys.executable, "-c", "from planwatch.cli import main; main()", "text", str(path)],
        capture_output=True, env=dict(os.environ, PYTHONIOENCODING="utf-8"), timeout=300,
    )
    assert r.returncode == 0, r.stderr.decode("utf-8", "replace")
    printed = r.stdout.decode("utf-8")
    assert printed == expected_text
    rows = jsonl(run("extract", path).stdout)
    assert rows
    for row in rows:
        assert printed[row["start"]:row["end"]] in row["surface"]
        assert any(ch.isdigit() for ch in printed[row["start"]:row["end"]]) or row["measure"] == "relation"


def test_text_of_a_gb18030_file(tmp_path: Path) -> None:
    path = tmp_path / "gb.txt"
    path.write_bytes(REPORT.encode("gb18030"))
    _check_text_command(path, REPORT)
    rows = jsonl(run("extract", path).stdout)
    assert [(r["start"], r["end"]) for r in rows] == [(r["start"], r["end"]) for r in jsonl(run("extract", _utf8_copy(tmp_path)).stdout)]


def _utf8_copy(tmp_path: Path) -> Path:
    p = tmp_path / "utf8.txt"
    p.write_text(REPORT, encoding="utf-8")
    return p


def test_text_of_a_crlf_file(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    text = REPORT.replace("\n", "\r\n")
    path.write_bytes(text.encode("utf-8"))
    _check_text_command(path, text)
    r = subprocess.run([sys.executable, "-c", "from planwatch.cli import main; main()", "text", str(path)],
                       capture_output=True, timeout=300)
    assert b"\r\n" in r.stdout  # the line ends are kept: offsets count the \r


def test_text_of_a_broken_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    r = run("text", path)
    assert r.returncode == 1
    assert "empty.txt" in r.stderr
    assert r.stdout == ""


# ---------------------------------------------------------------------------
# planwatch context, --explain


def test_context_prints_the_documents_date_region_and_sections(docs: Path) -> None:
    r = run("context", docs / "a_report.txt", "--format", "json")
    assert r.returncode == 0, r.stderr
    ctx = json.loads(r.stdout)
    assert ctx["date"] == "2025-01-18" and ctx["region"] == "云岭市"
    assert [s["heading"] for s in ctx["sections"] if s["heading"]][:2] == ["一、2024年工作回顾", "二、2025年主要预期目标"]
    table = run("context", docs / "a_report.txt")
    assert table.returncode == 0 and "2025-01-18" in table.stdout and "一、2024年工作回顾" in table.stdout
    over = json.loads(run("context", docs / "b_news.txt", "-f", "json", "--date", "2024-07-20",
                          "--region", "澜江市").stdout)
    assert over["date"] == "2024-07-20" and over["region"] == "澜江市"


def test_explain_shows_why_and_json_always_carries_it(docs: Path) -> None:
    rows = jsonl(run("extract", docs / "a_report.txt").stdout)
    assert rows and all(r["why"] for r in rows)
    plain = run("extract", "-f", "table", "a_report.txt", cwd=docs).stdout
    explained = run("extract", "-f", "table", "--explain", "a_report.txt", cwd=docs).stdout
    assert "┃ why " not in plain and "┃ why " in explained and "一、2024年工作回顾" in explained
