"""A clean view of a text for matching, with a map back to the original offsets.

Real reports set numbers apart with spaces (增长 6%), break sentences at page ends
(增\\n\\n长 7.5%) and use full-width digits (７．５％). The clean view drops the spaces and
the soft line breaks and folds full-width forms one for one, so patterns stay simple;
`orig(i)` maps any clean offset back to the text the user sees. Dropping is done with
regular expressions over runs, never a Python loop over characters (speed).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Final

from .lexicon import numerals

# Full-width digits, signs and Latin letters → ASCII, one character for one (offsets keep their
# meaning): ７．５％ → 7.5%, ＧＤＰ → GDP, −3 → -3, 元／亩 → 元/亩. Never blanket NFKC (㎡ → m2).
_FW_FROM: Final = "０１２３４５６７８９．％＋－−／" + "".join(map(chr, range(0xFF21, 0xFF3B))) + "".join(map(chr, range(0xFF41, 0xFF5B)))
_FW_TO: Final = "0123456789.%+--/ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_FULL_WIDTH: Final = re.compile("[０-９．％＋－−／Ａ-Ｚａ-ｚ]")
_FOLD: Final = str.maketrans(_FW_FROM, _FW_TO)
# (str.translate looks every character of a non-ASCII text up in the table, some 50 ns each: only the runs of
# full-width characters are translated, a few dozen in a document; the class is exactly the table's keys)
_FULL_WIDTH_RUN: Final = re.compile(_FULL_WIDTH.pattern + "+")
# A full-width comma between digit groups (４，５６５ → 4,565): only before exactly three digits,
# so a clause comma between two numbers (增长5，12家) stays a clause comma.
_FW_COMMA: Final = re.compile("，(?=[0-9]{3}(?![0-9]))")
_DIGITS: Final = frozenset("0123456789")
# A space written as an escape that a crawler or a spreadsheet left in the text (`<U+00A0>`, `&nbsp;`): a space
# for every character of it, so the folded text keeps its length and the clean view drops it as it drops spaces
# (a heading `&nbsp; &nbsp; （一）…` is a heading).
_ESCAPED_SPACE: Final = re.compile(r"<U\+(?:00[aA]0|3000|200[0-9aAbB]|0020)>|&(?:nbsp|ensp|emsp|thinsp|#160|#12288|#[xX][aA]0);")
_ANY_DIGITS: Final = frozenset("0123456789０１２３４５６７８９")


def thousands_comma(text: str, i: int) -> bool:
    """Is text[i] a thousands separator? A comma of either width after a digit and before exactly
    three digits (of either width), unless the digits before it are an ordinal (居全省第2，102个…).

    >>> [thousands_comma(t, t.index("，")) for t in ("收入26，530元", "居全省第2，102个", "增长5，12家", "１，２３４")]
    [True, False, False, True]
    """
    if not (0 < i and i + 4 <= len(text) and text[i] in numerals().thousands and text[i - 1] in _ANY_DIGITS):
        return False
    if any(c not in _ANY_DIGITS for c in text[i + 1:i + 4]) or (i + 4 < len(text) and text[i + 4] in _ANY_DIGITS):
        return False
    j = i - 1
    while j > 0 and text[j - 1] in _ANY_DIGITS:
        j -= 1
    return not (j and text[j - 1] == "第")

# (a class, then the class repeated: a pattern opening with a repeat is tried at every position, one
# opening with a class lets re skip to the next space)
_SPACES: Final = re.compile(r"[ \u00a0\u3000\u2002\u2003\u2009][ \u00a0\u3000\u2002\u2003\u2009]*")
_ALNUM: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

# A line break inside a sentence: the line before is long and does not end a sentence,
# the line after does not open a heading or list item, and neither is a table row.
# A page number standing on its own line inside a sentence (PDF text): - 3 -, — 3 —, 第3页.
_PAGE_LINE: Final = r"[ \t\u3000]*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?)[ \t\u3000\r]*\n"
# A run of line breaks is matched once, whole (possessive *+), and what follows it is checked
# apart: a lookahead at the end of the pattern made re retry from every line break of a run,
# n² steps for n blank lines (20,000 of them took seconds).
_BREAK_RUN: Final = re.compile(
    r"\n(?:[ \u3000\r]*+\n|" + _PAGE_LINE + r")*+[ \u3000]*+"  # line breaks (LF or CRLF), maybe a page number
)
_CONTINUES: Final = re.compile(
    r"(?=[^\n#\-*\t一二三四五六七八九十（(【第>|•·])"  # the next line continues the sentence…
    r"(?!\d+(?:[ \u3000、．]|\.(?!\d)))"      # …unless it opens a numbered item (1 … / 2、…)
)
_SENTENCE_CLOSERS: Final = frozenset("\r\n。！？；：:;!?\t”」）)】|")  # a line ending in one of these ends a sentence (a table row: |)
# after a digit or point (checked in _drops: a lookbehind is slow); the CR of a CRLF is taken there too
# (a pattern opening with an optional \r is tried at every position; one opening with \n skips ahead)
_SPLIT_NUMBER: Final = re.compile(r"\n(?=\d)")
_CLOCK_END: Final = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?\s*$")
MIN_SOFT_LINE: Final = 24  # shorter lines are titles or headings: their break is kept
_HEADING_OPEN: Final = re.compile(r"[ \u3000]*(?:\*\*|#+ *)?(?:[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、"
                           r"|第[一二三四五六七八九十]{1,3}[部分章节])")


@dataclass(frozen=True)
class TextView:
    text: str                 # the original text
    folded: str               # the text with full-width digits and signs folded (same length)
    clean: str                # what patterns run on
    _starts: tuple[int, ...]  # clean offsets where a kept run begins
    _origs: tuple[int, ...]   # the original offset of each run's first character

    # (written out, not the dataclass's: compiled with mypyc, object.__setattr__ here is a native store, while the
    # __init__ dataclasses generates stays interpreted there; tables make a view per cell)
    def __init__(self, text: str, folded: str, clean: str, _starts: tuple[int, ...], _origs: tuple[int, ...]) -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "folded", folded)
        object.__setattr__(self, "clean", clean)
        object.__setattr__(self, "_starts", _starts)
        object.__setattr__(self, "_origs", _origs)

    def orig(self, i: int) -> int:
        """Original offset of clean offset `i` (an end offset maps to just after its character)."""
        k = bisect_right(self._starts, i) - 1
        return self._origs[k] + (i - self._starts[k])

    def orig_end(self, i: int) -> int:
        """Original end offset for a clean end offset (just after the last kept character)."""
        return self.orig(i - 1) + 1 if i > 0 else 0

    def run_at(self, i: int) -> tuple[int, int, int]:
        """(lo, hi, shift): the run of kept characters [lo, hi) holding clean offset `i`, and the shift mapping its
        offsets to the original (orig(j) == j + shift for lo <= j < hi; the last run holds the end offset too). A
        figure's offsets then map with one bisect, not one each."""
        starts = self._starts
        k = bisect_right(starts, i) - 1
        hi = starts[k + 1] if k + 1 < len(starts) else len(self.clean) + 1
        return starts[k], hi, self._origs[k] - starts[k]


def _whole_group_before(text: str, at: int) -> bool:
    """Does a number with a whole last group of thousands end at `at` (1,000)? It goes on no further: digits on the
    next line (1,000\n1%) begin another number, not the rest of this one."""
    return at >= 4 and text[at - 4] == "," and text[at - 3:at].isdigit()


def _drops(text: str) -> list[tuple[int, int]]:
    # a run of spaces goes, unless it separates two ASCII letters or digits ("Xi Jinping", "1 2")
    n = len(text)
    spans = [(a, b) for a, b in (m.span() for m in _SPACES.finditer(text))
             if not (a > 0 and b < n and text[a - 1] in _ALNUM and text[b] in _ALNUM)]
    for m in _SPLIT_NUMBER.finditer(text):
        start = m.start() - 1 if m.start() and text[m.start() - 1] == "\r" else m.start()
        if start == 0 or text[start - 1] not in "0123456789.":
            continue
        if _whole_group_before(text, start):
            continue
        line_start = text.rfind("\n", 0, start) + 1
        if start - line_start >= MIN_SOFT_LINE and "\t" not in text[line_start:start]:
            spans.append((start, m.end()))  # 25\n00家: a number cut by a wrapped line
    for m in _BREAK_RUN.finditer(text):
        start = m.start()
        while start > 0 and text[start - 1] in " \u3000\r":
            start -= 1  # the break begins with the spaces and CR before the LF
        if start == 0 or text[start - 1] in _SENTENCE_CLOSERS:
            continue  # the line before ends a sentence (most breaks: asked before the line after is matched)
        end = m.end()
        if not _CONTINUES.match(text, end):
            if end > m.start() + 1 and text[end - 1] in " \u3000":
                end -= 1  # 就业\n 8829 人: the line goes on after its indent (not a list item 1 …)
            else:
                continue
        line_start = text.rfind("\n", 0, start) + 1
        line = text[line_start:start]
        if len(line.strip()) < MIN_SOFT_LINE or "\t" in line or (text[end:end + 1].isdigit() and _whole_group_before(text, start)) \
                or _CLOCK_END.search(line):
            continue  # (Sat, 15 Jan 2022 01:31:39: a page stamp ending in a time of day is a line of its own)
        if _HEADING_OPEN.match(line) and text.count("\n", start, end) > 1:
            continue  # （四）…发展，…加快 then a blank line: a long heading, not a wrapped line
        spans.append((start, end))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


# a decimal point typed as a full stop by a converter (增长18。1%, 241。7亿元): between digits, before a unit
_OCR_POINT: Final = re.compile(r"。(?=\d{1,3}(?:[%％‰]|亿|万|千|个百分点))")  # (a digit before it checked apart: speed)


def _fold_run(m: re.Match[str]) -> str:
    return m.group().translate(_FOLD)


# Straight double quotes around words in Chinese ("十五"末, "两型"社会): curly ones, as the rules write them; one
# character for one, paired within a line.
_ASCII_QUOTED: Final = re.compile(r'"([^"\n]{0,40}?[\u4e00-\u9fff][^"\n]{0,40}?)"')


# A year in Chinese numerals (到二〇三五年, 一九九八年): ASCII digits, one for one, as the rules read years; not in a date
# with a Chinese month (二〇二五年一月十五日: the date forms read it whole)
_CN_YEAR: Final = re.compile(r"(?<![〇○零一二三四五六七八九十百千万])[一二][九〇○零][〇○零一二三四五六七八九]{2}(?=年(?![一二三四五六七八九十]{1,2}月))")
_CN_YEAR_HEADS: Final = ("二〇", "二○", "二零", "一九")  # (the first two characters of every such year)
_CN_DIGITS: Final = str.maketrans("〇○零一二三四五六七八九", "000123456789")


def _curly(m: re.Match[str]) -> str:
    return f"“{m.group(1)}”"


def _fold(text: str) -> str:
    """Full-width forms folded one for one, straight quotes around Chinese words made curly, years in Chinese
    numerals made ASCII digits, a full-width comma
    between digit groups made ASCII, and a full stop between a number's digits (增长18。1%) made a decimal point.

    >>> _fold("进出口总额４，５６５亿元，增长５，１２３家企业，ＧＤＰ增长５％")
    '进出口总额4,565亿元，增长5,123家企业，GDP增长5%'
    >>> _fold("增长5，12家；1，2345")
    '增长5，12家；1，2345'
    >>> _fold("财政收入241。7亿元，增长18。1%。2015年")
    '财政收入241.7亿元，增长18.1%。2015年'
    >>> _fold('比"十五"末增长74%')
    '比“十五”末增长74%'
    >>> _fold("&nbsp;一、回顾<U+00A0>增长5%")
    '      一、回顾        增长5%'
    >>> _fold("到二〇三五年经济总量翻一番；二〇二五年一月十五日")
    '到2035年经济总量翻一番；二〇二五年一月十五日'
    """
    folded = _FULL_WIDTH_RUN.sub(_fold_run, text) if _FULL_WIDTH.search(text) else text
    if "&" in folded or "<U+" in folded:
        folded = _ESCAPED_SPACE.sub(lambda m: " " * len(m.group()), folded)
    if '"' in folded:
        folded = _ASCII_QUOTED.sub(_curly, folded)
    if any(map(folded.__contains__, _CN_YEAR_HEADS)) and _CN_YEAR.search(folded):  # (str.find: most texts hold none)
        folded = _CN_YEAR.sub(lambda m: m.group().translate(_CN_DIGITS), folded)
    marks = [(m.start(), ",") for m in _FW_COMMA.finditer(folded) if thousands_comma(folded, m.start())]
    if "。" in folded:
        marks += [(m.start(), ".") for m in _OCR_POINT.finditer(folded) if m.start() and folded[m.start() - 1].isdigit()]
    if not marks:
        return folded
    parts, pos = [], 0
    for i, ch in sorted(marks):
        parts += [folded[pos:i], ch]
        pos = i + 1
    parts.append(folded[pos:])
    return "".join(parts)


def make_view(text: str) -> TextView:
    """The clean view of `text`.

    >>> v = make_view("全年规模以上工业增加值增长 8%，社会消费品零售总额增\\n\\n长 ７.５%，")
    >>> v.clean
    '全年规模以上工业增加值增长8%，社会消费品零售总额增长7.5%，'
    >>> i = v.clean.index("7.5"); v.text[v.orig(i):v.orig_end(i + 3)]
    '７.５'
    """
    folded = _fold(text)
    drops = _drops(folded)
    parts: list[str] = []
    starts: list[int] = [0]
    origs: list[int] = [0]
    pos = 0
    clean_len = 0
    for s, e in drops:
        parts.append(folded[pos:s])
        clean_len += s - pos
        pos = e
        starts.append(clean_len)
        origs.append(e)
    parts.append(folded[pos:])
    return TextView(text=text, folded=folded, clean="".join(parts), _starts=tuple(starts), _origs=tuple(origs))
