"""benchmarks/fact_diff.py: every fact of a corpus before and after a change, compared field by field."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import fact_diff as FD  # noqa: E402


def _write(path: Path, rows: list[tuple[str, list[dict]]]) -> Path:
    path.write_text("".join(json.dumps({"doc": d, "facts": fs}, ensure_ascii=False) + "\n" for d, fs in rows),
                    encoding="utf-8")
    return path


def _fact(start: int, end: int, **fields: object) -> dict:
    base = {"start": start, "end": end, "indicator": "地区生产总值", "tier": "A", "kind": "actual", "period": "2023",
            "region": "云岭市", "value": 5.5, "unit": "%", "qualifier": "exact", "duplicate": False}
    return {**base, **fields}


def test_compare_counts_added_removed_and_each_field(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.jsonl", [("r.txt", [_fact(0, 3), _fact(10, 13), _fact(20, 22)])])
    b = _write(tmp_path / "b.jsonl", [("r.txt", [_fact(0, 3, tier="B", indicator="县域地区生产总值"),
                                                 _fact(10, 13, period="2024"), _fact(30, 33)])])
    added, removed, changed = FD.compare(FD.load(a), FD.load(b))
    assert added == [("r.txt", 30, 33)] and removed == [("r.txt", 20, 22)]
    assert changed["tier"] == changed["indicator"] == [("r.txt", 0, 3)]
    assert changed["period"] == [("r.txt", 10, 13)] and changed["value"] == []
    assert "added 1, removed 1" in FD.summary(FD.load(a), FD.load(b), added, removed, changed)


def test_dump_writes_the_engines_facts_of_every_document(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    texts = {"a.txt": "一、2023年工作回顾\n全市地区生产总值增长5.5%。", "b.txt": "二、2024年工作安排\n新建学校12所。"}
    for name, text in texts.items():
        (docs / name).write_text(text, encoding="utf-8")
    out = tmp_path / "dump.jsonl"
    FD.dump(out, sorted(docs.iterdir()), docs, jobs=2)
    facts = FD.load(out)
    assert {k[0] for k in facts} == set(texts)
    for (doc, start, end), f in facts.items():
        assert texts[doc][start:end] in f["surface"]  # offsets point at the characters in the document
    assert not (tmp_path / "dump.jsonl.partial").exists()
