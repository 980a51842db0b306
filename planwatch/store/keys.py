"""The series key of a fact as stored: analyse's (indicator, region, period, kind, measure),
joined into one indexed string (the facts table's `series` column)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=65536)  # ingest asks for the same few keys hundreds of times a document
def series_of(indicator: str, region: str | None, period: str | None, kind: Any, measure: Any,
              unit: str | None = None) -> str:
    """The series key as analyse forms it (indicator, region, period, kind, measure),
    joined into one indexed string."""
    from ..analyse.series import series_key
    k = series_key(_KeyProbe(indicator, region, period, kind, measure, unit))
    return "\x1f".join("" if v is None else str(v) for v in (k.indicator, k.region, k.period, k.kind, k.measure))


@dataclass(frozen=True, slots=True)
class _KeyProbe:
    indicator: str
    region: str | None
    period: str | None
    kind: Any
    measure: Any
    unit: str | None


