"""Word .docx: body paragraphs and tables in the order they stand.

One line per paragraph; one line per table row, cells joined by TAB (so a
table parser downstream sees `指标\\t2023年计划\\t2024年计划`). python-docx
repeats a horizontally merged cell once per grid column it spans; we keep it
once per row. Content controls (w:sdt) at body level are read through.
"""

from __future__ import annotations

import io
import logging
import zipfile
from pathlib import Path
from typing import Any

from ..errors import InputError
from .base import Extracted, iso_date

# A .docx is a zip of XML; refuse one whose contents inflate past this many
# times the on-disk limit (a zip bomb would otherwise exhaust memory).
_INFLATE_FACTOR = 20

log = logging.getLogger(__name__)


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(tag))


def _check_zip(path: Path, data: bytes, max_bytes: int) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            inflated = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as e:
        raise InputError(path, "not a valid docx (not a zip archive, or truncated)") from e
    if "[Content_Types].xml" not in names:
        raise InputError(path, "not a valid docx (a zip without a Word document)")
    if inflated > _INFLATE_FACTOR * max_bytes:
        raise InputError(path, f"too large when unzipped ({inflated} bytes)")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _cell_text(cell: Any) -> str:
    """A cell's paragraphs and nested tables on one line (a row must stay one line)."""
    from docx.table import Table

    parts: list[str] = []
    for block in cell.iter_inner_content():
        if isinstance(block, Table):
            parts.extend(line.replace("\t", " ") for line in _table_lines(block))
        else:
            parts.append(block.text)
    return _one_line(" ".join(parts))


def _table_lines(table: Any) -> list[str]:
    lines: list[str] = []
    for row in table.rows:
        seen: list[Any] = []
        cells: list[str] = []
        for cell in row.cells:
            if any(cell._tc is tc for tc in seen):  # the same <w:tc> again: a horizontal merge
                continue
            seen.append(cell._tc)
            cells.append(_cell_text(cell))
        if any(cells):
            lines.append("\t".join(cells))
    return lines


def _body_lines(container: Any, element: Any) -> list[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    p_tag, tbl_tag, sdt_tag, content_tag = _qn("w:p"), _qn("w:tbl"), _qn("w:sdt"), _qn("w:sdtContent")
    lines: list[str] = []
    for child in element.iterchildren():
        if child.tag == p_tag:
            text = Paragraph(child, container).text
            if text.strip():
                lines.append(text)
        elif child.tag == tbl_tag:
            lines.extend(_table_lines(Table(child, container)))
        elif child.tag == sdt_tag:
            for content in child.iterchildren(content_tag):
                lines.extend(_body_lines(container, content))
    return lines


def read_docx(path: Path, data: bytes, max_bytes: int) -> Extracted:
    _check_zip(path, data, max_bytes)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises KeyError, ValueError, lxml errors… for broken parts
        raise InputError(path, f"not a valid docx ({type(e).__name__})") from e
    try:
        lines = _body_lines(document._body, document.element.body)
    except Exception as e:
        raise InputError(path, f"unreadable docx body ({type(e).__name__})") from e
    meta: dict[str, str] = {}
    try:
        props = document.core_properties
        if props.title and props.title.strip():
            meta["title"] = props.title.strip()
        created = props.created
        date = iso_date(created.isoformat()) if created else None
        if date:
            meta["date"] = date
    except Exception as e:  # noqa: BLE001 - metadata is a bonus; a broken core.xml must not lose the text
        log.debug("no core properties in %s: %r", path, e)
    return Extracted("\n".join(lines), None, meta)
