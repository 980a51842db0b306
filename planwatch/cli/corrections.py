"""Commands that correct the stored facts (audited): fix, confirm, reject, add, history."""

from __future__ import annotations

from typing import Annotated

import typer

from .. import services
from ..errors import UsageError
from .common import DbOpt, FormatOpt, check_format, emit, guard
from .queries import FACT_COLUMNS

FactIdArg = Annotated[str, typer.Argument(metavar="FACT_ID", help="the fact's id (see `planwatch facts`)")]
NoteOpt = Annotated[str | None, typer.Option(metavar="TEXT", help="why (kept in the audit trail)")]
AuthorOpt = Annotated[str | None, typer.Option(metavar="NAME", help="who (default: $USER)")]


@guard
def fix(
    fact_id: FactIdArg,
    value: Annotated[float | None, typer.Option(metavar="NUMBER", help="the value (a fall is negative)")] = None,
    indicator: Annotated[str | None, typer.Option(metavar="NAME", help="the indicator")] = None,
    kind: Annotated[str | None, typer.Option(metavar="KIND", help="target or actual")] = None,
    period: Annotated[str | None, typer.Option(metavar="PERIOD", help="a year (2024) or a span (2021-2025)")] = None,
    region: Annotated[str | None, typer.Option(metavar="REGION", help="the region")] = None,
    unit: Annotated[str | None, typer.Option(metavar="UNIT", help="the unit as written (%, 亿元, 个, …)")] = None,
    measure: Annotated[str | None, typer.Option(metavar="MEASURE",
                                                help="growth, level, change, rank or relation")] = None,
    qualifier: Annotated[str | None, typer.Option(
        metavar="QUALIFIER", help="about, at_least, at_most, above, below or exact")] = None,
    confirm_: Annotated[bool, typer.Option("--confirm", help="mark the fact checked and right")] = False,
    reject_: Annotated[bool, typer.Option("--reject",
                                          help="mark the fact wrong: it leaves listings and analyses")] = False,
    note: NoteOpt = None,
    author: AuthorOpt = None,
    format: FormatOpt = "table",
    db: DbOpt = None,
) -> None:
    """Correct a fact (value, indicator, kind, period, region, …), or confirm or reject it.

    Every change is kept with time, author and old value, and survives re-ingestion."""
    check_format(format)
    changes = {k: v for k, v in (("value", value), ("indicator", indicator), ("kind", kind),
                                 ("period", period), ("region", region), ("unit", unit),
                                 ("measure", measure), ("qualifier", qualifier)) if v is not None}
    if confirm_ and reject_:
        raise UsageError("--confirm and --reject together make no sense")
    if not changes and not (confirm_ or reject_):
        raise UsageError("nothing to do: give a field to change, --confirm or --reject")
    url = db or services.default_db()
    f = None
    if changes:
        f = services.fix(url, fact_id, changes, author=author, note=note)
    if confirm_ or reject_:
        f = services.review(url, fact_id, "confirm" if confirm_ else "reject", author=author, note=note)
    assert f is not None
    emit([f.to_dict()], format, columns=FACT_COLUMNS)


@guard
def confirm(fact_id: FactIdArg, note: NoteOpt = None, author: AuthorOpt = None,
            format: FormatOpt = "table", db: DbOpt = None) -> None:
    """Mark a fact checked and right (audited)."""
    check_format(format)
    f = services.confirm(db or services.default_db(), fact_id, author=author, note=note)
    emit([f.to_dict()], format, columns=FACT_COLUMNS)


@guard
def reject(fact_id: FactIdArg, note: NoteOpt = None, author: AuthorOpt = None,
           format: FormatOpt = "table", db: DbOpt = None) -> None:
    """Mark a fact wrong (audited): it leaves listings, scorecards and conflicts."""
    check_format(format)
    f = services.reject(db or services.default_db(), fact_id, author=author, note=note)
    emit([f.to_dict()], format, columns=FACT_COLUMNS)


@guard
def add(
    doc: Annotated[str, typer.Option(metavar="DOC", help="the stored document: its id, name or path")],
    start: Annotated[int, typer.Option(metavar="OFFSET", help="offset of the number in the document's text")],
    end: Annotated[int, typer.Option(metavar="OFFSET", help="offset just after the number")],
    kind: Annotated[str, typer.Option(metavar="KIND", help="target or actual")],
    indicator: Annotated[str, typer.Option(metavar="NAME", help="the indicator")],
    measure: Annotated[str, typer.Option(metavar="MEASURE", help="growth, level, change, rank or relation")],
    value: Annotated[float | None, typer.Option(metavar="NUMBER", help="the value (a fall is negative)")] = None,
    unit: Annotated[str | None, typer.Option(metavar="UNIT", help="the unit as written")] = None,
    qualifier: Annotated[str, typer.Option(metavar="QUALIFIER",
                                           help="about, at_least, at_most, above, below or exact")] = "exact",
    region: Annotated[str | None, typer.Option(metavar="REGION", help="the region")] = None,
    period: Annotated[str | None, typer.Option(metavar="PERIOD", help="a year or a span")] = None,
    tier: Annotated[str, typer.Option(metavar="TIER", help="A (headline indicators) or B")] = "B",
    note: NoteOpt = None,
    author: AuthorOpt = None,
    format: FormatOpt = "table",
    db: DbOpt = None,
) -> None:
    """Add a fact the engine missed (audited; kept through re-extraction)."""
    check_format(format)
    fact = {"start": start, "end": end, "kind": kind, "indicator": indicator, "measure": measure,
            "value": value, "unit": unit, "qualifier": qualifier, "region": region, "period": period,
            "tier": tier}
    f = services.add_fact(db or services.default_db(), doc, fact, author=author, note=note)
    emit([f.to_dict()], format, columns=FACT_COLUMNS)


@guard
def history(fact_id: Annotated[str | None, typer.Argument(metavar="[FACT_ID]",
                                                          help="one fact's corrections (default: all)")] = None,
            limit: Annotated[int | None, typer.Option(metavar="N", help="at most this many")] = None,
            format: FormatOpt = "table", db: DbOpt = None) -> None:
    """The audit trail of corrections: time, author, field, old and new value, note."""
    check_format(format)
    rows = [c.to_dict() for c in services.history(db or services.default_db(), fact_id, limit=limit)]
    emit(rows, format, columns=("id", "created_at", "author", "fact_id", "action", "field", "old_value",
                                "new_value", "note"))
