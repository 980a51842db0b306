"""Named projects (planwatch/extract/projects.py) and their matching across documents
(project_match.py), on text written for these tests: other places, roads and parks."""

from __future__ import annotations

import json

import pytest

from planwatch.extract.project_match import compare, match_projects
from planwatch.extract.projects import FIELDS, extract_projects
from planwatch.model import Document

PLAN = """澜江市2025年政府工作报告
——2025年1月10日在澜江市第九届人民代表大会第四次会议上
各位代表：
一、2024年工作回顾
过去一年，全市经济稳中有进。云岭大道、澜江二桥等28个重点项目竣工投产，青石新材料产业园、海湾物流基地等40个项目开工建设，西环高速、江北快速路加快推进。澜江大桥建成通车，市第三人民医院投入使用。
二、2025年主要任务
推进澜沧、云江、澜北高速公路等项目建设；抓好北山机场、澜江至青石城际铁路等项目前期。建设城市公园、口袋公园，推进老旧小区改造，实施“美丽澜江”行动，打造“一江两岸”品牌。引进星河智造等一批重点项目。加快以澜江职院、青石技院为主体的职教城建设。推动江湾片区和北港物流园提质改造。
"""

REVIEW = """澜江市2026年政府工作报告
——2026年1月12日在澜江市第九届人民代表大会第五次会议上
一、2025年工作回顾
澜沧高速公路、澜北高速达到通车条件，青石至澜江城际铁路开工建设，北山高速纳入省高速公路规划。云江高速加快建设。
"""


@pytest.fixture(scope="module")
def plan():
    return extract_projects(Document("2025.txt", PLAN))


def _by_name(ms):
    return {m.name: m for m in ms}


def test_offsets_are_sacred(plan):
    assert plan, "no projects found"
    for m in plan:
        assert PLAN[m.start:m.end] == m.name
        assert list(m.to_dict()) == list(FIELDS)


def test_a_list_shares_the_stage_after_it(plan):
    got = _by_name(plan)
    assert got["云岭大道"].stage == got["澜江二桥"].stage == "completed"
    assert got["青石新材料产业园"].stage == got["海湾物流基地"].stage == "started"
    assert got["西环高速"].stage == got["江北快速路"].stage == "in_progress"


def test_a_shared_head_stays_with_its_conjunct(plan):
    got = _by_name(plan)
    assert {"澜沧", "云江", "澜北高速公路"} <= set(got)
    assert "澜沧、云江、澜北高速公路" not in got


def test_stage_words(plan):
    got = _by_name(plan)
    assert got["北山机场"].stage == got["澜江至青石城际铁路"].stage == "preparing"  # 抓好…等项目前期
    assert got["澜江大桥"].stage == "completed"       # 建成通车
    assert got["市第三人民医院"].stage == "completed"  # 投入使用
    assert got["星河智造"].stage == "signed"          # 引进…等一批重点项目


def test_categories_slogans_and_prepositions_are_no_projects(plan):
    names = {m.name for m in plan}
    for word in ("城市公园", "口袋公园", "老旧小区改造", "美丽澜江", "一江两岸", "澜江职院", "青石技院", "职教城"):
        assert not any(word in n for n in names), word


def test_kind_and_period_follow_the_section(plan):
    got = _by_name(plan)
    assert (got["云岭大道"].kind, got["云岭大道"].period) == ("actual", "2024")
    assert (got["北山机场"].kind, got["北山机场"].period) == ("target", "2025")


def test_region_is_the_home_by_default(plan):
    assert {m.region for m in plan} == {"澜江市"}


def test_review_stages():
    got = _by_name(extract_projects(Document("2026.txt", REVIEW)))
    assert got["澜沧高速公路"].stage == got["澜北高速"].stage == "completed"
    assert got["青石至澜江城际铁路"].stage == "started"
    assert got["北山高速"].stage == "preparing"        # 纳入…规划
    assert got["云江高速"].stage == "in_progress"
    assert all(m.kind == "actual" and m.period == "2025" for m in got.values())


def test_a_name_written_again_is_a_mention_of_its_own():
    text = "二、2025年主要任务\n加快建设云岭科创基金港。目前已有12家机构入驻云岭科创基金港，规模达30亿元。\n"
    ms = extract_projects(Document("x.txt", text))
    assert [(m.name, m.stage) for m in ms] == [("云岭科创基金港", "in_progress"), ("云岭科创基金港", "unknown")]


@pytest.mark.parametrize("a, b", [
    ("澜沧高速", "澜沧高速公路"),
    ("澜江至青石高速", "青石至澜江高速"),      # 甲至乙 = 乙至甲
    ("市公卫中心", "市公共卫生中心"),
    ("疾控中心", "市疾控中心"),
    ("西环高速扩容", "西环扩容工程"),
    ("澜江新材料产业园城城更新", "澜江新材料产业园城市更新"),  # one misprinted character in a long name
    ("江湾南路延伸段", "江湾南路融城干道"),     # the same named road
])
def test_names_that_match(a, b):
    assert compare(a, b) is not None


@pytest.mark.parametrize("a, b", [
    ("澜青高速", "澜北高速"),                  # one character apart, but short: two roads
    ("北山机场", "北山高速"),                  # different types
    ("澜江二桥东匝道", "澜江二桥西匝道"),       # east is not west
    ("澜北城际", "澜北高速"),
    ("江湾", "江湾大桥"),                      # a bare place name is no bridge
])
def test_names_that_do_not_match(a, b):
    assert compare(a, b) is None


def test_a_bare_name_matches_a_typed_one_only_with_its_lists_head():
    """云江 of 澜沧、云江、澜北高速公路 is a 高速; a bare 云江 (a district of a list of 片区) is not."""
    assert compare("云江", "云江高速公路", head_a="澜北高速公路") is not None
    assert compare("云江", "云江高速公路") is None


def test_matches_pair_mentions_of_two_documents():
    a = extract_projects(Document("2025.txt", PLAN))
    b = extract_projects(Document("2026.txt", REVIEW))
    pairs = match_projects(a + b)
    assert pairs and all(p.a.doc == "2025.txt" and p.b.doc == "2026.txt" for p in pairs)
    names = {(p.a.name, p.b.name) for p in pairs}
    assert ("澜北高速公路", "澜北高速") in names
    assert ("云江", "云江高速") in names
    assert ("澜江至青石城际铁路", "青石至澜江城际铁路") in names
    assert ("北山机场", "北山高速") not in names
    d = json.loads(pairs[0].to_json())
    assert set(d) == {"a", "b", "confidence"} and set(d["a"]) == {"doc", "start", "end"}
    assert 0 < d["confidence"] <= 1
