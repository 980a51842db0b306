"""`planwatch followup`: what became of a region's promises for a year: its named projects and its
targets, with the later evidence and a status."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .. import present
from ..errors import UsageError
from ..services import followup as fu
from ..services.query import date_value
from .common import DbOpt, FormatOpt, check_format, emit, guard, say
from .extract import DateOpt, MaxMbOpt, _limits

COLUMNS = ("type", "name", "task", "promised_stage", "status", "reached", "evidence", "confirm")


@guard
def followup(
    paths: Annotated[list[Path] | None, typer.Argument(
        metavar="[PATH...]", show_default=False,
        help="files or folders: the plans and the later reports (or --db)")] = None,
    region: Annotated[str, typer.Option("--region", metavar="REGION",
                                        help="whose plan: its full name (株洲市) or short name (株洲)")] = "",
    period: Annotated[str, typer.Option("--period", metavar="YEAR", help="the plan's year (2024)")] = "",
    reported: Annotated[bool, typer.Option(
        "--reported", help="also list every project reported for the year without a promise found "
                           "(by default only those whose reports contradict each other)")] = False,
    kind: Annotated[str | None, typer.Option("--type", metavar="TYPE", help="project or figure (default: both)")] = None,
    format: FormatOpt = "table",
    db: DbOpt = None,
    date: DateOpt = None,
    max_mb: MaxMbOpt = None,
) -> None:
    """Follow a region's promises for a year into the later documents: every named project the plan
    promises, with the stage later documents report (done, in_progress, behind, contradicted, unclear,
    not_mentioned) and the passages, then every target with the scorecard's verdict.

    Reads files (the plan, and the reviews of its year), or with --db the documents of a database.
    jsonl and json give every source with its offsets and sentence."""
    check_format(format)
    if not region or not period.isdigit() or len(period) != 4:
        raise UsageError("followup needs --region and --period YEAR (e.g. --region 株洲市 --period 2024)")
    if kind not in (None, "project", "figure"):
        raise UsageError(f"--type {present.safe(kind)}: project or figure")
    if bool(paths) == bool(db):
        raise UsageError("followup reads either files (PATH...) or a database (--db), one of them")
    date = date_value("--date", date)
    failed: list[fu.Failure] = []
    if db:
        docs = fu.db_docs(db)
    else:
        docs, failed = fu.followup_docs(paths or [], date=date, max_bytes=_limits(max_mb))
    for f in failed:
        say(f"planwatch: {present.safe(f.path)}: {present.one_line(f.error)}")
    rows = fu.followup(docs, fu.resolve_region(region, docs), period, reported=reported)
    rows = [r for r in rows if kind is None or r.type == kind]
    if format in ("json", "jsonl"):
        emit([r.to_dict() for r in rows], format)
    else:
        emit([r.to_row() for r in rows], format, columns=COLUMNS if format == "table" else None)
    if failed:
        raise typer.Exit(1)

