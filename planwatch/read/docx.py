"""Word .docx: body paragraphs and tables in the order they stand, read as a stream.

One line per paragraph; one line per table row, cells joined by TAB (so a
table parser downstream sees `指标\\t2023年计划\\t2024年计划`). A horizontally
merged cell is kept once per row; a vertically merged one repeats the text of
the cell that starts the merge (what python-docx's `row.cells` gives). Content
controls (w:sdt) at body level are read through. The text is python-docx's
(paragraph text = its runs and hyperlinks; w:tab and w:ptab a TAB, a line
break or w:cr a newline, w:noBreakHyphen a dash).

The document part is parsed as a stream (lxml iterparse, each body paragraph
or table dropped once read) and bounded three ways, so a small file that
inflates to hundreds of megabytes is refused in a fraction of a second: the
sizes the zip declares, the bytes actually inflated (a header may lie), and
the characters of text produced.
"""

from __future__ import annotations

import html
import io
import logging
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import InputError
from .base import Extracted, iso_date

log = logging.getLogger(__name__)

# A .docx is a zip of XML. The document part may inflate to at most this many times the size
# limit on disk, and never past MAX_XML; the text it yields is bounded by the size limit too.
_INFLATE_FACTOR = 20
MAX_XML = 48 * 1024 * 1024
_CHUNK = 1 << 16

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT, _BODY = (W + t for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent",
                                                                  "body"))
_R, _HYPERLINK, _T, _TAB, _PTAB, _BR, _CR, _NBH = (W + t for t in ("r", "hyperlink", "t", "tab", "ptab", "br",
                                                                   "cr", "noBreakHyphen"))
_TC_PR, _GRID_SPAN, _V_MERGE, _TR_PR, _GRID_BEFORE = (W + t for t in ("tcPr", "gridSpan", "vMerge", "trPr",
                                                                       "gridBefore"))
_VAL, _TYPE = W + "val", W + "type"
_CORE_DATE = re.compile(rb"<dcterms:created[^>]*>([^<]{4,40})</dcterms:created>")
_CORE_TITLE = re.compile(rb"<dc:title>([^<]{1,500})</dc:title>")


class _Capped(io.RawIOBase):
    """A zip member read through a counter: more than `limit` inflated bytes is an InputError,
    whatever the zip's header said."""

    def __init__(self, raw: IO[bytes], limit: int, path: Path) -> None:
        self.raw, self.limit, self.path, self.n = raw, limit, path, 0

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        data = self.raw.read(min(len(b), _CHUNK))
        self.n += len(data)
        if self.n > self.limit:
            raise InputError(self.path, f"too large when unzipped (more than {self.limit // 1048576} MB of XML)")
        b[:len(data)] = data
        return len(data)


def _xml_limit(data: bytes, max_bytes: int) -> int:
    return min(_INFLATE_FACTOR * max(max_bytes, len(data)), MAX_XML)


_MAIN = re.compile(rb"<Relationship\b[^>]*?Type=\"[^\"]*/officeDocument\"[^>]*?Target=\"/?([^\"]+)\""
                   rb"|<Relationship\b[^>]*?Target=\"/?([^\"]+)\"[^>]*?Type=\"[^\"]*/officeDocument\"")


def _main_part(z: zipfile.ZipFile) -> str:
    """The document part the package's relationships name (word/document.xml, almost always)."""
    try:
        info = z.getinfo("_rels/.rels")
        if info.file_size <= 1 << 20:
            m = _MAIN.search(z.read(info))
            if m:
                return (m.group(1) or m.group(2)).decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, ValueError):
        pass
    return "word/document.xml"


def _check_zip(path: Path, z: zipfile.ZipFile, limit: int, total: int) -> zipfile.ZipInfo:
    names = set(z.namelist())
    if "[Content_Types].xml" not in names:
        raise InputError(path, "not a valid docx (a zip without a Word document)")
    part = _main_part(z)
    if part not in names:
        raise InputError(path, f"not a valid docx (no {part})")
    info = z.getinfo(part)
    inflated = sum(i.file_size for i in z.infolist())
    if info.file_size > limit or inflated > total:
        raise InputError(path, f"too large when unzipped ({max(info.file_size, inflated)} bytes)")
    return info


# ---------------------------------------------------------------- text of the XML, as python-docx gives it

def _run_text(r: Any) -> str:
    out = []
    for c in r:
        tag = c.tag
        if tag == _T:
            out.append(c.text or "")
        elif tag == _TAB or tag == _PTAB:
            out.append("\t")
        elif tag == _BR:
            out.append("\n" if c.get(_TYPE, "textWrapping") == "textWrapping" else "")
        elif tag == _CR:
            out.append("\n")
        elif tag == _NBH:
            out.append("-")
    return "".join(out)


def _para_text(p: Any) -> str:
    out = []
    for c in p:
        if c.tag == _R:
            out.append(_run_text(c))
        elif c.tag == _HYPERLINK:
            out.extend(_run_text(r) for r in c if r.tag == _R)
    return "".join(out)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _cell_text(tc: Any) -> str:
    """A cell's paragraphs and nested tables on one line (a row must stay one line)."""
    parts: list[str] = []
    for block in tc:
        if block.tag == _TBL:
            parts.extend(line.replace("\t", " ") for line in _table_lines(block))
        elif block.tag == _P:
            parts.append(_para_text(block))
    return _one_line(" ".join(parts))


def _int_val(el: Any, default: int) -> int:
    try:
        return int(el.get(_VAL)) if el is not None else default
    except (TypeError, ValueError):
        return default


def _table_lines(tbl: Any) -> list[str]:
    lines: list[str] = []
    above: dict[int, str] = {}   # grid column → text of the cell standing there in the row above
    for tr in (c for c in tbl if c.tag == _TR):
        tr_pr = tr.find(_TR_PR)
        col = _int_val(tr_pr.find(_GRID_BEFORE) if tr_pr is not None else None, 0)
        here: dict[int, str] = {}
        cells: list[str] = []
        for tc in (c for c in tr if c.tag == _TC):
            pr = tc.find(_TC_PR)
            span = max(1, _int_val(pr.find(_GRID_SPAN) if pr is not None else None, 1))
            vm = pr.find(_V_MERGE) if pr is not None else None
            if vm is not None and vm.get(_VAL, "continue") == "continue":
                text = above.get(col, "")   # a vertical merge goes on: the text of the cell that began it
            else:
                text = _cell_text(tc)
            cells.append(text)
            for k in range(span):
                here[col + k] = text
            col += span
        above = here
        if any(cells):
            lines.append("\t".join(cells))
    return lines


def _is_body_unit(el: Any) -> bool:
    """A paragraph or table standing in the body, or in a content control at body level."""
    parent = el.getparent()
    while parent is not None and parent.tag == _SDT_CONTENT:
        sdt = parent.getparent()
        parent = sdt.getparent() if sdt is not None else None
    return parent is not None and parent.tag == _BODY


def _body_lines(stream: IO[bytes], path: Path, max_chars: int) -> Iterator[str]:
    import lxml.etree

    total = 0
    for _, el in lxml.etree.iterparse(stream, events=("end",), tag=(_P, _TBL), huge_tree=False,
                                      resolve_entities=False, no_network=True):
        if not _is_body_unit(el):
            continue
        if el.tag == _P:
            text = _para_text(el)
            found = [text] if text.strip() else []
        else:
            found = _table_lines(el)
        for line in found:
            total += len(line) + 1
            if total > max_chars:
                raise InputError(path, f"too much text (more than {max_chars} characters)")
            yield line
        # the unit is read: drop it and what came before, so memory stays flat
        parent = el.getparent()
        el.clear()
        if parent is not None:
            while el.getprevious() is not None:
                del parent[0]


def _meta(path: Path, z: zipfile.ZipFile) -> dict[str, str]:
    meta: dict[str, str] = {}
    try:
        info = z.getinfo("docProps/core.xml")
        if info.file_size > 1 << 20:
            return meta
        core = z.read(info)
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, ValueError):
        return meta
    title, created = _CORE_TITLE.search(core), _CORE_DATE.search(core)
    if title:
        t = html.unescape(title.group(1).decode("utf-8", "replace")).strip()
        if t:
            meta["title"] = t
    if created:
        date = iso_date(created.group(1).decode("ascii", "replace"))
        if date:
            meta["date"] = date
    return meta


def read_docx(path: Path, data: bytes, max_bytes: int) -> Extracted:
    import lxml.etree

    limit = _xml_limit(data, max_bytes)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            info = _check_zip(path, z, limit, _INFLATE_FACTOR * max_bytes)
            meta = _meta(path, z)
            with z.open(info) as raw:   # inflate once without parsing: a lying header is caught fast
                counter = _Capped(raw, limit, path)
                while counter.read(_CHUNK):
                    pass
            with z.open(info) as raw:
                stream = io.BufferedReader(_Capped(raw, limit, path), _CHUNK)
                # as much text as a text file within the size limit can hold (3 bytes a character)
                lines = list(_body_lines(stream, path, max_chars=max(max_bytes // 3, 1 << 20)))
    except InputError:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, lxml.etree.LxmlError, RuntimeError) as e:
        raise InputError(path, f"not a valid docx ({type(e).__name__})") from e
    return Extracted("\n".join(lines), None, meta)
