"""HTML: the page's main text (trafilatura), tables as tab-separated rows.

trafilatura drops navigation, footers and comments. Its plain-text output
draws tables as Markdown (`| a | b |`); we rewrite each table row as one
line of TAB-joined cells before rendering, so a table reads the same whether
it came from a web page or a .docx. When trafilatura finds nothing (a very
short page, say), a plain lxml text dump stands in.
"""

from __future__ import annotations

import copy
import logging
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import lxml.etree
import lxml.html

from ..errors import InputError
from .base import Extracted, iso_date
from .encoding import declared_charset, decode_report

log = logging.getLogger(__name__)

_BLOCKS = {
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "li", "ul", "ol",
    "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "br", "pre", "blockquote", "dd", "dt", "title",
}


def _cell_text(cell: Any) -> str:
    return " ".join("".join(cell.itertext()).split())


def _tables_to_rows(body: Any) -> Any:
    """A copy of trafilatura's XML body with each <table> replaced by one <p> per row."""
    body = copy.deepcopy(body)
    for table in list(body.iter("table")):
        parent = table.getparent()
        if parent is None:
            continue
        if any(a.tag == "table" for a in table.iterancestors()):
            continue  # a nested table is flattened into its outer cell's text
        at = parent.index(table)
        lines = []
        for row in table.iter("row"):
            if any(a.tag == "table" and a is not table for a in row.iterancestors()):
                continue
            cells = [_cell_text(c) for c in row.iterchildren("cell")]
            if any(cells):
                lines.append("\t".join(cells))
        for i, line in enumerate(lines):
            p = lxml.etree.Element("p")
            p.text = line
            parent.insert(at + i, p)
        last = parent[at + len(lines) - 1] if lines else table.getprevious()
        if table.tail:  # keep text that followed the table
            if last is not None:
                last.tail = (last.tail or "") + table.tail
            else:
                parent.text = (parent.text or "") + table.tail
        parent.remove(table)
    return body


def _trafilatura(html: str) -> tuple[str, dict[str, str]]:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, include_tables=True, include_comments=False, include_images=False,
        include_links=False, with_metadata=True,
    )
    if doc is None:
        return "", {}
    meta: dict[str, str] = {}
    title = getattr(doc, "title", None)
    if title:
        meta["title"] = str(title).strip()
    date = iso_date(getattr(doc, "date", None))
    if date:
        meta["date"] = date
    body = getattr(doc, "body", None)
    try:  # trafilatura's own renderer, fed our tab-joined rows; not public API, hence the guard
        from trafilatura.xml import xmltotxt
    except ImportError:
        body = None
    if body is not None:
        text = xmltotxt(_tables_to_rows(body), False)
    else:
        text = getattr(doc, "text", None) or ""
    if "<table" in html.lower() and (body is None or next(body.iter("table"), None) is None):
        text = _restore_tables(text, html)
    return text, meta


def _source_tables(html: str) -> list[list[list[str]]]:
    """The outermost tables of the page as rows of cell texts."""
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (lxml.etree.ParserError, ValueError):
        return []
    out = []
    for table in root.iter("table"):
        if any(a.tag == "table" for a in table.iterancestors()):
            continue
        rows = [[_cell_text(c) for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
                for tr in table.iter("tr") if not any(a.tag == "table" and a is not table for a in tr.iterancestors())]
        out.append([r for r in rows if any(r)])
    return out


def _restore_tables(text: str, html: str) -> str:
    """trafilatura's fallback on a short page reads a table as one cell per line: each table whose cells stand so,
    in order, in the text becomes its rows again, TAB-joined (as _tables_to_rows makes them)."""
    for rows in _source_tables(html):
        cells = [c for r in rows for c in r if c]
        if len(rows) < 2 or len(cells) < 4:
            continue
        flat = "\n".join(cells)
        at = text.find(flat)
        if at >= 0:
            text = text[:at] + "\n".join("\t".join(r) for r in rows) + text[at + len(flat):]
    return text


def _lxml_dump(html: str) -> tuple[str, dict[str, str]]:
    """Every text node of the page, one line per block element; scripts and styles dropped."""
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (lxml.etree.ParserError, ValueError):
        return "", {}
    meta: dict[str, str] = {}
    t = root.findtext(".//title")
    if t and t.strip():
        meta["title"] = " ".join(t.split())
    for bad in root.xpath("//script|//style|//noscript|//template|//head"):
        bad.drop_tree()
    parts: list[str] = []

    # depth first without recursion: a deeply nested page must not exhaust Python's stack
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        el, done = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else ""
        if done:
            if tag in _BLOCKS:
                parts.append("\n")
            if el.tail:
                parts.append(el.tail)
            continue
        if tag in _BLOCKS:
            parts.append("\n")
        if el.text and tag:
            parts.append(el.text)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    lines = (" ".join(line.split()) for line in "".join(parts).splitlines())
    return "\n".join(line for line in lines if line), meta


class _TextDump(HTMLParser):
    """Every text node, one line per block element, scripts and styles left out: Python's own
    parser, which has no limit on nesting (libxml2 stops at a depth of 256)."""

    _SKIP = frozenset({"script", "style", "noscript", "template", "head"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.skipping = 0
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in self._SKIP:
            self.skipping += 1
        if tag == "title":
            self.in_title = True
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self.skipping:
            self.skipping -= 1
        if tag == "title":
            self.in_title = False
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skipping:
            self.parts.append(data)


def _plain_dump(html: str) -> tuple[str, dict[str, str]]:
    d = _TextDump()
    d.feed(html)
    d.close()
    lines = (" ".join(line.split()) for line in "".join(d.parts).splitlines())
    title = " ".join("".join(d.title).split())
    return "\n".join(line for line in lines if line), ({"title": title} if title else {})


def read_html(path: Path, data: bytes) -> Extracted:
    html, encoding, warning = decode_report(data, path, declared=declared_charset(data))
    if "<" not in html:  # not markup at all: trafilatura would refuse it, show it as written
        return Extracted(html, encoding, {"warning": warning} if warning else {})
    try:
        text, meta = _trafilatura(html)
    except Exception as e:  # noqa: BLE001 - trafilatura is a large heuristic stack; a failure there is not fatal
        log.debug("trafilatura failed on %s: %r", path, e)
        text, meta = "", {}
    if not text.strip():
        text, fallback_meta = _lxml_dump(html)
        meta = {**fallback_meta, **meta}
    if not text.strip():  # nested past libxml2's depth limit, say
        text, fallback_meta = _plain_dump(html)
        meta = {**fallback_meta, **meta}
    if not text.strip():
        raise InputError(path, "empty (no text in the page)")
    if warning:
        meta["warning"] = warning
    return Extracted(text, encoding, meta)
