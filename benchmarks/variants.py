"""Metamorphic variants of the development sets: the same documents written as other real text
is written, with their gold moved and changed to match.

A variant is a function Doc -> Doc. It rewrites the text by a list of edits (`apply_edits`), which
also gives, for every old offset, its new one; the gold's offsets move with it and its fields
change where the variant changes what the text says (a renamed place, a shifted year). Nothing
here reads the engine: the harness decides from the text and the gold alone, so that the engine
cannot grade itself.

Variants (see VARIANT_NAMES and `make`):
  pdf             lines wrapped at 36 characters, a page number every 40 lines (text from a PDF)
  fullwidth       digits, ． and ％ in full width
  fullwidth-latin the same and Latin letters too (ＧＤＰ, ５Ｇ); the gold keeps ASCII names
  gbk-crlf        the file in GB18030 with Windows line ends
  places          the document's own places renamed, throughout, to those of another real city
                  (or province) of the same name lengths, chosen from regions.toml by a rule
  years+5/years-5 every year shifted by k, with plan names shifted to match (十四五 → 十五五)
  date-<form>     the dateline rewritten in another date form (DATE_FORMS)
  date-removed    every date in the head removed; the date given as extract_file(date=...)
  no-headings     section-heading lines removed (numbered 一、（一） or short lines without
                  sentence punctuation), below the title block
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

Edit = tuple[int, int, str]  # text[start:end] becomes the string


@dataclass(frozen=True)
class Doc:
    name: str
    text: str
    gold: tuple[dict, ...]
    date: str | None = None        # YYYY-MM-DD passed to extract_file(date=...)
    encoding: str = "utf-8"        # how the file is written
    note: str = ""                 # what the variant did to this document, for --show


# ------------------------------------------------------------------ edits and offsets

def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, list[int]]:
    """The text with the edits made, and for every old offset (0..len) its new offset.

    A character inside a replaced run maps to the same place in the replacement (or its last
    character); a deleted character maps to where the deletion was."""
    out: list[str] = []
    where = [0] * (len(text) + 1)
    pos = n = 0
    for s, e, rep in sorted(edits, key=lambda x: (x[0], x[1])):
        if s < pos:
            raise ValueError(f"overlapping edits at {s}")
        for i in range(pos, s):
            where[i] = n + i - pos
        out.append(text[pos:s])
        n += s - pos
        for i in range(s, e):
            where[i] = n + min(i - s, max(len(rep) - 1, 0))
        out.append(rep)
        n += len(rep)
        pos = e
    for i in range(pos, len(text)):
        where[i] = n + i - pos
    out.append(text[pos:])
    where[len(text)] = n + len(text) - pos
    return "".join(out), where


def moved(doc: Doc, text: str, where: list[int], fields: Callable[[dict], dict] | None = None,
          **changes) -> Doc:
    """The document with a new text; each gold fact's span moved by `where`, fields by `fields`."""
    gold = []
    for g in doc.gold:
        g = dict(g)
        g["start"], g["end"] = where[g["start"]], where[g["end"] - 1] + 1
        if g["end"] <= g["start"]:
            raise ValueError(f"{doc.name}: a gold span vanished: {g}")
        gold.append(fields(g) if fields else g)
    return replace(doc, text=text, gold=tuple(gold), **changes)


def _overlaps_gold(doc: Doc, s: int, e: int) -> bool:
    return any(g["start"] < e and s < g["end"] for g in doc.gold)


def _string_fields(g: dict, f: Callable[[str], str], names=("indicator", "surface", "region")) -> dict:
    for k in names:
        if isinstance(g.get(k), str):
            g[k] = f(g[k])
    return g


# ------------------------------------------------------------------ layout variants

FULL_WIDTH = str.maketrans("0123456789.%", "０１２３４５６７８９．％")
LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
FULL_WIDTH_LATIN = str.maketrans("0123456789.%" + LATIN,
                                 "０１２３４５６７８９．％" + "".join(chr(ord(c) + 0xFEE0) for c in LATIN))
WRAP, PAGE_EVERY = 36, 40


def pdf_like(doc: Doc) -> Doc:
    """Wrap long lines at WRAP characters (not table rows) and add a page number every PAGE_EVERY wraps."""
    edits: list[Edit] = []
    wrapped, page, pos = 0, 1, 0
    for line in doc.text.split("\n"):
        if "\t" not in line:
            for i in range(WRAP, len(line), WRAP):
                wrapped += 1
                brk = "\n"
                if wrapped % PAGE_EVERY == 0:
                    page += 1
                    brk += f"\n- {page} -\n\n"
                edits.append((pos + i, pos + i, brk))
        pos += len(line) + 1
    return moved(doc, *apply_edits(doc.text, edits))


def full_width(doc: Doc) -> Doc:
    return replace(doc, text=doc.text.translate(FULL_WIDTH))


def full_width_latin(doc: Doc) -> Doc:
    return replace(doc, text=doc.text.translate(FULL_WIDTH_LATIN))


def gbk_crlf(doc: Doc) -> Doc:
    """Windows line ends, the file in GB18030."""
    edits = [(m.start(), m.end(), "\r\n") for m in re.finditer("\n", doc.text)]
    return replace(moved(doc, *apply_edits(doc.text, edits)), encoding="gb18030")


# ------------------------------------------------------------------ headings

_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|"
                       r"第[一二三四五六七八九十]{1,3}(?:部分|章|节|篇)|\d{1,2}[、．]|[（(]\d{1,2}[）)])")
_SENTENCE_END = re.compile(r"[。！？!?；;]")
_ANY_PUNCT = re.compile(r"[。！？!?；;，,：:、]")
_MARKUP = re.compile(r"^[#>*\s]+|[*\s]+$")
_DATE_ANY = re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月")
MAX_HEADING, MAX_BARE = 40, 30


def is_heading(line: str) -> bool:
    """A section heading: numbered (一、 （一） 第一部分 1、) and short, with no sentence end;
    or a short line with no punctuation at all. Never a table row, a list item or a dateline."""
    s = _MARKUP.sub("", line)
    if not s or "\t" in s or "|" in s or s.startswith(("-", "·", "•")) or _DATE_ANY.search(s):
        return False
    if _NUMBERED.match(s):
        return len(s) <= MAX_HEADING and not _SENTENCE_END.search(s[:-1])
    return len(s) <= MAX_BARE and not _ANY_PUNCT.search(s)


def _body_start(text: str) -> int:
    """Where the body starts: the first line that is a sentence (≥ 40 characters ending a
    sentence). The title block above it (title, dateline, speaker) is left alone."""
    pos = 0
    for line in text.split("\n"):
        if len(line.strip()) >= 40 and _SENTENCE_END.search(line):
            return pos
        pos += len(line) + 1
    return 0


def no_headings(doc: Doc) -> Doc:
    """Heading lines below the title block removed (a line holding a gold fact is kept)."""
    edits: list[Edit] = []
    kept = 0
    pos = 0
    start = _body_start(doc.text)
    for line in doc.text.split("\n"):
        end = pos + len(line)
        if pos >= start and line.strip() and is_heading(line):
            if _overlaps_gold(doc, pos, end):
                kept += 1
            else:
                edits.append((pos, min(end + 1, len(doc.text)), ""))
        pos = end + 1
    note = f"{len(edits)} heading lines removed" + (f", {kept} kept (they hold a fact)" if kept else "")
    return moved(doc, *apply_edits(doc.text, edits), note=note)


# ------------------------------------------------------------------ years

CN_DIGITS = "〇一二三四五六七八九"
_CN_DIGIT = {c: i for i, c in enumerate(CN_DIGITS)} | {"零": 0}
_UNIT_AFTER = set("万亿千百个元家人户亩吨台辆件项套米平公座所张名位条次倍%％.．")
_YEAR = re.compile(r"(?<![\d.．])((?:19|20)\d{2})(?!\d)(?=(\s*)(.?))")
_CN_YEAR = re.compile(r"([〇零一二三四五六七八九]{4})(?=\s*年)")
# a five-year plan (十四五) or a five-year law-education plan (八五普法), quoted or named as one
_PLAN = re.compile(r"(?<=[“\"‘「])(十[一二三四五六七八九]?|[一二三四五六七八九])五(?=[”\"’」])"
                   r"|(十[一二三四五六七八九]?|[一二三四五六七八九])五(?=时期|期间|规划|计划|末|初|以来|普法)")
_CN_NUM = "一二三四五六七八九"
YEAR_RANGE = (1949, 2049)


def cn_number(n: int) -> str:
    """1..99 in Chinese numerals (十四, 九)."""
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else _CN_NUM[tens - 1]) + "十" if tens else "") + (_CN_NUM[ones - 1] if ones else "")


def cn_value(s: str) -> int:
    """十四 → 14, 九 → 9, 十 → 10, 二十一 → 21."""
    if "十" not in s:
        return _CN_NUM.index(s) + 1
    a, _, b = s.partition("十")
    return (_CN_NUM.index(a) + 1 if a else 1) * 10 + (_CN_NUM.index(b) + 1 if b else 0)


def shift_years_in(s: str, k: int) -> str:
    """Every year of a short string (a gold period 2021-2025, an indicator) shifted by k."""
    return _YEAR.sub(lambda m: str(int(m[1]) + k) if YEAR_RANGE[0] <= int(m[1]) <= YEAR_RANGE[1] else m[1], s)


def year_edits(text: str, k: int, protect: Callable[[int, int], bool] = lambda s, e: False) -> list[Edit]:
    """Edits that shift every year of a text by k: 2024, 2024年, 2024-01-16, 2021—2025年,
    二〇二四年. A four-digit number followed by a unit (2000亿元, 1959 万元) is not a year;
    nor is one that `protect` says is a fact. Plan names move by k/5 plans when k is a
    multiple of 5 and stay as written otherwise."""
    edits: list[Edit] = []
    for m in _YEAR.finditer(text):
        y = int(m[1])
        if not YEAR_RANGE[0] <= y <= YEAR_RANGE[1] or (m[3] in _UNIT_AFTER) or protect(m.start(1), m.end(1)):
            continue
        edits.append((m.start(1), m.end(1), str(y + k)))
    for m in _CN_YEAR.finditer(text):
        y = int("".join(str(_CN_DIGIT[c]) for c in m[1]))
        if YEAR_RANGE[0] <= y <= YEAR_RANGE[1]:
            edits.append((m.start(1), m.end(1), "".join(CN_DIGITS[int(c)] for c in str(y + k))))
    if k % 5 == 0:
        for m in _PLAN.finditer(text):
            num = m[1] or m[2]
            s = m.start(1) if m[1] else m.start(2)
            n = cn_value(num) + k // 5
            if 1 <= n <= 99:
                edits.append((s, s + len(num), cn_number(n)))
    return edits


def shift_years(k: int) -> Callable[[Doc], Doc]:
    def variant(doc: Doc) -> Doc:
        edits = year_edits(doc.text, k, lambda s, e: _overlaps_gold(doc, s, e))

        def fields(g: dict) -> dict:
            if g.get("period"):
                g["period"] = shift_years_in(str(g["period"]), k)
            return _string_fields(g, lambda s: shift_years_in(s, k), ("indicator", "surface"))
        return moved(doc, *apply_edits(doc.text, edits), fields,
                     note=f"{len(edits)} years and plan names shifted by {k:+d}")
    return variant


# ------------------------------------------------------------------ dates

HEAD = 800  # characters where a document's date lives
_FULL_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_CN_DATE = re.compile(r"(?P<y>[〇零一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,2})月(?P<d>[一二三四五六七八九十]{1,3})日")
_STAMP = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)")
_MONTH_DAY = re.compile(r"(?<![\d年])(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
SOURCE_NAME = "经济日报"  # a national paper: names no place, so it adds no home-region evidence

DATE_FORMS: dict[str, Callable[[dt.date], str]] = {
    "rfc2822": lambda d: "Date: " + email.utils.format_datetime(
        dt.datetime(d.year, d.month, d.day, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))),
    "iso": lambda d: d.isoformat(),
    "slash": lambda d: f"{d.year}/{d.month}/{d.day}",
    "dot": lambda d: f"{d.year}.{d.month:02d}.{d.day:02d}",
    "cn-numerals": lambda d: "".join(CN_DIGITS[int(c)] for c in str(d.year)) + "年"
    + cn_number(d.month) + "月" + cn_number(d.day) + "日",
    "published": lambda d: f"发布时间：{d.isoformat()}",
    "source": lambda d: f"来源：{SOURCE_NAME} 日期：{d.isoformat()}",
}
INLINE_FORMS = {"cn-numerals"}  # rewritten inside the dateline where there is one; the rest are a first line


@dataclass(frozen=True)
class DocDate:
    date: dt.date
    source: str                        # "dateline" (the text's own) or "gold" (inferred, see doc_date)
    spans: tuple[tuple[int, int], ...]  # every date written in the head


def _cn_int(s: str) -> int:
    return int("".join(str(_CN_DIGIT[c]) for c in s)) if all(c in _CN_DIGIT for c in s) else cn_value(s)


def _date_spans(doc: Doc) -> list[tuple[int, int, dt.date]]:
    head = doc.text[:HEAD]
    found = []
    for rx in (_FULL_DATE, _CN_DATE, _STAMP):
        for m in rx.finditer(head):
            try:
                d = dt.date(_cn_int(m["y"]) if rx is _CN_DATE else int(m["y"]),
                            _cn_int(m["m"]) if rx is _CN_DATE else int(m["m"]),
                            _cn_int(m["d"]) if rx is _CN_DATE else int(m["d"]))
            except ValueError:
                continue
            if not _overlaps_gold(doc, m.start(), m.end()):
                found.append((m.start(), m.end(), d))
    found.sort()
    return [x for i, x in enumerate(found) if i == 0 or x[0] >= found[i - 1][1]]


def doc_date(doc: Doc) -> DocDate:
    """The document's date: the first full date in its head; else inferred from the gold.

    Inferred: the plan year P is the latest target year, or the year after the latest result
    when no target is later; the document is dated P-01-15, as a report given at the start of
    P. A month-day in the head (12月25日, 1月7日) replaces the day, in P−1 when its month is July
    or later (a year-end report)."""
    spans = _date_spans(doc)
    if spans:
        return DocDate(spans[0][2], "dateline", tuple((s, e) for s, e, _ in spans))
    years: dict[str, list[int]] = {"target": [], "actual": []}
    for g in doc.gold:
        p = str(g.get("period") or "")
        if p.isdigit():
            years.setdefault(g["kind"], []).append(int(p))
    t = max(years["target"], default=None)
    a = max(years["actual"], default=None)
    plan = t if t is not None and (a is None or t > a) else (a + 1 if a is not None else 2024)
    md = _MONTH_DAY.search(doc.text[:HEAD])
    if md and 1 <= int(md["m"]) <= 12:
        month, day = int(md["m"]), int(md["d"])
    else:
        month, day = 1, 15
    try:
        return DocDate(dt.date(plan - 1 if month >= 7 else plan, month, day), "gold", ())
    except ValueError:
        return DocDate(dt.date(plan, 1, 15), "gold", ())


def date_form(form: str) -> Callable[[Doc], Doc]:
    def variant(doc: Doc) -> Doc:
        d = doc_date(doc)
        new = DATE_FORMS[form](d.date)
        edits: list[Edit] = [(s, e, "") for s, e in d.spans]
        if form in INLINE_FORMS and d.spans:
            edits[0] = (d.spans[0][0], d.spans[0][1], new)
            where = "in the dateline"
        else:
            edits.insert(0, (0, 0, new + "\n"))
            where = "as the first line"
        return moved(doc, *apply_edits(doc.text, edits),
                     note=f"{d.date} ({d.source}) written {new!r} {where}; {len(d.spans)} head dates replaced")
    return variant


def date_removed(doc: Doc) -> Doc:
    d = doc_date(doc)
    edits = [(s, e, "") for s, e in d.spans]
    return moved(doc, *apply_edits(doc.text, edits), date=d.date.isoformat(),
                 note=f"{len(edits)} head dates removed; date={d.date} ({d.source}) given")


# ------------------------------------------------------------------ places

@dataclass(frozen=True)
class Place:
    code: str
    name: str
    short: str | None
    parent: str | None
    valid_from: int | None
    valid_to: int | None

    @property
    def level(self) -> str:
        return "province" if self.code.endswith("0000") else "prefecture" if self.code.endswith("00") else "county"

    def valid_in(self, year: int) -> bool:
        return (self.valid_from is None or self.valid_from <= year) and (self.valid_to is None or year <= self.valid_to)


class Regions:
    """GB/T 2260 divisions read from planwatch/rules/regions.toml (through lexicon.load_rules)."""

    def __init__(self, rules: dict) -> None:
        names = rules.get("names", {})
        self.suffixes = sorted(names.get("suffixes", ()), key=len, reverse=True)
        self._ethnic = sorted(names.get("ethnic_groups", ()), key=len, reverse=True)
        self._no_short = tuple(names.get("no_short_endings", ()))
        self._min = int(names.get("min_short_length", 2))
        mentions = rules.get("mentions", {})
        self.stop = set(mentions.get("stop_names", ())) | set(mentions.get("stop_short", ()))
        self.places: list[Place] = []
        for row in rules["data"]["rows"].strip("\n").split("\n"):
            c = (row.split("\t") + [""] * 6)[:6]
            self.places.append(Place(c[0], c[1], self.short(c[1]), c[2] or None,
                                     int(c[3]) if c[3] else None, int(c[4]) if c[4] else None))

    def suffix(self, name: str) -> str:
        return next((s for s in self.suffixes if name.endswith(s) and len(name) > len(s)), "")

    def short(self, name: str) -> str | None:
        suf = self.suffix(name)
        if not suf or name.endswith(self._no_short):
            return None
        base = name[: -len(suf)]
        if suf.startswith("自治"):
            changed = True
            while changed:
                changed = False
                for e in self._ethnic:
                    if base.endswith(e) and len(base) - len(e) >= self._min:
                        base, changed = base[: -len(e)], True
                        break
        return base if len(base) >= self._min else None

    @lru_cache(maxsize=64)  # noqa: B019 (one Regions per process)
    def valid(self, year: int) -> tuple[Place, ...]:
        return tuple(p for p in self.places if p.valid_in(year) and not _functional(p.code))

    def find(self, name: str, year: int) -> Place | None:
        return next((p for p in self.valid(year) if p.name == name), None)

    def by_code(self, code: str | None, year: int) -> Place | None:
        return next((p for p in self.valid(year) if p.code == code), None)

    def children(self, code: str, year: int) -> list[Place]:
        return [p for p in self.valid(year) if p.parent == code]

    def unique_names(self, year: int, level: str) -> set[str]:
        """Full and short names that no other unit of `level` or above carries that year (河南 is
        also a county's short name, 河南蒙古族自治县, yet a province's name only once)."""
        rank = {"province": 0, "prefecture": 1, "county": 2}
        count: Counter[str] = Counter()
        for p in self.valid(year):
            if rank[p.level] <= rank[level]:
                count[p.name] += 1
                if p.short:
                    count[p.short] += 1
        return {n for n, c in count.items() if c == 1}


def _functional(code: str) -> bool:
    """Codes of functional zones and of 省直辖 groups (xx9000, xxxx7x…), not places with a tree."""
    return code[2:4] == "90" or (not code.endswith("00") and 70 <= int(code[4:]) < 80)


@lru_cache(maxsize=1)
def regions() -> Regions:
    from planwatch.extract.lexicon import load_rules
    return Regions(load_rules("regions.toml"))


def _shape(r: Regions, p: Place) -> tuple[int, str, int]:
    return len(p.name), r.suffix(p.name), len(p.short or "")


@dataclass(frozen=True)
class PlaceMap:
    home: Place
    target: Place
    names: dict[str, str]  # old → new, full and short names

    def __str__(self) -> str:
        full = [f"{a}→{b}" for a, b in self.names.items()]
        return f"{self.home.name} → {self.target.name}: " + " ".join(full)


def _home(doc: Doc, r: Regions, year: int) -> Place | None:
    for name, _ in Counter(g.get("region") for g in doc.gold if g.get("region")).most_common():
        p = r.find(name, year)
        if p:
            return p
    return None


@dataclass(frozen=True)
class Tree:
    """A home's tree: the province-level unit, the city (None for a province or a district of a
    municipality) and the units under the city (the province)."""
    province: Place
    city: Place | None

    @property
    def top(self) -> Place:
        return self.city or self.province


def tree_of(home: Place, r: Regions, year: int) -> Tree | None:
    province = home if home.level == "province" else r.by_code(home.code[:2] + "0000", year)
    if province is None:
        return None
    parent = r.by_code(home.parent, year) if home.level == "county" else None
    city = home if home.level == "prefecture" else parent if parent and parent.level == "prefecture" else None
    return Tree(province, city)


def place_map(docs: list[tuple[Doc, int]], r: Regions) -> PlaceMap | None:
    """One rename for documents (with their years) whose homes share a tree.

    A document's home is its gold's most common region; the tree is the home's province and
    the city that holds it, with all the city's units (for a province, or a district of a
    municipality: the province-level unit and the units under it). The nodes to rename are the
    tree's units that a text names (full or short name), the homes and the tree's top. The target
    is the first city (province) in code order after the home's province, in another province,
    where every node finds a unit of the same name length, ending and short-name length, in force
    in every year the node is needed, whose names no text holds and no other unit of its level or
    above carries."""
    homes = [(_home(d, r, y), d, y) for d, y in docs]
    if not homes or any(h is None for h, _, _ in homes):
        return None
    first = homes[0][0]
    assert first is not None
    tree = tree_of(first, r, homes[0][2])
    if tree is None:
        return None
    text = "\n".join(d.text for _, d, _ in homes)

    def named(p: Place, t: str) -> bool:
        return (p.name in t and p.name not in r.stop) or bool(p.short and p.short in t and p.short not in r.stop)

    need: dict[str, set[int]] = {}  # node code → years it must be in force
    nodes: dict[str, Place] = {}
    for h, d, y in homes:
        assert h is not None
        kids = [k for k in r.children(tree.top.code, y) if not _functional(k.code)]
        for n in [tree.province, tree.city, *kids]:
            if n is not None and (named(n, d.text) or n.code in (h.code, tree.top.code)):
                nodes.setdefault(n.code, n)
                need.setdefault(n.code, set()).add(y)
    years = {y for _, _, y in homes}
    unique = {lv: set.intersection(*(r.unique_names(y, lv) for y in years))
              for lv in ("province", "prefecture", "county")}

    def fits(src: Place, t: Place) -> bool:
        u = unique[t.level]
        return (_shape(r, src) == _shape(r, t) and all(t.valid_in(y) for y in need[src.code])
                and t.name not in text and t.name in u and t.name not in r.stop
                and (not t.short or (t.short not in text and t.short in u and t.short not in r.stop)))

    level = tree.top.level
    start = tree.province.code[:2]
    cands = sorted({p.code: p for y in years for p in r.valid(y) if p.level == level
                    and p.code[:2] != start and not _functional(p.code)}.values(),
                   key=lambda p: (p.code[:2] <= start, p.code))
    for t in cands:
        tprov = t if level == "province" else r.by_code(t.code[:2] + "0000", min(years))
        if tprov is None:
            continue
        pairs = {tree.top.code: t}
        if level == "prefecture" and tree.province.code in nodes:
            pairs[tree.province.code] = tprov
        if not all(fits(nodes[c], x) for c, x in pairs.items()):
            continue
        free = [c for c in r.places if c.parent == t.code and not _functional(c.code)]
        for code, n in sorted(nodes.items()):
            if code in pairs:
                continue
            m = next((c for c in free if fits(n, c) and c not in pairs.values()), None)
            if m is None:
                break
            pairs[code] = m
        else:
            names: dict[str, str] = {}
            for code, tgt in pairs.items():
                src = nodes[code]
                if src.name not in r.stop:
                    names.setdefault(src.name, tgt.name)
                if src.short and tgt.short and src.short not in r.stop:
                    names.setdefault(src.short, tgt.short)
            return PlaceMap(first, t, names)
    return None


def rename(s: str, names: dict[str, str]) -> str:
    if not names:
        return s
    rx = re.compile("|".join(re.escape(k) for k in sorted(names, key=len, reverse=True)))
    return rx.sub(lambda m: names[m[0]], s)


def places_of(docs: list[Doc]) -> Callable[[Doc], Doc]:
    """The `places` variant of a set: documents whose homes share a tree (the seeds' 株洲市 and its
    天元区) get one rename, chosen from all their texts together."""
    r = regions()
    groups: dict[str, list[tuple[Doc, int]]] = {}
    for d in docs:
        y = doc_date(d).date.year
        h = _home(d, r, y)
        t = tree_of(h, r, y) if h else None
        groups.setdefault(t.top.code if t else d.name, []).append((d, y))
    maps: dict[str, PlaceMap | None] = {}
    for group in groups.values():
        pm = place_map(group, r)
        for d, _ in group:
            maps[d.name] = pm

    def variant(doc: Doc) -> Doc:
        pm = maps.get(doc.name)
        if pm is None:
            return replace(doc, note="no home region, or no city of the same shape: unchanged")
        text = rename(doc.text, pm.names)
        assert len(text) == len(doc.text)
        gold = tuple(_string_fields(dict(g), lambda s: rename(s, pm.names)) for g in doc.gold)
        return replace(doc, text=text, gold=gold, note=str(pm))
    return variant


# ------------------------------------------------------------------ the registry

def make(name: str, docs: list[Doc]) -> Callable[[Doc], Doc]:
    """The variant called `name`, for the documents of one set."""
    if name == "places":
        return places_of(docs)
    fixed: dict[str, Callable[[Doc], Doc]] = {
        "pdf": pdf_like, "fullwidth": full_width, "fullwidth-latin": full_width_latin,
        "gbk-crlf": gbk_crlf, "no-headings": no_headings,
        "date-removed": date_removed,
    }
    if name in fixed:
        return fixed[name]
    if name.startswith("date-") and name[5:] in DATE_FORMS:
        return date_form(name[5:])
    m = re.fullmatch(r"years([+-]\d+)", name)
    if m:
        return shift_years(int(m[1]))
    raise KeyError(f"no variant {name!r}; known: {', '.join(VARIANT_NAMES)} and years±K")


VARIANT_NAMES = ("pdf", "fullwidth", "fullwidth-latin", "gbk-crlf", "places", "years+5", "years-5",
                 *(f"date-{f}" for f in DATE_FORMS), "date-removed", "no-headings")


def load_set(docs: Path, gold: Path) -> list[Doc]:
    out = []
    for path in sorted(docs.glob("*.txt")):
        gp = gold / f"{path.stem}.jsonl"
        rows = tuple(json.loads(x) for x in gp.read_text(encoding="utf-8").splitlines() if x.strip()) \
            if gp.is_file() else ()
        out.append(Doc(path.name, path.read_text(encoding="utf-8"), rows))
    return out


def write_set(docs: list[Doc], out: Path) -> tuple[Path, Path, str]:
    """Write the documents and their gold under out/docs and out/gold; return both folders and
    the sha256 of what was written (names, bytes, gold lines, dates), the data a score is for."""
    ddir, gdir = out / "docs", out / "gold"
    ddir.mkdir(parents=True, exist_ok=True)
    gdir.mkdir(parents=True, exist_ok=True)
    h = hashlib.sha256()
    for d in docs:
        raw = d.text.encode(d.encoding)
        lines = "".join(json.dumps(g, ensure_ascii=False, sort_keys=True) + "\n" for g in d.gold)
        (ddir / d.name).write_bytes(raw)
        (gdir / f"{Path(d.name).stem}.jsonl").write_text(lines, encoding="utf-8")
        for part in (d.name.encode(), raw, lines.encode(), (d.date or "").encode()):
            h.update(len(part).to_bytes(8, "big"))
            h.update(part)
    return ddir, gdir, h.hexdigest()


def check(docs: list[Doc]) -> list[str]:
    """Problems of a variant's gold: a span out of range or empty."""
    bad = []
    for d in docs:
        for g in d.gold:
            if not 0 <= g["start"] < g["end"] <= len(d.text):
                bad.append(f"{d.name}: span {g['start']}:{g['end']} out of range")
    return bad
