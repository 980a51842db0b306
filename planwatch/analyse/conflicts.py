"""Conflicts (documents state different figures) and corroboration (documents agree).

Two documents agree on a series (indicator, region, period, kind, measure) when
they state the same figure, allowing only for the rounding their written digits
show (agree.py): 498.5亿元 and 498.53亿元 agree; 498.5亿元 and 508.7亿元 do not,
nor do 190家 and 186家. Every disagreement is a conflict; no tolerance makes two
different numbers agree, and corroboration never calls them confirmed.

A conflict's `severity` says how much it matters:

* `major` when the spread exceeds `points` percentage points for rates (%,
  个百分点, 基点, ‰, rank 位), or `relative` (a fraction of the larger value) for
  amounts (亿元, 吨, 亩 …); counts (个, 家, 项, 人 …) differ when they differ, so a
  conflict on a count is always major;
* `minor` otherwise (5.70% vs 5.74% written to two decimals; 498.5 vs 508.7亿元).

Major conflicts are listed first, then minor ones, each in scorecard order.
Duplicates (duplicate=True) are left out, and a document counts once however
often it repeats a figure: only different documents are independent. Units
that are not comparable (个 vs 家, 倍 vs %) are compared within each unit only.

    >>> from planwatch.model import Fact
    >>> def f(doc, v): return Fact(doc=doc, start=0, end=1, surface=f"{v}%", kind="actual",
    ...     indicator="地方一般公共预算收入", measure="growth", value=v, unit="%",
    ...     qualifier="exact", region="云岭市", period="2024")
    >>> [(c.spread, c.severity) for c in conflicts([f("a", 1.5), f("b", 1.0)])]
    [(0.5, 'major')]
    >>> [s.status for s in corroboration([f("a", 1.5), f("b", 1.5)])]
    ['confirmed']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from . import doc_of, word
from .agree import clusters, disagree
from .rules import load as load_rules
from .series import (
    DocOrder,
    Series,
    SeriesKey,
    Source,
    _neg,
    bounds,
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

    @property
    def surface_text(self) -> str:
        """The figure as its latest source wrote it (190家, 7.2%)."""
        return "".join((self.sources[0].surface if self.sources else "").split())

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "unit": self.unit, "qualifier": self.qualifier,
                "docs": list(self.docs), "sources": [s.to_dict() for s in self.sources]}


@dataclass(frozen=True, slots=True)
class Conflict:
    """A series on which documents disagree; `variants` from the smallest value up."""

    key: SeriesKey
    unit: str                     # the base unit values were compared in
    rule: str                     # how severity was judged: "points", "relative" or "count"
    spread: float                 # how far apart, in spread_unit
    spread_unit: str | None       # 个百分点 for %, else the unit of the latest variant (亿元, 个)
    severity: str                 # "major" or "minor" (module docstring)
    variants: tuple[Variant, ...]

    @property
    def sources(self) -> tuple[Source, ...]:
        return tuple(s for v in self.variants for s in v.sources)

    @property
    def docs(self) -> tuple[str, ...]:
        return tuple(sorted({s.doc for s in self.sources}))

    def to_dict(self) -> dict[str, Any]:
        return {**self.key.to_dict(), "unit": self.unit, "rule": self.rule, "severity": self.severity,
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


def _severity(pool: list[Any], unit: str, points: float, relative: float) -> tuple[str, str]:
    """(rule, severity) of a disagreement among `pool` (one base unit)."""
    if is_point_unit(unit):
        rule, limit = "points", points
    elif unit in load_rules().count_units:
        return "count", "major"
    else:
        rule, limit = "relative", relative
    bs = [b for b in (bounds(f) for f in pool) if b is not None]
    gap = max(b[0] for b in bs) - min(b[1] for b in bs)
    if rule == "relative":
        scale = max(abs(x) for b in bs for x in b[:2] if abs(x) != float("inf"))
        gap = gap / scale if scale else 0.0
    return rule, ("major" if gap > limit + 1e-9 else "minor")


def conflicts(facts: Iterable[Any], *, points: float = 0.05, relative: float = 0.05,
              doc_order: DocOrder | None = None) -> list[Conflict]:
    """Every series on which two or more documents state different figures (rule above),
    major ones first, each group sorted like a scorecard (headline indicators first, then by
    first mention). `doc_order` (document → date or ingest id) orders sources within a
    variant, latest first.
    """
    facts = list(facts)
    out: dict[SeriesKey, list[Conflict]] = defaultdict(list)
    for key, fs in group(facts).items():
        by_unit: dict[str, list[Any]] = defaultdict(list)
        for f in fs:
            if f.value is not None:
                by_unit[base_unit(f.unit)].append(f)
        for unit, pool in by_unit.items():
            if len({doc_of(f) for f in pool}) < 2 or not disagree(pool):
                continue
            variants = []
            for c in clusters(pool):
                c = sorted(c, key=lambda f: (doc_key(doc_of(f), doc_order), -f.start), reverse=True)
                top = c[0]
                variants.append(Variant(value=top.value, unit=top.unit, qualifier=word(top.qualifier),
                                        docs=tuple(dict.fromkeys(f.doc for f in c)),
                                        sources=tuple(Source.of(f) for f in c)))
            latest_doc = {v.docs[0]: max(doc_key(doc_of(f), doc_order) for f in pool if f.doc == v.docs[0])
                          for v in variants}
            latest = max(variants, key=lambda v: latest_doc[v.docs[0]])
            spread, spread_unit = _spread(pool, latest.unit)
            rule, severity = _severity(pool, unit, points, relative)
            out[key].append(Conflict(key=key, unit=unit, rule=rule, spread=spread, spread_unit=spread_unit,
                                     severity=severity, variants=tuple(variants)))
    ordered = [c for k in _sorted_keys(out, facts) for c in out[k]]
    return [c for c in ordered if c.severity == "major"] + [c for c in ordered if c.severity != "major"]


def corroboration(facts: Iterable[Any], *, doc_order: DocOrder | None = None) -> list[Series]:
    """Every series with the number of independent documents stating it and agreeing.

    status is `single-source`, `confirmed` (≥ 2 documents, all stating the same figure),
    `conflicting` (two documents state different figures) or `incomparable` (documents state
    it in units that cannot be compared, 112个 and 327.81亿元: one of them is misread); the
    value shown is `series.pick`'s choice.
    """
    facts = list(facts)
    out: dict[SeriesKey, Series] = {}
    for key, fs in group(facts).items():
        p = pick(fs, doc_order=doc_order)
        if p is None:
            continue
        n_docs = len({doc_of(f) for f in fs})
        if n_docs == 1:
            status = "single-source"
        elif p.conflicting:
            status = "conflicting"
        elif p.fact.value is not None and any(f.value is not None and base_unit(f.unit) != base_unit(p.fact.unit)
                                              for f in fs):
            status = "incomparable"   # it is also stated in a unit that cannot be compared (个 vs 亿元)
        else:
            status = "confirmed"
        ordered = sorted(fs, key=lambda f: (f is not p.fact, _neg_doc(f, doc_order), f.start))
        out[key] = Series(key=key, value=p.fact.value, unit=p.fact.unit, qualifier=word(p.fact.qualifier),
                          n_docs=n_docs, n_agreeing=p.n_agreeing if p.fact.value is not None else n_docs,
                          status=status, sources=tuple(Source.of(f) for f in ordered))
    return [out[k] for k in _sorted_keys(out, facts)]


def _neg_doc(f: Any, doc_order: DocOrder | None) -> Any:
    return _neg(doc_key(doc_of(f), doc_order))
