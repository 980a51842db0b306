"""Commands that judge the stored figures: scorecard, conflicts, corroboration, table."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from .. import present, services
from .common import (
    LIST_FORMATS,
    DbOpt,
    FormatOpt,
    IndicatorOpt,
    KindOpt,
    PeriodOpt,
    RegionOpt,
    check_format,
    emit,
    guard,
)

SCORE_COLUMNS = ("indicator", "region", "period", "target", "actual", "verdict", "gap", "sources")


def emit_scorecard(lines: Sequence[Any], fmt: str) -> None:
    if fmt == "table":
        emit([present.scorecard_row(ln) for ln in lines], "table", columns=SCORE_COLUMNS, title="scorecard")
    elif fmt == "csv":
        emit([ln.to_row() for ln in lines], fmt)
    else:
        emit([ln.to_dict() for ln in lines], fmt)


@guard
def scorecard(
    region: RegionOpt = None,
    period: PeriodOpt = None,
    indicator: IndicatorOpt = None,
    tolerance: Annotated[float | None, typer.Option(
        metavar="POINTS", help="percentage points within which a 左右 target is met "
                               "(default: the `tolerance_points` setting)")] = None,
    format: FormatOpt = "table",
    db: DbOpt = None,
) -> None:
    """Every target with its result, the verdict (met, missed, partly, unknown) and the gap."""
    check_format(format)
    lines = services.scorecard(db or services.default_db(), region=region, period=period, indicator=indicator,
                               tolerance_points=tolerance)
    emit_scorecard(lines, format)


@guard
def conflicts(
    region: RegionOpt = None,
    period: PeriodOpt = None,
    indicator: IndicatorOpt = None,
    kind: KindOpt = None,
    tolerance: Annotated[float | None, typer.Option(metavar="T",
                                                    help="default: the `conflict_tolerance` setting")] = None,
    limit: Annotated[int | None, typer.Option(metavar="N", help="the first this many (in series order)")] = None,
    format: FormatOpt = "table",
    db: DbOpt = None,
) -> None:
    """The same figure stated differently by different documents, with both sources."""
    check_format(format)
    found = services.conflicts(db or services.default_db(), tolerance=tolerance, region=region, period=period,
                               indicator=indicator, kind=kind, limit=limit)
    if format == "table":
        emit([present.conflict_row(c) for c in found], format, title="conflicts")
    else:
        emit([c.to_dict() for c in found], format)


@guard
def corroboration(
    region: RegionOpt = None,
    period: PeriodOpt = None,
    indicator: IndicatorOpt = None,
    kind: KindOpt = None,
    tolerance: Annotated[float | None, typer.Option(metavar="T")] = None,
    format: FormatOpt = "table",
    db: DbOpt = None,
) -> None:
    """Figures stated by two or more documents: confirmed when they agree."""
    check_format(format)
    found = services.corroboration(db or services.default_db(), tolerance=tolerance, region=region, period=period,
                                   indicator=indicator, kind=kind)
    if format == "table":
        emit([present.corroboration_row(s) for s in found], format, title="corroboration")
    else:
        emit([s.to_dict() for s in found], format)


@guard
def table(
    period: Annotated[str, typer.Option(metavar="YEAR",
                                        help="this year: the table shows last year's plan and result beside it")],
    region: Annotated[list[str] | None, typer.Option(
        metavar="REGION", help="a region; repeat for several side by side")] = None,
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT",
                                        help="table, json, jsonl, csv, xlsx, md or html")] = "table",
    out: Annotated[Path | None, typer.Option("--out", "-o", metavar="FILE",
                                             help="write to this file (default: stdout)")] = None,
    db: DbOpt = None,
) -> None:
    """The plan-execution table: indicators by last year's plan and result and this year's plan."""
    check_format(format, (*LIST_FORMATS, "xlsx", "md", "html"))
    regions = list(region) if region else None
    t = services.plan_table(db or services.default_db(), period=period,
                            region=regions[0] if regions and len(regions) == 1 else regions)
    rows = t.to_dicts()
    if format == "table" and out is None:
        emit(rows, "table", columns=t.headers)
        return
    _write_table(rows, t.headers, format, out)


def _write_table(rows: list[dict[str, Any]], headers: list[str], fmt: str, out: Path | None) -> None:
    """A plan table as a file (or stdout) in any of the table formats."""
    if fmt in ("md", "html"):
        text = services.render_table(rows, headers, fmt)
        if out is None:
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
        else:
            out.write_text(text, encoding="utf-8")
        return
    if fmt == "table":
        fmt = "csv"
    target: Any = out if out is not None else (sys.stdout.buffer if fmt in ("xlsx", "parquet") else sys.stdout)
    services.write_rows(rows, fmt, target, columns=headers)
