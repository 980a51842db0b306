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
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from .context import DocDate, DocumentContext, Section, plan_span
from .lexicon import context_rules, found_matches

_SENTENCE_LEAD_CUT = re.compile(r"[，,：:]")


class Reading(NamedTuple):  # (a tuple: one is built for every figure)
    kind: str
    period: str | None
    why_kind: str
    why_period: str


class CueSpans(NamedTuple):
    """Where one kind of cue word stands, sorted: (start, end, word) and, apart, the starts (a figure's
    lookup bisects ints, not tuples)."""

    spans: tuple[tuple[int, int, str], ...]
    starts: tuple[int, ...]

    @classmethod
    def of(cls, spans: tuple[tuple[int, int, str], ...]) -> CueSpans:
        return cls(spans, tuple(a for a, _, _ in spans))

    def last_in(self, start: int, pos: int) -> str | None:
        """The word of the last span lying inside [start, pos)."""
        spans = self.spans
        k = bisect_left(self.starts, pos) - 1  # the last span starting before pos
        while k >= 0 and spans[k][0] >= start:
            if spans[k][1] <= pos:
                return spans[k][2]
            k -= 1
        return None


@dataclass(frozen=True)
class Cues:
    """Where a document's cue words stand (found once per document; each figure then looks up its
    clause with a bisect): relative years, goal words, comparisons with a goal, estimates."""

    relative: CueSpans   # comparisons' bases left out
    goals: CueSpans
    blocked: CueSpans
    estimates: CueSpans


def cues_of(clean: str) -> Cues:
    rules = context_rules()
    # (relative years open with a few characters, found with str.find: found_matches)
    rel = tuple((m.start(), m.end(), m.group(0)) for m in found_matches(rules.relative_re, clean)
                if not (m.start() and clean[m.start() - 1] in rules.relative_not_after)
                and not clean.startswith(rules.relative_not_before, m.end()))

    def spans(pattern: re.Pattern[str]) -> tuple[tuple[int, int, str], ...]:
        return tuple((m.start(), m.end(), m.group(0)) for m in pattern.finditer(clean))

    names = [m.span() for m in rules.clause_target_not_re.finditer(clean)]
    goals = spans(rules.clause_target_re)
    if names:  # 科技计划项目, 计划生育: the goal word is part of a name
        goals = tuple(g for g in goals if not any(a <= g[0] < b for a, b in names))
    return Cues(CueSpans.of(rel), CueSpans.of(goals), CueSpans.of(spans(rules.clause_blocked_re)),
                CueSpans.of(spans(rules.estimate_re)))


def relative_year(cues: Cues, start: int, pos: int, ctx: DocumentContext) -> tuple[int, str] | None:
    """The last relative year word (今年, 去年, 明年) in [start, pos) that names the figure's year,
    not a comparison's base (比去年, 较上年, 去年同期): (year, word)."""
    date = ctx.date
    if date is None or date.month is None or ctx.dating.confidence == "low":
        return None  # a year alone, or a guess from the years named, cannot tell 今年 from 去年
    word = cues.relative.last_in(start, pos)
    if word is None:
        return None
    return date.year + context_rules().relative_years[word], word


def goal_words(cues: Cues, start: int, pos: int) -> str | None:
    """A goal word in [start, pos) (预期, 力争, 目标 …), unless the words compare with a goal
    already met (超过预期目标, 完成年度计划的105%)."""
    word = cues.goals.last_in(start, pos)
    if word is None or cues.blocked.last_in(start, pos) is not None:
        return None
    return word


def _goal(clean: str, cues: Cues, s_start: int, c_start: int, pos: int, sec: Section) -> str | None:
    """Goal words of the clause, or of the sentence's first clause (今年的主要目标是：…) outside a review."""
    goal = goal_words(cues, c_start, pos)
    if goal or sec.kind == "actual" or cues.blocked.last_in(c_start, pos) is not None:
        return goal  # (计划新增的40万…，已完成29万人: the figure's own clause compares with the plan)
    first_clause_end = _SENTENCE_LEAD_CUT.search(clean, s_start, pos)
    return goal_words(cues, s_start, first_clause_end.end()) if first_clause_end else None


@lru_cache(maxsize=64)  # (the same for every figure of a section)
def _default(sec: Section, date: DocDate | None) -> tuple[str, str | None, str]:
    """The kind, period and why a section gives its figures (the same for all of them)."""
    review = date.review_year if date else None
    if sec.kind is None:
        return ("actual", str(review) if review else None,
                f"document date {date} with no heading (weak)" if date else "no date, no heading")
    if sec.source == "inferred":
        return sec.kind, sec.period, f"no heading; {sec.heading}"
    return sec.kind, sec.period, (f"section {sec.heading!r}" if sec.source != "default" else (
        f"opening before any heading, document date {date}" if date else "opening, no date"))


def read(clean: str, cues: Cues, ctx: DocumentContext, sec: Section, s_start: int, c_start: int, pos: int,
         explicit: str | None, lead: str | None, hedge: str = "") -> Reading:
    """Kind and period of the figure at clean offset `pos` (clause from c_start, sentence from
    s_start), given the explicit year of its clause and the year its sentence opens with."""
    date = ctx.date
    review = date.review_year if date else None
    plan = date.plan_year if date else None
    # 4. and 3.: the document's date, then the section
    kind, period, why_k = _default(sec, date)
    why_p = why_k
    # 1.: the clause's goal words; the first clause of the sentence counts too (今年的主要目标是：…)
    goal = _goal(clean, cues, s_start, c_start, pos, sec) if kind != "target" else None
    if goal:
        kind, why_k = "target", f"clause {goal!r}"
        if sec.kind != "target":
            period, why_p = (str(plan) if plan else None), f"clause {goal!r} + plan year of {date}"
    # with no heading at all, a figure hedged as goals are (增长7%左右) is a target
    hedged = sec.kind is None and not goal and bool(hedge) and plan is not None
    if hedged:
        kind, why_k = "target", f"no heading; {hedge!r} after the number"
        period, why_p = str(plan), f"{hedge!r} + plan year of {date}"
    # an estimate of the year under review, even among the targets (预计全年…, 预计地区生产总值增长0.2%)
    est = cues.estimates.last_in(s_start, pos) if kind == "target" and not goal else None
    if est:
        kind, why_k = "actual", f"clause {est!r}"
        period, why_p = (str(review) if review else None), f"clause {est!r} + review year of {date}"
    # 2.: a paragraph among the targets that turns back to the year reviewed (…。过去一年，…取得新成绩。
    # 全市地区生产总值增长6.9%): its figures with no goal words are results
    # (the turn must stand after the section's own target phrase and at most two sentences or so before)
    if kind == "target" and not goal and not hedged and sec.kind == "target" and review is not None \
            and (back := _turn_back(clean, max(clean.rfind("\n", 0, s_start) + 1, s_start - 300), s_start, pos)):
        kind, why_k = "actual", f"paragraph turns to the year reviewed ({back.group(0)[:-1]!r})"
        period, why_p = str(review), why_k
    # 2. and 1.: years named by the sentence or the clause
    rel = relative_year(cues, s_start, pos, ctx)
    year = explicit or lead
    if year:
        period, why_p = year, f"clause {year}年" if explicit else f"sentence opens with {year}年"
    elif rel:
        period, why_p = str(rel[0]), f"{rel[1]!r} + document date {date}"
    if (year or rel) and review is not None and period and period.isdigit():
        y = int(period)
        if kind == "actual" and y > review and date and date.month is not None:
            kind, why_k = "target", f"{why_p}: after the review year {review}"
        elif kind == "target" and (rel or (lead and hedged)) and y <= review \
                and not _goal(clean, cues, s_start, c_start, pos, sec):
            # (刚刚过去的2025年，…增长5%左右: a hedge is no goal of a year already reviewed)
            kind, why_k = "actual", f"{why_p}: the review year {review} or before"
        elif kind == "target" and explicit and y < review and not goal_words(cues, c_start, pos):
            # 人均预期寿命从2020年的82.4岁…, under a heading of targets: a year already over holds no goal
            kind, why_k = "actual", f"{why_p}: before the review year {review}"
    if kind == "target" and not year and plan is not None:
        span = future_span(clean, sec, c_start, pos, plan)
        if span is None and sec.plan and period == sec.period \
                and not context_rules().five_prose_re.search(clean, clean.rfind("\n", 0, pos) + 1, pos) \
                and (avg := context_rules().average_re.search(clean, c_start, pos)):
            span = sec.plan, f"five-year plan {sec.plan} + {avg.group(0)!r}"  # (its title names the plan)
        if span:
            period, why_p = span
    elif kind == "target" and year and year.isdigit() and plan is not None and plan < int(year) <= plan + 10 \
            and (avg := context_rules().average_re.search(clean, c_start, pos)):
        # 到2015年，地区生产总值年均增长13%: an average from the plan year to the year aimed at
        period, why_p = f"{plan}-{year}", f"{why_p} + {avg.group(0)!r}"
    return Reading(kind, period, why_k, why_p)


def _turn_back(clean: str, a: int, s_start: int, pos: int) -> re.Match[str] | None:
    """The last sentence in [a, s_start] opening on the year reviewed (过去一年，…), unless targets are
    announced between it and the figure (主要预期目标是：…)."""
    last = _review_opener(clean, a, s_start)
    if last is None or context_rules().inline_target_re.search(clean, last.end(), pos):
        return None
    return last


@lru_cache(maxsize=64)
def _review_opener(clean: str, a: int, s_start: int) -> re.Match[str] | None:
    """The last sentence in [a, s_start] opening on the year reviewed (the same for every figure of a
    sentence; its pattern is tried at every position: read once per sentence)."""
    last = None
    for last in context_rules().review_sentence_re.finditer(clean, a, s_start + 1):
        pass
    return last


def future_span(clean: str, sec: Section, c_start: int, pos: int, plan: int) -> tuple[str, str] | None:
    """A target averaged over a coming plan period (未来五年…年均增长7%, “十四五”…年均): the plan's years,
    or the five years from the plan year; the marker from the figure's paragraph or its section heading."""
    rules = context_rules()
    if not rules.average_re.search(clean, c_start, pos):
        return None
    para = clean.rfind("\n", 0, pos) + 1
    m = rules.future_span_re.search(clean, para, pos) or rules.future_span_re.search(sec.heading)
    if m is None:
        return None
    first, last = plan_span(m.group(0), plan + 4)
    if first < plan - 1:  # a plan already under way names its own years; an old one is no future span
        return None
    return f"{first}-{last}", f"{m.group(0)!r} + {rules.average_re.search(clean, c_start, pos).group(0)!r}"
