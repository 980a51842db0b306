"""Table grids: runs of TAB, `|` or space-aligned lines, their cells, and the caption above them.

Cells keep their offsets in the text. Markup inside a cell (`<br>`, `**bold**`, a footnote mark
such as 钢材[32]) is masked with spaces of the same length, so a cell's numbers are read without
it and their offsets stay those of the text as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from ..lexicon import scanning

_SPLIT: Final = re.compile(r"\t|\s*\|\s*")
# columns set apart by runs of spaces (text from a PDF or a fixed-width file)
_SPACE_SPLIT: Final = scanning(re.compile(r"(?<=\S)(?: {2,}|\u3000+)(?=\S)"))
# a footnote mark follows words (房地产业[49]); a bracketed figure alone ([8]) is a value
_MARKUP: Final = scanning(re.compile(r"<br\s*/?>|\*\*|&nbsp;|(?<=[\u4e00-\u9fff）)A-Za-z])\[\d{1,3}\]"))
_SPACE: Final = re.compile(r"[\s\u3000][\s\u3000]*")  # (not [\s\u3000]+: re skips ahead to a class, not to a repeat)
# 指标\t2024年: a table of two columns; short, and not a numbered heading with its title (一、\t总体要求)
_TWO_CELLS: Final = re.compile(r"^[ \u3000]*(?![一二三四五六七八九十]+、|第[一二三四五六七八九十]+|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．])"
                        r"[^\t]{1,20}\t[ \u3000]*\S[^\t]{0,40}$")
_RULE_ROW: Final = re.compile(r"^[\s|:\-—–]+$")
_SENTENCE_END: Final = ("。", "！", "？", "；", "!", "?", ";")
CAPTION_MAX: Final = 60      # a caption is a short line; a longer one is prose
CAPTION_LINES: Final = 2


@dataclass(frozen=True)
class Cell:
    start: int     # offset in the text of the cell's first character
    raw: str       # the cell as written (digits folded), markup masked by spaces
    key: str       # the cell without spaces and markup: what words are matched on

    # (written out, as TextView's: native when compiled, where the dataclass's own __init__ runs interpreted)
    def __init__(self, start: int, raw: str, key: str) -> None:
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "raw", raw)
        object.__setattr__(self, "key", key)


@dataclass(frozen=True)
class Row:
    start: int     # offset of the line
    line: str
    cells: tuple[Cell, ...]
    rule: bool     # a Markdown rule row (|---|---|) under a header


@dataclass(frozen=True)
class Block:
    rows: tuple[Row, ...]
    caption: str   # the short lines just above the table, markup masked, spaces collapsed
    start: int
    end: int


def mask(s: str) -> str:
    """`s` with markup replaced by spaces (same length)."""
    return _MARKUP.sub(lambda m: " " * len(m.group(0)), s) if ("<" in s or "*" in s or "[" in s or "&" in s) else s


def key(s: str) -> str:
    return _SPACE.sub("", mask(s))


def cells(line: str) -> list[tuple[int, str]]:
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


def is_row(line: str) -> bool:
    tabs = line.count("\t")
    return tabs >= 2 or (tabs == 1 and _TWO_CELLS.match(line) is not None) or line.count("|") >= 3 or (
        ("  " in line or "\u3000" in line) and len(_SPACE_SPLIT.findall(line)) >= 2)


def blocks(text: str) -> list[Block]:
    """Runs of two or more table lines (blank lines inside a run are skipped), with their captions."""
    out: list[Block] = []
    cur: list[tuple[int, str]] = []
    lines: list[tuple[int, str]] = []  # every line so far, for captions (a table row ends a caption)
    pos = 0
    for line in text.split("\n"):
        if not line:  # an empty line (a report's every other line) is no row, and leaves a run open
            lines.append((pos, line))
            pos += 1
            continue
        if is_row(line) or (cur and _SPACE_SPLIT.search(line) and "\t" not in cur[-1][1] and "|" not in cur[-1][1]):
            cur.append((pos, line))  # inside a space-aligned table, two cells make a row (市计划  区计划)
        elif line.strip() or not cur:
            if len(cur) >= 2:
                out.append(_block(cur, lines))
            cur = []
        lines.append((pos, line))
        pos += len(line) + 1
    if len(cur) >= 2:
        out.append(_block(cur, lines))
    return out


def _block(rows: list[tuple[int, str]], before: list[tuple[int, str]]) -> Block:
    start = rows[0][0]
    caption: list[str] = []
    for off, line in reversed(before):
        if off >= start:
            continue
        s = line.strip()
        if not s:
            if caption:
                break
            continue
        if len(s) > CAPTION_MAX or s.endswith(_SENTENCE_END) or is_row(line) or len(caption) >= CAPTION_LINES:
            break
        caption.insert(0, _SPACE.sub(" ", mask(s)).strip())
    made = [Row(off, line, tuple(Cell(off + c, mask(t), key(t)) for c, t in cells(line)),
                _RULE_ROW.match(line) is not None) for off, line in rows]
    if not any("\t" in line or "|" in line for _, line in rows):
        made = _align(made)
    return Block(tuple(made), " ".join(caption), start, rows[-1][0] + len(rows[-1][1]))


def _width(s: str) -> int:
    """Display width: CJK and full-width characters take two columns of a fixed-width page."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


def _align(rows: list[Row]) -> list[Row]:
    """Space-aligned rows with fewer cells than the widest (an empty cell is invisible): each cell
    goes to the column its text stands under, the others are empty."""
    widest = max(rows, key=lambda r: len(r.cells))
    n = len(widest.cells)

    def spans(r: Row) -> list[tuple[int, int]]:
        out = []
        for c in r.cells:
            a = _width(r.line[:c.start - r.start])
            out.append((a, a + _width(c.raw)))
        return out

    cols = spans(widest)
    out: list[Row] = []
    for r in rows:
        if len(r.cells) >= n or not r.cells:
            out.append(r)
            continue
        slots: list[Cell | None] = [None] * n
        k = 0
        for c, (a, b) in zip(r.cells, spans(r), strict=True):
            # the column it overlaps most, else the nearest, never left of the one before
            best = max(range(k, n), key=lambda j: (min(b, cols[j][1]) - max(a, cols[j][0]),
                                                   -abs(a - cols[j][0])))
            if slots[best] is not None:
                best = next((j for j in range(best, n) if slots[j] is None), best)
            slots[best] = c
            k = best + 1 if best + 1 < n else best
        end = r.start + len(r.line)
        out.append(Row(r.start, r.line, tuple(c or Cell(end, "", "") for c in slots), r.rule))
    return out
