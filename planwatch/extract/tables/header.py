"""A table's header: what each column is (label, unit, a figure's kind, period, measure and unit).

The header is the rows above a Markdown rule row (|---|), else the leading rows with no figure.
A header cell left empty continues the one to its left (a merged cell); a second header row
refines the first (2025年计划 over 市计划 / 区计划). The period of a column comes from its own
years; an aggregate column (五年累计, 年均增长) spans the table's years (2015 → 2020: 2016-2020);
a column with no year takes the caption's, else the section's (resolved cell by cell).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Final

from ..lexicon import context_rules, lexicon, scanning, table_words
from .grid import Block, Row

_YEAR_SPAN: Final = re.compile(r"((?:19|20)\d{2})\s*[-—–~～至到]\s*((?:19|20)?\d{2})\s*年?")
_YEAR: Final = scanning(re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)\s*年?"))
_DIGIT: Final = re.compile(r"\d")
# a column named by a relative year (上年完成, 今年计划): years back from the plan year
_RELATIVE: Final = {"前年": -2, "上年": -1, "去年": -1, "上一年": -1, "今年": 0, "本年": 0, "当年": 0}
_REL: Final = scanning(re.compile("(?<![比较同])(?:" + "|".join(sorted(_RELATIVE, key=len, reverse=True)) + ")"))  # not 比上年增长
_BRACKET: Final = re.compile(r"[（(]([^（）()]{1,12})[）)]")
_PERCENT_TAIL: Final = re.compile(r"[%％‰]$")
_UNIT_LABEL: Final = re.compile(r"^(?:单位|计量单位)[:：]")
_SUB_CITY: Final = re.compile(r"^(?:市|州|盟)")
_SCOPE_WORDS: Final = frozenset("市州盟区县旗")
_SERIAL_CELL: Final = re.compile(r"^(?:\d{1,3}|[一二三四五六七八九十]{1,3})[.、．]?$")
_NOUN_TRIM: Final = re.compile(r"[（）()%％‰:：、，,\-—“”\"]")
HEADER_MAX_ROWS: Final = 3
HEADER_CELL_MAX: Final = 24   # a header cell is a few words; a longer one is a prose row


@dataclass(frozen=True)
class Column:
    index: int
    role: str             # label | place (rows are places) | serial | unit | skip | value
    header: str           # the header words (for `why`)
    kind: str | None      # target | actual, None: the caption's or the section's
    period: str | None    # None: the caption's or the section's
    measure: str | None   # growth | change; None: the row decides (level, or growth in a rate row)
    unit: str | None      # a unit the header gives (（亿元）, %)
    noun: str             # words added to the row's indicator (金额 in 数量 … 金额); "" for none
    name: str             # what the column measures, when rows are years (| 年份 | 生产总值 | 增长 |)
    aggregate: bool       # a sum or mean over the table's years (五年累计, 年均增长)
    scope: str            # home | city (市计划 under 2025年计划)
    label: int            # the column whose cell names the row's indicator
    why: str              # how kind and period were read


@dataclass(frozen=True)
class Caption:
    period: str | None
    kind: str | None
    unit: str | None
    text: str
    rows_of: str = ""     # what the rows are of (产量 in 主要农产品产量): added to a row's label


def is_unit(u: str) -> bool:
    """A unit as the lexicon knows it, with its magnitude (亿元, 万人次, %, ‰)."""
    if u in ("%", "％", "‰"):
        return True
    lx = lexicon()
    return re.fullmatch(f"(?:{lx.magnitudes_re})?(?:{lx.units_re})", u) is not None


def header_rows(block: Block) -> int:
    """How many rows at the top of the block are its header (0: none recognised)."""
    rows = block.rows
    for i, r in enumerate(rows[:HEADER_MAX_ROWS + 1]):
        if r.rule:
            return i if i else 0
    n = 0
    for r in rows[:HEADER_MAX_ROWS]:
        keys = [c.key for c in r.cells]
        words = [k for k in keys if k]
        if not words or any(len(k) > HEADER_CELL_MAX for k in keys):
            break
        if any(_DIGIT.search(_YEAR.sub("", _YEAR_SPAN.sub("", k))) for k in keys):
            break
        if n == 0 and len(words) < 2:
            break
        n += 1
    return n if n < len(rows) else 0


def caption(text: str) -> Caption:
    tw = table_words()
    period = None
    m = _YEAR_SPAN.search(text)
    if m:
        period = f"{m.group(1)}-{_full_year(m.group(1), m.group(2))}"
    else:
        y = _YEAR.search(text)
        period = y.group(1) if y else None
    if period is None:
        for name, span in context_rules().plan_periods.items():
            if name in text:
                period = span
    kind = "actual" if tw.caption_actual_re.search(text) else "target" if tw.caption_target_re.search(text) else None
    u = re.search(r"单位[:：]([^）)，,；;\s]{1,8})", text)
    of = next((w for w in tw.caption_rows_of if w in text), "")
    return Caption(period, kind, u.group(1) if u and is_unit(u.group(1)) else None, text, of)


def _full_year(first: str, second: str) -> str:
    return second if len(second) == 4 else first[:2] + second


def _unit(h: str) -> str | None:
    for m in _BRACKET.finditer(h):
        u = _UNIT_LABEL.sub("", m.group(1))
        if is_unit(u):
            return u
    t = _PERCENT_TAIL.search(h)
    return t.group(0) if t else None


def columns(block: Block, n_header: int, plan_year: int | None, cap: Caption) -> list[Column]:
    """The columns of a table whose first `n_header` rows are its header."""
    tw = table_words()
    head: list[Row] = list(block.rows[:n_header])
    data = [r for r in block.rows[n_header:] if not r.rule]
    width = max(len(r.cells) for r in block.rows)
    tops: list[str] = []
    subs: list[str] = []
    for j in range(width):
        top = head[0].cells[j].key if j < len(head[0].cells) else ""
        tops.append(top or (tops[-1] if j > 1 and not _is_role(tops[-1], "label") else ""))
        subs.append("".join(r.cells[j].key for r in head[1:] if j < len(r.cells)))
    hdrs = [t + s for t, s in zip(tops, subs, strict=True)]

    roles: list[str] = []
    label_header = None
    for j, h in enumerate(hdrs):
        core = _BRACKET.sub("", h)
        if _is_role(core, "serial") or (not core and _serial_data(data, j)):
            roles.append("serial")
        elif _is_role(core, "unit"):
            roles.append("unit")
        elif _is_role(core, "skip"):
            roles.append("skip")
        elif label_header is None or _is_role(core, "label") or _is_role(core, "place") \
                or (core and core == label_header):
            roles.append("place" if _is_role(core, "place") else "label")
            label_header = core if label_header is None else label_header
        else:
            roles.append("value")

    years = sorted({int(y) for j, h in enumerate(hdrs) if roles[j] == "value" and not _YEAR_SPAN.search(h)
                    for y in _YEAR.findall(h)})
    aggregate = _aggregate_span(years, cap, plan_year)

    cols: list[Column] = []
    label = 0
    for j, h in enumerate(hdrs):
        if roles[j] in ("label", "place"):
            label = j
        if roles[j] != "value":
            cols.append(Column(j, roles[j], h, None, None, None, None, "", "", False, "home", label, ""))
            continue
        before = cols[-1] if cols and cols[-1].role == "value" else None
        cols.append(_value_column(j, h, subs[j], label, years, aggregate, plan_year, cap, before))
    return _with_nouns(cols, tw.generic_nouns)


def _is_role(core: str, role: str) -> bool:
    return core in table_words().roles[role]


def _serial_data(data: list[Row], j: int) -> bool:
    vals = [r.cells[j].key for r in data if j < len(r.cells) and r.cells[j].key]
    return bool(vals) and all(_SERIAL_CELL.match(v) for v in vals)


def _aggregate_span(years: list[int], cap: Caption, plan_year: int | None) -> str | None:
    """The span of an aggregate column: base year + 1 to end year of the table's year columns."""
    if len(years) >= 2:
        return f"{years[0] + 1}-{years[-1]}"
    if len(years) == 1:
        return f"{years[0] - 4}-{years[0]}"
    if cap.period and "-" in cap.period:
        return cap.period
    if cap.period:
        return f"{int(cap.period) - 4}-{cap.period}"
    return None


def _value_column(j: int, h: str, sub: str, label: int, years: list[int], aggregate: str | None,
                  plan_year: int | None, cap: Caption, before: Column | None = None) -> Column:
    tw = table_words()
    words = _YEAR.sub("", _YEAR_SPAN.sub("", _BRACKET.sub("", h)))
    kind = "actual" if tw.kind_actual_re.search(words) else "target" if tw.kind_target_re.search(words) else None
    span_g, span_l = tw.span_growth_re.search(words), tw.span_level_re.search(words)
    measure = ("growth" if span_g or tw.growth_re.search(words) else
               "change" if tw.change_re.search(_BRACKET.sub("", h).replace("（", "")) or "百分点" in h else None)
    why = f"table column {h}"
    span = _YEAR_SPAN.search(h)
    y = _YEAR.search(h)
    rel = _REL.search(words)
    named = next((s for n, s in context_rules().plan_periods.items() if n in h), None)
    period: str | None
    if span:
        period = f"{span.group(1)}-{_full_year(span.group(1), span.group(2))}"
    elif named:
        period = named
    elif y and not (span_g or span_l):
        period = y.group(1)
    elif rel and plan_year:
        period = str(plan_year + _RELATIVE[rel.group(0)])
    elif span_g or span_l:
        period = aggregate
        if period:
            why += f" → the span of the table's years {period}"
    elif measure and before is not None and before.measure is None and before.period and not before.aggregate:
        # | 2030年预计完成 | 比上年增长（%） | 2031年计划 | 比上年增长（%） |: each growth is of the value column before it
        period, kind = before.period, before.kind or kind  # (比上年 of a planned growth is no result)
        why += f" → the column before it, {before.header} ({before.kind} {before.period})"
    elif measure and len(years) == 1:
        period = str(years[0])  # 2019年 | 比上年增长: the growth of that year
        why += f" → the table's year {period}"
    elif cap.period:
        period = cap.period
        why += f"; caption {cap.text[:30]} → {period}"
    else:
        period = None
    # a caption of completions (…完成情况) makes every column actual; a year over by the plan year is
    # actual whatever a caption of targets says (the base year of a plan table)
    if kind is None and cap.kind == "actual":
        kind = "actual"
        why += f"; caption {cap.text[:30]} → actual"
    if period is not None and kind is None and plan_year is not None:
        kind = "actual" if int(period[-4:]) < plan_year else "target"
        why += f" ({'over' if kind == 'actual' else 'not over'} by {plan_year})"
    if kind is None and cap.kind:
        kind = cap.kind
        why += f"; caption {cap.text[:30]} → {kind}"
    scope = "city" if _SUB_CITY.match(sub) else "home"
    if tw.plan_share_re.search(words) and not (span_g or span_l) and measure is None:
        # | 2023年完成 | 完成计划（%） |: how much of the plan the column before met, that year's, named as a completion
        # rate (the name kept whatever the other columns: SHARE_NOUNS)
        if before is not None and before.period and not y:
            period = before.period
            why += f" → the share of the plan met in the column before it, {before.header} ({before.period})"
        noun = "预算完成率" if "预算" in words else "计划完成率"
        return Column(j, "value", h, "actual", period, None, _unit(h) or "%", noun, noun, False, scope, label, why)
    noun = _NOUN_TRIM.sub("", _REL.sub("", tw.kind_actual_re.sub("", tw.kind_target_re.sub("", _noun_core(words)))))
    noun = "" if noun in _SCOPE_WORDS else noun
    return Column(j, "value", h, kind, period, measure, _unit(h), noun, noun, bool(span_g or span_l), scope, label, why)


SHARE_NOUNS: Final = ("计划完成率", "预算完成率")  # (a column's noun kept even where no other column has one)


def _noun_core(words: str) -> str:
    tw = table_words()
    for r in (tw.span_growth_re, tw.span_level_re, tw.growth_re, tw.change_re):
        words = r.sub("", words)
    return words


def _with_nouns(cols: list[Column], generic: frozenset[str]) -> list[Column]:
    """Nouns stay only where two value columns measure different things (数量 … 金额)."""
    # an empty noun counts: 年末数（万人） … 比重（%） are two things (the second is 全国总人口比重)
    levels = {c.noun for c in cols if c.role == "value" and c.measure is None}
    out: list[Column] = []
    last = ""
    for c in cols:
        if c.role != "value":
            last = "" if c.role in ("label", "place") else last
            out.append(c)
            continue
        name = c.noun
        if c.measure is None:
            last = name
        elif not name:
            name = last  # 比上年增长 after 金额: the growth of the amount
        noun = name if (len(levels) >= 2 or name in SHARE_NOUNS) and name not in generic else ""
        out.append(replace(c, noun=noun, name=name))
    return out

