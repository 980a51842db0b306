"""`planwatch projects`: named projects of files with their stage, and the same project across
documents (no database)."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .. import present, services
from ..errors import UsageError
from ..services.query import date_value, text_value
from . import register
from .common import PerFile, guard
from .extract import DateOpt, MaxMbOpt, RegionOpt, _limits


class ProjectFormat(str, Enum):
    jsonl = "jsonl"
    table = "table"


MENTION_COLUMNS = ("doc", "start", "name", "stage", "kind", "period", "region")


@guard
def projects(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(metavar="PATH...", show_default=False,
                                                help="files or folders (.txt .md .html .htm .docx .pdf); or a "
                                                     "register verb: add, stage, note, edit, list, history "
                                                     "(`planwatch projects list --help`)")],
    format: Annotated[str | None, typer.Option("--format", "-f", metavar="FORMAT",
                                               help="jsonl (default) or table")] = None,
    matches: Annotated[bool, typer.Option(
        "--matches", help="print the pairs of mentions in different documents that name one project, "
                          "with a confidence, instead of the mentions")] = False,
    date: DateOpt = None,
    region: RegionOpt = None,
    max_mb: MaxMbOpt = None,
    explain: Annotated[bool, typer.Option("--explain", help="add why each stage, kind and period, or match, "
                                                            "was read")] = False,
) -> None:
    """Print every named project of the documents with the stage its clause gives it
    (preparing, signed, started, in_progress, completed, unknown), its kind, period and region.

    `doc` is each file's name as `planwatch extract` prints it. A file that cannot be read gets one
    line on stderr; exit code 1 when any failed.

    `planwatch projects add|stage|note|edit|list|history … --db URL` keeps an office's register of
    projects instead (dated stages, progress notes, responsible unit, planned and actual dates and
    investment; overdue and stalled first; every change audited)."""
    if paths and str(paths[0]) in register.VERBS and not paths[0].exists():
        given = [("--region", region), ("--date", date), ("--format", format)]
        register.run([str(p) for p in paths] + list(ctx.args) + [x for k, v in given if v for x in (k, v)])
        return
    bad = [a for a in [*map(str, paths), *ctx.args] if a.startswith("-") and not Path(a).exists()]
    if bad:
        raise UsageError(f"no such option: {bad[0]}")
    format = ProjectFormat(format or "jsonl") if (format or "jsonl") in ("jsonl", "table") else _bad_format(format)
    date = date_value("--date", date)
    region = text_value("--region", region, "region")
    report = PerFile()
    found = []
    for res in report.readable(services.project_files(paths, date=date, region=region,
                                                      max_bytes=_limits(max_mb))):
        found.extend(res.mentions)
        if not matches and format is ProjectFormat.jsonl:
            for m in res.mentions:
                sys.stdout.write(present_json(m.to_dict(why=explain)) + "\n")
    if matches:
        pairs = services.project_matches(found)
        if format is ProjectFormat.jsonl:
            for p in pairs:
                sys.stdout.write(present_json(p.to_dict(why=explain)) + "\n")
        else:
            rows = [{"a": f"{p.a.doc}:{p.a.start} {p.a.name}", "b": f"{p.b.doc}:{p.b.start} {p.b.name}",
                     "confidence": f"{p.confidence:.2f}", "why": p.why} for p in pairs]
            _table(rows, ("a", "b", "confidence", "why") if explain else ("a", "b", "confidence"))
    elif format is ProjectFormat.table:
        cols = (*MENTION_COLUMNS, "why") if explain else MENTION_COLUMNS
        _table([m.to_dict(why=explain) for m in found], cols)
    report.done()


def _bad_format(fmt: str | None) -> ProjectFormat:
    raise UsageError(f"--format {present.safe(str(fmt))}: one of jsonl, table")


projects.context_settings = {"ignore_unknown_options": True, "allow_extra_args": True}  # type: ignore[attr-defined]


def present_json(d: dict[str, Any]) -> str:
    import json
    return json.dumps(d, ensure_ascii=False)


def _table(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> None:
    console = Console(highlight=False)
    if not console.is_terminal:
        console = Console(width=200, highlight=False)
    table = Table(show_lines=False)
    for c in columns:
        table.add_column(c, overflow="fold", no_wrap=c not in ("name", "why", "a", "b"))
    for r in rows:
        table.add_row(*(Text(present.one_line(present.printable("" if r.get(c) is None else str(r.get(c)))))
                        for c in columns))
    console.print(table)
