"""Sections: where the kind and period change, at headings, at inline target phrases, and where a coming plan
period (今后五年，…; 二、“十五五”时期主要目标) opens and hands back (今年是…).

Each section keeps the heading that opened it, so a fact can say which heading decided its kind
and period. A text with no heading at all starts with a section whose kind is `None` (its sentences decide: a
news page is not one big review); the parts its paragraphs' own words show follow (parts.py).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Final

from ..lexicon import INLINE_HINTS, context_rules, match_gate, may_open
from ..numbers import parse_numeral
from .dates import DocDate
from .parts import inferred_parts

# a year a heading is about; 2003年以来 is no year of its own but the years since (the review's, by default)
_HEAD_YEAR: Final = re.compile(r"((?:19|20)\d{2})\s*年(?!以来|来)")
_LABEL: Final = re.compile(r"^[#\-*\s]*([^，。；：:,;]{2,10})[：:]")
_SENTENCE_PUNCT: Final = re.compile(r"[。，,；;！？]")
_ITEM_PUNCT: Final = re.compile(r"[。；;：:]")
_LEAD_END: Final = re.compile(r"[。：:！？；]")
_TURN_SENTENCE_END: Final = re.compile(r"[。！？；\n]")
_REOPENS: Final = "，,；;。：:！？\n到至"  # what stands before a coming plan period that opens a clause or an aim
_GLUED_HEADING: Final = re.compile(r"\*\*[^*\n]{1,60}\*\*\s*")
_CLAUSE_OPEN: Final = re.compile(r"[^\u4e00-\u9fff\d]*(?:各位代表[！!，,：:]?)?(?:在|到|从|对于|关于)?")


@dataclass(frozen=True)
class Section:
    start: int                 # offset where the section's rule begins
    kind: str | None           # target | actual | None (no heading: sentences decide)
    period: str | None
    five: str | None = None    # a heading that sums up a plan period (过去五年, “十三五”及2020年): its marker
    heading: str = ""          # the heading or phrase that opened it ("" for the document's default)
    source: str = "default"    # heading | label | inline phrase | coming period | paragraph | inferred (no
    #                            heading: parts.py) | title | default
    plan: str | None = None    # a five-year plan itself, or a coming plan period: the years it spans (2026-2030)

    def describe(self) -> str:
        if self.source == "default":
            return "document default"
        return f"{self.source} {self.heading!r}"


def plan_span(marker: str, end_year: int) -> tuple[int, int]:
    """The years a five-year marker covers: a plan's name gives its own (十三五 → 2016–2020), else the
    five years ending at `end_year`.

    >>> plan_span("“十三五”时期", 2020), plan_span("十五五", 2030), plan_span("过去五年", 2022)
    ((2016, 2020), (2026, 2030), (2018, 2022))

    A review of other years says how many or since when (过去四年 → the four years ending at `end_year`, 2022年以来 →
    2022 to `end_year`).

    >>> plan_span("过去四年及2025年", 2025), plan_span("2022年以来", 2025), plan_span("今后四年", 2018)
    ((2022, 2025), (2022, 2025), (2014, 2017))
    """
    periods = context_rules().plan_periods
    for name in sorted(periods, key=len, reverse=True):  # 十五五 before 十五
        span = periods[name]
        if name in marker:
            a, b = span.split("-")
            return int(a), int(b)
    if "五年" in marker:
        return end_year - 4, end_year  # (most markers that name no plan: one test)
    if (since := _SINCE.search(marker)) is not None:
        return int(since.group(1)), end_year
    if (ahead := _YEARS_AHEAD.search(marker)) is not None and (n := parse_numeral(ahead.group(1))) is not None:
        return end_year - 4, end_year - 4 + int(n) - 1  # 今后四年 from the first year a five-year span would have
    if (back := _YEARS_BACK.search(marker)) is not None and (n := parse_numeral(back.group(1))) is not None:
        return end_year - int(n) + 1, end_year
    return end_year - 4, end_year


# a review of years other than five (过去四年, 近三年; 2022年以来): how many, or since when
_YEARS_BACK: Final = re.compile(r"(?:过去的?|近)([两二三四五六七八九十\d])年")
_SINCE: Final = re.compile(r"((?:19|20)\d\d)年以来")
# a coming term of other than five years (今后四年): how many, counted from the first year
_YEARS_AHEAD: Final = re.compile(r"(?:今后|未来)(四)年")
_COMING_HINTS: Final = ("五", "5年", "四年")  # (every coming period names its years: most lines need no regex)


# the marks a glossary's heading line may carry (**名词解释**, ※名词解释※, 【名词解释】, 附：名词解释)
_NOTE_MARKS: Final = re.compile(r"[\s*#※【】\[\]：:]+")


def notes_span(text: str) -> tuple[int, int, str] | None:
    """Where a glossary near the end of the text begins (a short line 名词解释 in its second half) and ends (a
    short line opening an appendix, 附件 or 一、, or the text's end), with its heading; None for none. Its entries
    define terms: no figure of theirs is a fact."""
    rules = context_rules()
    i = text.find("释", len(text) // 2)  # (every heading of the kind ends in 解释 or 注释: most texts have none)
    while i >= 0:
        a = text.rfind("\n", 0, i) + 1
        b = text.find("\n", i)
        b = len(text) if b < 0 else b
        if b - a <= 30 and rules.notes_re.fullmatch(head := _NOTE_MARKS.sub("", text[a:b])):
            for m in rules.notes_end_re.finditer(text, b):
                eol = text.find("\n", m.end())
                rest = text[m.end():len(text) if eol < 0 else eol]
                if m.group(0).lstrip().startswith("附") or (len(rest) <= 30 and not any(ch in rest for ch in "：:即")):
                    return a, m.start(), head  # 附件1, 一、十大工业项目: an appendix after the glossary
            return a, len(text), head
        i = text.find("释", b)
    return None


def notes_works(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The entries of a glossary text[start:end] that list a year's works (22.2020年省下25件民生实事：（1）…), each up to
    the next entry (23．…) or the glossary's end: their figures are the report's results or targets."""
    out = []
    for m in context_rules().notes_works_re.finditer(text, start, end):
        nxt = _NOTE_ENTRY.search(text, m.end(), end)
        out.append((m.start(), nxt.start() if nxt else end))
    return out


# the heading of a glossary's next entry (23．…, 5、…; not the （1） items of a list of works)
_NOTE_ENTRY: Final = re.compile(r"(?m)^[ \t*#]*\d{1,3}[.．、]")
_WORKS_YEAR: Final = re.compile(r"((?:19|20)\d\d)年")  # (22.2020年省下25件民生实事: the year its works are of)


def with_works(secs: tuple[Section, ...], text: str, notes: tuple[int, int, str] | None,
               date: DocDate | None) -> tuple[Section, ...]:
    """The sections with one for each list of a year's works inside a glossary (22.2020年省下25件民生实事：…): that
    year's results when it is over by the document's date, else its targets (a list naming no year, “十大惠民行动”：
    一是…, is of the year the report plans); after the list, the section it interrupted goes on."""
    if notes is None:
        return secs
    out = list(secs)
    for a, b in notes_works(text, notes[0], notes[1]):
        eol = text.find("\n", a)
        heading = text[a:eol if 0 <= eol < b else b].strip(" *#\n")
        title = re.split("[：:]", heading, maxsplit=1)[0]  # (the entry's name: a figure after it is no year)
        year = int(m.group(1)) if (m := _WORKS_YEAR.search(title)) else date.plan_year if date is not None else None
        if year is None:
            continue  # (“十大惠民行动”：一是… with no date: the year its works are of is unknown)
        kind = "actual" if date is not None and year <= date.review_year else "target"
        starts = [x.start for x in out]
        before = out[bisect_right(starts, b) - 1] if starts and starts[0] <= b else None
        out = [x for x in out if not a <= x.start < b]
        out.append(Section(a, kind, str(year), heading=heading, source="glossary list"))
        if before is not None and b < len(text):
            out.append(Section(b, before.kind, before.period, before.five, before.heading, before.source, before.plan))
        out.sort(key=lambda x: x.start)
    return tuple(out)


def sections(text: str, date: DocDate | None) -> tuple[Section, ...]:
    """The sections of a text (folded), the first one the document's default."""
    rules = context_rules()
    review = str(date.review_year) if date else None
    plan = str(date.plan_year) if date else None
    out: list[Section] = []
    pos = 0
    headings = 0
    before_coming: Section | None = None  # the section a coming plan period's paragraphs interrupt
    untyped_top: tuple[int, str] | None = None  # a top heading of no kind after a review's, till its first paragraph
    # (the characters an inline review phrase or a heading mark opens with: most lines open with none of them,
    # and need no match)
    review_opens, mark_opens = match_gate(rules.inline_review_re), match_gate(rules.heading_mark_re)
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if not stripped:  # a blank line (a report's every other line): no test below finds anything in it
            pos += len(line)
            continue
        # every inline target phrase holds one (checked at load); three str.find (memchr) are cheaper than
        # re trying an alternation at every character
        hinted = any(map(line.__contains__, INLINE_HINTS))
        if untyped_top is not None:
            if date and (t := rules.heading_turn_re.match(stripped)) \
                    and (not t.group("y") or int(t.group("y")) == date.plan_year):
                # 二、坚定信心 乘势而上 / 今年是…: the part the heading opens plans the year its first paragraph names
                out.append(Section(untyped_top[0], "target", plan, None, untyped_top[1], "heading"))
                headings += 1
            untyped_top = None
        if out and out[-1].plan and _one_year(stripped, date):
            # 今年是…, 2022年，我们要…: back to the section the plan period interrupted (under a heading of the
            # period, to the plan year)
            out.append(_back_from_coming(before_coming, pos, plan, stripped))
            before_coming = None
        elif date and not (out and out[-1].plan) and any(map(stripped.__contains__, _COMING_HINTS)) \
                and (span := _coming(stripped[:rules.coming_lead_max], date)) and not _one_year(stripped, date):
            # (every coming period names five years: _coming's own check, before the call and its slice)
            # 今后五年，全市经济社会发展的目标是：… (a paragraph of prose, or the lead into a list)
            before_coming = out[-1] if out else None
            first, last, marker = span
            # (from the marker on: 五年来…，今后五年，… reviews before it)
            at = pos + max(0, line.find(marker))
            out.append(Section(at, "target", str(last), None, marker, "coming period", f"{first}-{last}"))
            if _names_one_year(stripped, date):
                # “十四五”时期是…关键五年。今年是开局之年…: the paragraph turns to the plan year, and so do those after it
                out.append(_back_from_coming(before_coming, pos + len(line), plan, stripped))
                before_coming = None
        if out and may_open(review_opens, stripped) \
                and (m := rules.inline_review_re.match(stripped)) \
                and ((out[-1].source in ("inline phrase", "label") and out[-1].kind == "target")
                     or (out[-1].five and not _HEAD_YEAR.search(out[-1].heading))) \
                and not rules.inline_target_re.search(line):
            # 过去的一年，… after targets opened inside a paragraph, or inside a review of five years only
            # (刚刚过去的一年，是本届政府的收官之年…; a heading naming the year too already splits by clause):
            # the year's review from here to the next heading
            out.append(Section(pos + line.index(m.group(0)), "actual", review, None, m.group(0), "inline phrase"))
            pos += len(line)
            continue
        if len(stripped) > rules.marked_max and not hinted and "：" not in stripped[:11] and ":" not in stripped[:11]:
            pos += len(line)
            continue  # a long line with no target phrase and no label: prose (most lines; speed)
        # a marked heading (一、 （一） ### 1.) up to marked_max characters; an unmarked one must be short,
        # or every line of a PDF wrapped at 36 characters would look like a heading
        marked = may_open(mark_opens, stripped) and rules.heading_mark_re.match(stripped) is not None
        is_heading = 0 < len(stripped) <= (rules.marked_max if marked else rules.bare_max) and (
            marked or not _SENTENCE_PUNCT.search(stripped.rstrip("：:")))
        label = None if is_heading or ("：" not in stripped and ":" not in stripped) else _LABEL.match(stripped)
        # (任务书：今年… opens with its heading; a label holds its colon)
        if (is_heading or label) and "\t" not in stripped:
            opened = len(out)
            compact = "".join((label.group(1) if label else stripped).split())  # (split: re's \s, no pattern)
            y = _HEAD_YEAR.search(compact)
            source = "label" if label else "heading"
            reviews = rules.review_first_re.search(compact) and not rules.plan_words_re.search(compact)
            # both kinds named, each by words of its own (主要工作目标 names one: 工作目标)
            target = rules.section_target_re.search(compact)  # (asked by each branch below: searched once)
            acts = rules.section_actual_re.findall(rules.section_target_re.sub("", compact)) if target else []
            # (二、2025年目标任务和主要工作 in a report of 2025: 主要工作 of the plan year plans, as below)
            both = acts and not (y and date and int(y.group(1)) == date.plan_year != date.review_year
                                 and rules.actual_by_year_re.match("".join(acts)))
            years = {int(x) for x in _HEAD_YEAR.findall(compact)} if both else set()
            if both and ((not reviews and not rules.plan_words_re.search(compact))
                         or (date is not None and {date.review_year, date.plan_year} <= years)):
                # (一、2003年工作回顾和2004年工作总体要求: each year named by its own words)
                out.append(Section(pos, None, review, None, compact, source))  # the sentences decide
                headings += 1
            elif target and not reviews and (past := _past(compact, y, date)):
                # 一、较好完成2013年目标任务 in 2014; 一、“十五”经济社会发展目标全面实现 in 2006: how they went
                out.append(Section(pos, "actual", str(date.review_year) if date else review, past if past != "year"
                                   else None, compact, source))
                headings += 1
            elif target and not reviews:
                # 未来五年主要目标任务; 二、“十四五”时期目标任务; 二、2035年远景目标及“十四五”时期主要目标任务 (a
                # vision's far year beside a coming plan: the plan)
                span = _coming(compact, date, heading=True) if date and (
                    not y or int(y.group(1)) > date.plan_year + 5) else None
                y = None if span else y
                if span is None and not y and out and out[-1].plan and out[-1].source != "title" \
                        and not rules.heading_top_re.match(stripped):
                    # 目标任务是： (a label, or a heading below the top) inside a coming plan period: its targets
                    out.append(Section(pos, "target", out[-1].period, None, compact, source, out[-1].plan))
                else:
                    out.append(Section(pos, "target", str(span[1]) if span else (y.group(1) if y else plan), None,
                                       compact, source, f"{span[0]}-{span[1]}" if span else None))
                headings += 1
            elif (actual := rules.section_actual_re.search(compact)) and y and date \
                    and int(y.group(1)) == date.plan_year != date.review_year \
                    and rules.actual_by_year_re.match("".join(rules.section_actual_re.findall(compact))):
                out.append(Section(pos, "target", y.group(1), None, compact, source))  # 三、2008年主要工作
                headings += 1
            elif actual and not reviews and (span := _coming(compact, date, heading=True)) \
                    and not _names_past_plan(compact, date):
                # 三、实施“八五”计划必须抓好的主要工作 in 1991, “十一五”时期的主要工作任务 in 2006: the work of a coming
                # plan is its targets, not a review of five years past
                out.append(Section(pos, "target", str(span[1]), None, compact, source, f"{span[0]}-{span[1]}"))
                headings += 1
            elif actual:
                f = rules.five_heading_re.search(compact)
                out.append(Section(pos, "actual", y.group(1) if y else review, f.group(0) if f else None,
                                   compact, source))
                headings += 1
            elif marked and (ahead := _plan_ahead(compact, y, date)):
                span = _coming(compact, date, heading=True) if ahead != plan else None
                out.append(Section(pos, "target", ahead, None, compact, source,  # 三、2001年的工作; 二、关于“十五”计划
                                   f"{span[0]}-{span[1]}" if span else None))
                headings += 1
            elif marked and not y and (past := _past(compact, None, date)):
                # 一、“十一五”时期经济社会发展取得显著成就 in 2011: a plan over by then, named with no word of
                # either kind, is reviewed (its five years)
                f = rules.five_heading_re.search(compact)
                out.append(Section(pos, "actual", review, f.group(0) if f else past, compact, source))
                headings += 1
            if len(out) > opened:
                before_coming = None  # (a heading of its own kind ends a plan period opened in a paragraph)
            elif marked and out and out[-1].kind == "actual" and out[-1].source == "heading" and not out[-1].five \
                    and rules.heading_top_re.match(stripped) and not any(w in compact for w in rules.heading_turn_skip):
                untyped_top = (pos, compact)  # (its first paragraph decides, on the next line of text)
        elif hinted and (m := rules.inline_target_re.search(line)):
            lead = line[max(line.rfind(ch, 0, m.start()) for ch in "。！？；") + 1:m.start()].strip()
            if (span := _coming(lead, date)) and not _names_one_year(line[:m.start()], date):
                # 今后5年，全区经济社会发展的主要预期目标是：… (the phrase's own lead names the period)
                out.append(Section(pos + m.start(), "target", str(span[1]), None, m.group(0), "inline phrase",
                                   f"{span[0]}-{span[1]}"))
            elif out and out[-1].plan and not _names_one_year(line[:m.start()], date):
                # 主要预期目标是： inside a coming plan period: that period's targets
                out.append(Section(pos + m.start(), "target", out[-1].period, None, m.group(0), "inline phrase",
                                   out[-1].plan))
            else:
                out.append(Section(pos + m.start(), "target", plan, None, m.group(0), "inline phrase"))
                before_coming = None
        pos += len(line)
    out = _one_per_start(out)
    out = _split_mixed(text, out, date)
    # before the first heading (a title, a preamble): a review, as reports open; with no heading at
    # all the sentences decide; a five-year plan itself plans its period
    itself = _plan_itself(text, date)
    if itself is not None and headings:
        # its headings of targets with no year of their own plan the whole period; what comes before the
        # first (发展基础, a review of the plan before) reviews, as reports open
        return (Section(0, "actual", review),
                *(Section(x.start, x.kind, itself.period, x.five, x.heading, x.source, itself.plan)
                  if x.kind == "target" and x.period == plan and not _HEAD_YEAR.search(x.heading) else x
                  for x in out))
    if itself is not None:
        return (itself, *out)
    default = Section(0, "actual" if headings else None, review)
    if not headings and all(x.source in ("coming period", "paragraph") for x in out):
        # no heading at all: the parts the paragraphs' own words show, except inside a coming plan period
        ends = [(x.start, out[i + 1].start if i + 1 < len(out) else len(text)) for i, x in enumerate(out)
                if x.source == "coming period"]
        parts = [Section(s, kind, review if kind == "actual" else plan, None, why, "inferred")
                 for s, kind, why in inferred_parts(text, date) if not any(a <= s < b for a, b in ends)]
        out = _one_per_start(sorted(parts + out, key=lambda x: x.start))
    return (default, *out)


def _past(heading: str, y: re.Match[str] | None, date: DocDate | None) -> str | None:
    """Do a heading's targets belong to a year or a plan already over: "year" for the year reviewed (its plan year
    being another), the plan's marker for a plan ended by then; else None."""
    if date is None or date.plan_year == date.review_year:
        return None
    if y is not None:
        return "year" if int(y.group(1)) == date.review_year else None
    m = context_rules().plan_heading_re.search(heading)
    if m is None:
        return None
    first, last = plan_span(m.group(0), date.plan_year + 4)
    return m.group(0) if last <= date.review_year and last - first == 4 else None


def _one_per_start(out: list[Section]) -> list[Section]:
    """One section per start, in order: where two open at the same place (a heading that is also a paragraph on the
    plan year), the later decides."""
    return [x for i, x in enumerate(out) if i + 1 == len(out) or out[i + 1].start != x.start]


def _back_from_coming(before: Section | None, at: int, plan: str | None, words: str) -> Section:
    """The section a coming plan period hands back to at `at`: the one it interrupted, else (under a heading of the
    period) the plan year's, named by the words that turned to it."""
    b = before or Section(at, "target", plan, None, words[:12], "paragraph")
    return Section(at, b.kind, b.period, b.five, b.heading, b.source, b.plan)


def _split_mixed(text: str, out: list[Section], date: DocDate | None) -> list[Section]:
    """A heading naming both kinds (一、2024年工作回顾和2025年总体要求) leaves its paragraphs to their own words, as in a
    text with no heading: where they turn from the review, which such a heading opens with, to the plan (parts.py)."""
    if not any(x.kind is None for x in out):
        return out
    split: list[Section] = []
    for i, x in enumerate(out):
        split.append(x if x.kind is not None or date is None else
                     Section(x.start, "actual", str(date.review_year), x.five, x.heading, x.source, x.plan))
        if x.kind is None:
            end = out[i + 1].start if i + 1 < len(out) else len(text)
            split += [Section(x.start + s, kind, str(date.review_year if kind == "actual" else date.plan_year), None,
                              why, "inferred") for s, kind, why in inferred_parts(text[x.start:end], date, "actual")
                      if date is not None]
    return split


def _coming(lead: str, date: DocDate | None, heading: bool = False) -> tuple[int, int, str] | None:
    """The coming plan period a heading or a paragraph's lead names (今后五年, “十四五”时期 in a report of
    2021): (first year, last year, marker); None for none, for a period under way or past, and past the lead's
    first full stop or colon. In a paragraph the period must open a clause (…，“十四五”时期我市…的目标是：), not
    qualify a word (为“十三五”脱贫攻坚…)."""
    if date is None or not any(map(lead.__contains__, _COMING_HINTS)):
        return None  # (every marker names its years: most lines need no regex)
    rules = context_rules()
    cut = _LEAD_END.search(lead)
    for m in rules.coming_re.finditer(lead, 0, cut.start() if cut else len(lead)):
        if not heading and not _CLAUSE_OPEN.fullmatch(lead, _clause_start(lead, m.start()), m.start()):
            continue
        first, last = plan_span(m.group(0), date.plan_year + 4)
        if first == date.plan_year and last - first in (3, 4):  # (今后四年: a term of four years)
            return first, last, m.group(0)
    return None


def _names_past_plan(heading: str, date: DocDate | None) -> bool:
    """Does a heading name a plan period begun before the plan year (二、“十三五”发展成就和“十四五”…的主要考虑 in
    2021: the past plan's results come first)?"""
    if date is None:
        return False
    periods = context_rules().plan_periods
    for name in sorted(periods, key=len, reverse=True):  # (十五五 before 十五, each read once)
        if name in heading:
            if int(periods[name][:4]) < date.plan_year:
                return True
            heading = heading.replace(name, "")
    return False


def _clause_start(text: str, pos: int) -> int:
    return max(text.rfind(ch, 0, pos) for ch in "，,；;") + 1


def _one_year(line: str, date: DocDate | None) -> bool:
    """Does a paragraph open on the plan year (今年…, 新的一年…, 2022年是…), or a heading name it (**三、认真做好
    2022年工作**, a heading of no kind the sections know)?"""
    if glued := _GLUED_HEADING.match(line):  # **三、…确保“十二五”实现良好开局** 今年是…: the heading, then the text
        if any(w in glued.group(0) for w in context_rules().coming_one_year_words) or (
                date is not None and f"{date.plan_year}年" in glued.group(0)):
            return True
        line = line[glued.end():]
    m = context_rules().coming_one_year_re.match(line)
    if m is not None:
        return not m.group("y") or (date is not None and int(m.group("y")) == date.plan_year)
    return date is not None and len(line) <= context_rules().marked_max and f"{date.plan_year}年" in line \
        and not _SENTENCE_PUNCT.search(line)


def _names_one_year(before: str, date: DocDate | None) -> bool:
    """Do the words of a paragraph before targets opened inside it turn to the plan year (今年是…。主要预期目标是：;
    全年经济社会发展的主要预期目标是)?"""
    return date is not None and plan_year_turn(before, 0, len(before), date.plan_year) is not None


def plan_year_turn(text: str, lo: int, hi: int, plan: int) -> str | None:
    """The words in text[lo:hi] that last name the plan year — a sentence opening on it (今年是…, 2016年是…,
    全年经济社会发展的主要预期目标是) or its words anywhere (2016年开局十分关键, 开门红) — unless a coming plan period
    opens a clause after them (今后五年，…; 到“十四五”末，…; 实现“十三五”良好开局 is no such opening); else None."""
    rules = context_rules()
    at, end, words = -1, -1, ""
    for st in [lo] + [m.end() for m in _TURN_SENTENCE_END.finditer(text, lo, hi)]:
        if (m := rules.coming_one_year_re.match(text, st, hi)) and (not m.group("y") or int(m.group("y")) == plan):
            at, end, words = m.start(), m.end(), m.group(0).strip()
    for w in (*rules.coming_one_year_words, f"{plan}年"):
        if (k := text.rfind(w, lo, hi)) > at:
            at, end, words = k, k + len(w), w
    if at < 0 or any(m.start() == 0 or text[m.start() - 1] in _REOPENS for m in rules.coming_re.finditer(text, end, hi)):
        return None
    return words


def _plan_itself(text: str, date: DocDate | None) -> Section | None:
    """The default section of a five-year plan itself (…第十四个五年规划和2035年远景目标纲要): targets of the
    plan's last year, its title the heading (so averages find their span); None for any other text."""
    if date is None:
        return None
    rules = context_rules()
    lines = [ln.strip() for ln in text[:2000].splitlines() if ln.strip()][:rules.plan_title_lines]
    if any(w in line for line in lines for w in rules.plan_title_head_not):
        return None  # a work report asking to pass the plan (提请审议《…规划纲要（草案）》) is no plan
    for line in lines:
        m = rules.plan_title_re.search(line)
        if m is None or any(w in line for w in rules.plan_title_not):
            continue
        name = f"{m.group('n')}五" if m.group("n") else m.group("m")
        first, last = plan_span(name, date.plan_year + 4)
        if abs(first - date.plan_year) > 1:
            return None  # an old plan quoted, or a date that is no plan's
        return Section(0, "target", str(last), None, line.strip("*# "), "title", f"{first}-{last}")
    return None


def _plan_ahead(heading: str, y: re.Match[str] | None, date: DocDate | None) -> str | None:
    """The period a numbered heading with no word of either kind plans, from what it names: the plan year
    itself (三、2001年的工作 in a report of January 2001), or a plan period starting then (二、关于“十五”计划:
    its last year, which its levels aim at; the plan year when the heading speaks of the plan's start, 开局);
    None for anything else (a title, a past year, an old plan)."""
    if date is None or date.plan_year == date.review_year or "报告" in heading \
            or _ITEM_PUNCT.search(heading.rstrip("：:")):
        return None  # (1.启动2021年…项目。 4.今年计划：…: an item of a list, not a heading)
    if y is not None:
        return y.group(1) if int(y.group(1)) == date.plan_year else None
    rules = context_rules()
    m = rules.plan_heading_re.search(heading)
    if m is None:
        return None
    first, last = plan_span(m.group(0), date.plan_year + 4)
    if first != date.plan_year:
        return None
    return str(first) if rules.plan_first_year_re.search(heading) else str(last)  # 做好“十一五”开局工作


def section_at(secs: tuple[Section, ...] | list[Section], starts: list[int], offset: int) -> Section:
    return secs[bisect_right(starts, offset) - 1]
