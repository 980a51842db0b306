"""Commands on files, no database: extract, text, context."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .. import present
from ..batch import extract_many
from ..config import load_settings
from ..errors import PlanwatchError
from ..read import read_file
from .common import guard, say


class OutFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    table = "table"


TABLE_COLUMNS = ("doc", "start", "surface", "kind", "period", "region", "indicator", "measure", "value", "unit",
                 "qualifier")

PathsArg = Annotated[list[Path], typer.Argument(metavar="PATH...", show_default=False,
                                                help="files or folders (.txt .md .html .htm .docx .pdf)")]


@guard
def extract(
    paths: PathsArg,
    format: Annotated[OutFormat, typer.Option("--format", "-f", metavar="FORMAT",
                                              help="jsonl (default), json, csv or table")] = OutFormat.jsonl,
    date: Annotated[str | None, typer.Option(metavar="YYYY-MM-DD",
                                             help="the documents' date when the text gives none")] = None,
    region: Annotated[str | None, typer.Option(metavar="REGION",
                                               help="the documents' region when the text names none")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", metavar="N", help="worker processes")] = 1,
    max_mb: Annotated[float | None, typer.Option(metavar="MB", help="refuse files larger than this")] = None,
    include_duplicates: Annotated[bool, typer.Option(
        help="also print facts of repeated paragraphs (marked duplicate)")] = True,
) -> None:
    """Print every target and result of the documents, one fact per row."""
    settings = load_settings(max_file_mb=max_mb, jobs=jobs)
    max_bytes = int(settings.max_file_mb * 1024 * 1024)
    failed = 0
    rows: list[dict] = []
    out = sys.stdout
    try:
        for res in extract_many(paths, jobs=settings.jobs, date=date, region=region, max_bytes=max_bytes):
            if res.error:
                failed += 1
                say(f"planwatch: {present.safe(res.path)}: {present.one_line(res.error)}")
                continue
            for f in res.facts:
                if f.duplicate and not include_duplicates:
                    continue
                if format is OutFormat.jsonl:
                    out.write(f.to_json() + "\n")
                else:
                    rows.append(f.to_dict())
    except PlanwatchError as e:
        say(f"planwatch: {present.one_line(str(e))}")
        raise typer.Exit(2) from e
    if format is OutFormat.json:
        json.dump(rows, out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif format is OutFormat.csv:
        from ..export import write
        write(rows, "csv", out)
    elif format is OutFormat.table:
        _print_table(rows)
    if failed:
        raise typer.Exit(1)


def _print_table(rows: list[dict]) -> None:
    table = Table(show_lines=False)
    for c in TABLE_COLUMNS:
        table.add_column(c, overflow="fold", no_wrap=c not in ("indicator", "surface"))
    for r in rows:
        table.add_row(*(Text(present.printable("" if r.get(c) is None else str(r.get(c)))) for c in TABLE_COLUMNS),
                      style="dim" if r.get("duplicate") else None)
    console = Console()
    if not console.is_terminal:
        console = Console(width=200)  # piped: do not squeeze columns to 80
    console.print(table)


@guard
def text(path: Annotated[Path, typer.Argument(metavar="PATH", help="a document")]) -> None:
    """Print the text planwatch reads from a document: every fact's offsets point into it."""
    try:
        doc = read_file(path, max_bytes=int(load_settings().max_file_mb * 1024 * 1024))
    except PlanwatchError as e:
        say(f"planwatch: {present.one_line(str(e))}")
        raise typer.Exit(1) from e
    sys.stdout.write(doc.text)

