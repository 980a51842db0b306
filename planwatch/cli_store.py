"""Database commands (ingest, facts, scorecard, …): registered onto the main app."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the database commands to `app` (filled in by the tracking-database work)."""
