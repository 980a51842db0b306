"""The document context stage: its decisions, their evidence, and each fact's `why`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planwatch import extract_text
from planwatch.extract import places
from planwatch.extract.context import build_context, document_context
from planwatch.extract.pipeline import extract
from planwatch.extract.textview import make_view
from planwatch.model import Document
from planwatch.read import iter_inputs, read_file

SHARED = Path(__file__).resolve().parents[2] / "shared"

CITY_NO_TITLE = """各位代表：
现在，我代表市人民政府，向大会报告工作，请予审议。

一、2023年工作回顾
我们牢记总书记视察江西时的重要讲话精神。全市地区生产总值增长4.9%，九江高新区加快发展，九江港吞吐量增长。
彭泽县地区生产总值增长6.1%。全市规模以上工业增加值增长7.5%。
二、2024年主要预期目标
全市地区生产总值增长5.5%左右。
"""


def test_context_of_a_report_without_title_or_dateline():
    ctx = document_context(CITY_NO_TITLE)
    d = ctx.to_dict()
    assert d["region"] == "九江市" and d["region_code"] == "360400"
    assert "speaker" in d["region_evidence"] and "九江市" in d["region_evidence"]
    assert d["date"] == "2024-01" and d["date_confidence"] == "medium"
    assert (d["review_year"], d["plan_year"]) == (2023, 2024)
    kinds = [(s["kind"], s["period"]) for s in d["sections"] if s["source"] == "heading"]
    assert kinds == [("actual", "2023"), ("target", "2024")]


def test_weak_evidence_is_said_not_hidden():
    ctx = document_context("全市工作稳步推进，各项事业取得新进展。")
    assert ctx.date is None and ctx.dating.confidence == "none"
    assert ctx.home.name is None and ctx.home.confidence == "none"
    ext = extract(Document(name="x", text="各位代表：全市地区生产总值增长5%，城镇新增就业1万人。"))
    assert any("no date found" in w for w in ext.warnings)
    assert any("no home region" in w for w in ext.warnings)


def test_overrides_win_and_say_so():
    ctx = document_context(CITY_NO_TITLE, date="2024-12-25", region="彭泽县")
    assert str(ctx.date) == "2024-12-25" and ctx.dating.source == "given (--date)"
    assert ctx.home.name == "彭泽县" and ctx.home.source == "given (--region)"


def test_extract_and_metadata_date_agree():
    """A page's metadata date is read by the engine itself, below the text's own dateline."""
    text = "今年全市地区生产总值增长6%左右。"
    doc = Document(name="p.html", text=text, format="html", meta={"date": "2025-01-16"})
    [f] = extract(doc).facts
    assert (f.kind.value, f.period) == ("target", "2025")
    [g] = extract_text(text, date="2025-01-16")
    assert (g.kind, g.period) == (f.kind, f.period)


def test_region_does_not_depend_on_the_order_figures_are_asked():
    text = ("彭泽县经济稳步增长，工业增加值增长8%。全县粮食产量稳定。\n"
            "九江市高新区发展加快，营业收入增长12%，全市进出口总额增长3%。\n")
    folded = make_view(text).folded
    _, home = build_context(folded, region="九江市")
    clean = make_view(text).clean
    home.prepare(clean)
    positions = [m.start() for m in re.finditer(r"\d+%", clean)]
    forward = [home.region_for(clean, 0, p) for p in positions]
    _, home2 = build_context(folded, region="九江市")
    home2.prepare(clean)
    backward = [home2.region_for(clean, 0, p) for p in reversed(positions)][::-1]
    assert forward == backward
    assert forward[0][0] == "彭泽县"


def test_home_by_form_ignores_the_dateline_day():
    home = places.home_from(type("D", (), {"code": None, "name": None})(),
                            "——2025年1月18日在云岭市第十六届人民代表大会第三次会议上", 2025)
    assert home.name == "云岭市"


# ---- every fact's why names a real piece of evidence ----

_SECTION = re.compile(r"section '([^']+)'")
_CLAUSE = re.compile(r"clause '([^']+)'")
_RELATIVE = re.compile(r"'(今年|本年|本年度|去年|上年|上一年|明年)' \+ document date")
_HOME = re.compile(r"home(?: \(全.后? ?[^)]*\))? (\S+) \(")
_OPENS = re.compile(r"opens with '([^']+)'")


def _check_why(fact, text: str, ctx) -> list[str]:
    why = fact.why or ""
    bad = []
    if not why.startswith("kind") or "period" not in why.split("; region: ")[0] or "; region: " not in why:
        return [f"{fact.surface}: malformed why {why!r}"]
    squeezed = re.sub(r"\s+", "", text)
    for h in _SECTION.findall(why):
        if h not in squeezed:
            bad.append(f"{fact.surface}: section {h!r} is not in the text")
    for w in _CLAUSE.findall(why):
        if not re.fullmatch(r"\d{4}年", w) and w not in re.sub(r"\s+", "", fact.evidence):
            bad.append(f"{fact.surface}: clause word {w!r} not in its evidence")
    for w in _RELATIVE.findall(why):
        if w not in squeezed:
            bad.append(f"{fact.surface}: {w!r} not in the text")
    for name in _HOME.findall(why):
        if name != ctx.home.name:
            bad.append(f"{fact.surface}: home {name!r} is not the context's {ctx.home.name!r}")
    for w in _OPENS.findall(why):
        if w.strip() not in squeezed:
            bad.append(f"{fact.surface}: opening {w!r} not in the text")
    return bad


WHY_TEXTS = [CITY_NO_TITLE,
             ("Date: Wed, 17 Jan 2024 09:12:00 +0800\n常德市人代会开幕。报告提出，2024年全市地区生产总值预期增长6.5%左右。"
              "去年全市地区生产总值增长4.8%。\n")]


@pytest.mark.parametrize("text", WHY_TEXTS)
def test_why_names_real_evidence_on_written_texts(text):
    ctx = document_context(text)
    facts = extract_text(text)
    assert facts
    problems = [p for f in facts for p in _check_why(f, text, ctx)]
    assert not problems, problems


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared is not here")
def test_why_names_real_evidence_on_the_development_sets():
    problems = []
    n = 0
    for path in iter_inputs([SHARED / "seeds", SHARED / "dev" / "docs"]):
        doc = read_file(path)
        ext = extract(doc)
        for f in ext.facts:
            n += 1
            problems += [f"{doc.name}: {p}" for p in _check_why(f, doc.text, ext.context)]
    assert n > 900
    assert not problems, problems[:10]


def test_a_long_numbered_heading_before_a_blank_line_is_no_wrapped_line():
    # a heading of 24+ characters with no full stop, then a blank line: its break stays, so the paragraph's
    # subject (去年两县…完成) opens a sentence of its own; a wrapped prose line (no heading mark) is still joined
    heading = "（三）县域和郊区经济加快发展，城乡一体化进程明显加快"
    prose = "全市上下坚持稳中求进的工作总基调，扎实推进各项改革任务，经济"
    text = f"{heading}\n\n去年两县和三郊区完成生产总值512亿元。\n\n{prose}\n\n运行总体平稳。\n"
    clean = make_view(text).clean
    assert heading + "\n\n去年两县" in clean
    assert prose + "运行总体平稳" in clean


def test_the_plan_years_main_work_under_a_targets_heading_is_a_plan_section():
    # 二、2026年目标任务和主要工作 in a report of January 2026: 主要工作 of the plan year plans (三、2026年主要工作
    # does), so the heading opens targets of 2026 rather than leaving its kind to the sentences
    text = ("政府工作报告\n——2026年1月14日在廊坊市第十届人民代表大会第五次会议上\n一、2025年工作回顾\n"
            "全市地区生产总值增长5.8%。\n二、2026年目标任务和主要工作\n实施亿元以上项目260个。\n")
    ctx = document_context(text)
    sec = ctx.section_at(text.index("实施"))
    assert (sec.kind, sec.period) == ("target", "2026"), sec
    # …and `planwatch context` lists the heading as a plan, not as a review the sentences later overrule
    at = text.index("二、2026")
    assert [(s.kind, s.period) for s in ctx.sections if s.start == at] == [("target", "2026")], ctx.sections
