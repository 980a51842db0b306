"""Write rows (list of dicts) as CSV, XLSX, Parquet, JSON or JSONL.

    write(rows, "csv", "facts.csv")          # a path: written to a temporary file, then renamed
    write(rows, "xlsx", sys.stdout.buffer)   # a binary stream
    write(rows, "jsonl", sys.stdout)         # a text stream (text formats only, or one with .buffer)

Columns: `columns` when given; else, for facts (every key a fact column), the
stable FACT_COLUMNS order; else the keys in the order they first appear.

FACT_COLUMNS, the documented column list for facts, is GUIDE.md's field order
and then the database's metadata:

    doc, start, end, surface, kind, indicator, measure, value, unit, qualifier,
    region, period, tier, optional, evidence, duplicate, region_code, why,
    id, document_id, status, origin, superseded, doc_title, doc_date, doc_sha256

Values: None is an empty CSV cell, an empty XLSX cell, a Parquet null and JSON
null (an empty string, too, is an empty XLSX cell: the format has no other).
XLSX text is always text, never a formula, even when it starts with "=". CSV writes booleans as true/false and floats as Python prints them
(5.7, not 5.700000000000001); lists and dicts become JSON text in CSV, XLSX
and Parquet. Parquet columns get an explicit schema: the fact columns' types
are fixed (FACT_TYPES); other columns are bool, int64, float64 or string by
their values, string when empty.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from enum import Enum
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO, cast

from .model import FACT_FIELDS

FORMATS: tuple[str, ...] = ("csv", "xlsx", "parquet", "json", "jsonl")
_TEXT_FORMATS = frozenset({"csv", "json", "jsonl"})

# What the store adds (StoredFact.to_dict) and document details a caller may join in.
FACT_METADATA: tuple[str, ...] = ("id", "document_id", "status", "origin", "superseded",
                                  "doc_title", "doc_date", "doc_sha256")
FACT_COLUMNS: tuple[str, ...] = (*FACT_FIELDS, *FACT_METADATA)

# Parquet types of the fact columns ("string", "int64", "float64", "bool").
FACT_TYPES: dict[str, str] = {
    "doc": "string", "start": "int64", "end": "int64", "surface": "string", "kind": "string",
    "indicator": "string", "measure": "string", "value": "float64", "unit": "string",
    "qualifier": "string", "region": "string", "period": "string", "tier": "string",
    "optional": "bool", "evidence": "string", "duplicate": "bool", "region_code": "string", "why": "string",
    "id": "string", "document_id": "int64", "status": "string", "origin": "string", "superseded": "bool",
    "doc_title": "string", "doc_date": "string", "doc_sha256": "string",
}


def fact_rows(facts: Iterable[Any], columns: Sequence[str] = FACT_COLUMNS) -> list[dict[str, Any]]:
    """Facts (model.Fact, store rows, dicts) as dicts in `columns` order; enums become words.

    Attributes a fact lacks (a plain Fact has no id) are left out, not set to None.
    """
    out = []
    for f in facts:
        src = f if isinstance(f, Mapping) else None
        row: dict[str, Any] = {}
        for c in columns:
            if src is not None:
                if c not in src:
                    continue
                v = src[c]
            elif hasattr(f, c):
                v = getattr(f, c)
            else:
                continue
            row[c] = v.value if isinstance(v, Enum) else v
        out.append(row)
    return out


def columns_of(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """The columns `write` uses when none are given (see the module docstring)."""
    keys = list(dict.fromkeys(k for r in rows for k in r))
    fact_cols = set(FACT_COLUMNS)
    if keys and all(k in fact_cols for k in keys) and {"doc", "indicator", "kind"} <= set(keys):
        present = set(keys)
        return [*FACT_FIELDS, *(c for c in FACT_METADATA if c in present)]
    return keys


def _plain(v: Any) -> Any:
    """A value every format can hold: enums → words, lists/dicts → JSON text."""
    if isinstance(v, Enum):
        return v.value
    if isinstance(v, (list, tuple, dict)):
        return json.dumps(v, ensure_ascii=False, default=str)
    return v


def _json_value(v: Any) -> Any:
    if isinstance(v, Enum):
        return v.value
    if isinstance(v, float) and math.isnan(v):  # NaN is not JSON
        return None
    return v


# --- text formats -----------------------------------------------------------

_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[+-]?\d+)?")


def csv_safe(text: str) -> str:
    """A CSV cell a spreadsheet will not run: text starting with =, +, @, a tab or a carriage
    return gets a leading apostrophe (OWASP's advice), and so does text starting with - unless
    it is a plain number (-3.8) or a list item (- 新建…)."""
    if not text:
        return text
    c = text[0]
    if c in "=+@\t\r" or (c == "-" and not text.startswith("- ") and text != "-"
                           and not _PLAIN_NUMBER.fullmatch(text)):
        return "'" + text
    return text


def _csv_cell(v: Any) -> str:
    v = _plain(v)
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return repr(v)
    return csv_safe(str(v))


def _write_text(rows: Sequence[Mapping[str, Any]], fmt: str, cols: list[str], out: TextIO, bom: bool) -> None:
    if fmt == "csv":
        if bom:
            out.write("\ufeff")
        w = csv.writer(out, lineterminator="\r\n")
        if cols:
            w.writerow([csv_safe(c) for c in cols])
        for r in rows:
            w.writerow([_csv_cell(r.get(c)) for c in cols])
    elif fmt == "jsonl":
        for r in rows:
            out.write(json.dumps({c: _json_value(r.get(c)) for c in cols}, ensure_ascii=False, default=str))
            out.write("\n")
    else:  # json: an array, one object a line
        out.write("[")
        for i, r in enumerate(rows):
            out.write(",\n" if i else "\n")
            out.write(json.dumps({c: _json_value(r.get(c)) for c in cols}, ensure_ascii=False, default=str))
        out.write("\n]\n" if rows else "]\n")


# --- binary formats ---------------------------------------------------------

def _write_xlsx(rows: Sequence[Mapping[str, Any]], cols: list[str], out: BinaryIO) -> None:
    from openpyxl import Workbook  # type: ignore[import-untyped,unused-ignore]
    from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped,unused-ignore]
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped,unused-ignore]
    from openpyxl.styles import Font  # type: ignore[import-untyped,unused-ignore]

    wb = Workbook(write_only=True)  # streams rows: memory stays flat on large exports
    ws = wb.create_sheet("data")
    ws.freeze_panes = "A2"
    bold = Font(bold=True)

    def cell(v: Any, header: bool = False) -> WriteOnlyCell:
        v = _plain(v)
        if isinstance(v, str):
            v = ILLEGAL_CHARACTERS_RE.sub("", v)
        c = WriteOnlyCell(ws, value=v)
        if isinstance(v, str):
            c.data_type = "s"   # never a formula, even when the text starts with "="
        if header:
            c.font = bold
        return c

    ws.append([cell(c, header=True) for c in cols])
    for r in rows:
        ws.append([cell(r.get(c)) for c in cols])
    wb.save(out)


def _arrow_type(name: str, values: list[Any]) -> str:
    if name in FACT_TYPES:
        return FACT_TYPES[name]
    present = [v for v in values if v is not None]
    if not present:
        return "string"
    if all(isinstance(v, bool) for v in present):
        return "bool"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "int64"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return "float64"
    return "string"


def _coerce(v: Any, t: str) -> Any:
    v = _plain(v)
    if v is None:
        return None
    if t == "string":
        return v if isinstance(v, str) else str(v)
    if t == "float64":
        return float(v)
    if t == "int64":
        return int(v)
    return bool(v)


def arrow_schema(rows: Sequence[Mapping[str, Any]], cols: Sequence[str]) -> Any:
    """The explicit pyarrow schema `write` uses for Parquet."""
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

    types = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(), "bool": pa.bool_()}
    return pa.schema([pa.field(c, types[_arrow_type(c, [r.get(c) for r in rows])], nullable=True) for c in cols])


def _write_parquet(rows: Sequence[Mapping[str, Any]], cols: list[str], out: BinaryIO) -> None:
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
    import pyarrow.parquet as pq  # type: ignore[import-untyped,unused-ignore]

    schema = arrow_schema(rows, cols)
    arrays = {}
    for field in schema:
        t = {pa.string(): "string", pa.int64(): "int64", pa.float64(): "float64", pa.bool_(): "bool"}[field.type]
        arrays[field.name] = pa.array([_coerce(r.get(field.name), t) for r in rows], type=field.type)
    table = pa.table(arrays, schema=schema)
    pq.write_table(table, out)


# --- entry point ------------------------------------------------------------

def _write_stream(rows: Sequence[Mapping[str, Any]], fmt: str, cols: list[str], out: IO[Any], bom: bool) -> None:
    is_text = isinstance(out, io.TextIOBase) or (not isinstance(out, (io.RawIOBase, io.BufferedIOBase))
                                                 and "b" not in getattr(out, "mode", "b"))
    if fmt in _TEXT_FORMATS:
        if is_text:
            _write_text(rows, fmt, cols, cast(TextIO, out), bom)
            out.flush()
            return
        tw = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        try:
            _write_text(rows, fmt, cols, tw, bom)
            tw.flush()
        finally:
            tw.detach()  # hand the caller's stream back open
        return
    if is_text:
        buf = getattr(out, "buffer", None)
        if buf is None:
            raise TypeError(f"{fmt} is binary: give a path or a binary stream")
        out.flush()
        out = buf
    if fmt == "xlsx":
        _write_xlsx(rows, cols, cast(BinaryIO, out))
    else:
        _write_parquet(rows, cols, cast(BinaryIO, out))
    out.flush()


def write(rows: Sequence[Mapping[str, Any]], fmt: str, out: BinaryIO | TextIO | str | os.PathLike[str], *,
          columns: Sequence[str] | None = None, bom: bool = False) -> None:
    """Write `rows` as `fmt` (csv, xlsx, parquet, json, jsonl) to a path or an open stream.

    `bom=True` starts a CSV with a UTF-8 byte order mark so Excel reads it as
    UTF-8. Given a path, the output is written to a temporary file in the same
    directory and renamed over the target when complete: a crash never leaves
    half-written output.

        >>> buf = io.StringIO(); write([{"a": 1, "b": None}], "csv", buf); buf.getvalue()
        'a,b\\r\\n1,\\r\\n'
    """
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    rows = list(rows)
    cols = list(columns) if columns is not None else columns_of(rows)
    if not isinstance(out, (str, os.PathLike)):
        _write_stream(rows, fmt, cols, out, bom)
        return
    path = Path(out)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            _write_stream(rows, fmt, cols, fh, bom)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _umask() -> int:
    """The process umask: mkstemp makes 0600 files, the output gets what a plain open() would give."""
    try:  # Linux: read it without changing it (os.umask would, briefly, for every thread)
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    m = os.umask(0o022)
    os.umask(m)
    return m
