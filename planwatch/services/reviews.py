"""The review of a government-funded IT project in the register (issue 9): it is submitted with a
requested budget, goes through a pre-review (前置审查) and a joint review (联席评审, one opinion a
reviewer), and gets an approved budget; the cut (审减) is requested − approved, per project and as a
share of the request over any set of projects.

    submit      the request: amount and date (once)
    prereview   the pre-review's result (pass, revise, reject) and opinion; after the submission
    joint       a reviewer's opinion in the joint review, with a suggested amount; after a passed pre-review
    approve     the approved budget; after the joint review, once
    review_of   a project's review: its steps, requested, approved, cut
    cuts        the cuts of the approved projects (a region, the year of approval, or given ids) and their sum

Every step is a project_reviews row and an audited project_events row (action "review").
Amounts are 元, 万元 (default) or 亿元; sums are in 万元.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date
from typing import Any

from ..errors import UsageError
from ..store import register as reg
from ..store.register import RegisteredProject, ReviewStep
from .common import DB, database, now
from .query import choice, date_value, number, text_value
from .register import _load, _who

STEPS = ("submit", "prereview", "joint", "approve")
RESULTS = ("pass", "revise", "reject")
UNITS = {"元": 1e-4, "万元": 1.0, "亿元": 1e4}   # to 万元
DEFAULT_UNIT = "万元"


@dataclass(frozen=True)
class ProjectReview:
    """A project's review so far: its steps in order, the request, the approval and the cut (万元)."""

    project: RegisteredProject
    steps: tuple[ReviewStep, ...]
    state: str | None             # the last step (None: not submitted)
    requested: float | None       # 万元
    approved: float | None        # 万元
    approved_on: str | None

    @property
    def cut(self) -> float | None:
        return None if self.requested is None or self.approved is None else self.requested - self.approved

    @property
    def share(self) -> float | None:
        c = self.cut
        return None if c is None or not self.requested else c / self.requested

    def to_dict(self) -> dict[str, Any]:
        return {"project_id": self.project.id, "name": self.project.name, "region": self.project.region,
                "state": self.state, "requested": self.requested, "approved": self.approved,
                "approved_on": self.approved_on, "cut": self.cut, "share": self.share, "unit": DEFAULT_UNIT,
                "steps": [s.to_dict() for s in self.steps]}


@dataclass(frozen=True)
class Cuts:
    """The cuts of a set of approved projects and their sum: share = total cut / total request."""

    items: tuple[ProjectReview, ...]
    requested: float
    approved: float

    @property
    def cut(self) -> float:
        return self.requested - self.approved

    @property
    def share(self) -> float | None:
        return self.cut / self.requested if self.requested else None

    def to_dict(self) -> dict[str, Any]:
        return {"items": [{k: v for k, v in r.to_dict().items() if k != "steps"} for r in self.items],
                "total": {"projects": len(self.items), "requested": self.requested, "approved": self.approved,
                          "cut": self.cut, "share": self.share, "unit": DEFAULT_UNIT}}


def _wan(amount: float | None, unit: str | None) -> float | None:
    return None if amount is None else amount * UNITS[unit or DEFAULT_UNIT]


def _summary(p: RegisteredProject, steps: list[ReviewStep]) -> ProjectReview:
    sub = next((s for s in steps if s.step == "submit"), None)
    ok = next((s for s in steps if s.step == "approve"), None)
    return ProjectReview(p, tuple(steps), steps[-1].step if steps else None,
                         _wan(sub.amount, sub.amount_unit) if sub else None,
                         _wan(ok.amount, ok.amount_unit) if ok else None, ok.date if ok else None)


def _check_order(step: str, steps: list[ReviewStep]) -> None:
    done = {s.step for s in steps}
    if "approve" in done:
        raise UsageError("the review is closed: the budget is approved already")
    if step == "submit" and "submit" in done:
        raise UsageError("submitted already (one request a project)")
    if step != "submit" and "submit" not in done:
        raise UsageError(f"{step}: submit the project first (`review submit ID --amount …`)")
    passed = any(s.step == "prereview" and s.result == "pass" for s in steps)
    if step in ("joint", "approve") and not passed:
        raise UsageError(f"{step}: the pre-review has not passed it yet")
    if step == "approve" and "joint" not in done:
        raise UsageError("approve: no joint review opinion yet")


def _record(db: DB, project_id: int, step: str, *, date: str | None, amount: float | None = None,
            unit: str | None = None, result: str | None = None, reviewer: str | None = None,
            opinion: str | None = None, author: str | None = None) -> ProjectReview:
    when = date_value("--date", date) or Date.today().isoformat()
    amt = number("--amount", amount, minimum=0)
    unit = choice("--unit", unit, tuple(UNITS)) or (DEFAULT_UNIT if amt is not None else None)
    result = choice("--result", result, RESULTS, fold=True)
    reviewer = text_value("--reviewer", reviewer, "author")
    opinion = text_value("--opinion", opinion, "note")
    who, _ = _who(author, None)
    t = now()
    with database(db) as d, d.write() as conn:
        p = _load(conn, project_id)
        steps = reg.list_reviews(conn, p.id)
        _check_order(step, steps)
        if steps and when < steps[-1].date:
            raise UsageError(f"--date {when}: before the previous step ({steps[-1].date})")
        row = {"project_id": p.id, "step": step, "date": when, "amount": amt, "amount_unit": unit,
               "result": result, "reviewer": reviewer, "opinion": opinion, "author": who, "created_at": t}
        reg.insert_review(conn, row)
        reg.insert_event(conn, project_id=p.id, action="review", field=step, date=when, author=who, created_at=t,
                         new_value={k: v for k, v in row.items() if k in ("amount", "amount_unit", "result",
                                                                         "reviewer") and v is not None} or None,
                         note=opinion)
        reg.update_project(conn, p.id, {"updated_at": t})
        return _summary(p, reg.list_reviews(conn, p.id))


def submit(db: DB, project_id: int, amount: float | None, *, unit: str | None = None, date: str | None = None,
           opinion: str | None = None, author: str | None = None) -> ProjectReview:
    """The project is submitted for review with its requested budget."""
    if amount is None:
        raise UsageError("submit: give the requested budget (--amount)")
    return _record(db, project_id, "submit", date=date, amount=amount, unit=unit, opinion=opinion, author=author)


def prereview(db: DB, project_id: int, result: str | None, *, opinion: str | None = None, reviewer: str | None = None,
              date: str | None = None, author: str | None = None) -> ProjectReview:
    """The pre-review's result: pass (on to the joint review), revise (to be resubmitted to it), reject."""
    if result is None:
        raise UsageError(f"prereview: give the result (--result {'|'.join(RESULTS)})")
    return _record(db, project_id, "prereview", date=date, result=result, opinion=opinion, reviewer=reviewer,
                   author=author)


def joint(db: DB, project_id: int, opinion: str | None, *, reviewer: str | None = None, amount: float | None = None,
          unit: str | None = None, result: str | None = None, date: str | None = None,
          author: str | None = None) -> ProjectReview:
    """One reviewer's opinion in the joint review, with the amount they suggest if any."""
    if opinion is None:
        raise UsageError("joint: give the reviewer's opinion (--opinion)")
    return _record(db, project_id, "joint", date=date, amount=amount, unit=unit, result=result, opinion=opinion,
                   reviewer=reviewer, author=author)


def approve(db: DB, project_id: int, amount: float | None, *, unit: str | None = None, date: str | None = None,
            opinion: str | None = None, author: str | None = None) -> ProjectReview:
    """The approved budget; the review is closed."""
    if amount is None:
        raise UsageError("approve: give the approved budget (--amount)")
    return _record(db, project_id, "approve", date=date, amount=amount, unit=unit, opinion=opinion, author=author)


def review_of(db: DB, project_id: int) -> ProjectReview:
    """A project's review so far (no steps when it was never submitted)."""
    with database(db) as d, d.read() as conn:
        p = _load(conn, project_id)
        return _summary(p, reg.list_reviews(conn, p.id))


def cuts(db: DB, *, region: str | None = None, period: str | int | None = None,
         ids: list[int] | None = None) -> Cuts:
    """The approved projects (of `region`, approved in the year `period`, among `ids`) with their cuts,
    and the sum over them."""
    region = text_value("--region", region, "region")
    year = None if period in (None, "") else str(period).strip()
    if year is not None and not (year.isdigit() and len(year) == 4):
        raise UsageError(f"--period {year[:20]!r}: a year (2025)")
    with database(db) as d, d.read() as conn:
        projects = {p.id: p for p in reg.list_projects(conn, region=region)}
        steps: dict[int, list[ReviewStep]] = {}
        for s in reg.list_reviews(conn):
            steps.setdefault(s.project_id, []).append(s)
    want = None if ids is None else {int(i) for i in ids}
    if want is not None and (missing := sorted(want - {p for p in projects})) and region is None:
        raise UsageError(f"no project #{missing[0]} in the register")
    rows = [_summary(p, steps.get(pid, [])) for pid, p in sorted(projects.items())
            if want is None or pid in want]
    rows = [r for r in rows if r.approved is not None and (year is None or (r.approved_on or "")[:4] == year)]
    return Cuts(tuple(rows), sum(r.requested or 0.0 for r in rows), sum(r.approved or 0.0 for r in rows))


__all__ = ["RESULTS", "STEPS", "UNITS", "Cuts", "ProjectReview", "approve", "cuts", "joint", "prereview",
           "review_of", "submit"]
