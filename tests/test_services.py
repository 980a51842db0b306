"""Services on both backends: ingest (dedupe, versions, bad files), corrections, analyses."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from conftest import CITY, better_extract, exploding_extract, fake_extract

from planwatch import services
from planwatch.errors import NotFoundError, PlanwatchError, UsageError
from planwatch.services import Query, Settings


def _ingest(paths, db, **kw):
    return services.ingest(paths, db, extractor=kw.pop("extractor", fake_extract), **kw)


def _one(db: str, indicator: str, **kw) -> services.StoredFact:
    got = services.query_facts(db, Query(indicator=indicator, **kw)).items
    assert len(got) == 1, got
    return got[0]


def _doc(corpus: Path, name: str) -> str:
    """A document's name: its path relative to the folder given to ingest."""
    return name


def test_ingest_twice_adds_nothing(db_url: str, corpus: Path) -> None:
    first = _ingest([corpus], db_url)
    assert len(first.added) == 3 and not first.failed and first.facts == 9
    before = services.stats(db_url)
    second = _ingest([corpus], db_url)
    assert second.added == [] and len(second.skipped) == 3
    assert services.stats(db_url) == before
    # The same content under another name is the same document.
    copy = corpus.parent / "copy.txt"
    copy.write_bytes((corpus / "news_2024.txt").read_bytes())
    assert _ingest([copy], db_url).skipped == [str(copy)]
    assert services.stats(db_url) == before


def test_changed_file_is_a_new_version(db_url: str, corpus: Path) -> None:
    _ingest([corpus], db_url)
    news = corpus / "news_2024.txt"
    old = _one(db_url, "地区生产总值", kind="actual", period="2024")
    news.write_text(news.read_text(encoding="utf-8").replace("5.7%", "5.8%"), encoding="utf-8")
    report = _ingest([corpus], db_url)
    assert report.versions == [str(news)] and len(report.skipped) == 2
    new = _one(db_url, "地区生产总值", kind="actual", period="2024")
    assert new.value == 5.8 and new.id != old.id
    every = services.query_facts(db_url, Query(indicator="地区生产总值", period="2024", kind="actual",
                                               include_superseded=True))
    assert {(f.value, f.superseded) for f in every} == {(5.7, True), (5.8, False)}
    docs = services.documents(db_url, current_only=False)
    versions = sorted((d.version, d.current) for d in docs if d.name == _doc(corpus, "news_2024.txt"))
    assert versions == [(1, False), (2, True)]


def test_bad_files_are_reported_and_never_stored(db_url: str, corpus: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "blank.txt").write_text("  \n\n ", encoding="utf-8")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 8)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document>" + "甲" * 2000 + "</w:document>")
    (bad / "truncated.docx").write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    missing = bad / "missing.txt"
    report = _ingest([corpus, bad, missing], db_url)
    assert sorted(Path(p).name for p, _ in report.failed) == [
        "binary.txt", "blank.txt", "empty.txt", "missing.txt", "truncated.docx"]
    assert all(reason for _, reason in report.failed)
    assert len(report.added) == 3
    assert {d.name for d in services.documents(db_url)} == {
        _doc(corpus, n) for n in ("report_2024.txt", "bulletin_2023.txt", "news_2024.txt")}


def test_engine_errors_fail_one_file_only(db_url: str, corpus: Path) -> None:
    (corpus / "boom.txt").write_text("2024年目标：爆炸增长1%。\n", encoding="utf-8")
    report = _ingest([corpus], db_url, extractor=exploding_extract)
    assert [(Path(p).name, "RuntimeError" in r) for p, r in report.failed] == [("boom.txt", True)]
    assert len(report.added) == 3


def test_fact_outside_the_text_is_refused(db_url: str, corpus: Path) -> None:
    from planwatch.model import Fact

    def broken(doc, **kw):
        return [Fact(doc=doc.name, start=0, end=len(doc.text) + 5, surface="", kind="actual", indicator="x",
                     measure="level", value=1.0, unit="个", qualifier="exact", region=None, period=None)]
    report = _ingest([corpus / "news_2024.txt"], db_url, extractor=broken)
    assert report.failed and "outside the text" in report.failed[0][1]
    assert services.stats(db_url)["documents"] == 0


def test_parallel_ingest_matches_serial(tmp_path: Path, corpus: Path) -> None:
    for i in range(6):
        (corpus / f"extra_{i}.txt").write_text(f"石港市第{i}号（虚构）\n2022年实绩：新建项目达到{i + 10}个。\n",
                                               encoding="utf-8")
    serial, parallel = str(tmp_path / "s.db"), str(tmp_path / "p.db")
    a = _ingest([corpus], serial, jobs=1)
    b = _ingest([corpus], parallel, jobs=3)
    assert sorted(a.added) == sorted(b.added) and a.facts == b.facts
    key = lambda f: (f.doc, f.start, f.indicator, f.value)  # noqa: E731
    assert sorted(map(key, services.query_facts(serial))) == sorted(map(key, services.query_facts(parallel)))


def test_conflicts_scorecard_corroboration(db_url: str, corpus: Path) -> None:
    _ingest([corpus], db_url)
    found = services.conflicts(db_url)
    by_ind = {c.key.indicator: c for c in found}
    assert set(by_ind) == {"地方一般公共预算收入", "新建项目"}
    assert [v.value for v in by_ind["地方一般公共预算收入"].variants] == [1.0, 1.5]
    assert set(by_ind["新建项目"].docs) == {_doc(corpus, "report_2024.txt"), _doc(corpus, "bulletin_2023.txt")}
    # a count differs when it differs: no tolerance makes 95 and 120 projects agree
    wide = services.conflicts(db_url, Query(indicator="新建项目"), settings=Settings(conflict_relative=1.0))
    assert [(c.rule, c.severity) for c in wide] == [("count", "major")]
    lines = services.scorecard(db_url, Query(region=CITY, period="2024"))
    verdicts = {(ln.indicator, ln.verdict) for ln in lines}
    assert ("地区生产总值", "met") in verdicts or ("地区生产总值", "missed") in verdicts
    gdp = next(ln for ln in lines if ln.indicator == "地区生产总值")
    assert gdp.target_value == 6.0 and gdp.actual_value == 5.7 and gdp.verdict == "met"  # 6%左右 ± 0.5
    ind = next(ln for ln in lines if ln.indicator == "规模以上工业增加值")
    assert ind.verdict == "met" and ind.actual_value == 7.4
    strict = services.scorecard(db_url, Query(region=CITY, period="2024"), settings=Settings(tolerance_points=0.1))
    assert strict[0].verdict == "missed"
    statuses = {s.key.indicator: s.status for s in services.corroboration(db_url)}
    assert statuses["地方一般公共预算收入"] == "conflicting"


def test_fix_is_audited(db_url: str, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("USER", "审核员甲")
    _ingest([corpus], db_url)
    f = _one(db_url, "地方一般公共预算收入", doc=_doc(corpus, "bulletin_2023.txt"))
    fixed = services.fix(db_url, f.id, {"value": 1.5, "period": "2023"}, note="per the official report")
    assert fixed.value == 1.5 and fixed.status == "corrected"
    trail = services.history(db_url, f.id)
    assert [(c.action, c.field, c.old_value, c.new_value) for c in trail] == [
        ("fix", "value", 1.0, 1.5), ("fix", "period", "2023", "2023")]
    assert all(c.author == "审核员甲" and c.note == "per the official report" and c.created_at for c in trail)
    # The two documents now agree: no conflict left on that series.
    assert "地方一般公共预算收入" not in {c.key.indicator for c in services.conflicts(db_url)}
    with pytest.raises(NotFoundError):
        services.fix(db_url, "aaaaaaaaaaaa", {"value": 1})
    with pytest.raises(UsageError):
        services.fix(db_url, f.id, {"surface": "x"})


def test_reject_confirm_and_add(db_url: str, corpus: Path) -> None:
    _ingest([corpus], db_url)
    f = _one(db_url, "新建项目", doc=_doc(corpus, "bulletin_2023.txt"))
    services.reject(db_url, f.id, author="乙", note="a count of buildings, not projects")
    assert services.query_facts(db_url, Query(indicator="新建项目")).items != []
    assert all(x.id != f.id for x in services.query_facts(db_url, Query(indicator="新建项目")))
    assert "新建项目" not in {c.key.indicator for c in services.conflicts(db_url)}
    g = _one(db_url, "地区生产总值", doc=_doc(corpus, "news_2024.txt"))
    assert services.confirm(db_url, g.id).status == "confirmed"
    text = (corpus / "bulletin_2023.txt").read_text(encoding="utf-8")
    at = text.index("港口货物吞吐量")
    added = services.add_fact(db_url, _doc(corpus, "bulletin_2023.txt"), {
        "start": at, "end": at + 7, "kind": "actual", "indicator": "港口货物吞吐量", "measure": "relation",
        "value": None, "unit": None, "qualifier": "above", "region": CITY, "period": "2023"}, author="丙")
    assert added.origin == "user" and added.surface == "港口货物吞吐量" and "再创新高" in added.evidence
    assert [c.action for c in services.history(db_url)] == ["reject", "confirm", "add"]
    with pytest.raises(PlanwatchError):
        services.add_fact(db_url, _doc(corpus, "bulletin_2023.txt"), {
            "start": 0, "end": 10_000, "kind": "actual", "indicator": "x", "measure": "level"})


def test_corrections_survive_reextraction(db_url: str, corpus: Path) -> None:
    _ingest([corpus], db_url)
    f = _one(db_url, "地方一般公共预算收入", doc=_doc(corpus, "bulletin_2023.txt"))
    services.fix(db_url, f.id, {"value": 1.5}, author="甲")
    r = _one(db_url, "新建项目", doc=_doc(corpus, "report_2024.txt"))
    services.reject(db_url, r.id)
    text = (corpus / "bulletin_2023.txt").read_text(encoding="utf-8")
    at = text.index("港口货物吞吐量")
    user = services.add_fact(db_url, _doc(corpus, "bulletin_2023.txt"), {
        "start": at, "end": at + 7, "kind": "actual", "indicator": "港口货物吞吐量", "measure": "relation",
        "qualifier": "above", "region": CITY, "period": "2023"})
    report = services.reextract(db_url, extractor=better_extract)
    assert not report.failed
    again = _one(db_url, "地方一般公共预算收入", doc=_doc(corpus, "bulletin_2023.txt"))
    # a fact at the same characters keeps its id, even from a changed engine
    assert again.id == f.id and again.value == 1.5 and again.status == "corrected"
    assert services.query_facts(db_url, Query(indicator="新建项目", doc=_doc(corpus, "report_2024.txt"))).items == []
    assert len(services.query_facts(db_url, Query(indicator="新建项目（新口径）"))) == 2  # the new engine's
    assert _one(db_url, "港口货物吞吐量").id == user.id
    # The audit trail follows the facts.
    assert [c.new_value for c in services.history(db_url, again.id)] == [1.5]
    assert services.history(db_url, again.id)[0].to_dict()["fact_id"] == f.id


def test_corrections_follow_a_new_version(db_url: str, corpus: Path) -> None:
    _ingest([corpus], db_url)
    f = _one(db_url, "地方一般公共预算收入", doc=_doc(corpus, "bulletin_2023.txt"))
    services.fix(db_url, f.id, {"value": 1.2}, note="revised figure")
    path = corpus / "bulletin_2023.txt"
    path.write_text("（修订版）\n" + path.read_text(encoding="utf-8") + "附注：数据为初步统计。\n", encoding="utf-8")
    assert _ingest([path], db_url).versions == [str(path)]
    # the same file (one source, by its resolved path), now named as it was given: its full path
    now = _one(db_url, "地方一般公共预算收入", doc=str(path))
    assert now.id != f.id and now.value == 1.2 and now.start == f.start + len("（修订版）\n")


def test_search_returns_passages_with_facts(db_url: str, corpus: Path) -> None:
    _ingest([corpus], db_url)
    hits = services.search(db_url, "地区生产总值增长")
    assert {h.doc for h in hits} == {_doc(corpus, "report_2024.txt"), _doc(corpus, "news_2024.txt")}
    for h in hits:
        assert "地区生产总值增长" in h.passage and h.facts
        assert all(h.start <= f.start and f.end <= h.end for f in h.facts)
    assert [h.doc for h in services.search(db_url, "北斗")] == [_doc(corpus, "report_2024.txt")]
    # several words: all of them, in any order
    assert [h.doc for h in services.search(db_url, "投产 北斗")] == [_doc(corpus, "report_2024.txt")]
    assert services.search(db_url, "北斗 统计公报") == []
    with pytest.raises(PlanwatchError):
        services.search(db_url, "  ")


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet", "json", "jsonl"])
def test_export_formats(db_url: str, corpus: Path, tmp_path: Path, fmt: str) -> None:
    _ingest([corpus], db_url)
    out = tmp_path / f"facts.{fmt}"
    n = services.export(db_url, fmt, out, Query(region=CITY)).items
    assert n == 9 and out.stat().st_size > 0
    if fmt == "json":
        rows = json.loads(out.read_text(encoding="utf-8"))
        assert len(rows) == 9 and rows[0]["doc_sha256"] and list(rows[0])[:3] == ["doc", "start", "end"]
    if fmt == "parquet":
        import pyarrow.parquet as pq
        assert pq.read_table(out).num_rows == 9
    if fmt == "xlsx":
        import openpyxl
        assert openpyxl.load_workbook(out).active.max_row == 10


def test_panel_and_plan_table(db_url: str, corpus: Path, tmp_path: Path) -> None:
    _ingest([corpus], db_url)
    rows = services.panel(db_url).items.to_dicts()
    assert {(r["region"], r["period"]) for r in rows} == {(CITY, "2023"), (CITY, "2024")}
    t = services.plan_table(db_url, regions=[CITY], period="2024").items
    table = t.to_dicts()
    gdp = next(r for r in table if r["指标"].startswith("地区生产总值"))
    assert gdp["2023年完成"] == "5.2%" and gdp["2024年计划"] == "6%左右"
    assert "地区生产总值" in services.render_table(table, t.headers, "md")
    services.export(db_url, "csv", tmp_path / "panel.csv", layout="panel")
    assert (tmp_path / "panel.csv").read_text(encoding="utf-8").startswith("region,period")
