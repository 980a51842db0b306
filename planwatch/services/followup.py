"""Follow-up of a region's promises for a year (analyse/followup.py), over files or over the
documents of a database: what `planwatch followup` prints and what the web layer can call.

    followup_docs   read and extract files into the follow-up's documents (one failure per bad file)
    db_docs         the same from the current documents of a database (their stored text, re-read)
    db_followup     the follow-up of a region and year over a database, with the documents' ids (the web)
    followup        the follow-up rows of a region and year
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..analyse.followup import FollowDoc, FollowUp, follow_up
from ..errors import InputError, UsageError
from ..extract import regions
from ..extract.lexicon import project_rules
from ..extract.pipeline import extract
from ..extract.project_match import compare
from ..extract.projects import ProjectMention, find_projects, stage_hits
from ..extract.tasks import find_tasks
from ..extract.textview import make_view
from ..model import Document
from ..store import repo
from .common import DB, database
from .ingestion import names_for
from .projects import _read
from .query import text_value


@dataclass(frozen=True)
class Failure:
    path: str
    error: str


_CLAUSE_END = re.compile(r"[，,。；;！？!?：:\n]")


def stage_after(text: str, end: int) -> tuple[str, str]:
    """The first stage word that may follow a name, between the name and its clause's end (甲站顺利开工):
    the stage of a name found again, which `planwatch projects` leaves unknown."""
    rules = project_rules()
    m = _CLAUSE_END.search(text, end)
    rest = text[end:m.start() if m else len(text)]
    for h in stage_hits(rest, 0, rules):
        if h.word not in rules.lead_only and h.stage != "unknown":
            return h.stage, f"stage {h.word!r} after the name in its clause"
    return "unknown", ""


def _with_stage(text: str, m: ProjectMention) -> ProjectMention:
    if m.stage != "unknown":
        return m
    stage, why = stage_after(text, m.end)
    return m if stage == "unknown" else replace(m, stage=stage, why=f"{m.why}; {why}")


def match(a: ProjectMention, b: ProjectMention) -> tuple[float, str] | None:
    """Two mentions of one project (project_match.compare at or above the rules' threshold)."""
    got = compare(a.name, b.name, a.region, b.region, a.head, b.head)
    return got if got is not None and got[0] >= project_rules().match_threshold else None


def follow_doc(doc: Document, *, date: str | None = None, region: str | None = None) -> FollowDoc:
    """One document read as the follow-up reads it: facts, context, projects and tasks in one pass."""
    ext = extract(doc, date=date, region=region)
    ctx = ext.context
    mentions = tuple(_with_stage(doc.text, m) for m in find_projects(doc.text, ctx, doc=doc.name,
                                                                      view=make_view(doc.text)))
    tasks = tuple(find_tasks(doc.text, ctx, ext.facts, mentions, doc=doc.name))
    when = str(ctx.date) if ctx.date else ""
    return FollowDoc(doc.name, doc.text, ctx.home.name, tuple(ext.facts), mentions, tasks, (when,))


def followup_docs(paths: Iterable[str | Path], *, date: str | None = None, region: str | None = None,
                  max_bytes: int | None = None) -> tuple[list[FollowDoc], list[Failure]]:
    """Every supported file under `paths`, read for the follow-up; a file that cannot be read is a
    Failure with its reason (never raised)."""
    docs, failed = [], []
    for p, name in names_for(paths):
        try:
            doc, _ = _read(str(p), name, max_bytes)
            docs.append(follow_doc(doc, date=date, region=region))
        except InputError as e:
            failed.append(Failure(str(p), e.reason))
        except Exception as e:  # noqa: BLE001 — an engine bug on one file must not stop the batch
            failed.append(Failure(str(p), f"extraction failed ({type(e).__name__}: {e})"))
    return docs, failed


def _stored(db: DB) -> list[tuple[int, str, str]]:
    with database(db) as d, d.read() as conn:
        return [(info.id, info.name, repo.document_text(conn, info.id) or "") for info in repo.list_documents(conn)]


def db_docs(db: DB) -> list[FollowDoc]:
    """The current documents of a database, their stored text read again as ingest read it
    (projects and tasks are not stored; corrections to facts are not seen here)."""
    return [follow_doc(Document(name, text)) for _, name, text in _stored(db) if text.strip()]


@dataclass(frozen=True)
class Board:
    """The follow-up of a region's year over a database, with each source document's id (for links)."""

    region: str
    period: str
    rows: tuple[FollowUp, ...]
    documents: dict[str, int]     # a source's doc name → the stored document's id

    def to_dict(self) -> dict[str, Any]:
        rows = []
        for r in self.rows:
            d = r.to_dict()
            for key in ("promise", "evidence"):
                for s in d[key]:
                    s["document_id"] = self.documents.get(s["doc"])
            rows.append(d)
        return {"region": self.region, "period": self.period, "items": rows}


def db_followup(db: DB, region: str | None, period: str | int | None, *, reported: bool = False) -> Board:
    """The follow-up of `region`'s promises for the year `period` over the current documents of a
    database (every document is read again: seconds for a large database)."""
    name = text_value("--region", region, "region")
    year = str(period or "").strip()
    if not name or not (year.isdigit() and len(year) == 4):
        raise UsageError("the follow-up needs a region and a period that is a year (region=株洲市, period=2024)")
    stored = [(i, n, t) for i, n, t in _stored(db) if t.strip()]
    docs = [follow_doc(Document(n, t)) for _, n, t in stored]
    home = resolve_region(name, docs)
    return Board(home, year, tuple(followup(docs, home, year, reported=reported)), {n: i for i, n, _ in stored})


def followup(docs: Sequence[FollowDoc], region: str, period: str | int, *, reported: bool = False) -> list[FollowUp]:
    """The follow-up rows of `region`'s promises for `period` over `docs`."""
    return follow_up(docs, region, period, match, reported=reported)


def resolve_region(name: str, docs: Sequence[FollowDoc]) -> str:
    """The region as the documents name their home: 株洲 → 株洲市 when one region has that short name."""
    homes = {d.home for d in docs}
    if name in homes:
        return name
    idx = regions.load_index()
    full = {r.name for r in idx.short_named(name)} & homes or {r.name for r in idx.short_named(name)}
    if not full:  # a home the index does not know: 澜江 for 澜江市
        full = {h for h in homes if h and h.startswith(name) and len(h) == len(name) + 1}
    return next(iter(full)) if len(full) == 1 else name


__all__ = ["Board", "Failure", "FollowDoc", "FollowUp", "db_docs", "db_followup", "follow_doc", "followup", "followup_docs", "match",
           "resolve_region", "stage_after"]
