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

# Full-width digits and signs → ASCII, one character for one (offsets keep their meaning).
_FULL_WIDTH = re.compile("[０-９．％＋－]")
_FOLD = str.maketrans("０１２３４５６７８９．％＋－", "0123456789.%+-")

_SPACES = re.compile(r"[ \u00a0\u3000\u2002\u2003\u2009]+")
_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

# A line break inside a sentence: the line before is long and does not end a sentence,
# the line after does not open a heading or list item, and neither is a table row.
# A page number standing on its own line inside a sentence (PDF text): - 3 -, — 3 —, 第3页.
_PAGE_LINE = r"[ \t\u3000]*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?)[ \t\u3000\r]*\n"
_SOFT_BREAK = re.compile(
    r"\n(?:[ \u3000\r]*\n|" + _PAGE_LINE + r")*[ \u3000]*"  # line breaks (LF or CRLF), maybe a page number
    r"(?=[^\n#\-*\t一二三四五六七八九十（(【第>|•·])"  # the next line continues the sentence…
    r"(?!\d+(?:[ \u3000、．]|\.(?!\d)))"      # …unless it opens a numbered item (1 … / 2、…)
)
_SENTENCE_CLOSERS = frozenset("\r\n。！？；：:;!?\t”」）)】|")  # a line ending in one of these ends a sentence (a table row: |)
_SPLIT_NUMBER = re.compile(r"\r?\n(?=\d)")  # after a digit or point (checked in _drops: a lookbehind is slow)
MIN_SOFT_LINE = 24  # shorter lines are titles or headings: their break is kept


@dataclass(frozen=True)
class TextView:
    text: str                 # the original text
    folded: str               # the text with full-width digits and signs folded (same length)
    clean: str                # what patterns run on
    _starts: tuple[int, ...]  # clean offsets where a kept run begins
    _origs: tuple[int, ...]   # the original offset of each run's first character

    def orig(self, i: int) -> int:
        """Original offset of clean offset `i` (an end offset maps to just after its character)."""
        k = bisect_right(self._starts, i) - 1
        return self._origs[k] + (i - self._starts[k])

    def orig_end(self, i: int) -> int:
        """Original end offset for a clean end offset (just after the last kept character)."""
        return self.orig(i - 1) + 1 if i > 0 else 0


def _drops(text: str) -> list[tuple[int, int]]:
    # a run of spaces goes, unless it separates two ASCII letters or digits ("Xi Jinping", "1 2")
    n = len(text)
    spans = [(a, b) for a, b in (m.span() for m in _SPACES.finditer(text))
             if not (a > 0 and b < n and text[a - 1] in _ALNUM and text[b] in _ALNUM)]
    for m in _SPLIT_NUMBER.finditer(text):
        if m.start() == 0 or text[m.start() - 1] not in "0123456789.":
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        if m.start() - line_start >= MIN_SOFT_LINE and "\t" not in text[line_start:m.start()]:
            spans.append(m.span())  # 25\n00家: a number cut by a wrapped line
    for m in _SOFT_BREAK.finditer(text):
        start = m.start()
        while start > 0 and text[start - 1] in " \u3000\r":
            start -= 1  # the break begins with the spaces and CR before the LF
        if start == 0 or text[start - 1] in _SENTENCE_CLOSERS:
            continue  # the line before ends a sentence
        line_start = text.rfind("\n", 0, start) + 1
        line = text[line_start:start]
        if len(line.strip()) < MIN_SOFT_LINE or "\t" in line:
            continue
        spans.append((start, m.end()))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def make_view(text: str) -> TextView:
    """The clean view of `text`.

    >>> v = make_view("全年规模以上工业增加值增长 8%，社会消费品零售总额增\\n\\n长 ７.５%，")
    >>> v.clean
    '全年规模以上工业增加值增长8%，社会消费品零售总额增长7.5%，'
    >>> i = v.clean.index("7.5"); v.text[v.orig(i):v.orig_end(i + 3)]
    '７.５'
    """
    folded = text.translate(_FOLD) if _FULL_WIDTH.search(text) else text
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
