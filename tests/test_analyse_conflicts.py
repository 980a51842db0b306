"""Conflicts between documents and corroboration: hand-made facts of a fictional city."""

from __future__ import annotations

import pytest

from planwatch.analyse import conflicts, corroboration, group, series_key
from planwatch.model import Fact

_pos = iter(range(0, 10**9, 10))


def mk(doc, value, unit="%", qualifier="exact", *, indicator="地方一般公共预算收入", measure="growth",
       kind="actual", region="云岭市", period="2024", duplicate=False, surface=None):
    s = next(_pos)
    return Fact(doc=doc, start=s, end=s + 2, surface=surface or f"{value}{unit}", kind=kind, indicator=indicator,
                measure=measure, value=value, unit=unit, qualifier=qualifier, region=region, period=period,
                evidence=f"evidence of {doc}", duplicate=duplicate)


def test_two_sources_disagree():
    a, b = mk("003.txt", 1.5), mk("004.txt", 1.0, qualifier="about")
    (c,) = conflicts([a, b])
    assert (c.key.indicator, c.key.period, c.key.kind, c.key.measure) == ("地方一般公共预算收入", "2024", "actual", "growth")
    assert (c.rule, c.spread, c.spread_unit, c.severity) == ("points", 0.5, "个百分点", "major")
    assert [v.value for v in c.variants] == [1.0, 1.5]
    assert [(s.doc, s.surface, s.evidence) for s in c.sources] == [
        ("004.txt", "1.0%", "evidence of 004.txt"), ("003.txt", "1.5%", "evidence of 003.txt")]
    d = c.to_dict()
    assert d["values"] == [1.0, 1.5] and d["docs"] == ["003.txt", "004.txt"]
    assert d["variants"][0]["sources"][0]["fact_id"] is None


CASES = [
    ("agree", [mk("a", 1.5), mk("b", 1.5)], 0),
    ("within 0.05 points", [mk("a", 5.70), mk("b", 5.74)], 0),
    ("0.1 points apart", [mk("a", 5.7), mk("b", 5.8)], 1),
    ("same document only", [mk("a", 1.5), mk("a", 1.0)], 0),
    ("duplicate left out", [mk("a", 1.5), mk("b", 1.0, duplicate=True)], 0),
    ("different periods", [mk("a", 1.5), mk("b", 1.0, period="2023")], 0),
    ("different regions", [mk("a", 1.5), mk("b", 1.0, region="青川县")], 0),
    ("target vs actual", [mk("a", 8.0, kind="target"), mk("b", 1.0)], 0),
    ("growth vs level", [mk("a", 7.0), mk("b", 7.0, "亿元", measure="level")], 0),
    ("amounts 2% apart differ", [mk("a", 508.7, "亿元", measure="level"), mk("b", 498.5, "亿元", measure="level")], 1),
    ("a rounding agrees", [mk("a", 498.53, "亿元", measure="level"), mk("b", 498.5, "亿元", measure="level")], 0),
    ("1.5 is not 1 rounded", [mk("a", 1.5), mk("b", 1.0, surface="1%")], 1),
    ("1.4 rounds to 1", [mk("a", 1.4), mk("b", 1.0, surface="1%")], 0),
    ("half up: 5.75 rounds to 5.8", [mk("a", 5.75), mk("b", 5.8)], 0),
    ("counts 2% apart differ", [mk("a", 190.0, "家", measure="level"), mk("b", 186.0, "家", measure="level")], 1),
    ("万 written to the thousand", [mk("a", 1.3, "万亩", measure="level"), mk("b", 13200.0, "亩", measure="level")], 0),
    ("万 beyond its rounding", [mk("a", 1.3, "万亩", measure="level"), mk("b", 13600.0, "亩", measure="level")], 1),
    ("full-width digits read", [mk("a", 5.7, surface="５.７%"), mk("b", 5.74)], 0),
    ("amounts beyond 5%", [mk("a", 117.0, "亿元", measure="level"), mk("b", 92.0, "亿元", measure="level")], 1),
    ("counts", [mk("a", 260.0, "个", measure="level"), mk("b", 167.0, "个", measure="level")], 1),
    ("magnitudes converted", [mk("a", 1.3, "万亩", measure="level"), mk("b", 13000.0, "亩", measure="level")], 0),
    ("个 vs 家 never compared", [mk("a", 20.0, "个", measure="level"), mk("b", 25.0, "家", measure="level")], 0),
    ("以上 is a bound", [mk("a", 230.0, "个", "at_least", measure="level"), mk("b", 260.0, "个", measure="level")], 0),
    ("以上 above the other", [mk("a", 300.0, "个", "at_least", measure="level"), mk("b", 260.0, "个", measure="level")], 1),
    ("以内 is a bound", [mk("a", 3.0, "%", "at_most"), mk("b", 0.4)], 0),
    ("relations have no value", [mk("a", None, None, "above", measure="relation"),
                                 mk("b", None, None, "above", measure="relation")], 0),
]


@pytest.mark.parametrize("label, facts, n", CASES, ids=[c[0] for c in CASES])
def test_conflict_cases(label, facts, n):
    assert len(conflicts(facts)) == n


def test_severity_is_decided_by_the_tolerances():
    facts = [mk("a", 5.7), mk("b", 5.8)]
    assert [c.severity for c in conflicts(facts)] == ["major"]              # 0.1 points > 0.05
    assert [c.severity for c in conflicts(facts, points=0.2)] == ["minor"]  # listed all the same
    facts = [mk("a", 100.0, "亿元", measure="level"), mk("b", 97.0, "亿元", measure="level")]
    assert [c.severity for c in conflicts(facts)] == ["minor"]              # 3% < 5%
    assert [c.severity for c in conflicts(facts, relative=0.01)] == ["major"]
    counts = [mk("a", 120.0, "个", measure="level"), mk("b", 119.0, "个", measure="level")]
    assert [(c.rule, c.severity) for c in conflicts(counts, relative=0.5)] == [("count", "major")]


def test_major_conflicts_come_first():
    facts = [mk("a", 100.0, "亿元", indicator="地区生产总值", measure="level"),
             mk("b", 99.0, "亿元", indicator="地区生产总值", measure="level"),
             mk("a", 8.0, indicator="某产业增加值"), mk("b", 9.0, indicator="某产业增加值")]
    assert [(c.key.indicator, c.severity) for c in conflicts(facts)] == [("某产业增加值", "major"),
                                                                        ("地区生产总值", "minor")]


def test_different_values_are_never_confirmed():
    for a, b in ((508.7, 498.5), (190.0, 186.0), (280.0, 272.0)):
        (s,) = corroboration([mk("x", a, "亿元", measure="level"), mk("y", b, "亿元", measure="level")])
        assert s.status == "conflicting"


def test_three_documents_two_variants():
    facts = [mk("a", 26.9, indicator="技术合同成交额"), mk("b", 26.9, indicator="技术合同成交额"),
             mk("c", 19.8, indicator="技术合同成交额")]
    (c,) = conflicts(facts)
    assert [(v.value, v.docs) for v in c.variants] == [(19.8, ("c",)), (26.9, ("b", "a"))]
    assert c.spread == pytest.approx(7.1)


def test_amount_spread_in_the_written_unit():
    (c,) = conflicts([mk("a", 117.0, "亿元", measure="level"), mk("b", 92.0, "亿元", measure="level")])
    assert (c.rule, c.spread, c.spread_unit, c.unit) == ("relative", 25.0, "亿元", "元")


@pytest.mark.parametrize("label, facts, status, n_docs, n_agreeing", [
    ("single source", [mk("a", 1.5)], "single-source", 1, 1),
    ("same doc twice is still single", [mk("a", 1.5), mk("a", 1.5)], "single-source", 1, 1),
    ("duplicate is not independent", [mk("a", 1.5), mk("b", 1.5, duplicate=True)], "single-source", 1, 1),
    ("two agreeing", [mk("a", 1.5), mk("b", 1.5)], "confirmed", 2, 2),
    ("two disagreeing", [mk("a", 1.5), mk("b", 1.0)], "conflicting", 2, 1),
    ("two of three agree", [mk("a", 1.5), mk("b", 1.5), mk("c", 1.0)], "conflicting", 3, 2),
    ("relations", [mk("a", None, None, "above", measure="relation"),
                   mk("b", None, None, "above", measure="relation")], "confirmed", 2, 2),
], ids=lambda x: x if isinstance(x, str) else "")
def test_corroboration(label, facts, status, n_docs, n_agreeing):
    (s,) = corroboration(facts)
    assert (s.status, s.n_docs, s.n_agreeing) == (status, n_docs, n_agreeing)
    assert s.to_dict()["status"] == status


def test_corroboration_value_is_the_majority():
    (s,) = corroboration([mk("a", 1.5), mk("b", 1.5), mk("z", 1.0)])
    assert s.value == 1.5 and s.sources[0].value == 1.5


def test_series_key_and_group():
    a = mk("a", 7.0, indicator="地区 生产总值")
    assert series_key(a).indicator == "地区生产总值"
    assert series_key(a).label == "地区生产总值|growth"
    g = group([a, mk("b", 7.0, "亿元", measure="level"), mk("c", 1.0, duplicate=True)])
    assert len(g) == 2
    assert len(group([mk("c", 1.0, duplicate=True)], include_duplicates=True)) == 1


def test_many_facts_one_pass():
    # 60,000 facts in 20,000 series, a third of them conflicting: dict grouping, no pairwise loops.
    facts = []
    for i in range(20_000):
        ind = f"指标{i}"
        facts += [mk("a", 1.0, indicator=ind), mk("b", 1.0, indicator=ind), mk("c", 1.0 + (i % 3 == 0), indicator=ind)]
    assert len(conflicts(facts)) == 6667
