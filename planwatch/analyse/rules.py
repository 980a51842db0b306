"""Reads planwatch/rules/analyse.toml: series joining, counted units, the quality bar, the follow-up.

A malformed file, an unknown key or a list that is not a list of words raises ConfigError.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ConfigError

RULES_FILE = Path(__file__).resolve().parent.parent / "rules" / "analyse.toml"

_KEYS: dict[str, dict[str, type]] = {
    "series": {"percent_is_growth": list},
    "conflicts": {"count_units": list},
    "quality": {"min_length": int, "max_length": int, "bad_start": list, "bad_end": list,
                "bad_contains": list, "amount_words": list},
    "followup": {"order": list, "rank": dict, "done": list, "unknown_promise": str, "contradicted": list,
                 "sure": float},
}
# the stages a project mention may have (planwatch/rules/projects.toml; `unknown` is no progress)
PROGRESS = ("preparing", "signed", "started", "in_progress", "completed")


@dataclass(frozen=True, slots=True)
class Quality:
    min_length: int
    max_length: int
    bad_start: tuple[str, ...]
    bad_end: tuple[str, ...]
    bad_contains: tuple[str, ...]
    amount_words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FollowRules:
    order: tuple[str, ...]                  # how far a project got, least to most
    rank: dict[str, int]                    # a report against a promise: equal ranks are on a par
    done: frozenset[str]
    unknown_promise: str                    # what a promise without a stage expects
    contradicted: frozenset[frozenset[str]]  # two reports' stages that cannot both hold
    sure: float                             # a tie below this confidence is for a person to confirm


@dataclass(frozen=True, slots=True)
class AnalyseRules:
    percent_is_growth: frozenset[str]
    count_units: frozenset[str]
    quality: Quality
    followup: FollowRules


def _check(data: dict[str, Any], path: Path) -> None:
    for table, value in data.items():
        if table not in _KEYS or not isinstance(value, dict):
            raise ConfigError(f"{path.name}: unknown table [{table}]")
        for key, v in value.items():
            want = _KEYS[table].get(key)
            if want is None:
                raise ConfigError(f"{path.name}: unknown key {key!r} in [{table}]")
            if table == "followup":
                continue  # checked whole by _follow_rules
            if not isinstance(v, want) or (isinstance(v, list) and not all(isinstance(x, str) and x for x in v)):
                raise ConfigError(f"{path.name}: [{table}] {key} must be "
                                  + ("a list of words" if want is list else "a whole number"))


def _follow_rules(fu: dict[str, Any], path: Path) -> FollowRules:
    """[followup]: every stage named is a stage of progress; ranks are integers; sure is in (0, 1]."""
    def fail(what: str) -> ConfigError:
        return ConfigError(f"{path.name}: [followup] {what}")
    order = tuple(fu.get("order", PROGRESS))
    rank = fu.get("rank", {s: i for i, s in enumerate(order)})
    pairs = fu.get("contradicted", [])
    if not isinstance(rank, dict) or set(rank) != set(order) or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in rank.values()):
        raise fail("rank: a whole number for each stage of `order`")
    if not isinstance(pairs, list) or not all(isinstance(p, list) and len(p) == 2 for p in pairs):
        raise fail("contradicted: a list of pairs of stages")
    done = fu.get("done", ["completed"])
    unknown = fu.get("unknown_promise", "in_progress")
    named = set(order) | set(done) | {unknown} | {s for p in pairs for s in p}
    if not named <= set(PROGRESS):
        raise fail(f"names {sorted(named - set(PROGRESS))}: not stages ({', '.join(PROGRESS)})")
    sure = fu.get("sure", 0.9)
    if isinstance(sure, bool) or not isinstance(sure, (int, float)) or not 0 < sure <= 1:
        raise fail("sure: a number in (0, 1]")
    return FollowRules(order, dict(rank), frozenset(done), unknown, frozenset(frozenset(p) for p in pairs),
                       float(sure))


@lru_cache(maxsize=4)
def load(path: Path = RULES_FILE) -> AnalyseRules:
    """Parse the rules file once (cached)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"{path}: {e}") from e
    _check(data, path)
    q = data.get("quality", {})
    return AnalyseRules(
        percent_is_growth=frozenset(data.get("series", {}).get("percent_is_growth", ())),
        count_units=frozenset(data.get("conflicts", {}).get("count_units", ())),
        quality=Quality(min_length=int(q.get("min_length", 2)), max_length=int(q.get("max_length", 20)),
                        bad_start=tuple(q.get("bad_start", ())), bad_end=tuple(q.get("bad_end", ())),
                        bad_contains=tuple(q.get("bad_contains", ())),
                        amount_words=tuple(q.get("amount_words", ()))),
        followup=_follow_rules(data.get("followup", {}), path),
    )
