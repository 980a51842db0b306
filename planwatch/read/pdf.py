"""PDF with a text layer (pypdfium2): pages joined by a blank line.

PDFium ends lines with CRLF; we make them LF (this text is ours, not the
file's bytes, so nothing else refers to its offsets). A PDF with no text on
any page is a scan: refused, since planwatch does no OCR.
"""

from __future__ import annotations

import threading
from pathlib import Path

from ..errors import InputError
from .base import Extracted, iso_date

# PDFium is not thread-safe; one document at a time per process.
_LOCK = threading.Lock()

_ERR_PASSWORD = 4  # FPDF_ERR_PASSWORD
_ERR_SECURITY = 6  # FPDF_ERR_SECURITY: an unsupported security handler
_ERR_FORMAT = 3    # FPDF_ERR_FORMAT: not a PDF, or damaged beyond repair

PAGE_SEPARATOR = "\n\n"


def _clean(page_text: str) -> str:
    # \ufffe and \x02 are PDFium's marks for soft hyphens / generated characters.
    return (page_text.replace("\r\n", "\n").replace("\r", "\n")
            .replace("\x00", "").replace("\ufffe", "").replace("\x02", ""))


def read_pdf(path: Path, data: bytes) -> Extracted:
    import pypdfium2 as pdfium

    with _LOCK:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as e:
            code = getattr(e, "err_code", None)
            if code in (_ERR_PASSWORD, _ERR_SECURITY):
                raise InputError(path, "encrypted (needs a password)") from e
            if code == _ERR_FORMAT:
                raise InputError(path, "not a valid PDF (corrupt or truncated)") from e
            raise InputError(path, f"unreadable PDF ({e})") from e
        try:
            pages: list[str] = []
            for i in range(len(pdf)):
                page = pdf[i]
                textpage = page.get_textpage()
                try:
                    pages.append(_clean(textpage.get_text_range()))
                finally:
                    textpage.close()
                    page.close()
            try:
                raw_meta = pdf.get_metadata_dict()
            except pdfium.PdfiumError:
                raw_meta = {}
        except pdfium.PdfiumError as e:
            raise InputError(path, f"unreadable PDF page ({e})") from e
        finally:
            pdf.close()
    if not any(p.strip() for p in pages):
        raise InputError(path, "no text layer (scanned PDF?)")
    meta: dict[str, str] = {}
    title = (raw_meta.get("Title") or "").strip()
    if title:
        meta["title"] = title
    date = iso_date(raw_meta.get("CreationDate"))
    if date:
        meta["date"] = date
    return Extracted(PAGE_SEPARATOR.join(pages), None, meta)
