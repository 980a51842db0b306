"""Units, comparison rules, display words and the directions data."""

from __future__ import annotations

import pytest

from planwatch.analyse.directions import load, lower_is_better, reference
from planwatch.analyse.format import fact_text, number
from planwatch.analyse.units import (
    comparable,
    convert,
    is_point_unit,
    split_unit,
    to_base,
)


@pytest.mark.parametrize("value, unit, expected", [
    (1.3, "万亩", (13000.0, "亩")),
    (13000, "亩", (13000.0, "亩")),
    (1, "万亿元", (1e12, "元")),
    (10000, "亿元", (1e12, "元")),
    (5.48, "万平方米", (54800.0, "平方米")),
    (1000, "亿元", (1e11, "元")),
    (20, "万元/亩", (200000.0, "元/亩")),
    (1.5, "万个", (15000.0, "个")),
    (2.5, "个百分点", (2.5, "个百分点")),
    (2.5, "百分点", (2.5, "个百分点")),
    (30, "基点", (0.3, "个百分点")),
    (7, "%", (7.0, "%")),
    (3, "万人次", (30000.0, "人次")),
    (5, None, (5.0, "")),
    (None, "亿元", (None, "元")),
])
def test_to_base(value, unit, expected):
    assert to_base(value, unit) == expected


@pytest.mark.parametrize("a, b, same", [
    ("个", "家", False), ("万个", "个", True), ("亿元", "万元", True), ("万亿元", "亿元", True),
    ("%", "个百分点", False), ("亩", "万亩", True), ("万美元", "亿元", False), ("位", "位", True),
])
def test_comparable(a, b, same):
    assert comparable(a, b) is same


def test_convert_between_magnitudes():
    assert convert(1.04, "万亩", "亩") == 10400.0
    assert convert(1, "万亿元", "亿元") == 10000.0
    assert convert(1, "个", "家") is None


def test_magnitude_inside_a_unit_word_is_kept():
    assert split_unit("个百分点")[0] == "个百分点"
    assert split_unit("  万 亩 ")[0] == "亩"  # layout spaces


def test_point_units():
    assert is_point_unit("%") and is_point_unit("基点") and not is_point_unit("亿元")


@pytest.mark.parametrize("args, text", [
    ((7.0, "%", "about", "growth"), "7%左右"),
    ((10.0, "%", "at_least", "growth"), "10%以上"),
    ((3.0, "%", "at_most", "growth"), "3%以内"),
    ((-5.0, "%", "at_most", "growth"), "下降5%以上"),
    ((-3.0, "%", "at_least", "growth"), "下降3%以内"),
    ((-6.6, "%", "exact", "growth"), "下降6.6%"),
    ((1.3, "万亩", "exact", "level"), "1.3万亩"),
    ((1000.0, "亿元", "at_least", "level"), "1000亿元以上"),
    ((37.0, "位", "exact", "rank"), "第37位"),
    ((50.0, "位", "at_most", "rank"), "前50位"),
    ((2.5, "个百分点", "exact", "change"), "提高2.5个百分点"),
    ((-30.0, "基点", "exact", "change"), "下降30基点"),
    ((9.0, "位", "exact", "change"), "上升9位"),
])
def test_fact_text(args, text):
    assert fact_text(*args) == text


def test_relation_text_keeps_the_cell_words():
    assert fact_text(None, None, "above", "relation", "居民收入增幅高于经济增长") == "高于经济增长"
    assert fact_text(None, None, "above", "relation", "高于经济 增长") == "高于经济增长"


def test_number():
    assert number(7.0) == "7" and number(5.48) == "5.48" and number(13000.0) == "13000"


@pytest.mark.parametrize("indicator, measure, lower", [
    ("城镇调查失业率", "level", True),
    ("城镇登记失业率", "level", True),
    ("居民消费价格", "growth", True),
    ("单位地区生产总值能耗", "growth", True),
    ("一般贷款加权平均利率", "change", True),
    ("降低企业用能成本", "level", False),     # names the reduction: a bigger saving is better
    ("压缩审批时限", "level", False),
    ("地区生产总值", "growth", False),
    ("高新技术企业", "level", False),
    ("全国先进制造业百强城市排名", "rank", True),
    ("国家创新型城市排名", "change", False),  # 前进9位 is +9
])
def test_directions(indicator, measure, lower):
    assert lower_is_better(indicator, measure) is lower


def test_directions_file_parses_and_has_relations():
    d = load()
    assert "城镇调查失业率" in d.lower_names and d.relations


@pytest.mark.parametrize("surface, evidence, expected", [
    ("居民收入增幅高于经济增长", "", ("地区生产总值", "growth", "same")),
    ("高于经济 增长", "", ("地区生产总值", "growth", "same")),
    ("城镇调查失业率低于全省平均水平", "", ("same", "level", "parent")),
    ("农村居民收入增速高于全国平均", "", ("same", "growth", "全国")),
    ("居民收入增幅", "居民收入增幅高于经济增长，城镇调查失业率低于全省平均水平", ("地区生产总值", "growth", "same")),
])
def test_relation_reference(surface, evidence, expected):
    r = reference(surface, evidence)
    assert r is not None and (r.indicator, r.measure, r.region) == expected


def test_relation_reference_unknown():
    assert reference("完成上级下达的任务") is None


@pytest.mark.parametrize("module", ["units", "series", "conflicts", "scorecard", "table", "panel", "format",
                                    "directions", "agree", "quality"])
def test_doctests(module):
    import doctest
    import importlib

    m = importlib.import_module(f"planwatch.analyse.{module}")
    result = doctest.testmod(m)
    assert result.failed == 0 and result.attempted > 0


def test_export_doctests():
    import doctest

    import planwatch.export as m
    assert doctest.testmod(m).failed == 0
