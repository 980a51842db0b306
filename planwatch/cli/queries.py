"""Commands that read the database: facts, documents, search."""

from __future__ import annotations

from typing import Annotated

import typer

from .. import present, services
from ..services import Query
from .common import (
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
)

FACT_COLUMNS = ("id", "doc", "kind", "indicator", "measure", "surface", "value", "unit", "qualifier",
                "region", "period", "status")

MeasureOpt = Annotated[str | None, typer.Option(metavar="MEASURE", help="growth, level, change, rank or relation")]
TierOpt = Annotated[str | None, typer.Option(metavar="TIER", help="A (headline indicators) or B")]
LimitOpt = Annotated[int | None, typer.Option(metavar="N", help="at most this many")]
OffsetOpt = Annotated[int, typer.Option(metavar="N", help="skip this many first")]
AllOpt = Annotated[bool, typer.Option("--all", help="include superseded and rejected facts")]


@guard
def facts(
    indicator: IndicatorOpt = None,
    region: RegionOpt = None,
    period: PeriodOpt = None,
    kind: KindOpt = None,
    measure: MeasureOpt = None,
    tier: TierOpt = None,
    doc: Annotated[str | None, typer.Option(metavar="NAME", help="a document's name, as ingest stored it")] = None,
    status: Annotated[str | None, typer.Option(metavar="STATUS",
                                               help="unreviewed, confirmed, corrected or rejected")] = None,
    all_: AllOpt = False,
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
    format: FormatOpt = "table",
    db: DbOpt = None,
) -> None:
    """List stored facts (the id in the first column is what fix, confirm and reject take)."""
    check_format(format)
    q = Query.parse(indicator=indicator, region=region, period=period, kind=kind, measure=measure, tier=tier,
                    doc=doc, status=status, all=all_, limit=limit, offset=offset)
    got = services.query_facts(db_url(db), q)
    notes(got)
    emit([f.to_dict() for f in got], format, columns=FACT_COLUMNS)


@guard
def search(
    words: Annotated[list[str], typer.Argument(metavar="WORD...", show_default=False,
                                               help="words to find: a passage must hold them all, in any order")],
    limit: Annotated[int, typer.Option(metavar="N", help="at most this many passages")] = 20,
    format: FormatOpt = "table",
    db: DbOpt = None,
) -> None:
    """Full-text search over the stored documents: passages with the facts inside them."""
    check_format(format)
    query = " ".join(words)
    hits = services.search(db_url(db), query, limit=limit)
    if format == "table":
        rows = [{"doc": h.doc, "at": f"{h.start}-{h.end}", "passage": h.passage,
                 "facts": "; ".join(f"{f.id} {f.indicator} {f.surface} ({f.kind.value})" for f in h.facts)}
                for h in hits]
        emit(rows, "table", title=f"search: {present.safe(query)}")
    else:
        emit([h.to_dict() for h in hits], format)


@guard
def documents(all_: Annotated[bool, typer.Option("--all", help="include old versions")] = False,
              format: FormatOpt = "table", db: DbOpt = None) -> None:
    """The stored documents (current versions unless --all), with the date each gives itself."""
    check_format(format)
    rows = [d.to_dict() for d in services.documents(db_url(db), current_only=not all_)]
    emit(rows, format, columns=("id", "name", "version", "current", "chars", "date", "sha256", "ingested_at"))
