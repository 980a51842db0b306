"""Periods of several years: a figure summing up a plan period, a span back from a year, an average
from a named year; and the years a clause or sentence names for its figures.

Each function returns the period with the words that decided it (for a fact's `why`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Final

from .context import DocumentContext, Section, plan_span
from .context.dates import cn_int
from .indicators import left_phrase, verb_chain
from .lexicon import (
    context_rules,
    found_matches,
    lexicon,
    matches_from,
    plan_names,
    scanning,
    unit_kind,
    windowed_matches,
)
from .numbers import Candidate
from .segment import separators
from .textview import TextView
from .words import qualifier_word

_NEWLINE: Final = re.compile(r"\n")
_SENTENCE_ENDS: Final = "。！？；;\n"  # (for segment.separators)
# 到2025年，… / 力争到2027年底，…: a sentence that names the year its figures are for. Found from its
# 年 (re skips ahead to a literal, not to a year or an optional 到); the year and the word aiming at it
# (截至 before 至: the match a scan from the left would make) are read back from there.
# (2020年，…; and a year opening a sentence's subject, 2020年广州GDP为…，同比增长2.7%: its subjectless clauses after
# it are that year's too; not 2018年以来, 2021年1月, 2023年度, 2020年至…)
_YEAR_LEAD: Final = re.compile(r"年(?<=(?:19|20)\d\d年)(?:底|末)?(?:[，,]|(?=[\u4e00-\u9fff])"
                        r"(?!以来|来|月|度|以前|之前|前|起|开始|至|到|是|的|上半年|下半年|一季度|前三季度|第))")
_AIM_WORDS: Final = ("截至", "截止", "到", "至")
_RANGE_LEAD: Final = re.compile(r"((?:19|20)\d\d)年?\s*[-—–～~至到]\s*((?:19|20)\d\d)年(?:间|期间)?(?![底末的])")
_RANGE_JOINERS: Final = "-—–～~至到"  # (_RANGE_LEAD's)
# every 年 after a year (19xx, 20xx): the year phrases of sentence_years hold one, and are matched back from it
# (re skips ahead to a literal; a pattern opening with a year is tried at every digit of the text)
_YEAR_NIAN: Final = re.compile(r"年(?<=(?:19|20)\d\d年)")
_OPENS_WITH_YEAR: Final = r"((?:19|20)\d\d)年"
_AIM_YEAR: Final = re.compile(r"(?:到|至)((?:19|20)\d\d)年(?:底|末)?(?=[\u4e00-\u9fff])")
# (words a sentence may open with before its year: a goal word, or a retelling's source, 报告显示，2023年…)
_LEAD_WORDS: Final = re.compile(r"[-*\s]*(?:\[\d{1,3}\]|\d{1,2}[.、．])?\s*(?:力争|争取|确保|计划|预计|刚刚过去的|过去的)?"
                                r"(?:(?:报告|数据|统计|资料)(?:显示|指出|表明|称)[，,：:]?|(?:据|经)?初步(?:核算|统计)[，,：:]?|据统计[，,：:]?)?")
_RANK_SCOPE_TAIL: Final = re.compile(r"(?:全国|全省|全市)?第?$")
# how a level reached is counted, after its verb (提高到每人每月610元, 达到人均2.1万元): no part of the verb
_PER_HEAD_TAIL: Final = re.compile(r"(?:每人每月|每人每年|每人|每月|每年|年人均|人均)$")
_GAP: Final = re.compile(r"(?:高于|优于|超过|低于|好于)[^，,。；;]{0,10}(?:平均|目标|水平)")
_YEARS_BACK_ANY: Final = scanning(re.compile(r"(?<![\dA-Za-z_])(?:近(\d{1,2})年(?:来|间|内)?|(\d{1,2})年(?:来|间|内|累计|共|增长|提升|提高))[^\d，,。]{0,6}$"
                                      r"|(?<![\d一二两三四五六七八九十])(?P<cn>[两二三四五六七八九十])年[^\d，,。]{0,6}?(?:累计|共计|共)[^\d，,。]{0,6}$"))
_YEARS_BACK: Final = scanning(re.compile(r"(?<![\dA-Za-z_])(?:近)?([2-9])年(?:来|间|内)?(?:累计|共)?[^\d，,。]{0,6}$"))  # (not 比2000年)
# what may stand before a year opening its clause (the home named as the subject too: 我市2018年生产总值…)
_YEAR_OPENS: Final = re.compile(r"(?:力争|确保|争取|计划|预计|要)?(?:[我全本][市省区县州旗盟])?")
_SINCE_YEAR: Final = re.compile(r"(?:以来|来|起|开始|以后|后|之后|以前)")
_EXPLICIT_YEAR: Final = scanning(re.compile(r"(?<![较比是与同])(?:到|至|截至|截止|在)?((?:19|20)\d{2})年(?:的|底|末|前)?"))
# a figure of one year, even in a paragraph summing up five (全年…, 今年…, 2020年当年)
_ONE_YEAR: Final = re.compile(r"全年|今年|去年|当年|本年|比上年|较上年|同比")
# a clause opening on a number of years (五年, 近三年来, 过去5年间), not a grade, a plan or a time before or after
_CLAUSE_YEARS: Final = re.compile(r"(?:近|过去|这)?(\d{1,2}|[两二三四五六七八九十])年(?:来|间|内|中)?(?![级前后期的计规行攻度内以])")
_DOUBLED_IN: Final = re.compile(r"(?<![\d一二两三四五六七八九十])(\d{1,2}|[两二三四五六七八九十])年(?:来|间|内)?(?:翻了|翻)$")


def span_period(clean: str, five: dict[int, str], ctx: DocumentContext, c: Candidate, ostart: int, s_start: int,
                c_start: int, left: str, trig: str, measure: str, kind: str, period: str | None,
                named: bool) -> tuple[str | None, str] | None:
    """The span a figure covers instead of its single year, with why; None when it is that year's.
    `named`: the clause or sentence named the figure's year itself."""
    if not period or not period.isdigit():
        return None
    if kind == "actual" and c.unit == "番" and (d := _DOUBLED_IN.search(clean, max(c_start, c.start - 10), c.start)):
        n = cn_int(d.group(1)) or 0
        if 1 < n < 20:  # 五年翻了1.3番: doubled over the years it names, back from the year reviewed
            return f"{int(period) - n + 1}-{period}", f"{d.group(0)!r} back from {period}"
    out = None
    if not named and kind == "actual" and not _ONE_YEAR.search(clean, s_start, c.start):
        lo = max(s_start, c.start - 12)
        back = _YEARS_BACK_ANY.search(clean, lo, c.start) if clean.find("年", lo, c.start) >= 0 else None
        if (since := since_year(clean, s_start, c.start)) is not None and since < int(period):
            # 2014年以来，…投资到位额6250亿元: the years since the one named, up to the year reviewed
            out = span_or_end(c, left, measure, since, int(period), clean[s_start:c.start]), f"'{since}年以来' up to {period}"
        elif back:  # 近3年提升21个百分点: a span ending in the year reviewed
            n = cn_int(back.group("cn") or back.group(1) or back.group(2)) or 0
            if 1 < n < 20:
                out = f"{int(period) - n + 1}-{period}", f"{back.group(0)!r} back from {period}"
        elif (opens := _CLAUSE_YEARS.match(clean, c_start, c.start)) and 1 < (n := cn_int(opens.group(1)) or 0) < 20:
            # 五年财政民生投入860亿元: a clause opening on the years it sums up, back from the year reviewed
            y = int(period)
            out = span_or_end(c, left, measure, y - n + 1, y, clean[s_start:c.start]), f"{opens.group(0)!r} back from {period}"
        elif in_plan_period(clean, five, ctx, ostart, c_start, c.start, period):
            p5 = five_year_period(clean, five, c, s_start, left, trig, measure, int(period))
            if p5:
                out = p5, f"plan-period paragraph {marker(five[clean.rfind(chr(10), 0, c.start) + 1])!r}"
        elif (lead := _LEAD_YEARS_BACK.match(clean, s_start, c.start)) \
                and 1 < (n := cn_int(lead.group("cn") or lead.group("n")) or 0) <= _LEAD_YEARS_MAX \
                and not clean.find("年", lead.end(), c.start) >= 0 and not _AHEAD.search(lead.group(0)):
            # 改革开放40年来，全市地区生产总值增长153倍; 建市20年来，…: the years the sentence opens on, back from the
            # year reviewed (a level reached is that year's)
            y = int(period)
            out = span_or_end(c, left, measure, y - n + 1, y, clean[s_start:c.start]), f"{lead.group(0)[:-1]!r} back from {period}"
    if measure == "growth" and (out is None or out[0].isdigit()):
        long = long_span(clean, s_start, c_start, c.start, int(out[0] if out else period))
        if long:
            out = long
        elif kind == "actual":
            avg = average_span(clean, s_start, c_start, c.start, int(out[0] if out else period))
            if avg is None and out is None and (summed := _SUMMED_BEFORE.search(clean, max(c_start, c.start - 12), c.start)) \
                    and _TO_FIGURE.fullmatch(clean, summed.end(), c.start) \
                    and (p5 := five_year_period(clean, five, c, s_start, left, trig, measure, int(period))):
                # 五年来，…PM2.5年均浓度累计下降49%: a change summed over the years the paragraph looks back on
                return p5, f"{summed.group(0)!r} in a plan-period paragraph"
            return avg or out
    return out


_SUMMED_BEFORE: Final = re.compile(r"累计|共计")


# what may stand between an average word and its figure (年均分别增长, 平均每年增长)
_TO_FIGURE: Final = re.compile(r"[^，,。；;\d]{0,6}")
_N_YEARS_AVG: Final = scanning(re.compile(r"(?<![\d十A-Za-z_])(?:近|这|过去)?(\d{1,2}|[两二三四五六七八九十])年(?:来|间)?[^\d，,。；;]{0,3}(?:年均|平均)"))
_BASE_YEAR: Final = re.compile(r"(?:从|由|自|是|比|较|为)((?:19|20)\d{2})年")
# a five-year plan's short name (十三五, 九五), as the bases and starting points below name it
_PLAN_NAME: Final = plan_names()["@PLAN@"]  # (of rules/context.toml's plan_periods)
_PLAN_BASE: Final = scanning(re.compile(rf"“?({_PLAN_NAME})”?(?P<w>期末|末|期间|时期|以来|规划期)"))


# a sentence opening on the years it looks back on (改革开放40年来，…; 建市20年来，…; 回望40年奋斗历程，…), up to its first
# comma: its figures with no year of their own are of those years
_LEAD_YEARS_BACK: Final = re.compile(r"[^，,。；;：:\d]{0,10}?(?<![\d.])(?:(?P<n>\d{1,3})|(?P<cn>[两二三四五六七八九十]{1,3}))"
                                    r"(?:多)?年(?:来|间|以来|奋斗历程|发展历程|历程)?[，,]")
_LEAD_YEARS_MAX: Final = 100
_AHEAD: Final = re.compile(r"未来|今后|还要|力争|计划|预计|争取|确保|用")  # (未来五年，…: years to come, no look back)
# a year the sentence or the clause opens on, counted up to now (2014年以来, 自2018年起, 2016年至今)
_SINCE_OPENS: Final = scanning(re.compile(r"(?:^|(?<=[，,：:。；;\n]))(?:自|从)?((?:19|20)\d\d)年(?:以来|至今|起)"))


def since_year(clean: str, s_start: int, pos: int) -> int | None:
    """The year a sentence or a clause before `pos` opens on and counts from (2014年以来，…), else None."""
    if clean.find("年", s_start, pos) < 0:
        return None
    last = None
    for last in _SINCE_OPENS.finditer(clean, s_start, pos):
        pass
    if last is None or _YEAR_NIAN.search(clean, last.end(), pos):
        return None  # (2003年以来，…，2006年全市…实现产值3432亿元: a year named later is the figure's)
    return int(last.group(1))


def average_before(clean: str, c_start: int, pos: int) -> re.Match[str] | None:
    """The average word (年均, 平均每年) right before the figure at `pos`, with nothing but its verb between."""
    near = None
    for near in context_rules().mean_re.finditer(clean, max(c_start, pos - 12), pos):
        pass
    return near if near is not None and _TO_FIGURE.fullmatch(clean, near.end(), pos) else None


def average_span(clean: str, s_start: int, c_start: int, pos: int, year: int) -> tuple[str | None, str] | None:
    """The years an average growth of a review covers when the sentence says (5年年均 back from the year;
    是“十一五”末的1.8倍，年均… the plan period after it; “十二五”期间年均… that period), else no year
    at all: an average is never one year's figure. None when the figure is no average.

    >>> t = "2021年地区生产总值2.8万亿元，同比增长8.1%，5年年均增长6.1%"
    >>> average_span(t, 0, t.index("5年"), t.index("6.1"), 2021)
    ('2017-2021', "'5年年均' back from 2021")
    >>> t = "生产总值是“十一五”末的1.8倍，年均增长10.7%"
    >>> average_span(t, 0, t.index("年均"), t.index("10.7"), 2015)
    ('2011-2015', "'“十一五”末' and the plan after it")
    >>> t = "生产总值完成2855亿元，是2007年的1.7倍，年均增长11.8%"
    >>> average_span(t, 0, t.index("年均"), t.index("11.8"), 2012)
    ('2008-2012', "'是2007年' to 2012")
    >>> t = "生产总值由564亿元增至1004亿元，年均增长11.5%"
    >>> average_span(t, 0, t.index("年均"), t.index("11.5"), 2013)
    (None, "'年均增长' over years the text does not name")
    >>> t = "四年来，我们坚持稳中求进。地区生产总值达到2864亿元，年均增长14.3%"
    >>> average_span(t, t.index("地区"), t.index("年均"), t.index("14.3"), 2006)
    ('2003-2006', "'四年来' back from 2006")
    """
    near = average_before(clean, c_start, pos)
    if near is None:
        return None
    n = None
    for n in _N_YEARS_AVG.finditer(clean, max(s_start, pos - 40), pos):
        pass
    if n is not None:
        k = cn_int(n.group(1))
        if k is not None and 1 < k < 20:
            return f"{year - k + 1}-{year}", f"{n.group(0)!r} back from {year}"
    y0 = None
    for y0 in _BASE_YEAR.finditer(clean, max(s_start, pos - 40), pos):
        pass
    if y0 is not None and int(y0.group(1)) < year - 1:  # 是2007年的1.7倍，年均增长…
        return f"{int(y0.group(1)) + 1}-{year}", f"{y0.group(0)!r} to {year}"
    base = None
    for base in _PLAN_BASE.finditer(clean, s_start, pos):
        pass
    if base is not None:
        periods = context_rules().plan_periods
        name = base.group(1)
        if name in periods:
            a, b = (int(x) for x in periods[name].split("-"))
            if base.group("w") in ("期末", "末"):
                a, b = b + 1, b + 5
            if a <= year <= b + 1:
                return f"{a}-{min(b, year)}", (f"{base.group(0)!r} and the plan after it" if a > int(periods[name][:4])
                                               else f"{base.group(0)!r}")
    lead = paragraph_years(clean, pos)
    if lead is not None:  # 四年来，我们…。地区生产总值达到…，年均增长14.3%: the years the paragraph counts back
        return f"{year - lead[0] + 1}-{year}", f"{lead[1]!r} back from {year}"
    return None, f"{clean[near.start():pos]!r} over years the text does not name"


def paragraph_years(clean: str, pos: int) -> tuple[int, str] | None:
    """How many years the paragraph counts back before `pos` (四年来，…: 4), with its words; None for none."""
    lead = None
    for lead in context_rules().phrases["years_lead"].finditer(clean, clean.rfind("\n", 0, pos) + 1, pos):
        pass
    k = cn_int(lead.group(1)) if lead is not None else None
    return (k, lead.group(0)[:-1]) if lead is not None and k is not None and 1 < k < 20 else None


def five_year_paragraphs(view: TextView, secs: tuple[Section, ...]) -> dict[int, str]:
    """The plan-period marker (这五年, “十四五”时期) of each paragraph that sums up a plan period, by the
    paragraph's clean start: a paragraph naming one, or any paragraph of a section whose heading does."""
    clean = view.clean
    out: dict[int, str] = {}
    for m in windowed_matches(context_rules().five_prose_re, clean):  # (searched before each 五)
        if m.start() and clean[m.start() - 1] in _BASE_BEFORE:
            continue  # 是“十五”时期的7.4倍: a plan compared with, not the paragraph's own
        # "=at:": the paragraph's own marker and where it stands
        out.setdefault(clean.rfind("\n", 0, m.start()) + 1, f"={m.start()}:{m.group(0)}")
    spans = [(s.start, secs[i + 1].start if i + 1 < len(secs) else len(view.text), s.five,
              _HEADING_YEAR.search(s.heading) is None) for i, s in enumerate(secs) if s.five]
    if spans:
        opener = context_rules().year_opener_re
        one_year = None  # the section whose paragraphs a paragraph opening on one year has turned to it
        for start in [0] + [m.end() for m in _NEWLINE.finditer(clean)]:
            o = view.orig(start) if start < len(clean) else len(view.text)
            for a, b, marker, whole in spans:
                if a <= o < b:
                    if start in out:
                        if whole and one_year != a:
                            # …“十五”时期是…的五年 closing a paragraph under a heading summing up the period (and
                            # naming no year of its own): "+" the heading holds the paragraph from its start, the
                            # paragraph's own marker after a year named in it
                            out[start] = "+" + out[start][1:]
                        one_year = None  # 五年来，…: the paragraph names the period again
                    elif opener.match(clean, start, start + 40):
                        one_year = a     # 刚刚过去的2025年，…: this paragraph and the ones after it
                    elif one_year != a:
                        out[start] = marker
    return out


def review_marks(view: TextView, five: dict[int, str], secs: tuple[Section, ...]) -> list[tuple[int, str]]:
    """Where the text names a plan period it reviews, by original offset: each paragraph's own marker
    (这五年, “十三五”时期) and each heading that sums one up (“十三五”及2020年工作回顾)."""
    marks = [(view.orig(int(e[1:e.index(":")])), marker(e)) for e in five.values() if e.startswith(("=", "+"))]
    marks += [(s.start, s.five) for s in secs if s.five]
    return sorted(marks)


def plan_marks(view: TextView, review: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Where the text names a plan period, coming ones too (未来五年, “十四五”规划), by original offset."""
    coming = [(view.orig(m.start()), m.group(0)) for m in windowed_matches(context_rules().future_span_re, view.clean)]
    return sorted(review + coming)


def part_span(marks: list[tuple[int, str]], ctx: DocumentContext, ostart: int, kind: str,
              year: int) -> tuple[str, str] | None:
    """The years an average covers when its sentence names none (地区生产总值年均增长14.1%): those of the
    last plan period named before it in the same part of the text — the review (过去五年…, a heading
    “十一五”回顾: up to the year reviewed) or the plan (“十四五”时期主要目标…: a plan under way or coming).
    `year` is the year reviewed or planned. None when that part names no period before the figure."""
    k = ctx.section_index(ostart)
    other = "target" if kind == "actual" else "actual"
    while k > 0 and ctx.sections[k - 1].kind != other:
        k -= 1  # back to where this part begins (a section of the other kind ends the part before it)
    begin = ctx.sections[k].start if k > 0 else 0
    last = None
    for at, name in marks:
        if at >= ostart:
            break
        if at >= begin:
            last = name
    if last is None:
        return None
    if kind == "actual":
        first, end = plan_span(last, year)
        end = min(end, year)
        if not first < end:
            return None
        return f"{first}-{end}", f"an average in the review of {last!r}"
    # a coming span with no plan's name (今后五年) begins in the document's plan year, whatever year the
    # section gave the figure (a section of a plan's goals may give its last, 2015 for 十二五)
    start = ctx.date.plan_year if ctx.date and ctx.date.plan_year and ctx.date.plan_year < year else year
    first, end = plan_span(last, start + 4)
    if first < start - 1:
        return None  # an old plan named in passing
    return f"{first}-{end}", f"an average in the plan of {last!r}"


def sentence_years(clean: str) -> list[tuple[int, int, str, bool]]:
    """Years a sentence names for the figures after them, sorted: (sentence start, where the
    year's clause ends, year, whether it only opens the subject with no comma: 2020年某市GDP为…).
    A sentence opening with a year (2006年，… / 到2025年，…), a clause aiming at one
    (…原则，到2015年，… / 到2020年全市…) or a span opening a clause (→2003—2007年…) gives it
    to the figures that follow in the sentence."""
    out: list[tuple[int, int, str, bool]] = []
    ends: list[int] = []  # sentence ends, found once when a year leads (rfind from each year rescans the text)

    def opening(at: int, after: str) -> int | None:
        """The start of the sentence that `at` opens (after lead words), or whose clause it opens (after a
        character of `after`); None otherwise."""
        if not ends:
            ends.extend(separators(clean, _SENTENCE_ENDS) or [len(clean)])
        k = bisect_left(ends, at)
        s = ends[k - 1] + 1 if k else 0
        return s if _LEAD_WORDS.fullmatch(clean, s, at) or (at and clean[at - 1] in after) else None

    subject_years: list[tuple[int, int, str, bool]] = []  # a year opening the subject, no comma: its own part only
    for m in _YEAR_LEAD.finditer(clean):
        y = m.start() - 4
        start = next((y - len(w) for w in _AIM_WORDS if y >= len(w) and clean.startswith(w, y - len(w))), y)
        weak = clean[m.end() - 1] not in "，,"
        if weak and start < y:
            continue  # (到2017年生产总值比2010年翻一番，…: an aim with no comma is _AIM_YEAR's, for its clause)
        s = opening(start, "，,：:" if start < y else "")  # (only an aim opens a clause: …原则，到2015年，…)
        if s is not None:
            (subject_years if weak else out).append((s, m.end(), clean[y:m.start()], weak))
    phrases = context_rules().phrases
    for m in found_matches(phrases["plan_end_lead"], clean):  # (到 and 至 found with str.find)
        # 到“十五五”末，全市地区生产总值突破5000亿元: an aim at a plan's last year
        span = context_rules().plan_periods.get(m.group(1))
        if span and (s := opening(m.start(), "，,：:")) is not None:
            out.append((s, m.end(), span[-4:], False))
    years = [m.start() for m in _YEAR_NIAN.finditer(clean)]
    colon = phrases["year_colon_lead"]
    for m in (matches_from(colon, clean, [i - 4 for i in years]) if colon.pattern.startswith(_OPENS_WITH_YEAR)
              else colon.finditer(clean)):  # (a rule opening with its year and 年 begins 4 characters before one)
        if (s := opening(m.start(), "")) is not None:
            out.append((s, m.end(), m.group(1), False))
    for m in found_matches(_AIM_YEAR, clean):
        # 到2020年全市生产总值跃上600亿元台阶，年均增长8%: an aim opening a clause, with no comma after it
        if (s := opening(m.start(), "，,：:")) is not None:
            out.append((s, m.end(), m.group(1), False))
    for m in matches_from(_RANGE_LEAD, clean, _range_starts(clean, years)):
        if int(m.group(1)) < int(m.group(2)) <= int(m.group(1)) + 10 and (s := opening(m.start(), "，,：:→")) is not None:
            out.append((s, m.end(), f"{m.group(1)}-{m.group(2)}", False))
    out.sort()
    return sorted(_across_semicolons(clean, out) + subject_years) if subject_years else _across_semicolons(clean, out)


def _range_starts(clean: str, years: list[int]) -> list[int]:
    """Where a span of years (2003—2007年) may begin, read back from the 年 of its last year (offsets in `years`):
    spaces, a joiner, spaces, 年 or not, the first year's four digits (re's \\s is str.isspace)."""
    out = []
    for i in years:
        j = i - 4
        while j > 0 and clean[j - 1].isspace():
            j -= 1
        if j == 0 or clean[j - 1] not in _RANGE_JOINERS:
            continue
        j -= 1
        while j > 0 and clean[j - 1].isspace():
            j -= 1
        if j and clean[j - 1] == "年":
            j -= 1
        if j >= 4:
            out.append(j - 4)
    out.sort()
    return out


_SEMI: Final = re.compile(r"[；;]")
_FULL_STOP: Final = re.compile(r"[。！？!?\n]")


def _across_semicolons(clean: str, leads: list[tuple[int, int, str, bool]]) -> list[tuple[int, int, str, bool]]:
    """A year opening a sentence holds over its parts after ；too (到2030年，生产总值突破…；城镇化率达到70%),
    up to the sentence's end, unless a part opens with a year of its own."""
    if not leads:
        return leads
    starts = {s for s, _, _, _ in leads}
    extra = []
    for s, end, year, _ in leads:
        stop = _FULL_STOP.search(clean, end)
        for m in _SEMI.finditer(clean, end, stop.start() if stop else len(clean)):
            if m.end() in starts:
                break  # the part names its own year, and the parts after it go with that one
            extra.append((m.end(), m.end(), year, False))
    return sorted(leads + extra) if extra else leads


def lead_year(leads: list[tuple[int, int, str, bool]], s_start: int, pos: int, clean: str = "", c_start: int = 0) -> str | None:
    """The year the sentence starting at `s_start` names for a figure at `pos` (sentence_years). A year opening
    the sentence's subject (2000年工业总产值…) gives way in a clause of a span (…，“九五”期间年均增长11.9%;
    …由326户增加到1057户), which a year set off by a comma (2000年，…) does not; without `clean` to check that,
    such a year is not given at all."""
    k = bisect_right(leads, (s_start, pos, "\uffff")) - 1
    if k < 0 or leads[k][0] != s_start or leads[k][1] > pos:
        return None
    end = leads[k][1]
    if leads[k][3] and (not clean or _SPAN_WORDS.search(clean, c_start, pos) or _A_YEAR.search(clean, end, pos)):
        return None  # (…，2017年上半年追平…，全年增长7%: another year named since, the lead holds no more)
    return leads[k][2]


_A_YEAR: Final = re.compile(r"(?:19|20)\d\d年")
# words of a clause that speak of the whole plan period, or of its start
_SPAN_WORDS: Final = re.compile(r"年均|累计|五年|净增|末相比|比.{0,8}末|期间|时期|以来|翻|由|从")
_BASE_BEFORE: Final = "是比较与于"
_HEADING_YEAR: Final = re.compile(r"(?:19|20)\d{2}年")  # (a heading naming a year as well as the plan period)
_ONE_YEAR_PARA: Final = re.compile(r"过去一年|过去的一年|刚刚过去|去年|全年|当年|一年来|这一年|过去这一年")


# an average from a year (从1978年的…年均增长12.5%) spans the years after it; growth over a base year
# (较2019年增长16.9%) stays the year it ends in, as the gold guide reads it
_FROM_YEAR: Final = re.compile(r"(?:从|由|自)((?:19|20)\d{2})年")
_TO_YEAR: Final = re.compile(r"(?:到|至)((?:19|20)\d{2})年")
_YEARS_SINCE: Final = scanning(re.compile(r"(?<!\d)(\d{1,2})年(?:来|间)"))


def long_span(clean: str, s_start: int, c_start: int, pos: int, year: int) -> tuple[str, str] | None:
    """The span of an average growth measured from a year before the one it ends in, else None.

    >>> t = "全市生产总值从2015年的900亿元增加到2020年的1300亿元、年均增长7.6%"
    >>> long_span(t, 0, 0, t.index("7.6"), 2020)
    ('2016-2020', "'从2015年' to 2020")
    >>> t = "改革开放40年来，全省生产总值年均增长9.8%"
    >>> long_span(t, 0, t.index("全省"), t.index("9.8"), 2018)
    ('1979-2018', "'40年来' back from 2018")
    """
    base = None
    averaged = context_rules().mean_re.search(clean, c_start, pos) is not None
    if averaged:
        for m in _FROM_YEAR.finditer(clean, s_start, pos):
            base = m
    if base is None:
        back = _YEARS_SINCE.search(clean, s_start, pos) if averaged else None
        if back and 1 < int(back.group(1)) < 80:  # 40年来…年均增长10.6%
            n = int(back.group(1))
            return f"{year - n + 1}-{year}", f"{back.group(0)!r} back from {year}"
        return None
    y0 = int(base.group(1))
    to = _TO_YEAR.search(clean, base.end(), pos)  # 从1978年的…增加到2018年的…: the span ends there
    if to:
        year = int(to.group(1))
    if not y0 < year - 1:
        return None
    return f"{y0 + 1}-{year}", f"{base.group(0)!r} to {year}"


# the base a growth is measured from: a year (比2010年, 较2020年末), or the year before (比上年, 同比)
_CLAUSE_END: Final = re.compile(r"[，,；;]")
# (opened by scanning: an alternation of alternations is tried whole at every character otherwise)
_COMPARED_SOURCE: Final = (r"(?:比|较)(?:(?P<y>(?:19|20)\d{2})年(?:末|底)?|上年|去年)"
                     r"|(?:与|同|和|跟)(?P<y2>(?:19|20)\d{2})年(?:末|底)?相?比"    # 与2005年相比
                     r"|(?:从|由)(?P<y3>(?:19|20)\d{2})年(?:末|底)?的"            # 由2017年的…增加至…，增长13.3%
                     rf"|(?:与|同|和|跟|比|较)“?(?P<p>{_PLAN_NAME})”?(?P<w>开局之年|第一年|期末|末|初)相?比?")
_COMPARED: Final = scanning(re.compile(_COMPARED_SOURCE))
# a name that carries its base (地区生产总值比2015年增长), taken over by a figure of its own year
BASE_NAMED: Final = re.compile(r"(?:比|较)(?:19|20)\d{2}年(?:末|底)?(?:增长|下降)$")


def base_year(clean: str, s_start: int, pos: int, year: int) -> str | None:
    """The words of a base year before the year before that a growth is measured from (比2010年 in
    2015年生产总值比2010年增长71%), else None; the last comparison before the figure in its sentence decides
    (…比2010年增长71%，比上年增长8%: the 8% is the year's own).

    >>> t = "全市生产总值、财政收入分别比2010年增长71%、104%，比上年增长8.9%"
    >>> base_year(t, 0, t.index("71"), 2015), base_year(t, 0, t.index("104"), 2015), base_year(t, 0, t.index("8.9"), 2015)
    ('比2010年', '比2010年', None)
    >>> t = "2020年与2015年相比，生产总值增长41%；总量由2015年的900亿元增加至1300亿元，增长44%；增速由2015年的6%提高到2020年的8%"
    >>> [base_year(t, 0, t.index(n), 2020) for n in ("41", "44", "8%")]
    ['比2015年', '比2015年', None]
    >>> t = "与“十三五”开局之年比，地区生产总值增长32.5%；比“十二五”末增长41%"
    >>> base_year(t, 0, t.index("32.5"), 2020), base_year(t, 0, t.index("41"), 2020)
    ('比2016年', '比2015年')
    """
    last = None
    for last in _COMPARED.finditer(clean, max(s_start, pos - 60), pos):
        pass
    if last is None:
        return None
    y = last.group("y") or last.group("y2") or last.group("y3")
    if last.group("p"):  # 与“十三五”开局之年比: the plan's first year; 比“十二五”末: its last
        span = context_rules().plan_periods.get(last.group("p"))
        if span is None:
            return None
        y = span[:4] if last.group("w") in ("开局之年", "初", "第一年") else span[-4:]
    if not y or not int(y) < year - 1:
        return None
    if last.group("y3") and not (_CLAUSE_END.search(clean, last.end(), pos) and clean.endswith("增长", 0, pos)):
        return None  # 由2010年的8%提高到2015年的10%: a level of each year, no growth over the first
    return last.group(0) if last.group("y") else f"比{y}年"


def marker(entry: str) -> str:
    return entry[entry.index(":") + 1:] if entry.startswith(("=", "+")) else entry


def in_plan_period(clean: str, five: dict[int, str], ctx: DocumentContext, ostart: int, c_start: int,
                    pos: int, period: str) -> bool:
    """Does the figure at `pos` sum up the plan period? A paragraph naming the period says so; under a
    heading naming both a year and the period (2020年和“十三五”工作回顾), or in a paragraph that names
    the year (刚刚过去的2015年), a figure is that year's unless its clause speaks of the span (年均, 累计)."""
    if not five:
        return False  # (most reports sum up no plan period: no paragraph to find)
    para = clean.rfind("\n", 0, pos) + 1
    entry = five.get(para)
    if entry is None:
        return False
    if plan_span(marker(entry), int(period))[0] > int(period) and _HEADING_YEAR.search(ctx.section_at(ostart).heading):
        return False  # (“十五五”期间 named in a paragraph under 一、2024年工作回顾: a plan to come sums up no result)
    if _SPAN_WORDS.search(clean, c_start, pos):
        return True
    s_start = max(clean.rfind(ch, para, pos) for ch in "。！？；;") + 1 or para
    if context_rules().estimate_re.search(clean, max(para, s_start), pos):
        return False  # 预计，地区生产总值增长9%: an estimate is of the year under review
    if entry.startswith(("=", "+")):  # the paragraph's own marker holds from where it stands, until a year is named
        at = _latest_marker(clean, int(entry[1:entry.index(":")]), pos)
        if clean.startswith(f"{period}年", para):
            return False  # 2006年是…开局之年…承接了“十五”时期的…: a paragraph opening with its year
        if entry.startswith("+"):  # (under the period's heading: from the paragraph's start too)
            year_at = max(clean.rfind(f"{period}年", para, pos),
                          max((m.start() for m in _ONE_YEAR_PARA.finditer(clean, para, pos)), default=-1))
            return year_at < 0 or year_at < at < pos
        return at < pos and not (_ONE_YEAR_PARA.search(clean, at, pos) or clean.find(f"{period}年", at, pos) >= 0)
    heading = ctx.section_at(ostart).heading
    return not _HEADING_YEAR.search(heading) and not (
        _ONE_YEAR_PARA.search(clean, para, pos) or clean.find(f"{period}年", para, pos) >= 0)


def _latest_marker(clean: str, at: int, pos: int) -> int:
    """Where the paragraph last names its plan period before `pos`, from its first marker at `at`: a review
    that says 这五年 again (…去年又遭…。这五年，民生…) sums up the years again from there."""
    if clean.find("五", at + 1, pos) < 0:
        return at  # (most paragraphs name the period once)
    for m in context_rules().five_prose_re.finditer(clean, at + 1, pos):
        if clean[m.start() - 1] not in _BASE_BEFORE:
            at = m.start()
    return at


def five_year_period(clean: str, five: dict[int, str], c: Candidate, s_start: int, left: str,
                      trig: str, measure: str, year: int) -> str | None:
    """The period of a figure in a paragraph summing up five years (这五年…), else None."""
    entry = five.get(clean.rfind("\n", 0, c.start) + 1) if five else None
    if not entry:
        return None
    first, last = plan_span(marker(entry), year)
    year = min(last, year) if first <= year else last  # (“十四五”以来 in a review of 2024: the plan's years up to it)
    n = _YEARS_BACK.search(clean[max(s_start, c.start - 12):c.start])
    if n:
        back = int(n.group(1))
        return f"{year - back + 1}-{year}"
    if (lead := paragraph_years(clean, c.start)) is not None:
        first = year - lead[0] + 1  # 四年来，… in a review of the government's term: the years the paragraph counts
    return span_or_end(c, left, measure, first, year, clean[s_start:c.start])


def span_or_end(c: Candidate, left: str, measure: str, first: int, last: int, sentence: str = "") -> str:
    """The period of a figure summing up the years first..last: the span, or one year where the figure is
    a level at a point of it. `sentence`: its sentence up to the figure."""
    if first >= last:
        return str(last)  # (“十四五”以来 in a review of its first year: that year alone)
    head = _PER_HEAD_TAIL.sub("", _RANK_SCOPE_TAIL.sub("", left)).removesuffix("了")  # (提升到了10%: reached as 提升到 is)
    q = qualifier_word(head)  # (由不足10%提高到85%: the starting point's bound)
    if head[:len(head) - len(q)].endswith(lexicon().span_start_words):
        return str(first - 1)  # 由66户…, 从全国第11位…: the starting point, the year before the period
    # 城镇新增就业累计达到35万人, 民生投入累计达1200亿元: a sum of the years' flows, however reached (a running
    # total of things or of a network, 累计达到24家, 累计通车里程达到1300公里, is what stands at the end)
    summed = ("累计" in head or "共计" in head) and unit_kind(c.unit) in _FLOW_KINDS
    # (a growth reached, 增长分别为60.7%, is the span's whole growth: no level)
    # (突破200亿元, 超过36万户: a bar passed is a level reached too; 新增就业超过40万人, 完成改造超3万户: a flow;
    # a share past a bar, 民生占比超过80%, is the years' unless it is a state, below)
    lx = lexicon()
    reached = head.endswith(("达到", "达", "至", "为", "到")) or any(w in head for w in lx.span_end_words) \
        or (lx.before.get(q) == "at_least" and c.unit not in STATE_UNITS
            and not any(w in head for w in lx.span_summed_words)) \
        or (measure == "level" and "人均" in head) \
        or (measure == "level" and c.unit not in STATE_UNITS and any(w in head for w in lx.span_capacity_words)
            and not any(w in sentence for w in lx.span_capacity_added))
    # (城镇居民人均可支配收入11477元: a figure per head is no sum of years; 装机容量3700万千瓦: a capacity)
    if (reached and measure != "growth" and not summed) or _GAP.search(left) \
            or measure == "rank" \
            or (measure == "level" and c.unit in STATE_UNITS and (cr := context_rules()).state_re.search(head)
                and not cr.state_not_re.search(head)):
        # a level reached (提高到, 发展到), a gap to a benchmark, a rank held or a state that no years add up
        # (人均期望寿命75.9岁, 覆盖率96%), at the period's end
        return str(last)
    return f"{first}-{last}"


# the kinds of unit of a flow, summed over years (not counts, lengths or capacities: stocks)
_FLOW_KINDS: Final = frozenset({"money", "people", "transport", "mass", "volume", "energy", "area"})
# the units of a state at one time (context.toml [sections.five_year] state names it)
STATE_UNITS: Final = frozenset({"%", "‰", "岁"})


def base_value_year(clean: str, c_start: int, lead: int, tail_end: int) -> str | None:
    """The year of a base stated with its value (是2005年22557亿元的2倍, 比2010年的1.2万元): that value is the base
    year's figure; None otherwise."""
    if not clean.startswith("的", tail_end):
        return None  # (most figures: no 的 after them, and no search)
    m = _BASE_VALUE.search(clean, max(c_start, lead - 8), lead)
    return m.group(1) if m is not None else None


def plan_end_base(clean: str, c_start: int, lead: int) -> str | None:
    """The last year of a plan a figure starts from (由“十二五”末的9家增加到21家: 2015); None otherwise."""
    m = _PLAN_END_BASE.search(clean, max(c_start, lead - 12), lead) if "末" in clean[max(c_start, lead - 4):lead] else None
    span = context_rules().plan_periods.get(m.group(1)) if m is not None else None
    return span[-4:] if span else None


_PLAN_END_BASE: Final = re.compile(rf"(?:从|由)“?({_PLAN_NAME})”?(?:期末|末)的?$")
_BASE_VALUE: Final = re.compile(r"(?:是|较|比|为)((?:19|20)\d{2})年(?:的)?$")


def explicit_year(clean: str, c_start: int, pos: int) -> str | None:
    """A year the clause gives its figure (从2022年的92万元, 到2027年达到1800家), unless it is the
    base of a comparison (较2022年, 是2020年的2.5倍)."""
    last = None
    start = max(c_start, pos - 16)
    if clean.find("年", start, pos) < 0:
        return None  # (a year is written with 年: most clauses name none)
    for m in _EXPLICIT_YEAR.finditer(clean, start, pos):
        last = m
    if last is None:
        return None
    if clean.startswith(("基础上", "的基础上"), last.end()):
        return None  # 在2002年基础上翻一番: the base, not the figure's year
    if last.group(0).endswith("的") and clean.startswith("为", last.start() - 1):
        return None  # 为2016年的1.2倍: the base of a ratio, as 是2016年的 is
    between = clean[last.end():pos]
    if last.group(0).startswith(("到", "至")) and (between in lexicon().verbs_before_noun
                                                or verb_chain(between, lexicon().verb_chain)):
        return last.group(1)  # 紧紧围绕“到2017年解决15万…”目标: a deadline, then the verb of its figure
    if between and left_phrase(between) and (
            not _YEAR_OPENS.fullmatch(clean, c_start, last.start()) or last.group(0).endswith("前")
            or _SINCE_YEAR.match(between)) and not (last.group(0).startswith("到") and clean[last.start() - 1] != "达"
                                                    and not any(map(str.isdigit, between))):
        # an indicator stands between the year and the figure: the year names a scope (a deadline does not:
        # 按照到2017年生产总值翻一番的目标要求)
        return None
    return last.group(1)  # (a year opening its clause is the figure's: …，2027年经济总量突破6000亿元)
