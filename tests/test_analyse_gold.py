"""The seeds' gold facts through the analyses (private data: skipped when ../shared is absent).

Only figures are used here, read from the gold JSONL at test time.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planwatch.analyse import conflicts, corroboration, plan_table, scorecard
from planwatch.model import Fact

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"


@pytest.fixture(scope="module")
def facts() -> list[Fact]:
    if not GOLD.is_dir() or not list(GOLD.glob("*.jsonl")):
        pytest.skip(f"no gold facts at {GOLD} (private test data)")
    out = []
    for path in sorted(GOLD.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(Fact.from_dict(json.loads(line)))
    return out


def test_scorecard_gdp_target_missed(facts):
    lines = scorecard(facts, region="株洲市", period="2024")
    gdp = [ln for ln in lines if ln.indicator == "地区生产总值"]
    assert len(gdp) == 1
    g = gdp[0]
    assert (g.measure, g.target_value, g.target_qualifier, g.actual_value) == ("growth", 7.0, "about", 5.7)
    assert (g.verdict, g.gap, g.gap_unit, g.conflicting) == ("missed", pytest.approx(-1.3), "个百分点", False)
    assert len({s.doc for s in g.target_sources}) == 3 and len({s.doc for s in g.actual_sources}) == 2
    assert lines[0].indicator == "地区生产总值"  # headline indicators first


def test_scorecard_revenue_picks_one_and_flags(facts):
    (rev,) = [ln for ln in scorecard(facts, region="株洲市", period="2024") if ln.indicator == "地方一般公共预算收入"]
    assert rev.verdict == "missed" and rev.conflicting is True
    assert {s.value for s in rev.actual_sources} == {1.5, 1.0}


def test_conflicts_include_the_known_cases(facts):
    found = {(c.key.indicator, c.key.region, c.key.period, c.key.kind): sorted(v.value for v in c.variants)
             for c in conflicts(facts)}
    assert found[("地方一般公共预算收入", "株洲市", "2024", "actual")] == [1.0, 1.5]
    assert found[("技术合同成交额", "株洲市", "2024", "actual")] == [19.8, 26.9]
    assert found[("竣工投产项目", "株洲市", "2024", "actual")] == [167.0, 260.0]


def test_corroboration_confirms_the_gdp_result(facts):
    (s,) = [s for s in corroboration(facts) if (s.key.indicator, s.key.region, s.key.period, s.key.kind)
            == ("地区生产总值", "株洲市", "2024", "actual")]
    assert (s.status, s.n_docs, s.value) == ("confirmed", 2, 5.7)


def test_plan_table_renders(facts):
    rows = plan_table(facts, period="2024", regions=["株洲市", "天元区"])
    assert rows[0]["指标"] == "地区生产总值增速" and rows[0]["株洲市 2024年计划"] == "7%左右"
