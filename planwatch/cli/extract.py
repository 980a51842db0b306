"""Commands on files, no database: extract, text, context."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .. import present, services
from ..errors import InputError, UsageError
from ..services.query import date_value, text_value, whole
from .common import PerFile, guard, say, settings


class OutFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    table = "table"


TABLE_COLUMNS = ("doc", "start", "surface", "kind", "period", "region", "indicator", "measure", "value", "unit",
                 "qualifier")

FormatOpt = Annotated[OutFormat, typer.Option("--format", "-f", metavar="FORMAT",
                                              help="jsonl (default), json, csv or table")]
DateOpt = Annotated[str | None, typer.Option(metavar="YYYY-MM-DD",
                                             help="the documents' date, when the text does not say")]
RegionOpt = Annotated[str | None, typer.Option(metavar="REGION",
                                               help="the documents' home region, when the text does not say")]
MaxMbOpt = Annotated[float | None, typer.Option(metavar="MB", help="refuse files larger than this "
                                                                   "(default: the max_file_mb setting, 50)")]


def _limits(max_mb: float | None) -> int:
    if max_mb is not None and not max_mb > 0:
        raise UsageError(f"--max-mb {max_mb:g}: a size above 0")
    return int(settings(max_file_mb=max_mb).max_file_mb * 1024 * 1024)


@guard
def extract(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH...", show_default=False,
                                                help="files or folders (.txt .md .html .htm .docx .pdf)")],
    format: FormatOpt = OutFormat.jsonl,
    date: DateOpt = None,
    region: RegionOpt = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", metavar="N", help="worker processes")] = 1,
    max_mb: MaxMbOpt = None,
    explain: Annotated[bool, typer.Option(
        "--explain", help="show why each fact got its kind, period and region (a `why` column; JSON, JSONL "
                          "and CSV always carry it)")] = False,
    include_duplicates: Annotated[bool, typer.Option(
        help="also print facts of repeated paragraphs (marked duplicate)")] = True,
) -> None:
    """Print every target and result of the documents, one fact per row.

    `doc` is each file's path as found from the argument given (as grep prints it). A file
    that cannot be read gets one line on stderr; exit code 1 when any failed."""
    whole("--jobs", jobs, minimum=1)
    date = date_value("--date", date)
    region = text_value("--region", region, "region")
    max_bytes = _limits(max_mb)
    report = PerFile()
    rows: list[dict[str, Any]] = []
    out = sys.stdout
    for res in report.readable(services.extract_files(paths, jobs=jobs, date=date, region=region,
                                                      max_bytes=max_bytes)):
        for f in res.facts:
            if f.duplicate and not include_duplicates:
                continue
            if format is OutFormat.jsonl:
                out.write(f.to_json() + "\n")
            else:
                rows.append(f.to_dict())
    if format is OutFormat.json:
        json.dump(rows, out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif format is OutFormat.csv:
        from ..export import write
        write(rows, "csv", out)
    elif format is OutFormat.table:
        _print_table(rows, (*TABLE_COLUMNS, "why") if explain else TABLE_COLUMNS)
    report.done()


def _console() -> Console:
    console = Console(highlight=False)
    return console if console.is_terminal else Console(width=200, highlight=False)  # piped: not 80 columns


def _print_table(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> None:
    table = Table(show_lines=False)
    for c in columns:
        table.add_column(c, overflow="fold", no_wrap=c not in ("indicator", "surface", "why"))
    for r in rows:
        table.add_row(*(Text(present.printable("" if r.get(c) is None else str(r.get(c)))) for c in columns),
                      style="dim" if r.get("duplicate") else None)
    _console().print(table)


@guard
def text(path: Annotated[Path, typer.Argument(metavar="PATH", help="a document")],
         max_mb: MaxMbOpt = None) -> None:
    """Print the text planwatch reads from a document: every fact's offsets point into it."""
    try:
        doc = services.read_document(path, max_bytes=_limits(max_mb))
    except InputError as e:
        say(f"planwatch: {present.safe(e.path)}: {present.one_line(e.reason)}")
        raise typer.Exit(1) from None
    if doc.meta.get("warning"):
        say(f"planwatch: {present.safe(path)}: warning: {present.one_line(doc.meta['warning'])}")
    sys.stdout.write(doc.text)


class ContextFormat(str, Enum):
    table = "table"
    json = "json"


@guard
def context(
    path: Annotated[Path, typer.Argument(metavar="PATH", help="a document")],
    format: Annotated[ContextFormat, typer.Option("--format", "-f", metavar="FORMAT",
                                                  help="table (default) or json")] = ContextFormat.table,
    date: DateOpt = None,
    region: RegionOpt = None,
    max_mb: MaxMbOpt = None,
) -> None:
    """Print what the document says about itself: its date, home region and sections, each with
    the evidence that decided it (what every fact's kind, period and region start from)."""
    date = date_value("--date", date)
    region = text_value("--region", region, "region")
    try:
        doc = services.read_document(path, max_bytes=_limits(max_mb))
    except InputError as e:
        say(f"planwatch: {present.safe(e.path)}: {present.one_line(e.reason)}")
        raise typer.Exit(1) from None
    d = services.document_context(doc, date=date, region=region).to_dict()
    if format is ContextFormat.json:
        sys.stdout.write(json.dumps(d, ensure_ascii=False, indent=2) + "\n")
        return
    _print_context(d)


def _print_context(d: dict[str, Any]) -> None:
    console = _console()
    facts = Table(show_header=False, box=None)
    facts.add_column(style="bold")
    facts.add_column(overflow="fold")
    for key, value in d.items():
        if key != "sections":
            facts.add_row(key, Text(present.printable("" if value is None else str(value))))
    console.print(facts)
    secs = d.get("sections") or []
    if secs:
        table = Table(title="sections")
        cols = list(dict.fromkeys(k for s in secs for k in s))
        for c in cols:
            table.add_column(c, overflow="fold")
        for s in secs:
            table.add_row(*(Text(present.printable("" if s.get(c) is None else str(s.get(c)))) for c in cols))
        console.print(table)
