"""Regions: the GB/T 2260 data file, the resolver, the mention finder, zones and
a document's main region. Every sentence here is written for the test."""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from importlib import resources
from itertools import pairwise

import pytest
from doctest_support import run_doctests

from planwatch.extract import regions as rg

RAW = resources.files("planwatch.rules").joinpath("regions.toml").read_text(encoding="utf-8")
RULES = tomllib.loads(RAW)
IDX = rg.load_index()


# --------------------------------------------------------------------- data
def test_data_file_is_compact_and_complete():
    assert len(RAW.encode("utf-8")) < 1_000_000
    assert "BEGIN GENERATED" in RAW and "END GENERATED" in RAW
    rows = [r for r in RULES["data"]["rows"].splitlines() if r]
    assert len(rows) == RULES["data"]["rows_count"] == len(IDX.regions)
    assert len(IDX.regions) > 5000


def test_codes_are_six_digits_and_levels_follow_codes():
    for r in IDX.regions:
        assert len(r.code) == 6 and r.code.isdigit(), r
        assert r.name.strip() == r.name and r.name, r
        want = "province" if r.code.endswith("0000") else "prefecture" if r.code.endswith("00") else "county"
        assert r.level == want, r


def test_parents_exist_and_are_higher():
    rank = {"province": 1, "prefecture": 2, "county": 3}
    for r in IDX.regions:
        if r.level == "province":
            assert r.parent_code is None, r
            continue
        assert r.parent_code, r
        parent = IDX.parent_of(r)
        assert parent is not None, r
        assert rank[parent.level] < rank[r.level], (r, parent)
        assert r.code.startswith(parent.code[:2]), (r, parent)


def test_validity_years_are_ordered():
    for r in IDX.regions:
        if r.valid_from is not None and r.valid_to is not None:
            assert r.valid_from <= r.valid_to, r
        for y in (r.valid_from, r.valid_to):
            assert y is None or 1980 <= y <= 2030, r


def test_no_code_has_two_names_at_once():
    """A code's names follow one another; they may share only the year of the change."""
    by_code = defaultdict(list)
    for r in IDX.regions:
        by_code[r.code].append(r)
    for rs in by_code.values():
        rs.sort(key=lambda r: (r.valid_from or 0))
        for a, b in pairwise(rs):
            assert a.valid_to is not None, (a, b)
            assert b.valid_from is not None and a.valid_to <= b.valid_from, (a, b)


def test_current_provinces():
    provs = [r for r in IDX.regions if r.level == "province" and r.current]
    assert len(provs) == 34
    assert {"北京市", "广西壮族自治区", "香港特别行政区", "台湾省"} <= {p.name for p in provs}


@pytest.mark.parametrize(
    "code,name,vfrom,vto",
    [
        ("130625", "徐水县", 1994, 2015),
        ("130609", "徐水区", 2015, None),
        ("130622", "清苑县", 1986, 2015),
        ("130608", "清苑区", 2015, None),
        ("330181", "萧山市", 1995, 2000),
        ("330109", "萧山区", 2001, None),
        ("130502", "襄都区", 2020, None),
    ],
)
def test_historical_rows(code, name, vfrom, vto):
    got = [r for r in IDX.all_by_code(code) if r.name == name]
    assert got, (code, name)
    assert (got[0].valid_from, got[0].valid_to) == (vfrom, vto)


def test_rules_sections_are_well_formed():
    levels = {"self", "prefecture", "province"}
    seen = set()
    for z in RULES["zones"]:
        assert z["words"] and z["named"] and z["full"], z
        assert z["home_level"] in levels, z
        for w in z["words"]:
            assert w not in seen, w
            seen.add(w)
    m = RULES["mentions"]
    for key in ("stop_names", "stop_short", "not_regions", "short_not_before"):
        assert all(isinstance(w, str) and w for w in m[key]), key
    d = RULES["document"]
    assert d["strong_weight"] > d["medium_weight"] >= d["other_weight"] > 0
    growth = re.compile(m["subject_growth"])
    assert all(growth.match(ex) for ex in m["subject_growth_examples"])
    assert not any(growth.match(ex) for ex in m["subject_growth_not"])
    speaker = re.compile(m["speaker_clause"])
    assert all(speaker.fullmatch(ex) for ex in m["speaker_clause_examples"])
    assert not any(speaker.search(ex) for ex in m["speaker_clause_not"])


@pytest.mark.parametrize(
    "full,short",
    [
        ("湘西土家族苗族自治州", "湘西"),
        ("广西壮族自治区", "广西"),
        ("新疆维吾尔自治区", "新疆"),
        ("内蒙古自治区", "内蒙古"),
        ("莫力达瓦达斡尔族自治旗", "莫力达瓦"),
        ("鄂伦春自治旗", "鄂伦春"),
        ("阿里地区", "阿里"),
        ("神农架林区", "神农架"),
        ("浦东新区", "浦东"),
        ("香港特别行政区", "香港"),
        ("锡林郭勒盟", "锡林郭勒"),
        ("醴陵市", "醴陵"),
        ("井陉矿区", None),
        ("涉县", None),
    ],
)
def test_short_names(full, short):
    rs = IDX.named(full)
    assert rs, full
    assert rs[0].short == short


# ------------------------------------------------------------------ resolve
@pytest.mark.parametrize(
    "name,kw,code,expect",
    [
        # the document's city breaks a tie between namesakes
        ("天元区", {"context_city": "株洲市"}, "430211", "天元区"),
        ("鼓楼区", {"context_city": "南京市"}, "320106", "鼓楼区"),
        ("鼓楼区", {"context_city": "福州市"}, "350102", "鼓楼区"),
        ("鼓楼区", {"context_city": "徐州市"}, "320302", "鼓楼区"),
        ("鼓楼区", {"context_city": "320100"}, "320106", "鼓楼区"),  # context as a code
        ("新华区", {"context_city": "沧州市"}, "130902", "新华区"),
        ("新华区", {"context_province": "河南省"}, "410402", "新华区"),
        ("朝阳区", {"context_city": "北京市"}, "110105", "朝阳区"),
        ("朝阳区", {"context_province": "吉林省"}, "220104", "朝阳区"),
        ("城关区", {"context_city": "兰州市"}, "620102", "城关区"),
        # a county's context is its city and province too
        ("西湖区", {"context_city": "萧山区"}, "330106", "西湖区"),
        # short names
        ("株洲", {}, "430200", "株洲市"),
        ("醴陵", {}, "430281", "醴陵市"),
        ("温州", {}, "330300", "温州市"),
        ("广西", {}, "450000", "广西壮族自治区"),
        ("内蒙古", {}, "150000", "内蒙古自治区"),
        ("恩施", {}, "422800", "恩施土家族苗族自治州"),
        ("长阳", {}, "420528", "长阳土家族自治县"),
        # a short name shared across levels means the higher one, unless the context says
        ("吉林", {}, "220000", "吉林省"),
        ("吉林", {"context_province": "吉林省"}, "220000", "吉林省"),
        ("吉林", {"context_city": "吉林市"}, "220200", "吉林市"),
        ("朝阳", {}, "211300", "朝阳市"),
        # historical names by year
        ("清苑", {"context_city": "保定市", "year": 2010}, "130622", "清苑县"),
        ("清苑", {"context_city": "保定市", "year": 2024}, "130608", "清苑区"),
        ("清苑", {"context_city": "保定市"}, "130608", "清苑区"),
        ("徐水", {"year": 2009}, "130625", "徐水县"),
        ("徐水", {"year": 2018}, "130609", "徐水区"),
        ("萧山", {"year": 1996}, "330181", "萧山市"),
        ("萧山", {"year": 2020}, "330109", "萧山区"),
        ("番禺", {"year": 1995}, "440181", "番禺市"),
        ("番禺", {"year": 2012}, "440113", "番禺区"),
        ("襄樊", {}, "420600", "襄樊市"),
        ("襄都区", {}, "130502", "襄都区"),
        ("桥东区", {"context_city": "邢台市", "year": 2018}, "130502", "桥东区"),
        # a full name is taken as written even out of its years
        ("徐水县", {"year": 2024}, "130625", "徐水县"),
        # chains of names
        ("南京市鼓楼区", {}, "320106", "鼓楼区"),
        ("福州鼓楼", {}, "350102", "鼓楼区"),
        ("保定清苑", {"year": 2012}, "130622", "清苑县"),
        # spelling variants of the code table
        ("墉桥区", {}, "341302", "埇桥区"),
    ],
)
def test_resolve(name, kw, code, expect):
    r = rg.resolve(name, **kw)
    assert r is not None, (name, kw)
    assert (r.code, r.name) == (code, expect)


@pytest.mark.parametrize(
    "name,kw",
    [
        ("鼓楼区", {}),  # four cities have one
        ("新华区", {}),
        ("通州区", {"context_province": "河北省"}),  # Beijing's or Nantong's
        ("全市", {}),
        ("不存在县", {}),
        ("", {}),
    ],
)
def test_resolve_none(name, kw):
    assert rg.resolve(name, **kw) is None


def test_region_helpers():
    tianyuan = rg.resolve("天元区", context_city="株洲市")
    assert tianyuan.short == "天元" and tianyuan.level == "county"
    assert tianyuan.parent_code == "430200"
    assert rg.city_of(tianyuan).name == "株洲市"
    assert rg.province_of(tianyuan).name == "湖南省"
    assert rg.full_path(rg.resolve("清苑区")) == "河北省保定市清苑区"
    dongcheng = rg.resolve("东城区", context_city="北京市")
    assert rg.city_of(dongcheng).name == "北京市"  # a municipality is its districts' city
    assert rg.city_of(rg.resolve("北京市")).name == "北京市"
    assert rg.city_of(rg.resolve("湖北省")) is None
    xiantao = rg.resolve("仙桃市")
    assert rg.city_of(xiantao) == xiantao  # county-level, directly under the province
    assert rg.province_of(xiantao).name == "湖北省"
    assert rg.city_of(rg.resolve("宜昌市")).name == "宜昌市"
    assert IDX.by_code("130502", 2015).name == "桥东区"
    assert IDX.by_code("130502", 2022).name == "襄都区"
    assert IDX.by_code("130502").name == "襄都区"
    assert rg.resolve("萧山市").valid_in(1999) and not rg.resolve("萧山市").valid_in(2005)


# ----------------------------------------------------------------- mentions
def _m(text, **kw):
    return [(m.name, m.region.code if m.region else None) for m in rg.find_mentions(text, **kw)]


@pytest.mark.parametrize(
    "text,kw,want",
    [
        (
            "2023年，南京市鼓楼区地区生产总值增长6%，江宁区完成投资120亿元。",
            {},
            [("南京市", "320100"), ("鼓楼区", "320106"), ("江宁区", "320115")],
        ),
        ("徐州市鼓楼区新增就业1.2万人", {}, [("徐州市", "320300"), ("鼓楼区", "320302")]),
        ("绍兴、宁波两地联动", {}, [("绍兴", "330600"), ("宁波", "330200")]),
        ("支持柯桥区、上虞区、诸暨市对标全国百强", {"context_city": "绍兴市"},
         [("柯桥区", "330603"), ("上虞区", "330604"), ("诸暨市", "330681")]),
        ("浙江省杭州市余杭区", {}, [("浙江省", "330000"), ("杭州市", "330100"), ("余杭区", "330110")]),
        ("广西、内蒙古、西藏三地", {}, [("广西", "450000"), ("内蒙古", "150000"), ("西藏", "540000")]),
        # not names: whole-area words, common words, words that hold a name
        ("全市上下、全县人民", {}, []),
        ("加快建设创新平台，新增城镇就业", {"context_province": "浙江省"}, []),
        ("践行“绿水青山就是金山银山”理念", {}, []),
        ("新华社杭州3月5日电", {}, [("杭州", "330100")]),
        ("中山路改造提升", {}, []),
        ("完成县级一般公共预算收入", {"context_city": "宜昌市"}, []),
        ("隆重庆祝建党百年", {"context_province": "浙江省"}, []),
        # a weak name far from home is dropped; a province-level one is kept
        ("与北京、上海开展合作，宜都、枝江加快发展", {"context_city": "宜昌市"},
         [("北京", "110000"), ("上海", "310000"), ("宜都", "420581"), ("枝江", "420583")]),
        # a name out of use for years is not looked for in a dated text
        ("襄樊市", {"year": 2020}, []),
        ("襄樊市", {}, [("襄樊市", "420600")]),
        ("萧山市经济", {"year": 1998}, [("萧山市", "330181")]),
    ],
)
def test_find_mentions(text, kw, want):
    assert _m(text, **kw) == want


def test_mention_offsets_and_order():
    text = "2024年，宜昌市夷陵区、猇亭区和长阳土家族自治县分别增长8%、7%、6%，恩施州和湘西州紧随其后；湖北省宜昌市西陵区。"
    ms = rg.find_mentions(text)
    assert ms, text
    last = 0
    for m in ms:
        assert text[m.start:m.end] == m.name
        assert m.start >= last
        last = m.end
    names = [m.name for m in ms]
    assert names[:4] == ["宜昌市", "夷陵区", "猇亭区", "长阳土家族自治县"]
    # an autonomous prefecture's everyday form (恩施州, 湘西州: short name and 州) is found whole, as the prefecture
    assert {m.name: m.region.code for m in ms if m.name in ("恩施州", "湘西州")} == {"恩施州": "422800", "湘西州": "433100"}
    assert next(m for m in ms if m.name == "西陵区").region.code == "420502"


def test_mentions_carry_candidates_when_ambiguous():
    (m,) = rg.find_mentions("鼓楼区")
    assert m.region is None
    assert len(m.candidates) >= 3
    (m,) = rg.find_mentions("鼓楼区", context_city="福州市")
    assert m.region.code == "350102"


# -------------------------------------------------------------------- zones
def test_zone_names():
    yichang = rg.resolve("宜昌市")
    keqiao = rg.resolve("柯桥区")
    changsha = rg.resolve("长沙市")
    assert rg.zone_name("高新区", home=yichang) == "宜昌高新区"
    assert rg.zone_name("高新技术产业开发区", home=yichang) == "宜昌高新区"
    assert rg.zone_name("开发区", home=keqiao) == "柯桥经济开发区"
    assert rg.zone_name("经开区", home=changsha) == "长沙经开区"
    assert rg.zone_name("经开区", home=changsha, full=True) == "长沙经济技术开发区"
    assert rg.zone_name("物流园", home=yichang) == "宜昌物流园"  # unknown word: as written
    # the home is lifted per the zone's kind
    gulou = rg.resolve("鼓楼区", context_city="南京市")
    assert rg.zone_for("高新区", gulou) == "南京高新区"
    assert rg.zone_for("开发区", keqiao) == "柯桥经济开发区"
    assert rg.zone_for("自贸试验区", rg.resolve("宁波市")) == "浙江自贸试验区"


def test_find_zones():
    text = "宜昌高新区营业收入增长9%，高新区技工贸总收入增长8%"
    zs = rg.find_zones(text)
    assert [(z.word, z.name) for z in zs] == [("高新区", "宜昌高新区"), ("高新区", None)]
    for z in zs:
        assert text[z.start:z.end] == z.word


# ----------------------------------------------------------------- document
@pytest.mark.parametrize(
    "opening,code",
    [
        (
            (
                "政府工作报告\n——2023年1月10日在绍兴市柯桥区第三届人民代表大会第三次会议上\n"
                "绍兴市柯桥区人民政府区长 张某\n各位代表：\n现在，我代表区人民政府向大会报告工作。绍兴发展势头良好。\n"
            ),
            "330603",
        ),
        ("2025年浙江省政府工作报告\n——在浙江省第十四届人民代表大会第三次会议上\n省长 李某\n各位代表：\n", "330000"),
        (
            (
                "关于宜昌市2023年国民经济和社会发展计划执行情况与2024年计划草案的报告\n"
                "宜昌市发展和改革委员会主任 王某\n各位代表：\n受市人民政府委托……\n"
            ),
            "420500",
        ),
        (
            "2000年2月20日在萧山市第十二届人民代表大会第三次会议上\n萧山市人民政府市长 陈某\n各位代表：\n",
            "330181",
        ),
        (
            (
                "国务院印发通知\n\n新华社北京1月3日电 国务院近日印发通知，西藏、青海……\n\n"
                "宁波日报讯 1月3日，宁波市第十六届人民代表大会第四次会议开幕，宁波市人民政府市长作政府工作报告。\n"
            ),
            "330200",
        ),
        ("2024年温州发展目标和工作安排\n温州日报记者 林某\n\n温州今年主要预期目标是：\n", "330300"),
        ("政府工作报告\n——在福州市鼓楼区第十八届人民代表大会第四次会议上\n福州市鼓楼区人民政府区长\n", "350102"),
        ("2008年1月在徐州市鼓楼区第十四届人民代表大会第一次会议上\n", "320302"),
    ],
)
def test_document_region(opening, code):
    r = rg.document_region(opening)
    assert r is not None
    assert r.code == code, r


def test_a_shared_district_name_is_told_by_its_city_named_beyond_the_opening():
    # four cities have a 鼓楼区; the title names none of them and the city comes up only after the opening
    filler = "我们坚持稳中求进，推动高质量发展，各项工作取得新的成效。\n" * 120
    head = "鼓楼区人民政府工作报告\n——2023年1月6日在鼓楼区第十八届人民代表大会第二次会议上\n"
    assert rg.document_region(head + filler) is None
    r = rg.document_region(head + filler + "我们服务徐州市发展大局，与云龙区、泉山区协同推进老城更新。\n")
    assert r is not None and r.code == "320302", r
    # neighbours of two candidates named as often: still undecided
    assert rg.document_region(head + filler + "与徐州市、南京市的交流不断加深。\n") is None


def test_document_region_none():
    assert rg.document_region("各位代表：\n现在，我代表政府向大会报告工作。\n") is None
    assert rg.document_region("") is None


# --------------------------------------------------------------------- misc
def test_load_is_cached_and_rebuilds_the_same():
    # (how long loading takes is a benchmark's figure: benchmarks/speed.py prints the warm-up with the rule
    # tables; a timed assertion here failed CI on a loaded machine)
    assert rg.RegionIndex.load() is rg.load_index()
    fresh = rg.RegionIndex.from_toml(RAW)
    assert fresh is not rg.load_index()
    for code, year in (("130502", 2015), ("130502", 2022), ("430211", None)):
        assert fresh.by_code(code, year) == rg.load_index().by_code(code, year)


def test_module_doctests():
    res = run_doctests(rg)  # (a compiled module's examples too)
    assert res.attempted >= 3 and res.failed == 0
