"""A figure's kind (target or actual) and period, from the evidence nearest to it.

The documented order of evidence, strongest first:
1. the figure's clause: an explicit year (2025年…, 到2027年), a relative year (今年, 去年, 明年),
   goal words (预期, 目标, 力争, 确保, …) unless the clause compares with a goal met (超过预期目标);
2. its sentence: a sentence opening with the year it aims at (到2025年，…);
3. its section: the heading above it (一、2023年工作回顾; 二、2024年主要预期目标);
4. the document's date: a report looks back on its review year and plans its plan year.
A single year after the review year cannot hold a result: such a figure is a target.
Each reading says which of these decided it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .context import DocumentContext, Section
from .lexicon import context_rules

_SENTENCE_LEAD_CUT = re.compile(r"[，,：:]")


@dataclass(frozen=True, slots=True)
class Reading:
    kind: str
    period: str | None
    why_kind: str
    why_period: str


def relative_year(clean: str, start: int, pos: int, ctx: DocumentContext) -> tuple[int, str] | None:
    """The last relative year word (今年, 去年, 明年) in clean[start:pos] that names the figure's year,
    not a comparison's base (比去年, 较上年, 去年同期): (year, word)."""
    if ctx.date is None or ctx.date.month is None:
        return None  # a year alone (a guess from the years named) cannot tell 今年 from 去年
    rules = context_rules()
    found = None
    for m in rules.relative_re.finditer(clean, start, pos):
        if m.start() and clean[m.start() - 1] in rules.relative_not_after:
            continue
        if clean.startswith(rules.relative_not_before, m.end()):
            continue
        found = m
    if found is None:
        return None
    return ctx.date.year + rules.relative_years[found.group(0)], found.group(0)


def goal_words(clean: str, start: int, pos: int) -> str | None:
    """A goal word in clean[start:pos] (预期, 力争, 目标 …), unless the words compare with a goal
    already met (超过预期目标, 完成年度计划的105%)."""
    rules = context_rules()
    m = None
    for m in rules.clause_target_re.finditer(clean, start, pos):
        pass
    if m is None:
        return None
    if rules.clause_blocked_re.search(clean, start, pos):
        return None
    return m.group(0)


def read(clean: str, ctx: DocumentContext, sec: Section, s_start: int, c_start: int, pos: int,
         explicit: str | None, lead: str | None) -> Reading:
    """Kind and period of the figure at clean offset `pos` (clause from c_start, sentence from
    s_start), given the explicit year of its clause and the year its sentence opens with."""
    date = ctx.date
    review = date.review_year if date else None
    plan = date.plan_year if date else None
    # 4. and 3.: the document's date, then the section
    if sec.kind is None:
        kind, period = "actual", str(review) if review else None
        why_k = why_p = f"document date {ctx.dating.date} with no heading (weak)" if date else "no date, no heading"
    else:
        kind, period = sec.kind, sec.period
        why_k = why_p = f"section {sec.heading!r}" if sec.source != "default" else (
            f"opening before any heading, document date {date}" if date else "opening, no date")
    # 1.: the clause's goal words; the first clause of the sentence counts too (今年的主要目标是：…)
    first_clause_end = _SENTENCE_LEAD_CUT.search(clean, s_start, pos)
    goal = goal_words(clean, c_start, pos) or (
        goal_words(clean, s_start, first_clause_end.end()) if first_clause_end and sec.kind != "actual" else None)
    if goal and kind != "target":
        kind, why_k = "target", f"clause {goal!r}"
        if sec.kind != "target":
            period, why_p = (str(plan) if plan else None), f"clause {goal!r} + plan year of {date}"
    # 2. and 1.: years named by the sentence or the clause
    rel = relative_year(clean, s_start, pos, ctx)
    year = explicit or lead
    if year:
        period, why_p = year, f"clause {year}年" if explicit else f"sentence opens 到{year}年"
    elif rel:
        period, why_p = str(rel[0]), f"{rel[1]!r} + document date {date}"
    if (year or rel) and review is not None and period and period.isdigit():
        y = int(period)
        if kind == "actual" and y > review and date and date.month is not None:
            kind, why_k = "target", f"{why_p}: after the review year {review}"
        elif kind == "target" and not goal and rel and y <= review:
            kind, why_k = "actual", f"{why_p}: the review year {review} or before"
    return Reading(kind, period, why_k, why_p)
