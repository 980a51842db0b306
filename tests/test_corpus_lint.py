"""The checks of benchmarks/corpus_lint.py, on facts made up for these tests (no corpus needed)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import corpus_lint as CL

INFO = CL.DocInfo("x.txt", Path("x.txt"), "襄阳市", "湖北", "prefecture", 2031)


def fact(**kw) -> dict:
    base = {"doc": "x.txt", "kind": "actual", "indicator": "高新技术企业", "measure": "level", "value": 30.0,
            "unit": "家", "qualifier": "exact", "region": "襄阳市", "region_code": "420600", "period": "2030",
            "tier": "B", "evidence": ""}
    return base | kw


def flags(**kw) -> list[str]:
    return CL.fact_flags(fact(**kw), INFO, CL.tree_of("襄阳市", 2031))


def test_a_clean_fact_has_no_flag() -> None:
    assert flags() == []


def test_a_fact_of_an_undated_unplaced_document_is_a_document_finding() -> None:
    undated = CL.fact_flags(fact(period=None, region=None, region_code=None), INFO, CL.tree_of("襄阳市", 2031),
                            {"date": None, "region": None})
    dated = CL.fact_flags(fact(period=None, region=None, region_code=None), INFO, CL.tree_of("襄阳市", 2031),
                          {"date": "2031-01-20", "region": "襄阳市"})
    assert undated == ["no_region_unplaced", "no_period_undated"]
    assert dated == ["no_region", "no_period"]


def test_a_part_of_a_year_before_a_headline_is_no_lint() -> None:
    assert flags(indicator="前三季度地区生产总值") == []
    assert flags(indicator="地区生产总值一季度") == ["headline_in_tier_b"]


@pytest.mark.parametrize(("change", "flag"), [
    ({"indicator": "全市地区生产总值"}, "headline_in_tier_b"),
    ({"indicator": "的新增企业"}, "function_word"),
    ({"indicator": "新增企业和"}, "function_word"),
    ({"indicator": "全市规模以上工业企业中从事研究开发活动的企业"}, "long_indicator"),
    ({"region": None, "region_code": None}, "no_region"),
    ({"period": None}, "no_period"),
    ({"unit": "万"}, "unknown_unit"),
    ({"region": "宜昌市", "region_code": "420500"}, "outside_region"),
    ({"period": "2026"}, "far_period"),
    ({"kind": "target", "period": "2029"}, "stale_target"),
    ({"kind": "target", "period": "2026-2030"}, "stale_target"),
])
def test_each_class(change: dict, flag: str) -> None:
    assert flag in flags(**change)


@pytest.mark.parametrize("change", [
    {"indicator": "人均地区生产总值"},        # another measure of a headline indicator
    {"indicator": "在建项目"},                # a word that starts with 在
    {"indicator": "对外贸易"},
    {"unit": "万平方米"},                     # a magnitude before a known unit
    {"region": "樊城区", "region_code": "420606"},  # a unit below the home
    {"region": "湖北省", "region_code": "420000"},  # the home's province
    {"region": "全国", "region_code": None},
    {"region": "襄阳高新区", "region_code": None},  # a zone named after the home
    {"kind": "target", "period": "2031-2035"},
])
def test_what_is_not_flagged(change: dict) -> None:
    assert flags(**change) == []


def test_a_renamed_place_keeps_its_old_code() -> None:
    tree = CL.tree_of("铜仁市", 2005)  # 铜仁地区 until 2011
    assert tree is not None and tree.holds("铜仁地区", "522200") and tree.holds("铜仁市", "520600")


def test_the_lint_counts_per_document() -> None:
    lint = CL.Lint()
    lint.add(INFO, "字" * 2000, [fact(), fact(indicator="的新增企业")], {"date": "2031-01-10", "plan_year": 2031,
                                                                     "region": "襄阳市", "region_code": "420600"})
    other = CL.DocInfo("y.txt", Path("y.txt"), "襄阳市", "湖北", "prefecture", 2031)
    lint.add(other, "字" * 2000, [], {"date": None, "plan_year": None, "region": "宜昌市", "region_code": "420500"})
    lint.finish()
    assert lint.facts == 2 and lint.counts["function_word"] == 1
    assert lint.per_1000("function_word") == 500.0
    assert [d for d, _ in lint.doc_flags["no_facts"]] == ["y.txt"]
    assert [d for d, _ in lint.doc_flags["no_date"]] == ["y.txt"]
    assert [d for d, _ in lint.doc_flags["wrong_home"]] == ["y.txt"]


def test_sources_rows_are_read(tmp_path: Path) -> None:
    src = tmp_path / "SOURCES.md"
    src.write_text("| file | place | province | level | year | type |\n|---|---|---|---|---|---|\n"
                   "| `a.txt` | 樊城区, 襄阳市 | 湖北 | district | 2031 | 政府工作报告 |\n"
                   "| `b.txt` | 国务院 (全国) | 全国 | national | 2030 | 统计公报 |\n", encoding="utf-8")
    a, b = CL.read_sources(src, tmp_path)
    assert (a.place, a.year, a.national) == ("樊城区", 2031, False)
    assert (b.place, b.national, b.kind) == ("", True, "统计公报")
