"""Conflicts (documents disagree on a figure) and corroboration (documents agree).

The rule: facts of one series (indicator, region, period, kind, measure) from
two or more documents conflict when their values, in base units, cannot all
hold within `tolerance`:

* for %, 个百分点 (and 基点, ‰, rank 位) the tolerance is absolute, in points:
  1.5% and 1% differ by 0.5 > 0.05 → conflict;
* for amounts and counts it is relative to the larger value:
  508.7亿元 vs 498.5亿元 differ by 2% ≤ 5% → agree; 260个 vs 167个 → conflict;
* 以上/以内 are read as bounds: 230多个 and 260个 agree.

Duplicates (duplicate=True) are left out, and a document counts once however
often it repeats a figure: only different documents are independent.
Series whose units are not comparable (个 vs 家, 倍 vs %) are compared within
each unit only. Each pass is O(n) with dicts (a sort within each series).

    >>> from planwatch.model import Fact
    >>> def f(doc, v): return Fact(doc=doc, start=0, end=1, surface=f"{v}%", kind="actual",
    ...     indicator="地方一般公共预算收入", measure="growth", value=v, unit="%",
    ...     qualifier="exact", region="云岭市", period="2024")
    >>> [c.spread for c in conflicts([f("a", 1.5), f("b", 1.0)])]
    [0.5]
    >>> [s.status for s in corroboration([f("a", 1.5), f("b", 1.5)])]
    ['confirmed']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from . import word
from .series import (
    DocOrder,
    Series,
    SeriesKey,
    Source,
    _neg,
    bounds,
    clusters,
    disagree,
    doc_key,
    first_seen,
    group,
    indicator_sort_key,
    measure_rank,
    pick,
)
from .units import base_unit, convert, is_point_unit


@dataclass(frozen=True, slots=True)
class Variant:
    """One of the figures in a conflict, with every document that states it."""

    value: float
    unit: str | None
    qualifier: str | None
    docs: tuple[str, ...]
    sources: tuple[Source, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "unit": self.unit, "qualifier": self.qualifier,
                "docs": list(self.docs), "sources": [s.to_dict() for s in self.sources]}


@dataclass(frozen=True, slots=True)
class Conflict:
    """A series on which documents disagree; `variants` from the smallest value up."""

    key: SeriesKey
    unit: str                     # the base unit values were compared in
    rule: str                     # "absolute" (points) or "relative"
    spread: float                 # how far apart, in spread_unit
    spread_unit: str | None       # 个百分点 for %, else the unit of the latest variant (亿元, 个)
    variants: tuple[Variant, ...]

    @property
    def sources(self) -> tuple[Source, ...]:
        return tuple(s for v in self.variants for s in v.sources)

    @property
    def docs(self) -> tuple[str, ...]:
        return tuple(sorted({s.doc for s in self.sources}))

    def to_dict(self) -> dict[str, Any]:
        return {**self.key.to_dict(), "unit": self.unit, "rule": self.rule,
                "spread": self.spread, "spread_unit": self.spread_unit, "values": [v.value for v in self.variants],
                "docs": list(self.docs), "variants": [v.to_dict() for v in self.variants]}


def _spread(facts: list[Any], unit: str | None) -> tuple[float, str | None]:
    """How far apart the facts are (max of lows − min of highs), in `unit` (points for %)."""
    los, his = [], []
    for f in facts:
        b = bounds(f)
        if b is not None:
            los.append(b[0])
            his.append(b[1])
    base = max(los) - min(his)
    if base_unit(unit) == "%":
        return round(base, 9), "个百分点"
    return round(convert(base, base_unit(unit), unit) or base, 9), unit


def _sorted_keys(keys: Iterable[SeriesKey], facts: list[Any]) -> list[SeriesKey]:
    ind = indicator_sort_key(first_seen(facts))
    return sorted(keys, key=lambda k: (ind(k.indicator), k.region or "", k.period or "", k.kind,
                                       measure_rank(k.measure), k.measure))


def conflicts(facts: Iterable[Any], *, tolerance: float = 0.05,
              doc_order: DocOrder | None = None) -> list[Conflict]:
    """Every series on which two or more documents disagree beyond `tolerance` (rule above).

    Sorted like a scorecard: headline indicators first, then by first mention.
    `doc_order` (doc → date or ingest id) orders sources within a variant, latest first.
    """
    facts = list(facts)
    out: dict[SeriesKey, list[Conflict]] = defaultdict(list)
    for key, fs in group(facts).items():
        by_unit: dict[str, list[Any]] = defaultdict(list)
        for f in fs:
            if f.value is not None:
                by_unit[base_unit(f.unit)].append(f)
        for unit, pool in by_unit.items():
            if len({f.doc for f in pool}) < 2 or not disagree(pool, tolerance):
                continue
            variants = []
            for c in clusters(pool, tolerance):
                c = sorted(c, key=lambda f: (doc_key(f.doc, doc_order), -f.start), reverse=True)
                top = c[0]
                variants.append(Variant(value=top.value, unit=top.unit, qualifier=word(top.qualifier),
                                        docs=tuple(dict.fromkeys(f.doc for f in c)),
                                        sources=tuple(Source.of(f) for f in c)))
            latest = max(variants, key=lambda v: doc_key(v.docs[0], doc_order))
            spread, spread_unit = _spread(pool, latest.unit)
            out[key].append(Conflict(key=key, unit=unit,
                                     rule="absolute" if is_point_unit(unit) else "relative",
                                     spread=spread, spread_unit=spread_unit, variants=tuple(variants)))
    return [c for k in _sorted_keys(out, facts) for c in out[k]]


def corroboration(facts: Iterable[Any], *, tolerance: float = 0.05,
                  doc_order: DocOrder | None = None) -> list[Series]:
    """Every series with the number of independent documents stating it and agreeing.

    status is `single-source`, `confirmed` (≥ 2 documents, no disagreement) or
    `conflicting`; the value shown is `series.pick`'s choice.
    """
    facts = list(facts)
    out: dict[SeriesKey, Series] = {}
    for key, fs in group(facts).items():
        p = pick(fs, doc_order=doc_order, tolerance=tolerance)
        if p is None:
            continue
        n_docs = len({f.doc for f in fs})
        status = "single-source" if n_docs == 1 else ("conflicting" if p.conflicting else "confirmed")
        ordered = sorted(fs, key=lambda f: (f is not p.fact, _neg_doc(f, doc_order), f.start))
        out[key] = Series(key=key, value=p.fact.value, unit=p.fact.unit, qualifier=word(p.fact.qualifier),
                          n_docs=n_docs, n_agreeing=p.n_agreeing if p.fact.value is not None else n_docs,
                          status=status, sources=tuple(Source.of(f) for f in ordered))
    return [out[k] for k in _sorted_keys(out, facts)]


def _neg_doc(f: Any, doc_order: DocOrder | None) -> Any:
    return _neg(doc_key(f.doc, doc_order))
