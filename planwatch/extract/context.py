"""What a document says about itself: its date, its sections (kind and period), its region.

A report dated in January–June of year Y looks back on Y−1 and sets targets for Y; one
dated in July–December (a year-end report) looks back on Y itself. A heading's own year wins.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from .lexicon import lexicon

_FULL_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_ISO_DATE = re.compile(r"(?:(?:时间|日期|发布时间|发布日期)[:：]\s*(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2}))"
                       r"|(?:(?P<y2>(?:19|20)\d{2})-(?P<m2>\d{1,2})-(?P<d2>\d{1,2})\s+\d{1,2}:\d{2})")  # a page's stamp: 2024-01-18 08:30
_MONTH_DAY = re.compile(r"(?<![\d年])(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_DATELINE_CUE = re.compile(r"——|在.{0,40}(?:会议|大会)|（|\(|来源|发布|讯|记者")
_HEAD_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
MAX_BARE_HEADING = 24
_LABEL = re.compile(r"^[#\-*\s]*([^，。；：:,;]{2,10})[：:]")
_SENTENCE_PUNCT = re.compile(r"[。，,；;！？]")
HEAD = 1500  # characters at the top of a document where its date and title live


@dataclass(frozen=True)
class DocDate:
    year: int
    month: int | None = None
    day: int | None = None

    @property
    def review_year(self) -> int:
        """The year a report looks back on (a year alone, with no month, is taken as given)."""
        return self.year - 1 if self.month is not None and self.month <= 6 else self.year

    @property
    def plan_year(self) -> int:
        """The year a report sets targets for (a year alone, with no month, is taken as given)."""
        return self.year + 1 if self.month is not None and self.month > 6 else self.year


def parse_date(s: str) -> DocDate:
    """'2024-12-25' or '2024' → DocDate.

    >>> parse_date("2024-01-17").review_year
    2023
    """
    parts = [int(p) for p in re.split(r"[-/.]", s.strip()) if p]
    if not parts or not 1900 <= parts[0] <= 2100:
        raise ValueError(f"not a date: {s!r} (expected YYYY-MM-DD)")
    return DocDate(*parts[:3])  # type: ignore[arg-type]


def document_date(text: str, *, guess: bool = True) -> DocDate | None:
    """The date a document gives itself: a dateline or a 时间： line; with `guess`, else a
    full date anywhere in its head, else its most named year with a month-day near the top."""
    head = text[:HEAD]
    for m in _FULL_DATE.finditer(head):
        around = head[max(0, m.start() - 4):m.end() + 40]
        if _DATELINE_CUE.search(around):
            return DocDate(int(m["y"]), int(m["m"]), int(m["d"]))
    m2 = _ISO_DATE.search(head)
    if m2:
        y, mo, d = (m2["y"], m2["m"], m2["d"]) if m2["y"] else (m2["y2"], m2["m2"], m2["d2"])
        return DocDate(int(y), int(mo), int(d))
    if not guess:
        return None
    first = _FULL_DATE.search(head)
    if first:
        return DocDate(int(first["y"]), int(first["m"]), int(first["d"]))
    years = Counter(int(y) for y in _YEAR.findall(head))
    if not years:
        return None
    year = max(years.items(), key=lambda kv: (kv[1], kv[0]))[0]
    md = _MONTH_DAY.search(head)
    if md and 1 <= int(md["m"]) <= 12:
        return DocDate(year, int(md["m"]), int(md["d"]))
    return DocDate(year)


@dataclass(frozen=True)
class Section:
    start: int          # original offset where the section's rule begins
    kind: str           # target | actual
    period: str | None
    five: str | None = None  # a heading that reviews a plan period (过去五年工作回顾): its marker


_HEADING_MARK = re.compile(r"^\s*(?:#+\s*|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、]\s*|第[一二三四五六七八九十]+部分)")


def sections(text: str, date: DocDate | None) -> list[Section]:
    """Where the kind and period change: at headings and at inline target phrases."""
    lx = lexicon()
    review = str(date.review_year) if date else None
    plan = str(date.plan_year) if date else None
    default_kind = "actual"
    out = [Section(0, default_kind, review)]
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        hinted = "目标" in line or "预期" in line  # every inline target phrase holds one (cues.toml [inline])
        if len(stripped) > 40 and not hinted and "：" not in stripped[:11] and ":" not in stripped[:11]:
            pos += len(line)
            continue  # a long line with no target phrase and no label: prose (most lines; speed)
        # a marked heading (一、 （一） ### 1.) up to 40 characters; an unmarked one must be short,
        # or every line of a PDF wrapped at 36 characters would look like a heading
        marked = _HEADING_MARK.match(stripped) is not None
        is_heading = 0 < len(stripped) <= (40 if marked else MAX_BARE_HEADING) and (
            marked or not _SENTENCE_PUNCT.search(stripped.rstrip("：:")))
        label = None if is_heading else _LABEL.match(stripped)  # 任务书：今年… opens with its heading
        if (is_heading or label) and "\t" not in stripped:
            compact = re.sub(r"\s+", "", label.group(1) if label else stripped)
            y = _HEAD_YEAR.search(compact)
            if lx.section_target_re.search(compact):
                out.append(Section(pos, "target", y.group(1) if y else plan))
            elif lx.section_actual_re.search(compact):
                f = lx.five_year_re.search(compact)
                out.append(Section(pos, "actual", y.group(1) if y else review, f.group(0) if f else None))
        elif hinted:
            m = lx.inline_target_re.search(line)
            if m:
                out.append(Section(pos + m.start(), "target", plan))
        pos += len(line)
    return out


def section_at(secs: list[Section], starts: list[int], offset: int) -> Section:
    return secs[bisect_right(starts, offset) - 1]
