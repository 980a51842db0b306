"""Commands that judge the stored figures: scorecard, conflicts, corroboration, table."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from .. import present, services
from ..errors import UsageError
from ..services import Query
from .common import (
    LIST_FORMATS,
    AllRowsOpt,
    DbOpt,
    FormatOpt,
    IndicatorOpt,
    KindOpt,
    PeriodOpt,
    RegionOpt,
    check_format,
    db_url,
    emit,
    guard,
    notes,
    settings,
)

SCORE_COLUMNS = ("indicator", "region", "period", "target", "actual", "verdict", "gap", "sources")
CONFLICT_COLUMNS = ("indicator", "region", "period", "kind", "measure", "severity", "values", "spread")


def emit_scorecard(lines: Sequence[Any], fmt: str) -> None:
    if fmt == "table":
        emit(present.scorecard_rows(lines), "table", columns=SCORE_COLUMNS, title="scorecard")
    elif fmt == "csv":
        emit([ln.to_row() for ln in lines], fmt)
    else:
        emit([ln.to_dict() for ln in lines], fmt)


@guard
def scorecard(
    region: RegionOpt = None,
    period: PeriodOpt = None,
    indicator: IndicatorOpt = None,
    tolerance_points: Annotated[float | None, typer.Option(
        "--tolerance-points", metavar="POINTS",
        help="a 左右 target in % or 个百分点 is met within ± this many points (default: the tolerance_points "
             "setting, 0.5)")] = None,
    tolerance_relative: Annotated[float | None, typer.Option(
        "--tolerance-relative", metavar="FRACTION",
        help="a 左右 target of an amount or count is met within ± this fraction of it (default: the "
             "tolerance_relative setting, 0.02)")] = None,
    all_rows: AllRowsOpt = False,
    format: FormatOpt = "table",
    db: DbOpt = None,
) -> None:
    """Every target with its result, the verdict (met, missed, partly, unknown) and the gap."""
    check_format(format)
    s = settings(tolerance_points=tolerance_points, tolerance_relative=tolerance_relative)
    q = Query.parse(region=region, period=period, indicator=indicator)
    got = services.scorecard(db_url(db), q, settings=s, all_rows=all_rows)
    notes(got)
    emit_scorecard(got.items, format)


@guard
def conflicts(
    region: RegionOpt = None,
    period: PeriodOpt = None,
    indicator: IndicatorOpt = None,
    kind: KindOpt = None,
    major_points: Annotated[float | None, typer.Option(
        "--major-points", metavar="POINTS",
        help="a disagreement on a rate (%, 个百分点, 位) wider than this many points is major (default: the "
             "conflict_points setting, 0.05)")] = None,
    major_relative: Annotated[float | None, typer.Option(
        "--major-relative", metavar="FRACTION",
        help="a disagreement on an amount wider than this fraction of the larger value is major (default: "
             "the conflict_relative setting, 0.05); counts are always major")] = None,
    limit: Annotated[int | None, typer.Option(metavar="N", help="the first this many (major ones first)")] = None,
    format: FormatOpt = "table",
    db: DbOpt = None,
) -> None:
    """The same figure stated differently by different documents, with every source.

    Every difference the rounding of the written digits cannot explain is listed (498.5 and
    498.53 agree; 190 and 186 do not); `severity` says which matter most (major first)."""
    check_format(format)
    s = settings(conflict_points=major_points, conflict_relative=major_relative)
    q = Query.parse(region=region, period=period, indicator=indicator, kind=kind, limit=limit)
    got = services.conflicts(db_url(db), q, settings=s)
    notes(got)
    if format == "table":
        emit(present.conflict_rows(got.items), format, columns=CONFLICT_COLUMNS, title="conflicts")
    else:
        emit([c.to_dict() for c in got], format)


@guard
def corroboration(
    region: RegionOpt = None,
    period: PeriodOpt = None,
    indicator: IndicatorOpt = None,
    kind: KindOpt = None,
    format: FormatOpt = "table",
    db: DbOpt = None,
) -> None:
    """Figures stated by two or more documents: confirmed only when they state the same figure."""
    check_format(format)
    q = Query.parse(region=region, period=period, indicator=indicator, kind=kind)
    got = services.corroboration(db_url(db), q)
    notes(got)
    if format == "table":
        emit([present.corroboration_row(s) for s in got], format, title="corroboration")
    else:
        emit([s.to_dict() for s in got], format)


TABLE_FORMATS = (*LIST_FORMATS, "xlsx", "md", "html")


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
    all_rows: AllRowsOpt = False,
    db: DbOpt = None,
) -> None:
    """The plan-execution table: indicators by last year's plan and result and this year's plan."""
    check_format(format, TABLE_FORMATS)
    if format == "xlsx" and out is None and sys.stdout.isatty():
        raise UsageError("--format xlsx writes binary data: give --out FILE or redirect stdout")
    got = services.plan_table(db_url(db), period=period, regions=region, all_rows=all_rows)
    notes(got)
    t = got.items
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
