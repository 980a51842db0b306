"""The only reader of planwatch/rules/: loads the data files once and compiles them."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from re import _parser as sre  # type: ignore[attr-defined]  # the parse tree re compiles patterns from (scanning)
from typing import Any, Final, NoReturn

from ..errors import ConfigError
from .aho import Automaton

# The top-level keys each simple rules file may hold: a typo in a key would otherwise be ignored quietly.
RULES_KEYS: Final[dict[str, frozenset[str]]] = {
    "cues.toml": frozenset({"attributes", "change", "decrease", "growth", "leading", "leading_patterns",
                            "level_after", "pair_words", "prefix_attributes", "count_attributes", "count_owner",
                            "span_start_words", "span_summed_words", "span_end_words", "span_capacity_words", "span_capacity_added", "trigger_not_after", "triggers", "verb_chain", "verbs_before_noun", "object_modifiers", "surplus_words",
                            "shared_measures", "shared_modifiers", "own_measure_ends", "per_output_starts", "produce_words"}),
    "qualifiers.toml": frozenset({"after", "before", "neutral_before", "not_after_char", "not_before_char"}),
    "not_facts.toml": frozenset({"after", "before", "edit_words", "quoted_max"}),
    "units.toml": frozenset({"approximators", "chinese_count_not_before", "chinese_count_units", "chinese_multiple_after", "household_nouns",
                             "kinds", "magnitudes", "not_units", "people_not_before", "people_nouns",
                             "people_starts", "visit_nouns", "unit_not_before", "count_not_year"}),
    "numerals.toml": frozenset({"approximators", "digits", "half", "magnitudes", "minus_not_after", "minus_words",
                                "percent_prefix", "places", "points", "range_joiners", "range_not_after",
                                "range_not_units", "list_joiners", "list_cues", "list_cue_reach", "more_after_multiple", "tenths", "tenths_not_before", "thousands"}),
}


def load_rules(name: str) -> dict[str, Any]:
    try:
        raw = resources.files("planwatch.rules").joinpath(name).read_text(encoding="utf-8")
        data = tomllib.loads(raw)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"rules file {name}: {e}") from e
    check_keys(name, data)
    return data


def check_keys(name: str, data: dict[str, Any]) -> None:
    """Refuse a rules file with a key its reader does not know, or without one it needs."""
    known = RULES_KEYS.get(name)
    if known is None:
        return  # files with nested tables validate themselves (indicators, units, tables, context)
    unknown, missing = set(data) - known, known - set(data)
    if unknown:
        raise ConfigError(f"rules file {name}: unknown key(s) {sorted(unknown)} (known: {', '.join(sorted(known))})")
    if missing:
        raise ConfigError(f"rules file {name}: missing key(s) {sorted(missing)}")


def _topic_re(pl: dict) -> re.Pattern[str]:
    """A part of the home opening a clause: area words, named zones and counted groups, joined by 和、及."""
    one = (f"(?:{pl['topic_counted']}|[\\u4e00-\\u9fff]{{2,8}}?(?:{alternation(pl['topic_zones'])})"
           f"|[市县州旗]?(?:{alternation(pl['topic_words'])}))")  # (市经开区: the home's own zone)
    return re.compile(f"{pl['topic_lead']}(?P<topic>{one}(?:[和及、]{one})*)")


def _triggers_pattern(words: list[str], not_after: dict[str, str]) -> str:
    """Triggers ending a phrase, one or more; a word of `not_after` only where the character before it is none of
    its characters (the 均 of 人均 is no trigger)."""
    guarded = "".join(f"|(?<![{re.escape(chars)}]){re.escape(w)}" for w, chars in not_after.items() if w in words)
    return "(?:" + alternation([w for w in words if w not in not_after]) + guarded + ")+$"


def _task_verb(pl: dict) -> str:
    """The verb of a task opening a clause (举全市之力支持, 加快), after its lead words."""
    return f"{pl['topic_lead']}(?:{pl['topic_verbs']})"


def _topic_verb_re(pl: dict) -> re.Pattern[str]:
    """A named zone after the verb of a task (加快兰州新区建设): the zone the task, and its totals, are about."""
    zone = f"[\\u4e00-\\u9fff]{{2,8}}?(?:{alternation(pl['topic_zones'])})"
    return re.compile(f"{_task_verb(pl)}(?P<topic>{zone})")


def _named_zone_re(pl: dict) -> re.Pattern[str]:
    """A named zone opening a sentence: a proper name ending in a zone word (保定·中国电谷（大王店）产业园区), the
    first such word, and none of the words that say something of the zone inside it (…被列为国家级物流园区)."""
    breaks = alternation(pl["zone_name_breaks"])
    return re.compile(rf"^(?:(?!{breaks})[\u4e00-\u9fff·（）()]){{2,18}}(?:新区|片区|产业园区|工业园区|园区|经济区|试验区)"
                      r"(?![\u4e00-\u9fff]{0,1}[、和及等])")


def _first_literal(name: str, pattern: str) -> str:
    """The literal character a rule's pattern opens with (the asides are searched only where one stands)."""
    if not pattern or not "\u4e00" <= pattern[0] <= "\u9fff":
        raise ConfigError(f"rules file {name}: [phrase] asides: {pattern!r} must open with a Chinese character")
    return pattern[0]


def _uncut_words(words: list[str], cut_after: list[str]) -> frozenset[str]:
    """indicators.toml uncut_words: two characters each, opening with a cut_after character (checked on load)."""
    for w in words:
        if len(w) != 2 or w[0] not in cut_after:
            raise ConfigError(f"rules file indicators.toml: [phrase] uncut_words: {w!r} must be two characters "
                              f"opening with one of cut_after")
    return frozenset(words)


def _guarded_alternation(words: list[str], not_before: dict[str, str]) -> str:
    """An alternation of words, those of `not_before` only when none of its characters follows (内 but not 内资)."""
    plain = alternation([w for w in words if w not in not_before])
    guarded = [f"{re.escape(w)}(?![{re.escape(not_before[w])}])" for w in words if w in not_before]
    return "(?:" + "|".join([plain, *guarded]) + ")" if guarded else plain


def alternation(words: list[str]) -> str:
    """A regex alternation of literal words, longest first (so 个百分点 beats 个).

    Written as a tree of their shared beginnings (万(?:元|吨)?…): re tries the alternatives of an
    alternation one after another, so a flat list of 170 units cost 170 tries after every number.
    It matches as the flat list does: the words that match at one place are each a beginning of
    the next longer one, and each branch tries the longer words before it ends a shorter one."""
    tree: dict[str, Any] = {}
    for w in set(words):
        node = tree
        for c in w:
            node = node.setdefault(c, {})
        node[""] = None  # a word ends here
    return _tree_regex(tree)


def _tree_regex(node: dict[str, Any]) -> str:
    # (only one child can match the next character: their order is free; ones that only end a word
    # share a class)
    ends = "" in node
    leaves = sorted(c for c, kid in node.items() if c and kid == {"": None})
    inner = sorted(c for c, kid in node.items() if c and kid != {"": None})
    parts = [re.escape(c) + _tree_regex(node[c]) for c in inner]
    if len(leaves) == 1:
        parts.append(re.escape(leaves[0]))
    elif leaves:
        parts.append("[" + "".join(re.escape(c) if c in "\\]^-[" else c for c in leaves) + "]")
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    if not ends:
        return body
    # a word may end here: the longer ones first (greedy), then the end
    return (body if len(parts) > 1 or _atom(body) else "(?:" + body + ")") + "?"


def _atom(s: str) -> bool:
    """Does `s` make one regex item a ? can follow (a character, a class or a group)?"""
    return len(s) == 1 or (len(s) == 2 and s[0] == "\\") or (s.startswith("[") and s.endswith("]") and "]" not in s[1:-1]) \
        or (s.startswith("(?:") and _close(s, 0) == len(s) - 1)


def scanning(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` for search and finditer: opened with a lookahead of the characters a match can begin
    with, when they can be told. re skips ahead fast only to a literal or a class that opens a pattern;
    an alternation (预期|目标|…) or an optional part makes it try every alternative at every position.
    The lookahead changes no match."""
    if _skips_ahead(pattern):
        return pattern
    literal_first = _literal_first(pattern) or _lookbehind_after_literal(pattern)
    if literal_first is not None:
        return literal_first
    firsts = _first_chars(pattern)
    if not firsts:
        return pattern
    try:
        return re.compile(f"(?=[{''.join(sorted(firsts))}])(?:{pattern.pattern})", pattern.flags)
    except re.error:  # (inline flags must open a pattern)
        return pattern


_SPECIAL: Final = frozenset("\\[](){}.*+?^$|")
_MAX_ALTERNATIVES: Final = 64


def _literal_first(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """`pattern` rewritten so that each alternative opens with a literal character, when it can be:
    re then skips ahead to the set of those characters (fast) instead of trying the pattern at every
    position (a lookahead before it is a match attempt per position). Only identities of regular
    expressions are used, which keep every match and the order alternatives are tried in:
    (?:A|B)C = AC|BC, X?C = XC|C (greedy), [ab]C = aC|bC. None when the pattern holds a group that
    captures (it would be copied), flags, or an opening these do not cover (a lookbehind, \\d, …)."""
    if pattern.groups or pattern.flags & ~re.UNICODE:
        return None
    todo, done = _alternatives(pattern.pattern), []
    while todo:
        alt = todo.pop(0)
        if not alt:
            return None  # an empty alternative matches anywhere
        if alt[0] not in _SPECIAL and alt[1:2] not in ("?", "*", "+", "{"):
            done.append(alt)
            continue
        opened = _open(alt)
        if opened is None or len(done) + len(todo) + len(opened) > _MAX_ALTERNATIVES:
            return None
        todo[:0] = opened
    try:
        out = re.compile("|".join(done), pattern.flags)
    except re.error:
        return None
    return out if _skips_ahead(out) else None


_LEADING_LOOKBEHIND: Final = re.compile(r"\(\?<!(\\[dDsSwW]|\[[^\]\\]+\]|[^\\\[\](){}.*+?^$|])\)")


def _lookbehind_after_literal(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """(?<!X) opening a pattern moved after the first literal c of each alternative, as (?<!Xc): the
    same test of the character before the match ((?<!\\d)(19|20)… → (1(?<!\\d1)9|2(?<!\\d2)0)…), and
    the pattern opens with literals re skips ahead to. Groups keep their place and number. None when
    X is more than one character or an alternative does not open with a literal."""
    m = _LEADING_LOOKBEHIND.match(pattern.pattern)
    if m is None or pattern.flags & ~re.UNICODE:
        return None
    rest = _behind_first_literal(pattern.pattern[m.end():], m.group(1))
    if rest is None:
        return None
    try:
        out = re.compile(rest, pattern.flags)
    except re.error:
        return None
    return out if _skips_ahead(out) else None


def _behind_first_literal(s: str, x: str) -> str | None:
    """`s` with (?<!x c) after the literal c that opens each of its alternatives (into groups)."""
    if not s:
        return None
    if s[0] not in _SPECIAL:
        if s[1:2] in ("?", "*", "+", "{"):
            return None
        return s[0] + f"(?<!{x}{re.escape(s[0])})" + s[1:]
    opener = re.match(r"\((?:\?:|\?P<\w+>)?", s)
    if opener is None or s.startswith("(?", 0) and not s.startswith(("(?:", "(?P<")):
        return None
    end = _close(s, 0)
    if end is None or s[end + 1:end + 2] in ("?", "*", "+", "{"):
        return None
    body = []
    for alt in _alternatives(s[opener.end():end]):
        moved = _behind_first_literal(alt, x)
        if moved is None:
            return None
        body.append(moved)
    return opener.group(0) + "|".join(body) + s[end:]


def _open(alt: str) -> list[str] | None:
    """The alternatives `alt` is the alternation of, by its first item (a group, a class or a literal
    made optional by ?), in the order re tries them; None for any other first item."""
    if alt[0] not in _SPECIAL:  # a literal with ? after it (“?十…)
        if alt[1:2] == "?" and alt[2:3] not in ("?", "+"):
            return [alt[0] + alt[2:], alt[2:]]
        return None
    if alt.startswith("(?:"):
        end = _close(alt, 0)
        if end is None:
            return None
        body, rest = alt[3:end], alt[end + 1:]
        items = _alternatives(body)
        if rest[:1] == "?" and rest[1:2] not in ("?", "+"):
            return [i + rest[1:] for i in items] + [rest[1:]]
        if rest[:1] in ("?", "*", "+", "{"):
            return None
        return [i + rest for i in items]
    if alt[0] == "[" and alt[1:2] != "^":
        end = alt.find("]", 1)
        chars = alt[1:end]
        if end < 0 or not chars or any(c in _SPECIAL or c == "-" for c in chars) or alt[end + 1:end + 2] in ("?", "*", "+", "{"):
            return None
        return [c + alt[end + 1:] for c in chars]
    return None


def _syntax(s: str, i: int = 0):
    """The characters of a pattern's text from `i` that are syntax (not escaped, not inside a class), each
    as (offset, character, group depth after it)."""
    depth, in_class, k = 0, False, i
    while k < len(s):
        c = s[k]
        if c == "\\":
            k += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if s[k + 1:k + 2] == "^":
                k += 1
            if s[k + 1:k + 2] == "]":
                k += 1  # a ] right after [ or [^ is a character of the class
        else:
            depth += (c == "(") - (c == ")")
            yield k, c, depth
        k += 1


def _close(s: str, i: int) -> int | None:
    """The offset of the parenthesis closing the one at `i`."""
    return next((k for k, c, depth in _syntax(s, i) if c == ")" and depth == 0), None)


def _alternatives(s: str) -> list[str]:
    """The top-level alternatives of a pattern's text (no | inside a group or a class)."""
    out, start = [], 0
    for k, c, depth in _syntax(s):
        if c == "|" and depth == 0:
            out.append(s[start:k])
            start = k + 1
    out.append(s[start:])
    return out


def _skips_ahead(pattern: re.Pattern[str]) -> bool:
    """Does re skip ahead for `pattern` already (it opens with a literal, a class, or an alternation of
    literals: re's own prefix rule)? A lookahead would then only slow it down."""
    try:
        items = sre.parse(pattern.pattern, pattern.flags).data
    except Exception:  # noqa: BLE001
        return True
    while items and items[0][0] is sre.SUBPATTERN:
        items = items[0][1][-1].data
    if not items:
        return False
    op, av = items[0]
    if op is sre.BRANCH:
        return all(branch and branch[0][0] is sre.LITERAL for branch in av[1])
    return op is sre.LITERAL or op is sre.IN


_CATEGORIES: Final = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_SPACE: r"\s",
               sre.CATEGORY_NOT_SPACE: r"\S", sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W"}


def _first_chars(pattern: re.Pattern[str], last: bool = False) -> set[str] | None:
    """The characters a match of `pattern` can begin with (with `last`: end with), as items of a character class
    (a, a-z, \\d); None when any may, or when a match may be empty."""
    if pattern.flags & re.IGNORECASE:
        return None

    def seq(items: Any) -> tuple[set[str] | None, bool]:  # (first characters, can match nothing)
        out: set[str] = set()
        for op, av in (reversed(items) if last else items):
            first, empty = one(op, av)
            if first is None:
                return None, False
            out |= first
            if not empty:
                return out, False
        return out, True

    def one(op: Any, av: Any) -> tuple[set[str] | None, bool]:
        if op is sre.LITERAL:
            return {re.escape(chr(av))}, False
        if op is sre.IN:
            chars: set[str] = set()
            for o, a in av:
                if o is sre.LITERAL:
                    chars.add(re.escape(chr(a)))
                elif o is sre.RANGE:
                    chars.add(f"{re.escape(chr(a[0]))}-{re.escape(chr(a[1]))}")
                elif o is sre.CATEGORY and a in _CATEGORIES:
                    chars.add(_CATEGORIES[a])
                else:
                    return None, False  # a negated class
            return chars, False
        if op is sre.SUBPATTERN:
            return (None, False) if av[1] & re.IGNORECASE else seq(av[-1])  # (?i:…): cased forms too
        if op is sre.BRANCH:
            chars, empty = set(), False
            for branch in av[1]:
                first, e = seq(branch)
                if first is None:
                    return None, False
                chars |= first
                empty = empty or e
            return chars, empty
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            first, e = seq(av[2])
            return first, e or av[0] == 0
        if op in (sre.ASSERT, sre.ASSERT_NOT) or (last and op is sre.AT):
            return set(), True  # zero width: the next item gives the first character (the one before, the last)
        return None, False

    try:
        first, empty = seq(sre.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 (an internal module: a future Python may differ)
        return None
    return None if empty else first


@lru_cache(maxsize=256)
def first_literals(pattern: re.Pattern[str]) -> str | None:
    """The characters every match of `pattern` begins with, when each is one literal character (no
    range, no \\d): for found_matches. None otherwise, or when a match may be empty."""
    gate = _char_gate(_first_chars(pattern))
    return None if gate is None or gate[1] or gate[2] else "".join(sorted(gate[0]))


def _char_gate(items: Any, ranges: bool = False) -> tuple[frozenset[str], bool, bool] | None:
    """First characters (re.escape'd characters, ranges a-z, or \\d \\s \\w) as (literals, \\d among them,
    \\s among them); None when empty or when one cannot be told by a set lookup (\\w; a range, unless `ranges`
    spells out a short one: a gate's set may be large, first_literals' finds may not)."""
    if not items:
        return None
    chars, digit, space = set(), False, False
    for item in items:
        if item == "\\d":
            digit = True
        elif item == "\\s":
            space = True
        elif len(item) == 1:
            chars.add(item)
        elif len(item) == 2 and item[0] == "\\" and not item[1].isalnum():
            chars.add(item[1])
        elif ranges and (r := _RANGE_ITEM.fullmatch(item)) and 0 <= ord(r[2][-1]) - ord(r[1][-1]) < _RANGE_MAX:
            chars.update(map(chr, range(ord(r[1][-1]), ord(r[2][-1]) + 1)))  # (A-Z, ①-⒛)
        else:
            return None
    return frozenset(chars), digit, space


_RANGE_ITEM: Final = re.compile(r"(\\?.)-(\\?.)", re.DOTALL)  # (a range of _first_chars: each end re.escape'd)
_RANGE_MAX: Final = 256


@lru_cache(maxsize=64)
def match_gate(pattern: re.Pattern[str]) -> tuple[frozenset[str], bool, bool] | None:
    """What a `pattern.match` at a string's start can begin with, a leading ^ set aside: (literal characters,
    a digit too (\\d), a space too (\\s)); None when it cannot be told (a range, \\w, a match that may be empty)."""
    source = pattern.pattern
    if source.startswith("^"):
        try:
            pattern = re.compile(source[1:], pattern.flags)
        except re.error:
            return None
    return _char_gate(_first_chars(pattern), ranges=True)


@lru_cache(maxsize=64)
def end_gate(pattern: re.Pattern[str]) -> tuple[frozenset[str], bool, bool] | None:
    """What a match of a pattern anchored at the text's end ($ closing it, or each of its alternatives) can end
    with, as match_gate tells its first character: a sub or search on a text ending otherwise finds nothing.
    None when it cannot be told, or when a match need not end the text."""
    if pattern.flags & re.MULTILINE:
        return None  # ($ before every line break)
    try:
        items = sre.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 (re._parser is internal)
        return None
    return _char_gate(_first_chars(pattern, last=True), ranges=True) if _ends_text(items) else None


def _ends_text(items: Any) -> bool:
    """Does every match of a parsed sequence end at the text's end ($ or \\Z last, in every alternative)?"""
    if not items:
        return False
    op, av = items[-1]
    if op is sre.AT:
        return av is sre.AT_END or av is sre.AT_END_STRING
    if op is sre.SUBPATTERN:
        return _ends_text(av[-1])
    if op is sre.BRANCH:
        return all(_ends_text(branch) for branch in av[1])
    return False


def may_end(gate: tuple[frozenset[str], bool, bool] | None, s: str) -> bool:
    """False only when `s` ends with a character no match of the gate's pattern (end_gate) ends with: what
    may_open tells of a text's start. ($ matches before a final line break too: such a text is always tried.)"""
    if gate is None:
        return True
    c = s[-1:]
    return c in gate[0] or c == "\n" or (gate[1] and c.isdecimal()) or (gate[2] and c.isspace())


def may_open(gate: tuple[frozenset[str], bool, bool] | None, s: str) -> bool:
    """False only when `s` opens with a character no match of the gate's pattern begins with (a set lookup and
    str methods, cheaper than the call to match; \\d is str.isdecimal, \\s str.isspace, as re reads them)."""
    if gate is None:
        return True
    c = s[:1]
    return c in gate[0] or (gate[1] and c.isdecimal()) or (gate[2] and c.isspace())


def found_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """What pattern.finditer(text) yields. For a pattern whose every match begins with one of a few
    literal characters (first_literals), each of those is found with str.find and the pattern matched
    there: re tries a pattern opening with a class or an alternation at every character (some 50
    instructions each), str.find skips ahead with memchr. Worth it when those characters are rare
    (spaces, brackets, 过/超), not when common (，)."""
    firsts = first_literals(pattern)
    if firsts is None:
        yield from pattern.finditer(text)
        return
    find = text.find
    at: list[int] = []
    for ch in firsts:
        i = find(ch)
        while i >= 0:
            at.append(i)
            i = find(ch, i + 1)
    if len(firsts) > 1:
        at.sort()
    yield from matches_from(pattern, text, at)


def matches_from(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """What pattern.finditer(text) yields, for a pattern none of whose matches is empty and each of which begins
    at one of `starts` (sorted offsets): the pattern is matched there only."""
    end = 0
    match = pattern.match
    for i in starts:
        if i >= end and (m := match(text, i)) is not None:
            yield m
            end = m.end()


def gate(alternatives: list[str]) -> re.Pattern[str] | None:
    """A class of characters at least one of which every match of every alternative holds (the
    characters each one must hold, few chosen to cover all): a text without any holds no match, and
    re finds a class fast. None when an alternative must hold no particular character."""
    musts = []
    for source in alternatives:
        try:
            items = sre.parse(source)
        except Exception:  # noqa: BLE001 (re._parser is internal)
            return None
        if items.state.flags & re.IGNORECASE:
            return None
        must = _must_hold(items)
        if not must:
            return None
        musts.append(must)
    chosen: list[str] = []
    while musts:  # the character most alternatives hold, until each holds one chosen
        best = max(sorted(set().union(*musts)), key=lambda ch: sum(ch in m for m in musts))
        chosen.append(best)
        musts = [m for m in musts if best not in m]
    return re.compile("[" + "".join(re.escape(ch) for ch in sorted(chosen)) + "]") if chosen else None


@lru_cache(maxsize=256)
def needs(pattern: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """Sets of strings every match of `pattern` holds one of each (its literals outside options, those in a row
    as one string; an alternation needs one of its alternatives' first needs): a text missing every string of one
    set holds no match, which a few str `in` checks tell faster than re trying the pattern at every position.
    () when nothing can be told (case-insensitive patterns, classes of ranges)."""
    if pattern.flags & re.IGNORECASE:
        return ()
    try:
        return tuple(dict.fromkeys(_needs(sre.parse(pattern.pattern, pattern.flags))))
    except Exception:  # noqa: BLE001 (re._parser is internal)
        return ()


def may_match(pattern: re.Pattern[str], text: str, start: int = 0, end: int | None = None) -> bool:
    """False only when `text` (text[start:end]) holds no match of `pattern` (it lacks every string of one of
    its needs)."""
    got = _NEEDS.get(id(pattern))
    if got is None or got[0] is not pattern:
        got = _NEEDS[id(pattern)] = (pattern, needs(pattern))
    if start == 0 and end is None:
        return all(any(ch in text for ch in need) for need in got[1])
    end = len(text) if end is None else end
    return all(any(text.find(ch, start, end) >= 0 for ch in need) for need in got[1])


# needs() by the pattern's id (and the pattern, to tell a new one at a reused id): needs' cache hashes the pattern,
# its compiled code, at each call
_NEEDS: Final[dict[int, tuple[re.Pattern[str], tuple[frozenset[str], ...]]]] = {}


def _needs(items: Any) -> list[frozenset[str]]:
    out: list[frozenset[str]] = []
    run = ""  # literal characters in a row: the match holds them as one string (Jan, 发布时间), a stronger need
    for op, av in items:
        if op is sre.LITERAL:
            run += chr(av)
            continue
        if run:
            out.append(frozenset((run,)))
            run = ""
        if op is sre.IN and all(o is sre.LITERAL for o, _ in av):
            out.append(frozenset(chr(a) for _, a in av))  # (a class of literals only: no negation, range, category)
        elif op is sre.SUBPATTERN and not av[1] & re.IGNORECASE:
            out += _needs(av[-1])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            out += _needs(av[2])
        elif op is sre.BRANCH:
            firsts = [_needs(b) for b in av[1]]
            if all(firsts):
                either = frozenset().union(*(f[0] for f in firsts))
                # (a string holding another of them adds nothing: ——|— needs —)
                out.append(frozenset(w for w in either if not any(v != w and v in w for v in either)))
    if run:
        out.append(frozenset((run,)))
    return out


def _must_hold(items: Any) -> set[str]:
    """The characters every match of a parsed sequence holds (its literals outside options)."""
    out: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            out.add(chr(av))
        elif op is sre.SUBPATTERN and not av[1] & re.IGNORECASE:
            out |= _must_hold(av[-1])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            out |= _must_hold(av[2])
        elif op is sre.BRANCH:
            out |= set.intersection(*(_must_hold(b) for b in av[1]))
    return out


@dataclass(frozen=True)
class Headline:
    name: str
    synonyms: tuple[str, ...]


@dataclass(frozen=True)
class PhraseRules:
    """How an indicator phrase is trimmed and judged (indicators.toml [phrase] and [places])."""

    function_words: frozenset[str]
    keep_starts: tuple[str, ...]
    bare: frozenset[str]
    tail_re: re.Pattern[str]        # trailing words that are not part of an indicator
    end_re: re.Pattern[str]         # one form word (suffix) or trailing word at the end
    lead_re: re.Pattern[str]        # leading words that are not part of an indicator
    amount_words: tuple[str, ...]
    owned_words: tuple[str, ...]    # amount_words and land_words: amounts of a thing named after 的
    headline_lead_verbs: tuple[str, ...]  # 安排, 带动: a verb before a headline, no part of its name (longest first)
    amount_leads: frozenset[str]    # 计划, 实际 …: how an amount is counted (计划总投资)
    owner_end_re: re.Pattern[str]   # what ends the name of an amount's owner (…项目开工)
    deal_nouns: tuple[str, ...]     # 协议, 意向: an amount of the agreement after 的 (签订1340亿元的战略合作协议)
    max_length: int
    cut_after: frozenset[str]
    uncut_words: frozenset[str]     # 中央, 并网 …: words a cut_after character opens, never cut after it
    whole: frozenset[str]           # 全市, 我县 …: the document's own place as a whole
    areas: frozenset[str]           # 东部, 京津冀 …: groups of places
    home_parts: frozenset[str]      # 市区, 城区 …: parts of the home named as a place
    counted_classes: tuple[str, ...]  # 县（市）, 乡镇 …: classes of places a count counts, longest first
    counted_class_measures: tuple[str, ...]  # 经济总量, 财政收入 …: measures of such a class after it
    not_place_endings: tuple[str, ...]
    area_total_re: re.Pattern[str]  # 生产总值, GDP: totals only a place has
    subject_end_re: re.Pattern[str] # 实现, 完成 …: words that end a subject before a total, not part of it
    subject_heads: tuple[str, ...]  # 县, 区, 走廊, 兵团 …: a part of the home named as a subject ends in one
    not_subject_re: re.Pattern[str] # 经济, 总量 …: a subject holding one names no place
    topic_re: re.Pattern[str]       # 县域…, 六县…: a part of the home opening a clause a total then speaks of
    topic_not_starts: tuple[str, ...]  # 支持兵团…: a verb opening the clause, so no subject
    topic_verb_re: re.Pattern[str]  # 加快兰州新区建设: a named zone a task is about
    task_verb_re: re.Pattern[str]   # 支持, 加快 …: the verb of a task opening a clause (a place after it is its topic)
    named_zone_re: re.Pattern[str]  # a proper name ending in a zone word, opening a sentence
    zone_event_re: re.Pattern[str]  # words telling an event of a zone (获批, 通过验收 …)
    zone_item_re: re.Pattern[str]   # a zone as an item of a list (group "word": its zone word)
    zone_class_re: re.Pattern[str]  # an item naming a class of zones (国家级, 千亿)
    zone_generic: frozenset[str]    # 产业, 开发: words before a zone word naming all the home's zones of a kind
    zone_list_lead_re: re.Pattern[str]  # verbs before a list of zones
    owner_gap_re: re.Pattern[str]   # words between a place and the total it owns
    wider_scope_re: re.Pattern[str]  # 全国, 全球 …: a field wider than the place above the home
    title_re: re.Pattern[str]       # 示范, 先进 …: titles a place above grants
    topic_progress_re: re.Pattern[str]  # 建设, 提速 …: a zone's topic line tells its progress
    topic_lead_re: re.Pattern[str]  # 去年, 与此同时 …: words before a topic, no part of it
    grades: tuple[str, ...]         # 国家级, 省级 …: a grade alone takes the noun before it
    milestones: frozenset[str]      # 新台阶, 大关 …: a figure's complement, naming nothing
    not_things: tuple[str, ...]     # 位次, 百分点 …: words after a count that name no things it counts
    works_of: tuple[str, ...]       # 建设, 发展 …: a work served by the count of works after it
    counted_works: tuple[str, ...]  # 任务, 措施 …: works counted after the work they serve
    growth_in_percent: frozenset[str]  # 地区生产总值 …: flows whose percentage is their growth
    boundary_re: re.Pattern[str]    # cue words inside a phrase: what follows the last names the figure
    rank_field_re: re.Pattern[str]  # a rank's words naming only its field (全国30个民族自治州)
    size_lead_re: re.Pattern[str]   # a size opening a noun after a count (投资5000万元以上工业项目)
    scope_lead_re: re.Pattern[str]  # an age band before the people counted (600名0—6岁残疾儿童): skipped
    rank_scope_re: re.Pattern[str]  # a rank's verb and scope inside its phrase (列全国城市)
    aside_re: re.Pattern[str]       # an adverbial inside a phrase (受疫情影响): it names nothing
    verb_noun_heads: tuple[str, ...]  # 服务业: after these a verb is part of a noun
    verb_adverbs: frozenset[str]    # 基本, 全部 …: adverbs of a verb (基本建成 names nothing)
    predicate_adverbs: tuple[str, ...]  # 深入, 全面 …: before a verb, what is said of things named on the right
    predicate_not: tuple[str, ...]  # 基本建设 …: nouns opening like an adverb and a verb
    stage_verbs: tuple[str, ...]    # 开工, 建成 …: the stages a count of things goes through, longest first
    stage_opening_only: frozenset[str]  # 建设, 改造: stages only where they open a name (违法建设 is a thing)
    batch_words: tuple[str, ...]    # 首批, 第二批 …: a batch before a count, whose noun on the right names it
    works_ends: tuple[str, ...]     # 整治, 治理 …: works a name may close, whose stages the next figures count
    money_names: tuple[str, ...]    # 总值, 收入 …: names of amounts of money (…突破1000亿 is in 元)
    not_joiners: tuple[str, ...]    # 惠及, 普及 …: words ending in a list joiner that join nothing
    right_amount_verbs: tuple[str, ...]  # 实现, 完成 …: before the amount of the next figure, they close a right name
    right_frame_words: tuple[str, ...]  # 为突破口 …: the close of 以…为…, after a right name
    right_fare_words: frozenset[str]  # 进展顺利 …: how the things named fare, closing a right name
    right_dangling_words: tuple[str, ...]  # 分别, 预计 …: words left before such a close, cut with it
    shared_heads: tuple[str, ...]   # 企业, 项目 …: nouns short items of a list share with its last
    plant_heads: tuple[str, ...]    # 工程, 电站 …: nouns closing the name of a plant whose capacity opens it
    plant_parts: tuple[str, ...]    # 生产线, 机组 …: parts of a plant counted one by one
    share_rate_ends: tuple[str, ...]  # 率, 比重 …: a percentage named so is a rate, no share of what follows
    share_not_after: tuple[str, ...]  # 标准, 目标 …: nor is one before these (with share_rate_ends)
    share_growth_re: re.Pattern[str]  # 增长, 回升 …: a change after the percentage makes it a rate
    share_verbs: tuple[str, ...]      # 覆盖, 惠及 …: verbs before N%的 whose object is the things shared
    progress_re: re.Pattern[str]    # 某产业加快发展: a clause saying only how its subject fares (the subject a group)
    spend_words: dict[str, str]     # 投入 → 投入, 安排 → 资金: a verb spending an amount, and the noun naming it
    purpose_re: re.Pattern[str]     # 用于…, 开展…, 对…进行…: what an amount spent is for, after the amount
    average_rates: tuple[str, ...]  # 年均增幅 …: an average rate closing a phrase, cut whole
    new_prefixes: tuple[str, ...]   # 新增, 新认定 …: what a year added, before the things' name
    running_totals: tuple[str, ...]  # 累计, 总数 …: a total so far of the things added
    enum_split_re: re.Pattern[str]  # a list joiner (group 1: a word holding one, which joins nothing)
    aside_firsts: tuple[str, ...]   # the character each aside opens with (a phrase without one holds none)
    year_part_re: re.Pattern[str]   # a part of a year (group `part`) or the whole year (group `whole`)
    year_part_gate: re.Pattern[str] | None  # a character every year part holds (gate)
    after_figure_re: re.Pattern[str]  # the end of a figure listed before (9%、, 3万亿元新台阶、; not PM10、)


@dataclass(frozen=True)
class Lexicon:
    units_re: str
    magnitudes_re: str
    approximators: frozenset[str]
    units: frozenset[str]
    not_units_re: re.Pattern[str]
    people_starts: tuple[str, ...]     # 万人, 万群众: the words that make a bare magnitude people
    count_not_year: frozenset[str]     # 个, 家 …: after these a number like 2000 is a count, no year
    people_noun_re: re.Pattern[str]    # 280万农村居民 (group people), 14万农户 (group households)
    people_nouns: tuple[str, ...]      # 居民, 人才 …: a name ending so counts people
    visit_nouns: tuple[str, ...]       # 游客, 人次: a name ending so counts visits
    before: dict[str, str]          # qualifier word before the number → qualifier
    after: dict[str, str]           # qualifier word after the unit → qualifier
    neutral_before: frozenset[str]
    before_blocked: dict[str, str]  # 约 after 节 is 节约, not about
    shared_measures: tuple[str, ...]  # measures a list of subjects shares from its last item (longest first)
    own_measure_ends: tuple[str, ...]  # 额, 率, 收入 …: a listed item ending so names its own measure
    per_output_starts: tuple[str, ...]  # 万元, 单位 …: an item opening so is a measure per unit of output
    shared_modifiers: frozenset[str]  # words before such a measure that the list shares too (产业, 种植)
    verbs_before_noun: frozenset[str]
    verb_chain: frozenset[str]      # verbs_before_noun and the words that chain with them (重点建设完善)
    object_modifiers: frozenset[str]  # words of verb_chain that, before a noun, say which things (高标准农田)
    surplus_words: tuple[str, ...]  # 超额: a surplus over a goal, no verb that counts things
    pair_words: dict[str, tuple[str, ...]]
    attributes: frozenset[str]
    produced_re: re.Pattern[str]    # 粮食生产 …: the production of a thing (cues.toml produce_words)
    prefix_attributes: frozenset[str]  # 人均: written before the subject it takes
    count_attributes: frozenset[str]  # 投资 after 实施项目50个: the amount of the count's subject
    count_owner_re: re.Pattern[str]  # …when the count's name ends so (项目, 工程 …)
    span_start_words: tuple[str, ...]
    span_summed_words: tuple[str, ...]  # 新增, 完成 …: what the years did, summed over them
    span_end_words: tuple[str, ...]  # 现有, 跃上 …: a level standing at the period's end
    span_capacity_words: tuple[str, ...]  # 处理能力, 装机容量 …: a capacity, at the end unless the years added it
    span_capacity_added: tuple[str, ...]  # 新增, 压减 …: the years changed a capacity (their sum)
    before_max: int                 # the longest qualifier word
    after_re: str
    growth: frozenset[str]
    decrease: frozenset[str]
    change: frozenset[str]
    level_after: frozenset[str]
    triggers_re: re.Pattern[str]    # trailing trigger words of an indicator phrase
    leading_re: re.Pattern[str]     # leading cue words of an indicator phrase
    headline_names: tuple[str, ...]
    headline_loose: dict[str, frozenset[str]]  # canonical → its names also used for a wider total (地方财政收入)
    headline_automaton: Any         # synonym → canonical name; look-alike → ""
    prefixes: frozenset[str]
    suffixes_re: re.Pattern[str]
    relation_refs: frozenset[str]
    headline_counts: dict[str, frozenset[str]]  # count units a headline may carry (城镇新增就业: 人)
    phrase: PhraseRules
    unit_kinds: dict[str, str]      # unit word as written after a magnitude → its kind (亩 → area)
    chinese_count_units: str        # 修建了三条园区道路: measure words a small Chinese count may take
    chinese_multiple_after: tuple[str, ...]  # 增长一倍: words making a small Chinese multiple a figure
    chinese_count_not_before: re.Pattern[str]  # 三条措施, 八项规定: names of policies, not counts
    not_after: re.Pattern[str]
    not_after_ahead: str            # the same patterns and not_units, as one lookahead body
    not_before: re.Pattern[str]
    quoted_max: int
    edit_words: tuple[str, ...]     # “旧”改为“新”: quoted wordings of an edit, no figures


@dataclass(frozen=True)
class GapWords:
    """indicators.toml [gaps] as regex alternations (groups), and [phrase] at_place_verbs: the words of the
    pipeline's gap and place patterns, compiled there once at import."""
    scopes: str
    ops: str
    short_ops: str
    rates: str
    groups: str
    plans: str
    at_place_verbs: str


@lru_cache(maxsize=1)
def _indicators_raw() -> dict[str, Any]:
    """rules/indicators.toml as read and validated (once: the lexicon and the pipeline's gap words both come from it;
    never mutated)."""
    inds = load_rules("indicators.toml")
    validate_indicators(inds)
    return inds


@lru_cache(maxsize=1)
def gap_words() -> GapWords:
    inds = _indicators_raw()
    g = inds["gaps"]
    group = lambda words: "(?:" + alternation(words) + ")"  # noqa: E731
    return GapWords(group(g["scopes"]), group(g["ops"]), group(g["short_ops"]), group(g["rates"]),
                    group(g["groups"]), "(?:" + g["plans"] + ")", group(inds["phrase"]["at_place_verbs"]))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    units = load_rules("units.toml")
    quals = load_rules("qualifiers.toml")
    cues = load_rules("cues.toml")
    inds = _indicators_raw()
    nf = load_rules("not_facts.toml")

    unit_kinds = _unit_kinds(units)
    unit_words = list(unit_kinds)
    before = {w: q for q, ws in quals["before"].items() for w in ws}
    after = {w: q for q, ws in quals["after"].items() for w in ws}

    names: list[str] = []
    refs: set[str] = set()
    counts: dict[str, frozenset[str]] = {}
    loose: dict[str, frozenset[str]] = {}
    words: list[tuple[str, tuple[str, str]]] = []
    for h in inds["headline"]:
        names.append(h["name"])
        words += [(s, (s, h["name"])) for s in [h["name"], *h["synonyms"]]]
        words += [(s, (s, "")) for s in h.get("not", [])]
        if h.get("relation_ref"):
            refs.update(h["synonyms"])
        counts[h["name"]] = frozenset(h.get("count_units", []))
        if h.get("loose"):
            loose[h["name"]] = frozenset(h["loose"])
    auto = Automaton(words)
    ph, pl = inds["phrase"], inds["places"]

    return Lexicon(
        units_re=_guarded_alternation(unit_words, units.get("unit_not_before", {})),
        magnitudes_re=_magnitudes_re(units["magnitudes"], unit_words),
        approximators=frozenset(units["approximators"]),
        units=frozenset(unit_words),
        not_units_re=re.compile("^(?:" + _not_units_re(units["not_units"], unit_words) + ")"),
        people_starts=tuple(units["people_starts"]),
        count_not_year=frozenset(units["count_not_year"]),
        people_nouns=tuple(units["people_nouns"]),
        visit_nouns=tuple(units["visit_nouns"]),
        # (a quoted word may stand in the group's name: 158万“两无”人员)
        people_noun_re=re.compile(r"[\u4e00-\u9fff“”]{0,8}?(?P<visits>" + alternation(units["visit_nouns"]) + ")|"
                                  r"[\u4e00-\u9fff“”]{0,8}?(?P<people>" + alternation(units["people_nouns"]) + ")|"
                                  r"[\u4e00-\u9fff]{0,6}?(?P<households>" + alternation(units["household_nouns"]) + ")"
                                  r"(?!" + alternation(units["people_not_before"]) + ")"),
        before=before,
        after=after,
        neutral_before=frozenset(quals["neutral_before"]),
        before_blocked=dict(quals.get("not_after_char", {})),
        verbs_before_noun=frozenset(cues["verbs_before_noun"]),
        verb_chain=frozenset(cues["verbs_before_noun"]) | frozenset(cues["verb_chain"]),
        object_modifiers=frozenset(cues.get("object_modifiers", [])),
        surplus_words=tuple(cues.get("surplus_words", [])),
        pair_words={k: tuple(v) for k, v in cues.get("pair_words", {}).items()},
        attributes=frozenset(cues["attributes"]),
        prefix_attributes=frozenset(cues["prefix_attributes"]),
        produced_re=re.compile("(" + "|".join(map(re.escape, cues["produce_words"])) + ")生产"),
        count_attributes=frozenset(cues["count_attributes"]),
        shared_measures=tuple(sorted(cues["shared_measures"], key=len, reverse=True)),
        own_measure_ends=tuple(cues["own_measure_ends"]),
        per_output_starts=tuple(cues["per_output_starts"]),
        shared_modifiers=frozenset(cues.get("shared_modifiers", ())),
        count_owner_re=re.compile(cues["count_owner"]),
        span_start_words=tuple(cues["span_start_words"]),
        span_summed_words=tuple(cues["span_summed_words"]),
        span_end_words=tuple(cues["span_end_words"]),
        span_capacity_words=tuple(cues["span_capacity_words"]),
        span_capacity_added=tuple(cues["span_summed_words"] + cues["span_capacity_added"]),
        before_max=max(map(len, list(before) + quals["neutral_before"])),
        after_re=_guarded_alternation(list(after), quals.get("not_before_char", {})),
        growth=frozenset(cues["growth"]),
        decrease=frozenset(cues["decrease"]),
        change=frozenset(cues["change"]),
        level_after=frozenset(cues["level_after"]),
        # (a qualifier word that is also a trigger is guarded as the qualifier is: 签约 ends no trigger 约)
        triggers_re=scanning(re.compile(_triggers_pattern(
            cues["triggers"], quals.get("not_after_char", {}) | cues.get("trigger_not_after", {})))),
        # (完成 opens a clause, 完成率 names a figure: indicators.toml boundary_nouns)
        # (patterns first: 年底之前 is a deadline, not the word 年底 and a 之前 left over)
        leading_re=re.compile("^(?:" + "".join(f"(?:{p})|" for p in cues["leading_patterns"])
                              + "(?!" + alternation(inds["phrase"]["boundary_nouns"]) + ")(?:"
                              # (全市性督查…: 全市 then 性 is an adjective of the name, not a leading scope)
                              + alternation(cues["leading"]) + ")(?!性)|" + r"[-*#>•、，,\s])+"),
        headline_names=tuple(names), headline_loose=loose,
        headline_automaton=auto,
        prefixes=frozenset(inds["prefixes"]),
        suffixes_re=scanning(re.compile("(?:" + alternation(inds["suffixes"]) + ")+$")),
        relation_refs=frozenset(refs),
        headline_counts=counts,
        phrase=PhraseRules(
            function_words=frozenset(ph["function_words"]),
            keep_starts=tuple(ph["keep_starts"]),
            bare=frozenset(ph["bare"]),
            # 负 closes a phrase as a sign (增速为负), not where it ends a word (为企业减负): numerals.toml's guard
            tail_re=scanning(re.compile(_triggers_pattern(ph["tail_words"], _minus_guard()))),
            end_re=scanning(re.compile("(?:" + alternation(ph["tail_words"] + inds["suffixes"]) + ")$")),
            lead_re=re.compile("^(?:" + alternation(ph["lead_words"]) + ")+"),
            amount_words=tuple(sorted(ph["amount_words"], key=len, reverse=True)),
            owned_words=tuple(sorted(ph["amount_words"] + ph["land_words"], key=len, reverse=True)),
            headline_lead_verbs=tuple(sorted(ph["headline_lead_verbs"], key=len, reverse=True)),
            amount_leads=frozenset(ph["amount_leads"]),
            owner_end_re=re.compile("|".join(f"(?:{p})" for p in ph["owner_ends"])),
            deal_nouns=tuple(ph["deal_nouns"]),
            max_length=int(ph["max_length"]),
            cut_after=frozenset(ph["cut_after"]),
            uncut_words=_uncut_words(ph["uncut_words"], ph["cut_after"]),
            whole=frozenset(pl["whole"]),
            areas=frozenset(pl["areas"]),
            home_parts=frozenset(pl["home_parts"]),
            counted_classes=tuple(sorted(pl["counted_classes"], key=len, reverse=True)),
            counted_class_measures=tuple(pl["counted_class_measures"] + pl["area_totals"]),
            not_place_endings=tuple(pl["not_place_endings"]),
            area_total_re=re.compile(alternation(pl["area_totals"])),
            subject_end_re=re.compile("(?:" + alternation(pl["subject_ends"]) + ")+$"),
            subject_heads=tuple(pl["subject_heads"]),
            not_subject_re=re.compile(alternation(pl["not_subjects"])),
            topic_re=_topic_re(pl),
            topic_lead_re=re.compile(pl["topic_lead"]),
            topic_not_starts=tuple(pl["topic_not_starts"]),
            topic_verb_re=_topic_verb_re(pl),
            task_verb_re=re.compile(_task_verb(pl)),
            named_zone_re=_named_zone_re(pl),
            zone_event_re=re.compile(alternation(pl["zone_events"])),
            zone_item_re=re.compile("[\u4e00-\u9fff]{0,8}?(?P<word>" + alternation(pl["zone_list_words"]) + ")"),
            zone_class_re=re.compile(pl["zone_list_class"]),
            zone_generic=frozenset(pl["zone_generic"]),
            zone_list_lead_re=re.compile("(?:" + alternation(pl["zone_list_verbs"]) + ")+"),
            # (广州前三季度的GDP…: a part of the year may stand between a place and its total)
            owner_gap_re=re.compile("(?:" + alternation(pl["owner_gap_words"]) + "|"
                                    + "|".join(f"(?:{p})" for p in ph["sub_year"]) + ")+$"),
            wider_scope_re=re.compile(alternation(pl["wider_scopes"])),
            title_re=re.compile(alternation(pl["title_words"])),
            topic_progress_re=re.compile(alternation(pl["topic_progress"])),
            grades=tuple(sorted(ph["grades"], key=len, reverse=True)),
            milestones=frozenset(ph["milestones"]),
            not_things=tuple(ph["not_things"]),
            works_of=tuple(ph["works_of"]),
            counted_works=tuple(ph["counted_works"]),
            growth_in_percent=frozenset(ph.get("growth_in_percent", [])),
            rank_field_re=re.compile("|".join(f"(?:{p})" for p in ph["rank_fields"])),
            size_lead_re=re.compile("|".join(f"(?:{p})" for p in ph["size_leads"])),
            scope_lead_re=re.compile("|".join(f"(?:{p})" for p in ph["scope_leads"])),
            rank_scope_re=re.compile("|".join(f"(?:{p})" for p in ph["rank_scopes"])),
            aside_re=re.compile("|".join(f"(?:{p})" for p in ph.get("asides", [])) or "\uffff"),
            aside_firsts=tuple(_first_literal("indicators.toml", p) for p in ph.get("asides", [])),
            verb_noun_heads=tuple(ph["verb_noun_heads"]),
            verb_adverbs=frozenset(ph["verb_adverbs"]),
            predicate_adverbs=tuple(sorted(ph["predicate_adverbs"], key=len, reverse=True)),
            predicate_not=tuple(ph["predicate_not"]),
            stage_verbs=tuple(sorted(ph["stage_verbs"], key=lambda w: (-len(w), w))),
            stage_opening_only=frozenset(ph["stage_opening_only"]),
            batch_words=tuple(ph["batch_words"]),
            works_ends=tuple(ph["works_ends"]),
            money_names=tuple(ph["money_names"]),
            not_joiners=tuple(ph["not_joiners"]),
            right_amount_verbs=tuple(ph["right_amount_verbs"]),
            right_frame_words=tuple(ph["right_frame_words"]),
            right_fare_words=frozenset(ph["right_fare_words"]),
            right_dangling_words=tuple(ph["right_dangling_words"]),
            shared_heads=tuple(ph["shared_heads"]),
            plant_heads=tuple(ph["plant_heads"]),
            plant_parts=tuple(ph["plant_parts"]),
            share_rate_ends=tuple(ph["share_rate_ends"]),
            share_not_after=tuple(ph["share_rate_ends"] + ph["share_not_after"]),
            share_growth_re=re.compile(alternation(ph["share_growth_words"])),
            share_verbs=tuple(ph["share_verbs"]),
            progress_re=re.compile(r"(?P<subject>[\u4e00-\u9fff“”]{2,12}?)(?:持续|不断|继续|进一步)?(?:"
                                   + alternation(ph["progress_words"]) + ")"),
            spend_words=dict(ph["spend_words"]),
            purpose_re=re.compile("|".join(f"(?:{p})" for p in ph["purpose_patterns"])),
            average_rates=tuple(ph["average_rates"]),
            new_prefixes=tuple(sorted(ph["new_prefixes"], key=len, reverse=True)),
            running_totals=tuple(ph["running_totals"]),
            enum_split_re=re.compile(f"({alternation(ph['not_joiners'])})|[、和及与]"),
            boundary_re=re.compile("|".join(_not_noun(w, ph["boundary_nouns"]) for w in ph["boundaries"])),  # as listed
            year_part_re=scanning(re.compile("(?P<part>" + "|".join(f"(?:{p})" for p in ph["sub_year"]) + ")|(?P<whole>"
                                             + alternation(ph["whole_year"]) + ")")),
            year_part_gate=gate(ph["sub_year"] + [re.escape(w) for w in ph["whole_year"]]),
            after_figure_re=re.compile(r"(?<![A-Za-z\d.])\d[\d.]*[^、，,；;\d\u4e00-\u9fff]{0,2}[\u4e00-\u9fff]{0,4}(?:"
                                       + alternation(ph["milestones"]) + r")?[、，,；;：:]"),
        ),
        unit_kinds=unit_kinds,
        chinese_count_units="".join(units["chinese_count_units"]),
        chinese_multiple_after=tuple(units["chinese_multiple_after"]),
        chinese_count_not_before=re.compile(alternation(units["chinese_count_not_before"])),
        not_after=re.compile("|".join(f"(?:{p})" for p in nf["after"])),
        not_after_ahead=_unit_exempt(units["not_units"], nf["after"], unit_words)
        + "(?:" + "|".join([f"(?:{p.removeprefix('^')})" for p in nf["after"]]
                           + [f"(?:{_not_units_re(units['not_units'], unit_words)})"]) + ")",
        not_before=scanning(re.compile("|".join(f"(?:{p})" for p in nf["before"]))),
        quoted_max=int(nf["quoted_max"]),
        edit_words=tuple(nf["edit_words"]),
    )


@dataclass(frozen=True)
class TableWords:
    """rules/tables.toml: the words of table headers, captions and row labels."""
    roles: dict[str, tuple[str, ...]]       # serial | unit | label | place | skip → whole headers
    kind_actual_re: re.Pattern[str]
    kind_target_re: re.Pattern[str]
    growth_re: re.Pattern[str]
    change_re: re.Pattern[str]
    span_growth_re: re.Pattern[str]
    span_level_re: re.Pattern[str]
    plan_share_re: re.Pattern[str]          # 完成计划（%）: the share of the plan the column before met
    generic_nouns: frozenset[str]
    fall_re: re.Pattern[str]                # a fall word ending a row label
    rate_re: re.Pattern[str]                # a rate word in a row label
    none_cells: frozenset[str]
    cell_qualifiers: dict[str, str]         # sign before a bare figure → qualifier
    caption_actual_re: re.Pattern[str]
    caption_target_re: re.Pattern[str]
    caption_rows_of: tuple[str, ...]        # 产量: what a caption says its rows are of (主要农产品产量)


_TABLE_KEYS: Final = {"roles": {"serial", "unit", "label", "place", "skip"}, "kinds": {"actual", "target"},
               "measures": {"growth", "change", "span_growth", "span_level", "plan_share"}, "generic_nouns": None,
               "fall_words": None, "rate_words": None, "none_cells": None,
               "cell_qualifiers": {"at_least", "at_most"}, "captions": {"actual", "target", "rows_of"}}


@lru_cache(maxsize=1)
def table_words() -> TableWords:
    return build_table_words(load_rules("tables.toml"))


def build_table_words(t: dict[str, Any]) -> TableWords:
    """TableWords from the parsed tables.toml; an unknown or missing key is a ConfigError."""
    for key, value in t.items():
        if key not in _TABLE_KEYS:
            raise ConfigError(f"rules file tables.toml: unknown key {key!r}")
        sub = _TABLE_KEYS[key]
        if sub is not None and set(value) - sub:
            raise ConfigError(f"rules file tables.toml: unknown key(s) {sorted(set(value) - sub)} in [{key}]")
    missing = set(_TABLE_KEYS) - set(t)
    if missing:
        raise ConfigError(f"rules file tables.toml: missing {sorted(missing)}")

    def alt(words: list[str]) -> re.Pattern[str]:
        return re.compile(alternation(words))

    m = t["measures"]
    return TableWords(
        roles={k: tuple(v) for k, v in t["roles"].items()},
        kind_actual_re=alt(t["kinds"]["actual"]),
        kind_target_re=alt(t["kinds"]["target"]),
        growth_re=alt(m["growth"]),
        change_re=alt(m["change"]),
        span_growth_re=alt(m["span_growth"]),
        span_level_re=alt(m["span_level"]),
        plan_share_re=alt(m["plan_share"]),
        generic_nouns=frozenset(t["generic_nouns"]),
        fall_re=re.compile("(?:" + alternation(t["fall_words"]) + ")$"),
        rate_re=alt(t["rate_words"]),
        none_cells=frozenset(t["none_cells"]),
        cell_qualifiers={w: q for q, ws in t["cell_qualifiers"].items() for w in ws},
        caption_actual_re=alt(t["captions"]["actual"]),
        caption_target_re=alt(t["captions"]["target"]),
        caption_rows_of=tuple(t["captions"].get("rows_of", [])),
    )


# ------------------------------------------------------------------ units

def _unit_kinds(units: dict[str, Any]) -> dict[str, str]:
    """units.toml [kinds]: every unit word with its kind; a word listed under two kinds is an error."""
    out: dict[str, str] = {}
    for kind, words in units.get("kinds", {}).items():
        for w in words:
            if w in out and out[w] != kind:
                raise ConfigError(f"rules file units.toml: unit {w!r} is listed under [kinds] {out[w]!r} and {kind!r}")
            out[w] = kind
    if not out:
        raise ConfigError("rules file units.toml: no [kinds] table of units")
    return out


def _magnitudes_re(magnitudes: list[str], unit_words: list[str]) -> str:
    """Magnitudes, longest first; a magnitude that begins a unit whose rest is no unit (千瓦时, 百分点)
    is not a magnitude there, so the unit is read whole."""
    unit_set = set(unit_words)
    parts = []
    for m in sorted(set(magnitudes), key=len, reverse=True):
        rests = [u[len(m):] for u in unit_words if u.startswith(m) and len(u) > len(m) and u[len(m):] not in unit_set]
        parts.append(re.escape(m) + (f"(?!{alternation(rests)})" if rests else ""))
    return "|".join(parts)


def _minus_guard() -> dict[str, str]:
    """Each minus word with the characters after which it ends another word instead (rules/numerals.toml)."""
    nm = load_rules("numerals.toml")
    return {w: "".join(nm["minus_not_after"]) for w in nm["minus_words"]}


def _unit_exempt(not_units: list[str], not_after: list[str], unit_words: list[str]) -> str:
    """A lookahead that lets through units beginning with a word that is no unit (分钟, 分贝, 日元, TEU):
    the patterns of numbers that are no facts (3月, 5分, 5G) must not refuse them."""
    pats = [re.compile(p) for p in not_after]
    words = [u for u in unit_words if u not in not_units
             and (any(u.startswith(w) for w in not_units) or any(p.match(u) for p in pats))]
    return f"(?!{alternation(words)})" if words else ""


def _not_units_re(not_units: list[str], unit_words: list[str]) -> str:
    """Words that are never a unit, unless they begin one (分 but not 分钟, 分贝)."""
    parts = []
    for w in sorted(set(not_units), key=len, reverse=True):
        rests = [u[len(w):] for u in unit_words if u.startswith(w) and len(u) > len(w)]
        parts.append(re.escape(w) + (f"(?!{alternation(rests)})" if rests else ""))
    return "|".join(parts)


def _not_noun(word: str, nouns: list[str]) -> str:
    """A cue word's pattern that does not match where it opens a noun (完成 but not 完成率)."""
    rests = [n[len(word):] for n in nouns if n.startswith(word) and len(n) > len(word)]
    return re.escape(word) + (f"(?!{alternation(rests)})" if rests else "")


@lru_cache(maxsize=4096)
def unit_kind(unit: str | None) -> str | None:
    """The kind of a unit as a fact carries it, magnitudes removed (万亩 → area); None when unknown.

    A magnitude alone (人口120万) is a plain number.

    >>> unit_kind("万亩"), unit_kind("亿千瓦时"), unit_kind("‰"), unit_kind("万"), unit_kind("斗")
    ('area', 'energy', 'percent', 'number', None)
    """
    if not unit:
        return None
    if all(ch in _MAGNITUDE_CHARS for ch in unit):
        return "number"
    kinds = lexicon().unit_kinds
    u = unit
    while u not in kinds and u[:1] in _MAGNITUDE_CHARS and len(u) > 1:
        u = u[1:]
    return kinds.get(u)


_MAGNITUDE_CHARS: Final = frozenset("十百千万亿")


# ------------------------------------------------------------- indicators

_INDICATOR_KEYS: Final = {"prefixes", "suffixes", "places", "phrase", "headline", "gaps"}
_GAPS_KEYS: Final = {"scopes", "ops", "short_ops", "rates", "groups", "plans"}
_HEADLINE_KEYS: Final = {"name", "synonyms", "not", "relation_ref", "count_units", "loose"}
_PLACES_KEYS: Final = {"whole", "areas", "home_parts", "counted_classes", "counted_class_measures", "not_place_endings", "area_totals", "subject_ends", "subject_heads", "not_subjects",
                "topic_words", "topic_zones", "topic_counted", "topic_lead", "topic_not_starts", "topic_verbs",
                "zone_name_breaks", "zone_events", "zone_list_words", "zone_list_class", "zone_list_verbs", "zone_generic",
                "owner_gap_words", "wider_scopes", "title_words", "topic_progress"}
_PHRASE_KEYS: Final = {"deal_nouns", "function_words", "keep_starts", "bare", "tail_words", "lead_words", "amount_words", "land_words", "headline_lead_verbs", "amount_leads", "owner_ends", "boundary_nouns",
                "max_length", "cut_after", "uncut_words", "grades", "milestones", "not_things", "works_of", "counted_works", "growth_in_percent",
                "sub_year", "whole_year", "boundaries", "rank_fields", "asides", "verb_noun_heads", "verb_adverbs", "predicate_adverbs", "predicate_not", "stage_verbs", "stage_opening_only", "batch_words", "works_ends", "money_names", "shared_heads", "plant_heads", "plant_parts", "share_rate_ends", "share_not_after", "share_growth_words", "share_verbs", "progress_words", "spend_words", "purpose_patterns", "average_rates", "new_prefixes", "running_totals", "not_joiners", "right_amount_verbs", "right_frame_words", "right_fare_words", "right_dangling_words",
                "size_leads", "scope_leads", "rank_scopes", "at_place_verbs"}


def validate_indicators(data: dict[str, Any], file: str = "indicators.toml") -> None:
    """Check indicators.toml: known keys only, every headline named, no word claimed twice.

    A synonym claimed by two indicators, or a synonym of one that is a look-alike (`not`) of
    another, would make the result depend on the order of the file: it is an error.
    """
    def fail(msg: str) -> NoReturn:
        raise ConfigError(f"rules file {file}: {msg}")

    for key in sorted(set(data) - _INDICATOR_KEYS):
        fail(f"unknown key {key!r} (known: {', '.join(sorted(_INDICATOR_KEYS))})")
    for key, known in (("places", _PLACES_KEYS), ("phrase", _PHRASE_KEYS), ("gaps", _GAPS_KEYS)):
        section = data.get(key)
        if not isinstance(section, dict):
            fail(f"missing table [{key}]")
        for k in sorted(set(section) - known):
            fail(f"unknown key {k!r} in [{key}] (known: {', '.join(sorted(known))})")
        for k in sorted(known - set(section)):
            fail(f"missing key {k!r} in [{key}]")
    owner: dict[str, str] = {}      # synonym → headline
    blocked: dict[str, str] = {}    # look-alike → headline that lists it
    heads = data.get("headline")
    if not heads:
        fail("no [[headline]] entries")
    for i, h in enumerate(heads, 1):
        name = h.get("name")
        where = f"[[headline]] #{i}" + (f" {name!r}" if name else "")
        for k in sorted(set(h) - _HEADLINE_KEYS):
            fail(f"{where}: unknown key {k!r} (known: {', '.join(sorted(_HEADLINE_KEYS))})")
        if not isinstance(name, str) or not name:
            fail(f"{where}: no name")
        if not h.get("synonyms"):
            fail(f"{where}: no synonyms")
        for w in {name, *h["synonyms"]}:
            if w in owner and owner[w] != name:
                fail(f"{where}: synonym {w!r} is also claimed by {owner[w]!r}")
            owner[w] = name
        for w in h.get("not", []):
            blocked.setdefault(w, name)
        for w in h.get("loose", []):
            if w not in h["synonyms"]:
                fail(f"{where}: loose name {w!r} is not one of its synonyms")
    for w, by in blocked.items():
        if w in owner:
            fail(f"[[headline]] {by!r}: look-alike {w!r} is a synonym of {owner[w]!r}")


# ------------------------------------------------------------------------------------ context
@dataclass(frozen=True)
class DateForm:
    source: str
    confidence: str
    pattern: re.Pattern[str]
    tail: bool = False  # looked for in the text's last characters too (a newspaper page's foot)


@dataclass(frozen=True)
class ContextRules:
    """rules/context.toml compiled: date forms, home-level cues, section headings, clause cues."""

    date_head: int
    date_tail: int
    next_year_from: int  # the month from which a report plans the next year
    part_of_year_re: re.Pattern[str]  # a part of a year spoken of (一季度, 1-5月): a dateless text is in the later year
    address_res: tuple[re.Pattern[str], ...]   # a web address in the head that carries a date
    date_forms: tuple[DateForm, ...]
    session_cues: tuple[str, ...]
    plan_year_res: tuple[re.Pattern[str], ...]
    review_year_res: tuple[re.Pattern[str], ...]
    reviewed_heading_res: tuple[re.Pattern[str], ...]  # a heading reviewing a year or a plan period
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
    actual_by_year_re: re.Pattern[str]  # 主要工作: a review word only when the heading names no plan year
    section_target_re: re.Pattern[str]
    heading_mark_re: re.Pattern[str]
    heading_top_re: re.Pattern[str]  # a heading of the top level (一、): a plan period's sub-headings are below it
    heading_turn_re: re.Pattern[str]  # a first paragraph opening on the plan year, under a top heading of no kind
    heading_turn_skip: tuple[str, ...]  # …unless the heading is of the situation or of lessons (形势, 体会)
    review_first_re: re.Pattern[str]
    plan_words_re: re.Pattern[str]
    marked_max: int
    bare_max: int
    inline_target_re: re.Pattern[str]
    inline_review_re: re.Pattern[str]  # a paragraph opening a review again after inline targets
    review_sentence_re: re.Pattern[str]  # a sentence opening on the year reviewed (…。过去一年，…)
    plan_periods: dict[str, str]
    plan_heading_re: re.Pattern[str]  # a plan period named in a heading (二、关于“十五”计划)
    plan_first_year_re: re.Pattern[str]  # …speaking of its first year (做好“十一五”开局工作)
    part_goal_re: re.Pattern[str]   # with no heading: goal words that mark a paragraph of the plan
    achieved_re: re.Pattern[str]    # with no heading: a goal met (实现了…目标), the review's
    hedge_re: re.Pattern[str]       # with no heading: a goal's hedge after a figure (7%左右)
    list_line_re: re.Pattern[str]   # with no heading: a list line (- …, 3. …), one paragraph with its run
    date_word_re: re.Pattern[str]   # with no heading: a date (2025年3月), no figure
    five_prose_re: re.Pattern[str]
    year_opener_re: re.Pattern[str]  # under a plan-period heading: a paragraph turning to one year
    plan_title_re: re.Pattern[str]  # a five-year plan itself (…第十四个五年规划…纲要): it plans its period
    plan_title_not: tuple[str, ...]
    plan_title_lines: int
    plan_title_head_not: tuple[str, ...]
    five_heading_re: re.Pattern[str]
    notes_re: re.Pattern[str]       # a glossary's heading (名词解释): no figure after it is a fact
    notes_end_re: re.Pattern[str]   # …until an appendix's heading after it (附件, 一、)
    notes_works_re: re.Pattern[str]  # an entry of it listing a year's works (22.2020年省下25件民生实事：)
    state_re: re.Pattern[str]       # a rate or an age at the end of the years a paragraph sums up
    state_not_re: re.Pattern[str]   # …not one of what the years handled or one held through them
    coming_re: re.Pattern[str]      # a coming plan period (今后五年, “十四五”时期): what follows plans it
    coming_lead_max: int
    coming_one_year_re: re.Pattern[str]  # a paragraph turning to one year (今年…, 2031年是…)
    coming_one_year_words: tuple[str, ...]
    clause_target_re: re.Pattern[str]
    clause_blocked_re: re.Pattern[str]
    clause_target_not_re: re.Pattern[str]  # goal words inside a name (科技计划项目): no goal
    estimate_goals: frozenset[str]  # goal words that, of a year already reviewed, give an estimate (将达到)
    relative_re: re.Pattern[str]
    future_span_re: re.Pattern[str]
    average_re: re.Pattern[str]
    mean_re: re.Pattern[str]        # an average over years (年均): never one year's figure
    estimate_re: re.Pattern[str]
    undated_future_re: re.Pattern[str]  # 项目建成后, 未来将: a target of no stated year
    effort_years_re: re.Pattern[str]  # 经过五年的努力: the years a target's sentence counts from the plan year
    relative_years: dict[str, int]
    phrases: dict[str, re.Pattern[str]]  # [clause.phrases], by name (plan_end_lead, years_lead …)
    relative_not_after: str
    relative_not_before: tuple[str, ...]


_CONTEXT_KEYS: Final = {"dates", "home", "sections", "clause"}


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
def _context_raw() -> dict[str, Any]:
    """rules/context.toml as read (once: the rules and the code's plan names both come from it; never mutated)."""
    return load_rules("context.toml")


@lru_cache(maxsize=1)
def context_rules() -> ContextRules:
    """Load and validate rules/context.toml (an unknown section or a bad pattern is a ConfigError)."""
    return parse_context_rules(_context_raw(), "context.toml")


# every phrase that opens targets inside a paragraph holds one of these words
INLINE_HINTS: Final = ("目标", "预期", "指标")


# the phrases of [clause.phrases] the code reads by name
CLAUSE_PHRASES: Final = frozenset({"plan_end_lead", "year_colon_lead", "review_year_opens", "on_last_year", "base_after", "goal_after", "goal_aside",
                            "plan_outcome", "years_lead", "effort_since", "reached", "this_and_next", "last_year_value"})


def _phrases(name: str, table: dict[str, Any]) -> dict[str, re.Pattern[str]]:
    """[clause.phrases] compiled: every name the code reads, no other (a typo is a ConfigError)."""
    names = {k for k in table if not k.endswith(("_examples", "_not"))}
    if names != CLAUSE_PHRASES:
        raise ConfigError(f"rules file {name}: [clause.phrases] missing {sorted(CLAUSE_PHRASES - names)}, "
                          f"unknown {sorted(names - CLAUSE_PHRASES)}")
    return {k: _compile(name, f"[clause.phrases] {k}", table[k]) for k in names}


def plan_name_patterns(periods: dict[str, str], quoted_only: list[str] | tuple[str, ...] = ()) -> dict[str, str]:
    """The plan names of [sections.plan_periods] as alternations, longest first, by their placeholder: @PLAN@ every
    name, @PLAN_BARE@ those that may stand unquoted, @PLAN_LONG@ those of three characters, @PLAN_SHORT@ of two.

    >>> plan_name_patterns({"九五": "", "十五": "", "十一五": ""}, ["十五"])["@PLAN_BARE@"]
    '(?:十一五|九五)'
    """
    names = sorted(periods, key=lambda n: (-len(n), n))

    def alt(ns: list[str]) -> str:
        return "(?:" + "|".join(map(re.escape, ns)) + ")" if ns else "(?!)"
    return {"@PLAN_BARE@": alt([n for n in names if n not in quoted_only]),
            "@PLAN_LONG@": alt([n for n in names if len(n) == 3]),
            "@PLAN_SHORT@": alt([n for n in names if len(n) == 2]),
            "@PLAN@": alt(names)}


def expand_plan_names(raw: dict[str, Any]) -> dict[str, Any]:
    """rules/context.toml with the plan-name placeholders of its patterns written out (plan_name_patterns)."""
    s = raw.get("sections", {})
    subs = plan_name_patterns(s.get("plan_periods", {}), s.get("plan_quoted_only", ()))

    def walk(x: Any) -> Any:
        if isinstance(x, str):
            for k, v in subs.items():
                x = x.replace(k, v)
            return x
        if isinstance(x, list):
            return [walk(i) for i in x]
        if isinstance(x, dict):
            return {k: walk(v) for k, v in x.items()}
        return x
    return walk(raw)


@lru_cache(maxsize=1)
def plan_names() -> dict[str, str]:
    """The plan-name alternations of rules/context.toml, for the patterns the code writes (see plan_name_patterns)."""
    s = _context_raw()["sections"]
    return plan_name_patterns(s.get("plan_periods", {}), s.get("plan_quoted_only", ()))


def parse_context_rules(raw: dict[str, Any], name: str) -> ContextRules:
    raw = expand_plan_names(raw)
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
                              scanning(_compile(name, where, _need(name, f, "pattern", where))), bool(f.get("tail", False))))
    sess = _need(name, d, "session", "[dates]")
    rel = _need(name, c, "relative_years", "[clause]")
    nh = _need(name, s, "no_heading", "[sections]")
    for phrase in _need(name, _need(name, s, "inline", "[sections]"), "target", "[sections.inline]"):
        if not any(w in phrase for w in INLINE_HINTS):
            # sections() looks for these phrases only in lines holding a hint word (speed)
            raise ConfigError(f"rules file {name}: [sections.inline] target {phrase!r} holds none of {INLINE_HINTS}")
    for w, k in rel.items():
        if not isinstance(k, int):
            raise ConfigError(f"rules file {name}: [clause.relative_years] {w!r}: the offset must be an integer")
    return ContextRules(
        date_head=int(_need(name, d, "head", "[dates]")),
        date_tail=int(d.get("tail", 0)),
        next_year_from=int(d.get("next_year_from", 7)),
        part_of_year_re=_compile(name, "[dates] part_of_year", d.get("part_of_year", "(?!)")),
        date_forms=tuple(forms),
        address_res=tuple(_compile(name, "[dates.address] patterns", p)
                          for p in d.get("address", {}).get("patterns", [])),
        session_cues=tuple(_need(name, sess, "cues", "[dates.session]")),
        # (searched over the head of every document that names no date: scanning, as the date forms)
        plan_year_res=tuple(scanning(_compile(name, "[dates.session] plan_year", p)) for p in sess["plan_year"]),
        review_year_res=tuple(scanning(_compile(name, "[dates.session] review_year", p)) for p in sess["review_year"]),
        reviewed_heading_res=tuple(_compile(name, "[dates.session] reviewed_heading", p)
                                   for p in sess.get("reviewed_heading", [])),
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
        actual_by_year_re=re.compile("^(?:" + alternation(s.get("actual_by_year", []) or ["\uffff"]) + ")+$"),
        heading_mark_re=_compile(name, "[sections] heading_mark", _need(name, s, "heading_mark", "[sections]")),
        heading_top_re=_compile(name, "[sections] heading_top", _need(name, s, "heading_top", "[sections]")),
        heading_turn_re=_compile(name, "[sections] heading_turn", _need(name, s, "heading_turn", "[sections]")),
        heading_turn_skip=tuple(_need(name, s, "heading_turn_skip", "[sections]")),
        review_first_re=re.compile(alternation(s.get("review_first", []) or ["\uffff"])),
        plan_words_re=re.compile(alternation(s.get("plan_words", []) or ["\uffff"])),
        marked_max=int(s.get("marked_max", 40)),
        bare_max=int(s.get("bare_max", 24)),
        inline_target_re=re.compile(alternation(s["inline"]["target"])),
        inline_review_re=re.compile("^(?:" + alternation(s["inline"].get("review_openers", []) or ["\uffff"]) + ")"),
        review_sentence_re=re.compile("(?:^|(?<=[。！？!?\n]))(?:" + alternation(s["inline"].get("review_openers", [])
                                                                       or ["\uffff"]) + ")[，,]"),
        plan_periods=dict(s.get("plan_periods", {})),
        plan_heading_re=_compile(name, "[sections] plan_heading", _need(name, s, "plan_heading", "[sections]")),
        plan_first_year_re=re.compile(alternation(s.get("plan_heading_first_year", []) or ["\uffff"])),
        part_goal_re=re.compile(alternation(_need(name, nh, "goal_words", "[sections.no_heading]"))),
        achieved_re=_compile(name, "[sections.no_heading] achieved", _need(name, nh, "achieved", "[sections.no_heading]")),
        hedge_re=_compile(name, "[sections.no_heading] hedge", _need(name, nh, "hedge", "[sections.no_heading]")),
        list_line_re=_compile(name, "[sections.no_heading] list_line",
                              _need(name, nh, "list_line", "[sections.no_heading]")),
        date_word_re=_compile(name, "[sections.no_heading] date_word",
                              _need(name, nh, "date_word", "[sections.no_heading]")),
        five_prose_re=scanning(_compile(name, "[sections.five_year] prose", "|".join(s["five_year"]["prose"]))),
        plan_title_re=_compile(name, "[sections.five_year] plan_title", s["five_year"].get("plan_title", "(?!)")),
        plan_title_not=tuple(s["five_year"].get("plan_title_not", [])),
        plan_title_lines=int(s["five_year"].get("plan_title_lines", 8)),
        plan_title_head_not=tuple(s["five_year"].get("plan_title_head_not", [])),
        year_opener_re=_compile(name, "[sections.five_year] year_opener",
                                "|".join(s["five_year"].get("year_opener", []) or ["(?!)"])),
        five_heading_re=scanning(_compile(name, "[sections.five_year] heading", "|".join(s["five_year"]["heading"]))),
        notes_re=_compile(name, "[sections] notes", s.get("notes", "(?!)")),
        notes_end_re=_compile(name, "[sections] notes_end", s.get("notes_end", "(?!)")),
        notes_works_re=_compile(name, "[sections] notes_works", "(?m)" + s.get("notes_works", "(?!)")),
        state_re=_compile(name, "[sections.five_year] state", s["five_year"].get("state", "(?!)")),
        state_not_re=_compile(name, "[sections.five_year] state_not", s["five_year"].get("state_not", "(?!)")),
        coming_re=scanning(_compile(name, "[sections.coming] marker", s["coming"]["marker"])),
        coming_lead_max=int(s["coming"].get("lead_max", 90)),
        coming_one_year_re=_compile(name, "[sections.coming] one_year", s["coming"]["one_year"]),
        coming_one_year_words=tuple(s["coming"].get("one_year_words", [])),
        clause_target_re=re.compile(alternation(_need(name, c, "target", "[clause]"))),
        clause_blocked_re=scanning(_compile(name, "[clause] target_blocked", "|".join(c["target_blocked"]))),
        clause_target_not_re=re.compile(alternation(c.get("target_not", []) or ["\uffff"])),
        estimate_goals=frozenset(c.get("estimate_goals", [])),
        relative_re=re.compile(alternation(list(rel))),
        future_span_re=scanning(_compile(name, "[clause] future_span", _need(name, c, "future_span", "[clause]"))),
        average_re=_compile(name, "[clause] average_words", _need(name, c, "average_words", "[clause]")),
        mean_re=_compile(name, "[clause] mean_words", _need(name, c, "mean_words", "[clause]")),
        estimate_re=_compile(name, "[clause] estimate", _need(name, c, "estimate", "[clause]")),
        undated_future_re=scanning(_compile(name, "[clause] undated_future", _need(name, c, "undated_future", "[clause]"))),
        effort_years_re=_compile(name, "[clause] effort_years", _need(name, c, "effort_years", "[clause]")),
        relative_years=dict(rel),
        phrases=_phrases(name, _need(name, c, "phrases", "[clause]")),
        relative_not_after=c.get("relative_not_after", ""),
        relative_not_before=tuple(c.get("relative_not_before", [])),
    )


@dataclass(frozen=True)
class Numerals:
    """The number grammar of rules/numerals.toml, as lookup tables and regex character classes."""

    digit: dict[str, int]           # 一 → 1, 壹 → 1, 两 → 2, 零 → 0
    place: dict[str, int]           # 十 → 10, 佰 → 100, 千 → 1000
    magnitude: dict[str, int]       # 万 → 10^4, 亿 → 10^8
    points: frozenset[str]          # 点
    minus_words: frozenset[str]     # 负
    minus_not_after: frozenset[str] # 减负: 负 ends a word
    percent_prefix: dict[str, str]  # 百分之 → %
    tenths: str                     # 成
    half: str                       # 半
    tenths_not_before: re.Pattern[str]
    approximators: dict[str, str]   # 多 → at_least, 几 → about
    range_joiners: tuple[str, ...]  # longest first
    range_not_after: tuple[str, ...]
    range_not_units: frozenset[str]
    list_joiners: tuple[str, ...]   # 、和与及: between bare numbers sharing the last one's unit
    list_cues: tuple[str, ...]      # 分别: the clause lists figures
    list_cue_reach: int
    more_after_multiple: tuple[str, ...]  # 两倍多, 一番还多: at least, longest first
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
        minus_not_after=frozenset(nm["minus_not_after"]),
        percent_prefix=dict(nm["percent_prefix"]),
        tenths=nm["tenths"], half=nm["half"],
        tenths_not_before=re.compile("(?:" + alternation(nm["tenths_not_before"]) + ")"),
        approximators=dict(nm["approximators"]),
        range_joiners=tuple(sorted(nm["range_joiners"], key=len, reverse=True)),
        range_not_after=tuple(nm["range_not_after"]), range_not_units=frozenset(nm["range_not_units"]),
        list_joiners=tuple(nm["list_joiners"]), list_cues=tuple(nm["list_cues"]), list_cue_reach=int(nm["list_cue_reach"]),
        more_after_multiple=tuple(sorted(nm["more_after_multiple"], key=len, reverse=True)),
        thousands=frozenset(nm["thousands"]),
        digits_cls=_cls([c for c, v in digit.items() if v]), zeros_cls=_cls(zeros),
        places_cls=_cls(list(place)), mags_cls=_cls(list(mag)), points_cls=_cls(nm["points"]),
        chars=frozenset(digit) | frozenset(place) | frozenset(mag),
    )


@dataclass(frozen=True)
class ProjectRules:
    """rules/projects.toml compiled: stage words, list cutting, what a name is, and matching."""

    stage_of: dict[str, str]              # stage word → stage
    verbs_re: re.Pattern[str]             # every stage word and pattern, longest first
    patterns: tuple[tuple[re.Pattern[str], str], ...]  # (pattern, stage) for words with an object inside
    tail_only: frozenset[str]
    lead_only: frozenset[str]
    weak_lead: frozenset[str]
    etc_re: re.Pattern[str]
    etc_not_re: re.Pattern[str]           # what after 等 says the list is of something else
    etc_named_re: re.Pattern[str]         # what after 等 lets a name without a head noun count
    bad_list_start: tuple[str, ...]
    quoted_heads: tuple[str, ...]
    joiners_re: re.Pattern[str]
    strip_left: str
    drop_left: tuple[str, ...]
    drop_right: tuple[str, ...]
    bad_start: tuple[str, ...]
    bad_inside_re: re.Pattern[str]
    min_len: int
    max_len: int
    heads: tuple[str, ...]
    work_heads: tuple[str, ...]
    place_heads: tuple[str, ...]
    work_words: tuple[str, ...]
    town_re: re.Pattern[str]
    not_heads: tuple[str, ...]
    generic: tuple[str, ...]               # longest first
    alone_min_len: int
    appositive: tuple[str, ...]
    match_drop: tuple[str, ...]
    match_same: tuple[tuple[str, str], ...]          # (kept, other spelling)
    match_types: tuple[tuple[str, str], ...]         # (head, type), longest head first
    match_affix: tuple[str, ...]
    match_works: tuple[str, ...]
    match_opposites: frozenset[frozenset[str]]
    match_misprint_min: int
    match_road_min: int
    match_pair_marks: tuple[str, ...]
    match_road_words: tuple[str, ...]
    match_threshold: float
    match_confidence: dict[str, float]


PROJECT_KEYS: Final = {"stages", "lists", "names", "match"}
STAGES: Final = ("preparing", "signed", "started", "in_progress", "completed", "unknown")


@lru_cache(maxsize=1)
def project_rules() -> ProjectRules:
    """Load and validate rules/projects.toml (an unknown section, a stage word under two stages, a
    list word that is no stage word, or a bad pattern is a ConfigError)."""
    return parse_project_rules(load_rules("projects.toml"), "projects.toml")


def parse_project_rules(raw: dict[str, Any], name: str) -> ProjectRules:
    unknown = set(raw) - PROJECT_KEYS
    if unknown:
        raise ConfigError(f"rules file {name}: unknown section(s) {sorted(unknown)}")
    st, ls, nm, mt = (_need(name, raw, k, "top level") for k in ("stages", "lists", "names", "match"))
    stage_of: dict[str, str] = {}
    for stage in STAGES:
        for w in _need(name, st, stage, "[stages]"):
            if w in stage_of:
                raise ConfigError(f"rules file {name}: [stages] {w!r} is under {stage_of[w]} and {stage}")
            stage_of[w] = stage
    for key in ("tail_only", "lead_only", "weak_lead"):
        for w in st.get(key, []):
            if w not in stage_of:
                raise ConfigError(f"rules file {name}: [stages] {key}: {w!r} is no stage word")
    patterns = []
    for i, p in enumerate(st.get("pattern", [])):
        where = f"[[stages.pattern]] #{i + 1}"
        if p.get("stage") not in STAGES:
            raise ConfigError(f"rules file {name}: {where}: stage must be one of {', '.join(STAGES)}")
        patterns.append((_compile(name, where, _need(name, p, "pattern", where)), p["stage"]))
    verbs = "|".join([p.pattern for p, _ in patterns] + [alternation(list(stage_of))])
    alone = nm.get("alone", {})
    mr = mt.get("rules", {})
    return ProjectRules(
        stage_of=stage_of, verbs_re=_compile(name, "[stages]", verbs), patterns=tuple(patterns),
        tail_only=frozenset(st.get("tail_only", [])), lead_only=frozenset(st.get("lead_only", [])),
        weak_lead=frozenset(st.get("weak_lead", [])),
        etc_re=_compile(name, "[lists] etc", _need(name, ls, "etc", "[lists]")),
        etc_not_re=_compile(name, "[lists] etc_not", ls.get("etc_not", "(?!)")),
        etc_named_re=_compile(name, "[lists] etc_named", _need(name, ls, "etc_named", "[lists]")),
        bad_list_start=tuple(ls.get("bad_list_start", [])),
        quoted_heads=tuple(ls.get("quoted_heads", [])),
        joiners_re=re.compile(alternation(_need(name, ls, "joiners", "[lists]"))),
        strip_left=ls.get("strip_left", ""),
        drop_left=tuple(sorted(ls.get("drop_left", []), key=len, reverse=True)),
        drop_right=tuple(sorted(ls.get("drop_right", []), key=len, reverse=True)),
        bad_start=tuple(ls.get("bad_start", [])),
        bad_inside_re=_compile(name, "[lists] bad_inside", _need(name, ls, "bad_inside", "[lists]")),
        min_len=int(ls.get("min_len", 2)), max_len=int(ls.get("max_len", 30)),
        heads=tuple(sorted(_need(name, nm, "heads", "[names]"), key=len, reverse=True)),
        work_heads=tuple(sorted(nm.get("work_heads", []), key=len, reverse=True)),
        place_heads=tuple(nm.get("place_heads", [])),
        work_words=tuple(sorted(nm.get("work_words", []), key=len, reverse=True)),
        town_re=_compile(name, "[names] town", nm.get("town", "(?!)")),
        not_heads=tuple(nm.get("not_heads", [])),
        generic=tuple(sorted(nm.get("generic", []), key=len, reverse=True)),
        alone_min_len=int(alone.get("min_len", 5)),
        appositive=tuple(alone.get("appositive", ["——"])),
        match_drop=tuple(mt.get("drop", [])),
        match_same=tuple((a, b) for a, b in mt.get("same", [])),
        match_types=tuple(sorted(((h, t) for t, hs in mt.get("types", {}).items() for h in hs),
                                 key=lambda x: len(x[0]), reverse=True)),
        match_affix=tuple(sorted(mr.get("affix", []), key=len, reverse=True)),
        match_works=tuple(sorted(mt.get("works", {}).get("words", []), key=len, reverse=True)),
        match_opposites=frozenset(frozenset(p) for p in mr.get("opposites", [])),
        match_misprint_min=int(mr.get("misprint_min", 6)),
        match_road_min=int(mr.get("road_min", 3)),
        match_pair_marks=tuple(sorted(mr.get("pair_marks", []), key=len, reverse=True)),
        match_road_words=tuple(sorted(mr.get("road_words", []), key=len, reverse=True)),
        match_threshold=float(mr.get("threshold", 0.6)),
        match_confidence=_confidences(name, mt.get("confidence", {})),
    )


_CONFIDENCES: Final = ("equal", "affix", "misprint", "road", "pair")


def _confidences(name: str, raw: dict[str, Any]) -> dict[str, float]:
    out = {}
    for k in _CONFIDENCES:
        v = _need(name, raw, k, "[match.confidence]")
        if not (isinstance(v, (int, float)) and 0 < v <= 1):
            raise ConfigError(f"rules file {name}: [match.confidence] {k}: a number in (0, 1]")
        out[k] = float(v)
    return out


@dataclass(frozen=True)
class TaskMarker:
    name: str
    pattern: re.Pattern[str]   # matched at a line's start (after its indentation)
    rank: int                  # smaller = more major
    heading_only: bool         # the line must be a short heading, no sentence in it


@dataclass(frozen=True)
class InlineMarker:
    name: str
    pattern: re.Pattern[str]   # with a `heading` group
    min_count: int             # so many in a paragraph before any counts (一是 alone is no list)


@dataclass(frozen=True)
class TaskRules:
    """rules/tasks.toml compiled: the markers that open a plan's work areas and tasks."""

    markers: tuple[TaskMarker, ...]
    inline: tuple[InlineMarker, ...]
    skip_with: tuple[str, ...]
    inline_after: str
    break_blank_lines: int
    heading_ends: str
    heading_max: int
    markdown: bool


TASK_KEYS: Final = {"lines", "heading", "markdown", "markers", "inline"}
_MARKER_KEYS: Final = {"name", "pattern", "rank", "heading_only", "examples", "not"}
_INLINE_KEYS: Final = {"name", "pattern", "min_count", "examples", "not"}


@lru_cache(maxsize=1)
def task_rules() -> TaskRules:
    """Load and validate rules/tasks.toml (an unknown key, a bad pattern or rank is a ConfigError)."""
    return parse_task_rules(load_rules("tasks.toml"), "tasks.toml")


def parse_task_rules(raw: dict[str, Any], name: str) -> TaskRules:
    unknown = set(raw) - TASK_KEYS
    if unknown:
        raise ConfigError(f"rules file {name}: unknown section(s) {sorted(unknown)}")
    lines, heading = _need(name, raw, "lines", "top level"), _need(name, raw, "heading", "top level")
    markers = []
    for i, m in enumerate(_need(name, raw, "markers", "top level")):
        where = f"[[markers]] #{i + 1}"
        bad = set(m) - _MARKER_KEYS
        if bad:
            raise ConfigError(f"rules file {name}: {where}: unknown key(s) {sorted(bad)}")
        rank = _need(name, m, "rank", where)
        if not isinstance(rank, int) or isinstance(rank, bool) or rank <= 6:
            raise ConfigError(f"rules file {name}: {where}: rank must be an integer above 6 (1…6 are markdown's)")
        markers.append(TaskMarker(str(_need(name, m, "name", where)), _compile(name, where, _need(name, m, "pattern", where)),
                                  rank, bool(m.get("heading_only", False))))
    inline = []
    for i, m in enumerate(raw.get("inline", [])):
        where = f"[[inline]] #{i + 1}"
        bad = set(m) - _INLINE_KEYS
        if bad:
            raise ConfigError(f"rules file {name}: {where}: unknown key(s) {sorted(bad)}")
        pat = _compile(name, where, _need(name, m, "pattern", where))
        if "heading" not in pat.groupindex:
            raise ConfigError(f"rules file {name}: {where}: the pattern needs a (?P<heading>…) group")
        inline.append(InlineMarker(str(_need(name, m, "name", where)), pat, int(m.get("min_count", 1))))
    max_len = heading.get("max_len", 60)
    blank = lines.get("break_blank_lines", 2)
    if not isinstance(max_len, int) or max_len < 4 or not isinstance(blank, int) or blank < 1:
        raise ConfigError(f"rules file {name}: [heading] max_len >= 4 and [lines] break_blank_lines >= 1 (integers)")
    return TaskRules(tuple(markers), tuple(inline), tuple(lines.get("skip_with", [])),
                     str(lines.get("inline_after", "。；;！？!?：:")), blank,
                     str(heading.get("ends", "。")), max_len, bool(raw.get("markdown", {}).get("enabled", True)))


_WINDOW_MAX: Final = 40  # the longest match a pattern may have to be matched in windows


@lru_cache(maxsize=64)
def _window_plan(pattern: re.Pattern[str]) -> tuple[str, int] | None:
    """(characters every match holds one of, the longest match) of a pattern that reads no character outside its
    match (no lookaround, anchor or backreference) and is short; None for any other."""
    try:
        items = sre.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 (re._parser is internal)
        return None
    width = items.getwidth()[1]
    if pattern.flags & re.IGNORECASE or not 0 < width <= _WINDOW_MAX or not _self_contained(items):
        return None
    g = gate(_alternatives(pattern.pattern))
    return None if g is None else (g.pattern[1:-1].replace("\\", ""), width)


def _self_contained(items: Any) -> bool:
    for op, av in items:
        if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT, sre.GROUPREF, sre.GROUPREF_EXISTS, sre.ATOMIC_GROUP):
            return False
        if op is sre.SUBPATTERN and not _self_contained(av[-1]):
            return False
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and not _self_contained(av[2]):
            return False
        if op is sre.BRANCH and not all(_self_contained(b) for b in av[1]):
            return False
    return True


def windowed_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """What pattern.finditer(text) yields. For a short pattern that reads nothing outside its match and every match
    of which holds one of a few characters (gate), re searches only the windows before those characters (found
    with str.find), each no longer than a match: a pattern opening with common characters (是, 十) is then not
    tried at each of them through the whole text."""
    plan = _window_plan(pattern)
    if plan is None:
        yield from pattern.finditer(text)
        return
    chars, width = plan
    at: list[int] = []
    find = text.find
    for ch in chars:
        i = find(ch)
        while i >= 0:
            at.append(i)
            i = find(ch, i + 1)
    at.sort()
    search = pattern.search
    end = 0  # where the last match ended
    k, n = 0, len(at)
    while k < n:
        a, b = at[k] - width + 1, at[k]  # a match holding the character at b begins in [a, b]
        k += 1
        while k < n and at[k] - width + 1 <= b + 1:
            b = at[k]  # (windows that touch are one)
            k += 1
        pos = max(a, end, 0)
        while pos <= b and (m := search(text, pos, b + width)) is not None and m.start() <= b:
            yield m  # (a match beginning in [pos, b] reads no further than b + width)
            end = pos = m.end()
