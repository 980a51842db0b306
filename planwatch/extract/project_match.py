"""The same project named in two documents, with a confidence (rules/projects.toml [match]).

Names are compared by their core: spaces, quotes and brackets gone, one spelling for words written
two ways (公卫/公共卫生), work words dropped (工程, 项目, 首期), the home city's name taken off the
front, and the type head (高速, 城际铁路, 变电站 …) taken off the end and kept apart. Two names are one
project when their types agree and their cores are equal (青云高速 / 青云), equal but for the order of
`甲至乙`, one inside the other with only affixes around it (科创基金港 / 澜江科创基金港), one misprinted
character in a long core (江湾轨道交通城城更新 / 城市更新), or the same named road (甲路延伸段 / 甲路融城干道).
A short core differing in one character is another road (澜青 / 澜北), never a match.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

from . import regions
from .lexicon import ProjectRules, project_rules
from .projects import ProjectMention

_SPACE: Final = re.compile(r"\s+")
_HAN: Final = re.compile(r"^[\u4e00-\u9fff]+$")


@dataclass(frozen=True)
class ProjectMatch:
    a: ProjectMention
    b: ProjectMention
    confidence: float
    why: str

    def to_dict(self, *, why: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {"a": _ref(self.a), "b": _ref(self.b), "confidence": round(self.confidence, 3)}
        if why:
            d["why"] = self.why
        return d

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)


def _ref(m: ProjectMention) -> dict[str, Any]:
    return {"doc": m.doc, "start": m.start, "end": m.end}


@dataclass(frozen=True)
class Core:
    text: str
    type: str | None
    place_only: bool   # the core is only a place's name (北山): it matches only itself
    bare: bool = False  # nothing but a name: no type, no work word (江湾 of 江湾等片区)


@lru_cache(maxsize=256)
def home_prefixes(region: str | None) -> tuple[str, ...]:
    """Names of a region and of its city, full and short, longest first (澜江市, 澜江; 云岭区, 云岭)."""
    if not region:
        return ()
    idx = regions.load_index()
    out: set[str] = set()
    for r in idx.named(region)[:1]:
        for x in (r, idx.city_of(r)):
            if x is not None:
                out.add(x.name)
                if x.short and len(x.short) >= 2:
                    out.add(x.short)
    return tuple(sorted(out, key=len, reverse=True))


def _is_place(text: str) -> bool:
    return bool(text) and bool(regions.load_index().named(text) or regions.load_index().short_named(text))


@lru_cache(maxsize=4096)
def core(name: str, region: str | None = None, head: str = "") -> Core:
    """The core of a name and its type (see the module's doc); `head` is the head a list's conjunct
    shares with the last one (青云 of 澜青、青云、云澜高速公路 is a 高速)."""
    rules = project_rules()
    n = _SPACE.sub("", name)
    for kept, other in rules.match_same:
        n = n.replace(other, kept)
    for w in rules.match_drop:
        n = n.replace(w, "")
    for p in home_prefixes(region):
        if n.startswith(p) and len(n) - len(p) >= 2:
            n = n[len(p):]
            break
    work = False
    for w in rules.match_works:
        if n.endswith(w) and len(n) - len(w) >= 2:
            n, work = n[:-len(w)], True
            break
    typ = None
    for h, t in rules.match_types:
        if head.endswith(h):
            typ = t
            break
    changed = True
    while changed:
        changed = False
        for suffix, t in rules.match_types:
            if n.endswith(suffix) and len(n) > len(suffix) and (typ is None or typ == t):
                n, typ, changed = n[:-len(suffix)], t, True
                break
    if "至" in n:  # 甲至乙 and 乙至甲 are one road
        a, _, b = n.partition("至")
        if a and b:
            n = "至".join(sorted((a, b)))
    return Core(n, typ, _is_place(n), typ is None and not work)


def _only_affixes(extra: str, rules: ProjectRules) -> bool:
    while extra:
        for w in rules.match_affix + tuple(h for h, _ in rules.match_types):
            if extra.startswith(w):
                extra = extra[len(w):]
                break
        else:
            return False
    return True


def _one_edit(a: str, b: str, rules: ProjectRules) -> bool:
    """One character replaced (not by its opposite: 东/西) or one left out."""
    if len(a) == len(b):
        diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        return len(diff) == 1 and frozenset(diff[0]) not in rules.match_opposites
    if abs(len(a) - len(b)) != 1:
        return False
    s, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == s for i in range(len(long_)))


def _shared_road(a: str, b: str, rules: ProjectRules) -> str | None:
    """The longest named road (甲乙丙路) written in both cores."""
    best = None
    for m in re.finditer("路", a):
        for k in range(m.start() - rules.match_road_min, -1, -1):
            road = a[k:m.end()]
            if road in b and _HAN.match(road):
                best = road if best is None or len(road) > len(best) else best
            else:
                break
    return best


def compare(a: str, b: str, region_a: str | None = None, region_b: str | None = None,
            head_a: str = "", head_b: str = "") -> tuple[float, str] | None:
    """How sure it is that two names are one project, and why; None when they are not."""
    got = _compare(a, b, region_a, region_b, head_a, head_b)
    if got is None:
        got = _pair_side(a, b, region_a, region_b) or _pair_side(b, a, region_b, region_a)
    return got


def _pair_side(pair: str, other: str, region_p: str | None, region_o: str | None) -> tuple[float, str] | None:
    """A pair of roads joined by a dash (甲市乙大道—丙市丁路) against a name with no dash (丁大道):
    each side without its place's name, its road word read as the other's; never sure."""
    rules = project_rules()
    if not rules.match_pair_marks or any(m in other for m in rules.match_pair_marks):
        return None
    sides = re.split("|".join(map(re.escape, rules.match_pair_marks)), pair)
    if len(sides) != 2:
        return None
    for side in sides:
        side = _without_place(side)
        for x, y in [(side, other), *((_road(side, w), _road(other, w)) for w in rules.match_road_words)]:
            got = _compare(x, y, region_p, region_o)
            if got is not None:
                return min(got[0], rules.match_confidence["pair"]), f"one side of the pair, {side!r}: {got[1]}"
    return None


def _without_place(name: str) -> str:
    """The name without a place's name in front (长沙甲路 → 甲路), if 2 characters are left."""
    for k in range(min(6, len(name) - 2), 1, -1):
        if _is_place(name[:k]):
            return name[k:]
    return name


def _road(name: str, word: str) -> str:
    """A road's name with its road word written as `word` (甲路 → 甲大道)."""
    for w in project_rules().match_road_words:
        if name.endswith(w) and len(name) > len(w):
            return name[:-len(w)] + word
    return name


def _compare(a: str, b: str, region_a: str | None = None, region_b: str | None = None,
             head_a: str = "", head_b: str = "") -> tuple[float, str] | None:
    rules = project_rules()
    conf = rules.match_confidence
    ca, cb = core(a, region_a, head_a), core(b, region_b, head_b)
    if ca.type and cb.type and ca.type != cb.type:
        return None
    x, y = ca.text, cb.text
    if len(x) < 2 or len(y) < 2:
        return None
    if x == y:
        if (ca.bare and cb.type is not None) or (cb.bare and ca.type is not None):
            return None  # 江湾 (a district) is no 江湾大桥: a bare name matches only a bare name
        return conf["equal"], f"same core {x!r}"
    if ca.place_only or cb.place_only:
        return None  # 北山 (of 北山和南岭抽水蓄能) is no 北山通用机场
    short, long_ = (x, y) if len(x) < len(y) else (y, x)
    if short in long_ and _only_affixes(long_.replace(short, "", 1), rules):
        return conf["affix"], f"{short!r} inside {long_!r} with affixes only"
    if min(len(x), len(y)) >= rules.match_misprint_min and _one_edit(x, y, rules):
        return conf["misprint"], f"{x!r} and {y!r} differ in one character"
    road = _shared_road(x, y, rules)
    if road:
        return conf["road"], f"both name the road {road!r}"
    return None


def match_projects(mentions: list[ProjectMention]) -> list[ProjectMatch]:
    """Every pair of mentions in two different documents that name one project (a from the
    earlier document by name), at or above the rules' threshold."""
    rules = project_rules()
    ms = sorted(mentions, key=lambda m: (m.doc, m.start, m.end))
    out = []
    for i, a in enumerate(ms):
        for b in ms[i + 1:]:
            if b.doc == a.doc:
                continue
            got = compare(a.name, b.name, a.region, b.region, a.head, b.head)
            if got is not None and got[0] >= rules.match_threshold:
                out.append(ProjectMatch(a, b, got[0], got[1]))
    return out
