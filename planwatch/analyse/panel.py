"""A panel for researchers: one row per (region, period), one column per indicator|measure.

Values are numbers in the column's unit (the unit most facts of that column are
written in; comparable units are converted: 1.04万亩 in a column of 亩 is
10400). A column whose facts come in two incomparable units (个 and 家) is
split: `indicator|measure|unit`. Relations have no number and are left out.
Where documents disagree, `series.pick` chooses (most documents; tie → latest).

    >>> from planwatch.model import Fact
    >>> f = Fact(doc="a", start=0, end=1, surface="5.6%", kind="actual", indicator="地区生产总值",
    ...          measure="growth", value=5.6, unit="%", qualifier="exact", region="云岭市", period="2024")
    >>> panel([f])
    [{'region': '云岭市', 'period': '2024', '地区生产总值|growth': 5.6}]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from . import is_duplicate, word
from .series import (
    DocOrder,
    first_seen,
    indicator_sort_key,
    measure_rank,
    norm_indicator,
    pick,
    series_measure,
)
from .units import base_unit, convert


@dataclass(frozen=True, slots=True)
class Panel:
    columns: tuple[str, ...]                       # indicator|measure[|unit], in indicator order
    units: dict[str, str | None]                   # column → unit of its values
    rows: tuple[dict[str, Any], ...]               # {'region', 'period', column: value or None}

    def to_dicts(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.rows]

    def to_dict(self) -> dict[str, Any]:
        return {"columns": list(self.columns), "units": dict(self.units), "rows": self.to_dicts()}


def build_panel(facts: Iterable[Any], *, kind: str = "actual", regions: Iterable[str] | None = None,
                periods: Iterable[str] | None = None, doc_order: DocOrder | None = None,
                ) -> Panel:
    """The panel of `kind` facts (actual by default), optionally limited to some regions/periods."""
    regs = None if regions is None else set(regions)
    pers = None if periods is None else {str(p) for p in periods}
    facts = [f for f in facts if not is_duplicate(f)]
    cells: dict[tuple[Any, ...], list[Any]] = defaultdict(list)   # (region, period, ind, measure, base) → facts
    units: dict[tuple[str, str, str], Counter[str | None]] = defaultdict(Counter)
    for f in facts:
        per = None if f.period is None else str(f.period)
        if (word(f.kind) != kind or f.value is None or word(f.measure) == "relation"
                or (regs is not None and f.region not in regs) or (pers is not None and per not in pers)):
            continue
        ind, m, b = norm_indicator(f.indicator), series_measure(f), base_unit(f.unit)
        cells[(f.region, per, ind, m, b)].append(f)
        units[(ind, m, b)][f.unit] += 1
    # One column per (indicator, measure); a second base unit gets a column of its own.
    by_im: dict[tuple[str, str], list[str]] = defaultdict(list)
    for (ind, m, b), c in sorted(units.items(), key=lambda kv: -sum(kv[1].values())):
        by_im[(ind, m)].append(b)
    names: dict[tuple[str, str, str], str] = {}
    col_unit: dict[str, str | None] = {}
    order = indicator_sort_key(first_seen(facts))
    for ind, m in sorted(by_im, key=lambda k: (order(k[0]), measure_rank(k[1]))):
        for i, b in enumerate(by_im[(ind, m)]):
            name = f"{ind}|{m}" if i == 0 else f"{ind}|{m}|{b}"
            names[(ind, m, b)] = name
            # Most common written unit; ties to the shortest (亩 before 万亩), then by name.
            col_unit[name] = min(units[(ind, m, b)].items(), key=lambda kv: (-kv[1], len(kv[0] or ""), kv[0] or ""))[0]
    rows: dict[tuple[str | None, str | None], dict[str, Any]] = {}
    for (reg, per, ind, m, b), fs in cells.items():
        p = pick(fs, doc_order=doc_order)
        if p is None:
            continue
        name = names[(ind, m, b)]
        row = rows.setdefault((reg, per), {"region": reg, "period": per})
        row[name] = convert(p.fact.value, p.fact.unit, col_unit[name])
    columns = tuple(col_unit)
    out = []
    for key in sorted(rows, key=lambda k: (k[0] or "", k[1] or "")):
        r = rows[key]
        out.append({"region": r["region"], "period": r["period"], **{c: r.get(c) for c in columns}})
    return Panel(columns=columns, units=col_unit, rows=tuple(out))


def panel(facts: Iterable[Any], *, kind: str = "actual", regions: Iterable[str] | None = None,
          periods: Iterable[str] | None = None, doc_order: DocOrder | None = None) -> list[dict[str, Any]]:
    """`build_panel(...).to_dicts()`."""
    return build_panel(facts, kind=kind, regions=regions, periods=periods, doc_order=doc_order).to_dicts()
