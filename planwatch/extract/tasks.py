"""The structure of a plan: numbered work areas and their tasks (rules/tasks.toml).

A line opening with a marker (一、 （一） 1. 1、 （1） ① a bullet, a markdown heading) starts a node;
the node holds every later line until a marker of the same or a more major rank opens, or until a
run of blank lines (a page's or an article's end) closes it; a bullet holds its paragraph only. Each
node knows its parent, its depth, its heading, the facts and project mentions whose span starts
inside it, and its role: `plan` when the document's section there is a target section (its period
the plan year), `review` otherwise (its period the year reviewed).

Pure: the text, its context, its facts and its mentions in; nodes with offsets into the text out.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from ..model import Document, Fact
from .context import DocumentContext
from .lexicon import TaskRules, task_rules
from .projects import ProjectMention

FIELDS: Final = ("doc", "id", "parent", "level", "marker", "start", "end", "heading", "heading_start",
          "heading_end", "role", "period")
_INDENT: Final = " \u3000\t"


@dataclass(frozen=True)
class TaskNode:
    doc: str
    id: int                  # index of the node in its document, in reading order
    parent: int | None       # id of the enclosing node
    level: int               # 1 = a top-level work area
    marker: str              # the marker as written (一、 （二） 3. -), or the markdown #s
    style: str               # the marker's name in rules/tasks.toml, or markdown
    start: int               # the node's span: from its marker …
    end: int                 # … to the end of its last line of text
    heading: str
    heading_start: int
    heading_end: int
    role: str                # plan | review
    period: str | None
    facts: tuple[Fact, ...] = field(default=(), compare=False)
    projects: tuple[ProjectMention, ...] = field(default=(), compare=False)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {k: getattr(self, k) for k in FIELDS}
        d["facts"] = [_fact(f) for f in self.facts]
        d["projects"] = [m.to_dict() for m in self.projects]
        return d

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)


def _fact(f: Fact) -> dict[str, Any]:
    return {"start": f.start, "end": f.end, "surface": f.surface, "kind": _word(f.kind),
            "indicator": f.indicator, "measure": _word(f.measure), "value": f.value, "unit": f.unit,
            "qualifier": _word(f.qualifier), "region": f.region, "period": f.period}


def _word(v: Any) -> Any:
    return getattr(v, "value", v)


@dataclass
class _Open:
    id: int
    rank: int
    markdown: bool
    paragraph: bool          # a bullet: closes at the first blank line


@dataclass(frozen=True)
class _Head:
    marker: str
    style: str
    rank: int
    heading_start: int
    heading_end: int
    paragraph: bool


def _lines(text: str) -> list[tuple[int, str]]:
    """Every line with its start offset, without its line break."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line.rstrip("\r")))
        pos += len(line) + 1
    return out


def _heading_end(text: str, a: int, line_end: int, rules: TaskRules) -> int:
    b = min(line_end, a + rules.heading_max)
    for i in range(a, b):
        if text[i] in rules.heading_ends:
            b = i
            break
    while b > a and text[b - 1] in _INDENT:
        b -= 1
    return b


def match_marker(text: str, pos: int, line: str, rules: TaskRules) -> _Head | None:
    """The marker opening the line at `pos`, if any (markdown headings first)."""
    if any(w in line for w in rules.skip_with):
        return None
    indent = len(line) - len(line.lstrip(_INDENT))
    rest = line[indent:]
    line_end = pos + len(line)
    if rules.markdown and rest.startswith("#"):
        hashes = len(rest) - len(rest.lstrip("#"))
        if hashes <= 6 and rest[hashes:].strip():
            a = pos + indent + hashes
            while a < line_end and text[a] in _INDENT:
                a += 1
            return _Head(rest[:hashes], "markdown", hashes, a, _heading_end(text, a, line_end, rules), False)
    for mk in rules.markers:
        m = mk.pattern.match(rest)
        if m is None or m.end() >= len(rest):
            continue
        after = rest[m.end():].strip(_INDENT)
        if mk.heading_only and (len(after) > rules.heading_max or any(c in rules.heading_ends for c in after)):
            continue
        a = pos + indent + m.end()
        while a < line_end and text[a] in _INDENT:
            a += 1
        return _Head(m.group(0).strip(_INDENT), mk.name, mk.rank, a, _heading_end(text, a, line_end, rules),
                     mk.name == "bullet")
    return None


def inline_markers(text: str, body: int, line_end: int, rules: TaskRules) -> list[tuple[int, int, _Head]]:
    """The tasks a paragraph [body, line_end) holds inside it (**甲。** …, 一是…二是…): (start, end,
    head) each, of the first kind of rules/tasks.toml [[inline]] found there often enough."""
    for im in rules.inline:
        ms = [m for m in im.pattern.finditer(text, body, line_end)
              if m.start() == body or text[m.start() - 1] in rules.inline_after]
        if len(ms) < im.min_count:
            continue
        out = []
        for i, m in enumerate(ms):
            end = ms[i + 1].start() if i + 1 < len(ms) else line_end
            while end > m.end() and text[end - 1] in _INDENT:
                end -= 1
            hs, he = m.span("heading")
            he = min(he, hs + rules.heading_max)
            out.append((m.start(), end, _Head(text[m.start():hs].strip(_INDENT), im.name, 1000, hs, he, False)))
        return out
    return []


def find_tasks(text: str, ctx: DocumentContext | None = None, facts: Sequence[Fact] = (),
               mentions: Sequence[ProjectMention] = (), *, doc: str = "") -> list[TaskNode]:
    """Every work area and task of `text` in reading order, with its facts and project mentions."""
    rules = task_rules()
    heads: list[tuple[int, _Head, int | None, int]] = []  # (start, head, parent, level)
    ends: dict[int, int] = {}
    stack: list[_Open] = []
    last_end = 0   # end of the last line holding text
    blanks = 0

    def close(keep: int) -> None:
        while len(stack) > keep:
            ends[stack.pop().id] = last_end

    for pos, line in _lines(text):
        if not line.strip(_INDENT + "\u00a0"):
            blanks += 1
            if stack and stack[-1].paragraph:
                close(len(stack) - 1)
            if blanks >= rules.break_blank_lines:
                close(sum(1 for o in stack if o.markdown))
            continue
        blanks = 0
        h = match_marker(text, pos, line, rules)
        if h is not None:
            close(sum(1 for o in stack if o.rank < h.rank))
            k = len(heads)
            heads.append((pos + len(line) - len(line.lstrip(_INDENT)), h, stack[-1].id if stack else None, len(stack) + 1))
            stack.append(_Open(k, h.rank, h.style == "markdown", h.paragraph))
        body = h.heading_start if h is not None else pos + len(line) - len(line.lstrip(_INDENT))
        for start, end, ih in inline_markers(text, body, pos + len(line), rules):
            ends[len(heads)] = end
            heads.append((start, ih, stack[-1].id if stack else None, len(stack) + 1))
        last_end = pos + len(line.rstrip(_INDENT + "\u00a0"))
    close(0)

    out = []
    for k, (start, h, parent, level) in enumerate(heads):
        end = max(ends[k], h.heading_end)
        role, period = _role(ctx, start)
        out.append(TaskNode(
            doc=doc, id=k, parent=parent, level=level, marker=h.marker, style=h.style, start=start, end=end,
            heading=text[h.heading_start:h.heading_end], heading_start=h.heading_start, heading_end=h.heading_end,
            role=role, period=period,
            facts=tuple(f for f in facts if start <= f.start < end),
            projects=tuple(m for m in mentions if start <= m.start < end)))
    return out


def _role(ctx: DocumentContext | None, offset: int) -> tuple[str, str | None]:
    """plan and the plan year in a target section; review and the year reviewed elsewhere."""
    if ctx is None:
        return "plan", None
    s = ctx.section_at(offset)
    if s.kind == "target":
        return "plan", s.period or (str(ctx.date.plan_year) if ctx.date else None)
    return "review", s.period or (str(ctx.date.review_year) if ctx.date else None)


def extract_tasks(doc: Document, *, date: str | None = None, region: str | None = None) -> list[TaskNode]:
    """The work areas and tasks of a document, with the facts `planwatch extract` finds and the
    project mentions `planwatch projects` finds, read in one context."""
    from .pipeline import extract
    from .projects import find_projects
    from .textview import make_view

    ext = extract(doc, date=date, region=region)
    mentions = find_projects(doc.text, ext.context, doc=doc.name, view=make_view(doc.text))
    return find_tasks(doc.text, ext.context, ext.facts, mentions, doc=doc.name)


def leaves(nodes: Sequence[TaskNode]) -> list[TaskNode]:
    """The nodes no other node is inside of (the tasks proper)."""
    parents = {n.parent for n in nodes}
    return [n for n in nodes if n.id not in parents]


def innermost(nodes: Sequence[TaskNode], offset: int) -> TaskNode | None:
    """The deepest node whose span holds `offset`."""
    best = None
    for n in nodes:
        if n.start <= offset < n.end and (best is None or n.level > best.level):
            best = n
    return best
