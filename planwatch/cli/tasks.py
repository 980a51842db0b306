"""`planwatch tasks`: the work areas and tasks of plan documents, with the facts and named projects
inside each (no database)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .. import present, services
from ..services.query import date_value, text_value
from .common import PerFile, guard
from .extract import DateOpt, MaxMbOpt, RegionOpt, _limits
from .projects import ProjectFormat

TASK_COLUMNS = ("doc", "id", "parent", "level", "marker", "heading", "role", "period", "facts", "projects")


@guard
def tasks(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH...", show_default=False,
                                                help="files or folders (.txt .md .html .htm .docx .pdf)")],
    format: Annotated[ProjectFormat, typer.Option("--format", "-f", metavar="FORMAT",
                                                  help="jsonl (default) or table")] = ProjectFormat.jsonl,
    date: DateOpt = None,
    region: RegionOpt = None,
    max_mb: MaxMbOpt = None,
) -> None:
    """Print the plan's structure: every numbered work area and task (一、 （一） 1. 1、 ① bullets,
    markdown headings) with its span, parent, level, heading, role (plan or review), period, and the
    facts and named projects inside it.

    jsonl gives one node a line with its facts and projects in full; table one row a node with
    their counts. A file that cannot be read gets one line on stderr; exit code 1 when any failed."""
    date = date_value("--date", date)
    region = text_value("--region", region, "region")
    report = PerFile()
    rows = []
    for res in report.readable(services.task_files(paths, date=date, region=region, max_bytes=_limits(max_mb))):
        for n in res.nodes:
            if format is ProjectFormat.jsonl:
                sys.stdout.write(json.dumps(n.to_dict(), ensure_ascii=False) + "\n")
            else:
                d = n.to_dict()
                d["heading"] = "  " * (n.level - 1) + n.heading
                d["facts"] = len(n.facts)
                d["projects"] = "、".join(m.name for m in n.projects)
                rows.append(d)
    if format is ProjectFormat.table:
        _table(rows, TASK_COLUMNS)
    report.done()


def _table(rows: list[dict[str, Any]], columns: tuple[str, ...], wrap: tuple[str, ...] = ("heading", "projects")) -> None:
    """A rich table whose long columns wrap and whose short ones keep their width."""
    console = Console(highlight=False)
    if not console.is_terminal:
        console = Console(width=200, highlight=False)
    table = Table(show_lines=False)
    for c in columns:
        table.add_column(c, overflow="fold", no_wrap=c not in wrap, ratio=3 if c in wrap else None,
                         min_width=None if c in wrap else len(c))
    for r in rows:
        table.add_row(*(Text(present.one_line(present.printable("" if r.get(c) is None else str(r.get(c)))))
                        for c in columns))
    console.print(table)
