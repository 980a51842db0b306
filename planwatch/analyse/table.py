"""The plan-execution table a planning office publishes, built from facts.

Rows are indicators (headline indicators first, in GUIDE order, then the rest
in reading order; an indicator stated as a growth and as a level gets a row
for each); columns are last year's plan, last year's result and this year's
plan, for one region or several side by side. Cells read as a Chinese reader
expects (7%左右, 10%以上, 3%以内, 下降5%以上, 高于经济增长). A relation target
(居民收入增幅高于经济增长) sits in the row of the measure it compares
(growth), beside last year's growth.

    >>> from planwatch.model import Fact
    >>> def f(kind, period, v, q): return Fact(doc="a", start=0, end=1, surface="", kind=kind,
    ...     indicator="地区生产总值", measure="growth", value=v, unit="%", qualifier=q,
    ...     region="云岭市", period=period)
    >>> plan_table([f("target", "2023", 6.5, "at_least"), f("actual", "2023", 6.2, "exact"),
    ...             f("target", "2024", 6.0, "about")], period="2024", regions="云岭市")
    [{'指标': '地区生产总值增速', '2023年计划': '6.5%以上', '2023年完成': '6.2%', '2024年计划': '6%左右'}]
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from . import is_duplicate, word
from .directions import reference
from .format import fact_text
from .series import (
    HEADLINE_INDICATORS,
    DocOrder,
    Source,
    first_seen,
    indicator_sort_key,
    measure_rank,
    norm_indicator,
    pick,
    series_measure,
)

_SUFFIX = {"growth": "增速", "change": "变化", "rank": "排名"}
_ALREADY = {"growth": ("增速", "增幅", "涨幅", "增长", "增长率"), "rank": ("排名", "排位", "位次"), "change": ()}
# Where the usual word for a growth is not 增速.
_GROWTH_LABEL = {"居民消费价格": "居民消费价格涨幅"}


def row_label(indicator: str, measure: str) -> str:
    """地区生产总值 + growth → 地区生产总值增速; a level keeps the bare name.

    >>> row_label("居民消费价格", "growth"), row_label("研发投入强度", "level")
    ('居民消费价格涨幅', '研发投入强度')
    """
    if measure == "growth" and indicator in _GROWTH_LABEL:
        return _GROWTH_LABEL[indicator]
    if measure in _SUFFIX and not indicator.endswith(_ALREADY.get(measure, ())):
        return indicator + _SUFFIX[measure]
    return indicator


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    value: float | None
    unit: str | None
    qualifier: str | None
    conflicting: bool               # documents disagree on this figure
    sources: tuple[Source, ...]     # the shown figure first

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "value": self.value, "unit": self.unit, "qualifier": self.qualifier,
                "conflicting": self.conflicting, "sources": [s.to_dict() for s in self.sources]}


@dataclass(frozen=True, slots=True)
class Column:
    header: str                     # 2023年计划, or 云岭市 2023年计划 with several regions
    region: str | None
    period: str
    kind: str                       # target / actual


@dataclass(frozen=True, slots=True)
class TableRow:
    indicator: str
    measure: str
    label: str
    cells: tuple[Cell | None, ...]  # one per column


@dataclass(frozen=True, slots=True)
class PlanTable:
    columns: tuple[Column, ...]
    rows: tuple[TableRow, ...]

    @property
    def headers(self) -> list[str]:
        return ["指标", *(c.header for c in self.columns)]

    def to_dicts(self) -> list[dict[str, Any]]:
        """[{'指标': label, header: cell text or ''}, …]: ready for export.write and the renderers."""
        return [{"指标": r.label, **{c.header: (cell.text if cell else "") for c, cell in zip(self.columns, r.cells)}}
                for r in self.rows]

    def planned(self, headline: Iterable[str] = HEADLINE_INDICATORS) -> PlanTable:
        """The rows a plan-execution table is about: the headline indicators, and every other
        indicator with a plan (a target) in one of its years. A result with no plan beside it
        (一季度新增企业 4422户) is left out of the table meant for reading."""
        keep = set(headline)
        targets = [i for i, c in enumerate(self.columns) if c.kind == "target"]
        rows = tuple(r for r in self.rows if r.indicator in keep or any(r.cells[i] is not None for i in targets))
        return PlanTable(columns=self.columns, rows=rows)

    def to_dict(self) -> dict[str, Any]:
        return {"columns": [c.header for c in self.columns],
                "rows": [{"indicator": r.indicator, "measure": r.measure, "label": r.label,
                          "cells": [None if c is None else c.to_dict() for c in r.cells]} for r in self.rows]}


def _row_measure(f: Any) -> str:
    """The row a fact belongs to: a relation joins the measure it compares (growth/level)."""
    m = series_measure(f)
    if m != "relation":
        return m
    ref = reference(f.surface or "", getattr(f, "evidence", "") or "")
    return ref.measure if ref else m


def build_table(facts: Iterable[Any], *, period: str | int, regions: str | Sequence[str] | None = None,
                doc_order: DocOrder | None = None, region: str | None = None) -> PlanTable:
    """The plan-execution table for `period` (this year) and the year before.

    `regions`: one name, several (side by side, in the order given), or None for
    the region most facts of those two years are about (`region=` is accepted
    for one). A cell shows the figure `series.pick` chooses (most documents;
    tie → latest) and flags disagreement.
    """
    if regions is None and region is not None:
        regions = region
    this = str(period)
    last = str(int(this[:4]) - 1) if this[:4].isdigit() else this
    facts = [f for f in facts if not is_duplicate(f)]
    years = {this, last}
    if regions is None:
        counts: dict[str | None, int] = defaultdict(int)
        for f in facts:
            if f.period is not None and str(f.period) in years:
                counts[f.region] += 1
        regs: list[str | None] = [max(counts, key=lambda r: (counts[r], r or ""))] if counts else []
    else:
        regs = [regions] if isinstance(regions, str) else list(regions)
    many = len(regs) > 1
    columns = tuple(Column(header=(f"{r} " if many else "") + h, region=r, period=p, kind=k)
                    for r in regs for h, p, k in ((f"{last}年计划", last, "target"),
                                                  (f"{last}年完成", last, "actual"),
                                                  (f"{this}年计划", this, "target")))
    wanted: dict[tuple[Any, ...], int] = {(c.region, c.period, c.kind): i for i, c in enumerate(columns)}
    cells: dict[tuple[str, str], dict[int, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for f in facts:
        i = wanted.get((f.region, None if f.period is None else str(f.period), word(f.kind)))
        if i is not None:
            cells[(norm_indicator(f.indicator), _row_measure(f))][i].append(f)
    order = indicator_sort_key(first_seen(facts))
    rows = []
    for ind, measure in sorted(cells, key=lambda k: (order(k[0]), measure_rank(k[1]))):
        row: list[Cell | None] = []
        for i in range(len(columns)):
            fs = cells[(ind, measure)].get(i, [])
            numeric = [f for f in fs if f.value is not None]
            p = pick(numeric or fs, doc_order=doc_order)
            if p is None:
                row.append(None)
                continue
            f = p.fact
            srcs = (f, *(g for g in fs if g is not f))
            row.append(Cell(text=fact_text(f.value, f.unit, word(f.qualifier), word(f.measure), f.surface),
                            value=f.value, unit=f.unit, qualifier=word(f.qualifier), conflicting=p.conflicting,
                            sources=tuple(Source.of(g) for g in srcs)))
        rows.append(TableRow(indicator=ind, measure=measure, label=row_label(ind, measure), cells=tuple(row)))
    return PlanTable(columns=columns, rows=tuple(rows))


def plan_table(facts: Iterable[Any], *, period: str | int, regions: str | Sequence[str] | None = None,
               doc_order: DocOrder | None = None, region: str | None = None) -> list[dict[str, Any]]:
    """`build_table(...).to_dicts()`: the table as a list of dicts keyed by its Chinese headers."""
    return build_table(facts, period=period, regions=regions, doc_order=doc_order, region=region).to_dicts()


def _columns(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None) -> list[str]:
    if columns is not None:
        return list(columns)
    return list(dict.fromkeys(k for r in rows for k in r))


def _cell(v: Any) -> str:
    return "" if v is None else str(v)


def to_markdown(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None) -> str:
    """A GitHub-flavoured Markdown table; `|` escaped, line breaks become spaces.

    >>> print(to_markdown([{"指标": "a|b", "2024年计划": "7%左右"}]))
    | 指标 | 2024年计划 |
    | --- | --- |
    | a\\|b | 7%左右 |
    """
    cols = _columns(rows, columns)

    def esc(v: Any) -> str:
        return " ".join(_cell(v).replace("\\", "\\\\").replace("|", "\\|").split())

    lines = ["| " + " | ".join(esc(c) for c in cols) + " |", "| " + " | ".join("---" for _ in cols) + " |"]
    lines += ["| " + " | ".join(esc(r.get(c)) for c in cols) + " |" for r in rows]
    return "\n".join(lines)


def to_html(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None, *,
            caption: str | None = None) -> str:
    """An HTML <table>, every header and cell escaped (quotes too).

    >>> to_html([{"指标": "<b>"}])
    '<table>\\n<thead><tr><th>指标</th></tr></thead>\\n<tbody>\\n<tr><td>&lt;b&gt;</td></tr>\\n</tbody>\\n</table>'
    """
    cols = _columns(rows, columns)
    e = html.escape
    out = ["<table>"]
    if caption:
        out.append(f"<caption>{e(caption)}</caption>")
    out.append("<thead><tr>" + "".join(f"<th>{e(_cell(c))}</th>" for c in cols) + "</tr></thead>")
    out.append("<tbody>")
    out += ["<tr>" + "".join(f"<td>{e(_cell(r.get(c)))}</td>" for c in cols) + "</tr>" for r in rows]
    out += ["</tbody>", "</table>"]
    return "\n".join(out)
