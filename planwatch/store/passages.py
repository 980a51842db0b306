"""Cutting a document's text into passages: the unit full-text search returns."""

from __future__ import annotations

import re

MAX_PASSAGE = 600
_SENTENCE_END = re.compile(r"[。！？；!?;]")


def split_passages(text: str, max_len: int = MAX_PASSAGE) -> list[tuple[int, int]]:
    """[start, end) spans of the paragraphs of `text` (blank lines dropped, surrounding
    whitespace trimmed); a paragraph longer than `max_len` is cut after a sentence end.

    >>> split_passages("甲市今年增长5%。\\n\\n  乙句。 ")
    [(0, 9), (13, 16)]
    """
    spans: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+", text):
        a, b = m.start(), m.end()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        while b - a > max_len:
            cut = a + max_len
            ends = [e.end() for e in _SENTENCE_END.finditer(text, a + max_len // 3, a + max_len)]
            if ends:
                cut = ends[-1]
            spans.append((a, cut))
            a = cut
        if b > a:
            spans.append((a, b))
    return spans
