"""Reads planwatch/rules/analyse.toml: series joining, counted units, the quality bar.

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
}


@dataclass(frozen=True, slots=True)
class Quality:
    min_length: int
    max_length: int
    bad_start: tuple[str, ...]
    bad_end: tuple[str, ...]
    bad_contains: tuple[str, ...]
    amount_words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AnalyseRules:
    percent_is_growth: frozenset[str]
    count_units: frozenset[str]
    quality: Quality


def _check(data: dict[str, Any], path: Path) -> None:
    for table, value in data.items():
        if table not in _KEYS or not isinstance(value, dict):
            raise ConfigError(f"{path.name}: unknown table [{table}]")
        for key, v in value.items():
            want = _KEYS[table].get(key)
            if want is None:
                raise ConfigError(f"{path.name}: unknown key {key!r} in [{table}]")
            if not isinstance(v, want) or (isinstance(v, list) and not all(isinstance(x, str) and x for x in v)):
                raise ConfigError(f"{path.name}: [{table}] {key} must be "
                                  + ("a list of words" if want is list else "a whole number"))


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
    )
