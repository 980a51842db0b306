"""The export command: facts or a panel as CSV, XLSX, Parquet, JSON or JSONL."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from .. import present, services
from ..errors import UsageError
from ..services import Query
from .common import (
    AllRowsOpt,
    DbOpt,
    IndicatorOpt,
    PeriodOpt,
    RegionOpt,
    check_format,
    db_url,
    guard,
    notes,
    say,
)
from .queries import AllOpt

FORMATS = ("csv", "xlsx", "parquet", "json", "jsonl")


@guard
def export(
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT",
                                        help="csv, xlsx, parquet, json or jsonl")],
    out: Annotated[Path | None, typer.Option("--out", "-o", metavar="FILE",
                                             help="file to write (default: stdout)")] = None,
    layout: Annotated[str, typer.Option(metavar="LAYOUT", help="facts (one row per fact) or panel (region × period "
                                                               "rows, one column per indicator)")] = "facts",
    indicator: IndicatorOpt = None,
    region: RegionOpt = None,
    period: PeriodOpt = None,
    kind: Annotated[str | None, typer.Option(
        metavar="KIND", help="target or actual (the panel: actual unless given)")] = None,
    all_: AllOpt = False,
    all_rows: AllRowsOpt = False,
    db: DbOpt = None,
) -> None:
    """Write the facts (or a panel) as CSV, XLSX, Parquet, JSON or JSONL."""
    check_format(format, FORMATS)
    if layout not in ("facts", "panel"):
        raise UsageError(f"--layout {present.safe(layout)}: facts or panel")
    if format in ("xlsx", "parquet") and out is None and sys.stdout.isatty():
        raise UsageError(f"--format {format} writes binary data: give --out FILE or redirect stdout")
    if out is not None and out.is_dir():
        raise UsageError(f"--out {present.safe(out)}: a folder; give a file name")
    q = Query.parse(indicator=indicator, region=region, period=period, kind=kind, all=all_)
    target: Any = out if out is not None else (sys.stdout if format in ("csv", "json", "jsonl") else sys.stdout.buffer)
    n = services.export(db_url(db), format, target, q, layout=layout, all_rows=all_rows)
    notes(n)
    if out is not None:
        say(f"{n.items} rows written to {present.safe(out)}")
    else:
        sys.stdout.flush()
