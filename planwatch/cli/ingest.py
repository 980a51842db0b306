"""Commands that fill a database: ingest, demo."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)

from .. import present, services
from .analyses import emit_scorecard
from .common import DbOpt, FormatOpt, check_format, err, guard, say


def _report_lines(report: services.IngestReport) -> None:
    for path, reason in report.failed:
        say(f"planwatch: {present.safe(path)}: {present.one_line(reason)}")


@guard
def ingest(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH...", show_default=False,
                                                help="files or folders (searched for .txt .md .html .htm .docx .pdf)")],
    db: DbOpt = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", metavar="N",
                                             help="extraction processes (default: the `jobs` setting)")] = None,
    date: Annotated[str | None, typer.Option(metavar="YYYY-MM-DD",
                                             help="the documents' date where they give none")] = None,
    region: Annotated[str | None, typer.Option(metavar="REGION",
                                               help="the region where a document names none")] = None,
    reextract: Annotated[bool, typer.Option(
        "--reextract", help="after ingesting, run the engine again over every stored document "
                            "(corrections are re-applied; fact ids are kept)")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress bar")] = False,
) -> None:
    """Read, extract and store documents.

    One transaction per document; the same content twice is stored once; a changed
    file becomes a new version. Exit code 1 when some files failed (one line each on stderr)."""
    settings = services.load_settings(jobs=jobs)
    url = db or services.default_db()
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
    _report_lines(report)
    say(f"{len(report.added)} added, {len(report.versions)} new versions, "
        f"{len(report.skipped)} already stored, {len(report.failed)} failed; "
        f"{report.facts} facts in {report.seconds:.1f}s")
    if report.failed:
        raise typer.Exit(1)


@guard
def demo(db: Annotated[str | None, typer.Option("--db", metavar="URL",
                                                help="database to fill (default: a new temporary one)")] = None,
         format: FormatOpt = "table") -> None:
    """Ingest the bundled example documents and show their scorecard."""
    check_format(format)
    url, report, lines = services.demo(db)
    _report_lines(report)
    say(f"demo database: {present.safe(url)} ({len(report.added)} documents, {report.facts} facts)")
    emit_scorecard(lines, format)
    if report.failed:
        raise typer.Exit(1)

