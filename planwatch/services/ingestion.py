"""Ingest: read files, extract their facts, store each document in one transaction.

`read_and_extract` is the one path from a file to its facts: `planwatch extract`
(`extract_files`) and `ingest` both use it, so the same file gives the same facts
either way. A document's name (`doc`) is its path as found from the argument
given, as grep and ripgrep print it: `reports/湖南/2003.md`, never just `2003.md`.

Workers (jobs > 1) ignore Ctrl-C, which the parent handles (it stops them and
says how far it got), and exit on their own when the parent dies (kill -9).
"""

from __future__ import annotations

import hashlib
import os
import signal
import stat
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from .. import __version__
from ..errors import InputError, PlanwatchError
from ..model import Document, Fact
from ..read import default_max_bytes, iter_inputs, read_file
from ..store import repo
from ..store.db import Database
from ..store.ids import assign_uids
from ..store.passages import split_passages
from .common import DB, check_fact, database, fact_columns, now
from .corrections import reapply_corrections

Extractor = Callable[..., Any]      # extractor(doc, *, date=, region=) -> list[Fact] or an Extraction
Reader = Callable[..., Document]    # reader(path, *, max_bytes=) -> Document

A = TypeVar("A")
R = TypeVar("R")


# ---------------------------------------------------------------- one file

@dataclass(frozen=True)
class Extracted:
    """One file read and extracted, or the reason it could not be."""

    path: str                          # the file, as found from the argument given
    doc: Document | None = None
    facts: tuple[Fact, ...] = ()
    date: str | None = None            # the document's date as the engine read it (YYYY[-MM[-DD]])
    warnings: tuple[str, ...] = ()     # what a user must know to trust its facts
    error: str | None = None


def engine() -> Extractor:
    from ..extract.pipeline import extract
    return extract


def read_and_extract(path: str | Path, *, name: str | None = None, date: str | None = None,
                     region: str | None = None, max_bytes: int | None = None,
                     extractor: Extractor | None = None, reader: Reader = read_file) -> Extracted:
    """Read one file and extract its facts; never raises for a bad file (the reason comes back).

    `name` is the document's name (default: the path as given). `date` and `region` are the
    user's overrides; otherwise the engine reads the text's own dateline first and the
    file's metadata date (an HTML page's) after it, the same for every caller."""
    p = str(path)
    try:
        doc = reader(p, max_bytes=max_bytes)
        given = {k: v for k, v in (("given_date", date), ("given_region", region)) if v}
        # the user's overrides are kept with the document, so re-extraction uses them again
        doc = check_readable(replace(doc, name=name or p, meta={**doc.meta, **given} if given else doc.meta), p)
        out = (extractor or engine())(doc, date=date, region=region)
        facts: list[Fact] = list(getattr(out, "facts", out) or [])
        ctx = getattr(out, "context", None)
        found = getattr(ctx, "date", None) if ctx is not None else None
        doc_date = str(found) if found is not None else (date or doc.meta.get("date"))
        for f in facts:
            check_fact(f, len(doc.text))
        warnings = tuple(getattr(out, "warnings", ()))
        if doc.meta.get("warning"):
            warnings = (doc.meta["warning"], *warnings)
        return Extracted(p, doc, tuple(facts), doc_date, warnings)
    except InputError as e:
        return Extracted(p, error=e.reason)
    except Exception as e:  # noqa: BLE001 — an engine bug on one file must not stop the batch
        return Extracted(p, error=f"extraction failed ({type(e).__name__}: {e})")


def check_readable(doc: Document, path: str) -> Document:
    """The document, or InputError when its text is empty or binary (what every reader of files says)."""
    if not doc.text or doc.text.isspace():
        raise InputError(path, "empty")
    if "\x00" in doc.text:
        raise InputError(path, "binary content (NUL characters)")
    return doc


def read_document(path: str | Path, *, max_bytes: int | None = None) -> Document:
    """The document as planwatch reads it (its text is what every offset points into);
    InputError when it cannot be read."""
    return read_file(path, max_bytes=max_bytes)


def document_context(doc: Document, *, date: str | None = None, region: str | None = None) -> Any:
    """What a document says about itself (date, home region, sections, each with its evidence):
    the engine's DocumentContext, whose to_dict() is what `planwatch context` prints."""
    from ..extract.context import document_context as context
    return context(doc, date=date, region=region)


def names_for(paths: Iterable[str | Path], *, root: Path | None = None) -> list[tuple[Path, str]]:
    """The files under `paths` (folders searched) with their document names: a file given by name
    keeps the path as given; a file found in a folder is named by its path relative to that folder
    (`planwatch extract reports/` names reports/湖南/2003.md `湖南/2003.md`, as the gold names files);
    relative to `root` instead when given. A file reached twice is listed once."""
    out: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for arg in paths:
        folder = Path(root) if root is not None else (Path(arg) if Path(arg).is_dir() else None)
        for p in iter_inputs([arg]):
            key = p.resolve() if p.exists() else p
            if key in seen:
                continue
            seen.add(key)
            name = str(p)
            if folder is not None:
                try:
                    name = p.resolve().relative_to(folder.resolve()).as_posix()
                except ValueError:
                    pass
            out.append((p, name))
    return out


@dataclass(frozen=True)
class _Job:
    path: str
    name: str
    extractor: Extractor | None
    reader: Reader
    date: str | None
    region: str | None
    max_bytes: int | None


def _work(job: _Job) -> Extracted:
    return read_and_extract(job.path, name=job.name, date=job.date, region=job.region, max_bytes=job.max_bytes,
                            extractor=job.extractor, reader=job.reader)


def extract_files(paths: Iterable[str | Path], *, jobs: int = 1, date: str | None = None,
                  region: str | None = None, max_bytes: int | None = None,
                  extractor: Extractor | None = None) -> Iterator[Extracted]:
    """Facts of every supported file under `paths`, in input order (what `planwatch extract` prints)."""
    todo = [_Job(str(p), name, extractor, read_file, date, region, max_bytes) for p, name in names_for(paths)]
    yield from parallel(_work, todo, jobs, ordered=True)


# ---------------------------------------------------------------- workers

def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:  # the parent died (kill -9): nobody will read our results
            os._exit(1)


def _worker_init(parent: int) -> None:
    """In each worker: Ctrl-C is the parent's to handle, and the worker dies with the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:  # Linux: the kernel kills us when the parent goes
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now: queued work cancelled, running workers terminated."""
    procs = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        if p.is_alive():
            p.terminate()
    for p in procs:
        p.join(timeout=5)


def parallel(func: Callable[[A], R], items: Sequence[A], jobs: int, *, ordered: bool = False) -> Iterator[R]:
    """func over items, in `jobs` processes when jobs > 1: in completion order (or input order
    when `ordered`), with at most a few items per worker in flight so memory stays flat."""
    if jobs <= 1 or len(items) <= 1:
        for it in items:
            yield func(it)
        return
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init, initargs=(os.getpid(),))
    try:
        todo = iter(enumerate(items))
        running: dict[Future[R], int] = {}
        done: dict[int, R] = {}
        nxt = 0

        def submit() -> None:
            item = next(todo, None)
            if item is not None:
                running[pool.submit(func, item[1])] = item[0]

        for _ in range(jobs * 4):
            submit()
        while running:
            finished, _ = wait(list(running), return_when=FIRST_COMPLETED)
            for fut in finished:
                i = running.pop(fut)
                submit()
                if not ordered:
                    yield fut.result()
                    continue
                done[i] = fut.result()
            while ordered and nxt in done:
                yield done.pop(nxt)
                nxt += 1
        pool.shutdown(wait=True)
    except BaseException:
        _stop(pool)
        raise


# ---------------------------------------------------------------- ingest

@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)       # new documents (first versions)
    versions: list[str] = field(default_factory=list)    # new versions of known documents
    restored: list[str] = field(default_factory=list)    # an earlier content put back: current again
    skipped: list[str] = field(default_factory=list)     # content already stored and current
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (path, what to check)
    facts: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def stored(self) -> int:
        return len(self.added) + len(self.versions) + len(self.restored)

    def to_dict(self) -> dict[str, Any]:
        return {"added": self.added, "versions": self.versions, "restored": self.restored,
                "skipped": self.skipped, "failed": [{"path": p, "reason": r} for p, r in self.failed],
                "warnings": [{"path": p, "warning": w} for p, w in self.warnings], "facts": self.facts,
                "seconds": round(self.seconds, 3)}


class Interrupted(PlanwatchError):
    """Ctrl-C during an ingest: what was stored stays stored (one transaction per document)."""

    exit_code = 130

    def __init__(self, report: IngestReport) -> None:
        self.report = report
        super().__init__(f"interrupted: {report.stored} documents stored, run again to finish")


def _sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _precheck(path: Path, max_bytes: int | None) -> tuple[str | None, str | None]:
    """(sha256, None) of a regular file within the size limit, else (None, reason). A FIFO or a
    device is refused before it is opened (opening a FIFO would wait for a writer forever)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None, "no such file"
    except OSError as e:
        return None, f"cannot read ({e.strerror or type(e).__name__})"
    if stat.S_ISDIR(st.st_mode):
        return None, "is a directory"
    if not stat.S_ISREG(st.st_mode):
        return None, "not a regular file (a FIFO, socket or device)"
    limit = max_bytes if max_bytes is not None else default_max_bytes()
    if st.st_size > limit:
        return None, f"too large ({st.st_size / 1048576:.1f} MB; the limit is {limit / 1048576:g} MB)"
    if st.st_size == 0:
        return None, "empty"
    try:
        return _sha256_of(path), None
    except OSError as e:
        return None, f"cannot read ({e.strerror or type(e).__name__})"


def ingest(paths: Iterable[str | Path], db: DB, *, jobs: int = 1, extractor: Extractor | None = None,
           reader: Reader = read_file, date: str | None = None, region: str | None = None,
           max_bytes: int | None = None, name_root: Path | None = None,
           on_progress: Callable[[str, str], None] | None = None,
           on_total: Callable[[int], None] | None = None) -> IngestReport:
    """Read, extract and store files (folders are searched); creates the database if needed.

    One transaction per document; content already stored is skipped; a changed file at a
    known path becomes a new version and its old facts are marked superseded; content put
    back to an earlier version makes that version current again; a bad file is reported in
    `failed` and the rest goes on. With jobs > 1 extraction runs in a process pool and this
    process alone writes. Ctrl-C raises Interrupted with the report so far."""
    t0 = time.perf_counter()
    report = IngestReport()
    files = names_for(paths, root=name_root)
    progress = on_progress or (lambda _p, _s: None)
    with database(db, create=True) as d:
        if on_total:
            on_total(len(files))
        try:
            _ingest(d, files, report, progress, jobs=jobs, extractor=extractor, reader=reader, date=date,
                    region=region, max_bytes=max_bytes)
        except KeyboardInterrupt:
            report.seconds = time.perf_counter() - t0
            raise Interrupted(report) from None
    report.seconds = time.perf_counter() - t0
    return report


def _ingest(d: Database, files: list[tuple[Path, str]], report: IngestReport,
            progress: Callable[[str, str], None], **kw: Any) -> None:
    shas: dict[str, str] = {}
    for p, _name in files:
        sha, reason = _precheck(p, kw["max_bytes"])
        if sha is None:
            report.failed.append((str(p), reason or "unreadable"))
            progress(str(p), "failed")
        else:
            shas[str(p)] = sha
    with d.read() as conn:
        known = repo.known_shas(conn, list(shas.values()))   # sha → current?
    pending: list[_Job] = []
    first: dict[str, str] = {}               # sha → the first path with it in this run
    copies: dict[str, list[str]] = {}        # sha → later paths with the same content
    for p, name in files:
        sha = shas.get(str(p))
        if sha is None:
            continue
        if sha in first:
            copies.setdefault(sha, []).append(str(p))
            continue
        first[sha] = str(p)
        if known.get(sha) is True:
            report.skipped.append(str(p))
            progress(str(p), "skipped")
        elif known.get(sha) is False:
            status = _restore(d, sha, p, name, report)
            progress(str(p), status)
        else:
            pending.append(_Job(str(p), name, kw["extractor"], kw["reader"], kw["date"], kw["region"],
                                kw["max_bytes"]))
    outcome: dict[str, str | None] = {}      # path → failure reason (None when stored or skipped)
    for done in parallel(_work, pending, kw["jobs"]):
        status = _store(d, done, shas[done.path], report)
        outcome[done.path] = done.error if status == "failed" else None
        progress(done.path, status)
    for sha, later in copies.items():
        reason = outcome.get(first[sha])
        for path in later:   # the same bytes as a file before: the same fate
            if reason is not None:
                report.failed.append((path, reason))
                progress(path, "failed")
            else:
                report.skipped.append(path)
                progress(path, "skipped")


def _source_key(path: str | None, name: str) -> str:
    return str(Path(path).resolve()) if path else name


def _restore(d: Database, sha: str, path: Path, name: str, report: IngestReport) -> str:
    """Content stored before but not current (a file put back to an earlier version, or a
    copy of another file's old version): that version becomes the current one of this file."""
    try:
        with d.write() as conn:
            old = repo.document_by_sha(conn, sha)
            if old is None or old.current:   # another writer got there first
                report.skipped.append(str(path))
                return "skipped"
            key = _source_key(str(path), name)
            touched: set[str] = set()
            prev = repo.current_document(conn, key)
            if prev is not None and prev.id != old.id:
                touched |= repo.supersede_document(conn, prev.id)
            touched |= repo.revive_document(conn, old.id, name=name, path=str(path), source_key=key)
            repo.refresh_series(conn, touched)
    except SQLAlchemyError as e:
        report.failed.append((str(path), f"database error ({type(e).__name__})"))
        return "failed"
    report.restored.append(str(path))
    return "restored"


def _store(d: Database, done: Extracted, sha: str, report: IngestReport) -> str:
    if done.error is not None or done.doc is None:
        report.failed.append((done.path, done.error or "unreadable"))
        return "failed"
    report.warnings += [(done.path, w) for w in done.warnings]
    try:
        with d.write() as conn:
            status = _write_document(conn, done, sha)
    except IntegrityError:
        # Another process stored the same content between our check and our write.
        report.skipped.append(done.path)
        return "skipped"
    except SQLAlchemyError as e:
        first = (str(getattr(e, "orig", e)).splitlines() or [""])[0]
        report.failed.append((done.path, f"database error ({type(e).__name__}: {first})"))
        return "failed"
    if status == "skipped":
        report.skipped.append(done.path)
    else:
        (report.versions if status == "version" else report.added).append(done.path)
        report.facts += len(done.facts)
    return status


def fact_rows(sha: str, facts: Sequence[Fact]) -> list[dict[str, Any]]:
    """The facts-table rows of a document's engine facts, each with its public id."""
    uids = assign_uids(sha, [(f.start, f.end) for f in facts])
    return [fact_columns(f, uid=u) for f, u in zip(facts, uids, strict=True)]


def _write_document(conn: Connection, done: Extracted, sha: str) -> str:
    """Everything one document writes, inside the caller's transaction."""
    doc = done.doc
    assert doc is not None
    if repo.document_by_sha(conn, sha) is not None:
        return "skipped"
    source_key = _source_key(doc.path, doc.name)
    prev = repo.current_document(conn, source_key)
    doc_id = repo.insert_document(
        conn, name=doc.name, path=doc.path, source_key=source_key, sha256=sha,
        version=prev.version + 1 if prev else 1, previous_id=prev.id if prev else None,
        format=doc.format, encoding=doc.encoding, text_=doc.text, meta=dict(doc.meta),
        date=done.date, region=None, engine=__version__, ingested_at=now())
    touched: set[str] = set()
    if prev is not None:
        touched |= repo.supersede_document(conn, prev.id)
    repo.insert_passages(conn, doc_id, doc.text, split_passages(doc.text))
    rows = fact_rows(sha, done.facts)
    repo.insert_facts(conn, doc_id, rows)
    repo.add_to_series(conn, _series_shares(rows))
    # Removals (an old version's facts) and corrections need a recount of their series.
    touched |= reapply_corrections(conn, doc_id, sha, source_key, doc.text)
    repo.refresh_series(conn, touched)
    return "version" if prev else "added"


def _series_shares(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """One document's facts summed per series: what it adds to each series row."""
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        g = out.get(r["series"])
        if g is None:
            g = out[r["series"]] = {"key": r["series"], "indicator": r["indicator"], "region": r["region"],
                                    "period": r["period"], "kind": r["kind"], "measure": r["measure"],
                                    "n_facts": 0, "min_value": None, "max_value": None}
        g["n_facts"] += 1
        v = r["base_value"]
        if v is not None:
            g["min_value"] = v if g["min_value"] is None else min(g["min_value"], v)
            g["max_value"] = v if g["max_value"] is None else max(g["max_value"], v)
    return list(out.values())


def reextract(db: DB, *, extractor: Extractor | None = None,
              on_progress: Callable[[str, str], None] | None = None) -> IngestReport:
    """Run the (better) engine again over every current document's stored text, replacing
    its facts and re-applying the corrections made on them. A fact at the same characters
    keeps its id."""
    report = IngestReport()
    t0 = time.perf_counter()
    run = extractor or engine()
    with database(db) as d:
        with d.read() as conn:
            ids = repo.current_document_ids(conn)
        for doc_id in ids:
            with d.read() as conn:
                info = repo.get_document(conn, doc_id)
                text_ = repo.document_text(conn, doc_id) or ""
                meta = repo.document_meta(conn, doc_id)
            assert info is not None
            doc = Document(name=info.name, text=text_, path=info.path, sha256=info.sha256, meta=meta)
            try:
                out = run(doc, date=meta.get("given_date"), region=meta.get("given_region"))
                facts: list[Fact] = list(getattr(out, "facts", out) or [])
                for f in facts:
                    check_fact(f, len(text_))
            except Exception as e:  # noqa: BLE001 — one document must not stop the rest
                report.failed.append((info.name, f"extraction failed ({type(e).__name__}: {e})"))
                continue
            with d.write() as conn:
                touched = repo.delete_facts_of(conn, doc_id)
                rows = fact_rows(info.sha256, facts)
                repo.insert_facts(conn, doc_id, rows)
                touched |= {r["series"] for r in rows}
                touched |= reapply_corrections(conn, doc_id, info.sha256, info.source_key, text_)
                repo.refresh_series(conn, touched)
            report.added.append(info.name)
            report.facts += len(facts)
            if on_progress:
                on_progress(info.name, "reextracted")
    report.seconds = time.perf_counter() - t0
    return report
