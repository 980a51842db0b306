"""Tables: every cell with a figure is a fact; its row gives the indicator and the unit, its
column the kind, period and measure (GUIDE.md, Tables).

    grid     runs of TAB, `|` or space-aligned lines, cells with their offsets, captions
    header   what each column is: label, unit, or a figure's kind, period, measure, unit
    cells    one cell → its readings (bare figure, range, figure with unit, relation, prose)

A block is read as a table when its header names at least one thing a column can be (a year,
a kind, a measure, a unit); other blocks are left to the prose reader. `table_coverage` says
how many rows with figures gave no fact, so that nothing in a table is dropped silently.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from ...model import KIND_BY_WORD, MEASURE_BY_WORD, QUALIFIER_BY_WORD, Fact
from .. import regions as rg
from ..indicators import headline
from ..lexicon import table_words
from ..textview import make_view
from .cells import Reading, has_figure, read_cell
from .grid import Block, Row, blocks
from .header import Caption, Column, caption, columns, header_rows, is_unit

__all__ = ["Block", "Table", "TableCoverage", "blocks", "read_tables", "table_coverage", "table_facts"]

_ROW_NUMBER: Final = re.compile(r"^(?:\d+\s*[.、．]|[（(]\d+[)）]|其中\s*[:：]|[一二三四五六七八九十]+、|#+)\s*")
_ROW_FORM: Final = re.compile(r"(?:增速|增长率|增长|增幅)$")
_LABEL_UNIT: Final = re.compile(r"[（(]([^（）()]{1,12})[）)]$")
_ROW_YEAR: Final = re.compile(r"^((?:19|20)\d{2})年?$")
_CHANGE_UNITS: Final = ("个百分点", "百分点", "基点", "个基点")

KindPeriod = Callable[[int], tuple[str, str | None]]


@dataclass(frozen=True)
class Table:
    block: Block
    header: int               # rows of header
    columns: tuple[Column, ...]
    caption: Caption
    paired: bool              # target and completion columns side by side, neither with a year

    @property
    def data(self) -> list[Row]:
        return [r for r in self.block.rows[self.header:] if not r.rule]


@dataclass(frozen=True)
class TableCoverage:
    """What the table reader made of a document's tables."""
    blocks: int                  # runs of table lines
    tables: int                  # of those, read as tables (their header understood)
    rows_with_numbers: int       # rows with a figure in a cell that can hold one
    rows_with_facts: int         # of those, rows that gave at least one fact
    missed: tuple[int, ...]      # offsets of the rows with a figure and no fact
    cells_with_numbers: int = 0  # cells with a figure (where a figure can be)
    cells_with_facts: int = 0    # of those, cells where a fact starts


def read_tables(folded: str, plan_year: int | None = None, *, found: list[Block] | None = None) -> list[Table]:
    """Every block of `folded` whose header is understood, with its columns. `found`: blocks(folded), when the
    caller has read them already."""
    return _tables_of(blocks(folded) if found is None else found, plan_year)


def _tables_of(found: list[Block], plan_year: int | None) -> list[Table]:
    return [t for t in (_table(b, plan_year) for b in found) if t is not None]


def _table(block: Block, plan_year: int | None) -> Table | None:
    n = header_rows(block)
    if n == 0:
        return None
    cap = caption(block.caption)
    cols = columns(block, n, plan_year, cap)
    values = [c for c in cols if c.role == "value"]
    if not values or not any(c.kind or c.period or c.measure or c.unit for c in values) \
            and not any(c.role == "unit" for c in cols):
        return None
    no_year = [c for c in values if c.period is None]
    paired = any(c.kind == "actual" for c in no_year) and any(c.kind == "target" for c in no_year)
    return Table(block, n, tuple(cols), cap, paired)


def table_facts(doc: str, text: str, folded: str, kind_period: KindPeriod,
                home, plan_year: int | None = None, *,
                tables: list[Table] | None = None) -> tuple[list[Fact], list[tuple[int, int]]]:
    """Facts of every table, and the spans the tables cover.

    `folded` (full-width digits folded, the same length as `text`) is parsed; surfaces and
    evidence are cut from `text`, as written. `kind_period(offset)` gives the section's kind
    and period where a column names none; `home` the region (None: no region). `tables`:
    read_tables(folded, plan_year) when the caller has read them already."""
    facts: list[Fact] = []
    spans: list[tuple[int, int]] = []
    for t in read_tables(folded, plan_year) if tables is None else tables:
        spans.append((t.block.start, t.block.end))
        label = ""
        for row in t.data:
            got, label = _row_facts(doc, text, t, row, kind_period, home, plan_year, label)
            facts += got
    return facts, spans


def table_coverage(text: str, *, plan_year: int | None = None, facts: list[Fact] | None = None,
                   folded: str | None = None, tables: list[Table] | None = None,
                   found: list[Block] | None = None) -> TableCoverage:
    """How many table rows with figures gave no fact.

    With `facts` (a document's facts, from any reader), a row counts as read when a fact starts
    in it; without, the table reader alone is run (region and section unknown). `folded` and
    `tables` (read_tables of it) and `found` (blocks of it): what the caller has read already."""
    if folded is None:
        folded = make_view(text).folded
    all_blocks = blocks(folded) if found is None else found
    if tables is None:
        tables = _tables_of(all_blocks, plan_year)
    starts = sorted(f.start for f in facts) if facts is not None else None
    if starts is None:
        got, _ = table_facts("text", text, folded, lambda _o: ("actual", None), None, plan_year, tables=tables)
        starts = sorted(f.start for f in got)
    by_start = {t.block.start: t for t in tables}
    with_numbers = with_facts = cells = cells_read = 0
    missed: list[int] = []

    def read(a: int, b: int) -> bool:
        k = bisect.bisect_left(starts, a)
        return k < len(starts) and starts[k] < b

    for b in all_blocks:
        t = by_start.get(b.start)
        rows = t.data if t else list(b.rows[1:])
        for row in rows:
            figures = [c for j, c in enumerate(row.cells)
                       if (t.columns[j].role == "value" if t and j < len(t.columns) else j > 0)
                       and has_figure(c.raw) and c.key not in table_words().none_cells]
            if not figures:
                continue
            with_numbers += 1
            cells += len(figures)
            cells_read += sum(read(c.start, c.start + len(c.raw)) for c in figures)
            if read(row.start, row.start + len(row.line)):
                with_facts += 1
            else:
                missed.append(row.start)
    return TableCoverage(len(all_blocks), len(by_start), with_numbers, with_facts, tuple(missed), cells, cells_read)


@dataclass(frozen=True)
class _RowName:
    indicator: str
    tier: str
    label: str          # the label as written, compact (for headline matching with a noun)
    unit: str | None    # a unit in the label (地区生产总值（亿元）)
    rate: bool          # the label names a rate of change (增速, 增长)
    falls: bool         # the label names a fall (下降率, 削减率)
    year: str | None    # the label is a year: rows are years, columns name the indicator
    place: str | None = None  # the label is a place: rows are places, columns name the indicator


def _row_name(label: str, of: str = "") -> _RowName:
    """The row's indicator from its label; `of`, what the caption says the rows are of (产量), is added to a label
    that names no measure of its own (粮食 → 粮食产量: the headline 粮食总产量)."""
    tw = table_words()
    label = _ROW_NUMBER.sub("", label)
    y = _ROW_YEAR.match(label)
    if y:
        return _RowName("", "B", label, None, False, False, y.group(1))
    lu = _LABEL_UNIT.search(label)
    unit = lu.group(1) if lu and is_unit(lu.group(1)) else None
    bare = label[:lu.start()] if lu and (unit or lu.start() > 0) else label
    fall = tw.fall_re.search(bare)
    name = bare[:fall.start()] if fall and fall.start() > 0 else bare
    name = _ROW_FORM.sub("", name) or name
    if of and not bare.endswith(("量", of)) and headline(bare) is None and not tw.rate_re.search(bare):  # (发电量: its own)
        bare = name = name + of
    canon = headline(bare) or headline(name)
    return _RowName(canon or name, "A" if canon else "B", bare, unit, tw.rate_re.search(bare) is not None,
                    fall is not None, None)


def _place_row(label: str) -> _RowName:
    return _RowName("", "B", label, None, False, False, None, _ROW_NUMBER.sub("", label) or None)


def _row_facts(doc: str, text: str, t: Table, row: Row, kind_period: KindPeriod, home,
               plan_year: int | None, prev_label: str) -> tuple[list[Fact], str]:
    cols = t.columns
    out: list[Fact] = []
    unit_cell = next((row.cells[c.index].key for c in cols if c.role == "unit" and c.index < len(row.cells)), "")
    row_unit = unit_cell if unit_cell and unit_cell not in table_words().none_cells else None
    evidence = text[row.start:row.start + len(row.line)].strip()
    labels: dict[int, _RowName] = {}
    label_text = prev_label
    for j, cell in enumerate(row.cells):
        col = cols[j] if j < len(cols) else None
        if col is None:
            continue
        if col.role in ("label", "place"):
            label_text = cell.key or (prev_label if j == col.label else "")
            continue
        if col.role != "value" or not has_figure(cell.raw) and "于" not in cell.key and "同步" not in cell.key:
            continue
        if col.label not in labels:
            lab = row.cells[col.label].key if col.label < len(row.cells) else ""
            first = next((c.index for c in cols if c.role in ("label", "place")), 0)
            lab = lab or (prev_label if col.label == first else "")  # a merged label cell: the row above's
            labels[col.label] = _place_row(lab) if cols[col.label].role == "place" else _row_name(lab, t.caption.rows_of)
        name = labels[col.label]
        for r in read_cell(cell.raw):
            f = _fact(doc, text, t, col, cell.start, r, name, row_unit, kind_period, home, plan_year, evidence)
            if f is not None:
                out.append(f)
    return out, label_text


def _fact(doc: str, text: str, t: Table, col: Column, base: int, r: Reading, name: _RowName,
          row_unit: str | None, kind_period: KindPeriod, home, plan_year: int | None, evidence: str) -> Fact | None:
    # the indicator: the cell's own words, else the row's (+ the column's noun), else the column's
    if r.phrase and r.measure != "relation":
        canon = headline(r.phrase)
        indicator, tier = (canon, "A") if canon else (r.phrase, "B")
    elif name.year or name.place:
        canon = headline(col.name) if col.name else None
        indicator, tier = (canon, "A") if canon else (col.name, "B")
    elif col.noun:
        canon = headline(name.label + col.noun)
        indicator, tier = (canon, "A") if canon else (name.indicator + col.noun, "B")
    else:
        indicator, tier = name.indicator, name.tier
    if not indicator:
        return None

    unit = _unit(r, col, name, row_unit, t.caption)
    measure = _measure(r, col, name, unit)
    if r.summed and col.measure == "growth" and not r.unit and row_unit in ("%", "％") and not (name.falls or name.rate):
        # 城镇化率 | % | … | [4.8]: the rate's rise over the span, in points (“[ ]内为累计数”)
        measure, unit = "change", "个百分点"
    value = r.value
    qualifier = r.qualifier
    if value is not None and (r.falls or name.falls and measure in ("growth", "change")):
        value = -abs(value)
        if qualifier in ("at_least", "at_most"):  # a fall of at least 5 is at most −5
            qualifier = "at_most" if qualifier == "at_least" else "at_least"
    if measure == "relation":
        unit = None

    kind, period, why = col.kind, col.period, col.why
    if name.year:
        period, why = name.year, f"{why}; table row {name.year}"
        if kind is None and plan_year is not None:
            kind = "actual" if int(name.year) < plan_year else "target"
    if r.year:
        period, why = r.year, f"{why}; cell: {r.year}年"
    if r.target and kind != "target":
        kind, why = "target", f"{why}; cell: {r.target} → target"
    if kind is None or period is None:
        sk, sp = kind_period(base)
        if kind is None:
            kind, why = sk, f"{why}; section → {sk}"
        if period is None:
            period, why = _default_period(kind, sk, sp, t.paired, col.aggregate, plan_year), f"{why}; section/date → period"
    region: str | None
    code: str | None
    if name.place:
        region, code = _place(name.place, home)
        why = f"{why}; table row {name.place}"
    elif col.scope == "city" and home is not None and home.city_name:
        region, code = home.city_name, home.city_code
    else:
        region, code = (home.name, home.code) if home is not None else (None, None)
    s, e = base + r.start, base + r.end
    # (the enums by their words: a dict lookup, not the Enum constructor; and no keyword, as pipeline builds its facts)
    return Fact(doc, s, e, text[base + r.surf_start:base + r.surf_end], KIND_BY_WORD[kind], indicator,
                MEASURE_BY_WORD[measure], value, unit, QUALIFIER_BY_WORD[qualifier], region, period, tier, False,
                evidence, False, code, why)


def _place(name: str, home) -> tuple[str, str | None]:
    """A row's place, resolved under the home region when the place data knows it."""
    if name in ("全市", "全县", "全区", "全省", "合计", "总计", "全州", "全盟") and home is not None and home.name:
        return home.name, home.code
    ctx = home.code if home is not None else None
    r = rg.resolve(name, context_city=ctx, year=home.year if home is not None else None)
    return (r.name, r.code) if r is not None else (name, None)


def _unit(r: Reading, col: Column, name: _RowName, row_unit: str | None, cap: Caption) -> str | None:
    if r.unit:
        return "基点" if r.unit == "个基点" else r.unit
    if col.unit:
        return col.unit
    if col.measure == "growth":
        return "%"
    rated = name.rate or name.falls
    for u in (row_unit, name.unit, cap.unit):
        if u:
            return u
    return "%" if rated and r.measure is None else None


def _measure(r: Reading, col: Column, name: _RowName, unit: str | None) -> str:
    if r.measure:
        return r.measure
    if unit in _CHANGE_UNITS:
        return "change"
    if col.measure:
        return col.measure
    if unit in ("%", "％") and (name.falls or name.rate):
        return "growth"
    if name.falls:
        return "change"
    return "level"


def _default_period(kind: str, sk: str, sp: str | None, paired: bool, aggregate: bool,
                    plan_year: int | None) -> str | None:
    """A column with no year: the section's period when it has the same kind, else the date's."""
    eff = "actual" if paired else kind  # targets beside their completion: the year completed
    period: str | None
    if eff == sk and sp:
        period = sp
    elif plan_year is not None:
        period = str(plan_year - 1 if eff == "actual" else plan_year)
    else:
        period = sp
    if aggregate and period and period.isdigit():
        period = f"{int(period) - 4}-{period}"
    return period


def block_line(text: str, off: int) -> str:
    end = text.find("\n", off)
    return text[off:end if end >= 0 else len(text)]

