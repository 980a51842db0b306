"""Plan tables: rows of an indicator and cells under year/kind columns become facts cell by cell.

A table is a run of lines with two or more TAB (or `|`) separated cells. Its header
says each column's kind and period (2023年计划 → target 2023; 2023年预计完成 → actual
2023); a second header line may split a column into 市计划 / 区计划 (regions). A header
cell that is empty continues the one to its left (a merged cell).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Fact, Kind, Measure, Qualifier
from .indicators import headline
from .numbers import find_numbers
from .textview import make_view

_SPLIT = re.compile(r"\t|\s*\|\s*")
# columns set apart by runs of spaces (text from a PDF or a fixed-width file)
_SPACE_SPLIT = re.compile(r"(?<=\S)(?: {2,}|\u3000+)(?=\S)")
_COL_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# a column named by a relative year (上年完成, 今年计划): years back from the plan year
_COL_RELATIVE = {"前年": -2, "上年": -1, "去年": -1, "上一年": -1, "今年": 0, "本年": 0, "当年": 0}
_COL_REL = re.compile("|".join(sorted(_COL_RELATIVE, key=len, reverse=True)))
_COL_TARGET = re.compile(r"计划|目标|预期")
_COL_ACTUAL = re.compile(r"完成|实际|执行|预计|实绩")
_SUB_CITY = re.compile(r"^(?:市|州|盟)")
_SUB_LOCAL = re.compile(r"^(?:区|县|旗)")
_ROW_NUMBER = re.compile(r"^\s*(?:\d+\s*[.、．]|[（(]\d+[)）]|其中\s*[:：]|[一二三四五六七八九十]+、)\s*")
_ROW_FORM = re.compile(r"(?:增速|增长率|增长|增幅|[（(][^）)]*[）)])$")
_RELATION = re.compile(r"(高于|低于|快于|慢于|同步)")
_RELATION_QUAL = {"高于": "above", "快于": "above", "低于": "below", "慢于": "below", "同步": "exact"}
_LABEL_UNIT = re.compile(r"[（(]([^）)]{1,8})[）)]\s*$")
_BARE = re.compile(r"^\s*(-?)(\d+(?:\.\d+)?)\s*$")
_RULE_ROW = re.compile(r"^[\s|:\-—]+$")


@dataclass(frozen=True)
class Column:
    kind: str | None
    period: str | None
    scope: str           # "home" | "city"


def _cells(line: str) -> list[tuple[int, str]]:
    """(offset in line, cell text) of each cell; a Markdown row's outer pipes are not cells."""
    start, end = 0, len(line)
    if "\t" not in line and "|" not in line and _SPACE_SPLIT.search(line):
        out, pos = [], len(line) - len(line.lstrip())
        for m in _SPACE_SPLIT.finditer(line):
            out.append((pos, line[pos:m.start()]))
            pos = m.end()
        out.append((pos, line[pos:].rstrip()))
        return out
    if "\t" not in line:
        body = line.strip()
        if body.startswith("|"):
            start = line.index("|") + 1
        if body.endswith("|"):
            end = line.rindex("|")
    out, pos = [], start
    seg = line[start:end]
    for m in _SPLIT.finditer(seg + "\t"):
        out.append((pos, line[pos:start + m.start()]))
        pos = start + m.end()
    return out


def _is_row(line: str) -> bool:
    return line.count("\t") >= 2 or line.count("|") >= 3 or (
        ("  " in line or "\u3000" in line) and len(_SPACE_SPLIT.findall(line)) >= 2)


def _blocks(text: str) -> list[list[tuple[int, str]]]:
    """Runs of consecutive table lines: [(line offset, line)]."""
    blocks: list[list[tuple[int, str]]] = []
    cur: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        if _is_row(line):
            cur.append((pos, line))
        elif line.strip() or not cur:
            if len(cur) >= 2:
                blocks.append(cur)
            cur = []
        pos += len(line) + 1
    if len(cur) >= 2:
        blocks.append(cur)
    return blocks


def _columns(header: list[str], sub: list[str] | None, plan_year: int | None) -> dict[int, Column]:
    cols: dict[int, Column] = {}
    label = ""
    for j in range(1, max(len(header), len(sub or [])) ):
        h = re.sub(r"\s+", "", header[j]) if j < len(header) else ""
        label = h or label
        y = _COL_YEAR.search(label)
        rel = _COL_REL.search(label)
        period = y.group(1) if y else (str(plan_year + _COL_RELATIVE[rel.group(0)]) if rel and plan_year else None)
        kind = "actual" if _COL_ACTUAL.search(label) else "target" if _COL_TARGET.search(label) else None
        s = re.sub(r"\s+", "", sub[j]) if sub and j < len(sub) else ""
        scope = "city" if _SUB_CITY.match(s) else "home"
        cols[j] = Column(kind, period, scope)
    return cols


def block_line(text: str, off: int) -> str:
    end = text.find("\n", off)
    return text[off:end if end >= 0 else len(text)]


def table_facts(doc: str, text: str, folded: str, kind_period: Callable[[int], tuple[str, str | None]],
                home, plan_year: int | None = None) -> tuple[list[Fact], list[tuple[int, int]]]:
    """Facts of every plan table, and the spans the tables cover.

    `folded` (full-width digits folded, the same length as `text`) is parsed; surfaces and
    evidence are cut from `text`, as written."""
    facts: list[Fact] = []
    spans: list[tuple[int, int]] = []
    for block in _blocks(folded):
        rows = [(off, _cells(line)) for off, line in block]
        header_rows = []
        for off, cells in rows:
            if any(_COL_YEAR.search(c) or _COL_REL.search(c) or _SUB_CITY.match(c.strip()) or _SUB_LOCAL.match(c.strip()) for _, c in cells[1:]) \
                    and not any(find_numbers(make_view(c).clean) for _, c in cells[1:] if not _COL_YEAR.search(c)):
                header_rows.append(cells)
            else:
                break
        if not header_rows:
            continue
        header = [c for _, c in header_rows[0]]
        sub = [c for _, c in header_rows[1]] if len(header_rows) > 1 else None
        cols = _columns(header, sub, plan_year)
        spans.append((block[0][0], block[-1][0] + len(block[-1][1])))
        for off, cells in rows[len(header_rows):]:
            if _RULE_ROW.match(block_line(text, off)):
                continue  # |---|---| under a Markdown header
            facts += _row_facts(doc, text, off, cells, cols, kind_period, home)
    return facts, spans


def _row_facts(doc, text, off, cells, cols, kind_period, home) -> list[Fact]:
    if not cells:
        return []
    row_label = re.sub(r"\s+", "", _ROW_NUMBER.sub("", cells[0][1]))
    lu = _LABEL_UNIT.search(row_label)
    label_unit = lu.group(1) if lu else None          # 地区生产总值（亿元）: cells hold bare numbers
    row_label = row_label[:lu.start()] if lu else row_label
    name = _ROW_FORM.sub("", row_label)
    canon = headline(row_label) or headline(name)
    indicator, tier = (canon, "A") if canon else (name, "B")
    is_rate = bool(re.search(r"增速|增长|增幅", row_label))
    out = []
    for j, (coff, cell) in enumerate(cells[1:], start=1):
        col = cols.get(j)
        if col is None or not cell.strip() or cell.strip() in ("/", "-", "—", "／"):
            continue
        base = off + coff
        kind, period = col.kind, col.period
        if kind is None or period is None:
            k2, p2 = kind_period(base)
            kind, period = kind or k2, period or p2
        region, code = (home.city_name, home.city_code) if col.scope == "city" and home.city_name else (home.name, home.code)
        view = make_view(cell)
        nums = find_numbers(view.clean)
        bare = _BARE.match(cell) if label_unit and not nums else None
        if bare:
            s = base + bare.start(2)
            value = float(bare.group(2)) * (-1 if bare.group(1) else 1)
            unit = "%" if label_unit in ("%", "％") else label_unit
            measure = "growth" if is_rate and unit == "%" else "level"
            out.append(Fact(doc, s, s + len(bare.group(2)), text[base:base + len(cell)].strip(), Kind(kind), indicator,
                            Measure(measure), value, unit, Qualifier.EXACT, region, period, tier,
                            evidence=text[off:off + sum(len(cc) + 1 for _, cc in cells)].strip(), region_code=code))
            continue
        if not nums:
            m = _RELATION.search(cell)
            if m and canon:
                words = cell.strip()
                s = base + cell.find(words)
                out.append(Fact(doc, s, s + len(words), text[s:s + len(words)], Kind(kind), indicator, Measure.RELATION, None, None,
                                Qualifier(_RELATION_QUAL[m.group(1)]), region, period, tier,
                                evidence=text[off:off + sum(len(c) + 1 for _, c in cells)].strip(), region_code=code))
            continue
        c = nums[0]
        value = -abs(c.value) if c.negative else c.value
        measure = "growth" if is_rate and c.unit == "%" else "change" if c.unit in ("个百分点", "百分点", "基点") else "level"
        s, e = base + view.orig(c.start), base + view.orig_end(c.end)
        out.append(Fact(doc, s, e, text[base:base + len(cell)].strip(), Kind(kind), indicator, Measure(measure), value, c.unit,
                        Qualifier(c.qualifier), region, period, tier,
                        evidence=text[off:off + sum(len(cc) + 1 for _, cc in cells)].strip(), region_code=code))
    return out
