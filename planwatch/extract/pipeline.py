"""The order of extraction steps (stub until the engine lands)."""

from __future__ import annotations

from ..model import Document, Fact


def extract_document(doc: Document, *, date: str | None = None, region: str | None = None) -> list[Fact]:
    return []
