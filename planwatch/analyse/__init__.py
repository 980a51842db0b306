"""Pure functions over facts: series, conflicts, corroboration, scorecards, tables, panels.

Nothing here touches the database: callers (services) hand in facts, usually the
rows a SQL filter returned, and get frozen dataclasses with `to_dict()` back.
Any object with the attributes of `FactRow` will do; `planwatch.model.Fact`
qualifies (it has no `id`, which is read with `getattr(f, "id", None)`).

    >>> from planwatch.analyse import scorecard, conflicts, corroboration
"""

from __future__ import annotations

from enum import Enum
from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class FactRow(Protocol):
    """What analyse reads of a fact. `id` is optional: `fact_id(f)` reads it with getattr.

    kind/measure/qualifier may be the model's StrEnums or plain words.
    """

    doc: str
    kind: Any
    indicator: str
    measure: Any
    value: float | None
    unit: str | None
    qualifier: Any
    region: str | None
    period: str | None
    surface: str
    evidence: str
    start: int
    end: int
    tier: str


def fact_id(f: Any) -> int | None:
    """The fact's database id, or None for a plain `Fact`."""
    return getattr(f, "id", None)


_WORDS: dict[Any, str] = {}


def word(v: Any) -> str | None:
    """An enum's word, a string as is, None as None (facts from the store may carry plain str)."""
    if v is None:
        return None
    # Called for every fact: a StrEnum member and its word hash alike, so one dict serves both.
    w = _WORDS.get(v)
    if w is None:
        w = str(v.value) if isinstance(v, Enum) else str(v)
        if len(_WORDS) < 1024:
            _WORDS[v] = w
    return w


def doc_of(f: Any) -> Any:
    """The document a fact comes from, as analyses count documents: its database id when it has
    one (two files may share a name), else its name."""
    d = getattr(f, "document_id", None)
    return f.doc if d is None else d


def is_duplicate(f: Any) -> bool:
    """True for a fact marked as a repeat of an earlier one (the attribute is optional)."""
    return bool(getattr(f, "duplicate", False))


from .conflicts import Conflict, Variant, conflicts, corroboration
from .panel import Panel, build_panel, panel
from .scorecard import ScoreLine, scorecard, summarise
from .series import HEADLINE_INDICATORS, Series, SeriesKey, Source, group, series_key
from .table import PlanTable, build_table, plan_table, to_html, to_markdown
from .units import comparable, is_point_unit, to_base

__all__ = [
    "HEADLINE_INDICATORS",
    "Conflict",
    "FactRow",
    "Panel",
    "PlanTable",
    "ScoreLine",
    "Series",
    "SeriesKey",
    "Source",
    "Variant",
    "build_panel",
    "build_table",
    "comparable",
    "conflicts",
    "corroboration",
    "doc_of",
    "fact_id",
    "group",
    "is_duplicate",
    "is_point_unit",
    "panel",
    "plan_table",
    "scorecard",
    "series_key",
    "summarise",
    "to_base",
    "to_html",
    "to_markdown",
    "word",
]
