"""Named projects of files, and the same project across them (no database): what
`planwatch projects` prints and what the web layer can call.

    project_files    the project mentions of every file under some paths (one result per file)
    project_matches  pairs of mentions in two different documents that name one project
    task_files       the work areas and tasks of every file (their facts and project mentions inside)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from ..errors import InputError
from ..extract.project_match import ProjectMatch, match_projects
from ..extract.projects import ProjectMention, extract_projects
from ..extract.tasks import TaskNode, extract_tasks
from ..model import Document
from ..read import read_file
from .common import DB, database, stored_document
from .ingestion import check_readable, names_for

_T = TypeVar("_T")


@dataclass(frozen=True)
class ProjectsOfFile:
    """One file's project mentions, or the reason it could not be read."""

    path: str
    mentions: tuple[ProjectMention, ...] = ()
    warnings: tuple[str, ...] = ()
    error: str | None = None


def _read(p: str, name: str | None, max_bytes: int | None) -> tuple[Document, tuple[str, ...]]:
    doc = check_readable(replace(read_file(p, max_bytes=max_bytes), name=name or p), p)
    return doc, ((doc.meta["warning"],) if doc.meta.get("warning") else ())


def _of_file(p: str, name: str | None, max_bytes: int | None, run: Callable[[Document], Iterable[Any]],
             make: Callable[..., _T]) -> _T:
    """`run` over one file's document, as `make(path, results, warnings)`; never raises for a bad file
    (`make(path, error=reason)`)."""
    try:
        doc, warnings = _read(p, name, max_bytes)
        return make(p, tuple(run(doc)), warnings)
    except InputError as e:
        return make(p, error=e.reason)
    except Exception as e:  # noqa: BLE001 — an engine bug on one file must not stop the batch
        return make(p, error=f"extraction failed ({type(e).__name__}: {e})")


def project_file(path: str | Path, *, name: str | None = None, date: str | None = None,
                 region: str | None = None, max_bytes: int | None = None) -> ProjectsOfFile:
    """Read one file and find its projects; never raises for a bad file (the reason comes back)."""
    return _of_file(str(path), name, max_bytes, lambda d: extract_projects(d, date=date, region=region),
                    ProjectsOfFile)


def project_files(paths: Iterable[str | Path], *, date: str | None = None, region: str | None = None,
                  max_bytes: int | None = None) -> Iterator[ProjectsOfFile]:
    """Project mentions of every supported file under `paths`, in input order; documents are named
    as `planwatch extract` names them (a file found in a folder: its path relative to the folder)."""
    for p, name in names_for(paths):
        yield project_file(p, name=name, date=date, region=region, max_bytes=max_bytes)


def project_matches(mentions: Iterable[ProjectMention]) -> list[ProjectMatch]:
    """Pairs of mentions in two different documents that name one project, with a confidence."""
    return match_projects(list(mentions))


@dataclass(frozen=True)
class TasksOfFile:
    """One file's work areas and tasks, or the reason it could not be read."""

    path: str
    nodes: tuple[TaskNode, ...] = ()
    warnings: tuple[str, ...] = ()
    error: str | None = None


def task_file(path: str | Path, *, name: str | None = None, date: str | None = None,
              region: str | None = None, max_bytes: int | None = None) -> TasksOfFile:
    """Read one file and find its plan structure; never raises for a bad file (the reason comes back)."""
    return _of_file(str(path), name, max_bytes, lambda d: extract_tasks(d, date=date, region=region), TasksOfFile)


def task_files(paths: Iterable[str | Path], *, date: str | None = None, region: str | None = None,
               max_bytes: int | None = None) -> Iterator[TasksOfFile]:
    """The plan structure of every supported file under `paths`, in input order, named as
    `planwatch extract` names them."""
    for p, name in names_for(paths):
        yield task_file(p, name=name, date=date, region=region, max_bytes=max_bytes)


def document_tasks(db: DB, document_id: int) -> list[TaskNode]:
    """The plan structure of a stored document: its text read again as ingest read it (with its date)."""
    from .query import whole

    whole("document id", document_id, minimum=1)
    with database(db) as d, d.read() as conn:
        info, text = stored_document(conn, document_id)
    return extract_tasks(Document(info.name, text), date=info.date)
