"""Scorecard: every target beside the result for the same indicator, region, period and measure.

Verdicts (`met`, `missed`, `unknown`, `partly`) by the target's qualifier; `a` is
the actual converted to the target's unit, `t` the target:

* about (左右, 约): for %, 个百分点 (and 基点, ‰, 位) met when |a−t| ≤
  `tolerance_points`; for amounts and counts when |a−t| ≤ `tolerance_relative`·|t|
  (default 2%: 1000亿元左右 is met by 980亿元). Doing better than the target
  (above it, or below it for a lower-is-better indicator) is met as well.
* at_least (以上, 突破) met when a ≥ t; at_most (以内, 不超过) when a ≤ t, on
  signed values: 下降5%以上 is −5 at_most, met by −6.
* exact (no qualifier): a ≥ t, or a ≤ t when lower is better; which way is
  better is data in planwatch/rules/directions.toml (失业率, 居民消费价格,
  能耗, 成本, ranks …; words that name the reduction itself such as 降低/节约
  keep "higher is better").
* relation (居民收入增幅高于经济增长): judged from the actuals of both sides, e.g.
  居民人均可支配收入 growth vs 地区生产总值 growth for the same region and period;
  a comparison with 全省/全市平均 needs the caller's `parents` mapping
  (云岭市 → 滇南省) and that region's actual, else `unknown`. An actual stated as
  a relation itself (城镇调查失业率低于全省平均) settles it directly.
* unknown: no comparable actual (yet).
* partly: an indicator with several target parts for one region and period (a
  growth and a level, or two figures in one document) where some parts are met
  and others missed or unknown. Each part is one ScoreLine: `part_verdict` is
  its own verdict, `verdict` the indicator's, so a table row never hides a part.

Several statements of one target or actual are resolved by `series.pick`: the
figure most documents state; on a tie, the latest document (by `doc_order`,
document → date or ingest id; else the document name). `conflicting` is set when
documents state different actuals (agree.py: only rounding is allowed for), and
`target_conflicting` when documents state the target differently. A target stated
as a growth in prose and as a level in % in a plan table is one target
(series.series_measure). The actual's
own qualifier (230多个) is not used: its value is taken as stated.

    >>> from planwatch.model import Fact
    >>> def f(kind, v, q="exact"): return Fact(doc="a", start=0, end=1, surface="", kind=kind,
    ...     indicator="地区生产总值", measure="growth", value=v, unit="%", qualifier=q,
    ...     region="云岭市", period="2024")
    >>> [(l.verdict, l.gap) for l in scorecard([f("target", 6.0, "about"), f("actual", 5.6)])]
    [('met', -0.4)]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from . import doc_of, is_duplicate, word
from .directions import Reference, lower_is_better, reference
from .format import fact_text
from .series import (
    DocOrder,
    Pick,
    Source,
    doc_key,
    first_seen,
    indicator_sort_key,
    measure_rank,
    norm_indicator,
    pick,
    series_measure,
)
from .units import base_unit, convert, is_point_unit, to_base

MET, MISSED, UNKNOWN, PARTLY = "met", "missed", "unknown", "partly"
VERDICTS: tuple[str, ...] = (MET, MISSED, UNKNOWN, PARTLY)
_EPS = 1e-9


@dataclass(frozen=True, slots=True)
class ScoreLine:
    """One target part with its actual, verdict, gap and the sources of both sides."""

    indicator: str
    region: str | None
    period: str | None
    measure: str
    tier: str
    target_value: float | None
    target_unit: str | None
    target_qualifier: str
    target_text: str
    actual_value: float | None       # as stated by the picked actual, in its own unit
    actual_unit: str | None
    actual_qualifier: str | None
    actual_text: str | None
    verdict: str                     # the indicator's: met / missed / unknown / partly
    part_verdict: str                # this part's: met / missed / unknown
    part: int                        # 1-based index of this part …
    parts: int                       # … among the indicator's target parts
    gap: float | None                # actual − target, in gap_unit
    gap_unit: str | None             # 个百分点 for %, else the target's unit
    conflicting: bool                # the actuals disagree between documents
    target_conflicting: bool         # documents state the target differently
    reference: str | None            # relations: what the actual was compared with
    note: str
    target_sources: tuple[Source, ...]
    actual_sources: tuple[Source, ...]   # the picked actual first

    def to_dict(self) -> dict[str, Any]:
        d = {name: getattr(self, name) for name in self.__slots__}
        d["target_sources"] = [s.to_dict() for s in self.target_sources]
        d["actual_sources"] = [s.to_dict() for s in self.actual_sources]
        return d

    def to_row(self) -> dict[str, Any]:
        """Flat, for CSV/XLSX/tables: sources become `doc: surface; …`."""
        d = self.to_dict()
        d["target_sources"] = "; ".join(f"{s.doc}: {s.surface}" for s in self.target_sources)
        d["actual_sources"] = "; ".join(f"{s.doc}: {s.surface}" for s in self.actual_sources)
        return d


def summarise(lines: Iterable[ScoreLine]) -> dict[str, int]:
    """Verdict counts per indicator (not per part): {'met': 3, 'missed': 2, …}."""
    seen: dict[tuple[Any, ...], str] = {}
    for ln in lines:
        seen[(ln.indicator, ln.region, ln.period)] = ln.verdict
    counts = dict.fromkeys(VERDICTS, 0)
    for v in seen.values():
        counts[v] += 1
    return counts


@dataclass(frozen=True, slots=True)
class _Part:
    fact: Any                        # the statement shown
    sources: tuple[Any, ...]         # every fact stating it
    conflicting: bool


@dataclass(frozen=True, slots=True)
class _Judgement:
    verdict: str
    actual: Any | None = None
    gap: float | None = None
    gap_unit: str | None = None
    conflicting: bool = False
    reference: str | None = None
    note: str = ""
    sources: tuple[Any, ...] = ()


def _statement(f: Any) -> tuple[Any, ...]:
    v, unit = to_base(f.value, f.unit)
    return (None if v is None else round(v, 9), unit, word(f.qualifier))


def _target_parts(facts: list[Any], doc_order: DocOrder | None) -> list[_Part]:
    """The target's parts: the set of statements most documents make (tie: latest document)."""
    by_doc: dict[Any, dict[tuple[Any, ...], Any]] = defaultdict(dict)
    everyone: dict[tuple[Any, ...], list[Any]] = defaultdict(list)
    for f in facts:
        st = _statement(f)
        by_doc[doc_of(f)].setdefault(st, f)
        everyone[st].append(f)
    sets: dict[frozenset[tuple[Any, ...]], list[Any]] = defaultdict(list)
    for doc, sts in by_doc.items():
        sets[frozenset(sts)].append(doc)
    chosen, docs = max(sets.items(), key=lambda kv: (len(kv[1]), max(doc_key(d, doc_order) for d in kv[1])))
    latest = max(docs, key=lambda d: doc_key(d, doc_order))
    conflicting = len(sets) > 1
    parts = []
    for st in sorted(chosen, key=lambda s: (s[0] is None, s[0] or 0.0, s[1], s[2] or "")):
        # latest document first, then in text order (two stable sorts)
        srcs = sorted(everyone[st], key=lambda f: f.start)
        srcs.sort(key=lambda f: doc_key(doc_of(f), doc_order), reverse=True)
        parts.append(_Part(fact=by_doc[latest][st], sources=tuple(srcs), conflicting=conflicting))
    return parts


def _gap_unit(unit: str | None) -> str | None:
    return "个百分点" if base_unit(unit) == "%" else unit


def _judge_value(t: Any, p: Pick, *, lower: bool, tol_points: float, tol_rel: float) -> _Judgement:
    a = p.fact
    a_val = convert(a.value, a.unit, t.unit)
    assert a_val is not None  # pick() was asked for a comparable unit
    tv = float(t.value)
    gap = round(a_val - tv, 6)
    q = word(t.qualifier) or "exact"
    better = gap < 0 if lower else gap > 0
    if q == "about":
        tol = tol_points if is_point_unit(t.unit) else tol_rel * abs(tv)
        ok = abs(gap) <= tol + _EPS or better
        why = f"within ±{tol:g}" if abs(gap) <= tol + _EPS else ("better than the target" if ok else f"beyond ±{tol:g}")
    elif q in ("at_least", "above"):
        ok = a_val >= tv - _EPS if q == "at_least" else a_val > tv + _EPS
        why = "at least the target" if ok else "below the floor"
    elif q in ("at_most", "below"):
        ok = a_val <= tv + _EPS if q == "at_most" else a_val < tv - _EPS
        why = "within the ceiling" if ok else "above the ceiling"
    else:
        ok = gap <= _EPS if lower else gap >= -_EPS
        why = ("lower is better: " if lower else "") + ("reached" if ok else "not reached")
    return _Judgement(MET if ok else MISSED, actual=a, gap=gap, gap_unit=_gap_unit(t.unit),
                      conflicting=p.conflicting, note=why, sources=(a, *_rest(p)))


def _rest(p: Pick) -> tuple[Any, ...]:
    return tuple(f for f in (*p.agreeing, *p.others) if f is not p.fact)


class _Index:
    """Actuals by (indicator, region, period, measure): one dict, built once (O(n))."""

    def __init__(self, actuals: Iterable[Any]) -> None:
        self.by: dict[tuple[Any, ...], list[Any]] = defaultdict(list)
        for f in actuals:
            self.by[(norm_indicator(f.indicator), f.region, _period(f.period), series_measure(f))].append(f)

    def get(self, indicator: str, region: str | None, period: str | None, measure: str) -> list[Any]:
        return self.by.get((indicator, region, period, measure), [])


def _period(p: Any) -> str | None:
    return None if p is None else str(p)


def _judge_relation(t: Any, idx: _Index, *, parents: Mapping[str, str] | None,
                    doc_order: DocOrder | None) -> _Judgement:
    ind, region, period, q = norm_indicator(t.indicator), t.region, _period(t.period), word(t.qualifier)
    stated = [a for a in idx.get(ind, region, period, "relation") if word(a.qualifier) in (q, _OPPOSITE.get(q or ""))]
    if stated:
        p = pick(stated, doc_order=doc_order)
        assert p is not None
        same = word(p.fact.qualifier) == q
        return _Judgement(MET if same else MISSED, actual=p.fact, sources=(p.fact, *_rest(p)),
                          note="reported as a relation" + ("" if same else " the other way"))
    if q not in ("above", "below"):
        return _Judgement(UNKNOWN, note="not measurable from figures")
    ref: Reference | None = reference(t.surface, getattr(t, "evidence", "") or "")
    if ref is None:
        return _Judgement(UNKNOWN, note="cannot tell what it is compared with")
    ref_ind = ind if ref.indicator == "same" else ref.indicator
    if ref.region == "same":
        ref_region: str | None = region
    elif ref.region == "parent":
        ref_region = (parents or {}).get(region or "")
        if ref_region is None:
            return _Judgement(UNKNOWN, reference=f"{ref_ind} {ref.words}",
                              note=f"no figure for the region above {region} ({ref.words})")
    else:
        ref_region = ref.region
    label = f"{ref_ind}|{ref.measure} {ref_region}"
    subj = pick(idx.get(ind, region, period, ref.measure), doc_order=doc_order)
    if subj is None:
        return _Judgement(UNKNOWN, reference=label, note=f"no actual for {ind} ({ref.measure})")
    other = pick(idx.get(ref_ind, ref_region, period, ref.measure), doc_order=doc_order, unit=subj.fact.unit)
    if other is None:
        return _Judgement(UNKNOWN, reference=label, sources=(subj.fact,),
                          note=f"no actual for {ref_ind} in {ref_region}")
    s_val = to_base(subj.fact.value, subj.fact.unit)[0]
    r_val = to_base(other.fact.value, other.fact.unit)[0]
    assert s_val is not None and r_val is not None
    gap = round(s_val - r_val, 6)
    ok = gap > _EPS if q == "above" else gap < -_EPS
    return _Judgement(MET if ok else MISSED, actual=subj.fact, gap=gap, gap_unit=_gap_unit(subj.fact.unit),
                      conflicting=subj.conflicting or other.conflicting,
                      reference=f"{label}: {fact_text(other.fact.value, other.fact.unit, word(other.fact.qualifier), ref.measure)}",
                      note=f"{'above' if q == 'above' else 'below'} the reference" if ok else "not " + ("above" if q == "above" else "below") + " the reference",
                      sources=(subj.fact, other.fact, *_rest(subj), *_rest(other)))


_OPPOSITE = {"above": "below", "below": "above"}


def _combine(verdicts: list[str]) -> str:
    s = set(verdicts)
    if len(s) == 1:
        return verdicts[0]
    if MET in s:
        return PARTLY
    return MISSED if MISSED in s else UNKNOWN


def scorecard(facts: Iterable[Any], *, tolerance_points: float = 0.5, region: str | None = None,
              period: str | None = None, tolerance_relative: float = 0.02,
              doc_order: DocOrder | None = None, parents: Mapping[str, str] | None = None) -> list[ScoreLine]:
    """Every target (of `region`/`period` when given) with its actual and verdict (rules above).

    Actuals are looked up among all `facts` (a relation may need another
    region's figure), so pass the facts of the parent region too when judging
    全省平均 relations. Lines come headline indicators first (GUIDE order), then
    the others in reading order; an indicator's parts together.
    """
    facts = [f for f in facts if not is_duplicate(f)]
    targets: dict[tuple[Any, ...], list[Any]] = defaultdict(list)
    actuals = []
    for f in facts:
        k = word(f.kind)
        if k == "actual":
            actuals.append(f)
        elif k == "target" and (region is None or f.region == region) and (
                period is None or _period(f.period) == str(period)):
            targets[(norm_indicator(f.indicator), f.region, _period(f.period), series_measure(f))].append(f)
    idx = _Index(actuals)
    order = indicator_sort_key(first_seen(facts))
    groups: dict[tuple[Any, ...], list[tuple[_Part, _Judgement]]] = defaultdict(list)
    for (ind, reg, per, measure) in sorted(targets, key=lambda k: (order(k[0]), k[1] or "", k[2] or "", measure_rank(k[3]))):
        lower = lower_is_better(ind, measure)
        for part in _target_parts(targets[(ind, reg, per, measure)], doc_order):
            t = part.fact
            if measure == "relation":
                j = _judge_relation(t, idx, parents=parents, doc_order=doc_order)
            elif t.value is None:
                j = _Judgement(UNKNOWN, note="the target has no figure")
            else:
                cands = idx.get(ind, reg, per, measure)
                p = pick(cands, doc_order=doc_order, unit=t.unit)
                if p is None:
                    j = _Judgement(UNKNOWN, sources=tuple(cands),
                                   note="no actual yet" if not cands else "actuals only in another unit")
                else:
                    j = _judge_value(t, p, lower=lower, tol_points=tolerance_points, tol_rel=tolerance_relative)
            groups[(ind, reg, per)].append((part, j))
    lines = []
    for (ind, reg, per), pj in groups.items():
        verdict = _combine([j.verdict for _, j in pj])
        for i, (part, j) in enumerate(pj, 1):
            t, a = part.fact, j.actual
            lines.append(ScoreLine(
                indicator=ind, region=reg, period=per, measure=series_measure(t), tier=getattr(t, "tier", "B"),
                target_value=t.value, target_unit=t.unit, target_qualifier=word(t.qualifier) or "exact",
                target_text=fact_text(t.value, t.unit, word(t.qualifier), series_measure(t), t.surface),
                actual_value=None if a is None else a.value, actual_unit=None if a is None else a.unit,
                actual_qualifier=None if a is None else word(a.qualifier),
                actual_text=None if a is None else fact_text(a.value, a.unit, word(a.qualifier), word(a.measure), a.surface),
                verdict=verdict, part_verdict=j.verdict, part=i, parts=len(pj), gap=j.gap, gap_unit=j.gap_unit,
                conflicting=j.conflicting, target_conflicting=part.conflicting, reference=j.reference,
                note=j.note, target_sources=tuple(Source.of(f) for f in part.sources),
                actual_sources=tuple(Source.of(f) for f in j.sources)))
    return lines
