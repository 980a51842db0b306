"""Exports: facts, panels and plan tables as CSV, XLSX, Parquet, JSON, Markdown or HTML."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from ..errors import NothingStoredError, UsageError
from ..store import repo
from .analyses import panel
from .common import DB, Answer, database
from .query import Query, resolve

FORMATS = ("csv", "xlsx", "parquet", "json", "jsonl")
LAYOUTS = ("facts", "panel")


def export_rows(db: DB, q: Query | None = None) -> Answer[list[dict[str, Any]]]:
    """Facts as export rows: the GUIDE's fields, then id and the document's metadata
    (export.FACT_COLUMNS)."""
    rows: list[dict[str, Any]] = []
    with database(db) as d, d.read() as conn:
        q = resolve(conn, q or Query())
        facts = list(repo.iter_facts(conn, q.filter()))
        meta = repo.documents_meta(conn, {f.document_id for f in facts})
    for f in facts:
        m = meta.get(f.document_id, {})
        row = f.to_dict()
        row.update(doc_title=m.get("title"), doc_date=m.get("date"), doc_sha256=m.get("sha256"),
                   superseded=f.superseded)
        rows.append(row)
    return Answer(rows, q.notes)


def export(db: DB, fmt: str, out: str | Path | BinaryIO | TextIO, q: Query | None = None, *,
           layout: str = "facts", all_rows: bool = False) -> Answer[int]:
    """Write facts (or the panel layout) as csv|xlsx|parquet|json|jsonl; the row count.

    An empty panel is an error (there is no header to write), not an empty file."""
    from .. import export as writers
    if fmt not in FORMATS:
        raise UsageError(f"--format {fmt}: one of {', '.join(FORMATS)}")
    if layout == "panel":
        got = panel(db, q, all_rows=all_rows)
        rows = got.items.to_dicts()
        if not rows:
            kind = (q.kind if q and q.kind else "actual")
            raise NothingStoredError(f"the panel is empty: no {kind} figures with a value match")
        writers.write(rows, fmt, out, columns=["region", "period", *got.items.columns])
        return Answer(len(rows), got.notes, got.hidden)
    if layout == "facts":
        got_rows = export_rows(db, q)
        writers.write(got_rows.items, fmt, out, columns=writers.FACT_COLUMNS)
        return Answer(len(got_rows.items), got_rows.notes)
    raise UsageError(f"--layout {layout}: one of {', '.join(LAYOUTS)}")


def write_rows(rows: Sequence[dict[str, Any]], fmt: str, out: str | Path | BinaryIO | TextIO, *,
               columns: Sequence[str] | None = None) -> None:
    """Any rows (a plan table, a panel) as csv|xlsx|parquet|json|jsonl."""
    from .. import export as writers
    writers.write(list(rows), fmt, out, columns=columns)


def render_table(rows: Sequence[dict[str, Any]], headers: Sequence[str], fmt: str) -> str:
    """A plan table as Markdown (`md`) or HTML (`html`)."""
    from ..analyse.table import to_html, to_markdown
    if fmt == "md":
        return to_markdown(rows, headers)
    if fmt == "html":
        return to_html(rows, headers)
    raise UsageError(f"--format {fmt}: md or html")
