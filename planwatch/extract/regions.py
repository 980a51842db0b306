"""China's administrative divisions as data, and the name resolver.

The divisions (GB/T 2260: provinces, prefecture-level and county-level units,
with the years each name was in force) and the word lists that go with them
live in ``planwatch/rules/regions.toml``; this module loads them once and
answers four questions:

* where does a text name a region?  ``find_mentions(text)``
* which region does a name mean, for a document of this city and year?
  ``resolve("清苑", context_city="保定市", year=2010)`` → 清苑县
* what is the main region of a document?  ``document_region(opening)``
* what is a development zone called?  ``zone_name("高新区", home=株洲市)`` →
  ``株洲高新区``

Everything here is pure: the index is immutable once loaded, and the
module-level functions use one shared, cached index.

>>> r = resolve("天元区", context_city="株洲市")
>>> r.code, r.name, r.short, r.level
('430211', '天元区', '天元', 'county')
>>> resolve("清苑", context_city="保定市", year=2010).name
'清苑县'
>>> zone_name("开发区", home=resolve("清苑区"))
'清苑经济开发区'
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any, Final, Literal

from .aho import Automaton
from .lexicon import scanning

__all__ = [
    "Mention",
    "Mentions",
    "Region",
    "RegionIndex",
    "Zone",
    "ZoneMention",
    "city_of",
    "document_region",
    "find_mentions",
    "find_zones",
    "full_path",
    "load_index",
    "parent_of",
    "province_of",
    "resolve",
    "zone_for",
    "zone_name",
]

Level = Literal["province", "prefecture", "county"]
_LEVELS: Final[dict[int, Level]] = {1: "province", 2: "prefecture", 3: "county"}
_RANK: Final = {"province": 1, "prefecture": 2, "county": 3}
_CODE: Final = re.compile(r"^\d{6}$")
_YEAR: Final = scanning(re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年"))


@dataclass(frozen=True, slots=True)
class Region:
    """One name of one GB/T 2260 code over a run of years.

    ``valid_from`` / ``valid_to`` are inclusive years; ``None`` means "since
    before 1980" / "still in force".  A code that changed its name (县改区
    keeps the name but changes the code; 更名 keeps the code) has one Region
    per name and run of years.
    """

    code: str
    name: str
    short: str | None
    level: Level
    parent_code: str | None
    valid_from: int | None = None
    valid_to: int | None = None
    aliases: tuple[str, ...] = ()

    def __hash__(self) -> int:
        # (the hash dataclasses would write, of every field in order, written out: compiled, this one is native,
        # the generated one interpreted; regions key the counts and lookups of every document)
        return hash((self.code, self.name, self.short, self.level, self.parent_code, self.valid_from, self.valid_to,
                     self.aliases))

    def valid_in(self, year: int | None) -> bool:
        """True when the name was in force in ``year`` (always, for ``None``)."""
        if year is None:
            return True
        return (self.valid_from is None or self.valid_from <= year) and (
            self.valid_to is None or year <= self.valid_to
        )

    def distance(self, year: int) -> int:
        """Years between ``year`` and this name's period of validity (0 inside)."""
        if self.valid_from is not None and year < self.valid_from:
            return self.valid_from - year
        if self.valid_to is not None and year > self.valid_to:
            return year - self.valid_to
        return 0

    @property
    def current(self) -> bool:
        return self.valid_to is None

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Mention:
    """A region name in a text: ``text[start:end] == name``.

    ``region`` is the region meant when the name (with the context given)
    points to one; ``candidates`` are all regions the name may mean.
    """

    start: int
    end: int
    name: str
    region: Region | None
    candidates: tuple[Region, ...] = ()
    short: bool = False  # matched by a short name (株洲, 醴陵)

    # (written out, not the dataclass's: compiled with mypyc, object.__setattr__ here is a native store, while the
    # __init__ dataclasses generates stays interpreted there; hundreds are made per document)
    def __init__(self, start: int, end: int, name: str, region: Region | None, candidates: tuple[Region, ...] = (),
                 short: bool = False) -> None:
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "region", region)
        object.__setattr__(self, "candidates", candidates)
        object.__setattr__(self, "short", short)


class Mentions:
    """The region names chosen in a text (longest, leftmost, non-overlapping), each resolved with the context when
    first asked for: a name right after its own city or province (株洲市天元区) inside that parent, which is
    resolved first. The same Mention whatever was asked before."""

    def __init__(self, index: RegionIndex, chosen: list[tuple[int, int, str, str, tuple[Region, ...]]],
                 city: Region | None, province: Region | None, year: int | None) -> None:
        self._index, self._chosen = index, chosen
        self._city, self._province, self._year = city, province, year
        self._at = {h[0]: i for i, h in enumerate(chosen) if h[3] != "block"}
        self._done: dict[int, Mention] = {}
        self._regions: dict[tuple[str, Region | None], Region | None] = {}  # (name, parent) → region

    def starts(self) -> list[int]:
        """Where each mention begins, in order."""
        return list(self._at)

    def get(self, start: int) -> Mention | None:
        """The mention beginning at `start`, or None."""
        i = self._at.get(start)
        return None if i is None else self._mention(i)

    def resolved(self) -> list[Mention]:
        """Every mention, in order."""
        return [self._mention(i) for i in self._at.values()]

    def _mention(self, i: int) -> Mention:
        m = self._done.get(i)
        if m is None:
            chosen, done = self._chosen, self._done
            j = i  # the names right before it, each touching the next (株洲市天元区): resolved first, in order
            while j and j - 1 not in done and chosen[j - 1][3] != "block" and chosen[j - 1][1] == chosen[j][0]:
                j -= 1
            for k in range(j, i + 1):
                self._resolve(k)
            m = done[i]
        return m

    def _resolve(self, i: int) -> None:
        start, end, key, kind, cands = self._chosen[i]
        before = self._chosen[i - 1] if i else None
        parent = self._done[i - 1].region if before is not None and before[3] != "block" and before[1] == start \
            else None
        ck = (key, parent)
        if ck in self._regions:
            region = self._regions[ck]
        else:
            idx, city, prov, year = self._index, self._city, self._province, self._year
            region = idx._choose(list(cands), city=parent or city, province=prov, year=year)
            if parent is not None and (region is None or not idx.within(region, parent)):
                region = idx._choose(list(cands), city=city, province=prov, year=year)
            self._regions[ck] = region
        self._done[i] = Mention(start, end, key, region, cands, kind == "short")


@dataclass(frozen=True, slots=True)
class Zone:
    """A kind of development zone (not in GB/T 2260), from regions.toml [[zones]]."""

    words: tuple[str, ...]
    full: str
    named: str
    home_level: str


@dataclass(frozen=True, slots=True)
class ZoneMention:
    """A zone word in a text (``text[start:end] == word``), with the region
    name written just before it when there is one (株洲 + 高新区)."""

    start: int
    end: int
    word: str
    zone: Zone
    home: Region | None
    name: str | None  # 株洲高新区, when ``home`` is known


@dataclass(frozen=True)
class _DocRules:
    window: int
    strong_cues: tuple[str, ...]
    strong_weight: float
    medium_cues: tuple[str, ...]
    medium_weight: float
    ignore_cues: tuple[str, ...]
    title_lines: int
    title_weight: float
    other_weight: float



class _ShortNamer:
    """Full name → short name, per regions.toml [names].

    The longest listed ending is cut (阿里地区 → 阿里, not 阿里地); after an
    自治… ending, trailing ethnic-group names go too (湘西土家族苗族自治州 →
    湘西). A result shorter than ``min_short_length`` means no short name.
    """

    def __init__(self, names: dict[str, Any]) -> None:
        sufs = sorted(names.get("suffixes", ()), key=len, reverse=True)
        eth = sorted(names.get("ethnic_groups", ()), key=len, reverse=True)
        self.min_len = int(names.get("min_short_length", 2))
        self.no_short = tuple(names.get("no_short_endings", ()))
        self.suffix_re = re.compile("^(.+?)(" + "|".join(map(re.escape, sufs)) + ")$") if sufs else None
        self.ethnic_re = (
            re.compile(f"^(.{{{self.min_len},}}?)(?:{'|'.join(map(re.escape, eth))})+$") if eth else None
        )

    def __call__(self, name: str) -> str | None:
        if self.suffix_re is None or name.endswith(self.no_short):
            return None
        m = self.suffix_re.match(name)
        if m is None:
            return None
        base = m.group(1)
        if m.group(2).startswith("自治") and self.ethnic_re is not None:
            e = self.ethnic_re.match(base)
            if e is not None:
                base = e.group(1)
        return base if len(base) >= self.min_len else None


class RegionIndex:
    """All regions, with look-ups by code, full name and short name.

    Build it with :meth:`load` (cached: one index per process).
    """

    def __init__(self, regions: Iterable[Region], rules: dict[str, Any]) -> None:
        self.regions: tuple[Region, ...] = tuple(regions)
        self._by_code: dict[str, list[Region]] = defaultdict(list)
        self._by_name: dict[str, list[Region]] = defaultdict(list)
        self._by_short: dict[str, list[Region]] = defaultdict(list)
        self._parents: dict[tuple[str, int | None, int | None], Region | None] = {}
        for r in self.regions:
            self._by_code[r.code].append(r)
            self._by_name[r.name].append(r)
            for a in r.aliases:
                self._by_name[a].append(r)
            if r.short:
                self._by_short[r.short].append(r)
        names = rules.get("names", {})
        self.municipalities = frozenset(names.get("municipalities", ()))
        m = rules.get("mentions", {})
        self._stop_names = frozenset(m.get("stop_names", ()))
        self._stop_short = frozenset(m.get("stop_short", ()))
        self._known_short = frozenset(m.get("known_short", ()))
        self._not_regions = tuple(m.get("not_regions", ()))
        # national new areas (雄安新区) sit in not_regions: no GB/T 2260 code, but a region of figures
        self.new_areas = frozenset(w for w in self._not_regions if w.endswith("新区"))
        self._short_not_before = tuple(m.get("short_not_before", ()))
        self.thing_heads = tuple(m.get("thing_heads", ()))
        self.subject_words = tuple(m.get("subject_words", ()))
        self.subject_growth = re.compile(m.get("subject_growth", "(?!)"))
        self.speaker_clause = re.compile(m.get("speaker_clause", "(?!)"))
        self._year_slack = int(m.get("year_slack", 2))
        self.zones: tuple[Zone, ...] = tuple(
            Zone(
                words=tuple(z["words"]),
                full=z["full"],
                named=z["named"],
                home_level=z.get("home_level", "self"),
            )
            for z in rules.get("zones", ())
        )
        self._zone_of_word: dict[str, Zone] = {}
        for z in self.zones:
            for w in z.words:
                self._zone_of_word.setdefault(w, z)
        d = rules.get("document", {})
        self._doc = _DocRules(
            window=int(d.get("window", 4000)),
            strong_cues=tuple(d.get("strong_cues", ())),
            strong_weight=float(d.get("strong_weight", 10)),
            medium_cues=tuple(d.get("medium_cues", ())),
            medium_weight=float(d.get("medium_weight", 3)),
            ignore_cues=tuple(d.get("ignore_cues", ())),
            title_lines=int(d.get("title_lines", 3)),
            title_weight=float(d.get("title_weight", 3)),
            other_weight=float(d.get("other_weight", 1)),
        )
        self._automaton: Any = None
        self._zone_automaton: Any = None

    @property
    def document_rules(self) -> _DocRules:
        """regions.toml [document]: the opening window and the cue words of its title, dateline and
        speaker lines (the context stage reads the same words)."""
        return self._doc

    # ------------------------------------------------------------------ load
    @classmethod
    def load(cls) -> RegionIndex:
        """The index of the packaged regions.toml (loaded once per process)."""
        return load_index()

    @classmethod
    def from_toml(cls, text: str) -> RegionIndex:
        """An index from the text of a regions.toml (for tests and tools)."""
        rules = tomllib.loads(text)
        short_of = _ShortNamer(rules.get("names", {}))
        level_forms = dict(rules.get("names", {}).get("level_forms", {}))
        data = rules.get("data", {})
        cols = data.get("columns", ["code", "name", "parent", "valid_from", "valid_to", "aliases"])
        ix = {c: i for i, c in enumerate(cols)}
        n = len(cols)
        regions: list[Region] = []
        for line in data.get("rows", "").splitlines():
            if not line:
                continue
            f = line.split("\t")
            if len(f) < n:
                f += [""] * (n - len(f))
            code, name = f[ix["code"]], f[ix["name"]]
            level = _LEVELS[1 if code[2:] == "0000" else 2 if code[4:] == "00" else 3]
            vf, vt = f[ix["valid_from"]], f[ix["valid_to"]]
            al = f[ix["aliases"]] if "aliases" in ix else ""
            short = short_of(name)
            # 海南州 for 海南藏族自治州: the everyday form, an alias of the full name
            form = next((short + w for end, w in level_forms.items() if short and name.endswith(end)), "")
            regions.append(
                Region(
                    code=code,
                    name=name,
                    short=short,
                    level=level,
                    parent_code=f[ix["parent"]] or None,
                    valid_from=int(vf) if vf else None,
                    valid_to=int(vt) if vt else None,
                    aliases=tuple(a for a in al.split("|") if a) + ((form,) if form and form != name else ()),
                )
            )
        return cls(regions, rules)

    # ------------------------------------------------------------- look-ups
    def by_code(self, code: str, year: int | None = None) -> Region | None:
        """The region with this code (in ``year``, or the latest name)."""
        rs = self._by_code.get(code)
        if not rs:
            return None
        return _pick_by_year(rs, year)

    def all_by_code(self, code: str) -> tuple[Region, ...]:
        return tuple(self._by_code.get(code, ()))

    def named(self, name: str) -> tuple[Region, ...]:
        """Regions whose full name (or spelling variant) is ``name``."""
        return tuple(self._by_name.get(name, ()))

    def short_named(self, short: str) -> tuple[Region, ...]:
        """Regions whose short name is ``short``."""
        return tuple(self._by_short.get(short, ()))

    def parent_of(self, region: Region) -> Region | None:
        """The region one level up, named as it was when ``region`` was in force."""
        if not region.parent_code:
            return None
        # asked thousands of times per document (within, _choose): the answer depends on these alone
        key = (region.parent_code, region.valid_from, region.valid_to)
        try:
            return self._parents[key]
        except KeyError:
            parent = self._parents[key] = self._parent_of(region)
            return parent

    def _parent_of(self, region: Region) -> Region | None:
        rs = self._by_code.get(region.parent_code)  # type: ignore[arg-type]
        if not rs:
            return None
        lo = region.valid_from if region.valid_from is not None else -10**6
        hi = region.valid_to if region.valid_to is not None else 10**6
        overl = [
            r
            for r in rs
            if (r.valid_from is None or r.valid_from <= hi) and (r.valid_to is None or lo <= r.valid_to)
        ]
        pool = overl or rs
        return max(pool, key=lambda r: (r.valid_to is None, r.valid_to or 0, r.valid_from or 0))

    def province_of(self, region: Region) -> Region | None:
        """The province-level unit of ``region`` (itself for a province)."""
        r: Region | None = region
        seen = 0
        while r is not None and r.level != "province" and seen < 4:
            r = self.parent_of(r)
            seen += 1
        return r

    def city_of(self, region: Region) -> Region | None:
        """The prefecture-level unit a region belongs to.

        A prefecture is its own city; a district of 北京/天津/上海/重庆 has the
        municipality as its city (and a municipality is its own city); a
        county-level unit directly under a province (仙桃市, 济源市) is its
        own city; a province has none.
        """
        if region.level == "prefecture":
            return region
        if region.level == "province":
            return region if region.name in self.municipalities else None
        parent = self.parent_of(region)
        if parent is None:
            return None
        if parent.level == "prefecture":
            return parent
        if parent.name in self.municipalities:
            return parent
        return region

    def full_path(self, region: Region) -> str:
        """The names from the province down: 河北省保定市清苑区."""
        parts = [region.name]
        r = self.parent_of(region)
        while r is not None and len(parts) < 4:
            parts.append(r.name)
            r = self.parent_of(r)
        return "".join(reversed(parts))

    def within(self, region: Region, ancestor: Region) -> bool:
        """True when ``region`` is ``ancestor`` or lies inside it (by codes)."""
        if region.code == ancestor.code:
            return True
        r: Region | None = region
        for _ in range(4):
            if r is None or not r.parent_code:
                return False
            if r.parent_code == ancestor.code:
                return True
            r = self.parent_of(r)
        return False

    # --------------------------------------------------------------- resolve
    def _as_region(self, ctx: Region | str | None, year: int | None) -> Region | None:
        if ctx is None or isinstance(ctx, Region):
            return ctx
        if _CODE.match(ctx):
            return self.by_code(ctx, year)
        return self.resolve(ctx, year=year)

    def candidates(self, name: str) -> tuple[Region, ...]:
        """Every region ``name`` may mean: by full name, else by short name."""
        name = name.strip()
        rs = self._by_name.get(name)
        if rs:
            return tuple(rs)
        return tuple(self._by_short.get(name, ()))

    def resolve(
        self,
        name: str,
        *,
        context_city: Region | str | None = None,
        context_province: Region | str | None = None,
        year: int | None = None,
    ) -> Region | None:
        """The region ``name`` means, or ``None`` when unknown or still ambiguous.

        ``name`` is a full name (天元区), a short name (天元, 清苑), a spelling
        variant, or a chain of them (株洲市天元区, 保定清苑).  Contexts are
        Regions, names or 6-digit codes: the document's city (or county) and
        province.  Ambiguity is broken, in this order, by the context (inside
        the context region, then its city, then its province), by ``year``
        (names in force that year, else the nearest in time), by level (a
        short name shared by a province and a city, 吉林, means the higher
        one), and, without a year, by preferring the name in force today.
        """
        name = name.strip()
        cands = list(self.candidates(name))
        if not cands:
            chain = self._chain(name, year)
            return chain
        city = self._as_region(context_city, year)
        prov = self._as_region(context_province, year)
        return self._choose(cands, city=city, province=prov, year=year)

    def _by_relatives(self, cands: Sequence[Region], text: str, year: int | None) -> Region | None:
        """The one of `cands` (places sharing a name) whose city and neighbours `text` names most, if one does."""
        votes: Counter[Region] = Counter()  # its city or a place in that city one, elsewhere in its province ¼
        homes = [(c, self.city_of(c) or c, self.province_of(c)) for c in cands]
        for m in self.find_mentions(text, year=year):
            r = m.region
            if r is None or r in cands:
                continue
            for c, city, prov in homes:
                if r.code == city.code or self.within(r, city):
                    votes[c] += 4
                elif prov is not None and (r.code == prov.code or self.within(r, prov)):
                    votes[c] += 1
        top = votes.most_common(2)
        if top and top[0][1] >= 4 and (len(top) == 1 or top[0][1] > top[1][1]):
            return top[0][0]
        return None

    def _chain(self, name: str, year: int | None) -> Region | None:
        """株洲市天元区 / 保定清苑: names that cover ``name`` end to end, each inside the one before."""
        ms = self.find_mentions(name, year=year, all_names=True)
        if len(ms) < 2 or ms[0].start != 0 or ms[-1].end != len(name):
            return None
        if any(a.end != b.start for a, b in pairwise(ms)):
            return None
        ctx: Region | None = None
        for m in ms:
            r = self._choose(list(m.candidates), city=ctx, province=None, year=year)
            if r is None or (ctx is not None and not self.within(r, ctx)):
                return None
            ctx = r
        return ctx

    def _choose(
        self,
        cands: list[Region],
        *,
        city: Region | None,
        province: Region | None,
        year: int | None,
    ) -> Region | None:
        if not cands:
            return None
        # 1. context: inside the context region, its city, its province
        chain: list[Region] = []
        if city is not None:
            chain.append(city)
            c = self.city_of(city)
            if c is not None and c.code != city.code:
                chain.append(c)
            p = self.province_of(city)
            if p is not None:
                chain.append(p)
        if province is not None:
            chain.append(province)
        for ctx in chain:
            inside = [r for r in cands if self.within(r, ctx)]
            if inside:
                cands = inside
                break
        # 2. year
        if year is not None:
            valid = [r for r in cands if r.valid_in(year)]
            if valid:
                cands = valid
            else:
                best = min(r.distance(year) for r in cands)
                cands = [r for r in cands if r.distance(year) == best]
        # 3. level: the highest level wins a name shared across levels
        top = min(_RANK[r.level] for r in cands)
        cands = [r for r in cands if _RANK[r.level] == top]
        if len(cands) == 1:
            return cands[0]
        # 4. several names of one place over time, or a change year in which
        #    both are valid: the later one, if they never overlap otherwise
        if _one_lineage(cands):
            if year is None:
                return max(cands, key=lambda r: (r.valid_to is None, r.valid_to or 0, r.valid_from or 0))
            return max(cands, key=lambda r: (r.valid_from or 0))
        if year is None:
            cur = [r for r in cands if r.current]
            if len(cur) == 1:
                return cur[0]
        return None

    # -------------------------------------------------------------- mentions
    def _build_automaton(self) -> Any:
        keys: dict[str, tuple[str, bool]] = {}
        for name in self._by_name:
            if len(name) >= 2 and name not in self._stop_names:
                keys[name] = ("full", False)
        for short in self._by_short:
            if short in keys or short in self._stop_short or short in self._stop_names:
                continue
            keys[short] = ("short", True)
        for w in self._not_regions:
            keys[w] = ("block", False)
        return Automaton((k, (k, v[0])) for k, v in keys.items())

    def _automaton_(self) -> Any:
        if self._automaton is None:
            self._automaton = self._build_automaton()
        return self._automaton

    def find_mentions(self, text: str, **options: Any) -> list[Mention]:
        """Region names in ``text``: longest, leftmost, non-overlapping (``options``: those of ``mentions``).

        Full names (株洲市, 天元区, 吉林省) and short names (株洲, 醴陵) of two
        or more characters are found; short names that are common words
        (regions.toml [mentions] stop_short), names inside listed non-place
        words (新华社, 金山银山) and short names followed by 路/公司/… are not.
        With a ``year``, names out of use for more than ``year_slack`` years
        are dropped (湘潭地区 in 2024).  With a context, weak names (short
        names and two-character names: 株洲, 攸县) are kept only for places in
        the context's province or for province-level units, so 创新平台 does
        not yield 新平 (Yunnan) in a Hunan report.  Each mention is resolved
        with the context; a name right after its own city or province
        (株洲市天元区) is resolved inside it.
        ``all_names=True`` (for resolve) also looks for stop-listed names.
        ``scanned``: what ``scan(text)`` gave (a second reading of the same text with another context).
        """
        return list(self.mentions(text, **options).resolved())

    def mentions(
        self,
        text: str,
        *,
        context_city: Region | str | None = None,
        context_province: Region | str | None = None,
        year: int | None = None,
        all_names: bool = False,
        scanned: list[tuple[int, int, tuple[str, str]]] | None = None,
    ) -> Mentions:
        """The mentions find_mentions gives, by start, each resolved when first asked for (a text names hundreds of
        places; a reader asks about those opening a clause)."""
        city = self._as_region(context_city, year)
        prov = self._as_region(context_province, year)
        if not text:
            return Mentions(self, [], city, prov, year)
        home_prov = prov or (self.province_of(city) if city is not None else None)
        slack = self._year_slack
        # 1. every hit that may be a region here, with the regions it may mean
        hits: list[tuple[int, int, str, str, tuple[Region, ...]]] = []
        # the same names recur through a document: filter each name's candidates once per call
        memo: dict[str, tuple[Region, ...]] = {}
        for start, end, (key, kind) in (self.scan(text, all_names=all_names) if scanned is None else scanned):
            if kind == "block":
                hits.append((start, end, key, kind, ()))
                continue
            is_short = kind == "short"
            if is_short and not all_names and text.startswith(self._short_not_before, end):
                continue
            cands = memo.get(key)
            if cands is None:
                cands = tuple(self._by_name.get(key) or self._by_short.get(key) or ())
                if year is not None and not all_names:
                    # a name out of use for years is a word, not a place (湘潭地区 in 2024)
                    cands = tuple(r for r in cands if r.distance(year) <= slack)
                if home_prov is not None and not all_names and (is_short or len(key) <= 2) \
                        and key not in self._known_short:
                    # a weak name (株洲, 攸县) far from home is a word (创新平台, 示范县),
                    # unless it names a province-level unit (北京, 湖南) or a city known nationwide (苏州)
                    cands = tuple(
                        r for r in cands if r.level == "province" or self.within(r, home_prov)
                    )
                memo[key] = cands
            if cands:
                hits.append((start, end, key, kind, cands))
        # 2. longest leftmost, non-overlapping
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        chosen: list[tuple[int, int, str, str, tuple[Region, ...]]] = []
        pos = 0
        for h in hits:
            if h[0] < pos:
                continue
            chosen.append(h)
            pos = h[1]
        return Mentions(self, chosen, city, prov, year)

    def may_open_name(self, text: str) -> bool:
        """False only when no name find_mentions reads opens `text` (it opens with none of their first two
        characters: Automaton.heads)."""
        heads = self._automaton_().heads()
        return text[:2] in heads or text[:1] in heads

    def scan(self, text: str, *, all_names: bool = False) -> list[tuple[int, int, tuple[str, str]]]:
        """Every name of the automaton find_mentions reads in ``text``, before any context decides."""
        A = self._full_automaton() if all_names else self._automaton_()
        return list(A.iter(text))

    def _full_automaton(self) -> Any:
        A = getattr(self, "_full_A", None)
        if A is None:
            A = Automaton([(name, (name, "full")) for name in self._by_name]
                          + [(short, (short, "short")) for short in self._by_short if short not in self._by_name])
            self._full_A = A
        return A

    # ------------------------------------------------------------------ zones
    def zone(self, word: str) -> Zone | None:
        """The zone kind a word names (高新区, 经济开发区, 自贸区 …)."""
        return self._zone_of_word.get(word)

    def zone_name(self, word: str, home: Region, *, full: bool = False) -> str:
        """The name of a zone after its home: home's short name + the zone word.

        ``zone_name("高新区", 株洲市)`` → 株洲高新区;
        ``zone_name("开发区", 清苑区)`` → 清苑经济开发区; ``full=True`` uses the
        formal form (株洲高新技术产业开发区).  An unknown word is appended as
        written.
        """
        z = self._zone_of_word.get(word)
        tail = (z.full if full else z.named) if z else word
        return (home.short or home.name) + tail

    def zone_home(self, word: str, region: Region) -> Region:
        """The home a zone of ``word`` in a document of ``region`` is named after.

        Per the zone's ``home_level``: ``prefecture`` lifts a county or district
        to its city (高新区 in a 天元区 report is 株洲高新区), ``province`` to its
        province, ``self`` keeps the region.
        """
        z = self._zone_of_word.get(word)
        level = z.home_level if z else "self"
        if level == "prefecture" and region.level == "county":
            return self.city_of(region) or region
        if level == "province" and region.level != "province":
            return self.province_of(region) or region
        return region

    def zone_for(self, word: str, region: Region, *, full: bool = False) -> str:
        """``zone_name`` with the home lifted per ``zone_home``."""
        return self.zone_name(word, self.zone_home(word, region), full=full)

    def find_zones(
        self,
        text: str,
        *,
        context_city: Region | str | None = None,
        context_province: Region | str | None = None,
        year: int | None = None,
    ) -> list[ZoneMention]:
        """Zone words in ``text``, with the region named right before each.

        ``株洲高新区`` → word 高新区, home 株洲市, name 株洲高新区; a bare
        ``高新区`` has home ``None`` (use :meth:`zone_for` with the document's
        region).
        """
        if self._zone_automaton is None:
            A = Automaton((w, w) for w in self._zone_of_word)
            self._zone_automaton = A
        hits = []
        for start, end, w in self._zone_automaton.iter(text):
            hits.append((start, end, w))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        mentions = self.find_mentions(
            text, context_city=context_city, context_province=context_province, year=year, all_names=True
        )
        ends = {m.end: m for m in mentions}
        out: list[ZoneMention] = []
        pos = 0
        for start, end, w in hits:
            if start < pos:
                continue
            pos = end
            m = ends.get(start)
            z = self._zone_of_word[w]
            if m is not None and m.region is not None:
                out.append(ZoneMention(start, end, w, z, m.region, self.zone_name(w, m.region)))
            else:
                out.append(ZoneMention(start, end, w, z, None, None))
        return out

    # --------------------------------------------------------------- document
    def document_region(self, text: str, *, year: int | None = None) -> Region | None:
        """The main region of a document, from its title, dateline and speaker lines.

        Reads the first ``[document] window`` characters.  Each region name
        scores by its line: a line with a strong cue (人民代表大会, 人民政府,
        政府工作报告, 发展和改革局 …) weighs most, a local medium's name
        (株洲日报, 株洲新闻网) and the first lines (a title) next, other lines
        least; lines of a wire story (新华社…电) do not count.  A name right
        after its own city (株洲市天元区, 保定市清苑区) counts for the
        inner unit only.  Ties go to the more specific unit.  ``year`` (else
        the first year written in the opening) picks between historical names.
        """
        rules = self._doc
        head = text[: rules.window]
        if year is None:
            m = _YEAR.search(head)
            year = int(m.group(1)) if m else None
        # (start, end, stripped text, rank among the non-empty lines) of each line with text; a line's
        # weight is worked out only when a name stands in it (most lines name none)
        lines: list[tuple[int, int, str, int]] = []
        off = seen_text = 0
        for ln in head.splitlines(keepends=True):
            s = ln.strip()
            if s:
                seen_text += 1
                lines.append((off, off + len(ln), s, seen_text))
            off += len(ln)
        line_starts = [ln[0] for ln in lines]
        weights: dict[int, float] = {}  # by line

        def line_weight(s: str, rank: int) -> float:
            if any(c in s for c in rules.ignore_cues):
                return 0.0
            if any(c in s for c in rules.strong_cues):
                return rules.strong_weight
            if any(c in s for c in rules.medium_cues):
                return rules.medium_weight
            return rules.title_weight if rank <= rules.title_lines else rules.other_weight

        def weight_at(pos: int) -> float:
            k = bisect_right(line_starts, pos) - 1
            if k < 0 or pos >= lines[k][1]:
                return 0.0
            if k not in weights:
                weights[k] = line_weight(lines[k][2], lines[k][3])
            return weights[k]

        def score(ms: list[Mention]) -> dict[Region, float]:
            sc: dict[Region, float] = defaultdict(float)
            for i, m in enumerate(ms):
                if m.region is None or (m.short and m.region.level == "county"):
                    continue  # a county's short name is too often part of a word (和政 in 和政协委员)
                nxt = ms[i + 1] if i + 1 < len(ms) else None
                if (
                    nxt is not None
                    and nxt.region is not None
                    and head[m.end : nxt.start].strip() == ""
                    and nxt.region.code != m.region.code
                    and self.within(nxt.region, m.region)
                ):
                    continue  # 株洲市天元区: counts for 天元区
                sc[m.region] += weight_at(m.start)
            return sc

        scanned = self.scan(head)  # (read once for both passes)
        ms = self.find_mentions(head, year=year, scanned=scanned)
        sc = score(ms)
        best = _best(sc)
        if best is None:
            # 鼓楼区人民政府工作报告 (four 鼓楼区 in China): the one whose city and neighbours the text names
            amb = [m for m in ms if m.region is None and len(m.candidates) > 1 and weight_at(m.start) > 0]
            return self._by_relatives(max(amb, key=lambda m: weight_at(m.start)).candidates, text, year) \
                if amb else None
        if all(len(m.candidates) <= 1 for m in ms):
            return best  # nothing was ambiguous: a second pass would give the same answer
        # second pass: ambiguous names resolved against the first answer
        ms = self.find_mentions(head, context_city=best, year=year, scanned=scanned)
        sc = score(ms)
        return _best(sc) or best


def _best(sc: dict[Region, float]) -> Region | None:
    if not sc:
        return None
    top = max(sc.values())
    if top <= 0:
        return None
    tied = [r for r, v in sc.items() if v == top]
    return max(tied, key=lambda r: (_RANK[r.level], r.code))


def _one_lineage(cands: Sequence[Region]) -> bool:
    """True when the regions follow one another in time (overlapping at most
    in one change year) and so are names of one place over time."""
    rs = sorted(cands, key=lambda r: (r.valid_from or -1, r.valid_to or 10**6))
    for a, b in pairwise(rs):
        if a.valid_to is None:
            return False
        if b.valid_from is None or b.valid_from < a.valid_to:
            return False
    return True


def _pick_by_year(rs: Sequence[Region], year: int | None) -> Region:
    if year is not None:
        valid = [r for r in rs if r.valid_in(year)]
        if valid:
            return max(valid, key=lambda r: r.valid_from or 0)
        return min(rs, key=lambda r: (r.distance(year), -(r.valid_from or 0)))
    return max(rs, key=lambda r: (r.valid_to is None, r.valid_to or 0, r.valid_from or 0))


@lru_cache(maxsize=1)
def load_index() -> RegionIndex:
    """The packaged index, loaded once per process."""
    raw = resources.files("planwatch.rules").joinpath("regions.toml").read_text(encoding="utf-8")
    return RegionIndex.from_toml(raw)


# ------------------------------------------------------- module-level helpers
def find_mentions(
    text: str,
    *,
    context_city: Region | str | None = None,
    context_province: Region | str | None = None,
    year: int | None = None,
) -> list[Mention]:
    """See :meth:`RegionIndex.find_mentions`."""
    return load_index().find_mentions(
        text, context_city=context_city, context_province=context_province, year=year
    )


def find_zones(
    text: str,
    *,
    context_city: Region | str | None = None,
    context_province: Region | str | None = None,
    year: int | None = None,
) -> list[ZoneMention]:
    """See :meth:`RegionIndex.find_zones`."""
    return load_index().find_zones(
        text, context_city=context_city, context_province=context_province, year=year
    )


def resolve(
    name: str,
    *,
    context_city: Region | str | None = None,
    context_province: Region | str | None = None,
    year: int | None = None,
) -> Region | None:
    """See :meth:`RegionIndex.resolve`."""
    return load_index().resolve(
        name, context_city=context_city, context_province=context_province, year=year
    )


def document_region(title_and_opening_text: str, *, year: int | None = None) -> Region | None:
    """See :meth:`RegionIndex.document_region`."""
    return load_index().document_region(title_and_opening_text, year=year)


def zone_name(word: str, home: Region, *, full: bool = False) -> str:
    """See :meth:`RegionIndex.zone_name`."""
    return load_index().zone_name(word, home, full=full)


def zone_for(word: str, region: Region, *, full: bool = False) -> str:
    """See :meth:`RegionIndex.zone_for`."""
    return load_index().zone_for(word, region, full=full)


def city_of(region: Region) -> Region | None:
    """See :meth:`RegionIndex.city_of`."""
    return load_index().city_of(region)


def province_of(region: Region) -> Region | None:
    """See :meth:`RegionIndex.province_of`."""
    return load_index().province_of(region)


def parent_of(region: Region) -> Region | None:
    """See :meth:`RegionIndex.parent_of`."""
    return load_index().parent_of(region)


def full_path(region: Region) -> str:
    """See :meth:`RegionIndex.full_path`."""
    return load_index().full_path(region)
