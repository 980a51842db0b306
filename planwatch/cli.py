"""The command line: formatting only; the work is in planwatch's services."""

from __future__ import annotations

import typer

from . import cli_store

app = typer.Typer(no_args_is_help=True, add_completion=False,
                  help="planwatch: targets and results of Chinese government reports, tied to their source.")

cli_store.register(app)


def main() -> None:
    app()
