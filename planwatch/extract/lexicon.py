"""The only reader of planwatch/rules/: loads the data files once and compiles them."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..errors import ConfigError
from .aho import Automaton


def load_rules(name: str) -> dict[str, Any]:
    try:
        raw = resources.files("planwatch.rules").joinpath(name).read_text(encoding="utf-8")
        return tomllib.loads(raw)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"rules file {name}: {e}") from e


def alternation(words: list[str]) -> str:
    """A regex alternation of literal words, longest first (so 个百分点 beats 个)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class Headline:
    name: str
    synonyms: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    units_re: str
    magnitudes_re: str
    approximators: frozenset[str]
    units: frozenset[str]
    not_units_re: re.Pattern[str]
    before: dict[str, str]          # qualifier word before the number → qualifier
    after: dict[str, str]           # qualifier word after the unit → qualifier
    neutral_before: frozenset[str]
    before_blocked: dict[str, str]  # 约 after 节 is 节约, not about
    verbs_before_noun: frozenset[str]
    pair_words: dict[str, tuple[str, ...]]
    attributes: frozenset[str]
    five_year_re: re.Pattern[str]
    span_start_words: tuple[str, ...]
    before_max: int                 # the longest qualifier word
    after_re: str
    growth: frozenset[str]
    decrease: frozenset[str]
    change: frozenset[str]
    level_after: frozenset[str]
    triggers_re: re.Pattern[str]    # trailing trigger words of an indicator phrase
    leading_re: re.Pattern[str]     # leading cue words of an indicator phrase
    section_actual_re: re.Pattern[str]
    section_target_re: re.Pattern[str]
    inline_target_re: re.Pattern[str]
    plan_periods: dict[str, str]
    headline_names: tuple[str, ...]
    headline_automaton: Any         # synonym → canonical name; look-alike → ""
    prefixes: frozenset[str]
    suffixes_re: re.Pattern[str]
    relation_refs: frozenset[str]
    chinese_count_units: str        # 修建了三条园区道路: measure words a small Chinese count may take
    chinese_count_not_before: re.Pattern[str]  # 三条措施, 八项规定: names of policies, not counts
    not_after: re.Pattern[str]
    not_after_ahead: str            # the same patterns and not_units, as one lookahead body
    not_before: re.Pattern[str]
    quoted_max: int


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    units = load_rules("units.toml")
    quals = load_rules("qualifiers.toml")
    cues = load_rules("cues.toml")
    inds = load_rules("indicators.toml")
    nf = load_rules("not_facts.toml")

    unit_words = units["percent"] + units["compound"] + units["counts"] + units["measures"]
    before = {w: q for q, ws in quals["before"].items() for w in ws}
    after = {w: q for q, ws in quals["after"].items() for w in ws}

    names: list[str] = []
    refs: set[str] = set()
    words: list[tuple[str, tuple[str, str]]] = []
    for h in inds["headline"]:
        names.append(h["name"])
        words += [(s, (s, h["name"])) for s in h["synonyms"]]
        words += [(s, (s, "")) for s in h.get("not", [])]
        if h.get("relation_ref"):
            refs.update(h["synonyms"])
    auto = Automaton(words)

    return Lexicon(
        units_re=alternation(unit_words),
        magnitudes_re=alternation(units["magnitudes"]),
        approximators=frozenset(units["approximators"]),
        units=frozenset(unit_words),
        not_units_re=re.compile("^(?:" + alternation(units["not_units"]) + ")"),
        before=before,
        after=after,
        neutral_before=frozenset(quals["neutral_before"]),
        before_blocked=dict(quals.get("not_after_char", {})),
        verbs_before_noun=frozenset(cues["verbs_before_noun"]),
        pair_words={k: tuple(v) for k, v in cues.get("pair_words", {}).items()},
        attributes=frozenset(cues["attributes"]),
        five_year_re=re.compile(alternation(cues["five_year"])),
        span_start_words=tuple(cues["span_start_words"]),
        before_max=max(map(len, list(before) + quals["neutral_before"])),
        after_re=alternation(list(after)),
        growth=frozenset(cues["growth"]),
        decrease=frozenset(cues["decrease"]),
        change=frozenset(cues["change"]),
        level_after=frozenset(cues["level_after"]),
        triggers_re=re.compile("(?:" + alternation(cues["triggers"]) + ")+$"),
        leading_re=re.compile("^(?:(?:" + alternation(cues["leading"]) + r")|(?:\d{4}年(?:底|末|前|内)?)|[-*#>•、，,\s])+"),
        section_actual_re=re.compile(alternation(cues["sections"]["actual"])),
        section_target_re=re.compile(alternation(cues["sections"]["target"])),
        inline_target_re=re.compile(alternation(cues["inline"]["target"])),
        plan_periods=dict(cues["plan_periods"]),
        headline_names=tuple(names),
        headline_automaton=auto,
        prefixes=frozenset(inds["prefixes"]),
        suffixes_re=re.compile("(?:" + alternation(inds["suffixes"]) + ")+$"),
        relation_refs=frozenset(refs),
        chinese_count_units="".join(units["chinese_count_units"]),
        chinese_count_not_before=re.compile(alternation(units["chinese_count_not_before"])),
        not_after=re.compile("|".join(f"(?:{p})" for p in nf["after"])),
        not_after_ahead="|".join([f"(?:{p.removeprefix('^')})" for p in nf["after"]]
                                 + [f"(?:{alternation(units['not_units'])})"]),
        not_before=re.compile("|".join(f"(?:{p})" for p in nf["before"])),
        quoted_max=int(nf["quoted_max"]),
    )


@dataclass(frozen=True)
class Numerals:
    """The number grammar of rules/numerals.toml, as lookup tables and regex character classes."""

    digit: dict[str, int]           # 一 → 1, 壹 → 1, 两 → 2, 零 → 0
    place: dict[str, int]           # 十 → 10, 佰 → 100, 千 → 1000
    magnitude: dict[str, int]       # 万 → 10^4, 亿 → 10^8
    points: frozenset[str]          # 点
    minus_words: frozenset[str]     # 负
    percent_prefix: dict[str, str]  # 百分之 → %
    tenths: str                     # 成
    half: str                       # 半
    tenths_not_before: re.Pattern[str]
    approximators: dict[str, str]   # 多 → at_least, 几 → about
    range_joiners: tuple[str, ...]  # longest first
    range_not_after: tuple[str, ...]
    thousands: frozenset[str]
    digits_cls: str                 # regex class bodies (no brackets): Chinese digits 1-9 and 0
    zeros_cls: str
    places_cls: str
    mags_cls: str
    points_cls: str
    chars: frozenset[str]           # every character of a Chinese numeral (digits, zeros, places, magnitudes)


def _cls(chars: list[str]) -> str:
    return "".join(re.escape(c) for c in chars)


@lru_cache(maxsize=1)
def numerals() -> Numerals:
    nm = load_rules("numerals.toml")
    digit = {c: int(v) for v, cs in nm["digits"].items() for c in cs}
    place = {c: int(v) for v, cs in nm["places"].items() for c in cs}
    mag = {c: int(v) for v, cs in nm["magnitudes"].items() for c in cs}
    zeros = [c for c, v in digit.items() if v == 0]
    return Numerals(
        digit=digit, place=place, magnitude=mag,
        points=frozenset(nm["points"]), minus_words=frozenset(nm["minus_words"]),
        percent_prefix=dict(nm["percent_prefix"]),
        tenths=nm["tenths"], half=nm["half"],
        tenths_not_before=re.compile("(?:" + alternation(nm["tenths_not_before"]) + ")"),
        approximators=dict(nm["approximators"]),
        range_joiners=tuple(sorted(nm["range_joiners"], key=len, reverse=True)),
        range_not_after=tuple(nm["range_not_after"]),
        thousands=frozenset(nm["thousands"]),
        digits_cls=_cls([c for c, v in digit.items() if v]), zeros_cls=_cls(zeros),
        places_cls=_cls(list(place)), mags_cls=_cls(list(mag)), points_cls=_cls(nm["points"]),
        chars=frozenset(digit) | frozenset(place) | frozenset(mag),
    )
