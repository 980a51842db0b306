"""How planwatch words what it found, for the CLI and the web pages alike.

Verdicts, gaps, conflict and corroboration lines, and the few rules that keep
text from files safe to print: a file name or a value from a document never
brings a line break or a terminal escape sequence into a message.

    >>> gap_text(-1.3, "个百分点"), gap_text(6.0, "家"), gap_text(None, None)
    ('-1.3个百分点', '+6家', '')
    >>> safe("a\\nb\\x1b[2J.txt")
    'a\\\\nb\\\\x1b[2J.txt'
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

# C0/C1 controls and the other invisible format characters a terminal may act on
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
_CONTROL_OR_NEWLINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")


def _escape(ch: str) -> str:
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch) or ch.encode("unicode_escape").decode("ascii")


def safe(text: Any) -> str:
    """A file name or user value fit for one line of a message: controls and line breaks escaped."""
    return _CONTROL_OR_NEWLINE.sub(lambda m: _escape(m.group()), str(text))


def one_line(message: str) -> str:
    """An error message on one line: line breaks become spaces, controls are escaped."""
    return _CONTROL.sub(lambda m: _escape(m.group()), " ".join(str(message).split("\n"))).strip()


def printable(text: str) -> str:
    """A table cell: line breaks kept (the table wraps them), other controls escaped."""
    return _CONTROL.sub(lambda m: _escape(m.group()), text)


def number(v: float) -> str:
    """A float as a person writes it: 7.0 → 7, 5.48 → 5.48, 0.1 + 0.2 → 0.3.

    >>> number(1.3e4), number(0.1 + 0.2), number(-28.0)
    ('13000', '0.3', '-28')
    """
    if not math.isfinite(v):
        return str(v)
    if abs(v) >= 1e15:
        return repr(v)
    d = Decimal(repr(round(float(v), 9))).normalize()
    return format(d, "f")


def width(text: str) -> int:
    """Columns a string takes in a terminal (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# ---------------------------------------------------------------- scorecard

VERDICT_WORDS = {"met": "met", "missed": "missed", "partly": "partly", "unknown": "unknown"}


def gap_text(gap: float | None, unit: str | None) -> str:
    """actual − target with its sign and unit: +2个百分点, -1.3个百分点, +6家."""
    if gap is None:
        return ""
    sign = "+" if gap > 0 else ("-" if gap < 0 else "±")
    return f"{sign}{number(abs(gap))}{unit or ''}"


def verdict_text(line: Any) -> str:
    """The verdict column of a scorecard line: the indicator's verdict, the part's when the
    target has several parts, and a warning when the sources of the result disagree."""
    text = VERDICT_WORDS.get(line.verdict, line.verdict)
    if line.parts > 1:
        text += f" ({line.part}/{line.parts}: {line.part_verdict})"
    if line.conflicting:
        text += " ⚠ sources disagree"
    return text


def note_text(line: Any) -> str:
    """Why the verdict is what it is, in a few words (empty when the numbers say it)."""
    if line.verdict == "unknown" or line.part_verdict == "unknown":
        return line.note or ""
    return ""


def short_names(docs: Iterable[str]) -> dict[str, str]:
    """Each document's name cut to the fewest last path parts that still tell it from the others:
    reports/云岭市/2024.md and reports/石港市/2024.md → 云岭市/2024.md and 石港市/2024.md.

    >>> short_names(["a/x/2024.md", "a/y/2024.md", "a/y/2023.md"])
    {'a/x/2024.md': 'x/2024.md', 'a/y/2024.md': 'y/2024.md', 'a/y/2023.md': '2023.md'}
    """
    names = list(dict.fromkeys(docs))
    parts = {d: tuple(d.replace("\\", "/").split("/")) for d in names}
    out: dict[str, str] = {}
    todo = names
    k = 1
    # Tails of k parts counted once for all names, k = 1, 2, …: a page of conflicts names a
    # hundred documents, and comparing each with every other cost more than the page's query.
    while todo:
        tails = Counter(p[-k:] for p in parts.values())
        left = []
        for d in todo:
            if len(parts[d]) < k:
                out[d] = d
            elif tails[parts[d][-k:]] == 1:
                out[d] = "/".join(parts[d][-k:])
            else:
                left.append(d)
        todo, k = left, k + 1
    return {d: out[d] for d in names}


def sources_text(line: Any, short: dict[str, str] | None = None) -> str:
    """The documents behind a scorecard line: targets / results."""
    name = (short or {}).get
    t = list(dict.fromkeys(name(s.doc, s.doc) for s in line.target_sources))
    a = list(dict.fromkeys(name(s.doc, s.doc) for s in line.actual_sources))
    return ", ".join(t) + (" / " + ", ".join(a) if a else "")


def scorecard_rows(lines: Sequence[Any]) -> list[dict[str, str | None]]:
    """Scorecard lines as the table shows them (documents by their short names)."""
    short = short_names(s.doc for ln in lines for s in (*ln.target_sources, *ln.actual_sources))
    return [scorecard_row(ln, short) for ln in lines]


def scorecard_row(line: Any, short: dict[str, str] | None = None) -> dict[str, str | None]:
    """One scorecard line as the table shows it."""
    return {"indicator": line.indicator, "region": line.region, "period": line.period,
            "target": line.target_text, "actual": line.actual_text or "", "verdict": verdict_text(line),
            "gap": gap_text(line.gap, line.gap_unit), "note": note_text(line),
            "sources": sources_text(line, short)}


# ---------------------------------------------------------------- conflicts & corroboration

def value_text(value: float | None, unit: str | None) -> str:
    return "" if value is None else f"{number(value)}{unit or ''}"


def conflict_rows(found: Sequence[Any]) -> list[dict[str, str | None]]:
    """Conflicts as the table shows them (documents by their short names)."""
    short = short_names(d for c in found for v in c.variants for d in v.docs)
    return [conflict_row(c, short) for c in found]


def conflict_row(c: Any, short: dict[str, str] | None = None) -> dict[str, str | None]:
    """One conflict as the table shows it: every variant with its documents."""
    name = (short or {}).get
    return {"indicator": c.key.indicator, "region": c.key.region, "period": c.key.period,
            "kind": c.key.kind, "measure": c.key.measure, "severity": c.severity,
            "values": " / ".join(f"{v.surface_text} ({', '.join(name(d, d) for d in v.docs)})"
                                 for v in c.variants),
            "spread": value_text(c.spread, c.spread_unit)}


def corroboration_row(s: Any) -> dict[str, Any]:
    return {"indicator": s.key.indicator, "region": s.key.region, "period": s.key.period, "kind": s.key.kind,
            "value": value_text(s.value, s.unit), "status": s.status, "docs": s.n_docs, "agreeing": s.n_agreeing}
