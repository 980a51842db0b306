"""Hostile and unusual input: one case per defect found by probing (issue 7), each bounded to a
few seconds. The goal for each: it finishes in under 5 s with bounded memory and output, the good
files of the same folder are all stored, errors are one line each.

Two defects are the engine's and are tested with it: evidence bounded to a window around the
figure (a line with no punctuation; the case here checks the output size end to end) and the
textview's backtracking on runs of blank lines.
"""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import fake_extract

from planwatch import services
from planwatch.errors import InputError
from planwatch.read import read_file
from planwatch.services import Query

GOOD = "云岭市2025年政府工作报告\n——2025年1月18日\n一、2024年工作回顾\n全市地区生产总值增长5.8%，粮食总产量达到120万吨。\n"
CLI = [sys.executable, "-c", "import sys; from planwatch.cli import main; main(sys.argv[1:])"]


def _cli(*args: str, timeout: float = 60, **kw: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "200"}
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout, env=env, check=False,
                          **kw)  # type: ignore[call-overload]


def _timed(fn, limit: float = 5.0):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    out = fn()
    took = time.perf_counter() - t0
    assert took < limit, f"took {took:.1f}s"
    return out


# 1 ---------------------------------------------------------------- a FIFO or a device in the folder

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_and_device_in_a_folder_do_not_hang_ingest(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    report = _timed(lambda: services.ingest([folder], str(tmp_path / "f.db"), extractor=fake_extract))
    assert report.added == [str(folder / "good.txt")]
    assert sorted((Path(p).name, r) for p, r in report.failed) == [
        ("pipe.txt", "not a regular file (a FIFO, socket or device)"),
        ("zero.txt", "not a regular file (a FIFO, socket or device)")]
    r = _timed(lambda: _cli("extract", str(folder)), limit=20)
    assert r.returncode == 1 and '"doc": "good.txt"' in r.stdout  # named relative to the folder given
    assert len([x for x in r.stderr.splitlines() if "not a regular file" in x]) == 2


# 2 ---------------------------------------------------------------- a .docx that inflates

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
       'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')


def _docx(body_xml: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("word/document.xml", f"<w:document {_W}><w:body>{body_xml}</w:body></w:document>")
    return buf.getvalue()


def test_a_small_docx_that_inflates_to_hundreds_of_megabytes_is_refused_fast(tmp_path: Path) -> None:
    p = tmp_path / "bomb.docx"
    p.write_bytes(_docx("<w:p><w:r><w:t>增长5.8%</w:t></w:r></w:p>" * 2_500_000))   # ~110 MB of XML
    assert p.stat().st_size < 2_000_000
    with pytest.raises(InputError, match="too large when unzipped"):
        _timed(lambda: read_file(p))


def test_a_docx_whose_header_lies_about_its_size_is_refused_fast(tmp_path: Path) -> None:
    data = bytearray(_docx("<w:p><w:r><w:t>" + "甲" * 40_000_000 + "</w:t></w:r></w:p>"))
    # the sizes the zip declares for word/document.xml: 1 KB (local header and central directory)
    for sig, at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        i = 0
        while (i := data.find(sig, i)) >= 0:
            name_len = int.from_bytes(data[i + (26 if sig == b"PK\x03\x04" else 28):][:2], "little")
            name_at = i + (30 if sig == b"PK\x03\x04" else 46)
            if bytes(data[name_at:name_at + name_len]) == b"word/document.xml":
                data[i + at:i + at + 4] = (1024).to_bytes(4, "little")
            i += 4
    p = tmp_path / "liar.docx"
    p.write_bytes(bytes(data))
    with pytest.raises(InputError, match="too large when unzipped|not a valid docx"):
        _timed(lambda: read_file(p))


# 3 ---------------------------------------------------------------- a line with no sentence punctuation

def _long_line(n: int) -> str:
    return "".join(f"第{i}项指标增长{i % 9}.{i % 7}% " for i in range(n))   # no 。 anywhere


def test_a_long_unpunctuated_line_gives_bounded_output(tmp_path: Path) -> None:
    # a figure every 46 characters, no 。 anywhere (each fact's evidence is a window, not the line)
    line = "今年以来全市上下坚持稳中求进工作总基调 规模以上工业增加值增长7.1% 各项事业取得新进展 " * 800
    p = tmp_path / "line.txt"
    p.write_text("云岭市2025年政府工作报告\n——2025年1月18日\n" + line + "\n", encoding="utf-8")
    r = _timed(lambda: _cli("extract", str(p)), limit=20)
    assert r.returncode == 0, r.stderr
    assert len(r.stdout.encode("utf-8")) < 50 * len(line)


def test_a_long_unpunctuated_line_is_read_in_seconds() -> None:
    # each figure reads its clause and sentence back a bounded distance (pipeline.REACH)
    from planwatch import extract_text
    line = _long_line(6_000)   # ~90 K characters
    _timed(lambda: extract_text("云岭市2025年政府工作报告\n——2025年1月18日\n" + line + "\n"))


# 6 ---------------------------------------------------------------- formulas in CSV

FORMULA = '=HYPERLINK("http://example.invalid","点击")全市地区生产总值增长5.8%。\n'


def _cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text)) for c in row]


def _live_formula(cell: str) -> bool:
    return cell[:1] in ("=", "+", "@", "\t", "\r") or (cell.startswith("-") and not cell.startswith("- ")
                                                         and not cell.lstrip("-").replace(".", "").isdigit())


def test_csv_never_carries_a_live_formula(tmp_path: Path) -> None:
    p = tmp_path / "formula.txt"
    p.write_text(GOOD + FORMULA + "- 新建5G基站1500个。\n", encoding="utf-8")
    r = _cli("extract", "-f", "csv", str(p))
    assert r.returncode == 0, r.stderr
    cells = _cells(r.stdout)
    assert not [c for c in cells if _live_formula(c)]
    assert any(c.startswith("'=HYPERLINK") for c in cells)       # neutralised, not dropped
    assert any(c.startswith("- 新建5G基站") for c in cells)         # a list item is left as written
    db = str(tmp_path / "f.db")
    services.ingest([p], db)
    for args in (["export", "-f", "csv"], ["facts", "-f", "csv"]):
        out = _cli(*args, "--db", db).stdout
        assert out and not [c for c in _cells(out) if _live_formula(c)], args


# 7 ---------------------------------------------------------------- a file put back (see test_services_trust)

def test_content_put_back_is_current_again(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    db = str(tmp_path / "r.db")
    p.write_text(GOOD, encoding="utf-8")
    services.ingest([p], db)
    p.write_text(GOOD.replace("5.8%", "6.1%"), encoding="utf-8")
    services.ingest([p], db)
    p.write_text(GOOD, encoding="utf-8")
    assert services.ingest([p], db).restored == [str(p)]
    assert {f.value for f in services.query_facts(db, Query(indicator="地区生产总值"))} == {5.8}


# 9 ---------------------------------------------------------------- a bad byte; deep HTML

def test_one_bad_byte_in_a_utf8_file_is_replaced_and_said(tmp_path: Path) -> None:
    data = GOOD.encode("utf-8") * 20
    p = tmp_path / "damaged.txt"
    p.write_bytes(data[:60] + b"\xff" + data[60:])
    doc = read_file(p)
    assert doc.encoding == "utf-8" and "\ufffd" in doc.text and "U+FFFD" in doc.meta["warning"]
    r = _cli("extract", str(p))
    assert r.returncode == 0 and "5.8" in r.stdout
    assert "warning: " in r.stderr and "U+FFFD" in r.stderr


def test_html_nested_past_the_parsers_depth_limit_still_has_its_text(tmp_path: Path) -> None:
    p = tmp_path / "deep.html"
    p.write_text("<html><body>" + "<div>" * 5000 + "<p>全市地区生产总值增长5.8%。</p>" + "</div>" * 5000
                 + "</body></html>", encoding="utf-8")
    assert "增长5.8%" in _timed(lambda: read_file(p)).text


# 10 ---------------------------------------------------------------- Ctrl-C and kill -9 with workers

def _many(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        (folder / f"r{i:03d}.txt").write_text((GOOD + f"第{i}号文件。\n") * 400, encoding="utf-8")


def _workers_of(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=,ppid=", "-A"], capture_output=True, text=True, check=False).stdout
    return [int(a) for a, b in (line.split() for line in out.splitlines()) if int(b) == pid]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    st = Path(f"/proc/{pid}/stat")
    return not (st.exists() and st.read_text().split()[2] == "Z")


def _start(folder: Path, db: str) -> subprocess.Popen[str]:
    def default_sigint() -> None:   # a background job may inherit SIGINT ignored
        signal.signal(signal.SIGINT, signal.SIG_DFL)
    return subprocess.Popen([*CLI, "ingest", str(folder), "--db", db, "--jobs", "2"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=default_sigint)  # noqa: PLW1509 - the test runs no threads of its own


def _wait_for_workers(p: subprocess.Popen[str]) -> list[int]:
    deadline = time.time() + 30
    while time.time() < deadline:
        kids = _workers_of(p.pid)
        if len(kids) >= 2:
            time.sleep(0.5)   # let a document or two be stored
            return kids
        time.sleep(0.05)
    raise AssertionError("no workers started")


@pytest.mark.skipif(sys.platform != "linux", reason="process groups and /proc")
def test_ctrl_c_stops_ingest_with_one_line_and_no_tracebacks(tmp_path: Path) -> None:
    _many(tmp_path / "many", 40)
    db = str(tmp_path / "int.db")
    p = _start(tmp_path / "many", db)
    kids = _wait_for_workers(p)
    os.killpg(p.pid, signal.SIGINT)   # what a terminal does: the whole foreground group
    _, err = p.communicate(timeout=30)
    assert p.returncode == 130
    lines = [x for x in err.splitlines() if ": warning: " not in x]
    assert len(lines) == 1 and lines[0].startswith("planwatch: interrupted: ") and "Traceback" not in err, err
    time.sleep(0.5)
    assert not [k for k in kids if _alive(k)]
    stored = services.stats(db)["documents"]
    again = services.ingest([tmp_path / "many"], db)   # run again to finish
    assert len(again.skipped) == stored and len(again.added) == 40 - stored


@pytest.mark.skipif(sys.platform != "linux", reason="process groups and /proc")
def test_kill_9_of_ingest_leaves_no_workers(tmp_path: Path) -> None:
    _many(tmp_path / "many", 40)
    p = _start(tmp_path / "many", str(tmp_path / "k.db"))
    kids = _wait_for_workers(p)
    os.kill(p.pid, signal.SIGKILL)
    p.communicate(timeout=30)
    deadline = time.time() + 5
    while [k for k in kids if _alive(k)] and time.time() < deadline:
        time.sleep(0.1)
    assert not [k for k in kids if _alive(k)], "workers outlived their parent"


# 11 ---------------------------------------------------------------- file names in error lines

def test_error_lines_escape_file_names_and_carry_the_prefix(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "bad\nname\x1b[2J.txt").write_bytes(b"\x00\x01" * 100)
    r = _cli("ingest", str(folder), "--db", str(tmp_path / "n.db"), "-q")
    assert r.returncode == 1
    lines = [x for x in r.stderr.splitlines() if "binary" in x]
    assert len(lines) == 1 and lines[0].startswith("planwatch: ")
    assert "bad\\nname\\x1b[2J.txt" in lines[0] and "\x1b" not in r.stderr
    r = _cli("extract", str(folder))
    assert "\x1b" not in r.stderr and len([x for x in r.stderr.splitlines() if "binary" in x]) == 1
