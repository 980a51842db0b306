"""Sections: where the kind and period change, at headings and at inline target phrases.

Each section keeps the heading that opened it, so a fact can say which heading decided its kind
and period. A text with no heading at all starts with a section whose kind is `None` (its sentences decide: a
news page is not one big review); the parts its paragraphs' own words show follow (parts.py).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..lexicon import INLINE_HINTS, context_rules
from .dates import DocDate
from .parts import inferred_parts

# a year a heading is about; 2003年以来 is no year of its own but the years since (the review's, by default)
_HEAD_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?!以来|来)")
_LABEL = re.compile(r"^[#\-*\s]*([^，。；：:,;]{2,10})[：:]")
_SENTENCE_PUNCT = re.compile(r"[。，,；;！？]")
_SPACES = re.compile(r"\s+")
_ITEM_PUNCT = re.compile(r"[。；;：:]")


@dataclass(frozen=True)
class Section:
    start: int                 # offset where the section's rule begins
    kind: str | None           # target | actual | None (no heading: sentences decide)
    period: str | None
    five: str | None = None    # a heading that sums up a plan period (过去五年, “十三五”及2020年): its marker
    heading: str = ""          # the heading or phrase that opened it ("" for the document's default)
    source: str = "default"    # heading | label | inline phrase | inferred (no heading: parts.py) | title | default
    plan: str | None = None    # in a five-year plan itself: the years its targets span (2026-2030)

    def describe(self) -> str:
        if self.source == "default":
            return "document default"
        return f"{self.source} {self.heading!r}"


def plan_span(marker: str, end_year: int) -> tuple[int, int]:
    """The years a five-year marker covers: a plan's name gives its own (十三五 → 2016–2020), else the
    five years ending at `end_year`.

    >>> plan_span("“十三五”时期", 2020), plan_span("十五五", 2030), plan_span("过去五年", 2022)
    ((2016, 2020), (2026, 2030), (2018, 2022))
    """
    periods = context_rules().plan_periods
    for name in sorted(periods, key=len, reverse=True):  # 十五五 before 十五
        span = periods[name]
        if name in marker:
            a, b = span.split("-")
            return int(a), int(b)
    return end_year - 4, end_year


def sections(text: str, date: DocDate | None) -> tuple[Section, ...]:
    """The sections of a text (folded), the first one the document's default."""
    rules = context_rules()
    review = str(date.review_year) if date else None
    plan = str(date.plan_year) if date else None
    out: list[Section] = []
    pos = 0
    headings = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        # every inline target phrase holds one (checked at load); three str.find (memchr) are cheaper than
        # re trying an alternation at every character
        hinted = any(map(line.__contains__, INLINE_HINTS))
        if out and (m := rules.inline_review_re.match(stripped)) \
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
        marked = rules.heading_mark_re.match(stripped) is not None
        is_heading = 0 < len(stripped) <= (rules.marked_max if marked else rules.bare_max) and (
            marked or not _SENTENCE_PUNCT.search(stripped.rstrip("：:")))
        label = None if is_heading else _LABEL.match(stripped)  # 任务书：今年… opens with its heading
        if (is_heading or label) and "\t" not in stripped:
            compact = _SPACES.sub("", label.group(1) if label else stripped)
            y = _HEAD_YEAR.search(compact)
            source = "label" if label else "heading"
            reviews = rules.review_first_re.search(compact) and not rules.plan_words_re.search(compact)
            # both kinds named, each by words of its own (主要工作目标 names one: 工作目标)
            both = rules.section_target_re.search(compact) and \
                rules.section_actual_re.search(rules.section_target_re.sub("", compact))
            if both and not reviews and not rules.plan_words_re.search(compact):
                out.append(Section(pos, None, review, None, compact, source))  # the sentences decide
                headings += 1
            elif rules.section_target_re.search(compact) and not reviews:
                out.append(Section(pos, "target", y.group(1) if y else plan, None, compact, source))
                headings += 1
            elif rules.section_actual_re.search(compact) and y and date \
                    and int(y.group(1)) == date.plan_year != date.review_year \
                    and rules.actual_by_year_re.match("".join(rules.section_actual_re.findall(compact))):
                out.append(Section(pos, "target", y.group(1), None, compact, source))  # 三、2008年主要工作
                headings += 1
            elif rules.section_actual_re.search(compact):
                f = rules.five_heading_re.search(compact)
                out.append(Section(pos, "actual", y.group(1) if y else review, f.group(0) if f else None,
                                   compact, source))
                headings += 1
            elif marked and (ahead := _plan_ahead(compact, y, date)):
                out.append(Section(pos, "target", ahead, None, compact, source))  # 三、2001年的工作; 二、关于“十五”计划
                headings += 1
        elif hinted and (m := rules.inline_target_re.search(line)):
            out.append(Section(pos + m.start(), "target", plan, None, m.group(0), "inline phrase"))
        pos += len(line)
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
    if not headings and not out:  # no heading at all: the parts the paragraphs' own words show
        out = [Section(s, kind, review if kind == "actual" else plan, None, why, "inferred")
               for s, kind, why in inferred_parts(text, date)]
    return (default, *out)


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
