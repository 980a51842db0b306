"""Reliability on SQLite: two writers at once, and a writer killed mid-transaction."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import fake_extract

from planwatch import services
from planwatch.model import Document
from planwatch.store import repo
from planwatch.store.db import open_db

TESTS = Path(__file__).resolve().parent

SCRIPT = """
import sys
sys.path.insert(0, {tests!r})
from conftest import fake_extract
from planwatch import services
import os, time
from pathlib import Path
from planwatch.services import ingestion as ingest_mod
sleep, mark = os.environ.get("SLEEP_IN_TXN"), os.environ.get("MARK_IN_TXN")
if sleep:  # hold each document's write transaction open after its rows are written
    write = ingest_mod._write_document
    def slow_write(*a, **kw):
        status = write(*a, **kw)
        if mark:
            Path(mark).write_text(str(os.getpid()))
        time.sleep(float(sleep))
        return status
    ingest_mod._write_document = slow_write
r = services.ingest(sys.argv[2:], sys.argv[1], extractor=fake_extract)
print(len(r.added), len(r.skipped), len(r.failed))
"""


def _corpus(root: Path, n: int) -> list[Path]:
    root.mkdir()
    out = []
    for i in range(n):
        p = root / f"doc_{i:03d}.txt"
        p.write_text(f"石港市第{i}号文件（虚构）\n"
                     f"2023年实绩：地区生产总值增长{i % 7}.{i % 10}%，新建项目达到{i + 10}个。\n"
                     f"2024年目标：地区生产总值增长{i % 5 + 5}%左右。\n" + "港口建设稳步推进。" * 50 + "\n",
                     encoding="utf-8")
        out.append(p)
    return out


def _spawn(db: str, files: list[Path], env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", SCRIPT.format(tests=str(TESTS)), db, *map(str, files)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})


def _check_consistent(db: str, files: list[Path]) -> int:
    """Integrity ok; every stored document whole (its facts and passages all there); the
    series table equals a recomputation from the facts. Returns the document count."""
    d = open_db(db)
    by_name = {str(p): p for p in files}
    with d.read() as conn:
        assert repo.sqlite_integrity(conn) == "ok"
        docs = repo.list_documents(conn)
        for info in docs:
            text = by_name[info.name].read_text(encoding="utf-8")
            want = fake_extract(Document(name=info.name, text=text))
            got = repo.query_facts(conn, repo.FactFilter(document_id=info.id))
            assert len(got) == len(want), info.name
            assert conn.exec_driver_sql("SELECT count(*) FROM passages WHERE document_id = ?",
                                        (info.id,)).scalar() == len(text.strip().split("\n"))
        before = conn.exec_driver_sql("SELECT * FROM series ORDER BY key").all()
        n_pass = conn.exec_driver_sql("SELECT count(*) FROM passages").scalar()
        n_fts = conn.exec_driver_sql("SELECT count(*) FROM passages_fts").scalar()
        assert n_pass == n_fts
        orphans = conn.exec_driver_sql("SELECT count(*) FROM facts WHERE document_id NOT IN "
                                       "(SELECT id FROM documents)").scalar()
        assert orphans == 0
    with d.write() as conn:
        keys = list(conn.exec_driver_sql("SELECT DISTINCT series FROM facts").scalars())
        repo.refresh_series(conn, keys)
        after = conn.exec_driver_sql("SELECT * FROM series ORDER BY key").all()
    assert before == after
    d.close()
    return len(docs)


def test_two_processes_ingesting_at_once_lose_nothing(tmp_path: Path) -> None:
    files = _corpus(tmp_path / "c", 40)
    db = str(tmp_path / "shared.db")
    a = _spawn(db, files)
    b = _spawn(db, list(reversed(files)))
    outs = [p.communicate(timeout=120) for p in (a, b)]
    assert a.returncode == 0 and b.returncode == 0, outs
    added = [int(o[0].split()[0]) for o in outs]
    assert sum(added) == 40  # each document stored by exactly one of them
    assert _check_consistent(db, files) == 40
    assert services.stats(db)["documents"] == 40


@pytest.mark.slow
def test_killed_mid_ingest_leaves_a_consistent_db_and_rerun_completes(tmp_path: Path) -> None:
    files = _corpus(tmp_path / "c", 12)
    db = str(tmp_path / "killed.db")
    mark = tmp_path / "in-transaction"
    p = _spawn(db, files, {"SLEEP_IN_TXN": "0.4", "MARK_IN_TXN": str(mark)})
    deadline = time.time() + 60
    while not mark.exists():
        assert p.poll() is None, p.communicate()
        assert time.time() < deadline
        time.sleep(0.02)
    time.sleep(1.0)  # a couple of documents committed, one more half-written
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    stored = _check_consistent(db, files)
    assert 0 < stored < 12
    again = services.ingest(files, db, extractor=fake_extract)
    assert len(again.skipped) == stored and len(again.added) == 12 - stored and not again.failed
    assert _check_consistent(db, files) == 12
