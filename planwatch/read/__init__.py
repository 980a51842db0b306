"""Readers: a file on disk → Document (the text every offset refers to).

Stub until the readers land; the real dispatch is by suffix (txt, md, html, docx, pdf).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..model import Document

SUPPORTED = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")


def read_file(path: str | Path, *, max_bytes: int | None = None) -> Document:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputError(p, f"cannot read: {e.strerror}") from e
    return Document(name=p.name, text=data.decode("utf-8"), path=str(p))
