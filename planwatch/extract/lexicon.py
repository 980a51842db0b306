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
    cn_count_re: re.Pattern[str]    # 修建了三条园区道路: a count in Chinese numerals
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
        cn_count_re=re.compile(
            r"(?P<n>[两二三四五六七八九十]|十[一二三四五六七八九]|[二三四五六七八九]十[一二三四五六七八九]?)"
            rf"(?P<u>{alternation(units['chinese_count_units'])})(?!{alternation(units['chinese_count_not_before'])})"
            r"(?=[\u4e00-\u9fff，,。；;、])"),
        not_after=re.compile("|".join(f"(?:{p})" for p in nf["after"])),
        not_after_ahead="|".join([f"(?:{p.removeprefix('^')})" for p in nf["after"]]
                                 + [f"(?:{alternation(units['not_units'])})"]),
        not_before=re.compile("|".join(f"(?:{p})" for p in nf["before"])),
        quoted_max=int(nf["quoted_max"]),
    )


# ------------------------------------------------------------------------------------ context
@dataclass(frozen=True)
class DateForm:
    source: str
    confidence: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class ContextRules:
    """rules/context.toml compiled: date forms, home-level cues, section headings, clause cues."""

    date_head: int
    date_forms: tuple[DateForm, ...]
    session_cues: tuple[str, ...]
    plan_year_res: tuple[re.Pattern[str], ...]
    review_year_res: tuple[re.Pattern[str], ...]
    session_month: int
    five_year_words: tuple[str, ...]
    speaker_res: tuple[re.Pattern[str], ...]
    whole_re: re.Pattern[str]
    whole_not_before: str
    quote_pairs: tuple[str, ...]
    national_titles: tuple[re.Pattern[str], ...]
    speech_cues: tuple[str, ...]
    min_mentions: int
    section_actual_re: re.Pattern[str]
    section_target_re: re.Pattern[str]
    heading_mark_re: re.Pattern[str]
    review_first_re: re.Pattern[str]
    plan_words_re: re.Pattern[str]
    marked_max: int
    bare_max: int
    inline_target_re: re.Pattern[str]
    five_prose_re: re.Pattern[str]
    five_heading_re: re.Pattern[str]
    clause_target_re: re.Pattern[str]
    clause_blocked_re: re.Pattern[str]
    relative_re: re.Pattern[str]
    relative_years: dict[str, int]
    relative_not_after: str
    relative_not_before: tuple[str, ...]


_CONTEXT_KEYS = {"dates", "home", "sections", "clause"}


def _compile(name: str, where: str, pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as e:
        raise ConfigError(f"rules file {name}: {where}: bad pattern {pattern!r}: {e}") from e


def _need(name: str, table: dict[str, Any], key: str, where: str) -> Any:
    if key not in table:
        raise ConfigError(f"rules file {name}: {where}: missing key {key!r}")
    return table[key]


@lru_cache(maxsize=1)
def context_rules() -> ContextRules:
    """Load and validate rules/context.toml (an unknown section or a bad pattern is a ConfigError)."""
    return parse_context_rules(load_rules("context.toml"), "context.toml")


def parse_context_rules(raw: dict[str, Any], name: str) -> ContextRules:
    unknown = set(raw) - _CONTEXT_KEYS
    if unknown:
        raise ConfigError(f"rules file {name}: unknown section(s) {sorted(unknown)}")
    d, h, s, c = (_need(name, raw, k, "top level") for k in ("dates", "home", "sections", "clause"))
    forms = []
    for i, f in enumerate(_need(name, d, "form", "[dates]")):
        where = f"[[dates.form]] #{i + 1}"
        if f.get("confidence") not in ("high", "medium", "low"):
            raise ConfigError(f"rules file {name}: {where}: confidence must be high, medium or low")
        forms.append(DateForm(_need(name, f, "source", where), f["confidence"],
                              _compile(name, where, _need(name, f, "pattern", where))))
    sess = _need(name, d, "session", "[dates]")
    rel = _need(name, c, "relative_years", "[clause]")
    for w, k in rel.items():
        if not isinstance(k, int):
            raise ConfigError(f"rules file {name}: [clause.relative_years] {w!r}: the offset must be an integer")
    return ContextRules(
        date_head=int(_need(name, d, "head", "[dates]")),
        date_forms=tuple(forms),
        session_cues=tuple(_need(name, sess, "cues", "[dates.session]")),
        plan_year_res=tuple(_compile(name, "[dates.session] plan_year", p) for p in sess["plan_year"]),
        review_year_res=tuple(_compile(name, "[dates.session] review_year", p) for p in sess["review_year"]),
        session_month=int(sess.get("month", 1)),
        five_year_words=tuple(sess.get("five_year_words", [])),
        speaker_res=tuple(_compile(name, "[home] speaker", p) for p in _need(name, h, "speaker", "[home]")),
        whole_re=_compile(name, "[home] whole", _need(name, h, "whole", "[home]")),
        whole_not_before=h.get("whole_not_before", ""),
        quote_pairs=tuple(h.get("quote_pairs", [])),
        national_titles=tuple(_compile(name, "[home] national_titles", p) for p in h.get("national_titles", [])),
        speech_cues=tuple(h.get("speech_cues", [])),
        min_mentions=int(h.get("min_mentions", 2)),
        section_actual_re=re.compile(alternation(_need(name, s, "actual", "[sections]"))),
        section_target_re=re.compile(alternation(_need(name, s, "target", "[sections]"))),
        heading_mark_re=_compile(name, "[sections] heading_mark", _need(name, s, "heading_mark", "[sections]")),
        review_first_re=re.compile(alternation(s.get("review_first", []) or ["\uffff"])),
        plan_words_re=re.compile(alternation(s.get("plan_words", []) or ["\uffff"])),
        marked_max=int(s.get("marked_max", 40)),
        bare_max=int(s.get("bare_max", 24)),
        inline_target_re=re.compile(alternation(s["inline"]["target"])),
        five_prose_re=_compile(name, "[sections.five_year] prose", "|".join(s["five_year"]["prose"])),
        five_heading_re=_compile(name, "[sections.five_year] heading", "|".join(s["five_year"]["heading"])),
        clause_target_re=re.compile(alternation(_need(name, c, "target", "[clause]"))),
        clause_blocked_re=_compile(name, "[clause] target_blocked", "|".join(c["target_blocked"])),
        relative_re=re.compile(alternation(list(rel))),
        relative_years=dict(rel),
        relative_not_after=c.get("relative_not_after", ""),
        relative_not_before=tuple(c.get("relative_not_before", [])),
    )
