"""Scorecard verdicts: case tables of invented facts (云岭市, 青川县 are fictional)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from planwatch.analyse import scorecard, summarise
from planwatch.model import Fact

_pos = iter(range(0, 10**9, 10))


def mk(kind, indicator, value, unit="%", qualifier="exact", *, measure="growth", doc="a.txt",
       region="云岭市", period="2024", surface=None, evidence="", duplicate=False):
    start = next(_pos)
    return Fact(doc=doc, start=start, end=start + 3, surface=surface if surface is not None else f"{value}{unit or ''}",
                kind=kind, indicator=indicator, measure=measure, value=value, unit=unit,
                qualifier=qualifier, region=region, period=period, evidence=evidence, duplicate=duplicate)


def T(*a, **k):
    return mk("target", *a, **k)


def A(*a, **k):
    return mk("actual", *a, doc=k.pop("doc", "r.txt"), **k)


def one(facts, **kw):
    lines = scorecard(facts, **kw)
    assert len(lines) == 1, lines
    return lines[0]


# (label, facts, verdict, gap)
CASES = [
    ("about within 0.5", [T("地区生产总值", 6.0, qualifier="about"), A("地区生产总值", 5.6)], "met", -0.4),
    ("about beyond 0.5", [T("地区生产总值", 7.0, qualifier="about"), A("地区生产总值", 5.7)], "missed", -1.3),
    ("about, exceeded", [T("规模以上工业增加值", 8.0, qualifier="about"), A("规模以上工业增加值", 10.0)], "met", 2.0),
    ("about, edge 0.5", [T("地区生产总值", 6.0, qualifier="about"), A("地区生产总值", 5.5)], "met", -0.5),
    ("at_least missed", [T("地区生产总值", 6.5, qualifier="at_least"), A("地区生产总值", 6.2)], "missed", -0.3),
    ("at_least met", [T("进出口总额", 10.0, qualifier="at_least"), A("进出口总额", 20.0)], "met", 10.0),
    ("at_most CPI met", [T("居民消费价格", 3.0, qualifier="at_most"), A("居民消费价格", 0.4)], "met", -2.6),
    ("at_most CPI missed", [T("居民消费价格", 3.0, qualifier="at_most"), A("居民消费价格", 3.2)], "missed", 0.2),
    ("下降5%以上 met", [T("单位地区生产总值能耗", -5.0, qualifier="at_most"), A("单位地区生产总值能耗", -6.0)], "met", -1.0),
    ("下降5%以上 missed", [T("单位地区生产总值能耗", -5.0, qualifier="at_most"), A("单位地区生产总值能耗", -4.0)], "missed", 1.0),
    ("下降3%以内 met", [T("某项支出", -3.0, qualifier="at_least"), A("某项支出", -2.0)], "met", 1.0),
    ("exact more is better met", [T("B保中心进出口额", 30.0), A("B保中心进出口额", 31.0)], "met", 1.0),
    ("exact more is better missed", [T("B保中心进出口额", 30.0), A("B保中心进出口额", 29.8)], "missed", -0.2),
    ("exact lower is better", [T("城镇登记失业率", 4.5, measure="level"), A("城镇登记失业率", 4.1, measure="level")], "met", -0.4),
    ("exact lower is better missed", [T("城镇登记失业率", 4.5, measure="level"), A("城镇登记失业率", 4.6, measure="level")], "missed", 0.1),
    ("amount about, relative 2%", [T("重点项目投资", 1000.0, "亿元", "about", measure="level"),
                                   A("重点项目投资", 985.0, "亿元", measure="level")], "met", -15.0),
    ("amount about beyond", [T("重点项目投资", 1000.0, "亿元", "about", measure="level"),
                             A("重点项目投资", 950.0, "亿元", measure="level")], "missed", -50.0),
    ("units converted", [T("集体土地征收", 1.3, "万亩", measure="level"), A("集体土地征收", 10400.0, "亩", measure="level")],
     "missed", -0.26),
    ("count at_least", [T("高新技术企业", 1500.0, "家", "at_least", measure="level"),
                        A("高新技术企业", 1510.0, "家", measure="level")], "met", 10.0),
    ("rank at_most", [T("城市创新能力排名", 50.0, "位", "at_most", measure="rank"),
                      A("城市创新能力排名", 37.0, "位", measure="rank")], "met", -13.0),
    ("rank exact lower is better", [T("全国百强城市排名", 37.0, "位", measure="rank"),
                                    A("全国百强城市排名", 39.0, "位", measure="rank")], "missed", 2.0),
    ("no actual", [T("地区生产总值", 6.0, qualifier="about")], "unknown", None),
    ("actual in another unit only", [T("企业", 20.0, "个", measure="level"), A("企业", 25.0, "家", measure="level")],
     "unknown", None),
    ("other period does not count", [T("地区生产总值", 6.0, qualifier="about"), A("地区生产总值", 6.0, period="2023")],
     "unknown", None),
    ("other region does not count", [T("地区生产总值", 6.0, qualifier="about"), A("地区生产总值", 6.0, region="青川县")],
     "unknown", None),
    ("growth actual does not judge a level target", [T("进出口总额", 100.0, "亿元", measure="level"),
                                                     A("进出口总额", 12.0)], "unknown", None),
]


@pytest.mark.parametrize("label, facts, verdict, gap", CASES, ids=[c[0] for c in CASES])
def test_verdicts(label, facts, verdict, gap):
    line = one(facts)
    assert line.verdict == verdict
    assert line.gap == (None if gap is None else pytest.approx(gap))


def test_gap_units_and_texts():
    line = one([T("地区生产总值", 7.0, qualifier="about"), A("地区生产总值", 5.7, qualifier="about")])
    assert (line.gap_unit, line.target_text, line.actual_text) == ("个百分点", "7%左右", "5.7%左右")
    line = one([T("集体土地征收", 1.3, "万亩", measure="level"), A("集体土地征收", 1.04, "万亩", measure="level")])
    assert line.gap_unit == "万亩"


def test_tolerance_points_is_a_parameter():
    facts = [T("地区生产总值", 6.0, qualifier="about"), A("地区生产总值", 5.6)]
    assert one(facts, tolerance_points=0.3).verdict == "missed"
    assert one(facts, tolerance_points=0.5).verdict == "met"


def test_sources_of_both_sides():
    t = T("地区生产总值", 6.0, qualifier="about", doc="plan.txt", surface="6%左右")
    a = A("地区生产总值", 5.6, doc="report.txt", surface="5.6%")
    line = one([t, a])
    assert [(s.doc, s.surface) for s in line.target_sources] == [("plan.txt", "6%左右")]
    assert [(s.doc, s.surface) for s in line.actual_sources] == [("report.txt", "5.6%")]
    d = line.to_dict()
    assert d["verdict"] == "met" and d["actual_sources"][0]["doc"] == "report.txt"
    assert line.to_row()["target_sources"] == "plan.txt: 6%左右"


# --- relations -------------------------------------------------------------

INCOME = {"measure": "relation", "value": None, "unit": None, "qualifier": "above", "surface": "居民收入增幅高于经济增长"}


def income_target(**kw):
    return T("居民人均可支配收入", **{**INCOME, **kw})


def test_relation_met_when_income_grows_faster():
    line = one([income_target(), A("居民人均可支配收入", 6.1), A("地区生产总值", 5.8)])
    assert (line.verdict, line.gap) == ("met", pytest.approx(0.3))
    assert "地区生产总值" in line.reference
    assert [s.value for s in line.actual_sources] == [6.1, 5.8]  # both sides' sources


def test_relation_missed():
    assert one([income_target(), A("居民人均可支配收入", 5.0), A("地区生产总值", 5.8)]).verdict == "missed"


def test_relation_unknown_until_both_actuals():
    assert one([income_target(), A("地区生产总值", 5.8)]).verdict == "unknown"
    assert one([income_target(), A("居民人均可支配收入", 6.1)]).verdict == "unknown"


def test_relation_table_cell_words():
    t = income_target(surface="高于经济 增长")
    assert one([t, A("居民人均可支配收入", 6.1), A("地区生产总值", 5.8)]).verdict == "met"


UNEMP = {"measure": "relation", "value": None, "unit": None, "qualifier": "below",
         "surface": "城镇调查失业率低于全省平均水平"}


def test_relation_with_province_needs_its_figure():
    t = T("城镇调查失业率", **UNEMP)
    own = A("城镇调查失业率", 5.1, measure="level")
    assert one([t, own]).verdict == "unknown"
    prov = A("城镇调查失业率", 5.3, measure="level", region="滇南省")
    assert one([t, own, prov]).verdict == "unknown"  # which province? the caller says
    line = one([t, own, prov], parents={"云岭市": "滇南省"})
    assert (line.verdict, line.gap) == ("met", pytest.approx(-0.2))
    # the region filter keeps the targets only: the province's actual still serves
    assert scorecard([t, own, prov], region="云岭市", parents={"云岭市": "滇南省"})[0].verdict == "met"


def test_relation_settled_by_a_reported_relation():
    t = T("城镇调查失业率", **UNEMP)
    a = A("城镇调查失业率", None, None, "below", measure="relation", surface="城镇调查失业率低于全省平均水平")
    assert one([t, a]).verdict == "met"


def test_relation_without_figures_is_unknown():
    t = T("节能减排", None, None, "exact", measure="relation", surface="完成上级下达的节能减排任务")
    assert one([t]).verdict == "unknown"


# --- several parts, several sources ---------------------------------------

def test_partly_when_one_part_is_met():
    facts = [T("研发投入强度", 3.0, measure="level"), T("研发投入强度", 2.0, "位", "at_most", measure="rank"),
             A("研发投入强度", 3.15, measure="level"), A("研发投入强度", 3.0, "位", measure="rank")]
    lines = scorecard(facts)
    assert [(ln.measure, ln.part_verdict, ln.verdict, ln.part, ln.parts) for ln in lines] == [
        ("level", "met", "partly", 1, 2), ("rank", "missed", "partly", 2, 2)]
    assert summarise(lines) == {"met": 0, "missed": 0, "unknown": 0, "partly": 1}


def test_two_figures_in_one_document_are_two_parts():
    facts = [T("地区生产总值", 6.0, qualifier="at_least"), T("地区生产总值", 6.5, qualifier="at_least"),
             A("地区生产总值", 6.2)]
    lines = scorecard(facts)
    assert [(ln.target_value, ln.part_verdict) for ln in lines] == [(6.0, "met"), (6.5, "missed")]
    assert {ln.verdict for ln in lines} == {"partly"}


def test_all_parts_met_is_met():
    facts = [T("研发投入强度", 3.0, measure="level"), T("研发投入强度", 2.0, "位", "at_most", measure="rank"),
             A("研发投入强度", 3.15, measure="level"), A("研发投入强度", 2.0, "位", measure="rank")]
    assert {ln.verdict for ln in scorecard(facts)} == {"met"}


def test_same_target_in_three_documents_is_one_part():
    facts = [T("地区生产总值", 7.0, qualifier="about", doc=d) for d in ("p1.txt", "p2.txt", "p3.txt")]
    line = one([*facts, A("地区生产总值", 5.7)])
    assert (line.parts, line.target_conflicting, len(line.target_sources)) == (1, False, 3)


def test_targets_stated_differently_take_the_majority():
    facts = [T("进出口总额", 10.0, qualifier="at_least", doc="p1.txt"),
             T("进出口总额", 10.0, qualifier="at_least", doc="p2.txt"),
             T("进出口总额", 10.0, qualifier="about", doc="p3.txt"), A("进出口总额", 20.0)]
    line = one(facts)
    assert (line.target_qualifier, line.target_conflicting) == ("at_least", True)


def test_disagreeing_actuals_pick_the_latest_document_and_flag():
    t = T("地方一般公共预算收入", 8.0, qualifier="about")
    a1 = A("地方一般公共预算收入", 1.5, doc="003_report.txt")
    a2 = A("地方一般公共预算收入", 1.0, qualifier="about", doc="004_news.txt")
    line = one([t, a1, a2])
    assert (line.actual_value, line.conflicting, line.verdict) == (1.0, True, "missed")
    assert [s.doc for s in line.actual_sources] == ["004_news.txt", "003_report.txt"]
    # doc_order (a date or an ingest id per document) overrides the names
    line = one([t, a1, a2], doc_order={"003_report.txt": "2025-01-20", "004_news.txt": "2025-01-02"})
    assert line.actual_value == 1.5


def test_majority_beats_latest():
    t = T("地区生产总值", 6.0, qualifier="about")
    facts = [t, A("地区生产总值", 5.6, doc="a.txt"), A("地区生产总值", 5.6, doc="b.txt"), A("地区生产总值", 4.0, doc="z.txt")]
    line = one(facts)
    assert (line.actual_value, line.conflicting) == (5.6, True)


def test_agreeing_actuals_are_not_conflicting():
    t = T("地区生产总值", 7.0, qualifier="about")
    line = one([t, A("地区生产总值", 5.7, doc="x.txt"), A("地区生产总值", 5.7, qualifier="about", doc="y.txt")])
    assert line.conflicting is False


def test_duplicates_are_ignored():
    t = T("地区生产总值", 6.0, qualifier="about")
    dup = A("地区生产总值", 1.0, doc="z.txt", duplicate=True)
    line = one([t, A("地区生产总值", 5.8), dup])
    assert (line.actual_value, line.conflicting) == (5.8, False)


def test_filters_and_order():
    facts = [T("高新技术企业", 100.0, "家", measure="level"), T("地区生产总值", 6.0, qualifier="about"),
             T("居民消费价格", 3.0, qualifier="at_most"), T("地区生产总值", 5.0, region="青川县"),
             T("地区生产总值", 5.0, period="2025")]
    lines = scorecard(facts, region="云岭市", period="2024")
    assert [ln.indicator for ln in lines] == ["地区生产总值", "居民消费价格", "高新技术企业"]


@dataclass(frozen=True)
class Row:
    """A store-like row: plain strings instead of enums, with an id."""

    id: int
    doc: str
    start: int
    end: int
    surface: str
    kind: str
    indicator: str
    measure: str
    value: float | None
    unit: str | None
    qualifier: str
    region: str | None
    period: str | None
    tier: str = "A"
    evidence: str = ""
    duplicate: bool = False


def test_plain_rows_with_ids():
    rows = [Row(1, "p.txt", 0, 1, "6%左右", "target", "地区生产总值", "growth", 6.0, "%", "about", "云岭市", "2024"),
            Row(2, "r.txt", 0, 1, "5.6%", "actual", "地区生产总值", "growth", 5.6, "%", "exact", "云岭市", "2024")]
    line = one(rows)
    assert line.verdict == "met"
    assert (line.target_sources[0].fact_id, line.actual_sources[0].fact_id) == (1, 2)
