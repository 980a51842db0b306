"""Extraction over many files: one result per file, bad files reported, never fatal.

Results come back in input order; with jobs > 1 files are spread over worker processes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from .errors import InputError
from .extract.pipeline import extract_document
from .model import Fact
from .read import iter_inputs, read_file


@dataclass(frozen=True)
class FileResult:
    path: str
    facts: list[Fact] = field(default_factory=list)
    error: str | None = None   # one line naming the problem, when the file failed


def extract_one(path: str | Path, *, date: str | None = None, region: str | None = None,
                max_bytes: int | None = None) -> FileResult:
    try:
        doc = read_file(path, max_bytes=max_bytes)
        return FileResult(str(path), extract_document(doc, date=date, region=region))
    except InputError as e:
        return FileResult(str(path), error=e.reason)
    except Exception as e:  # noqa: BLE001 — one broken file must not stop the batch
        return FileResult(str(path), error=f"extraction failed: {type(e).__name__}: {e}")


def extract_many(paths: Iterable[str | Path], *, jobs: int = 1, date: str | None = None,
                 region: str | None = None, max_bytes: int | None = None) -> Iterator[FileResult]:
    """Facts of every supported file under `paths` (folders are walked), in order."""
    files = iter_inputs(paths)
    work = partial(extract_one, date=date, region=region, max_bytes=max_bytes)
    if jobs <= 1 or len(files) <= 1:
        yield from map(work, files)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(work, files, chunksize=max(1, len(files) // (jobs * 8)))
