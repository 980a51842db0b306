"""Database commands (ingest, facts, scorecard, conflicts, table, export, search, fix, …).

Formatting only: every command calls planwatch.services. Listings print to
stdout as a Rich table (default) or json (an array of objects), jsonl or csv;
progress, summaries and errors go to stderr, one line per failed file.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Sequence
from enum import Enum
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from . import services
from .errors import PlanwatchError

LIST_FORMATS = ("table", "json", "jsonl", "csv")
err = Console(stderr=True, highlight=False)

F = TypeVar("F", bound=Callable[..., Any])

DbOpt = typer.Option(None, "--db", help="database URL (sqlite:///path.db, postgresql://…) or a path; "
                                        "default: the `db` setting (planwatch.db)")
FormatOpt = typer.Option("table", "--format", "-f", help="table, json (an array), jsonl or csv")


def _db(db: str | None) -> str:
    return db or services.default_db()


def _guard(fn: F) -> F:
    """PlanwatchError → one line on stderr and exit code 2 (no traceback for users)."""
    @wraps(fn)
    def wrapper(*a: Any, **kw: Any) -> Any:
        try:
            return fn(*a, **kw)
        except PlanwatchError as e:
            err.print(f"planwatch: {e}", markup=False)
            raise typer.Exit(2) from None
    return wrapper  # type: ignore[return-value]


# ---------------------------------------------------------------- output

def _plain(v: Any) -> Any:
    if isinstance(v, Enum):
        return v.value
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    return v


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def emit(rows: Sequence[dict[str, Any]], fmt: str, *, columns: Sequence[str] | None = None,
         title: str | None = None) -> None:
    """Print rows: `table` shows `columns` (all keys when None); the other formats every key."""
    rows = [_plain(r) for r in rows]
    if fmt == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        keys = list(dict.fromkeys(k for r in rows for k in r))
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(keys)
        for r in rows:
            w.writerow([_cell(r.get(k)) for k in keys])
        sys.stdout.write(buf.getvalue())
    elif fmt == "table":
        cols = list(columns) if columns else list(dict.fromkeys(k for r in rows for k in r))
        table = Table(title=title, show_lines=False, header_style="bold")
        for c in cols:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*(_cell(r.get(c)) for c in cols))
        # Piped output has no terminal width: use a wide one rather than Rich's 80 columns.
        Console(highlight=False, width=None if sys.stdout.isatty() else 200).print(table)
        if not rows:
            err.print("(nothing found)")
    else:
        raise PlanwatchError(f"unknown format {fmt!r}: one of {', '.join(LIST_FORMATS)}")


def _check_format(fmt: str, allowed: Sequence[str] = LIST_FORMATS) -> str:
    if fmt not in allowed:
        raise PlanwatchError(f"unknown format {fmt!r}: one of {', '.join(allowed)}")
    return fmt


FACT_COLUMNS = ("id", "doc", "kind", "indicator", "measure", "surface", "value", "unit", "qualifier",
                "region", "period", "status")


def _filter(indicator: str | None, region: str | None, period: str | None, kind: str | None = None,
            measure: str | None = None, tier: str | None = None, doc: str | None = None,
            status: str | None = None, all_: bool = False) -> services.FactFilter:
    return services.FactFilter(indicator=indicator, region=region, period=period, kind=kind, measure=measure,
                               tier=tier, doc=doc, status=status, include_superseded=all_,
                               include_rejected=all_)


# ---------------------------------------------------------------- commands

def register(app: typer.Typer) -> None:
    """Add the database commands to `app`."""

    @app.command()
    @_guard
    def ingest(
        paths: list[Path] = typer.Argument(..., help="files or folders (searched for .txt .md .html .docx .pdf)"),
        db: str | None = DbOpt,
        jobs: int | None = typer.Option(None, "--jobs", "-j", help="extraction processes (default: the `jobs` setting)"),
        date: str | None = typer.Option(None, help="the documents' date (YYYY-MM-DD) where they give none"),
        region: str | None = typer.Option(None, help="the region where a document names none"),
        reextract: bool = typer.Option(False, "--reextract",
                                       help="after ingesting, run the engine again over every stored document "
                                            "(corrections are re-applied)"),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bar"),
    ) -> None:
        """Read, extract and store documents.

        One transaction per document; the same content twice is stored once; a changed
        file becomes a new version. Exit code 1 when some files failed (one line each on stderr)."""
        settings = services.load_settings(jobs=jobs)
        url = _db(db)
        progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeRemainingColumn(), console=err, transient=True, disable=quiet)
        with progress:
            task = progress.add_task("ingesting", total=None)
            report = services.ingest(
                [str(p) for p in paths], url, jobs=settings.jobs, date=date, region=region,
                max_bytes=int(settings.max_file_mb * 1024 * 1024),
                on_total=lambda n: progress.update(task, total=n),
                on_progress=lambda _p, _s: progress.advance(task))
            if reextract:
                again = services.reextract(url)
                report.failed += again.failed
        for path, reason in report.failed:
            err.print(f"{path}: {reason}", markup=False, soft_wrap=True)
        err.print(f"{len(report.added)} added, {len(report.versions)} new versions, "
                  f"{len(report.skipped)} already stored, {len(report.failed)} failed; "
                  f"{report.facts} facts in {report.seconds:.1f}s", markup=False)
        if report.failed:
            raise typer.Exit(1)

    @app.command()
    @_guard
    def facts(
        indicator: str | None = typer.Option(None, help="exact indicator name"),
        region: str | None = typer.Option(None),
        period: str | None = typer.Option(None),
        kind: str | None = typer.Option(None, help="target or actual"),
        measure: str | None = typer.Option(None),
        tier: str | None = typer.Option(None),
        doc: str | None = typer.Option(None, help="document name"),
        status: str | None = typer.Option(None, help="unreviewed, confirmed, corrected or rejected"),
        all_: bool = typer.Option(False, "--all", help="include superseded and rejected facts"),
        limit: int | None = typer.Option(None, help="at most this many"),
        offset: int = typer.Option(0),
        format: str = FormatOpt,
        db: str | None = DbOpt,
    ) -> None:
        """List stored facts."""
        _check_format(format)
        flt = _filter(indicator, region, period, kind, measure, tier, doc, status, all_)
        rows = [f.to_dict() for f in services.query_facts(_db(db), flt, limit=limit, offset=offset)]
        emit(rows, format, columns=FACT_COLUMNS)

    @app.command()
    @_guard
    def scorecard(
        region: str | None = typer.Option(None),
        period: str | None = typer.Option(None),
        indicator: str | None = typer.Option(None),
        tolerance: float | None = typer.Option(None, help="points within which a 左右 target is met "
                                                             "(default: the `tolerance_points` setting)"),
        format: str = FormatOpt,
        db: str | None = DbOpt,
    ) -> None:
        """Every target with its result, the verdict (met, missed, partly, unknown) and the gap."""
        _check_format(format)
        lines = services.scorecard(_db(db), region=region, period=period, indicator=indicator,
                                   tolerance_points=tolerance)
        _emit_scorecard(lines, format)

    @app.command()
    @_guard
    def conflicts(
        region: str | None = typer.Option(None),
        period: str | None = typer.Option(None),
        indicator: str | None = typer.Option(None),
        kind: str | None = typer.Option(None),
        tolerance: float | None = typer.Option(None, help="default: the `conflict_tolerance` setting"),
        limit: int | None = typer.Option(None, help="the first this many (in series order)"),
        format: str = FormatOpt,
        db: str | None = DbOpt,
    ) -> None:
        """The same figure stated differently by different documents, with both sources."""
        _check_format(format)
        found = services.conflicts(_db(db), tolerance=tolerance, region=region, period=period,
                                   indicator=indicator, kind=kind, limit=limit)
        if format == "table":
            rows = [{"indicator": c.key.indicator, "region": c.key.region, "period": c.key.period,
                     "kind": c.key.kind, "measure": c.key.measure,
                     "values": " / ".join(f"{_cell(v.value)}{v.unit or ''}" for v in c.variants),
                     "spread": f"{_cell(c.spread)}{getattr(c, 'spread_unit', '') or ''}",
                     "sources": "; ".join(f"{s.doc}: {s.surface}" for s in c.sources)} for c in found]
            emit(rows, format, title="conflicts")
        else:
            emit([c.to_dict() for c in found], format)

    @app.command()
    @_guard
    def corroboration(
        region: str | None = typer.Option(None),
        period: str | None = typer.Option(None),
        indicator: str | None = typer.Option(None),
        kind: str | None = typer.Option(None),
        tolerance: float | None = typer.Option(None),
        format: str = FormatOpt,
        db: str | None = DbOpt,
    ) -> None:
        """Figures stated by two or more documents: confirmed when they agree."""
        _check_format(format)
        found = services.corroboration(_db(db), tolerance=tolerance, region=region, period=period,
                                       indicator=indicator, kind=kind)
        if format == "table":
            rows = [{"indicator": s.key.indicator, "region": s.key.region, "period": s.key.period,
                     "kind": s.key.kind, "value": f"{_cell(s.value)}{s.unit or ''}", "status": s.status,
                     "docs": s.n_docs, "agreeing": s.n_agreeing} for s in found]
            emit(rows, format, title="corroboration")
        else:
            emit([s.to_dict() for s in found], format)

    @app.command()
    @_guard
    def table(
        period: str = typer.Option(..., help="this year: the table shows last year's plan and result beside it"),
        region: list[str] | None = typer.Option(None, help="a region; repeat for several side by side"),
        format: str = typer.Option("table", "--format", "-f",
                                   help="table, json, jsonl, csv, xlsx, md or html"),
        out: Path | None = typer.Option(None, "--out", "-o", help="write to this file (default: stdout)"),
        db: str | None = DbOpt,
    ) -> None:
        """The plan-execution table: indicators by last year's plan and result and this year's plan."""
        _check_format(format, (*LIST_FORMATS, "xlsx", "md", "html"))
        regions = list(region) if region else None
        t = services.plan_table(_db(db), period=period,
                                region=regions[0] if regions and len(regions) == 1 else regions)
        rows = t.to_dicts()
        if format == "table" and out is None:
            emit(rows, "table", columns=t.headers)
            return
        _write_table(rows, t.headers, format, out)

    @app.command()
    @_guard
    def export(
        format: str = typer.Option(..., "--format", "-f", help="csv, xlsx, parquet, json or jsonl"),
        out: Path | None = typer.Option(None, "--out", "-o", help="file to write (default: stdout)"),
        layout: str = typer.Option("facts", help="facts (one row per fact) or panel (region × period rows, "
                                                 "one column per indicator)"),
        indicator: str | None = typer.Option(None),
        region: str | None = typer.Option(None),
        period: str | None = typer.Option(None),
        kind: str | None = typer.Option(None),
        all_: bool = typer.Option(False, "--all", help="include superseded and rejected facts"),
        db: str | None = DbOpt,
    ) -> None:
        """Write the facts (or a panel) as CSV, XLSX, Parquet, JSON or JSONL."""
        _check_format(format, ("csv", "xlsx", "parquet", "json", "jsonl"))
        flt = _filter(indicator, region, period, kind, all_=all_)
        if layout == "panel" and kind is None:
            flt = _filter(indicator, region, period, "actual", all_=all_)
        target: Any = out if out is not None else (
            sys.stdout if format in ("csv", "json", "jsonl") else sys.stdout.buffer)
        n = services.export(_db(db), format, target, flt=flt, layout=layout)
        if out is not None:
            err.print(f"{n} rows written to {out}", markup=False)
        else:
            sys.stdout.flush()

    @app.command()
    @_guard
    def search(
        query: str = typer.Argument(..., help="words to find (any length; Chinese works)"),
        limit: int = typer.Option(20, help="at most this many passages"),
        format: str = FormatOpt,
        db: str | None = DbOpt,
    ) -> None:
        """Full-text search over the stored documents: passages with the facts inside them."""
        _check_format(format)
        hits = services.search(_db(db), query, limit=limit)
        if format == "table":
            rows = [{"doc": h.doc, "at": f"{h.start}-{h.end}", "passage": h.passage,
                     "facts": "; ".join(f"#{f.id} {f.indicator} {f.surface} ({f.kind.value})" for f in h.facts)}
                    for h in hits]
            emit(rows, "table", title=f"search: {query}")
        else:
            emit([h.to_dict() for h in hits], format)

    @app.command()
    @_guard
    def fix(
        fact_id: int = typer.Argument(..., help="the fact's id (see `planwatch facts`)"),
        value: float | None = typer.Option(None),
        indicator: str | None = typer.Option(None),
        kind: str | None = typer.Option(None),
        period: str | None = typer.Option(None),
        region: str | None = typer.Option(None),
        unit: str | None = typer.Option(None),
        measure: str | None = typer.Option(None),
        qualifier: str | None = typer.Option(None),
        confirm_: bool = typer.Option(False, "--confirm", help="mark the fact checked and right"),
        reject_: bool = typer.Option(False, "--reject", help="mark the fact wrong: it leaves listings and analyses"),
        note: str | None = typer.Option(None, help="why (kept in the audit trail)"),
        author: str | None = typer.Option(None, help="who (default: $USER)"),
        format: str = FormatOpt,
        db: str | None = DbOpt,
    ) -> None:
        """Correct a fact (value, indicator, kind, period, region, …), or confirm or reject it.

        Every change is kept with time, author and old value, and survives re-ingestion."""
        _check_format(format)
        changes = {k: v for k, v in (("value", value), ("indicator", indicator), ("kind", kind),
                                     ("period", period), ("region", region), ("unit", unit),
                                     ("measure", measure), ("qualifier", qualifier)) if v is not None}
        if confirm_ and reject_:
            raise PlanwatchError("--confirm and --reject together make no sense")
        if not changes and not (confirm_ or reject_):
            raise PlanwatchError("nothing to do: give a field to change, --confirm or --reject")
        url = _db(db)
        f = None
        if changes:
            f = services.fix(url, fact_id, changes, author=author, note=note)
        if confirm_ or reject_:
            f = services.review(url, fact_id, "confirm" if confirm_ else "reject", author=author, note=note)
        assert f is not None
        emit([f.to_dict()], format, columns=FACT_COLUMNS)

    @app.command()
    @_guard
    def confirm(fact_id: int, note: str | None = typer.Option(None), author: str | None = typer.Option(None),
                format: str = FormatOpt, db: str | None = DbOpt) -> None:
        """Mark a fact checked and right (audited)."""
        _check_format(format)
        emit([services.confirm(_db(db), fact_id, author=author, note=note).to_dict()], format, columns=FACT_COLUMNS)

    @app.command()
    @_guard
    def reject(fact_id: int, note: str | None = typer.Option(None), author: str | None = typer.Option(None),
               format: str = FormatOpt, db: str | None = DbOpt) -> None:
        """Mark a fact wrong (audited): it leaves listings, scorecards and conflicts."""
        _check_format(format)
        emit([services.reject(_db(db), fact_id, author=author, note=note).to_dict()], format, columns=FACT_COLUMNS)

    @app.command()
    @_guard
    def add(
        doc: str = typer.Option(..., help="the stored document: its id, name or path"),
        start: int = typer.Option(..., help="offset of the number in the document's text"),
        end: int = typer.Option(...),
        kind: str = typer.Option(..., help="target or actual"),
        indicator: str = typer.Option(...),
        measure: str = typer.Option(..., help="growth, level, change, rank or relation"),
        value: float | None = typer.Option(None),
        unit: str | None = typer.Option(None),
        qualifier: str = typer.Option("exact"),
        region: str | None = typer.Option(None),
        period: str | None = typer.Option(None),
        tier: str = typer.Option("B"),
        note: str | None = typer.Option(None),
        author: str | None = typer.Option(None),
        format: str = FormatOpt,
        db: str | None = DbOpt,
    ) -> None:
        """Add a fact the engine missed (audited; kept through re-extraction)."""
        _check_format(format)
        fact = {"start": start, "end": end, "kind": kind, "indicator": indicator, "measure": measure,
                "value": value, "unit": unit, "qualifier": qualifier, "region": region, "period": period,
                "tier": tier}
        f = services.add_fact(_db(db), doc, fact, author=author, note=note)
        emit([f.to_dict()], format, columns=FACT_COLUMNS)

    @app.command()
    @_guard
    def history(fact_id: int | None = typer.Argument(None, help="one fact's corrections (default: all)"),
                limit: int | None = typer.Option(None), format: str = FormatOpt,
                db: str | None = DbOpt) -> None:
        """The audit trail of corrections: time, author, field, old and new value, note."""
        _check_format(format)
        rows = [c.to_dict() for c in services.history(_db(db), fact_id, limit=limit)]
        emit(rows, format, columns=("id", "created_at", "author", "fact_id", "action", "field", "old_value",
                                    "new_value", "note"))

    @app.command()
    @_guard
    def documents(all_: bool = typer.Option(False, "--all", help="include old versions"),
                  format: str = FormatOpt, db: str | None = DbOpt) -> None:
        """The stored documents (current versions unless --all)."""
        _check_format(format)
        rows = [d.to_dict() for d in services.documents(_db(db), current_only=not all_)]
        emit(rows, format, columns=("id", "name", "version", "current", "chars", "date", "sha256", "ingested_at"))

    @app.command()
    @_guard
    def demo(db: str | None = typer.Option(None, "--db", help="database to fill (default: a new temporary one)"),
             format: str = FormatOpt) -> None:
        """Ingest the bundled example documents and show their scorecard."""
        _check_format(format)
        url, report, lines = services.demo(db)
        for path, reason in report.failed:
            err.print(f"{path}: {reason}", markup=False)
        err.print(f"demo database: {url} ({len(report.added)} documents, {report.facts} facts)", markup=False)
        _emit_scorecard(lines, format)
        if report.failed:
            raise typer.Exit(1)


SCORE_COLUMNS = ("indicator", "region", "period", "target", "actual", "verdict", "gap", "sources")


def _emit_scorecard(lines: Sequence[Any], fmt: str) -> None:
    if fmt == "table":
        rows = []
        for ln in lines:
            gap = "" if ln.gap is None else f"{ln.gap:+g}{ln.gap_unit or ''}"
            verdict = ln.verdict if ln.parts == 1 else f"{ln.verdict} ({ln.part}/{ln.parts}: {ln.part_verdict})"
            if ln.conflicting:
                verdict += " ⚠ sources disagree"
            srcs = {s.doc for s in (*ln.target_sources, *ln.actual_sources)}
            rows.append({"indicator": ln.indicator, "region": ln.region, "period": ln.period,
                         "target": ln.target_text, "actual": ln.actual_text, "verdict": verdict, "gap": gap,
                         "sources": ", ".join(sorted(srcs))})
        emit(rows, "table", columns=SCORE_COLUMNS, title="scorecard")
    elif fmt == "csv":
        emit([ln.to_row() for ln in lines], fmt)
    else:
        emit([ln.to_dict() for ln in lines], fmt)


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
