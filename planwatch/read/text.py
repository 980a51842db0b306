"""Plain text and Markdown: the decoded bytes, exactly (the hot path)."""

from __future__ import annotations

from pathlib import Path

from .base import Extracted
from .encoding import decode_report


def read_text(path: Path, data: bytes) -> Extracted:
    text, encoding, warning = decode_report(data, path)
    return Extracted(text, encoding, {"warning": warning} if warning else {})
