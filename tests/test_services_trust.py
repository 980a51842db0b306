"""Numbers a user can trust, tried as a new user would: the examples' planted disagreements are
listed and never confirmed; fact ids survive re-extraction; same-named files stay apart; one
target stated two ways is one target; readable outputs hide junk rows unless asked; a file put
back to an earlier content is current again; `extract` and `ingest` give the same facts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import fake_extract

from planwatch import services
from planwatch.analyse.agree import consistent
from planwatch.errors import NothingStoredError
from planwatch.model import Document, Fact
from planwatch.services import Query

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("demo") / "demo.db")
    services.demo(db)
    return db


def _never_confirmed_when_different(db: str) -> None:
    for s in services.corroboration(db):
        if s.status == "confirmed":
            vals = [x for x in s.sources if x.value is not None]
            assert all(consistent(a, b) for a in vals for b in vals), s


def test_the_examples_planted_disagreements_are_listed_and_never_confirmed(demo_db: str) -> None:
    found = {(c.key.indicator, tuple(v.value for v in c.variants)) for c in services.conflicts(demo_db)}
    assert ("规模以上工业增加值", (7.1, 7.2)) in found
    assert ("新增规模以上工业企业", (186.0, 190.0)) in found
    status = {(s.key.indicator, s.key.measure): s.status for s in services.corroboration(demo_db)}
    assert status[("新增规模以上工业企业", "level")] == "conflicting"
    _never_confirmed_when_different(demo_db)


def test_demo_stores_the_three_examples_not_their_readme(demo_db: str) -> None:
    names = sorted(d.name for d in services.documents(demo_db))
    assert names == ["lanjiang_2025_news.html", "lanjiang_2025_work_report.txt", "qingshi_2025_plan_report.txt"]
    # the .txt reports give their date in a dateline: it is stored and shown
    assert all(d.date for d in services.documents(demo_db))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not here (development sets only)")
def test_the_seeds_disagreements_are_listed(tmp_path: Path) -> None:
    db = str(tmp_path / "seeds.db")
    services.ingest([SEEDS], db)
    found = {(c.key.indicator, c.key.measure) for c in services.conflicts(db)}
    assert {("地方一般公共预算收入", "growth"), ("技术合同成交额", "growth"), ("项目竣工投产", "level"),
            ("项目开工建设", "level"), ("上级财政性资金", "level")} <= found
    _never_confirmed_when_different(db)


def test_fact_ids_survive_reextraction(tmp_path: Path) -> None:
    db = str(tmp_path / "ids.db")
    services.demo(db)
    before = {(f.doc, f.start, f.end, f.indicator): f.id for f in services.query_facts(db)}
    assert len(set(before.values())) == len(before)
    services.reextract(db)
    after = {(f.doc, f.start, f.end, f.indicator): f.id for f in services.query_facts(db)}
    assert after == before
    # a second database of the same files gives the same ids: an id names a figure, not a row
    other = str(tmp_path / "other.db")
    services.demo(other)
    assert {f.id for f in services.query_facts(other)} == set(before.values())


def test_same_named_files_are_different_documents(tmp_path: Path, corpus: Path) -> None:
    tree = tmp_path / "reports"
    for place in ("甲地", "乙地"):
        (tree / place).mkdir(parents=True)
        shutil.copy(corpus / "report_2024.txt", tree / place / "2024.txt")
    (tree / "乙地" / "2024.txt").write_text((corpus / "report_2024.txt").read_text(encoding="utf-8")
                                           .replace("5.2%", "5.3%"), encoding="utf-8")
    db = str(tmp_path / "tree.db")
    report = services.ingest([tree], db, extractor=fake_extract)
    assert len(report.added) == 2
    docs = {f.doc for f in services.query_facts(db)}
    assert docs == {"甲地/2024.txt", "乙地/2024.txt"}  # relative to the folder given, as the gold names files
    # two documents, so the differing GDP growth is a conflict between them
    assert [c.key.indicator for c in services.conflicts(db)] == ["地区生产总值"]
    rows = services.export_rows(db).items
    assert {r["doc"] for r in rows} == docs


def _two_ways(doc: Document, *, date: str | None = None, region: str | None = None) -> list[Fact]:
    """A CPI target in prose (a growth) and in a plan table (a level in %), and one junk row."""
    common: dict = {"doc": doc.name, "kind": "target", "indicator": "居民消费价格", "value": 2.0, "unit": "%",
                    "qualifier": "about", "region": "石港市", "period": "2025", "tier": "A"}
    if "表" in doc.text:
        return [Fact(start=3, end=4, surface="2%左右", measure="level", **common),
                Fact(doc=doc.name, start=10, end=12, surface="45天", kind="actual", indicator="用", measure="level",
                     value=45.0, unit="天", qualifier="exact", region="石港市", period="2024"),
                Fact(doc=doc.name, start=14, end=17, surface="112个", kind="actual",
                     indicator="重点项目获银行授信金额", measure="level", value=112.0, unit="个", qualifier="exact",
                     region="石港市", period="2024")]
    return [Fact(start=0, end=1, surface="2%左右", measure="growth", **common)]


def test_one_target_in_prose_and_in_a_table_is_one_target(tmp_path: Path) -> None:
    (tmp_path / "prose.txt").write_text("居民消费价格涨幅2%左右。\n", encoding="utf-8")
    (tmp_path / "table.txt").write_text("附表：指标 2%左右 用时45天 授信112个\n", encoding="utf-8")
    db = str(tmp_path / "cpi.db")
    services.ingest([tmp_path / "prose.txt", tmp_path / "table.txt"], db, extractor=_two_ways)
    lines = services.scorecard(db, Query(period="2025")).items
    cpi = [ln for ln in lines if ln.indicator == "居民消费价格"]
    assert [(ln.measure, ln.parts) for ln in cpi] == [("growth", 1)]
    assert len(cpi[0].target_sources) == 2


def test_readable_outputs_hide_junk_rows_unless_asked(tmp_path: Path) -> None:
    (tmp_path / "table.txt").write_text("附表：指标 2%左右 用时45天 授信112个\n", encoding="utf-8")
    db = str(tmp_path / "junk.db")
    services.ingest([tmp_path / "table.txt"], db, extractor=_two_ways)
    shown = services.panel(db, Query(period="2024"))
    assert shown.items.columns == () and shown.hidden == 2
    every = services.panel(db, Query(period="2024"), all_rows=True)
    assert set(every.items.columns) == {"用|level", "重点项目获银行授信金额|level"} and every.hidden == 0
    table = services.plan_table(db, period="2025")
    assert [r.indicator for r in table.items.rows] == ["居民消费价格"] and table.hidden == 2
    assert len(services.query_facts(db)) == 3   # listings show every fact: the bar is for reading


def test_an_empty_panel_is_an_error_not_an_empty_file(tmp_path: Path, corpus: Path) -> None:
    db = str(tmp_path / "p.db")
    services.ingest([corpus], db, extractor=fake_extract)
    out = tmp_path / "panel.csv"
    with pytest.raises(NothingStoredError):
        services.export(db, "csv", out, Query(kind="target", period="1999"), layout="panel")
    assert not out.exists()
    assert services.export(db, "csv", out, Query(kind="target"), layout="panel").items == 1  # 石港市 2024
    assert out.read_text(encoding="utf-8").startswith("region,period,")


def test_a_file_put_back_to_earlier_content_is_current_again(tmp_path: Path, corpus: Path) -> None:
    db = str(tmp_path / "v.db")
    news = corpus / "news_2024.txt"
    first = news.read_text(encoding="utf-8")
    services.ingest([news], db, extractor=fake_extract)
    news.write_text(first.replace("5.7%", "5.9%"), encoding="utf-8")
    services.ingest([news], db, extractor=fake_extract)
    news.write_text(first, encoding="utf-8")
    report = services.ingest([news], db, extractor=fake_extract)
    assert report.restored == [str(news)]
    values = {f.value for f in services.query_facts(db, Query(indicator="地区生产总值"))}
    assert values == {5.7}
    assert [d.version for d in services.documents(db)] == [1]


def test_a_copy_of_an_old_version_keeps_its_facts(tmp_path: Path, corpus: Path) -> None:
    db = str(tmp_path / "c.db")
    news = corpus / "news_2024.txt"
    first = news.read_text(encoding="utf-8")
    services.ingest([news], db, extractor=fake_extract)
    news.write_text(first.replace("5.7%", "5.9%"), encoding="utf-8")
    services.ingest([news], db, extractor=fake_extract)
    copy = tmp_path / "copy_of_old.txt"
    copy.write_text(first, encoding="utf-8")   # another file, the content of news' first version
    services.ingest([copy], db, extractor=fake_extract)
    live = {(f.doc, f.value) for f in services.query_facts(db, Query(indicator="地区生产总值"))}
    assert live == {(str(news), 5.9), (str(copy), 5.7)}


def test_a_second_identical_bad_file_is_failed_not_already_stored(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(b"\x00\x01\x02" * 50)
    report = services.ingest([tmp_path], str(tmp_path / "x.db"))
    assert sorted(Path(p).name for p, _ in report.failed) == ["a.txt", "b.txt"] and not report.skipped


def test_extract_and_ingest_give_the_same_facts(tmp_path: Path) -> None:
    from planwatch.services.demo import example_files
    db = str(tmp_path / "same.db")
    files = example_files()
    services.ingest(files, db)
    stored = sorted((f.doc, f.start, f.end, f.kind.value, f.period, f.region, f.indicator, f.value)
                    for f in services.query_facts(db))
    printed = sorted((f.doc, f.start, f.end, f.kind.value, f.period, f.region, f.indicator, f.value)
                     for r in services.extract_files(files) for f in r.facts)
    assert stored == printed
