"""Series: the facts that state the same figure, across documents.

A series key is (indicator, region, period, kind, measure): a growth of 7% and
a level of 7亿元 for the same indicator are different series, and so are a
target and a result. Indicators are compared as written (whitespace removed);
synonyms are the extraction engine's job (GUIDE: headline indicators carry
their canonical name).

    >>> from planwatch.model import Fact
    >>> f = Fact(doc="a.txt", start=0, end=1, surface="7%左右", kind="target",
    ...          indicator="地区生产总值", measure="growth", value=7.0, unit="%",
    ...          qualifier="about", region="云岭市", period="2024")
    >>> series_key(f).label
    '地区生产总值|growth'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from . import doc_of, fact_id, is_duplicate, word
from .agree import clusters, disagree
from .rules import load as load_rules
from .units import base_unit, to_base

# GUIDE.md's headline indicators, in its order: tables and scorecards list them first.
HEADLINE_INDICATORS: tuple[str, ...] = (
    "地区生产总值", "规模以上工业增加值", "固定资产投资", "社会消费品零售总额", "地方一般公共预算收入",
    "进出口总额", "居民消费价格", "居民人均可支配收入", "城镇调查失业率", "城镇登记失业率",
    "城镇新增就业", "粮食总产量", "节能减排", "研发投入强度",
)
_HEADLINE_RANK = {name: i for i, name in enumerate(HEADLINE_INDICATORS)}
MEASURE_ORDER: tuple[str, ...] = ("growth", "level", "change", "rank", "relation")
_MEASURE_RANK = {m: i for i, m in enumerate(MEASURE_ORDER)}

DocOrder = Mapping[Any, Any]


def norm_indicator(name: str) -> str:
    """The indicator as a key: whitespace left by a layout break removed."""
    return "".join(name.split())


@dataclass(frozen=True, slots=True)
class SeriesKey:
    indicator: str
    region: str | None
    period: str | None
    kind: str
    measure: str

    @property
    def label(self) -> str:
        """`indicator|measure`, the panel's column name."""
        return f"{self.indicator}|{self.measure}"

    def to_dict(self) -> dict[str, Any]:
        return {"indicator": self.indicator, "region": self.region, "period": self.period,
                "kind": self.kind, "measure": self.measure}


def series_measure(f: Any) -> str:
    """The fact's measure as series join it: a "level" in % of an indicator whose level is an
    amount (居民消费价格 3%左右 in a plan table) is its growth (rules/analyse.toml)."""
    m = word(f.measure) or ""
    if m == "level" and base_unit(getattr(f, "unit", None)) == "%" \
            and norm_indicator(f.indicator) in load_rules().percent_is_growth:
        return "growth"
    return m


def series_key(f: Any) -> SeriesKey:
    """The series a fact belongs to."""
    return SeriesKey(norm_indicator(f.indicator), f.region, None if f.period is None else str(f.period),
                     word(f.kind) or "", series_measure(f))


@dataclass(frozen=True, slots=True)
class Source:
    """Where a figure was read: enough to show it and to open the fact."""

    doc: str
    surface: str
    evidence: str
    fact_id: int | None
    start: int
    end: int
    value: float | None
    unit: str | None
    qualifier: str | None

    @classmethod
    def of(cls, f: Any) -> Source:
        # positional, in field order: a scorecard makes one per fact, and keywords cost twice as much
        return cls(f.doc, f.surface, getattr(f, "evidence", "") or "", fact_id(f), f.start, f.end, f.value, f.unit,
                   word(f.qualifier))

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "surface": self.surface, "evidence": self.evidence,
                "fact_id": self.fact_id, "start": self.start, "end": self.end,
                "value": self.value, "unit": self.unit, "qualifier": self.qualifier}


@dataclass(frozen=True, slots=True)
class Series:
    """A series with how many independent documents state it and whether they agree.

    status: `single-source` (one document), `confirmed` (two or more documents,
    all stating the same figure, see agree.py) or `conflicting`. `value`/`unit` are the
    figure `pick` chooses; `n_agreeing` the documents that agree with it.
    """

    key: SeriesKey
    value: float | None
    unit: str | None
    qualifier: str | None
    n_docs: int
    n_agreeing: int
    status: str
    sources: tuple[Source, ...]

    def to_dict(self) -> dict[str, Any]:
        return {**self.key.to_dict(), "value": self.value, "unit": self.unit,
                "qualifier": self.qualifier, "n_docs": self.n_docs, "n_agreeing": self.n_agreeing,
                "status": self.status, "sources": [s.to_dict() for s in self.sources]}


def group(facts: Iterable[Any], *, include_duplicates: bool = False) -> dict[SeriesKey, list[Any]]:
    """Facts by series key, in input order; duplicates (duplicate=True) left out unless asked. O(n)."""
    out: dict[SeriesKey, list[Any]] = defaultdict(list)
    for f in facts:
        if include_duplicates or not is_duplicate(f):
            out[series_key(f)].append(f)
    return dict(out)


def doc_key(doc: Any, doc_order: DocOrder | None) -> tuple[Any, ...]:
    """Sort key of a document (`doc_of`) in time: `doc_order[doc]` (a date, an ingest id) where
    given, else its name."""
    v = doc_order.get(doc) if doc_order else None
    return (v is not None, v, str(doc))


def indicator_sort_key(first_seen: Mapping[str, tuple[Any, ...]]) -> Any:
    """Headline indicators in GUIDE order, then the rest by where they first appear."""
    def key(indicator: str) -> tuple[Any, ...]:
        return (_HEADLINE_RANK.get(indicator, len(_HEADLINE_RANK)), first_seen.get(indicator, ()), indicator)
    return key


def first_seen(facts: Iterable[Any]) -> dict[str, tuple[str, int]]:
    """indicator → the (doc, start) of its first mention: reading order for non-headline rows."""
    seen: dict[str, tuple[str, int]] = {}
    for f in facts:
        k = norm_indicator(f.indicator)
        pos = (f.doc, f.start)
        if k not in seen or pos < seen[k]:
            seen[k] = pos
    return seen


def measure_rank(measure: str) -> int:
    return _MEASURE_RANK.get(measure, len(_MEASURE_RANK))


# --- agreement -------------------------------------------------------------

def bounds(f: Any) -> tuple[float, float, str] | None:
    """(low, high, base unit) the fact allows: 以上 is [v, ∞), 以内 (-∞, v], others [v, v]."""
    v, unit = to_base(f.value, f.unit)
    if v is None:
        return None
    q = word(f.qualifier)
    lo = float("-inf") if q in ("at_most", "below") else v
    hi = float("inf") if q in ("at_least", "above") else v
    return lo, hi, unit


@dataclass(frozen=True, slots=True)
class Pick:
    """The figure chosen among several statements of one series, and how sure we are."""

    fact: Any
    agreeing: tuple[Any, ...]     # facts agreeing with it (itself included)
    others: tuple[Any, ...]       # the rest, comparable or not
    conflicting: bool
    n_docs: int
    n_agreeing: int


def pick(facts: Sequence[Any], *, doc_order: DocOrder | None = None, unit: str | None = None) -> Pick | None:
    """Choose one figure deterministically among statements of one series.

    Rule: among facts whose unit is comparable with `unit` (when given; else the
    base unit stated by most documents), group agreeing values; take the group
    stated by most distinct documents; on a tie, the group holding the latest
    document (`doc_key`); within it, the latest document's fact, earliest in the
    text. `conflicting` is True when two documents state different figures (agree.py).
    Facts with no value (relations) are picked the same way by document alone.
    """
    facts = [f for f in facts if not is_duplicate(f)]
    if not facts:
        return None
    # each fact's document and its place in time, read once (the rule compares them often)
    doc = {id(f): doc_of(f) for f in facts}
    when = {id(f): doc_key(doc[id(f)], doc_order) for f in facts}

    def n_docs(fs: Iterable[Any]) -> int:
        return len({doc[id(f)] for f in fs})

    def latest(fs: Iterable[Any]) -> tuple[Any, ...]:
        return max(when[id(f)] for f in fs)

    def best_fact(fs: Sequence[Any]) -> Any:
        """The latest document's fact, earliest in the text."""
        top = latest(fs)
        return min((f for f in fs if when[id(f)] == top), key=lambda f: (f.start, f.end))

    valued = [f for f in facts if f.value is not None]
    if not valued:
        chosen = best_fact(facts)
        n = len(set(doc.values()))
        return Pick(chosen, tuple(facts), (), False, n, n)
    by_unit: dict[str, list[Any]] = defaultdict(list)
    for f in valued:
        by_unit[base_unit(f.unit)].append(f)
    if unit is not None:
        pool = by_unit.get(base_unit(unit), [])
        if not pool:
            return None
    else:
        pool = max(by_unit.values(), key=lambda fs: (n_docs(fs), latest(fs)))
    groups = clusters(pool)
    best = max(groups, key=lambda fs: (n_docs(fs), latest(fs)))
    # Within agreeing values, the wording most documents use (10%以上 over one 10%左右), then the latest.
    wording: dict[tuple[Any, ...], list[Any]] = defaultdict(list)
    for f in best:
        wording[(to_base(f.value, f.unit)[0], word(f.qualifier))].append(f)
    chosen = best_fact(max(wording.values(), key=lambda fs: (n_docs(fs), latest(fs))))
    docs = n_docs(pool)
    # one group agrees pairwise (clusters): only several groups can disagree
    conflicting = docs > 1 and len(groups) > 1 and disagree(pool)
    best_ids = {id(f) for f in best}
    others = tuple(f for f in facts if id(f) not in best_ids)
    return Pick(chosen, tuple(best), others, conflicting, docs, n_docs(best))


class _neg:
    """Reverses the order of a key inside a min(): the latest document sorts first."""

    __slots__ = ("k",)

    def __init__(self, k: Any) -> None:
        self.k = k

    def __lt__(self, other: _neg) -> bool:
        return bool(other.k < self.k)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _neg) and self.k == other.k
