"""The command line: formatting only; the work is in planwatch's services.

One module per group of commands: extract (files, no database), ingest,
queries, analyses, exports, corrections. `main` is the entry point: every
mistake a user can make ends in one line on stderr and exit code 2.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Annotated

import typer

from .. import __version__, present
from . import (
    analyses,
    corrections,
    exports,
    extract,
    followup,
    ingest,
    projects,
    queries,
    tasks,
)
from . import serve as web
from .help import ClickAbort, ClickException, plain_help

app = typer.Typer(no_args_is_help=True, add_completion=False, rich_markup_mode=None,
                  pretty_exceptions_enable=False, context_settings={"help_option_names": ["-h", "--help"]},
                  help="planwatch: targets and results of Chinese government reports, tied to their source.\n\n"
                       "Settings come from planwatch.toml ([planwatch] table) and PLANWATCH_* variables; "
                       "see the README.")


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"planwatch {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="print the version and exit")] = False) -> None:
    """planwatch: targets and results of Chinese government reports, tied to their source."""


for fn in (extract.extract, extract.text, extract.context, ingest.ingest, queries.facts, analyses.scorecard, analyses.conflicts,
           analyses.corroboration, analyses.table, exports.export, queries.search, corrections.fix,
           corrections.confirm, corrections.reject, corrections.add, corrections.history, queries.documents,
           ingest.demo, projects.projects, tasks.tasks, followup.followup):
    app.command(context_settings=getattr(fn, "context_settings", None))(fn)
web.register(app)

plain_help()


def main(argv: Sequence[str] | None = None) -> None:
    """Run a command; a usage mistake prints `planwatch: …` on one line and exits with 2."""
    try:
        code = app(args=list(argv) if argv is not None else None, prog_name="planwatch", standalone_mode=False)
    except ClickException as e:
        if type(e).__name__ == "NoArgsIsHelpError":  # `planwatch` alone: the help
            sys.stdout.write(e.format_message() + "\n")
            sys.exit(0)
        sys.stderr.write(f"planwatch: {present.one_line(e.format_message())}\n")
        sys.exit(e.exit_code if e.exit_code else 2)
    except (ClickAbort, KeyboardInterrupt):
        sys.stderr.write("planwatch: interrupted\n")
        _exit_now(130)
    except BrokenPipeError:
        # the reader went away (`planwatch facts | head`): say nothing, stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
    if code == 130:
        _exit_now(130)
    sys.exit(code if isinstance(code, int) else 0)


def _exit_now(code: int) -> None:
    """Leave at once after Ctrl-C: every document already stored is committed and the database is
    closed, but the interpreter's exit hooks would join a process pool stopped mid-task and can
    wait on it for ever."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
