"""Ingest a file sent through the web: bytes and a client's file name, never a path.

The bytes are typed by their content (PDF, a Word document, HTML, text), not by the
name; a binary file of any other kind is refused before anything is stored. The file is
written under a fresh temporary folder with a name made here (`upload.pdf`), so a name
like `../../etc/passwd` can never reach the file system: the client's name is only the
document's label, with controls and folders taken out.
"""

from __future__ import annotations

import io
import re
import shutil
import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path

from ..errors import UsageError
from ..model import Document
from ..read import default_max_bytes, read_file
from ..store import repo
from .common import DB, database
from .ingestion import IngestReport, _ingest

NAME_MAX = 200
_BINARY_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF", b"\x1f\x8b", b"MZ", b"BZh", b"7z\xbc\xaf",
                 b"Rar!", b"\x00\x00\x01\x00", b"OggS", b"ID3", b"fLaC", b"RIFF", b"\xd0\xcf\x11\xe0")
_HTML = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)


class UploadTooLarge(UsageError):
    status = 413


class UnsupportedUpload(UsageError):
    status = 415


def upload_name(filename: str | None) -> str:
    """The document's label from a client's file name: its last part, no controls, not too long."""
    base = re.split(r"[\\/]", str(filename or ""))[-1]
    base = re.sub(r"[\x00-\x1f\x7f-\x9f]", "", base).strip().lstrip(".")
    return (base or "upload")[:NAME_MAX]


def sniff(data: bytes) -> str:
    """The format of uploaded bytes by their content: pdf, docx, html or txt; UnsupportedUpload else."""
    head = data[:4096]
    if head.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except (zipfile.BadZipFile, ValueError):
            names = []
        if "word/document.xml" in names:
            return "docx"
        raise UnsupportedUpload("a zip file that is not a Word document (.docx)")
    if head.startswith(_BINARY_MAGIC):
        raise UnsupportedUpload("a binary file: send .txt, .md, .html, .docx or .pdf")
    utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    if not utf16 and b"\x00" in data[:65536]:
        raise UnsupportedUpload("a binary file (NUL bytes): send .txt, .md, .html, .docx or .pdf")
    if not utf16 and _HTML.search(head):
        return "html"
    return "txt"


def _read_upload(path: str | Path, *, max_bytes: int | None = None) -> Document:
    # no path: the document's source key is its name (a second upload of that name is a new version)
    return replace(read_file(path, max_bytes=max_bytes), path=None)


def ingest_upload(db: DB, data: bytes, filename: str | None, *, max_bytes: int | None = None,
                  date: str | None = None, region: str | None = None) -> tuple[str, int | None, IngestReport]:
    """Store one uploaded file: (the document's name, its id when stored, the ingest report). UploadTooLarge or
    UnsupportedUpload before anything is written; a file that cannot be read is a failure in
    the report, as in `planwatch ingest`."""
    limit = default_max_bytes() if max_bytes is None else max_bytes
    if len(data) > limit:
        raise UploadTooLarge(f"too large ({len(data) / 1048576:.1f} MB; the limit is {limit / 1048576:g} MB)")
    if not data:
        raise UsageError("empty file")
    fmt = sniff(data)
    name = upload_name(filename)
    folder = Path(tempfile.mkdtemp(prefix="planwatch-upload-"))
    try:
        path = folder / f"upload.{fmt}"
        path.write_bytes(data)
        report = IngestReport()
        with database(db, create=True) as d:
            _ingest(d, [(path, name)], report, lambda _p, _s: None, jobs=1, extractor=None, reader=_read_upload,
                    date=date, region=region, max_bytes=limit)
            with d.read() as conn:
                found = [i for i in repo.find_documents(conn, name) if i.current]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    report.failed = [(name, r) for _p, r in report.failed]
    report.warnings = [(name, w) for _p, w in report.warnings]
    for lst in (report.added, report.versions, report.restored, report.skipped):
        lst[:] = [name for _ in lst]
    return name, (found[0].id if found and not report.failed else None), report
