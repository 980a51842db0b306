"""Commands that read the database: facts, documents, search."""

from __future__ import annotations

from typing import Annotated

import typer

from .. import present, services
from .common import (
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

FACT_COLUMNS = ("id", "doc", "kind", "indicator", "measure", "surface", "value", "unit", "qualifier",
                "region", "period", "status")

LimitOpt = Annotated[int | None, typer.Option(metavar="N", help="at most this many")]
OffsetOpt = Annotated[int, typer.Option(metavar="N", help="skip this many first")]


def _filter(indicator: str | None, region: str | None, period: str | None, kind: str | None = None,
            measure: str | None = None, tier: str | None = None, doc: str | None = None,
            status: str | None = None, all_: bool = False) -> services.FactFilter:
    return services.FactFilter(indicator=indicator, region=region, period=period, kind=kind, measure=measure,
                               tier=tier, doc=doc, status=status, include_superseded=all_,
                               include_rejected=all_)


@guard
def facts(
    indicator: IndicatorOpt = None,
    region: RegionOpt = None,
    period: PeriodOpt = None,
    kind: KindOpt = None,
    measure: Annotated[str | None, typer.Option(metavar="MEASURE",
                                                help="growth, level, change, rank or relation")] = None,
    tier: Annotated[str | None, typer.Option(metavar="TIER", help="A (headline indicators) or B")] = None,
    doc: Annotated[str | None, typer.Option(metavar="NAME", help="document name, as ingest printed it")] = None,
    status: Annotated[str | None, typer.Option(metavar="STATUS",
                                               help="unreviewed, confirmed, corrected or rejected")] = None,
    all_: Annotated[bool, typer.Option("--all", help="include superseded and rejected facts")] = False,
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
    format: FormatOpt = "table",
    db: DbOpt = None,
) -> None:
    """List stored facts."""
    check_format(format)
    flt = _filter(indicator, region, period, kind, measure, tier, doc, status, all_)
    rows = [f.to_dict() for f in services.query_facts(db or services.default_db(), flt, limit=limit, offset=offset)]
    emit(rows, format, columns=FACT_COLUMNS)


@guard
def search(
    query: Annotated[str, typer.Argument(metavar="WORDS", help="words to find, all of them, in any order")],
    limit: Annotated[int, typer.Option(metavar="N", help="at most this many passages")] = 20,
    format: FormatOpt = "table",
    db: DbOpt = None,
) -> None:
    """Full-text search over the stored documents: passages with the facts inside them."""
    check_format(format)
    hits = services.search(db or services.default_db(), query, limit=limit)
    if format == "table":
        rows = [{"doc": h.doc, "at": f"{h.start}-{h.end}", "passage": h.passage,
                 "facts": "; ".join(f"#{f.id} {f.indicator} {f.surface} ({f.kind.value})" for f in h.facts)}
                for h in hits]
        emit(rows, "table", title=f"search: {present.safe(query)}")
    else:
        emit([h.to_dict() for h in hits], format)


@guard
def documents(all_: Annotated[bool, typer.Option("--all", help="include old versions")] = False,
              format: FormatOpt = "table", db: DbOpt = None) -> None:
    """The stored documents (current versions unless --all)."""
    check_format(format)
    rows = [d.to_dict() for d in services.documents(db or services.default_db(), current_only=not all_)]
    emit(rows, format, columns=("id", "name", "version", "current", "chars", "date", "sha256", "ingested_at"))

