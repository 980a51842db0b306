"""The vocabulary of indicators and units: rules/indicators.toml, rules/units.toml and
planwatch/extract/indicators.py.

Sentences here are written for these tests (fictional places such as 云岭市, 青石县, 澜江市,
and real place names used only as names).
"""

from __future__ import annotations

import copy
import tomllib
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planwatch import extract_text
from planwatch.errors import ConfigError
from planwatch.extract import indicators as ind
from planwatch.extract.lexicon import lexicon, unit_kind, validate_indicators
from planwatch.extract.numbers import find_numbers


def _rules(name: str) -> dict:
    return tomllib.loads(resources.files("planwatch.rules").joinpath(name).read_text(encoding="utf-8"))


# ---------------------------------------------------------------- indicators.toml validation

def test_packaged_indicators_file_is_valid() -> None:
    validate_indicators(_rules("indicators.toml"))  # raises on any problem


def _broken(change) -> dict:
    data = copy.deepcopy(_rules("indicators.toml"))
    change(data)
    return data


@pytest.mark.parametrize(("change", "words"), [
    (lambda d: d["headline"][1]["synonyms"].append("生产总值"),
     ["indicators.toml", "规模以上工业增加值", "'生产总值'", "地区生产总值"]),
    (lambda d: d.update(synonym=["x"]), ["indicators.toml", "unknown key 'synonym'"]),
    (lambda d: d["headline"][0].update(synonym=["x"]), ["indicators.toml", "地区生产总值", "unknown key 'synonym'"]),
    (lambda d: d["phrase"].update(max_len=10), ["indicators.toml", "[phrase]", "'max_len'"]),
    (lambda d: d["headline"][2]["not"].append("生产总值"),
     ["indicators.toml", "固定资产投资", "look-alike '生产总值'", "地区生产总值"]),
    (lambda d: d["headline"][3].pop("name"), ["indicators.toml", "#4", "no name"]),
    (lambda d: d.pop("places"), ["indicators.toml", "missing table [places]"]),
    (lambda d: d["gaps"].update(scope=["全国"]), ["indicators.toml", "[gaps]", "'scope'"]),
    (lambda d: d["gaps"].pop("rates"), ["indicators.toml", "[gaps]", "missing key 'rates'"]),
])
def test_a_broken_indicators_file_names_the_file_and_the_entry(change, words) -> None:
    with pytest.raises(ConfigError) as e:
        validate_indicators(_broken(change))
    for w in words:
        assert w in str(e.value), str(e.value)


def test_every_synonym_maps_to_its_headline_and_no_lookalike_does() -> None:
    data = _rules("indicators.toml")
    for h in data["headline"]:
        for s in h["synonyms"]:
            assert ind.headline(s) == h["name"], (s, h["name"])
            assert ind.headline("全市" + s) == h["name"], ("全市" + s, h["name"])
        for s in h.get("not", []):
            assert ind.headline(s) != h["name"], (s, h["name"])


# ---------------------------------------------------------------- headline names

@pytest.mark.parametrize(("phrase", "name"), [
    # a place of any level, or a whole-word, before the name
    ("云岭市地区生产总值", "地区生产总值"),
    ("青石县规模以上工业增加值", "规模以上工业增加值"),
    ("澜江市全社会固定资产投资", "固定资产投资"),
    ("全市生产总值", "地区生产总值"),
    ("全旗生产总值", "地区生产总值"),
    ("全州GDP", "地区生产总值"),
    ("我县一般公共预算收入", "地方一般公共预算收入"),
    ("曲靖市社会消费品零售总额", "社会消费品零售总额"),
    ("株洲市天元区地区生产总值", "地区生产总值"),
    ("东部地区生产总值", "地区生产总值"),
    ("深圳地区生产总值", "地区生产总值"),
    # older and regional names
    ("地方财政收入", "地方一般公共预算收入"),
    ("一般预算收入", "地方一般公共预算收入"),
    ("财政一般预算收入", "地方一般公共预算收入"),
    ("地方财政一般预算收入", "地方一般公共预算收入"),
    ("公共财政预算收入", "地方一般公共预算收入"),
    ("社会消费品零售额", "社会消费品零售总额"),
    ("消费品零售总额", "社会消费品零售总额"),
    ("对外贸易进出口总额", "进出口总额"),
    ("外贸进出口", "进出口总额"),
    ("货物进出口总额", "进出口总额"),
    ("居民消费价格总水平", "居民消费价格"),
    ("物价总水平", "居民消费价格"),
    ("CPI涨幅", "居民消费价格"),
    ("城镇新增就业人数", "城镇新增就业"),
    ("新增城镇就业岗位", "城镇新增就业"),
    ("研究与试验发展经费投入强度", "研发投入强度"),
    ("R&D经费支出占GDP比重", "研发投入强度"),
    ("万元GDP能耗", "节能减排"),
    ("单位生产总值能耗", "节能减排"),
    ("万元生产总值综合能耗", "节能减排"),
    ("固定资产投资（不含农户）", "固定资产投资"),
    ("地区生产总值（GDP）", "地区生产总值"),
    ("国内生产总值[4]", "地区生产总值"),
    # form words after the name, one at a time
    ("社会消费品零售总额实际", "社会消费品零售总额"),
    ("地区生产总值预期目标", "地区生产总值"),
    ("城镇调查失业率平均值", "城镇调查失业率"),
])
def test_headline_names(phrase: str, name: str) -> None:
    assert ind.headline(phrase) == name


@pytest.mark.parametrize("phrase", [
    # other statistics that contain a headline's name
    "全部财政收入", "财政总收入", "全口径财政收入", "城镇固定资产投资", "500万元以上固定资产投资",
    "城镇居民人均可支配收入", "农村居民人均纯收入", "农民人均可支配收入", "人均地区生产总值",
    "第三产业增加值占地区生产总值比重", "单位GDP二氧化碳排放", "固定资产投资价格", "服务进出口总额",
    "城市居民消费价格", "限额以上消费品零售额",
    # a zone or a part of a place is no place
    "园区生产总值", "城区生产总值", "高新区规模以上工业增加值", "县域生产总值", "示范区固定资产投资",
    "B保中心进出口额",
])
def test_lookalikes_stay_tier_b(phrase: str) -> None:
    assert ind.headline(phrase) is None


def test_a_lookalike_that_ends_with_energy_is_energy_saving_not_gdp() -> None:
    assert ind.headline("生产总值能耗") == "节能减排"
    assert ind.headline("单位地区生产总值二氧化碳排放") is None


# ---------------------------------------------------------------- phrases

@pytest.mark.parametrize(("phrase", "tidied"), [
    ("的人才公寓", "人才公寓"),
    ("污水管网和", "污水管网"),
    ("在建保障性住房", "在建保障性住房"),   # a name that opens with 在
    ("在校大学生", "在校大学生"),
    ("对外承包工程营业额", "对外承包工程营业额"),
    ("为新就业大学生提供的人才公寓", "新就业大学生提供的人才公寓"),
    ("全市各类学校为外来务工人员子女提供的公办学位", "公办学位"),
])
def test_tidy(phrase: str, tidied: str) -> None:
    assert ind.tidy(phrase) == tidied


_WORDS = st.text(alphabet="的和在为是了及与并将把对等新建公园道路学校企业项目、", min_size=1, max_size=40)


@given(_WORDS)
def test_tidy_never_leaves_a_function_word_at_an_end_nor_runs_long(s: str) -> None:
    ph = lexicon().phrase
    t = ind.tidy(s)
    assert len(t) <= ph.max_length
    if t:
        assert t[-1] not in ph.function_words or t.endswith(ph.not_joiners)  # (惠及: a word of its own)
        assert t[0] not in ph.function_words or t.startswith(ph.keep_starts)


@pytest.mark.parametrize("scope", _rules("indicators.toml")["gaps"]["scopes"])
def test_every_gap_scope_of_the_rules_names_a_gap(scope: str) -> None:
    """The wider places a gap is taken to are data ([gaps] scopes): each one, said either way round, names the gap
    with its comparison and keeps it from the headline's own rate."""
    for text in (f"全市地区生产总值增长6.1%，增速高于{scope}0.8个百分点。", f"全市地区生产总值增长6.1%，比{scope}高0.8个百分点。"):
        facts = extract_text(text, date="2025-01-20", region="澜江市")
        gap = next(f for f in facts if f.value == 0.8)
        assert gap.tier == "B" and scope in gap.indicator and "高于" in gap.indicator, (text, gap)


def test_tidy_keeps_the_head_of_a_phrase_named_on_the_right() -> None:
    long = "乡村工匠和返乡创业青年扎根乡村带动群众增收致富"
    assert ind.tidy(long, head_first=True) == "乡村工匠"
    assert len(ind.tidy(long)) <= lexicon().phrase.max_length


@pytest.mark.parametrize(("phrase", "bare"), [
    ("用", True), ("市", True), ("在", True), ("云岭市", True), ("全县", True), ("仅用", True),
    ("省级", False), ("公共文化场馆", False), ("高新技术企业", False),
])
def test_is_bare(phrase: str, bare: bool) -> None:
    assert ind.is_bare(phrase) is bare


@pytest.mark.parametrize(("left", "phrase"), [
    ("经济稳中向好全年地区生产总值预期增长", "地区生产总值"),
    ("“十三五”末社会消费品零售总额是", "社会消费品零售总额"),
    ("营业收入较“十三五”末期", "营业收入"),
    ("（三）固定资产投资总额突破", "固定资产投资总额"),
    ("绿化覆盖率为41.2%，同比提高", "同比提高"),   # only the words after the figure before
    ("空气质量综合指数全省排名较上年提升", "空气质量综合指数"),
    ("年内城镇新增就业", "城镇新增就业"),
])
def test_left_phrase(left: str, phrase: str) -> None:
    got = ind.left_phrase(left)
    assert got == phrase or (phrase == "同比提高" and "41.2" not in got), got


# ---------------------------------------------------------------- units

def test_every_unit_has_one_kind_and_is_read() -> None:
    kinds = _rules("units.toml")["kinds"]
    assert set(kinds) >= {"percent", "money", "area", "mass", "energy", "power", "volume", "length", "people",
                          "count", "time", "transport", "rate"}
    for kind, words in kinds.items():
        for w in words:
            assert unit_kind(w) == kind, w
            cands = find_numbers(f"全年完成37{w}，")
            assert [c.unit for c in cands] == [w], (w, [c.unit for c in cands])


@pytest.mark.parametrize(("text", "value", "unit", "kind"), [
    ("人口自然增长率控制在5.8‰以内，", 5.8, "‰", "percent"),
    ("细颗粒物平均浓度降至31微克/立方米，", 31, "微克/立方米", "rate"),
    ("二氧化硫浓度0.012毫克/立方米，", 0.012, "毫克/立方米", "rate"),
    ("完成造林12.5千公顷，", 12.5, "千公顷", "area"),
    ("新增高标准农田8.6万亩，", 8.6, "万亩", "area"),
    ("能源消费总量控制在960万吨标准煤以内，", 960, "万吨标准煤", "energy"),
    ("全社会用电量达到86亿千瓦时，", 86, "亿千瓦时", "energy"),
    ("居民户均用电2100千瓦时，", 2100, "千瓦时", "energy"),
    ("新增光伏装机45万千瓦，", 45, "万千瓦", "power"),
    ("日供水能力12万立方米，", 12, "万立方米", "volume"),
    ("新建农村公路320公里，", 320, "公里", "length"),
    ("建成区面积扩大到86平方公里，", 86, "平方公里", "area"),
    ("新能源公交车达到420辆，", 420, "辆", "count"),
    ("每千人口床位6.8张，", 6.8, "张", "count"),
    ("人均预期寿命79.2岁，", 79.2, "岁", "time"),
    ("搬迁群众1.2万户，", 1.2, "万户", "people"),
    ("接待游客860万人次，", 860, "万人次", "people"),
    ("集装箱吞吐量达到56万标箱，", 56, "万标箱", "transport"),
    ("机场起降2.4万架次，", 2.4, "万架次", "transport"),
    ("旅客周转量12亿人公里，", 12, "亿人公里", "transport"),
    ("失业率下降0.3个百分点，", 0.3, "个百分点", "percent"),
    ("绿化带改造1800延米，", 1800, "延米", "length"),
    ("审批时限压缩到45分钟，", 45, "分钟", "time"),
    ("区域噪声均值53分贝，", 53, "分贝", "sound"),
])
def test_units_of_environment_agriculture_energy_and_population(text: str, value: float, unit: str, kind: str) -> None:
    cands = find_numbers(text)
    assert [(c.value, c.unit) for c in cands] == [(value, unit)]
    assert unit_kind(unit) == kind


def test_a_magnitude_that_begins_a_unit_leaves_the_unit_whole() -> None:
    assert [c.unit for c in find_numbers("下降1.5百分点，")] == ["百分点"]
    assert [c.unit for c in find_numbers("节电350千瓦时，")] == ["千瓦时"]
    assert [c.unit for c in find_numbers("装机350千瓦，")] == ["千瓦"]
    assert [c.unit for c in find_numbers("2019年3月，")] == []   # 月 stays no unit


# ---------------------------------------------------------------- whole sentences

def _facts(text: str):
    return extract_text(text, doc="t", date="2023-01-18", region="青石县")


def test_a_rank_shared_by_a_list_gives_one_fact_to_the_first_headline() -> None:
    f = _facts("全县生产总值、一般预算收入增幅均排全市第2位。")
    assert [(x.indicator, x.tier, x.value) for x in f] == [("地区生产总值", "A", 2.0)]
    f = _facts("茶叶产量、茶园面积均居全省第一位。")
    assert [(x.indicator, x.tier) for x in f] == [("茶叶产量", "B")]


def test_a_list_of_form_words_takes_the_figure_before_it() -> None:
    f = _facts("全部财政收入完成9.8亿元，增长7%，总量和增速均居全市第三位。")
    assert f[-1].measure.value == "rank" and f[-1].indicator.startswith("全部财政收入")


def test_a_count_is_not_named_by_an_amount() -> None:
    f = _facts("经济总量先后跨越2个百亿元台阶，达到260亿元。")
    assert (f[0].unit, f[0].tier) == ("个", "B") and "台阶" in f[0].indicator
    assert (f[1].indicator, f[1].tier) == ("地区生产总值", "A")
    f = _facts("38个项目获得政策性贷款金额16亿元。")
    assert f[0].indicator == "项目获得政策性贷款"


@pytest.mark.parametrize("text", [
    "仅用19天完成应急医院改造。",
    "在43个行政村开展人居环境整治。",
    "全县212个县、乡、村文化站全部建成。",
    "市3家国有企业获评信用AA+等级。",
])
def test_no_junk_name(text: str) -> None:
    for f in _facts(text):
        assert not ind.is_bare(f.indicator), f.indicator
        assert len(f.indicator) >= 3, f.indicator
