"""A figure's kind (target or actual) and period, from the evidence nearest to it.

The documented order of evidence, strongest first:
1. the figure's clause: an explicit year (2025年…, 到2027年), a relative year (今年, 去年, 明年),
   goal words (预期, 目标, 力争, 确保, …) unless the clause compares with a goal met (超过预期目标);
2. its sentence: a sentence opening with the year it aims at (到2025年，…);
3. its section: the heading above it (一、2023年工作回顾; 二、2024年主要预期目标), or a coming plan period a
   heading or paragraph opened (今后五年…: levels for its last year, averages and sums 新增 for its span) until a
   sentence turns back to the plan year (今年是…开局之年);
4. the document's date: a report looks back on its review year and plans its plan year.
A single year after the review year cannot hold a result: such a figure is a target.
Each reading says which of these decided it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, NamedTuple

from .context import DocDate, DocumentContext, Section, plan_span, plan_year_turn
from .context.dates import cn_int
from .lexicon import context_rules, found_matches, may_match, plan_names

_SENTENCE_LEAD_CUT: Final = re.compile(r"[，,：:]")
_PLAN_NAME: Final = re.compile(plan_names()["@PLAN@"])
_LISTED_FIGURE: Final = re.compile(r"\d[^\d、，,；;]{0,6}、")  # a figure ending its item of a list (6%左右、)
_CJK: Final = re.compile(r"[\u4e00-\u9fff]")


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
    future: CueSpans     # 项目建成后, 未来将: what will be, in no stated year


# a programme's quoted name (“西江经济带项目建设三年攻坚计划”): longer than numbers.py's quoted names (`quoted_max`), which
# only keep a name's own numbers (“十大工程”) from being figures
_QUOTED_NAME: Final = re.compile(r"“[^“”\n，。；]{1,20}”")


def cues_of(clean: str) -> Cues:
    rules = context_rules()
    # (relative years open with a few characters, found with str.find: found_matches)
    rel = tuple((m.start(), m.end(), m.group(0)) for m in found_matches(rules.relative_re, clean)
                if not (m.start() and clean[m.start() - 1] in rules.relative_not_after)
                and not clean.startswith(rules.relative_not_before, m.end()))

    def spans(pattern: re.Pattern[str]) -> tuple[tuple[int, int, str], ...]:
        return tuple((m.start(), m.end(), m.group(0)) for m in pattern.finditer(clean))

    # (the names open with 用 or 计, found with str.find: re tries their alternation at every character)
    names = [m.span() for m in found_matches(rules.clause_target_not_re, clean)]
    goals = spans(rules.clause_target_re)
    if goals and "“" in clean:  # “珠江人才计划”: a goal word inside a quoted name names a programme
        names += [m.span() for m in _QUOTED_NAME.finditer(clean)]
    if names:  # 科技计划项目, 计划生育: the goal word is part of a name
        goals = _outside(goals, names)
    return Cues(CueSpans.of(rel), CueSpans.of(goals), CueSpans.of(spans(rules.clause_blocked_re)),
                CueSpans.of(spans(rules.estimate_re)), CueSpans.of(spans(rules.undated_future_re)))


def _outside(spans: tuple[tuple[int, int, str], ...], names: list[tuple[int, int]]) -> tuple[tuple[int, int, str], ...]:
    """The spans whose start lies inside none of `names` ([a, b), in any order, overlapping or not): the names are
    merged into sorted disjoint runs once, and each span bisects them (not a test of every name per span)."""
    starts: list[int] = []
    ends: list[int] = []
    for a, b in sorted(names):
        if ends and a <= ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    out = []
    for g in spans:
        k = bisect_right(starts, g[0]) - 1
        if k < 0 or g[0] >= ends[k]:
            out.append(g)
    return tuple(out)


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


def section_defaults(ctx: DocumentContext) -> tuple[tuple[str, str | None, str], ...]:
    """The kind, period and why each section gives its figures, by section index (the same for all the figures
    of a section: read once per document, and `read` is given its figure's)."""
    date = ctx.date
    return tuple(_section_default(sec, date) for sec in ctx.sections)


def _section_default(sec: Section, date: DocDate | None) -> tuple[str, str | None, str]:
    review = date.review_year if date else None
    if sec.kind is None:
        return ("actual", str(review) if review else None,
                f"document date {date} with no heading (weak)" if date else "no date, no heading")
    if sec.source == "inferred":
        return sec.kind, sec.period, f"no heading; {sec.heading}"
    return sec.kind, sec.period, (f"section {sec.heading!r}" if sec.source != "default" else (
        f"opening before any heading, document date {date}" if date else "opening, no date"))


def read(clean: str, cues: Cues, ctx: DocumentContext, sec: Section, default: tuple[str, str | None, str],
         s_start: int, c_start: int, pos: int, explicit: str | None, lead: str | None, hedge: str = "") -> Reading:
    """Kind and period of the figure at clean offset `pos` (clause from c_start, sentence from
    s_start), given the explicit year of its clause and the year its sentence opens with; `sec` is its
    section and `default` what the section gives its figures (section_defaults)."""
    date = ctx.date
    review = date.review_year if date else None
    plan = date.plan_year if date else None
    # 4. and 3.: the document's date, then the section
    kind, period, why_k = default
    why_p = why_k
    # 1.: the clause's goal words; the first clause of the sentence counts too (今年的主要目标是：…)
    goal = _goal(clean, cues, s_start, c_start, pos, sec) if kind != "target" else None
    if goal:
        kind, why_k = "target", f"clause {goal!r}"
        if sec.kind != "target":
            period, why_p = (str(plan) if plan else None), f"clause {goal!r} + plan year of {date}"
    if goal and sec.kind == "actual" and sec.period \
            and (aside := context_rules().phrases["goal_aside"].search(clean, max(s_start, pos - 20), pos)):
        # 增长9%（年度目标6%以上） in a review: the goal the year reviewed had, not the plan year's
        period, why_p = sec.period, f"a goal in an aside after a result ({aside.group(0)[1:]!r}): the section's year"
    elif goal and sec.kind == "actual" and sec.period \
            and (out := context_rules().phrases["plan_outcome"].match(clean[pos:pos + 60])):  # (its ^: the figure on)
        # 计划增长6.5%，预计完成6.1% in a review: the goal the year reviewed had, set beside its outcome
        period, why_p = sec.period, f"a goal set beside its outcome ({out.group(0)[-4:]!r}): the section's year"
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
    # a list led by goals compared with (部分经济指标未达预期：…; 超额完成年度目标的有：…) reports how they went
    if kind == "target" and not goal and not hedged and review is not None \
            and (colon := _SENTENCE_LEAD_CUT.search(clean, s_start, pos)) and colon.group(0) in "：:" \
            and cues.blocked.last_in(s_start, colon.start()) is not None:
        kind, why_k = "actual", f"a list led by {clean[s_start:colon.end()].strip()[-12:]!r}"
        period, why_p = str(review), why_k
    # 2.: a paragraph among the targets that turns back to the year reviewed (…。过去一年，…取得新成绩。
    # 全市地区生产总值增长6.9%): its figures with no goal words are results
    # (the turn must stand after the section's own target phrase and at most two sentences or so before)
    if kind == "target" and not goal and not hedged and sec.kind == "target" and review is not None \
            and (back := _turn_back(clean, max(clean.rfind("\n", 0, s_start) + 1, s_start - 300), s_start, pos,
                                    review)):
        kind, why_k = "actual", f"paragraph turns to the year reviewed ({back.group(0)[:-1]!r})"
        period, why_p = str(review), why_k
    # 1.: what a project will do once done (项目建成后，可实现年产值50亿元): a target of no stated year
    fut = cues.future.last_in(s_start, pos) if not (explicit or lead) else None
    if fut:
        kind, why_k = "target", f"sentence {fut!r}: once done, no year"
        period, why_p = None, why_k
    # 2. and 1.: years named by the sentence or the clause
    rel = relative_year(cues, s_start, pos, ctx) if not fut else None
    year = explicit or lead
    if year:
        period, why_p = year, f"clause {year}年" if explicit else f"sentence opens with {year}年"
    elif rel:
        period, why_p = str(rel[0]), f"{rel[1]!r} + document date {date}"
    if kind == "actual" and year and "-" in year and review is not None and int(year[:4]) > review \
            and date and date.month is not None:
        kind, why_k = "target", f"{why_p}: after the review year {review}"  # 预计2013—2020年，…年均增长12%
    elif (year or rel) and review is not None and period and period.isdigit():
        y = int(period)
        if kind == "actual" and y > review and date and date.month is not None:
            kind, why_k = "target", f"{why_p}: after the review year {review}"
        elif kind == "target" and y <= review and (said := _goal(clean, cues, s_start, c_start, pos, sec)) \
                and said in context_rules().estimate_goals:
            # 预计到2008年，…将达到86亿元 in a report of 2009: expected of a year already reviewed, an estimate
            kind, why_k = "actual", f"{why_p}: {said!r} of the review year {review} or before, an estimate"
        elif kind == "target" and (rel or lead) and y <= review \
                and not _goal(clean, cues, s_start, c_start, pos, sec):
            # (刚刚过去的2025年，…增长5%左右: a hedge is no goal of a year already reviewed; 2013年部分指标未能实现
            # 预期目标的情况：…)
            kind, why_k = "actual", f"{why_p}: the review year {review} or before"
        elif kind == "target" and explicit and y <= review and not goal_words(cues, c_start, pos) \
                and (y < review or not _goal(clean, cues, s_start, c_start, pos, sec)):
            # 人均预期寿命从2020年的82.4岁…, under a heading of targets: a year already over holds no goal (报告显示，
            # 2023年全市地区生产总值增长5.6%, on a news page headed by the plan: the year reviewed, with no goal word)
            kind, why_k = "actual", f"{why_p}: " + (f"before the review year {review}" if y < review
                                                    else f"the review year {review}, no goal word")
    if kind == "target" and plan is not None and (span := _target_years(clean, sec, s_start, c_start, pos, plan,
                                                                         period, why_p, year)):
        period, why_p = span
    ph = context_rules().phrases
    if period and period.isdigit() and ph["on_last_year"].search(clean, c_start, pos) and ph["base_after"].match(clean, pos):
        # 在上年增长15.7%的基础上又增长14.5%: the base is the year before the figure's own
        period, why_p = str(int(period) - 1), f"{why_p}; the base 在上年…的基础上, the year before"
    elif period and period.isdigit() and (was := ph["last_year_value"].search(clean, max(c_start, pos - 8), pos)):
        # 研发投入强度由上年的2.44%提高到2.6%: the value a change starts from is the year before's
        if kind != "actual":
            kind, why_k = "actual", f"{was.group(0)!r}: the year before's value, a result"
        period, why_p = str(int(period) - 1), f"{why_p}; {was.group(0)!r}: the year before's value"
    return Reading(kind, period, why_k, why_p)


def _target_years(clean: str, sec: Section, s_start: int, c_start: int, pos: int, plan: int, period: str | None,
                  why_p: str, year: str | None) -> tuple[str, str] | None:
    """The years a target covers when more than its section's or sentence's year says: years of effort in its
    sentence, a turn back to the plan year inside a plan period, an average or sum over a plan period, an average
    up to a year aimed at; else None."""
    if not year and (both := context_rules().phrases["this_and_next"].search(clean, s_start, pos)):
        return f"{plan}-{plan + 1}", f"sentence {both.group(0)!r}: the plan year and the next"  # 今明两年投资3.2亿元
    if not year and (effort := _effort(clean, s_start, pos)):
        # 力争经过五年的努力，使…达到12%: the last of those years from the plan year (or the year named: 从2020年起)
        start = effort[2] or plan
        last = start + effort[0] - 1
        return (f"{start}-{last}" if _average(clean, c_start, pos) else str(last)), f"sentence {effort[1]!r} from {start}"
    if not year and sec.plan and period == sec.period \
            and (turn := plan_year_turn(clean, clean.rfind("\n", 0, pos) + 1, pos, plan)):
        # …。2016年是…开局之年…。主要预期目标是：… inside a plan period's paragraphs: the plan year's targets
        return str(plan), f"sentence opens on the plan year ({turn!r})"
    if not year:
        span = future_span(clean, sec, s_start, c_start, pos, plan)
        if span is None and sec.plan and period == sec.period \
                and not _looks_back(clean, clean.rfind("\n", 0, pos) + 1, pos, sec.plan) \
                and (avg := _average(clean, c_start, pos)):
            span = sec.plan, f"plan period {sec.plan} + {avg.group(0)!r}"  # (its title or heading names it)
        return span
    if year.isdigit() and plan < int(year) <= plan + 10 and (avg := _average(clean, c_start, pos)):
        # 到2015年，地区生产总值年均增长13%: an average from the plan year to the year aimed at
        return f"{plan}-{year}", f"{why_p} + {avg.group(0)!r}"
    return None


def _effort(clean: str, s_start: int, pos: int) -> tuple[int, str, int | None] | None:
    """(years, words, first year if named: 从2020年起) of the effort a sentence counts before the figure (经过五年的
    努力, 用三年时间), else None."""
    m = context_rules().effort_years_re.search(clean, s_start, pos)
    if m is None:
        return None
    n = cn_int(m.group("n"))
    since = None
    for since in context_rules().phrases["effort_since"].finditer(clean, s_start, m.start()):
        pass
    return (n, m.group(0), int(since.group(1)) if since else None) if n and 1 < n <= 10 else None


def _average(clean: str, c_start: int, pos: int) -> re.Match[str] | None:
    """The average word (年均, 累计) of the figure at `pos`: in its clause, after the figure before it in a list
    (年均增长6%、总量突破4200亿元: the level is no average)."""
    lo = c_start
    m: re.Match[str] | None
    for m in _LISTED_FIGURE.finditer(clean, c_start, pos):
        lo = m.end()
    if lo > c_start and not _CJK.search(clean, lo, pos):
        lo = c_start  # 年均分别增长9%、10%: the figures of one list share its words
    m = context_rules().average_re.search(clean, lo, pos)
    if m is not None and m.group(0) == "每年" and pos - m.end() > 8:
        return None  # (每年…提高到每人240元: a level reached, not a figure of each year)
    if m is not None and m.group(0) == "五年" and context_rules().phrases["reached"].search(clean, max(m.end(), pos - 4),
                                                                                           pos):
        return None  # (力争五年全省发电装机达到1275万千瓦: the level at the end of them)
    return m


def _looks_back(clean: str, para: int, pos: int, plan: str) -> bool:
    """Does the paragraph before `pos` look back on a period before the plan's (“十三五”时期，全省…; 过去五年)?
    The period it names last decides (结合“十四五”时期的基础，“十五五”时期主要目标是：…)."""
    first = int(plan[:4])
    last = None
    for last in context_rules().five_prose_re.finditer(clean, para, pos):
        pass  # (the period named last before the figure is the one it speaks of)
    return last is not None and plan_span(last.group(0), first - 1)[1] < first  # (an unnamed one is past)


def _turn_back(clean: str, a: int, s_start: int, pos: int, review: int) -> re.Match[str] | None:
    """The last sentence in [a, s_start] opening on the year reviewed (过去一年，…; 刚刚过去的2015年，…), unless
    targets are announced between it and the figure (主要预期目标是：…)."""
    last = _review_opener(clean, a, s_start, review)
    if last is None or context_rules().inline_target_re.search(clean, last.end(), pos):
        return None
    return last


@lru_cache(maxsize=64)
def _review_opener(clean: str, a: int, s_start: int, review: int) -> re.Match[str] | None:
    """The last sentence in [a, s_start] opening on the year reviewed (the same for every figure of a
    sentence; review_sentence_re is tried at every position: read once per sentence)."""
    last = None
    rules = context_rules()
    # (most stretches hold none of the words these need, 过去, 一年来: a few str finds spare re a try at each position)
    if may_match(rules.review_sentence_re, clean, a, s_start + 1):
        for last in rules.review_sentence_re.finditer(clean, a, s_start + 1):
            pass
    opens = rules.phrases["review_year_opens"]
    for m in opens.finditer(clean, a, s_start + 1) if may_match(opens, clean, a, s_start + 1) else ():
        if int(m.group(1)) == review and (last is None or m.start() > last.start()):
            last = m
    return last


_WEAK_AVERAGES: Final = ("新增", "累计")


def future_span(clean: str, sec: Section, s_start: int, c_start: int, pos: int, plan: int) -> tuple[str, str] | None:
    """A target averaged over a coming plan period (未来五年…年均增长7%, “十四五”…年均): the plan's years,
    or the five years from the plan year; the marker from the figure's paragraph or its section heading. A plan
    named in the figure's own sentence gives its years even under way."""
    rules = context_rules()
    avg = _average(clean, c_start, pos)
    if avg is None:
        return None
    own = None
    for own in rules.future_span_re.finditer(clean, s_start, pos):
        pass
    if own is not None and _PLAN_NAME.search(own.group(0)):
        first, last = plan_span(own.group(0), plan + 4)
        if first <= plan <= last:  # “十三五”规划提出…年均增长8% in 2018: the plan it names, under way
            return f"{first}-{last}", f"{own.group(0)!r} + {avg.group(0)!r}"
    para = clean.rfind("\n", 0, pos) + 1
    end = pos
    if avg.group(0) in _WEAK_AVERAGES:
        # a sum (新增, 累计) takes a plan named in the paragraph's lead, up to its first full stop or colon, or in its
        # own sentence: 高质量完成“十五五”规划编制 later in a paragraph of the year's work names a task, no period
        end = min((i for i in (clean.find(ch, para, pos) for ch in "。：:") if i >= 0), default=pos)
    m = rules.future_span_re.search(clean, para, end) or (own if end < pos else None) \
        or rules.future_span_re.search(sec.heading)
    if m is None:
        return None
    first, last = plan_span(m.group(0), plan + 4)
    if first < plan - 1:  # a plan already under way names its own years; an old one is no future span
        return None
    return f"{first}-{last}", f"{m.group(0)!r} + {avg.group(0)!r}"


# the month a part of a year ends in (一季度 3, 上半年 6, 前三季度 9, 1-4月 4, 前两个月 2)
_PART_ENDS: Final = ((re.compile(r"前[三3]季度"), 9), (re.compile(r"前[两二]季度"), 6), (re.compile(r"上半年"), 6),
              (re.compile(r"下半年|[四4]季度"), 12), (re.compile(r"[一1]季度"), 3), (re.compile(r"[二2]季度"), 6),
              (re.compile(r"[三3]季度"), 9))
_PART_MONTH: Final = re.compile(r"[-－—～~至到]([0-9]{1,2})月|^([0-9]{1,2})月|截至([0-9]{1,2})月|前([0-9]{1,2}|[两二三四五六七八九十]{1,2})个月")


def part_over(part: str, date: DocDate | None) -> bool:
    """Is a part of the plan year (一季度, 1-4月) over by the document's date (a report delivered in May, 我省一季度
    地区生产总值下降3%)? Its figure is then a result, whatever the section plans."""
    if not part or date is None or date.month is None or date.year != date.plan_year:
        return False
    end = next((m for p, m in _PART_ENDS if p.search(part)), None)
    if end is None and (n := _PART_MONTH.search(part)):
        end = cn_int(next(g for g in n.groups() if g))
    return end is not None and date.month > end
