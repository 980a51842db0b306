"""Readers: a file on disk → Document, whose `text` every fact's offsets refer to.

    read_file(path, max_bytes=None) -> Document
    iter_inputs(paths) -> list[Path]
    SUPPORTED: the suffixes a folder is searched for

Dispatch is by suffix: .txt/.md (the bytes decoded exactly, see encoding.py),
.html/.htm (main text), .docx (paragraphs and tables in order), .pdf (text
layer). A file given by name with any other suffix is read as text, unless
its first bytes say PDF or zip. Every failure to read a file is an
InputError(path, reason); nothing else escapes for a bad file.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from ..config import Settings
from ..errors import InputError
from ..model import Document
from .base import Extracted
from .docx import read_docx
from .html import read_html
from .pdf import read_pdf
from .text import read_text

__all__ = ["SUPPORTED", "default_max_bytes", "iter_inputs", "read_file"]

SUPPORTED: tuple[str, ...] = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")

_FORMATS: dict[str, str] = {
    ".txt": "txt", ".md": "md", ".html": "html", ".htm": "html", ".docx": "docx", ".pdf": "pdf",
}

_MB = 1024 * 1024


def default_max_bytes() -> int:
    """The size limit when the caller passes none: Settings.max_file_mb's default."""
    return int(Settings().max_file_mb * _MB)


def _format_of(path: Path, head: bytes) -> str:
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt:
        return fmt
    # An unknown suffix given explicitly is text, unless the bytes clearly say otherwise.
    if head[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    return "txt"


def _stat(path: Path) -> os.stat_result:
    try:
        return path.stat()
    except FileNotFoundError as e:
        raise InputError(path, "no such file") from e
    except PermissionError as e:
        raise InputError(path, "permission denied") from e
    except OSError as e:  # too-long names, loops of symlinks, I/O errors…
        raise InputError(path, f"cannot read ({e.strerror or type(e).__name__})") from e


def _read_bytes(path: Path, limit: int) -> bytes:
    try:
        with path.open("rb") as f:
            data = f.read(limit + 1)  # one byte more shows the file grew past the limit
    except PermissionError as e:
        raise InputError(path, "permission denied") from e
    except IsADirectoryError as e:
        raise InputError(path, "is a directory") from e
    except FileNotFoundError as e:
        raise InputError(path, "no such file") from e
    except OSError as e:
        raise InputError(path, f"cannot read ({e.strerror or type(e).__name__})") from e
    if len(data) > limit:
        raise InputError(path, _too_large(len(data), limit))
    return data


def _too_large(size: int, limit: int) -> str:
    return f"too large ({size / _MB:.1f} MB; the limit is {limit / _MB:g} MB)"


def read_file(path: str | Path, *, max_bytes: int | None = None) -> Document:
    """Read one file into a Document; InputError(path, reason) when it cannot be read.

    `max_bytes` caps the size on disk (default: Settings.max_file_mb); the
    size is checked before a byte is read.
    """
    p = Path(path)
    limit = default_max_bytes() if max_bytes is None else max_bytes
    if limit < 0:
        raise ValueError(f"max_bytes must be >= 0, not {max_bytes}")
    st = _stat(p)
    if stat.S_ISDIR(st.st_mode):
        raise InputError(p, "is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(p, "not a regular file")
    if st.st_size > limit:
        raise InputError(p, _too_large(st.st_size, limit))
    if st.st_size == 0:
        raise InputError(p, "empty")
    data = _read_bytes(p, limit)
    if not data:
        raise InputError(p, "empty")
    fmt = _format_of(p, data[:1024])
    readers: dict[str, Callable[[Path, bytes], Extracted]] = {
        "txt": read_text, "md": read_text, "html": read_html, "pdf": read_pdf,
        "docx": lambda q, d: read_docx(q, d, limit),
    }
    try:
        got = readers[fmt](p, data)
    except InputError:
        raise
    except Exception as e:  # a library choking on a malformed file is still a bad file
        raise InputError(p, f"cannot read as {fmt} ({type(e).__name__}: {e})") from e
    if not got.text or got.text.isspace():
        raise InputError(p, "empty")
    return Document(
        name=p.name, text=got.text, path=str(p), format=fmt, encoding=got.encoding,
        sha256=hashlib.sha256(data).hexdigest(), meta=dict(got.meta),
    )


def _hidden(name: str) -> bool:
    # Dot-files, and the ~$… lock files Word leaves beside an open document.
    return name.startswith((".", "~$"))


def iter_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """The files to read, in a stable order.

    A folder becomes the supported files under it (recursively, sorted by
    relative path, skipping hidden files and folders); a path that is not a
    folder is kept as given whatever its suffix, even when it does not exist,
    so read_file reports it. A file reached twice is listed once.
    """
    out: list[Path] = []
    seen: set[str] = set()

    def add(q: Path) -> None:
        key = os.path.normcase(os.path.abspath(q))
        if key not in seen:
            seen.add(key)
            out.append(q)

    for raw in paths:
        root = Path(raw)
        if not root.is_dir():
            add(root)
            continue
        found: list[tuple[str, Path]] = []
        for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
            dirnames[:] = [d for d in dirnames if not _hidden(d)]  # prune in place: never descend
            for name in filenames:
                if _hidden(name) or Path(name).suffix.lower() not in SUPPORTED:
                    continue
                full = Path(dirpath) / name
                found.append((full.relative_to(root).as_posix(), full))
        for _, full in sorted(found):
            add(full)
    return out
