"""The plan's structure (planwatch/extract/tasks.py, rules/tasks.toml), on text written for these
tests: other places, years and projects."""

from __future__ import annotations

import json
import re
import tomllib
from importlib import resources

import pytest
from typer.testing import CliRunner

from planwatch.cli import app
from planwatch.errors import ConfigError
from planwatch.extract.lexicon import parse_task_rules, task_rules
from planwatch.extract.tasks import extract_tasks, find_tasks, innermost, leaves
from planwatch.model import Document

RAW = tomllib.loads(resources.files("planwatch.rules").joinpath("tasks.toml").read_text(encoding="utf-8"))

PLAN = """澜江市2026年政府工作报告
——2026年1月12日在澜江市第九届人民代表大会第五次会议上
各位代表：
一、2025年工作回顾
（一）项目建设提速。青石大桥建成通车，全年固定资产投资增长6.2%。
（二）民生持续改善。新增城镇就业3.1万人。
二、2026年主要任务
（一）扎实推进项目建设。
1. 实施重点项目300个，完成投资800亿元以上。
2. 加快推进云岭高速、北港物流园等项目建设。
①抓好澜北城际铁路项目前期。
②推进西湖公园提质改造。
（二）持续增进民生福祉。新增城镇就业3万人以上。
1. 地区生产总值增速\t7%左右
"""


@pytest.fixture(scope="module")
def nodes():
    return extract_tasks(Document("plan.txt", PLAN))


def _by_heading(nodes):
    return {n.heading: n for n in nodes}


def _marker_cases():
    for m in RAW["markers"]:
        for ex in m.get("examples", []):
            yield pytest.param(m["pattern"], ex, True, id=f"{m['name']}-yes-{ex[:8]}")
        for ex in m.get("not", []):
            yield pytest.param(m["pattern"], ex, False, id=f"{m['name']}-no-{ex[:8]}")


def _inline_cases():
    for m in RAW["inline"]:
        for ex in m.get("examples", []):
            yield pytest.param(m["pattern"], ex, True, id=f"{m['name']}-yes-{ex[:8]}")
        for ex in m.get("not", []):
            yield pytest.param(m["pattern"], ex, False, id=f"{m['name']}-no-{ex[:8]}")


@pytest.mark.parametrize("pattern, text, matches", list(_inline_cases()))
def test_inline_examples(pattern, text, matches):
    assert (re.match(pattern, text) is not None) == matches


@pytest.mark.parametrize("pattern, text, matches", list(_marker_cases()))
def test_marker_examples(pattern, text, matches):
    assert (re.match(pattern, text) is not None) == matches


def test_the_tree(nodes):
    got = _by_heading(nodes)
    review, plan = got["2025年工作回顾"], got["2026年主要任务"]
    assert review.level == plan.level == 1 and review.parent is plan.parent is None
    area = got["扎实推进项目建设"]
    assert area.parent == plan.id and area.level == 2
    task = got["加快推进云岭高速、北港物流园等项目建设"]
    assert task.parent == area.id and task.level == 3
    sub = got["抓好澜北城际铁路项目前期"]
    assert sub.parent == task.id and sub.level == 4 and sub.marker == "①"
    # the next （二） closes the 1./① tasks and is the area's sibling
    assert got["持续增进民生福祉"].parent == plan.id


def test_offsets_and_spans(nodes):
    for n in nodes:
        assert PLAN[n.heading_start:n.heading_end] == n.heading
        assert n.start <= n.heading_start <= n.heading_end <= n.end <= len(PLAN)
        assert PLAN[n.start:n.end].strip() == PLAN[n.start:n.end]
        if n.parent is not None:
            p = nodes[n.parent]
            assert p.start <= n.start and n.end <= p.end


def test_a_table_row_is_no_task(nodes):
    assert not any(n.heading.startswith("地区生产总值增速") for n in nodes)


def test_role_and_period(nodes):
    got = _by_heading(nodes)
    assert (got["项目建设提速"].role, got["项目建设提速"].period) == ("review", "2025")
    assert (got["扎实推进项目建设"].role, got["扎实推进项目建设"].period) == ("plan", "2026")


def test_facts_and_projects_inside(nodes):
    got = _by_heading(nodes)
    t = got["实施重点项目300个，完成投资800亿元以上"]
    assert {f.kind.value for f in t.facts} == {"target"} and {f.value for f in t.facts} >= {300.0, 800.0}
    task = got["加快推进云岭高速、北港物流园等项目建设"]
    assert {m.name for m in task.projects} >= {"云岭高速", "北港物流园", "澜北城际铁路"}
    assert {m.name for m in got["抓好澜北城际铁路项目前期"].projects} == {"澜北城际铁路"}
    assert "青石大桥" in {m.name for m in got["项目建设提速"].projects}
    for n in nodes:
        assert all(n.start <= f.start < n.end for f in n.facts)


def test_leaves_and_innermost(nodes):
    got = _by_heading(nodes)
    assert got["抓好澜北城际铁路项目前期"] in leaves(nodes)
    assert got["扎实推进项目建设"] not in leaves(nodes)
    pos = PLAN.index("西湖公园")
    assert innermost(nodes, pos).heading == "推进西湖公园提质改造"


def test_bullets_markdown_and_number_space_headings():
    text = ("# 青石县2026年工作安排\n\n## 重点任务\n\n1 大抓项目建设\n\n- 建成澜北大桥\n- 新增就业5000人\n\n"
            "这一段不属于任何条目。\n\n2 大抓民生保障\n\n- 建设青石中学\n\n\n\n广告：本版与政府工作报告无关。\n")
    ns = find_tasks(text, doc="x")
    heads = [(n.heading, n.level, n.parent) for n in ns]
    assert heads[0] == ("青石县2026年工作安排", 1, None)
    assert ("大抓项目建设", 3, 1) in heads and ("大抓民生保障", 3, 1) in heads
    bullet = next(n for n in ns if n.heading == "建成澜北大桥")
    assert text[bullet.start:bullet.end] == "- 建成澜北大桥"
    last = next(n for n in ns if n.heading == "建设青石中学")
    area = next(n for n in ns if n.heading == "大抓民生保障")
    assert "广告" not in text[area.start:area.end]  # blank lines close the numbered area …
    assert "广告" in text[ns[0].start:ns[0].end]     # … not the markdown heading
    assert last.parent == area.id
    # a number, a space and a sentence is no heading
    assert not find_tasks("3 个项目已经开工。全年完成投资。\n", doc="y")


def test_a_broken_rules_file_is_refused():
    raw = json.loads(json.dumps(RAW))
    raw["markers"][0]["rank"] = 3
    with pytest.raises(ConfigError, match="rank"):
        parse_task_rules(raw, "tasks.toml")
    raw = json.loads(json.dumps(RAW))
    raw["markers"][0]["pattern"] = "(["
    with pytest.raises(ConfigError, match="tasks.toml"):
        parse_task_rules(raw, "tasks.toml")
    with pytest.raises(ConfigError, match="unknown"):
        parse_task_rules({**RAW, "extra": {}}, "tasks.toml")
    assert task_rules().markers


def test_cli_tasks(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text(PLAN, encoding="utf-8")
    r = CliRunner().invoke(app, ["tasks", str(p)])
    assert r.exit_code == 0, r.output
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert any(x["heading"] == "扎实推进项目建设" and x["role"] == "plan" for x in rows)
    r = CliRunner().invoke(app, ["tasks", str(p), "--format", "table"])
    assert r.exit_code == 0 and "扎实推进项目建设" in r.stdout
    r = CliRunner().invoke(app, ["tasks", str(tmp_path / "missing.txt")])
    assert r.exit_code != 0


def test_tasks_inside_a_paragraph():
    text = ("（一）做强产业。**工业提速。**新建青石大桥，新增就业5000人。**服务业提质。**建成白沙物流园。\n"
            "（二）改善民生。一是建设青石中学，二是改造白沙医院。统一是原则。\n"
            "（三）守住底线。一是防范风险。\n")
    ns = find_tasks(text, doc="x")
    by = {n.heading: n for n in ns}
    a, b = by["工业提速"], by["服务业提质"]
    assert a.parent == by["做强产业"].id and a.level == 2 and a.marker == "**" and a.style == "bold"
    assert text[a.start:a.end] == "**工业提速。**新建青石大桥，新增就业5000人。"
    assert text[b.start:b.end] == "**服务业提质。**建成白沙物流园。"
    e1, e2 = by["建设青石中学"], by["改造白沙医院"]
    assert e1.parent == e2.parent == by["改善民生"].id and e1.marker == "一是"
    assert text[e2.start:e2.end] == "二是改造白沙医院。统一是原则。"  # 统一是 opens nothing
    assert "防范风险" not in by  # one 一是 is no list
