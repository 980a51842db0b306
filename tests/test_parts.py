"""context/parts.py: the parts of a text with no heading, from its paragraphs' own words."""

from __future__ import annotations

from planwatch.extract.context import document_context
from planwatch.extract.context.dates import DocDate
from planwatch.extract.context.parts import evidence, inferred_parts, paragraphs
from planwatch.extract.lexicon import context_rules

JAN_2025 = DocDate(2025, 1, 20)  # review 2024, plan 2025


def _texts(text: str) -> list[str]:
    return [text[s:e] for s, e in paragraphs(text)]


def test_paragraphs_blank_lines_lists_wrapped_lines_and_titles():
    text = ("固原市政府工作报告解读\n"
            "2025年1月20日\n"
            "过去一年，全市生产总值\n"
            "增长5.3%，财政收入增长4%。\n"
            "\n"
            "主要预期目标：\n"
            "- 生产总值增长6%左右\n"
            "- 城镇新增就业1.2万人\n"
            "\n"
            "全市新建学校4所。\n"
            "全年新增病床300张。\n")
    assert _texts(text) == [
        "固原市政府工作报告解读",          # a title goes on in nothing
        "2025年1月20日",
        "过去一年，全市生产总值\n增长5.3%，财政收入增长4%。",  # a wrapped line goes on
        "主要预期目标：\n- 生产总值增长6%左右\n- 城镇新增就业1.2万人",  # lead-in and its list
        "全市新建学校4所。",                # a line ending its sentence ends the paragraph
        "全年新增病床300张。",
    ]


def test_evidence_counts_each_way_and_opening_words_twice():
    rules = context_rules()

    def ev(t: str) -> tuple[int, int]:
        plan, review, _ = evidence(t, 0, len(t), JAN_2025, rules)
        return plan, review

    assert ev("预计全年生产总值增长5%左右，投资增长3%左右") == (0, 2)      # estimate at the opening: twice; 左右 not counted
    assert ev("生产总值增长6%左右，投资增长8%左右") == (2, 0)              # hedges alone count for the plan
    assert ev("2025年，力争生产总值增长6%") == (4, 0)                      # plan year and 力争, both opening
    assert ev("全区生产总值增长5.2%，各项指标全面实现了年初确定的目标") == (0, 1)  # a goal met: the review's
    assert ev("全年实施省级科技计划项目85项") == (0, 0)                    # a programme's name is no goal
    assert ev("全市生产总值比去年增长5%") == (0, 0)                        # 比去年: a comparison's base


def test_inferred_parts_turn_once_with_their_evidence():
    text = ("去年，全区生产总值增长5.1%，新增就业8000人。\n"
            "园区以建成百亿产业集群为目标，完成投资12亿元。\n"   # one goal word: no clear lead
            "今年，全区力争生产总值增长6%，新增就业9000人。\n"
            "新建公园3个。\n")
    parts = inferred_parts(text, JAN_2025)
    assert [(kind, text[s:s + 3]) for s, kind, _ in parts] == [("actual", "去年，"), ("target", "今年，")]
    assert "今年" in parts[1][2] and "力争" in parts[1][2]


def test_no_parts_without_a_month_or_with_headings():
    text = "去年，全区生产总值增长5.1%。\n今年，力争生产总值增长6%。\n"
    assert inferred_parts(text, DocDate(2025)) == []  # a year alone cannot tell plan from review
    headed = "一、2024年工作回顾\n" + text + "二、2025年主要目标\n全区生产总值增长6%左右。\n"
    ctx = document_context(headed, date="2025-01-20")
    assert all(s.source != "inferred" for s in ctx.sections)


def test_context_shows_inferred_parts():
    text = "2025年1月20日\n过去一年，全区生产总值增长5.1%。\n今年，全区力争生产总值增长6%，新增就业9000人。\n"
    ctx = document_context(text)
    inferred = [s for s in ctx.sections if s.source == "inferred"]
    assert [(s.kind, s.period) for s in inferred] == [("actual", "2024"), ("target", "2025")]
    assert inferred[1].heading.startswith("plan from '今年")
