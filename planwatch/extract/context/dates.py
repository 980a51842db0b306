"""The document's date, with where it came from.

A report dated in January–June of year Y looks back on Y−1 and sets targets for Y; one dated in
July–December (a year-end report) looks back on Y itself. The date forms live in rules/context.toml
([dates]); they are tried in order on the document's head, then the page's metadata date, then the
session's own words (a report to a people's congress is given early in the year it plans), then a
guess from the years the head names (confidence low).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import Final

from ..lexicon import DateForm, context_rules, may_match, scanning

_MONTHS: Final = {m: i + 1 for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"))}
_CN_DIGIT: Final = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_YEAR: Final = scanning(re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年"))
_MONTH_DAY: Final = scanning(re.compile(r"(?<![\d年])(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"))


@dataclass(frozen=True)
class DocDate:
    year: int
    month: int | None = None
    day: int | None = None

    @cached_property  # (asked for every figure)
    def review_year(self) -> int:
        """The year a report looks back on (a year alone, with no month, is taken as given)."""
        return self.year - 1 if self.month is not None and self.month <= 6 else self.year

    @cached_property
    def plan_year(self) -> int:
        """The year a report sets targets for (a year alone, with no month, is taken as given): from
        October on, the next year; in July–September, its own (a mid-year report plans the second half)."""
        return self.year + 1 if self.month is not None and self.month >= context_rules().next_year_from else self.year

    def __str__(self) -> str:
        return self._text

    @cached_property
    def _text(self) -> str:  # (written into the why of every fact: made once)
        return "-".join([f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p is not None])


@dataclass(frozen=True)
class Dating:
    """The date and its evidence: where it came from, the characters, how sure."""

    date: DocDate | None
    source: str              # override | dateline | publication date | web header | page stamp | …
    evidence: str = ""       # the words that gave it
    start: int | None = None  # their offset in the text
    confidence: str = "none"  # high | medium | low | none

    def describe(self) -> str:
        if self.date is None:
            return "no date found"
        where = f" {self.evidence!r}" if self.evidence else ""
        return f"{self.source}{where} → {self.date} ({self.confidence})"


def parse_date(s: str) -> DocDate:
    """'2024-12-25', '2024/12/25', '2024.12' or '2024' → DocDate; anything else is a ValueError.

    >>> parse_date("2024-01-17").review_year
    2023
    >>> parse_date("2024-12-25").plan_year, parse_date("2024-07-12").plan_year
    (2025, 2024)
    """
    parts = [p for p in re.split(r"[-/.]", s.strip()) if p]
    if not parts or len(parts) > 3 or not all(p.isdigit() for p in parts):
        raise ValueError(f"not a date: {s!r} (expected YYYY-MM-DD)")
    nums = [int(p) for p in parts]
    if not 1900 <= nums[0] <= 2100 or (len(nums) > 1 and not 1 <= nums[1] <= 12) \
            or (len(nums) > 2 and not 1 <= nums[2] <= 31):
        raise ValueError(f"not a date: {s!r} (expected YYYY-MM-DD)")
    return DocDate(*nums)  # type: ignore[arg-type]


def cn_int(s: str) -> int | None:
    """二〇二四 → 2024 (digit by digit); 十二 → 12, 二十六 → 26 (a month or a day); 两 → 2 (a count); digits as
    they are; else None.

    >>> cn_int("二〇二四"), cn_int("十二"), cn_int("二十六"), cn_int("十"), cn_int("两"), cn_int("5"), cn_int("x")
    (2024, 12, 26, 10, 2, 5, None)
    """
    if s.isdigit():
        return int(s)
    if "十" in s:
        tens, _, ones = s.partition("十")
        t = _CN_DIGIT.get(tens, -1) if tens else 1
        o = _CN_DIGIT.get(ones, -1) if ones else 0
        return t * 10 + o if t >= 0 and o >= 0 else None
    digits = [_CN_DIGIT.get(ch) for ch in s]
    if not digits or any(d is None for d in digits):
        return None
    return int("".join(str(d) for d in digits))


def _from_match(m: re.Match[str]) -> DocDate | None:
    g = m.groupdict()
    y = g.get("y") or g.get("y2")
    mo = g.get("m") or g.get("m2")
    d = g.get("d") or g.get("d2")
    if g.get("mon"):
        mo = str(_MONTHS.get(g["mon"][:3]))
    year, month, day = (cn_int(x) if x else None for x in (y, mo, d))
    if year is None or not 1900 <= year <= 2100 or (month is not None and not 1 <= month <= 12) \
            or (day is not None and not 1 <= day <= 31):
        return None
    return DocDate(year, month, day)


def find_date(text: str, *, override: str | None = None, meta_date: str | None = None) -> Dating:
    """The document's date and its evidence. `override` (the user's --date) wins; then the text's own
    date forms; then the file's metadata (an HTML page's date); then the session's words; then a guess."""
    if override:
        return Dating(parse_date(override), "given (--date)", override, None, "high")
    rules = context_rules()
    head = text[:rules.date_head]
    m: re.Match[str] | None
    found = _first_form(head, 0, rules.date_forms)
    if found is None and len(text) > rules.date_head and rules.date_tail:
        # a page's foot (衡岳日报 2024年01月16日 第01版), when its head had no date
        found = _first_form(text, max(rules.date_head, len(text) - rules.date_tail),
                            tuple(f for f in rules.date_forms if f.tail))
    if found is not None:
        return _unless_contradicted(found, head, rules)
    if meta_date:
        try:
            return Dating(parse_date(meta_date[:10]), "file metadata", meta_date, None, "medium")
        except ValueError:
            pass
    session = _session_date(head, rules)
    if session is not None and session.confidence != "low":
        return session
    for pat in rules.address_res:  # a page's address, before any guess from the years named
        m = pat.search(head) if may_match(pat, head) else None
        if m is not None and (dd := _from_match(m)) is not None:
            if session is not None and session.date is not None and dd.year > session.date.year + 1:
                break  # an address dated years after every year the report names: put online again later
            return Dating(dd, "web address", m.group(0), m.start(), "low")
    return session if session is not None else _guess(head, text, rules)


def _first_form(text: str, at: int, forms: tuple[DateForm, ...]) -> Dating | None:
    """The first date of text[at:] that a form reads, trying the forms in their order."""
    part = text[at:] if at else text
    for form in forms:
        if not may_match(form.pattern, part):
            continue  # (a text missing a character every match holds: a few str `in` checks, no scan)
        for m in form.pattern.finditer(text, at):
            if (dd := _from_match(m)) is not None:
                return Dating(dd, form.source, m.group(0).strip(), m.start(), form.confidence)
    return None


def _unless_contradicted(found: Dating, head: str, rules) -> Dating:
    """A date form's date, unless the plan year the report's title names is two years or more
    away (a dateline copied from another year's report: 江苏省2003年政府工作报告 dated 2010 and reviewing
    1998–2002), or, for a page's stamp, the year its review heading names (a report put online again later): the
    report's own words then win, with low confidence and both pieces of evidence shown."""
    session = _title_plan_year(head[:_TITLE_HEAD], rules)  # (a title stands at the top)
    if session is None and found.source in _PAGE_STAMPS and (own := _session_date(head, rules)) is not None \
            and own.confidence != "low":
        session = own  # 发布时间：2033-05-06 over 一、2030年工作回顾: a report put online again years later
    if session is None or session.date is None or found.date is None or abs(session.date.year - found.date.year) < 2:
        return found
    return Dating(session.date, f"{session.source} (the {found.source} {found.evidence} disagrees)", session.evidence,
                  session.start, "low")


_TITLE_HEAD: Final = 200  # characters of a text's top where its title stands
# dates a page is stamped with when put online, which may be years after the report was given (a dateline is the
# report's own)
_PAGE_STAMPS: Final = frozenset({"publication date", "page stamp", "web header", "newspaper edition"})


def _title_plan_year(head: str, rules) -> Dating | None:
    """The plan year a work report's title or opening names (2024年政府工作报告; …；2024年重点工作 in a list of the
    report's parts): given early in that year."""
    for pat in rules.plan_year_res:
        m = pat.search(head) if may_match(pat, head) else None
        if m:
            return Dating(DocDate(int(m["y"]), rules.session_month), "the title or opening names its plan year",
                          m.group(0), m.start(), "medium")
    return None


def _session_date(head: str, rules) -> Dating | None:
    """A report to a people's congress, with a title year: given early in its plan year (unless a heading
    reviews that year or a later one)."""
    if (titled := _title_plan_year(head, rules)) is not None:
        return _reviewed_later(titled, head, rules) or titled
    if not any(c in head for c in rules.session_cues):
        return None
    for pat in rules.review_year_res:
        m = pat.search(head) if may_match(pat, head) else None
        if m:
            return Dating(DocDate(int(m["y"]) + 1, rules.session_month), "session report, review year named",
                          m.group(0), m.start(), "medium")
    # years a target aims at (到2020年, 至2025年) are no year reviewed
    years = [int(m.group(1)) for m in _YEAR.finditer(head)
             if not (head[max(0, m.start() - 1):m.start()] in ("到", "至") and head[max(0, m.start() - 2):m.start()] != "截至")]
    if not years:
        return None
    counts = Counter(years)
    goals = _goal_years(head, rules)
    if (turn := max((y for y in counts if y + 1 in goals and y not in goals), default=None)) is not None:
        # 2030年…增长5.8%，超额完成年度目标。…对于2031年，报告提出的主要预期目标为…: the year whose sentence sets
        # goals is planned, the year before it reviewed, however often each is named
        return Dating(DocDate(turn + 1, rules.session_month), "session report, the year after the one reviewed "
                      "sets goals", f"{turn}年 ×{counts[turn]}, {turn + 1}年 with goal words", None, "low")
    if any(w in head for w in rules.five_year_words):
        y, how = max(years), "latest year named"  # a five-year review names its base years too
    else:
        y, how = max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0], "most named year"
    return Dating(DocDate(y + 1, rules.session_month), f"session report, {how} taken as the year reviewed",
                  f"{y}年 ×{counts[y]}", None, "low")


def _goal_years(head: str, rules) -> set[int]:
    """The years whose sentence holds a goal word not met (对于2031年，…主要预期目标为…; not
    2030年…超额完成年度预期目标)."""
    out = set()
    for m in _YEAR.finditer(head):
        end = _SENTENCE_END.search(head, m.end())
        start = max(head.rfind(ch, 0, m.start()) for ch in _SENTENCE_ENDS) + 1
        sentence = head[start:end.start() if end else len(head)]  # (圆满完成2030年目标任务: met, the words before it say)
        if rules.part_goal_re.search(sentence) and not rules.achieved_re.search(sentence) \
                and not _MET.search(sentence):
            out.add(int(m.group(1)))
    return out


_SENTENCE_ENDS: Final = "。！？；\n"
_SENTENCE_END: Final = re.compile(f"[{_SENTENCE_ENDS}]")
# a goal compared with (超额完成年度预期目标, 高于预期目标): the year's result, no goal of its own
_MET: Final = re.compile(r"(?:完成|实现|超过|超出|高于|达到)[^。；，,]{0,6}(?:目标|预期)")


def _reviewed_later(titled: Dating, head: str, rules) -> Dating | None:
    """The date of a report whose heading reviews the year its title names, or a later one (2005年…工作报告 over
    一、“十五”工作回顾): the year after the one reviewed, with both pieces of evidence; else None."""
    assert titled.date is not None
    for pat in rules.reviewed_heading_res:
        for m in pat.finditer(head):
            last = int(m["y"]) if m["y"] else int(rules.plan_periods.get(m["p"], "0-0").split("-")[1])
            if last >= titled.date.year:
                return Dating(DocDate(last + 1, rules.session_month), f"session report, review heading (the title's "
                              f"{titled.evidence} disagrees)", m.group(0).strip("*# \n"), m.start(), "medium")
    return None


def _guess(head: str, text: str, rules) -> Dating:
    """The most named year of the head (of the whole text when the head names none), with a month-day
    near the top; confidence low. When two years in a row are named, a date in January–June takes
    the later (a report early in a year names the year before and its own), July–December the earlier;
    with no month-day, a text about a part of a year (一季度…) takes the later (it compares with the year
    before)."""
    years = Counter(int(y) for y in _YEAR.findall(head)) or Counter(int(y) for y in _YEAR.findall(text))
    if not years:
        return Dating(None, "none")
    year = max(years.items(), key=lambda kv: (kv[1], kv[0]))[0]
    md = _MONTH_DAY.search(head)
    if md is None and (part := rules.part_of_year_re.search(head)) is not None:
        later = max(years)
        if later - 1 in years and year != later:
            return Dating(DocDate(later), "guess: a part of a year, the year before named for comparison",
                          f"{later - 1}年 ×{years[later - 1]}, {later}年 ×{years[later]}, {part.group(0)}", part.start(), "low")
    if md and 1 <= int(md["m"]) <= 12 and 1 <= int(md["d"]) <= 31:
        month = int(md["m"])
        pair = (year, year + 1) if year + 1 in years else (year - 1, year) if year - 1 in years else None
        if pair:
            year = pair[1] if month <= 6 else pair[0]
        named = ", ".join(f"{y}年 ×{n}" for y, n in sorted(years.items()) if not pair or y in pair)
        return Dating(DocDate(year, month, int(md["d"])), "guess: years named and a month-day",
                      f"{named}, {md.group(0)}", md.start(), "low")
    return Dating(DocDate(year), "guess: most named year", f"{year}年 ×{years[year]}", None, "low")
