"""Follow-up of a plan's promises (planwatch/analyse/followup.py, `planwatch followup`), on text
written for these tests: a made-up city's plan for 2025 and two reviews of 2025."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from planwatch.analyse.followup import (
    BEHIND,
    CONTRADICTED,
    DONE,
    IN_PROGRESS,
    NOT_MENTIONED,
    passage,
    summarise,
)
from planwatch.cli import app
from planwatch.model import Document
from planwatch.services.followup import follow_doc, followup

PLAN = """澜江市2025年政府工作报告
——2025年1月10日在澜江市第九届人民代表大会第四次会议上
各位代表：
一、2024年工作回顾
过去一年，全市地区生产总值增长5.8%。
二、2025年主要任务
（一）扎实推进项目建设。
1. 新引进亿元以上项目120个以上。
2. 加快推进云岭高速、澜北大道、北港物流园等项目建设。
3. 重点抓好星河电子产业园等十大产业项目。
4. 推动西湖水厂扩建工程开工。
"""

REVIEW_A = """澜江市2026年政府工作报告
——2026年1月12日在澜江市第九届人民代表大会第五次会议上
一、2025年工作回顾
云岭高速公路达到通车条件，澜北大道即将开工建设。筹建澜江科创中心。新签约亿元以上项目130个。
"""

REVIEW_B = """澜江市人民政府关于2025年工作情况的报告
——2026年1月15日在澜江市人民代表大会常务委员会上
2025年，澜江科创中心建成开园，北港物流园加快建设。
"""


@pytest.fixture(scope="module")
def rows():
    docs = [follow_doc(Document(n, t)) for n, t in
            (("plan.txt", PLAN), ("review_a.txt", REVIEW_A), ("review_b.txt", REVIEW_B))]
    return followup(docs, "澜江市", 2025)


def _row(rows, name, type_="project"):
    return next(r for r in rows if r.type == type_ and r.name == name)


def test_statuses(rows):
    assert _row(rows, "云岭高速").status == DONE
    assert _row(rows, "澜北大道").status == BEHIND
    assert _row(rows, "北港物流园").status == IN_PROGRESS
    assert _row(rows, "星河电子产业园").status == NOT_MENTIONED
    assert _row(rows, "西湖水厂扩建工程").status == NOT_MENTIONED


def test_a_report_contradicting_another_is_listed(rows):
    r = _row(rows, "澜江科创中心")
    assert r.status == CONTRADICTED and not r.promised
    assert {s.doc for s in r.evidence} == {"review_a.txt", "review_b.txt"}


def test_evidence_is_grounded(rows):
    texts = {"plan.txt": PLAN, "review_a.txt": REVIEW_A, "review_b.txt": REVIEW_B}
    r = _row(rows, "云岭高速")
    assert r.task.startswith("加快推进云岭高速") and r.promised_stage == "in_progress"
    assert r.reached == "completed"
    for s in (*r.promise, *r.evidence):
        t = texts[s.doc]
        assert t[s.start:s.end] == s.text
        assert t[s.passage_start:s.passage_start + len(s.passage)] == s.passage
        assert s.passage_start <= s.start < s.passage_start + len(s.passage)
    assert r.evidence[0].text == "云岭高速公路" and r.evidence[0].confidence >= 0.9


def test_a_target_uses_the_scorecard(rows):
    r = _row(rows, "亿元以上项目", "figure")
    assert r.status == DONE and r.promised_stage.startswith("120") and r.reached.startswith("130")
    assert r.task.startswith("新引进亿元以上项目")


def test_summary(rows):
    s = summarise(rows)
    assert s["project"][DONE] >= 1 and s["figure"][DONE] >= 1


def test_passage_stops_at_the_sentence():
    text = "甲。乙建成丙桥，丁。戊"
    assert passage(text, text.index("丙"), text.index("丙") + 2) == ("乙建成丙桥，丁。", 2)


def test_cli_followup(tmp_path):
    for n, t in (("plan.txt", PLAN), ("review_a.txt", REVIEW_A), ("review_b.txt", REVIEW_B)):
        (tmp_path / n).write_text(t, encoding="utf-8")
    r = CliRunner().invoke(app, ["followup", str(tmp_path), "--region", "澜江", "--period", "2025",
                                 "--format", "jsonl", "--type", "project"])
    assert r.exit_code == 0, r.output
    got = {x["name"]: x["status"] for x in map(json.loads, r.stdout.splitlines())}
    assert got["云岭高速"] == DONE and got["澜江科创中心"] == CONTRADICTED
    r = CliRunner().invoke(app, ["followup", str(tmp_path), "--region", "澜江市", "--period", "2025", "--format", "csv"])
    assert r.exit_code == 0 and r.stdout.startswith("region,period,type,name")
    r = CliRunner().invoke(app, ["followup", str(tmp_path), "--region", "澜江市"])
    assert r.exit_code == 2


def test_one_side_of_a_road_pair_matches_unsure():
    from planwatch.extract.project_match import compare

    got = compare("澜江青云大道—岳阳白沙路", "白沙大道", "澜江市", "澜江市")
    assert got is not None and got[0] < 0.9
    assert compare("澜江青云大道—岳阳白沙路", "白石大道", "澜江市", "澜江市") is None
    assert compare("澜江青云大道—岳阳白沙路", "澜江青云大道—岳阳白沙路", "澜江市", "澜江市")[0] == 1.0


def test_a_name_found_again_takes_the_stage_after_it():
    from planwatch.services.followup import stage_after

    text = "青石站顺利开工，乙"
    assert stage_after(text, 3)[0] == "started"
    assert stage_after("青石站位于城东，乙", 3)[0] == "unknown"


def test_started_is_no_delay_for_a_promise_under_way():
    from planwatch.analyse.followup import Source, _status
    from planwatch.analyse.rules import load

    ev = [Source("b.txt", 0, 3, "青石站", "started", "actual", "2025", "青石站开工。", 0, 1.0)]
    assert _status("in_progress", ev, load().followup)[0] == IN_PROGRESS
    ev = [Source("b.txt", 0, 3, "青石站", "preparing", "actual", "2025", "青石站即将开工。", 0, 1.0)]
    assert _status("in_progress", ev, load().followup)[0] == BEHIND


def test_a_broken_followup_table_is_refused(tmp_path):
    from planwatch.analyse.rules import RULES_FILE, load
    from planwatch.errors import ConfigError

    good = RULES_FILE.read_text(encoding="utf-8")
    for old, new, what in (('unknown_promise = "in_progress"', 'unknown_promise = "opened"', "not stages"),
                           ("in_progress = 2, completed = 3", "in_progress = 2", "rank"),
                           ("sure = 0.9", "sure = 1.5", "sure")):
        f = tmp_path / f"analyse_{what.replace(' ', '_')}.toml"
        f.write_text(good.replace(old, new), encoding="utf-8")
        with pytest.raises(ConfigError, match=what):
            load(f)
