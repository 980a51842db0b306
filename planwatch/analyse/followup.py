"""Follow-up: what became of a plan's promises (issue 9; rules in rules/analyse.toml [followup]).

For a region and a year Y, every named project the region's own documents promise for Y (a project
mention of kind target, period Y) is followed into the documents that report on Y (mentions of kind
actual, period Y or later, in any document): mentions are tied by project_match.compare, as
`planwatch projects --matches` ties them. The promise gets the stage reached (the most advanced
stage a later document reports) and a status:

* done          a later document reports it completed (竣工, 建成投运, 达到通车条件 …);
* in_progress   started or under way, at least as far as promised;
* behind        less far than promised (推进 promised, still 即将开工 at year end);
* contradicted  two later documents report stages that cannot both hold (筹建 in one, opened in the other);
* unclear       later documents name it without a stage;
* not_mentioned no later document names it.

A project reported for Y that no promise names is listed too when its reports contradict each other
(all of them with `reported=True`). Quantitative tasks are the scorecard's lines (analyse/scorecard.py)
whose target stands in the region's plan: met → done, missed → behind, partly → in_progress, no
actual → not_mentioned. Pure: documents already read and extracted in (their project mentions, task
nodes and facts, duck-typed as planwatch.extract makes them) and the function that ties two
mentions; rows out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import word
from .rules import FollowRules, load
from .scorecard import MET, MISSED, PARTLY, ScoreLine, scorecard

# How sure it is that two project mentions name one project, and why; None when they do not
# (the services pass planwatch.extract.project_match.compare with its threshold).
Match = Callable[[Any, Any], "tuple[float, str] | None"]

DONE, IN_PROGRESS, BEHIND = "done", "in_progress", "behind"
CONTRADICTED, UNCLEAR, NOT_MENTIONED = "contradicted", "unclear", "not_mentioned"
STATUSES = (DONE, IN_PROGRESS, BEHIND, CONTRADICTED, UNCLEAR, NOT_MENTIONED)
_VERDICT_STATUS = {MET: DONE, MISSED: BEHIND, PARTLY: IN_PROGRESS}
_SENTENCE_END = re.compile(r"[。；;！？!?\n]")
PASSAGE_MAX = 160


@dataclass(frozen=True)
class FollowDoc:
    """One document as the follow-up reads it: its text, home region, facts, projects and tasks."""

    name: str
    text: str
    home: str | None
    facts: tuple[Any, ...] = ()       # planwatch.model.Fact
    mentions: tuple[Any, ...] = ()    # planwatch.extract.projects.ProjectMention
    tasks: tuple[Any, ...] = ()       # planwatch.extract.tasks.TaskNode
    order: tuple[Any, ...] = ()       # sort key of the document (its date), earlier first


@dataclass(frozen=True)
class Source:
    """A passage that promises or reports: the name (or figure) at [start, end) and its sentence."""

    doc: str
    start: int
    end: int
    text: str                 # the name or figure as written
    stage: str | None         # a project's stage in this passage
    kind: str | None
    period: str | None
    passage: str              # the sentence around it
    passage_start: int
    confidence: float | None = None   # how sure the tie to the promise is (projects)
    why: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass(frozen=True)
class FollowUp:
    region: str
    period: str
    type: str                   # project | figure
    name: str
    task: str                   # heading of the plan's task that holds the promise ("" for none)
    promised: bool              # False: reported for the year without a promise found
    promised_stage: str | None  # a project's stage promised; a figure's target as written
    status: str
    reached: str | None         # the stage reported (projects), the actual as written (figures)
    confirm: bool               # a tie below the rules' `sure` confidence: for a person to confirm
    note: str
    promise: tuple[Source, ...] = field(default=())
    evidence: tuple[Source, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in ("region", "period", "type", "name", "task", "promised",
                                            "promised_stage", "status", "reached", "confirm", "note")}
        d["promise"] = [s.to_dict() for s in self.promise]
        d["evidence"] = [s.to_dict() for s in self.evidence]
        return d

    def to_row(self) -> dict[str, Any]:
        """Flat, for tables and CSV: sources become `doc:start text`."""
        d = self.to_dict()
        d["promise"] = "; ".join(f"{s.doc}:{s.start} {s.text}" for s in self.promise)
        d["evidence"] = "; ".join(f"{s.doc}:{s.start} {s.text}" + (f" ({s.stage})" if s.stage else "")
                                  for s in self.evidence)
        return d


def passage(text: str, start: int, end: int) -> tuple[str, int]:
    """The sentence holding [start, end), at most PASSAGE_MAX characters around it."""
    a = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    m = _SENTENCE_END.search(text, end)
    b = m.end() if m else len(text)
    a, b = max(a, start - PASSAGE_MAX // 2), min(b, end + PASSAGE_MAX // 2)
    raw = text[a:b]
    lead = len(raw) - len(raw.lstrip())
    return raw.strip(), a + lead


def _source(doc: FollowDoc, m: Any, conf: float | None = None, why: str = "") -> Source:
    p, ps = passage(doc.text, m.start, m.end)
    return Source(m.doc, m.start, m.end, m.name, m.stage, m.kind, m.period, p, ps, conf, why)


def _innermost(nodes: Sequence[Any], offset: int) -> Any | None:
    """The deepest plan task whose span holds `offset`."""
    best = None
    for n in nodes:
        if n.role == "plan" and n.start <= offset < n.end and (best is None or n.level > best.level):
            best = n
    return best


class _Sets:
    """Union-find over indices: mentions of one project."""

    def __init__(self, n: int) -> None:
        self.up = list(range(n))

    def find(self, i: int) -> int:
        while self.up[i] != i:
            self.up[i] = self.up[self.up[i]]
            i = self.up[i]
        return i

    def join(self, i: int, j: int) -> None:
        self.up[self.find(i)] = self.find(j)


def _clusters(ms: Sequence[Any], match: Match) -> list[list[int]]:
    sets = _Sets(len(ms))
    for i, a in enumerate(ms):
        for j in range(i + 1, len(ms)):
            if sets.find(i) != sets.find(j) and match(a, ms[j]) is not None:
                sets.join(i, j)
    groups: dict[int, list[int]] = {}
    for i in range(len(ms)):
        groups.setdefault(sets.find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def _rank(stage: str | None, rules: FollowRules) -> int:
    """Position of a stage in the order (the most advanced of several wins)."""
    return rules.order.index(stage) if stage in rules.order else -1


def _level(stage: str | None, rules: FollowRules) -> int:
    """How far a stage counts against a promise (started and in_progress are on a par)."""
    return rules.rank.get(stage or "", -1)


def _reached(evidence: Sequence[Source], rules: FollowRules) -> tuple[str | None, bool, str]:
    """The most advanced stage reported, whether two documents contradict each other, and why."""
    by_doc: dict[str, str] = {}
    for s in evidence:
        if s.stage in rules.order and _rank(s.stage, rules) > _rank(by_doc.get(s.doc), rules):
            by_doc[s.doc] = s.stage  # type: ignore[assignment]
    if not by_doc:
        return None, False, ""
    reached = max(by_doc.values(), key=lambda st: _rank(st, rules))
    for d1, s1 in by_doc.items():
        for d2, s2 in by_doc.items():
            if d1 < d2 and frozenset((s1, s2)) in rules.contradicted:
                return reached, True, f"{d1} says {s1}, {d2} says {s2}"
    return reached, False, ""


def _status(promised: str | None, evidence: Sequence[Source], rules: FollowRules) -> tuple[str, str | None, str]:
    if not evidence:
        return NOT_MENTIONED, None, "no later document names it"
    reached, contradicted, why = _reached(evidence, rules)
    if contradicted:
        return CONTRADICTED, reached, why
    if reached is None:
        return UNCLEAR, None, "named later without a stage"
    if reached in rules.done:
        return DONE, reached, f"reported {reached}"
    want = promised if promised in rules.order else rules.unknown_promise
    if _level(reached, rules) < _level(want, rules):
        return BEHIND, reached, f"reported {reached}, promised {want}"
    return IN_PROGRESS, reached, f"reported {reached}" + (f", promised {want}" if want != reached else ", as promised")


def follow_up(docs: Iterable[FollowDoc], region: str, period: str | int, match: Match, *,
              reported: bool = False, parents: Mapping[str, str] | None = None) -> list[FollowUp]:
    """The follow-up of `region`'s promises for `period` (see the module's doc): its projects in plan
    order, then projects reported without a promise (contradicted ones, or all with `reported`),
    then its figures."""
    rules = load().followup
    y = str(period)
    docs = sorted(docs, key=lambda d: (d.order, d.name))
    by_name = {d.name: d for d in docs}
    own = [d for d in docs if d.home == region]
    promises = [m for d in own for m in d.mentions if word(m.kind) == "target" and m.period == y]
    later = [m for d in docs for m in d.mentions
             if word(m.kind) == "actual" and m.period is not None and m.period.isdigit() and m.period >= y]
    rows: list[FollowUp] = []
    tied: set[tuple[str, int]] = set()
    for group in _clusters(promises, match):
        ms = [promises[i] for i in group]
        ev: list[Source] = []
        for e in later:
            best = max((g for g in (match(m, e) for m in ms) if g is not None), default=None)
            if best is not None:
                ev.append(_source(by_name[e.doc], e, best[0], best[1]))
                tied.add((e.doc, e.start))
        promised = max((m.stage for m in ms), key=lambda st: _rank(st, rules))
        status, reached, note = _status(promised, ev, rules)
        first = ms[0]
        node = _innermost(by_name[first.doc].tasks, first.start)
        rows.append(FollowUp(
            region, y, "project", first.name, node.heading if node else "", True,
            promised if promised in rules.order else None, status, reached,
            any((s.confidence or 0) < rules.sure for s in ev), note,
            tuple(_source(by_name[m.doc], m) for m in ms), tuple(ev)))
    rows += _reported(docs, by_name, region, later, tied, rules, reported, y, match)
    rows += _figures(docs, by_name, own, region, y, parents)
    return rows


def _reported(docs: Sequence[FollowDoc], by_name: Mapping[str, FollowDoc], region: str,
              later: Sequence[Any], tied: set[tuple[str, int]], rules: FollowRules,
              everything: bool, y: str, match: Match) -> list[FollowUp]:
    """Projects the region's later documents report for the year without a promise found."""
    homes = {d.name for d in docs if d.home == region}
    loose = [m for m in later if (m.doc, m.start) not in tied and m.period == y
             and (m.doc in homes or m.region == region)]
    out = []
    for group in _clusters(loose, match):
        ms = [loose[i] for i in group]
        ev = [_source(by_name[m.doc], m) for m in ms]
        reached, contradicted, why = _reached(ev, rules)
        if not (everything or contradicted):
            continue
        status = (CONTRADICTED if contradicted else UNCLEAR if reached is None
                  else DONE if reached in rules.done else IN_PROGRESS)
        out.append(FollowUp(region, y, "project", ms[0].name, "", False, None, status, reached, False,
                            why or "reported without a promise found", (), tuple(ev)))
    return out


def _figures(docs: Sequence[FollowDoc], by_name: Mapping[str, FollowDoc], own: Sequence[FollowDoc],
             region: str, y: str, parents: Mapping[str, str] | None) -> list[FollowUp]:
    """The scorecard's lines whose target the region's own documents state."""
    homes = {d.name for d in own}
    facts = [f for d in docs for f in d.facts]
    order = {d.name: (i, d.name) for i, d in enumerate(docs)}
    out = []
    for ln in scorecard(facts, region=region, period=y, parents=parents, doc_order=order):
        srcs = [s for s in ln.target_sources if s.doc in homes]
        if not srcs:
            continue
        node = next((n for s in srcs for n in [_innermost(by_name[s.doc].tasks, s.start)] if n is not None), None)
        out.append(_figure_row(ln, by_name, region, y, node.heading if node else ""))
    return out


def _figure_row(ln: ScoreLine, by_name: Mapping[str, FollowDoc], region: str, y: str, task: str) -> FollowUp:
    def src(s: Any) -> Source:
        text = by_name[s.doc].text if s.doc in by_name else ""
        p, ps = passage(text, s.start, s.end) if text else (s.evidence, s.start)
        return Source(s.doc, s.start, s.end, s.surface, None, None, y, p, ps)

    status = _VERDICT_STATUS.get(ln.verdict if ln.parts == 1 else ln.part_verdict, NOT_MENTIONED)
    note = ln.note or ("no actual yet" if status == NOT_MENTIONED else "")
    return FollowUp(region, y, "figure", ln.indicator, task, True, ln.target_text, status, ln.actual_text, False,
                    f"scorecard: {ln.part_verdict}" + (f" ({note})" if note else ""),
                    tuple(src(s) for s in ln.target_sources), tuple(src(s) for s in ln.actual_sources))


def summarise(rows: Iterable[FollowUp]) -> dict[str, dict[str, int]]:
    """Status counts per type: {'project': {'done': 3, …}, 'figure': {…}}."""
    out: dict[str, dict[str, int]] = {}
    for r in rows:
        out.setdefault(r.type, dict.fromkeys(STATUSES, 0))[r.status] += 1
    return out
