"""Reads planwatch/rules/directions.toml: which way is better, and relation references.

    >>> lower_is_better("城镇调查失业率", "level")
    True
    >>> lower_is_better("降低企业用能成本", "level")
    False
    >>> lower_is_better("地区生产总值", "growth")
    False
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ConfigError

RULES_FILE = Path(__file__).resolve().parent.parent / "rules" / "directions.toml"


@dataclass(frozen=True, slots=True)
class RelationRule:
    """What a relation target (居民收入增幅高于经济增长) compares with."""

    words: tuple[str, ...]
    indicator: str            # "same" or a canonical indicator
    measure: str | None       # None: read from the words
    region: str               # "same", "parent" or a region name


@dataclass(frozen=True, slots=True)
class Directions:
    lower_names: frozenset[str]
    higher_names: frozenset[str]
    lower_words: tuple[str, ...]
    higher_words: tuple[str, ...]
    lower_measures: frozenset[str]
    relations: tuple[RelationRule, ...]


def _strs(table: dict[str, Any], key: str) -> tuple[str, ...]:
    v = table.get(key, [])
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise ConfigError(f"{RULES_FILE.name}: {key} must be a list of strings")
    return tuple(v)


@lru_cache(maxsize=4)
def load(path: Path = RULES_FILE) -> Directions:
    """Parse the rules file once (cached); a malformed file raises ConfigError."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"{path}: {e}") from e
    low = data.get("lower_is_better", {})
    high = data.get("higher_is_better", {})
    rels = []
    for r in data.get("relation", []):
        if not r.get("words"):
            raise ConfigError(f"{path.name}: a [[relation]] needs words")
        rels.append(RelationRule(words=_strs(r, "words"), indicator=r.get("indicator", "same"),
                                 measure=r.get("measure"), region=r.get("region", "same")))
    return Directions(
        lower_names=frozenset(_strs(low, "indicators")), higher_names=frozenset(_strs(high, "indicators")),
        lower_words=_strs(low, "contains"), higher_words=_strs(high, "contains"),
        lower_measures=frozenset(_strs(low, "measures")), relations=tuple(rels),
    )


def lower_is_better(indicator: str, measure: str | None, rules: Directions | None = None) -> bool:
    """True when a smaller actual is the better one (see the order in directions.toml)."""
    d = rules or load()
    if indicator in d.lower_names:
        return True
    if indicator in d.higher_names:
        return False
    if any(w in indicator for w in d.higher_words):
        return False
    if any(w in indicator for w in d.lower_words):
        return True
    return (measure or "") in d.lower_measures


_GROWTH_WORDS = ("增幅", "增速", "增长", "涨幅")
_RELATION_WORDS = ("高于", "低于", "快于", "慢于", "优于", "不低于", "不高于", "超过", "跑赢")


@dataclass(frozen=True, slots=True)
class Reference:
    """A relation target read: compare `measure` of the subject with `indicator` in `region`."""

    indicator: str
    measure: str
    region: str               # "same", "parent" or a name
    words: str                # the words matched, e.g. 经济增长


def _split(text: str) -> tuple[str, str]:
    """(subject words, reference words) around the first relation word."""
    best = -1
    for w in _RELATION_WORDS:
        i = text.find(w)
        if i >= 0 and (best < 0 or i < best):
            best, bw = i, w
    if best < 0:
        return "", text
    return text[:best], text[best + len(bw):]


def reference(surface: str, evidence: str = "", rules: Directions | None = None) -> Reference | None:
    """What a relation target compares with, read from its surface, else its evidence.

    >>> reference("居民收入增幅高于经济增长")
    Reference(indicator='地区生产总值', measure='growth', region='same', words='经济增长')
    >>> reference("城镇调查失业率低于全省平均水平").region
    'parent'
    """
    d = rules or load()
    surface = "".join(surface.split())
    evidence = "".join(evidence.split())
    texts = [surface]
    if evidence:
        # In the evidence, read only the clause that holds the surface, if it is there.
        i = evidence.find(surface) if surface else -1
        clause = evidence[i:] if i >= 0 else evidence
        for stop in "，。；,;":
            j = clause.find(stop, len(surface) if i >= 0 else 0)
            if j >= 0:
                clause = clause[:j]
        texts.append(clause)
    for text in texts:
        subject, ref = _split(text)
        for rule in d.relations:
            hit = next((w for w in rule.words if w in ref or (not subject and w in text)), None)
            if hit is None:
                continue
            measure = rule.measure or ("growth" if any(w in subject for w in _GROWTH_WORDS) else "level")
            return Reference(indicator=rule.indicator, measure=measure, region=rule.region, words=hit)
    return None
