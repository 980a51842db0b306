"""Number candidates in the clean text: the number, its magnitude, unit and qualifier words.

Only shapes that can be facts come out: an Arabic number with a unit, a rank (第N位,
前二), a doubling (翻一番), a share in tenths (九成), a magnitude that is itself the
number (过亿元). Numbers that name things (years, dates, session numbers, 十大工程,
“三个高地”) are dropped here, by the patterns of rules/not_facts.toml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import cn2an

from .lexicon import Lexicon, lexicon

_NUM_GLUE = frozenset("0123456789.ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_CN_COUNT_NOT_AFTER = frozenset("一二两三四五六七八九十百千万第前“")
_CN_COUNT_BEFORE = ("了", "等", "建", "成", "通", "增", "设", "获", "出", "引", "办", "选", "批", "造", "修", "开")
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
CN_DIGITS = "零〇一二两三四五六七八九十百千"


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int                  # clean offsets of the number alone
    end: int
    tail_end: int               # clean offset after unit and qualifier words
    value: float
    unit: str | None
    qualifier: str              # from the words after the unit (exact when none)
    approx: bool                # 余/多 inside the unit
    negative: bool              # a written minus sign
    kind: str                   # number | rank | times | tenths | magnitude
    before_qualifier: str = ""  # a qualifier implied by the shape (前二 → at_most, 过亿 → at_least)


@dataclass(frozen=True)
class Patterns:
    arabic_tail: re.Pattern[str]
    rank: re.Pattern[str]
    times: re.Pattern[str]
    tenths: re.Pattern[str]
    magnitude: re.Pattern[str]
    rank_cue: re.Pattern[str]


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    lx = lexicon()
    return Patterns(
        # the number and its tail (magnitude, 余/多, unit, qualifier) in one match; numbers followed by
        # a non-unit (年, 月, 届, 十大 …) are refused inside the regex (speed)
        arabic_tail=re.compile(r"(?P<neg>-)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d])"
                               rf"(?!{lx.not_after_ahead})"
                               rf"(?P<a1>[余多])?(?P<mag>{lx.magnitudes_re})?(?P<a2>[余多])?(?P<unit>{lx.units_re})?(?P<q>{lx.after_re})?"),
        rank=re.compile(r"(?P<pre>第|前)(?P<n>\d+|[一二三四五六七八九十]{1,3})(?:(?P<u>位|名|强)|(?=[，,。；;、\s居和与的）)]|$))"),
        times=re.compile(r"翻(?P<n>[一两二三四五六七八九十]|\d+)(?P<u>番)"),
        # no lookbehind at the start of these (it stops re from skipping ahead): checked in Python
        tenths=re.compile(r"(?P<n>[一二三四五六七八九])(?P<u>成)(?P<q>以上|左右)"),
        magnitude=re.compile(r"[过超](?P<n>万亿|千亿|亿|万)(?P<u>元|美元)"),
        rank_cue=re.compile(r"(居|位居|位列|排名|排|列|跻身|跃居|跃升至|跃升|升至|稳居|保持|全国|全省|全市|全县|全区|全州|榜|名列|进入)[^，,。；;]{0,14}$"),
    )


def parse_number(s: str) -> float:
    """Arabic or Chinese numeral → float, via Decimal for Arabic.

    >>> parse_number("1,234.5"), parse_number("三十九"), parse_number("两")
    (1234.5, 39.0, 2.0)
    """
    if s[0] in CN_DIGITS:
        return float(cn2an.cn2an(s, "smart"))
    # float() of a decimal string is correctly rounded, the same double Decimal would give
    return float(s.replace(",", "") if "," in s else s)


def _in_short_quote(clean: str, i: int, max_len: int) -> bool:
    """True when position i sits inside “…” holding at most max_len characters (a name)."""
    lo = clean.rfind("“", max(0, i - max_len), i)
    if lo < 0 or clean.find("”", lo, i) >= 0:
        return False
    hi = clean.find("”", i, lo + max_len + 2)
    return hi >= 0


def _arabic(clean: str, lx: Lexicon, pt: Patterns) -> list[Candidate]:
    out: list[Candidate] = []
    for m in pt.arabic_tail.finditer(clean):
        if m.start() and clean[m.start() - 1] in _NUM_GLUE:
            continue  # inside a code or a longer number (G227, 5G, .5)
        neg, num, a1, mag, a2, base, q = m.group("neg", "num", "a1", "mag", "a2", "unit", "q")
        if mag is None and base is None:
            continue  # a bare number: page, list or phone number, ratio part
        s, e = m.span("num")
        unit = (mag or "") + (base or "")
        if lx.not_before.search(clean, max(0, s - 6), s):
            continue
        if base is None and lx.not_units_re.match(clean, m.end("mag")):
            continue  # 500千伏: the magnitude belongs to a unit we skip
        if len(num) == 4 and num[:2] in ("19", "20") and (base is None or (len(unit) == 1 and _CJK_CHAR.match(clean, m.end()))):
            continue  # a year written without 年 (2024 株洲年终综述: 株 starts a name, not a unit)
        tail_end = m.end()
        if q in ("以上", "及以上", "以下"):
            nxt = clean[tail_end:tail_end + 1]
            if nxt and nxt not in "，,。；;、：:）)”\r\n\t" and not _is_verbish(clean, tail_end) \
                    and not (unit in ("%", "成") and nxt == "的"):
                continue  # 10亿元以上项目: a threshold inside a name (but 90%以上的行政村 is a share)
        if _in_short_quote(clean, s, lx.quoted_max):
            continue
        try:
            value = parse_number(num)
        except ValueError:
            continue
        out.append(Candidate(s, e, tail_end, value, unit, lx.after.get(q, "exact") if q else "exact",
                             bool(a1 or a2), bool(neg) and not clean[max(0, m.start() - 1):m.start()].isdigit(),
                             "number"))
    return out


_VERBISH = ("的", "入", "进", "达", "实现", "完成", "增", "建", "投", "开", "竣", "签", "落", "获")


def _is_verbish(clean: str, i: int) -> bool:
    """After 以上, a verb continues the sentence (增长10%以上入链 is rare; 以上项目 is a name)."""
    return clean.startswith(_VERBISH[1:], i) and not clean.startswith("的", i)


def _chinese(clean: str, lx: Lexicon, pt: Patterns) -> list[Candidate]:
    out: list[Candidate] = []
    for m in pt.rank.finditer(clean):
        s, e = m.span("n")
        clause_left = clean[max(0, m.start() - 16):m.start()]
        if not pt.rank_cue.search(clause_left) and m.group("u") is None:
            continue
        if m.group("pre") == "前" and m.group("u") == "强":
            continue  # 前50强: membership, not a rank (optional in the gold)
        if _in_short_quote(clean, s, lx.quoted_max):
            continue
        if m.group("pre") == "第" and not pt.rank_cue.search(clause_left):
            continue  # 第二产业, 第三轮: an ordinal, not a rank
        out.append(Candidate(
            start=s, end=e, tail_end=m.end(), value=parse_number(m.group("n")), unit="位",
            qualifier="exact", approx=False, negative=False, kind="rank",
            before_qualifier="at_most" if m.group("pre") == "前" else "",
        ))
    for m in lx.cn_count_re.finditer(clean):
        if m.start() and clean[m.start() - 1] in _CN_COUNT_NOT_AFTER:
            continue  # part of a longer numeral, an ordinal (第三条) or a name (“三条…)
        before = clean[max(0, m.start() - 2):m.start()]
        after = clean[m.end():m.end() + 1]
        # after a verb or 等 (修建了三条…, 等三条…), or closing a clause after its noun (航线三条，)
        if not (before.endswith(_CN_COUNT_BEFORE) or (after in "，,。；;" and _CJK_CHAR.match(before[-1:] or " "))):
            continue
        if after == "大" or _in_short_quote(clean, m.start(), lx.quoted_max):
            continue
        out.append(Candidate(m.start("n"), m.end("n"), m.end(), parse_number(m.group("n")), m.group("u"),
                             "exact", False, False, "count"))
    for m in pt.times.finditer(clean):
        out.append(Candidate(m.start("n"), m.end("n"), m.end(), parse_number(m.group("n")), "番",
                             "exact", False, False, "times"))
    for m in pt.tenths.finditer(clean):
        if m.start() and clean[m.start() - 1] in "一二三四五六七八九十百千万零":
            continue
        out.append(Candidate(m.start("n"), m.end("n"), m.end(), parse_number(m.group("n")), "成",
                             lx.after.get(m.group("q"), "exact"), False, False, "tenths"))
    for m in pt.magnitude.finditer(clean):
        mag = m.group("n")
        if clean[m.end():m.end() + 2] in ("企业", "项目", "以上") or clean[m.end():m.end() + 1] == "级":
            continue  # 产值过亿元企业: a threshold inside a name
        # 过亿元 → 1 亿元; 超万亿元 → 10000 亿元 (the span is the first magnitude character)
        value, unit = (1.0, mag + m.group("u")) if mag in ("亿", "万") else (10000.0 if mag == "万亿" else 1000.0, "亿" + m.group("u"))
        out.append(Candidate(m.start("n"), m.start("n") + 1, m.end(), value, unit, "exact", False, False,
                             "magnitude", before_qualifier="at_least"))
    return out


def find_numbers(clean: str) -> list[Candidate]:
    """Every number candidate of a clean text, in order of position."""
    lx, pt = lexicon(), patterns()
    cands = _arabic(clean, lx, pt) + _chinese(clean, lx, pt)
    cands.sort(key=lambda c: c.start)
    return cands
