"""Clause and sentence boundaries of the clean text, and repeated paragraphs of the original."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from .lexicon import found_matches

# ASCII commas separate clauses too (some papers use them), but not inside 1,234. (One class first and
# the comma checked after it: re skips ahead to a class, not to an alternation.)
_CLAUSE_SEP: Final = re.compile(r"[，：:；;。！？!?\n\t,](?:(?<!,)|(?!\d{3}(?!\d))|(?<!\d,))")
_SENTENCE_SEPS: Final = "。！？!?；;\n\t"  # (sentences() reads them off the one pass of _separators)
# every character that parts sentences or clauses, for any of the lists below and in places and spans
_SEPARATOR_CHARS: Final = "，：:；;。！？!?\n\t,"
_NOT_COMMA: Final = _SEPARATOR_CHARS.replace(",", "")
_PARA_SPLIT: Final = re.compile(r"\n")
MIN_REPEAT: Final = 16  # shorter repeated lines (headings, slogans) are not page repeats


@dataclass(frozen=True)
class Bounds:
    """Sorted separator positions; a span [start, end) of text between two of them."""

    seps: tuple[int, ...]
    length: int

    def around(self, i: int) -> tuple[int, int]:
        k = bisect_right(self.seps, i)
        start = self.seps[k - 1] + 1 if k > 0 else 0
        end = self.seps[k] if k < len(self.seps) else self.length
        return start, end


# a short aside in brackets (预计，下同) holds its commas: they part no clause of the sentence around it
_ASIDE: Final = re.compile(r"[（(][^（）()\n。]{1,12}[）)]")


@lru_cache(maxsize=1)
def _separators(clean: str) -> dict[str, list[int]]:
    """Where each character of _SEPARATOR_CHARS stands, by character. One pass per document (its last text is kept):
    the several lists of separators are read off it. (str.find per character skips ahead at C speed; a list per
    character lets each list below be a merge of sorted runs, not a Python loop over every separator.)"""
    out: dict[str, list[int]] = {}
    find = clean.find
    for ch in _SEPARATOR_CHARS:
        i = find(ch)
        if i >= 0:
            at = out[ch] = []
            while i >= 0:
                at.append(i)
                i = find(ch, i + 1)
    return out


def separators(clean: str, chars: str) -> list[int]:
    """Offsets in `clean` of the characters of `chars` (some of _SEPARATOR_CHARS), in order."""
    by_char = _separators(clean)
    out: list[int] = []
    for ch in dict.fromkeys(chars):  # (each character once)
        out += by_char.get(ch, ())
    out.sort()  # (timsort merges the sorted runs)
    return out


def clauses(clean: str) -> Bounds:
    # (_CLAUSE_SEP matches each separator but a comma inside 1,234: only commas need the check)
    seps = separators(clean, _NOT_COMMA)
    commas = [i for i in _separators(clean).get(",", ()) if _CLAUSE_SEP.match(clean, i)]
    if commas:
        seps += commas
        seps.sort()
    asides = [m.span() for m in found_matches(_ASIDE, clean) if "，" in m.group(0) or "," in m.group(0)]
    if asides:
        inside = {i for a, b in asides for i in range(a, b)}
        seps = [i for i in seps if i not in inside]
    return Bounds(tuple(seps), len(clean))


def sentences(clean: str) -> Bounds:
    return Bounds(tuple(separators(clean, _SENTENCE_SEPS)), len(clean))


def paragraphs(text: str) -> list[tuple[int, int]]:
    """[start, end) of each non-empty line of the original text."""
    out = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


_SENTENCE_END: Final = re.compile(r"[^。！？；!?;]+[。！？；!?;]?")


def _squeeze(s: str) -> str:
    """`s` without whitespace (str.split's whitespace is re's \\s; split is a C loop, no pattern)."""
    return "".join(s.split())


def repeated(text: str) -> list[tuple[int, int]]:
    """Text that repeats earlier text word for word (page furniture, reprinted passages):
    a line that is an earlier line or its head or tail (a reprint cut short), and a sentence
    that stands earlier too (a reprint spliced into another paragraph)."""
    heads: dict[str, list[str]] = {}
    tails: dict[str, list[str]] = {}
    sentences: set[str] = set()
    out = []
    s = 0
    # (the lines of paragraphs(), read here from one split: no list of spans, no slice per line)
    for line in text.split("\n"):
        e = s + len(line)
        key = _squeeze(line) if len(line) >= MIN_REPEAT else ""  # (a shorter line squeezes shorter still)
        if len(key) >= MIN_REPEAT:
            h, t = key[:MIN_REPEAT], key[-MIN_REPEAT:]
            hs, ts = heads.get(h), tails.get(t)
            if (hs and any(k.startswith(key) for k in hs)) or (ts and any(k.endswith(key) for k in ts)):
                out.append((s, e))
            else:
                heads.setdefault(h, []).append(key)
                tails.setdefault(t, []).append(key)
                out += _repeated_sentences(text, s, e, key, sentences)
        s = e + 1
    out.sort()
    return out


def _repeated_sentences(text: str, s: int, e: int, key: str, seen: set[str]) -> list[tuple[int, int]]:
    """Spans of the sentences of the line text[s:e] already in `seen` (the others are added); `key`: the line
    squeezed. Its sentences are the line's sentences squeezed, as far as any of MIN_REPEAT characters goes
    (whitespace parts no sentence). findall gives strings, no match objects; the spans are found again only
    for a line that repeats a sentence, which few do."""
    repeats = []  # for each sentence long enough, in order: does it repeat?
    for piece in _SENTENCE_END.findall(key):
        if len(piece) >= MIN_REPEAT:
            repeats.append(piece in seen)
            seen.add(piece)
    if not any(repeats):
        return []
    long_ones = [m.span() for m in _SENTENCE_END.finditer(text, s, e) if len(_squeeze(m.group(0))) >= MIN_REPEAT]
    return [span for span, again in zip(long_ones, repeats) if again]
