"""The export command: facts or a panel as CSV, XLSX, Parquet, JSON or JSONL."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from .. import present, services
from .common import (
    DbOpt,
    IndicatorOpt,
    KindOpt,
    PeriodOpt,
    RegionOpt,
    check_format,
    guard,
    say,
)
from .queries import _filter


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
    kind: KindOpt = None,
    all_: Annotated[bool, typer.Option("--all", help="include superseded and rejected facts")] = False,
    db: DbOpt = None,
) -> None:
    """Write the facts (or a panel) as CSV, XLSX, Parquet, JSON or JSONL."""
    check_format(format, ("csv", "xlsx", "parquet", "json", "jsonl"))
    flt = _filter(indicator, region, period, kind, all_=all_)
    if layout == "panel" and kind is None:
        flt = _filter(indicator, region, period, "actual", all_=all_)
    target: Any = out if out is not None else (
        sys.stdout if format in ("csv", "json", "jsonl") else sys.stdout.buffer)
    n = services.export(db or services.default_db(), format, target, flt=flt, layout=layout)
    if out is not None:
        say(f"{n} rows written to {present.safe(out)}")
    else:
        sys.stdout.flush()
