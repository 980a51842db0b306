"""A document's text cut into plain runs and highlighted facts, for its page.

Facts at the same characters share one highlight; a fact overlapping one already placed
is not highlighted (it stays in the list beside the text). The template escapes every run.

    >>> from types import SimpleNamespace as F
    >>> [(p.text, p.ids) for p in segments("增长6%左右", [F(id="a", start=2, end=3, kind="target", duplicate=False)])]
    [('增长', ()), ('6', ('a',)), ('%左右', ())]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Part:
    text: str
    ids: tuple[str, ...] = ()
    kind: str = ""          # target | actual | mixed
    duplicate: bool = False


def segments(text: str, facts: Sequence[Any]) -> list[Part]:
    spans: dict[tuple[int, int], list[Any]] = {}
    for f in sorted(facts, key=lambda f: (f.start, f.end)):
        if 0 <= f.start < f.end <= len(text):
            spans.setdefault((f.start, f.end), []).append(f)
    out: list[Part] = []
    pos = 0
    for (a, b), group in sorted(spans.items()):
        if a < pos:
            continue
        if a > pos:
            out.append(Part(text[pos:a]))
        kinds = {getattr(f.kind, "value", f.kind) for f in group}
        out.append(Part(text[a:b], tuple(f.id for f in group), kinds.pop() if len(kinds) == 1 else "mixed",
                        all(f.duplicate for f in group)))
        pos = b
    if pos < len(text):
        out.append(Part(text[pos:]))
    return out
