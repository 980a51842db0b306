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
from ..services.query import date_value, text_value, whole
from .analyses import emit_scorecard
from .common import DbOpt, FormatOpt, check_format, db_url, err, guard, say, settings


def report_lines(report: services.IngestReport) -> None:
    """One line per failed file, one per warning (a date or region the engine had to guess)."""
    for path, reason in report.failed:
        say(f"planwatch: {present.safe(path)}: {present.one_line(reason)}")
    for path, warning in report.warnings:
        say(f"planwatch: {present.safe(path)}: warning: {present.one_line(warning)}")


def summary(report: services.IngestReport) -> str:
    restored = f", {len(report.restored)} restored" if report.restored else ""
    return (f"{len(report.added)} added, {len(report.versions)} new versions{restored}, "
            f"{len(report.skipped)} already stored, {len(report.failed)} failed; "
            f"{report.facts} facts in {report.seconds:.1f}s")


@guard
def ingest(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH...", show_default=False,
                                                help="files or folders (searched for .txt .md .html .htm .docx .pdf)")],
    db: DbOpt = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", metavar="N",
                                             help="extraction processes (default: the `jobs` setting, 1)")] = None,
    date: Annotated[str | None, typer.Option(metavar="YYYY-MM-DD",
                                             help="the documents' date, when the text does not say")] = None,
    region: Annotated[str | None, typer.Option(metavar="REGION",
                                               help="the documents' home region, when the text does not say")] = None,
    max_mb: Annotated[float | None, typer.Option(metavar="MB", help="refuse files larger than this "
                                                                    "(default: the max_file_mb setting, 50)")] = None,
    reextract: Annotated[bool, typer.Option(
        "--reextract", help="after ingesting, run the engine again over every stored document "
                            "(corrections are re-applied; fact ids are kept)")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress bar")] = False,
) -> None:
    """Read, extract and store documents (this command alone creates a database).

    One transaction per document; the same content twice is stored once; a changed
    file becomes a new version, and a file put back to an earlier content makes that
    version current again. Exit code 1 when some files failed (one line each on stderr);
    Ctrl-C stops cleanly (exit code 130): run the same command again to finish."""
    whole("--jobs", jobs, minimum=1)
    date = date_value("--date", date)
    region = text_value("--region", region, "region")
    s = settings(jobs=jobs, max_file_mb=max_mb)
    if max_mb is not None and max_mb <= 0:
        from ..errors import UsageError
        raise UsageError(f"--max-mb {max_mb:g}: a size above 0")
    url = db_url(db)
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TimeRemainingColumn(), console=err, transient=True, disable=quiet or not err.is_terminal)
    task = progress.add_task("ingesting", total=None)
    shown: list[bool] = []

    def started(n: int) -> None:  # the database is open: show the bar
        progress.update(task, total=n)
        progress.start()
        shown.append(True)

    def stop() -> None:
        if shown:
            progress.stop()
            shown.clear()

    try:
        report = services.ingest(
            [str(p) for p in paths], url, jobs=s.jobs, date=date, region=region,
            max_bytes=int(s.max_file_mb * 1024 * 1024), on_total=started,
            on_progress=lambda _p, _s: progress.advance(task))
        if reextract:
            again = services.reextract(url)
            report.failed += again.failed
    except services.Interrupted as e:
        stop()
        report_lines(e.report)
        raise
    finally:
        stop()
    report_lines(report)
    say(summary(report))
    if report.failed:
        raise typer.Exit(1)


@guard
def demo(db: Annotated[str | None, typer.Option("--db", metavar="URL",
                                                help="database to fill (default: a new temporary one)")] = None,
         format: FormatOpt = "table") -> None:
    """Ingest the bundled example documents and show their scorecard."""
    check_format(format)
    url, report, lines = services.demo(db, settings=settings())
    report_lines(report)
    say(f"demo database: {present.safe(url)} ({report.stored} documents, {report.facts} facts)")
    emit_scorecard(lines, format)
    if report.failed:
        raise typer.Exit(1)
