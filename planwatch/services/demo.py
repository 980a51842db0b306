"""The demo: the bundled example documents, ingested into a fresh database and scored."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..analyse.scorecard import ScoreLine
from ..config import Settings
from ..errors import StoreError
from .analyses import scorecard
from .common import DB, database
from .ingestion import IngestReport, ingest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def example_files() -> list[Path]:
    """The example documents (the folder's README describes them; it is not one of them)."""
    return sorted(p for p in EXAMPLES.iterdir() if p.is_file() and p.suffix in (".txt", ".html")
                  and not p.name.startswith((".", "README")))


def demo(db: DB | None = None, *, settings: Settings | None = None) -> tuple[str, IngestReport, list[ScoreLine]]:
    """Ingest the bundled examples (into `db`, or a fresh temporary SQLite file) and
    return (database URL, ingest report, scorecard of everything)."""
    if db is None:
        tmp = Path(tempfile.mkdtemp(prefix="planwatch-demo-")) / "demo.db"
        db = str(tmp)
    if not EXAMPLES.is_dir():
        raise StoreError(f"no bundled examples at {EXAMPLES}")
    with database(db, create=True) as d:
        report = ingest(example_files(), d, name_root=EXAMPLES)
        lines = scorecard(d, settings=settings).items
    return (db if isinstance(db, str) else db.url), report, lines
