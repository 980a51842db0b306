"""What every command shares: output in the listing formats, the error guard, common options.

Listings print to stdout as a Rich table (default) or json (an array of
objects), jsonl or csv; progress, summaries and errors go to stderr. Every
error a user can cause is one line on stderr starting `planwatch: `.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import Enum
from functools import wraps
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from .. import present, services
from ..config import Settings
from ..errors import PlanwatchError, UsageError
from ..export import csv_safe
from ..services.query import number

_R = TypeVar("_R")

LIST_FORMATS = ("table", "json", "jsonl", "csv")
err = Console(stderr=True, highlight=False, soft_wrap=True)

F = TypeVar("F", bound=Callable[..., Any])

DbOpt = Annotated[str | None, typer.Option(
    "--db", metavar="URL", help="database URL (sqlite:///path.db, postgresql://…) or a path; "
                                "default: the `db` setting (planwatch.db)")]
FormatOpt = Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="table, json (an array), jsonl or csv")]
RegionOpt = Annotated[str | None, typer.Option(
    metavar="REGION", help="a region: its full name (株洲市), a short name (株洲) or one stored in the database")]
PeriodOpt = Annotated[str | None, typer.Option(metavar="PERIOD", help="a year (2024) or a span (2021-2025)")]
IndicatorOpt = Annotated[str | None, typer.Option(
    metavar="NAME", help="an indicator: a headline name or any of its synonyms (规上工业增加值), or a stored phrase")]
KindOpt = Annotated[str | None, typer.Option(metavar="KIND", help="target or actual")]


AllRowsOpt = Annotated[bool, typer.Option(
    "--all-rows", help="also show tier-B rows below the quality bar (indicator names that look like fragments)")]


def db_url(db: str | None) -> str:
    return db or services.default_db()


FLAG_OF = {"conflict_points": "--major-points", "conflict_relative": "--major-relative"}


def settings(**flags: Any) -> Settings:
    """The settings (planwatch.toml < PLANWATCH_* < flags), each flag value checked."""
    for name, v in flags.items():
        if v is not None and name in ("tolerance_points", "tolerance_relative", "conflict_points",
                                      "conflict_relative"):
            number(FLAG_OF.get(name, f"--{name.replace('_', '-')}"), v, minimum=0)
    return services.load_settings(**flags)


def notes(answer: Any) -> None:
    """How the query's names were read, and what the quality bar left out: on stderr."""
    for n in getattr(answer, "notes", ()):
        say(f"planwatch: {present.safe(n)}")
    hidden = getattr(answer, "hidden", 0)
    if hidden:
        say(f"planwatch: {hidden} tier-B rows left out (below the quality bar, or a plan table's results with "
            "no plan; --all-rows shows them)")


def say(message: str) -> None:
    """One line on stderr (file names and values in it already made safe by present.safe)."""
    err.print(message, markup=False, highlight=False)


class PerFile:
    """Results of a command run over many files: each unreadable one gets its line on stderr and is
    counted, each readable one its warnings; `done()` exits with 1 when any failed."""

    def __init__(self) -> None:
        self.failed = 0

    def readable(self, results: Iterable[_R]) -> Iterator[_R]:
        for res in results:
            path = present.safe(getattr(res, "path", ""))
            if getattr(res, "error", None):
                self.failed += 1
                say(f"planwatch: {path}: {present.one_line(res.error)}")
                continue
            for w in getattr(res, "warnings", ()):
                say(f"planwatch: {path}: warning: {present.one_line(w)}")
            yield res

    def done(self) -> None:
        if self.failed:
            raise typer.Exit(1)


def fail(message: str, code: int = 2) -> typer.Exit:
    say(f"planwatch: {message}")
    return typer.Exit(code)


def guard(fn: F) -> F:
    """PlanwatchError → one line on stderr and exit code 2 (1 for a database or file that
    failed); Ctrl-C → one line and exit code 130. No traceback for users."""
    @wraps(fn)
    def wrapper(*a: Any, **kw: Any) -> Any:
        try:
            return fn(*a, **kw)
        except UsageError as e:
            raise fail(present.one_line(str(e)), 2) from None
        except PlanwatchError as e:
            raise fail(present.one_line(str(e)), getattr(e, "exit_code", 2)) from None
        except KeyboardInterrupt:
            raise fail("interrupted", 130) from None
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


def cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return present.number(v)
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def emit(rows: Sequence[dict[str, Any]], fmt: str, *, columns: Sequence[str] | None = None,
         title: str | None = None, empty: str = "(nothing found)") -> None:
    """Print rows: `table` shows `columns` (all keys when None); the other formats every key."""
    rows = [_plain(r) for r in rows]
    out = sys.stdout
    if fmt == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=2, allow_nan=False) + "\n")
    elif fmt == "jsonl":
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False, allow_nan=False) + "\n")
    elif fmt == "csv":
        keys = list(dict.fromkeys(k for r in rows for k in r))
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow([csv_safe(k) for k in keys])
        for r in rows:
            w.writerow([csv_safe(cell(r.get(k))) for k in keys])
        out.write(buf.getvalue())
    elif fmt == "table":
        cols = list(columns) if columns else list(dict.fromkeys(k for r in rows for k in r))
        table = Table(title=title, show_lines=False, header_style="bold")
        for c in cols:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*(present.printable(cell(r.get(c))) for c in cols))
        # Piped output has no terminal width: use a wide one rather than Rich's 80 columns.
        Console(highlight=False, width=None if out.isatty() else 200, file=out).print(table)
        if not rows and empty:
            say(empty)
    else:
        raise UsageError(f"--format {fmt}: one of {', '.join(LIST_FORMATS)}")


def check_format(fmt: str, allowed: Sequence[str] = LIST_FORMATS) -> str:
    if fmt not in allowed:
        raise UsageError(f"--format {present.safe(fmt)}: one of {', '.join(allowed)}")
    return fmt
