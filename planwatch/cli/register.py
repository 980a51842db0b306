"""`planwatch projects add|stage|note|edit|list|history|review --db …`: the project register, an office's
own list of projects with dated stages and progress notes, every change audited.

These are verbs of `planwatch projects` (whose other use, `planwatch projects PATH...`, reads files):
a first argument that is one of VERBS and no file on disk starts the register."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from .. import present
from ..services import register as rs
from ..services import reviews as rv
from .common import DbOpt, FormatOpt, check_format, db_url, emit, guard, say

VERBS = ("add", "stage", "note", "edit", "list", "history", "review")
LIST_COLUMNS = ("id", "name", "region", "unit", "stage", "planned_end", "actual_end", "planned_investment",
                "completed_investment", "last_date", "overdue", "stalled")
EVENT_COLUMNS = ("id", "project_id", "action", "date", "field", "old_value", "new_value", "note", "author",
                 "created_at")

app = typer.Typer(add_completion=False, rich_markup_mode=None, no_args_is_help=True,
                  help="the project register (`planwatch projects VERB … --db URL`)")

AuthorOpt = Annotated[str | None, typer.Option(metavar="NAME", help="who makes the change (default: the login name)")]
NoteOpt = Annotated[str | None, typer.Option(metavar="TEXT", help="why: kept in the audit trail")]
WhenOpt = Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="when it happened (default: today)")]
UnitOpt = Annotated[str | None, typer.Option("--unit", metavar="NAME", help="the responsible unit (责任单位)")]
PlannedStartOpt = Annotated[str | None, typer.Option("--planned-start", metavar="YYYY-MM-DD")]
PlannedEndOpt = Annotated[str | None, typer.Option("--planned-end", metavar="YYYY-MM-DD")]
ActualStartOpt = Annotated[str | None, typer.Option("--actual-start", metavar="YYYY-MM-DD")]
ActualEndOpt = Annotated[str | None, typer.Option("--actual-end", metavar="YYYY-MM-DD")]
PlannedInvOpt = Annotated[float | None, typer.Option("--planned-investment", metavar="AMOUNT",
                                                     help="in the investment unit (default 亿元)")]
DoneInvOpt = Annotated[float | None, typer.Option("--completed-investment", metavar="AMOUNT")]
InvUnitOpt = Annotated[str | None, typer.Option("--investment-unit", metavar="UNIT", help="亿元 (default), 万元 …")]
RegOpt = Annotated[str | None, typer.Option("--region", metavar="REGION")]


def _one(p: Any, fmt: str) -> None:
    emit([p.to_dict()], fmt, columns=("id", "name", "region", "unit", "stage", "planned_start", "planned_end",
                                      "actual_start", "actual_end", "planned_investment", "completed_investment",
                                      "investment_unit", "source_doc", "source_start"))


@app.command()
@guard
def add(
    name: Annotated[str, typer.Argument(metavar="NAME", help="the project's name")],
    region: RegOpt = None,
    unit: UnitOpt = None,
    stage: Annotated[str | None, typer.Option(metavar="STAGE", help=", ".join(rs.REGISTER_STAGES))] = None,
    planned_start: PlannedStartOpt = None,
    planned_end: PlannedEndOpt = None,
    planned_investment: PlannedInvOpt = None,
    completed_investment: DoneInvOpt = None,
    investment_unit: InvUnitOpt = None,
    source: Annotated[str | None, typer.Option("--from", metavar="PATH", help="take it from a document that "
                                                "names it: its stage, region and passage")] = None,
    date: WhenOpt = None,
    author: AuthorOpt = None,
    note: NoteOpt = None,
    format: FormatOpt = "table",
    db: DbOpt = None,
) -> None:
    """Add a project to the register, by hand or (--from PATH) as a document names it."""
    check_format(format)
    fields: dict[str, Any] = {"unit": unit, "planned_start": planned_start, "planned_end": planned_end,
              "planned_investment": planned_investment, "completed_investment": completed_investment,
              "investment_unit": investment_unit}
    if source:
        p = rs.add_from_text(db_url(db), source, name, author=author, note=note, stage=stage,
                             **({"region": region} if region else {}), **fields)
    else:
        p = rs.add_project(db_url(db), name, region=region, stage=stage, author=author, note=note, date=date,
                           **fields)
    say(f"added #{p.id} {present.safe(p.name)}")
    _one(p, format)


@app.command("stage")
@guard
def stage_(
    project: Annotated[int, typer.Argument(metavar="ID")],
    stage: Annotated[str, typer.Argument(metavar="STAGE", help=", ".join(rs.REGISTER_STAGES))],
    date: WhenOpt = None,
    author: AuthorOpt = None,
    note: NoteOpt = None,
    format: FormatOpt = "table",
    db: DbOpt = None,
) -> None:
    """Record the stage a project reached, dated."""
    check_format(format)
    _one(rs.set_stage(db_url(db), project, stage, date=date, author=author, note=note), format)


@app.command("note")
@guard
def note_(
    project: Annotated[int, typer.Argument(metavar="ID")],
    text: Annotated[str, typer.Argument(metavar="TEXT", help="the progress note")],
    date: WhenOpt = None,
    author: AuthorOpt = None,
    format: FormatOpt = "table",
    db: DbOpt = None,
) -> None:
    """Add a dated progress note (the weekly dispatch)."""
    check_format(format)
    e = rs.add_note(db_url(db), project, text, date=date, author=author)
    emit([e.to_dict()], format, columns=EVENT_COLUMNS)


@app.command()
@guard
def edit(
    project: Annotated[int, typer.Argument(metavar="ID")],
    name: Annotated[str | None, typer.Option("--name", metavar="NAME")] = None,
    region: RegOpt = None,
    unit: UnitOpt = None,
    planned_start: PlannedStartOpt = None,
    planned_end: PlannedEndOpt = None,
    actual_start: ActualStartOpt = None,
    actual_end: ActualEndOpt = None,
    planned_investment: PlannedInvOpt = None,
    completed_investment: DoneInvOpt = None,
    investment_unit: InvUnitOpt = None,
    author: AuthorOpt = None,
    note: NoteOpt = None,
    format: FormatOpt = "table",
    db: DbOpt = None,
) -> None:
    """Change a project's fields (each change audited)."""
    check_format(format)
    changes = {"name": name, "region": region, "unit": unit, "planned_start": planned_start,
               "planned_end": planned_end, "actual_start": actual_start, "actual_end": actual_end,
               "planned_investment": planned_investment, "completed_investment": completed_investment,
               "investment_unit": investment_unit}
    _one(rs.edit_project(db_url(db), project, changes, author=author, note=note), format)


@app.command("list")
@guard
def list_(
    region: RegOpt = None,
    today: Annotated[str | None, typer.Option(metavar="YYYY-MM-DD", help="judge overdue and stalled as "
                                              "of this day (default: today)")] = None,
    stalled_days: Annotated[int, typer.Option(metavar="DAYS", min=1, help="no dated news for this many days "
                                              "is stalled")] = rs.STALLED_DAYS,
    format: FormatOpt = "table",
    db: DbOpt = None,
) -> None:
    """The register: overdue projects first, then stalled ones."""
    check_format(format)
    rows = rs.register(db_url(db), region=region, today=today, stalled_days=stalled_days)
    emit([r.to_dict() for r in rows], format, columns=LIST_COLUMNS, empty="(the register is empty)")


@app.command()
@guard
def history(
    project: Annotated[int | None, typer.Argument(metavar="[ID]")] = None,
    format: FormatOpt = "table",
    db: DbOpt = None,
) -> None:
    """The audit trail of one project (or all): who changed what, when."""
    check_format(format)
    emit([e.to_dict() for e in rs.project_history(db_url(db), project)], format, columns=EVENT_COLUMNS)


# ---------------------------------------------------------------- IT-project review

review_app = typer.Typer(add_completion=False, rich_markup_mode=None, no_args_is_help=True,
                         help="the review of a government-funded IT project: submit (requested budget) → "
                              "prereview (前置审查) → joint (联席评审, reviewers' opinions) → approve "
                              "(approved budget); cuts (审减) per project and in sum")
app.add_typer(review_app, name="review")

REVIEW_COLUMNS = ("project_id", "name", "state", "requested", "approved", "cut", "share", "unit")
STEP_COLUMNS = ("id", "step", "date", "amount", "amount_unit", "result", "reviewer", "opinion", "author")
AmountOpt = Annotated[float | None, typer.Option("--amount", metavar="AMOUNT", help="the budget, in --unit")]
MoneyUnitOpt = Annotated[str | None, typer.Option("--unit", metavar="UNIT", help="元, 万元 (default) or 亿元")]
OpinionOpt = Annotated[str | None, typer.Option("--opinion", metavar="TEXT", help="the opinion, as written")]
ReviewerOpt = Annotated[str | None, typer.Option("--reviewer", metavar="NAME")]
ResultOpt = Annotated[str | None, typer.Option("--result", metavar="RESULT", help=", ".join(rv.RESULTS))]


def _review(r: rv.ProjectReview, fmt: str) -> None:
    d = {k: v for k, v in r.to_dict().items() if k != "steps"}
    if fmt == "table" and d["share"] is not None:
        d["share"] = f"{d['share'] * 100:.1f}%"
    emit([d], fmt, columns=REVIEW_COLUMNS)


@review_app.command()
@guard
def submit(project: Annotated[int, typer.Argument(metavar="ID")], amount: AmountOpt = None,
           unit: MoneyUnitOpt = None, date: WhenOpt = None, note: NoteOpt = None, author: AuthorOpt = None,
           format: FormatOpt = "table", db: DbOpt = None) -> None:
    """Submit a project for review with its requested budget."""
    check_format(format)
    _review(rv.submit(db_url(db), project, amount, unit=unit, date=date, opinion=note, author=author), format)


@review_app.command()
@guard
def prereview(project: Annotated[int, typer.Argument(metavar="ID")], result: ResultOpt = None,
              opinion: OpinionOpt = None, reviewer: ReviewerOpt = None, date: WhenOpt = None,
              author: AuthorOpt = None, format: FormatOpt = "table", db: DbOpt = None) -> None:
    """Record the pre-review (前置审查): pass, revise or reject, with its opinion."""
    check_format(format)
    _review(rv.prereview(db_url(db), project, result, opinion=opinion, reviewer=reviewer, date=date,
                         author=author), format)


@review_app.command()
@guard
def joint(project: Annotated[int, typer.Argument(metavar="ID")], opinion: OpinionOpt = None,
          reviewer: ReviewerOpt = None, amount: AmountOpt = None, unit: MoneyUnitOpt = None,
          result: ResultOpt = None, date: WhenOpt = None, author: AuthorOpt = None, format: FormatOpt = "table",
          db: DbOpt = None) -> None:
    """Record one reviewer's opinion in the joint review (联席评审), with the amount they suggest."""
    check_format(format)
    _review(rv.joint(db_url(db), project, opinion, reviewer=reviewer, amount=amount, unit=unit,
                     result=result, date=date, author=author), format)


@review_app.command()
@guard
def approve(project: Annotated[int, typer.Argument(metavar="ID")], amount: AmountOpt = None,
            unit: MoneyUnitOpt = None, date: WhenOpt = None, note: NoteOpt = None, author: AuthorOpt = None,
            format: FormatOpt = "table", db: DbOpt = None) -> None:
    """Record the approved budget; the review is closed."""
    check_format(format)
    _review(rv.approve(db_url(db), project, amount, unit=unit, date=date, opinion=note, author=author), format)


@review_app.command("show")
@guard
def show(project: Annotated[int, typer.Argument(metavar="ID")], format: FormatOpt = "table",
         db: DbOpt = None) -> None:
    """A project's review history: every step with its amount, result, reviewer and opinion."""
    check_format(format)
    r = rv.review_of(db_url(db), project)
    emit([s.to_dict() for s in r.steps], format, columns=STEP_COLUMNS, empty="(not submitted for review)")


@review_app.command()
@guard
def cuts(projects: Annotated[list[int] | None, typer.Argument(metavar="[ID...]", help="only these projects")] = None,
         region: RegOpt = None,
         period: Annotated[str | None, typer.Option("--period", metavar="YEAR", help="approved in this year")] = None,
         format: FormatOpt = "table", db: DbOpt = None) -> None:
    """The cut (审减 = requested − approved, 万元) of every approved project, and the total with its
    share of the request on the last line."""
    check_format(format)
    got = rv.cuts(db_url(db), region=region, period=period, ids=projects or None)
    d = got.to_dict()
    rows = d["items"] + ([{"project_id": "", "name": f"total ({len(got.items)})", **d["total"]}] if got.items else [])
    for r in rows if format == "table" else ():
        r["share"] = None if r["share"] is None else f"{r['share'] * 100:.1f}%"
    emit(rows, format, columns=("project_id", "name", "region", "approved_on", "requested", "approved", "cut",
                                "share", "unit"), empty="(no approved project)")


def run(args: list[str]) -> None:
    """Run a register verb with its arguments (as `planwatch projects VERB …` gave them)."""
    code = app(args=args, prog_name="planwatch projects", standalone_mode=False)
    if isinstance(code, int) and code:
        raise typer.Exit(code)
