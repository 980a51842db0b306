"""Number candidates in the clean text: the number, its magnitude, unit and qualifier words.

One grammar (rules/numerals.toml, through lexicon.numerals()) reads every way a report writes a
number, in prose, tables and ranks alike: Arabic digits with thousands separators and decimals
(full-width ones arrive folded by textview), Chinese numerals everyday and financial (一百五十二,
壹佰, 两千四百五, 九万四), mixtures (5万4千6百, 1亿2000万), decimals written 点, the signs 负 and -,
百分之…, 个百分点, 成 (九成, 三成半, 七成六), approximators inside the number (十多万 → at_least,
二十几万 → about) and ranges (5%—6%, 五至六成, 5-6个百分点: the low end at_least, the high end at_most).

A number is read whole or not at all: a run of numeral characters the grammar refuses (a rank
range 十四五, a loose range 三四十) gives no candidate, and `cut()` drops any candidate whose span
would leave a digit, a separator or a numeral character of the same number outside it.

Only shapes that can be facts come out: a number with a unit, a rank (第N位, 前二), a doubling
(翻一番), a share in tenths (九成), a magnitude that is itself the number (过亿元). Numbers that name
things (years, dates, session numbers, 十大工程, “三个高地”) are dropped here, by the patterns of
rules/not_facts.toml; small Chinese counts (三条, 二十个) only after a verb or closing a clause.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from typing import Final

from .lexicon import (
    Lexicon,
    Numerals,
    alternation,
    end_gate,
    found_matches,
    lexicon,
    matches_from,
    may_end,
    may_match,
    numerals,
    unit_kind,
)
from .textview import thousands_comma

_NUM_GLUE: Final = frozenset("0123456789.ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_CN_COUNT_BEFORE: Final = ("了", "等", "建", "成", "通", "增", "设", "获", "出", "引", "办", "选", "批", "造", "修", "开")
_CJK_CHAR: Final = re.compile(r"[\u4e00-\u9fff]")
_ARABIC: Final = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_ARABIC_TOKEN: Final = re.compile(_ARABIC)
# _ARABIC with its first digit taken before the alternatives (the same matches, tried in the same order):
# a pattern opening with a class, not an alternation, lets re skip to a digit fast
_ARABIC_FIRST: Final = r"\d(?:\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d*(?:\.\d+)?)"
_ASCII_DIGITS: Final = frozenset("0123456789")
_DIGITS: Final = frozenset("0123456789０１２３４５６７８９")
_POINTS: Final = frozenset(".．")
_CLAUSE_END: Final = frozenset("，,。；;")
# an index named right before a bare number (价格指数为102.3, 总指数控制在103以内): its words up to the number
_INDEX_BEFORE: Final = re.compile(r"指数[^，,。；;：:\d%（(]{0,6}$")
_INDEX_RANGE: Final = (50.0, 200.0)  # (an index is near 100: 指数1.2 or 指数2000 is no index level)
_RANK_UNITS: Final = ("位", "名")  # 前10位, 前5名: the rank pattern reads them whole (its u group)
_TENTHS_FRAC_END: Final = frozenset("，,。；;、：:的）)”\r\n\t")


@dataclass(slots=True)
class Candidate:
    """A number found in a clean text, with its unit and the words around it that shape it. (Not frozen:
    a text makes hundreds and a frozen one costs three times as much to build; none is changed once
    made, dataclasses.replace makes another.)"""

    start: int                  # clean offsets of the number alone
    end: int
    tail_end: int               # clean offset after unit and qualifier words
    value: float
    unit: str | None
    qualifier: str              # from the words after the unit (exact when none)
    approx: bool                # 余/多 inside the unit or the number
    negative: bool              # a written minus sign
    kind: str                   # number | count | rank | times | tenths | magnitude
    before_qualifier: str = ""  # a qualifier implied by the shape (前二 → at_most, 过亿 → at_least, 几 → about)
    lead: int = -1              # where the number as written begins (百分之五, 负三十二); -1: at start
    range_end: str = ""         # "low" | "high" for the two ends of a range (5%—6%)

    # (written out, not the dataclass's: compiled with mypyc this one runs native, while the __init__ dataclasses
    # generates stays interpreted there, ten times the cost; the fields, in order, with their defaults)
    def __init__(self, start: int, end: int, tail_end: int, value: float, unit: str | None, qualifier: str,
                 approx: bool, negative: bool, kind: str, before_qualifier: str = "", lead: int = -1,
                 range_end: str = "") -> None:
        self.start = start
        self.end = end
        self.tail_end = tail_end
        self.value = value
        self.unit = unit
        self.qualifier = qualifier
        self.approx = approx
        self.negative = negative
        self.kind = kind
        self.before_qualifier = before_qualifier
        self.lead = start if lead < 0 else lead
        self.range_end = range_end


# ---------------------------------------------------------------------------
# the converter


def _tokens(s: str, nm: Numerals) -> list[tuple] | None:
    """("n", value, arabic) digits and Arabic numbers, ("z",) zero, ("p", 10|100|1000) places,
    ("m", 10^4|10^8|10^12) magnitudes, (".", "5") a decimal tail written 点; None for a stranger."""
    out: list[tuple] = []
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c in _ASCII_DIGITS:
            m = _ARABIC_TOKEN.match(s, i)
            assert m is not None
            out.append(("n", Decimal(m.group().replace(",", "")), True))
            i = m.end()
            continue
        if c in nm.digit:
            v = nm.digit[c]
            out.append(("z",) if v == 0 else ("n", Decimal(v), False))
        elif c in nm.place:
            out.append(("p", nm.place[c]))
        elif c in nm.magnitude:
            v = nm.magnitude[c]
            if out and out[-1][0] == "m" and out[-1][1] < v:
                out[-1] = ("m", out[-1][1] * v)  # 万亿
            else:
                out.append(("m", v))
        elif c in nm.points:
            frac = s[i + 1:]
            if not frac or any(ch not in nm.digit for ch in frac):
                return None
            out.append((".", "".join(str(nm.digit[ch]) for ch in frac)))
            return out
        else:
            return None
        i += 1
    return out


def _parse(s: str) -> Decimal | None:
    nm = numerals()
    toks = _tokens(s, nm)
    if not toks:
        return None
    frac = toks.pop()[1] if toks[-1][0] == "." else None
    if toks == [("z",)] and frac:
        return Decimal("0." + frac)  # 零点五
    if not toks:
        return None
    total = section = Decimal(0)
    digit: tuple | None = None    # a digit waiting for its place
    last_place = last_mag = 0     # to keep places and magnitudes descending
    zero = False                  # 零 seen since the last place
    before = ""                   # the kind of token before the waiting digit
    prev = ""
    for k, tok in enumerate(toks):
        kind = tok[0]
        if kind == "n":
            if digit is not None:
                return None       # two digits in a row: 十四五, 三四十
            digit, before = tok, prev
        elif kind == "z":
            if digit is not None or zero or prev not in ("p", "m"):
                return None       # 五零, 零零, a leading 零
            zero = True
        elif kind == "p":
            p = tok[1]
            if digit is None:
                if zero or k:
                    return None   # 千百, 零百
                d = Decimal(1)    # 十五, 百 (百分之百)
            else:
                d = digit[1]
                if digit[2] and (d >= 10 or d != d.to_integral_value()):
                    return None   # 12千, 1.5千: not one number
            if last_place and p >= last_place:
                return None       # 一百千, 十十
            section += d * p
            digit, last_place, zero = None, p, False
        else:
            mag = tok[1]
            if digit is not None:
                if digit[2] and before == "p":
                    return None   # 5千6万: ambiguous
                section += digit[1]
                digit = None
            if last_mag == 10_000 and mag == 100_000_000 and k == len(toks) - 1 and section:
                total = (total + section) * mag  # 3万2千亿: the last magnitude multiplies all before it
                section, last_place, last_mag = Decimal(0), 0, mag
                prev = kind
                continue
            if section == 0 or (last_mag and mag >= last_mag):
                return None       # 万, 四万万, 一万三亿
            total += section * mag
            section, last_place, last_mag, zero = Decimal(0), 0, mag, False
        prev = kind
    if zero and digit is None:
        return None               # a dangling 零 (一百零)
    if digit is not None:
        d = digit[1]
        if before in ("p", "m") and not zero:
            # a digit straight after a place or magnitude stands one place lower: 两千四百五 = 2450,
            # 九万四 = 94000; an Arabic one is ambiguous (3万5) unless it is a number of its own (1亿2000)
            unit = last_place if before == "p" else last_mag
            if digit[2]:
                if d < 10 or before == "p":
                    return None
                section += d
            else:
                section += d * unit / 10
        else:
            section += d
    value = total + section
    return value + Decimal("0." + frac) if frac else value


def parse_numeral(s: str) -> Decimal | None:
    """The value of a number as written (Arabic, Chinese or both, folded to ASCII digits), or None
    when the characters are not one number. Never raises.

    >>> [str(parse_numeral(s)) for s in ("一百五十二", "两千四百五", "九万四", "四十五亿四千零四万", "七十八万五百零六")]
    ['152', '2450', '94000', '4540040000', '780506']
    >>> [str(parse_numeral(s)) for s in ("5万4千6百", "1亿2000万", "1,234.5", "十五点七", "零点五", "壹佰伍拾", "百")]
    ['54600', '120000000', '1234.5', '15.7', '0.5', '150', '100']
    >>> [parse_numeral(s) for s in ("十四五", "三四十", "万", "五零", "", "一百零", "二〇二四", "1.2.3")]
    [None, None, None, None, None, None, None, None]
    """
    try:
        return _parse(s)
    except ArithmeticError:  # Decimal overflow on absurd input: no number
        return None


def parse_number(s: str) -> float:
    """Arabic or Chinese numeral → float (Decimal inside); ValueError when `s` is not one number.

    >>> parse_number("1,234.5"), parse_number("三十九"), parse_number("两")
    (1234.5, 39.0, 2.0)
    """
    if s and s[0] in _ASCII_DIGITS and s.replace(",", "").replace(".", "", 1).isdigit() and s.isascii():
        # float() of a decimal string is correctly rounded, the same double Decimal would give
        return float(s.replace(",", "") if "," in s else s)
    v = parse_numeral(s)
    if v is None:
        raise ValueError(f"not a number: {s!r}")
    return float(v)


def _split_magnitude(num: str, nm: Numerals) -> tuple[str, str, int]:
    """(number, trailing magnitude, its value): 四十五亿四千零四万 → (…四千零四, 万, 10000);
    the magnitude stays in the unit, as 1.3万亩 keeps 万 (GUIDE.md)."""
    k = len(num)
    while k > 1 and len(num) - k < 2 and num[k - 1] in nm.magnitude:
        k -= 1
    if k == len(num):
        return num, "", 1
    mv = 1
    for c in num[k:]:
        mv *= nm.magnitude[c]
    return num[:k], num[k:], mv


def _value_in(num: str, mag_value: int) -> float | None:
    v = parse_numeral(num)
    return None if v is None else float(v / mag_value)


# ---------------------------------------------------------------------------
# the cut check


@dataclass(frozen=True)
class _CutSets:
    chars: frozenset[str]         # every Chinese numeral character
    digit_place: frozenset[str]   # Chinese digits and places
    cn_digits: frozenset[str]
    marks: frozenset[str]         # places and magnitudes
    points: frozenset[str]        # 点
    near: frozenset[str]          # anything that can continue a number: the fast path skips the rest


@lru_cache(maxsize=1)
def _cut_sets() -> _CutSets:
    nm = numerals()
    digits, places, mags = frozenset(nm.digit), frozenset(nm.place), frozenset(nm.magnitude)
    return _CutSets(nm.chars, digits | places, digits, places | mags, nm.points,
                    nm.chars | nm.points | nm.thousands | _DIGITS | _POINTS)


def _arabic_part(text: str, i: int, marks: frozenset[str]) -> bool:
    """Digits at i followed by a place or magnitude: the next part of a mixed number (4千 in 5万4千)."""
    j = i
    while j < len(text) and (text[j] in _DIGITS or text[j] in _POINTS):
        j += 1
    return j > i and j < len(text) and text[j] in marks


def cut(text: str, start: int, end: int) -> str:
    """Why text[start:end] would be part of a longer number ('' when it is a whole number).

    A digit of any width, a decimal point before a digit, a thousands separator (`,` or `，` with
    exactly three digits after it) or a Chinese numeral character of the same number must not
    touch the span; a magnitude after it (1.3万亩, 两万人) is the unit's, unless digits follow it.

    >>> t = "进出口总额４，５６５亿元，七十八万五百零六个，5万4千6百人，两万人"
    >>> [cut(t, t.index(s), t.index(s) + len(s)) for s in ("５６５", "４，５６５", "零六", "七十八万五百零六", "5", "两")]
    ['separator before', '', 'numeral before', '', 'numeral after', '']
    """
    if start >= end:
        return "empty"
    cs = _cut_sets()
    n = len(text)
    b1 = text[start - 1] if start else ""
    a1 = text[end] if end < n else ""
    if (not b1 or b1 not in cs.near) and (not a1 or a1 not in cs.near):
        return ""  # the common case: words on both sides
    chars, digit_place, cn_digits, marks = cs.chars, cs.digit_place, cs.cn_digits, cs.marks
    b2 = text[start - 2] if start > 1 else ""
    a2 = text[end + 1] if end + 1 < n else ""
    first, last = text[start], text[end - 1]
    if b1 in _DIGITS and b1:
        return "digit before"
    if b1 in _POINTS and b1 and b2 in _DIGITS and b2:
        return "digit before"
    if a1 in _DIGITS and a1:
        return "digit after"
    if a1 in _POINTS and a1 and a2 in _DIGITS and a2:
        return "digit after"
    if start > 1 and first in _DIGITS and thousands_comma(text, start - 1):
        return "separator before"
    if end < n and last in _DIGITS and thousands_comma(text, end):
        return "separator after"
    if b1 and b1 in chars and first in chars:
        return "numeral before"           # 三|四十, 一百|五十二
    if b1 and b1 in cs.points and b2 and b2 in chars:
        return "numeral before"           # 二十三点|六
    if b1 and b1 in marks and first in _DIGITS and b2 and b2 in _DIGITS and a1 and a1 in marks:
        return "numeral before"           # 1亿|2000万, 5万4千|6百 (but 利润199.5亿60.4%: two numbers)
    if last in chars and a1 and a1 in digit_place:
        return "numeral after"            # 一百五十|二, 十四|五
    if a1 and a1 in marks and a2 and (last in _DIGITS and _arabic_part(text, end + 1, marks)
                                              or a2 in cn_digits and last in chars):
        return "numeral after"            # 5|万4千, 1|亿2000万, 九|万四 (not 70万45岁, 25.8万五保户)
    if last in chars and a1 in cs.points and a1 and a2 in cn_digits and a2:
        return "numeral after"            # 一|点五
    return ""


# ---------------------------------------------------------------------------
# patterns


@dataclass(frozen=True)
class Patterns:
    arabic_tail: re.Pattern[str]
    chinese_tail: re.Pattern[str]
    percent_words: re.Pattern[str]
    range_ahead: re.Pattern[str]
    list_ahead: re.Pattern[str]
    rank: re.Pattern[str]
    times: re.Pattern[str]
    tenths: re.Pattern[str]
    magnitude: re.Pattern[str]
    rank_cue: re.Pattern[str]


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    lx, nm = lexicon(), numerals()
    D, Z, P, M, PT = nm.digits_cls, nm.zeros_cls, nm.places_cls, nm.mags_cls, nm.points_cls
    # a run of Chinese numeral characters, taken whole (possessive): the converter then accepts
    # it or refuses it, never a part of it
    run = rf"(?:[{D}{P}][{D}{Z}{P}{M}]*+|[{Z}](?=[{PT}]))(?:[{PT}][{D}{Z}]++)?+"
    # the same run with its first character taken by one class, the alternatives told apart by a
    # lookbehind: a pattern opening with a class lets re skip to its next character fast
    run_first = rf"[{D}{P}{Z}](?:(?<=[{D}{P}])[{D}{Z}{P}{M}]*+|(?<=[{Z}])(?=[{PT}]))(?:[{PT}][{D}{Z}]++)?+"
    mix = "".join(c for c in nm.magnitude) + "".join(c for c, v in nm.place.items() if v > 10)
    unit_first = "".join(sorted({w[0] for w in lx.units} - {"成"}))
    approx = "".join(nm.approximators)
    joiners = alternation(list(nm.range_joiners))
    percent = alternation(list(nm.percent_prefix))
    return Patterns(
        # the number and its tail (magnitude, 余/多, unit, qualifier) in one match; numbers followed by
        # a non-unit (年, 月, 届, 十大 …) are refused inside the regex (speed). A number may mix in
        # magnitudes and places (5万4千6百, 1亿2000万) when each part after one ends in another
        # (70万45岁以上 is 70万, then 45岁). The number opens the pattern with a digit, so re skips to
        # one fast; a minus before it is read in _arabic.
        arabic_tail=re.compile(rf"(?P<num>{_ARABIC_FIRST}(?:[{mix}][{Z}]?(?:{_ARABIC})(?=[{mix}]))*)(?![\d])"
                               rf"(?!{lx.not_after_ahead})"
                               rf"(?P<a1>[余多])?(?P<mag>{lx.magnitudes_re})?(?P<a2>[余多])?(?P<unit>{lx.units_re})?(?P<q>{lx.after_re})?"),
        # a Chinese numeral followed by an approximator, a unit, or ending in a magnitude (两万，)
        chinese_tail=re.compile(rf"(?P<num>{run_first})(?=[{approx}{M}{re.escape(unit_first)}]|(?<=[{M}]))"
                                rf"(?P<a1>[{approx}])?(?P<mag>[{M}]{{1,2}})?(?P<a2>[余多])?"
                                rf"(?P<unit>{lx.units_re})?(?P<q>{lx.after_re})?"),
        percent_words=re.compile(rf"(?P<pre>{percent})(?P<num>{run})(?P<q>{lx.after_re})?"),
        range_ahead=re.compile(rf"(?:{joiners})\d"),
        list_ahead=re.compile(rf"(?:{alternation(list(nm.list_joiners))})\d"),
        rank=re.compile(rf"(?P<pre>第|前)(?P<n>\d+|{run})(?:(?P<u>{'|'.join(_RANK_UNITS)}|强)|(?=[，,。；;、\s居和与的）)]|$))"),
        times=re.compile(rf"翻了?(?P<n>[{D}十]|\d+)(?P<u>番)(?P<half>{nm.half})?"),
        # no lookbehind at the start of these (it stops re from skipping ahead): checked in Python
        tenths=re.compile(rf"(?P<n>[{D}十](?:[{PT}][{D}{Z}]+)?)(?P<u>{nm.tenths})(?P<frac>{nm.half}|[{D}{Z}])?"
                          rf"(?P<q>{lx.after_re})?"),
        # (过亿元, 超万亿元, 突破千亿元大关, 迈上百亿元台阶: a magnitude alone, passed)
        magnitude=re.compile(r"(?:[过超逾]|突破|冲破|迈上|跨上|站上|跃上)(?P<n>万亿|千亿|百亿|亿|万)(?P<u>元|美元)"),
        rank_cue=re.compile(r"(居|位居|位列|排名|排|列|跻身|跃居|跃升至|跃升|升至|稳居|保持|全国|全省|全市|全县|全区|全州|榜|名列|进入)[^，,。；;]{0,14}$"),
    )


# ---------------------------------------------------------------------------
# candidates


def _in_quoted_text(clean: str, i: int, lx: Lexicon) -> bool:
    """True when position i sits inside “…” holding at most lx.quoted_max characters (a name), or inside the
    old or new wording of an edit (“预计…增长7.7%左右”改为“…增长7.7%”: the text quoted, not a figure stated)."""
    lo = clean.rfind("“", max(0, i - _EDIT_QUOTE_MAX), i)
    if lo < 0 or clean.find("”", lo, i) >= 0:
        return False
    hi = clean.find("”", i, lo + _EDIT_QUOTE_MAX + 2)
    if hi < 0:
        return False
    return hi - lo - 1 <= lx.quoted_max or clean.startswith(lx.edit_words, hi + 1) \
        or any(clean.endswith(w, 0, lo) for w in lx.edit_words)


_EDIT_QUOTE_MAX: Final = 120  # the longest wording an edit list quotes


_VERBISH: Final = ("的", "入", "进", "达", "实现", "完成", "增", "建", "投", "开", "竣", "签", "落", "获")
_CONJUNCTIONS: Final = ("且", "并且", "而且", "或", "或者")
_CLAUSE_REST: Final = re.compile(r"[^，,。；;：:\n]{0,40}")


def _is_verbish(clean: str, i: int) -> bool:
    """After 以上, a verb continues the sentence (增长10%以上入链 is rare; 以上项目 is a name); so does a
    conjunction (总收入35万元以上且经营性收入…), unless the clause goes on to 的 and the things so described
    (人均收入1万元以下且有劳动能力的脱贫户, 1个100亿元以上或2个50亿元以上的项目: a threshold of a class)."""
    if clean.startswith(_CONJUNCTIONS, i):
        rest = _CLAUSE_REST.match(clean, i)
        return rest is not None and "的" not in rest.group()
    return clean.startswith(_VERBISH[1:], i) and not clean.startswith("的", i)


# A noun naming a thing by its size just ahead (5000万元以上建设项目, 过亿元重点技改项目): a verb-like first
# character (建, 投, 开 …) then opens that noun, not the rest of the sentence.
_SIZED_NOUN: Final = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:项目|企业)")


def _name_follows(clean: str, i: int) -> bool:
    """Does a name go on at i, after a size (10亿元以上项目), rather than the sentence?"""
    nxt = clean[i:i + 1]
    # a note may follow (增长6%以上（预计数，下同）): 以上 then ends the figure, it opens no name
    return bool(nxt) and nxt not in "，,。；;、：:）)（(”\r\n\t" \
        and (not _is_verbish(clean, i) or _SIZED_NOUN.match(clean, i) is not None)


# a property whose threshold names things (增长20%以上企业, 持股5%以上股东, 占比30%以上产业)
_PROPERTY_BEFORE: Final = re.compile(r"(?:增速|增幅|增长|占比|比重|持股|股权|股份|份额|率)$")


def _threshold_in_name(clean: str, lead: int, tail_end: int, unit: str, q: str | None) -> bool:
    """10亿元以上项目, 产值十亿元以上企业: a threshold inside a name (but 90%以上的行政村 is a share, and
    5个以上产业园 counts the things named after it).

    A percentage is a threshold only of a property named before it (增长20%以上企业, 持股5%以上股东): else
    90%以上行政村达到…, 80%以上财力用于民生 is the share of the things after it that the clause says something of."""
    if q not in ("以上", "及以上", "以下") or (unit_kind(unit) == "count" and q != "以下"):
        return False
    if unit in ("%", "％", "成") and not _PROPERTY_BEFORE.search(clean, max(0, lead - 6), lead):
        return False
    return _name_follows(clean, tail_end) and not (unit in ("%", "成") and clean.startswith("的", tail_end))


def _passed_size(clean: str, lead: int, tail_end: int, unit: str) -> bool:
    """过100亿元的企业, 超过10万人的县, 过5亿元项目: a size passed, then 的 and a noun, or an amount passed and a
    sized noun (项目, 企业), is the threshold of a class of things (超过700家企业 counts them)."""
    alt = _ALT_AMOUNT.match(clean, tail_end)  # (投资超100亿元或10亿美元项目: another size of the same class)
    end = alt.end() if alt is not None and unit_kind(unit) != "count" else tail_end
    if not (clean.startswith("的", end) and _CJK_CHAR.match(clean, end + 1)) \
            and (unit_kind(unit) == "count" or _SIZED_NOUN.match(clean, end) is None):
        return False
    before = clean[max(0, lead - 3):lead]
    return before.endswith(("超过", "突破", "逾", "超")) or (before.endswith("过") and before[-2:-1] not in "通经度") \
        or _PASSED_BEFORE_ALT.search(clean, max(0, lead - 16), lead) is not None


# an amount passed, and another size of the same class after 或/、 (投资超100亿元或10亿美元项目)
_PASSED_AMOUNT: Final = r"(?:超过?|突破|逾|过)?\d+(?:\.\d+)?[万亿千百]*(?:美元|元)"
_ALT_AMOUNT: Final = re.compile(rf"(?:或|、){_PASSED_AMOUNT}")
_PASSED_BEFORE_ALT: Final = re.compile(rf"(?=超|突破|逾|过){_PASSED_AMOUNT}(?:或|、)$")


def _sized_class(clean: str, lead: int, tail_end: int, unit: str, value: float) -> bool:
    """2个100亿元产业园, 3个3000头奶牛规模牧场: a round size right after a count of things, their noun after it, names
    their class (小区193个1.27万户、…: an amount of its own, as are people and households; 581个653.34亿元政府投资项目:
    an amount no size is written in, the things' total)."""
    return _COUNT_BEFORE.search(clean, max(0, lead - 5), lead) is not None \
        and value == int(value) and len(str(int(value)).rstrip("0")) <= 2 \
        and _CJK_CHAR.match(clean, tail_end) is not None and unit_kind(unit) != "people" and _name_follows(clean, tail_end)


_COUNT_BEFORE: Final = re.compile(r"(?<![0-9.])(?:[0-9]{1,3}|[一二三四五六七八九十两]{1,3})个$")


def _rate_after_growth(clean: str, s: int, unit: str) -> bool:
    """增长7%以上安排: a growth rate is never the threshold of a name, whatever follows 以上."""
    return unit == "%" and clean.endswith(_GROWTH_BEFORE, max(0, s - 4), s)


_GROWTH_BEFORE: Final = ("增长", "增", "提高", "提升", "增速", "增幅", "下降", "降低")


def _minus_word(clean: str, i: int, nm: Numerals) -> bool:
    """负 right before i is a minus sign, unless it ends another word (减负9亿元, 担负)."""
    return i > 0 and clean[i - 1] in nm.minus_words and not (i > 1 and clean[i - 2] in nm.minus_not_after)


def _arabic(clean: str, lx: Lexicon, pt: Patterns, nm: Numerals, lows: list[Candidate],
            listed: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    prev_end = 0
    not_before = end_gate(lx.not_before)  # (the words it reads end the text before the number: 第, 届 …)
    for m in pt.arabic_tail.finditer(clean):
        num, a1, mag, a2, base, q = m.group("num", "a1", "mag", "a2", "unit", "q")
        s, e = m.span("num")
        # a minus right before the number, unless the match before took it: what a pattern opening
        # with (?P<neg>-)? would have matched (the rest of the match is the same either way)
        neg = s > prev_end and clean[s - 1] == "-"
        m_start = s - 1 if neg else s
        prev_end = m.end()
        # a minus after a number or % joins a range (5-6个百分点, 5%-6%), it is no sign
        sign = neg and not (m_start and clean[m_start - 1] in "0123456789%")
        glue_at = m_start if sign else s
        if glue_at and clean[glue_at - 1] in _NUM_GLUE:
            continue  # inside a code or a longer number (G227, 5G, .5)
        lead = s
        pct = clean.startswith("百分之", s - 3) if s >= 3 else False
        if pct:
            lead = s - 3
        if _minus_word(clean, lead, nm):
            lead, sign = lead - 1, True   # 负3.2%
        if num.isascii():
            value = float(num.replace(",", "") if "," in num else num)
            unit = (mag or "") + (base or "")
        else:
            # 5万4千6百人, 1亿2000万元: the whole number, its last magnitude kept in the unit
            core, tmag, mv = _split_magnitude(num + (mag or ""), nm)
            v = _value_in(num + (mag or ""), mv)
            if v is None:
                continue
            value, e = v, s + len(core)
            unit = tmag + (base or "")
        if pct and not unit:
            unit = "%"
        elif pct:
            continue  # 百分之5个: not a percentage
        if not unit and not mag and lead >= 2 and _INDEX_BEFORE.search(clean, max(0, lead - 10), lead) \
                and _INDEX_RANGE[0] <= value <= _INDEX_RANGE[1] and not _CJK_CHAR.match(clean, m.end()):
            # (not before a word: 城市引力指数100强 names a list)
            # 居民消费价格指数控制在103左右: an index written without a unit is a level with none (as in tables)
            out.append(Candidate(s, e, m.end(), value, None, lx.after.get(q, "exact") if q else "exact",
                                 bool(a1 or a2), sign, "number", lead=lead))
            continue
        if not unit:
            if pt.range_ahead.match(clean, m.end()):
                lows.append(Candidate(s, e, m.end(), value, None, "exact", False, sign, "number", lead=lead))
            elif pt.list_ahead.match(clean, m.end()):
                listed.append(Candidate(s, e, m.end(), value, None, "exact", False, sign, "number", lead=lead))
            continue  # a bare number: page, list or phone number, ratio part
        if may_end(not_before, clean[lead - 1:lead]) and lx.not_before.search(clean, max(0, lead - 6), lead):
            continue
        if base is None and mag and lx.not_units_re.match(clean, m.end("mag")):
            continue  # 500千伏: the magnitude belongs to a unit we skip
        if len(num) == 4 and num.isdigit() and num[:2] in ("19", "20") \
                and (base is None or (len(unit) == 1 and _CJK_CHAR.match(clean, m.end())
                                      and unit not in lx.count_not_year)):
            continue  # a year written without 年 (2024 株洲年终综述: 株 starts a name, not a unit; 19.2%和… is no year)
        if (_threshold_in_name(clean, lead, m.end(), unit, q) and not _rate_after_growth(clean, lead, unit)) \
                or _passed_size(clean, lead, m.end(), unit) \
                or (lead >= 2 and clean[lead - 1] == "个" and _sized_class(clean, lead, m.end(), unit, value)):  # (个: one test first)
            continue
        if _in_quoted_text(clean, s, lx):
            continue
        if lead and clean[lead - 1] == "前" and unit in _RANK_UNITS:
            continue  # 前10位: a rank (the rank reading) or a scope (前10位的企业), no count of 位 or 名
        if unit == "番" and num.isdigit() and clean.endswith(("翻", "翻了"), 0, lead):
            continue  # 翻1番: the doubling reading takes it whole (翻了1.4番 is this reading's alone)
        out.append(Candidate(s, e, m.end(), value, unit, lx.after.get(q, "exact") if q else "exact",
                             bool(a1 or a2), sign, "number", lead=lead))
    return out


def _chinese_count_context(clean: str, lx: Lexicon, s: int, unit: str, unit_end: int, tail_end: int) -> bool:
    """A small count in Chinese numerals (三条, 二十个) is a figure only after a verb or 等
    (修建了三条…, 等三条…) or closing a clause after its noun (航线三条，, 学校十所左右。: its qualifier read with it),
    and not as the name of a policy (三条措施, 八项规定)."""
    if unit not in lx.chinese_count_units or lx.chinese_count_not_before.match(clean, unit_end):
        return False
    after = clean[tail_end:tail_end + 1]
    if after == "大" or not after or not (_CJK_CHAR.match(after) or after in "，,。；;、"):
        return False
    before = clean[max(0, s - 2):s]
    return before.endswith(_CN_COUNT_BEFORE) or (after in _CLAUSE_END and _CJK_CHAR.match(before[-1:] or " ") is not None)


def _chinese_numbers(clean: str, lx: Lexicon, pt: Patterns, nm: Numerals) -> list[Candidate]:
    out: list[Candidate] = []
    not_before = end_gate(lx.not_before)
    for m in pt.chinese_tail.finditer(clean):
        num, a1, mag, a2, base, q = m.group("num", "a1", "mag", "a2", "unit", "q")
        s, e = m.span("num")
        if s and (clean[s - 1] in nm.chars or clean[s - 1] in "第前“" or clean[s - 1] in _DIGITS):
            continue  # part of a longer numeral (3千多名: the Arabic pattern reads it), an ordinal (第三条), a name (“三条…)
        if s >= 3 and clean.startswith("百分之", s - 3):
            continue  # the percent pattern reads it
        if base == nm.tenths:
            continue  # 九成: the tenths pattern reads it
        if a1 and num[-1] in nm.digit and nm.digit[num[-1]] == 0:
            num = num.rstrip("".join(c for c, v in nm.digit.items() if v == 0))  # 一百零几万: 100-odd, the 零 stays in the span
        core, tmag, mv = _split_magnitude(num, nm)
        if tmag and mag:
            continue  # 一万多万: not one number
        if num[0] in nm.place and nm.place[num[0]] > 10 and not a1:
            continue  # 千亿, 百强, 千万工程: a magnitude alone is a name (千余家 is a number)
        value = _value_in(num, mv)
        if value is None:
            continue
        unit = tmag + (mag or "") + (base or "")
        if not base and not (unit and (m.end() == len(clean) or clean[m.end()] in "，,。；;、）)")):
            continue  # a unit, or a magnitude closing the clause (两万，)
        if not tmag and mag and base is None and lx.not_units_re.match(clean, m.end("mag")):
            continue
        s_end = s + (len(core) if tmag else len(m.group("num")))
        small = not (tmag or mag or a1) and value < 100 and not any(c in nm.points for c in num)
        percentish = lx.unit_kinds.get(base or "") == "percent"  # 六个百分点: a single digit is a figure
        # (增长一倍, 是上年的两倍多: a multiple after a growth word is a figure too)
        percentish = percentish or (base == "倍" and clean.endswith(lx.chinese_multiple_after, 0, s))
        if small and not percentish and (value < 2 or not _chinese_count_context(clean, lx, s, base or "", m.end("unit"), m.end())):
            continue  # 一批, 两次, 三个高地
        if lx.not_after.match(clean, s_end) or (may_end(not_before, clean[s - 1:s])
                                                 and lx.not_before.search(clean, max(0, s - 6), s)):
            continue  # 三次会议, 十六届
        if base and lx.chinese_count_not_before.match(clean, m.end("unit")):
            continue  # 一百条措施
        if (_threshold_in_name(clean, s, m.end(), unit, q) and not _rate_after_growth(clean, s, unit)) \
                or _in_quoted_text(clean, s, lx):
            continue
        negative = _minus_word(clean, s, nm)  # 负三十二
        out.append(Candidate(s, s_end, m.end(), value, unit, lx.after.get(q, "exact") if q else "exact",
                             bool(a2) or nm.approximators.get(a1 or "") == "at_least", negative,
                             "count" if small and not percentish else "number",
                             before_qualifier="about" if nm.approximators.get(a1 or "") == "about" else "",
                             lead=s - 1 if negative else s))
    # (54 of the archive's 2,923 reports write 百分之 or 千分之: two finds spare re a try at each 百 and 千)
    for m in pt.percent_words.finditer(clean) if may_match(pt.percent_words, clean) else ():
        s, e = m.span("num")
        value = _value_in(m.group("num"), 1)
        if value is None or _in_quoted_text(clean, s, lx):
            continue
        lead = m.start()
        negative = _minus_word(clean, lead, nm)
        q = m.group("q")
        out.append(Candidate(s, e, m.end(), value, nm.percent_prefix[m.group("pre")], lx.after.get(q, "exact") if q else "exact", False,
                             negative, "number", lead=lead - 1 if negative else lead))
    return out


def _chinese_shapes(clean: str, lx: Lexicon, pt: Patterns, nm: Numerals) -> list[Candidate]:
    """Ranks (第七位, 前二), doublings (翻一番), tenths (九成以上, 三成半) and magnitudes as numbers (过亿元)."""
    out: list[Candidate] = []
    for m in found_matches(pt.rank, clean):  # (第 and 前 found with str.find)
        s, e = m.span("n")
        clause_left = clean[max(0, m.start() - 16):m.start()]
        if not pt.rank_cue.search(clause_left) and m.group("u") is None:
            continue
        if m.group("pre") == "前" and m.group("u") == "强":
            continue  # 前50强: membership, not a rank (optional in the gold)
        if m.group("pre") == "前" and clean.startswith("的", m.end()) and not pt.rank_cue.search(clause_left):
            continue  # 规模前10位的企业: a scope of what follows, no one's rank
        if _in_quoted_text(clean, s, lx):
            continue
        if m.group("pre") == "第" and not pt.rank_cue.search(clause_left):
            continue  # 第二产业, 第三轮: an ordinal, not a rank
        value = _value_in(m.group("n"), 1)
        if value is None:
            continue  # 第十四五位, 第三四位: a range of ranks, read whole or not at all
        out.append(Candidate(
            start=s, end=e, tail_end=m.end(), value=value, unit="位",
            qualifier="exact", approx=False, negative=False, kind="rank",
            before_qualifier="at_most" if m.group("pre") == "前" else "",
        ))
    for m in pt.times.finditer(clean):
        value = _value_in(m.group("n"), 1)
        if value is not None:
            value += 0.5 if m.group("half") else 0.0  # 翻了两番半
            out.append(Candidate(m.start("n"), m.end("n"), m.end(), value, "番", "exact", False, False, "times"))
    for m in matches_from(pt.tenths, clean, _tenths_starts(clean, nm)):
        s = m.start()
        if s and (clean[s - 1] in nm.chars or clean[s - 1] in "第“"):
            continue  # 四十成, 第一成: part of something else
        frac, q = m.group("frac"), m.group("q")
        end_u = m.end("u")
        value = _value_in(m.group("n"), 1)
        if value is None:
            continue
        e = m.end("n")
        if frac == nm.half:
            value, e = value + 0.5, m.end("frac")
        elif frac:
            after = clean[m.end("frac"):m.end("frac") + 1]
            if any(c in nm.points for c in m.group("n")) or not (q or not after or after in _TENTHS_FRAC_END):
                continue  # 七成六个: the digit starts another number
            value, e = value + nm.digit[frac] / 10, m.end("frac")
        elif not q and nm.tenths_not_before.match(clean, end_u):
            continue  # 一成不变, 八成是: 成 in a word
        if value > 10 or value <= 0:
            continue
        out.append(Candidate(s, e, m.end(), value, nm.tenths, lx.after.get(q, "exact") if q else "exact",
                             False, False, "tenths"))
    for m in found_matches(pt.magnitude, clean):  # (过 and 超 found with str.find)
        mag = m.group("n")
        if clean.startswith(("以上", "级"), m.end()) or (_name_follows(clean, m.end()) and not any(
                clean.startswith(w, m.end()) for w in lx.phrase.milestones)):
            continue  # 产值过亿元企业, 投资过亿元重点技改项目: a threshold inside a name (过亿元大关 is a figure)
        # 过亿元 → 1 亿元; 超万亿元 → 10000 亿元 (the span is the first magnitude character)
        value, unit = (1.0, mag + m.group("u")) if mag in ("亿", "万") else (_BARE_MAGNITUDES[mag], "亿" + m.group("u"))
        out.append(Candidate(m.start("n"), m.start("n") + 1, m.end(), value, unit, "exact", False, False,
                             "magnitude", before_qualifier="at_least"))
    return out


_BARE_MAGNITUDES: Final = {"万亿": 10000.0, "千亿": 1000.0, "百亿": 100.0}


@lru_cache(maxsize=1)
def _tenths_sets() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The classes of Patterns.tenths: its first character, the digits after a point, the points."""
    nm = numerals()
    return frozenset(nm.digits_cls + "十"), frozenset(nm.digits_cls + nm.zeros_cls), frozenset(nm.points_cls)


def _tenths_starts(clean: str, nm: Numerals) -> list[int]:
    """Where a share in tenths (九成, 三点五成) may begin, read back from each 成 (found with str.find: re tries a
    pattern opening with a class of numerals at each of them, the commonest characters of a report): the numeral
    before it, or a numeral, a point and the digits before it."""
    first, tail, points = _tenths_sets()
    out = []
    word = nm.tenths
    k = clean.find(word)
    while k >= 0:
        if k and clean[k - 1] in first:
            out.append(k - 1)
        r = k
        while r and clean[r - 1] in tail:
            r -= 1
        if r < k and r >= 2 and clean[r - 1] in points and clean[r - 2] in first:
            out.append(r - 2)
        k = clean.find(word, k + 1)
    out.sort()
    return out


def _chinese_lows(clean: str, cands: list[Candidate], nm: Numerals) -> list[Candidate]:
    """The low end of a range in Chinese numerals (五至六成): a bare numeral right before a joiner
    and a candidate (looked for from the candidates: a scan of the whole text costs more)."""
    out = []
    last = {j[-1] for j in nm.range_joiners}
    for c in cands:
        if c.lead < 2 or clean[c.lead - 1] not in last:
            continue
        for j in nm.range_joiners:
            k = c.lead - len(j)
            if k > 0 and clean.startswith(j, k) and clean[k - 1] in nm.chars:
                i = k - 1
                while i > 0 and k - i < 12 and (clean[i - 1] in nm.chars or clean[i - 1] in nm.points):
                    i -= 1
                value = _value_in(clean[i:k], 1)
                if value is not None and not (i and clean[i - 1] in _DIGITS):
                    out.append(Candidate(i, k, k, value, None, "exact", False, False, "number"))
                break
    return out


def _ranges(clean: str, cands: list[Candidate], lows: list[Candidate], nm: Numerals) -> list[Candidate]:
    """5%—6%, 五至六成, 5-6个百分点: two facts, the low end at_least and the high end at_most (GUIDE.md).
    A low end without a unit takes the high end's; unlinked bare low ends are dropped."""
    by_start = {c.start: i for i, c in enumerate(cands)}
    out = list(cands)
    starts = sorted(lows + cands, key=lambda c: c.start)
    first = {j[0] for j in nm.range_joiners}
    scopes: set[int] = set()
    for lo in starts:
        if clean[lo.tail_end:lo.tail_end + 1] not in first:
            continue
        for j in range(lo.tail_end + 1, min(lo.tail_end + 3, len(clean)) + 1):
            gap = clean[lo.tail_end:j]
            if gap in nm.range_joiners and j in by_start:
                break
        else:
            continue
        hi_i = by_start[j]
        hi = out[hi_i]
        if hi.unit is None or lo.qualifier != "exact" or hi.kind in ("rank", "magnitude", "times"):
            continue
        if gap in ("至", "到"):
            clause = clean[max(0, lo.lead - 10):lo.lead]
            clause = re.split(r"[，,。；;：:]", clause)[-1]
            if any(w in clause for w in nm.range_not_after):
                continue  # 从5%提高到6%: a change, not a range
        if hi.unit in nm.range_not_units:
            scopes.update((lo.start, hi.start))  # 0—6岁儿童, 35岁至59岁妇女: an age band names a group, no figure
            continue
        unit = lo.unit
        if unit is None or (unit != hi.unit and hi.unit.startswith(unit) and unit in ("万", "亿", "万亿")):
            unit = hi.unit
        if unit != hi.unit:
            continue
        low = replace(lo, unit=unit, qualifier="at_least", kind=hi.kind, range_end="low")
        if lo.start in by_start:
            out[by_start[lo.start]] = low
        else:
            out.append(low)
        out[hi_i] = replace(hi, qualifier="at_most" if hi.qualifier == "exact" else hi.qualifier,
                            negative=hi.negative and gap != "-", range_end="high")
    return [c for c in out if c.start not in scopes] if scopes else out


def _listed(clean: str, cands: list[Candidate], listed: list[Candidate], nm: Numerals) -> list[Candidate]:
    """分别高于全市2、13和3.7个百分点: bare numbers joined (、和与及) to a number with a unit take its unit, where a
    list cue (分别, 依次) opens the clause shortly before the first of them. Each bare number is exact here; the
    pipeline gives them the last one's qualifier, as it does for listed figures that write their units."""
    by_lead = {c.lead: c for c in cands}
    bare = {c.lead: c for c in listed}
    # (第4、6、5位: a number another reading took whole, the rank 第4, is no bare number of the list)
    spans = sorted((o.lead, o.tail_end) for o in cands)
    leads = [a for a, _ in spans]
    taken: set[int] = set()
    for c in listed:
        i = bisect_right(leads, c.start) - 1
        if i >= 0 and spans[i][0] <= c.start < spans[i][1]:
            taken.add(c.lead)
    out = list(cands)
    for first in listed:
        if first.lead in taken:
            continue
        chain = [first]
        c = first
        last = None
        while last is None:
            j = next((j for j in nm.list_joiners if clean.startswith(j, c.tail_end)), None)
            if j is None:
                break
            at = c.tail_end + len(j)
            if at in bare:
                c = bare[at]
                chain.append(c)
            else:
                last = by_lead.get(at)
                break
        taken.update(x.lead for x in chain)
        if last is None or last.unit is None or last.kind != "number" or last.range_end:
            continue
        before = clean[max(0, first.lead - nm.list_cue_reach):first.lead]
        cue = max((before.rfind(w) for w in nm.list_cues), default=-1)
        if cue < 0 or any(ch in "，,。；;：:\n" for ch in before[cue:]):
            continue  # (a list without 分别: item numbers, dates, 1、2号线)
        out += [replace(x, unit=last.unit, kind=last.kind) for x in chain]
    return out


def find_numbers(clean: str) -> list[Candidate]:
    """Every number candidate of a clean text, in order of position; none reads part of a number."""
    lx, pt, nm = lexicon(), patterns(), numerals()
    lows: list[Candidate] = []
    listed: list[Candidate] = []
    cands = _arabic(clean, lx, pt, nm, lows, listed) + _chinese_numbers(clean, lx, pt, nm) + _chinese_shapes(clean, lx, pt, nm)
    # 增长两倍多, 翻了一番还多: 多 after a multiple makes it at least (as 余 and 多 before a unit do)
    cands = [replace(c, tail_end=c.tail_end + len(more), approx=True)
             if c.unit and c.unit.endswith(("倍", "番")) and not c.approx
             and (more := next((w for w in nm.more_after_multiple if clean.startswith(w, c.tail_end)), "")) else c
             for c in cands]
    cands = _ranges(clean, cands, lows + _chinese_lows(clean, cands, nm), nm)
    if listed:
        cands = _listed(clean, cands, listed, nm)
    cands = _whole(clean, cands)
    cands.sort(key=lambda c: c.start)
    return cands


def _whole(clean: str, cands: list[Candidate]) -> list[Candidate]:
    """The candidates cut() finds whole, in order. cut()'s own first test, words on both sides, is made here
    inline: most candidates pass it, and a call per candidate cost more than the test."""
    near = _cut_sets().near
    n = len(clean)
    out = []
    for c in cands:
        s, e = c.start, c.end
        if (s < e and (not s or clean[s - 1] not in near) and (e >= n or clean[e] not in near)) \
                or not cut(clean, s, e):
            out.append(c)
    return out
