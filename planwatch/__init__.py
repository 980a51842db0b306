"""planwatch: targets and results of Chinese government plans and reports, tied to their source.

Public API:
    extract_text(text, doc="text", date=None, region=None) -> list[Fact]
    extract_file(path, date=None, region=None) -> list[Fact]
"""

from __future__ import annotations

from pathlib import Path

from .errors import InputError, PlanwatchError
from .extract.pipeline import extract_document
from .model import Document, Fact, Kind, Measure, Qualifier
from .read import read_file

__all__ = [
    "Document", "Fact", "InputError", "Kind", "Measure", "PlanwatchError", "Qualifier",
    "extract_file", "extract_text", "read_file",
]
__version__ = "0.1.0"


def extract_text(text: str, doc: str = "text", *, date: str | None = None,
                 region: str | None = None) -> list[Fact]:
    """Facts of a text; `date` (YYYY-MM-DD) and `region` are used where the text gives none."""
    return extract_document(Document(name=doc, text=text), date=date, region=region)


def extract_file(path: str | Path, *, date: str | None = None, region: str | None = None,
                 max_bytes: int | None = None) -> list[Fact]:
    """Facts of a file; raises InputError naming the file when it cannot be read."""
    return extract_document(read_file(path, max_bytes=max_bytes), date=date, region=region)
