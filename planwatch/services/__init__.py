"""What the CLI and the web pages call: ingest, queries, analyses, exports, corrections.

Storage is planwatch.store (repo holds every SQL statement); analyses are
planwatch.analyse (pure functions over the facts a query returned); files are
written by planwatch.export. Each function opens the database it is given (a
URL, a path, or an already open Database) and closes what it opened.
"""

from __future__ import annotations

import getpass
import hashlib
import math
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from . import __version__
from .config import load_settings
from .errors import InputError, NotFoundError, PlanwatchError, StoreError
from .model import Document, Fact, Kind, Measure, Qualifier
from .read import read_file
from .store import repo
from .store.db import Database, open_db
from .store.passages import split_passages
from .store.repo import Correction, DocumentInfo, FactFilter, Passage, StoredFact

Extractor = Callable[..., list[Fact]]   # extractor(doc, *, date=, region=) -> facts
Reader = Callable[..., Document]        # reader(path, *, max_bytes=) -> Document
DB = str | Database

# Test hook: sleep this many seconds inside each document's write transaction (after
# the rows are written, before the commit) so a test can kill the process there.
HOOK_SLEEP = "PLANWATCH_TEST_SLEEP_IN_TXN"
HOOK_MARK = "PLANWATCH_TEST_MARK_IN_TXN"    # …and touch this file when it gets there

EDITABLE_FIELDS: dict[str, Callable[[Any], Any]] = {
    "value": lambda v: None if v is None else float(v),
    "indicator": str, "region": str, "period": str, "unit": str,
    "kind": lambda v: Kind(v).value, "measure": lambda v: Measure(v).value,
    "qualifier": lambda v: Qualifier(v).value, "tier": str, "region_code": str,
}


# ---------------------------------------------------------------- opening

@contextmanager
def database(db: DB) -> Iterator[Database]:
    """The open Database for `db`; one opened here is closed on leaving."""
    if isinstance(db, Database):
        yield db
        return
    opened = open_db(db)
    try:
        yield opened
    finally:
        opened.close()


def default_db() -> str:
    return load_settings().db


def _now() -> datetime:
    return datetime.now(UTC)


def default_author() -> str:
    try:
        return os.environ.get("USER") or getpass.getuser()
    except Exception:  # no passwd entry in some containers
        return "unknown"


# ---------------------------------------------------------------- series keys & rows

@lru_cache(maxsize=65536)  # ingest asks for the same few keys hundreds of times a document
def series_of(indicator: str, region: str | None, period: str | None, kind: Any, measure: Any) -> str:
    """The series key as analyse forms it (indicator, region, period, kind, measure),
    joined into one indexed string."""
    from .analyse.series import series_key
    k = series_key(_KeyProbe(indicator, region, period, kind, measure))
    return "\x1f".join("" if v is None else str(v) for v in (k.indicator, k.region, k.period, k.kind, k.measure))


@dataclass(frozen=True, slots=True)
class _KeyProbe:
    indicator: str
    region: str | None
    period: str | None
    kind: Any
    measure: Any


def _base_value(value: float | None, unit: str | None) -> float | None:
    if value is None:
        return None
    try:
        return float(value) * _unit_factor(unit)
    except Exception:  # an odd unit word: the value as written still orders sensibly
        return float(value)


@lru_cache(maxsize=4096)
def _unit_factor(unit: str | None) -> float:
    from .analyse.units import to_base
    base = to_base(1.0, unit)[0]
    return 1.0 if base is None else float(base)


def fact_columns(f: Fact | StoredFact, **override: Any) -> dict[str, Any]:
    """The facts-table columns of a fact (without document_id), series key computed."""
    d: dict[str, Any] = {}
    for name in ("doc", "start", "end", "surface", "indicator", "value", "unit", "region", "region_code",
                 "period", "tier", "optional", "evidence", "duplicate"):
        d[name] = getattr(f, name)
    for name in ("kind", "measure", "qualifier"):
        v = getattr(f, name)
        d[name] = getattr(v, "value", v)
    d.update(override)
    d["series"] = series_of(d["indicator"], d["region"], d["period"], d["kind"], d["measure"])
    d["base_value"] = _base_value(d["value"], d["unit"])
    return d


def _check_fact(f: Fact, text_len: int) -> None:
    """Refuse facts that would corrupt the table: offsets outside the text, unknown words."""
    if not (0 <= f.start <= f.end <= text_len):
        raise ValueError(f"fact span {f.start}:{f.end} outside the text (length {text_len})")
    Kind(f.kind), Measure(f.measure), Qualifier(f.qualifier)
    if not f.indicator:
        raise ValueError("fact without an indicator")
    if f.value is not None and not math.isfinite(f.value):
        raise ValueError(f"fact value {f.value!r} is not a finite number")


# ---------------------------------------------------------------- ingest

@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)       # new documents (first versions)
    versions: list[str] = field(default_factory=list)    # new versions of known documents
    skipped: list[str] = field(default_factory=list)     # content already in the database
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    facts: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    def to_dict(self) -> dict[str, Any]:
        return {"added": self.added, "versions": self.versions, "skipped": self.skipped,
                "failed": [{"path": p, "reason": r} for p, r in self.failed], "facts": self.facts,
                "seconds": round(self.seconds, 3)}


@dataclass(frozen=True)
class _Job:
    path: str
    sha256: str
    extractor: Extractor
    reader: Reader
    date: str | None
    region: str | None
    max_bytes: int | None


@dataclass(frozen=True)
class _Done:
    path: str
    sha256: str
    doc: Document | None = None
    facts: tuple[Fact, ...] = ()
    error: str | None = None


def _work(job: _Job) -> _Done:
    """Read and extract one file (in a worker process when jobs > 1). Never raises:
    a bad file comes back as an error line."""
    try:
        doc = job.reader(job.path, max_bytes=job.max_bytes)
        if not doc.text or doc.text.isspace():
            raise InputError(job.path, "empty")
        if "\x00" in doc.text:
            raise InputError(job.path, "binary content (NUL characters)")
        facts = job.extractor(doc, date=job.date or doc.meta.get("date"), region=job.region)
        for f in facts:
            _check_fact(f, len(doc.text))
        return _Done(job.path, job.sha256, doc, tuple(facts))
    except InputError as e:
        return _Done(job.path, job.sha256, error=e.reason)
    except Exception as e:  # an engine bug on one file must not stop the batch
        return _Done(job.path, job.sha256, error=f"extraction failed ({type(e).__name__}: {e})")


def _engine() -> Extractor:
    from .extract.pipeline import extract_document
    return extract_document


def _sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _expand(paths: Iterable[str | Path]) -> list[Path]:
    from .read import iter_inputs
    return list(iter_inputs(paths))


def ingest(paths: Iterable[str | Path], db: DB, *, jobs: int = 1, extractor: Extractor | None = None,
           reader: Reader = read_file, date: str | None = None, region: str | None = None,
           max_bytes: int | None = None,
           on_progress: Callable[[str, str], None] | None = None,
           on_total: Callable[[int], None] | None = None) -> IngestReport:
    """Read, extract and store files (folders are searched). One transaction per
    document; content already stored is skipped; a changed file at a known path becomes
    a new version and its old facts are marked superseded; a bad file is reported in
    `failed` and the rest goes on. With jobs > 1 extraction runs in a process pool and
    this process alone writes."""
    t0 = time.perf_counter()
    report = IngestReport()
    extractor = extractor or _engine()
    files = _expand(paths)
    if on_total:
        on_total(len(files))
    progress = on_progress or (lambda _p, _s: None)
    with database(db) as d:
        pending: list[_Job] = []
        shas: dict[str, str] = {}
        for p in files:
            try:
                shas[str(p)] = _sha256_of(p)
            except OSError:
                shas[str(p)] = ""   # the reader names the problem
        with d.read() as conn:
            known = repo.known_shas(conn, [s for s in shas.values() if s])
        seen: set[str] = set()
        for p in files:
            sha = shas[str(p)]
            if sha and (sha in known or sha in seen):
                report.skipped.append(str(p))
                progress(str(p), "skipped")
                continue
            if sha:
                seen.add(sha)
            pending.append(_Job(str(p), sha, extractor, reader, date, region, max_bytes))
        for done in _run(pending, jobs):
            status = _store(d, done, report)
            progress(done.path, status)
    report.seconds = time.perf_counter() - t0
    return report


def _run(pending: Sequence[_Job], jobs: int) -> Iterator[_Done]:
    """Results in completion order; at most a few per worker in flight (memory stays flat)."""
    if jobs <= 1 or len(pending) <= 1:
        for job in pending:
            yield _work(job)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        todo = iter(pending)
        running: set[Future[_Done]] = set()
        for job in todo:
            running.add(pool.submit(_work, job))
            if len(running) >= jobs * 4:
                break
        while running:
            finished, running = wait(running, return_when=FIRST_COMPLETED)
            for fut in finished:
                yield fut.result()
                nxt = next(todo, None)
                if nxt is not None:
                    running.add(pool.submit(_work, nxt))


def _store(d: Database, done: _Done, report: IngestReport) -> str:
    if done.error is not None or done.doc is None:
        report.failed.append((done.path, done.error or "unreadable"))
        return "failed"
    doc = done.doc
    sha = done.sha256 or doc.sha256 or hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    try:
        with d.write() as conn:
            status = _write_document(conn, doc, sha, done.facts)
            _test_hook()
    except IntegrityError:
        # Another process stored the same content between our check and our write.
        report.skipped.append(done.path)
        return "skipped"
    except SQLAlchemyError as e:
        first = (str(e).splitlines() or [""])[0]
        report.failed.append((done.path, f"database error ({type(e).__name__}: {first})"))
        return "failed"
    if status == "skipped":
        report.skipped.append(done.path)
    else:
        (report.versions if status == "version" else report.added).append(done.path)
        report.facts += len(done.facts)
    return status


def _test_hook() -> None:
    secs = os.environ.get(HOOK_SLEEP)
    if secs:
        mark = os.environ.get(HOOK_MARK)
        if mark:
            Path(mark).write_text(str(os.getpid()))
        time.sleep(float(secs))


def _write_document(conn: Connection, doc: Document, sha: str, facts: Sequence[Fact]) -> str:
    """Everything one document writes, inside the caller's transaction."""
    if repo.document_by_sha(conn, sha) is not None:
        return "skipped"
    source_key = str(Path(doc.path).resolve()) if doc.path else doc.name
    prev = repo.current_document(conn, source_key)
    doc_id = repo.insert_document(
        conn, name=doc.name, path=doc.path, source_key=source_key, sha256=sha,
        version=prev.version + 1 if prev else 1, previous_id=prev.id if prev else None,
        format=doc.format, encoding=doc.encoding, text_=doc.text, meta=dict(doc.meta),
        date=doc.meta.get("date"), region=None, engine=__version__, ingested_at=_now())
    touched: set[str] = set()
    if prev is not None:
        touched |= repo.supersede_document(conn, prev.id)
    repo.insert_passages(conn, doc_id, doc.text, split_passages(doc.text))
    rows = [fact_columns(f) for f in facts]
    repo.insert_facts(conn, doc_id, rows)
    repo.add_to_series(conn, _series_shares(rows))
    # Removals (an old version's facts) and corrections need a recount of their series.
    touched |= _reapply_corrections(conn, doc_id, sha, source_key, doc.text)
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
    its facts and re-applying the corrections made on them."""
    report = IngestReport()
    t0 = time.perf_counter()
    extractor = extractor or _engine()
    with database(db) as d:
        with d.read() as conn:
            ids = repo.current_document_ids(conn)
        for doc_id in ids:
            with d.read() as conn:
                info = repo.get_document(conn, doc_id)
                text_ = repo.document_text(conn, doc_id) or ""
            assert info is not None
            doc = Document(name=info.name, text=text_, path=info.path, sha256=info.sha256)
            try:
                facts = extractor(doc, date=info.date, region=None)
                for f in facts:
                    _check_fact(f, len(text_))
            except Exception as e:
                report.failed.append((info.name, f"extraction failed ({type(e).__name__}: {e})"))
                continue
            with d.write() as conn:
                touched = repo.delete_facts_of(conn, doc_id)
                rows = [fact_columns(f) for f in facts]
                repo.insert_facts(conn, doc_id, rows)
                touched |= {r["series"] for r in rows}
                touched |= _reapply_corrections(conn, doc_id, info.sha256, info.source_key, text_)
                repo.refresh_series(conn, touched)
            report.added.append(info.name)
            report.facts += len(facts)
            if on_progress:
                on_progress(info.name, "reextracted")
    report.seconds = time.perf_counter() - t0
    return report


# ---------------------------------------------------------------- corrections

def _relocate(conn: Connection, c: Correction, text_: str, cache: dict[str, str | None]) -> tuple[int, int] | None:
    """Where a correction's span lies in another version of its document: the same
    evidence sentence (or, lacking one, the same surrounding characters) found again."""
    if c.doc_sha256 not in cache:
        cache[c.doc_sha256] = repo.document_text_by_sha(conn, c.doc_sha256)
    old = cache[c.doc_sha256]
    if old is None:
        return None
    width = c.end - c.start
    for anchor in (c.evidence, old[max(0, c.start - 30): c.end + 30]):
        if not anchor:
            continue
        a_old = old.find(anchor)
        a_new = text_.find(anchor)
        if a_old >= 0 and a_new >= 0 and a_old <= c.start <= a_old + len(anchor):
            start = a_new + (c.start - a_old)
            return start, start + width
    return None


def _reapply_corrections(conn: Connection, doc_id: int, sha: str, source_key: str, text_: str) -> set[str]:
    """Apply, oldest first, the corrections made on this content or on earlier versions
    of the same source to the facts just written. Returns the series keys touched."""
    touched: set[str] = set()
    cache: dict[str, str | None] = {}
    for c in repo.corrections_for(conn, sha256=sha, source_key=source_key):
        span = (c.start, c.end) if c.doc_sha256 == sha else _relocate(conn, c, text_, cache)
        if span is None:
            continue
        if c.action == "add":
            row = dict(c.new_value)
            row.update(start=span[0], end=span[1])
            existing = [f for f in repo.facts_at(conn, doc_id, *span)
                        if f.origin == "user" and f.indicator == row["indicator"]]
            if existing:
                continue
            fid = repo.insert_fact(conn, doc_id, fact_columns(Fact.from_dict(row), origin="user",
                                                              status="confirmed"))
            repo.relink_correction(conn, c.id, fid)
            touched.add(fact_columns(Fact.from_dict(row))["series"])
            continue
        target = _match(repo.facts_at(conn, doc_id, *span), c)
        if target is None:
            continue
        touched.add(target.series)
        touched.add(_apply(conn, target, c))
        repo.relink_correction(conn, c.id, target.id)
    return touched


def _match(candidates: list[StoredFact], c: Correction) -> StoredFact | None:
    """The fact a correction was made on, among those at its span: the one whose
    indicator it had (before any correction), else the only one there."""
    same = [f for f in candidates if f.indicator == c.match_indicator]
    if same:
        return same[0]
    engine = [f for f in candidates if f.origin == "engine"]
    return engine[0] if len(engine) == 1 else (candidates[0] if len(candidates) == 1 else None)


def _apply(conn: Connection, f: StoredFact, c: Correction) -> str:
    """Apply one correction to a stored fact; returns the fact's series key afterwards."""
    values: dict[str, Any] = {}
    if c.action == "fix" and c.field:
        values[c.field] = c.new_value
        if f.status not in ("rejected", "confirmed"):
            values["status"] = "corrected"
    elif c.action == "confirm":
        values["status"] = "confirmed"
    elif c.action == "reject":
        values["status"] = "rejected"
    merged = fact_columns(f, **{k: v for k, v in values.items() if k != "status"})
    values["series"] = merged["series"]
    values["base_value"] = merged["base_value"]
    repo.update_fact(conn, f.id, values)
    return merged["series"]


def _record(conn: Connection, f: StoredFact, info: DocumentInfo, action: str, *, field_: str | None = None,
            old: Any = None, new: Any = None, author: str | None, note: str | None,
            match_indicator: str | None) -> None:
    repo.insert_correction(
        conn, fact_id=f.id, action=action, doc_sha256=info.sha256, source_key=info.source_key,
        start=f.start, end=f.end, match_indicator=match_indicator, surface=f.surface, evidence=f.evidence,
        field=field_, old_value=old, new_value=new, author=author or default_author(), note=note,
        created_at=_now())


def _original_indicator(conn: Connection, f: StoredFact) -> str:
    """The indicator the engine gave a fact: what a correction re-finds it by."""
    for c in repo.list_corrections(conn, fact_id=f.id):
        if c.match_indicator is not None:
            return c.match_indicator
    return f.indicator


def _load(conn: Connection, fact_id: int) -> tuple[StoredFact, DocumentInfo]:
    f = repo.get_fact(conn, fact_id)
    if f is None:
        raise NotFoundError(f"no fact with id {fact_id}")
    info = repo.get_document(conn, f.document_id)
    assert info is not None
    return f, info


def fix(db: DB, fact_id: int, changes: dict[str, Any], *, author: str | None = None,
        note: str | None = None) -> StoredFact:
    """Change some fields of a fact; each change is audited (old value, new value, author, time)."""
    if not changes:
        raise PlanwatchError("nothing to change: give at least one field")
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise PlanwatchError(f"cannot change {sorted(unknown)}; editable: {sorted(EDITABLE_FIELDS)}")
    try:
        clean = {k: EDITABLE_FIELDS[k](v) for k, v in changes.items()}
    except (TypeError, ValueError) as e:
        raise PlanwatchError(f"bad value: {e}") from e
    with database(db) as d, d.write() as conn:
        f, info = _load(conn, fact_id)
        match = _original_indicator(conn, f)
        touched = {f.series}
        for name, new in clean.items():
            old = getattr(f, name)
            old = getattr(old, "value", old)
            _record(conn, f, info, "fix", field_=name, old=old, new=new, author=author, note=note,
                    match_indicator=match)
        c = Correction(0, f.id, "fix", info.sha256, info.source_key, f.start, f.end, match, None, None,
                       None, None, None, "", None, _now())
        for name, new in clean.items():
            f_now = repo.get_fact(conn, fact_id)
            assert f_now is not None
            touched.add(_apply(conn, f_now, _with(c, field=name, new_value=new)))
        repo.refresh_series(conn, touched)
        out = repo.get_fact(conn, fact_id)
    assert out is not None
    return out


def _with(c: Correction, **kw: Any) -> Correction:
    from dataclasses import replace
    return replace(c, **kw)


def review(db: DB, fact_id: int, action: str, *, author: str | None = None, note: str | None = None) -> StoredFact:
    """Confirm or reject a fact (audited). A rejected fact drops out of listings and analyses."""
    if action not in ("confirm", "reject"):
        raise PlanwatchError(f"unknown review action {action!r}")
    with database(db) as d, d.write() as conn:
        f, info = _load(conn, fact_id)
        new_status = "confirmed" if action == "confirm" else "rejected"
        _record(conn, f, info, action, field_="status", old=f.status, new=new_status, author=author, note=note,
                match_indicator=_original_indicator(conn, f))
        c = Correction(0, f.id, action, info.sha256, None, f.start, f.end, None, None, None, None, None, None,
                       "", None, _now())
        key = _apply(conn, f, c)
        repo.refresh_series(conn, {f.series, key})
        out = repo.get_fact(conn, fact_id)
    assert out is not None
    return out


def confirm(db: DB, fact_id: int, **kw: Any) -> StoredFact:
    return review(db, fact_id, "confirm", **kw)


def reject(db: DB, fact_id: int, **kw: Any) -> StoredFact:
    return review(db, fact_id, "reject", **kw)


def add_fact(db: DB, document: str | int, fact: dict[str, Any], *, author: str | None = None,
             note: str | None = None) -> StoredFact:
    """Add a fact the engine missed to a stored document (by id, name or path). `fact`
    holds the GUIDE's fields; `doc` is filled in; surface and evidence default to the text."""
    with database(db) as d, d.write() as conn:
        info = _find_document(conn, document)
        text_ = repo.document_text(conn, info.id) or ""
        row = {"doc": info.name, "surface": "", "evidence": "", "qualifier": "exact", **fact}
        row["doc"] = info.name
        try:
            f = Fact.from_dict(row)
            _check_fact(f, len(text_))
        except (KeyError, ValueError) as e:
            raise PlanwatchError(f"bad fact: {e}") from e
        if not f.surface:
            f = f.replace(surface=text_[f.start:f.end])
        if not f.evidence:
            f = f.replace(evidence=_sentence_around(text_, f.start, f.end))
        cols = fact_columns(f, origin="user", status="confirmed")
        fid = repo.insert_fact(conn, info.id, cols)
        stored = repo.get_fact(conn, fid)
        assert stored is not None
        _record(conn, stored, info, "add", new=f.to_dict(), author=author, note=note,
                match_indicator=f.indicator)
        repo.refresh_series(conn, {cols["series"]})
    return stored


def _sentence_around(text_: str, start: int, end: int) -> str:
    stops = "。！？；\n"
    a = max((text_.rfind(s, 0, start) for s in stops), default=-1) + 1
    bs = [i for i in (text_.find(s, end) for s in stops) if i >= 0]
    b = min(bs) + 1 if bs else len(text_)
    return text_[a:b].strip()


def _find_document(conn: Connection, document: str | int) -> DocumentInfo:
    if isinstance(document, int) or (isinstance(document, str) and document.isdigit()):
        info = repo.get_document(conn, int(document))
        if info is not None:
            return info
    found = repo.find_documents(conn, str(document))
    if not found:
        raise NotFoundError(f"no document {document!r}")
    return found[0]


def history(db: DB, fact_id: int | None = None, *, limit: int | None = None) -> list[Correction]:
    """The audit trail (of one fact, or all), oldest first."""
    with database(db) as d, d.read() as conn:
        return repo.list_corrections(conn, fact_id=fact_id, limit=limit)


# ---------------------------------------------------------------- queries & analyses

def query_facts(db: DB, flt: FactFilter | None = None, *, limit: int | None = None,
                offset: int = 0) -> list[StoredFact]:
    with database(db) as d, d.read() as conn:
        return repo.query_facts(conn, flt or FactFilter(), limit=limit, offset=offset)


def iter_facts(db: DB, flt: FactFilter | None = None) -> Iterator[StoredFact]:
    with database(db) as d, d.read() as conn:
        yield from repo.iter_facts(conn, flt or FactFilter())


def get_fact(db: DB, fact_id: int) -> StoredFact:
    with database(db) as d, d.read() as conn:
        f = repo.get_fact(conn, fact_id)
    if f is None:
        raise NotFoundError(f"no fact with id {fact_id}")
    return f


def documents(db: DB, *, current_only: bool = True) -> list[DocumentInfo]:
    with database(db) as d, d.read() as conn:
        return repo.list_documents(conn, current_only=current_only)


def stats(db: DB) -> dict[str, int]:
    with database(db) as d, d.read() as conn:
        return repo.count_rows(conn)


def _scope_facts(conn: Connection, *, region: str | None, period: str | None) -> list[StoredFact]:
    """Live facts of a region and/or period: all indicators, so relation targets
    (居民收入增幅高于经济增长) find the GDP result they are judged against."""
    return repo.query_facts(conn, FactFilter(region=region, period=period))


def _order(conn: Connection, facts: Sequence[StoredFact]) -> dict[str, tuple[str, int]]:
    return repo.doc_order(conn, {f.doc for f in facts})


def scorecard(db: DB, *, region: str | None = None, period: str | None = None, indicator: str | None = None,
              tolerance_points: float | None = None, conflict_tolerance: float | None = None) -> list[Any]:
    """Each target with its result and verdict (met / missed / partly / unknown)."""
    from .analyse.scorecard import scorecard as score
    s = load_settings()
    tol = s.tolerance_points if tolerance_points is None else tolerance_points
    ctol = s.conflict_tolerance if conflict_tolerance is None else conflict_tolerance
    with database(db) as d, d.read() as conn:
        facts = _scope_facts(conn, region=region, period=period)
        order = _order(conn, facts)
    lines = score(facts, tolerance_points=tol, region=region, period=period, conflict_tolerance=ctol,
                  doc_order=order)
    if indicator is not None:
        lines = [ln for ln in lines if ln.indicator == indicator]
    return lines


def conflicts(db: DB, *, tolerance: float | None = None, region: str | None = None, period: str | None = None,
              indicator: str | None = None, kind: str | None = None, limit: int | None = None) -> list[Any]:
    """Series whose sources disagree beyond `tolerance`, with every variant and its source.

    Only series stated by two or more documents whose stored values differ at all
    (the precomputed spread, in base units) are read: over a million facts that is
    a few thousand rows, not all of them. `limit`: the first that many conflicts in
    series-key order (a page), reading candidate series a batch at a time."""
    from .analyse.conflicts import conflicts as find
    tol = load_settings().conflict_tolerance if tolerance is None else tolerance
    with database(db) as d, d.read() as conn:
        keys = repo.series_keys(conn, min_spread=0.0, min_docs=2, indicator=indicator, region=region,
                                period=period, kind=kind)
        if limit is None:
            facts = repo.facts_of_series(conn, keys)
            return find(facts, tolerance=tol, doc_order=_order(conn, facts))
        found: list[Any] = []
        step = max(limit, 50)
        for i in range(0, len(keys), step):
            facts = repo.facts_of_series(conn, keys[i:i + step])
            found += find(facts, tolerance=tol, doc_order=_order(conn, facts))
            if len(found) >= limit:
                break
    return found[:limit]


def corroboration(db: DB, *, tolerance: float | None = None, region: str | None = None,
                  period: str | None = None, indicator: str | None = None, kind: str | None = None,
                  min_docs: int = 2) -> list[Any]:
    """Series stated by `min_docs` or more documents: confirmed (they agree) or conflicting."""
    from .analyse.conflicts import corroboration as count
    tol = load_settings().conflict_tolerance if tolerance is None else tolerance
    with database(db) as d, d.read() as conn:
        keys = repo.series_keys(conn, min_docs=min_docs, indicator=indicator, region=region, period=period,
                                kind=kind)
        facts = repo.facts_of_series(conn, keys)
        order = _order(conn, facts)
    return count(facts, tolerance=tol, doc_order=order)


def plan_table(db: DB, *, period: str, region: str | Sequence[str] | None = None,
               tolerance: float | None = None) -> Any:
    """The plan-execution table (analyse.table.PlanTable) of one region, or several side
    by side, for a year: last year's plan and result, this year's plan."""
    from .analyse.table import build_table
    tol = load_settings().conflict_tolerance if tolerance is None else tolerance
    period = str(period)
    years = [period] + ([str(int(period[:4]) - 1)] if period[:4].isdigit() else [])
    regions = [region] if isinstance(region, str) else (list(region) if region else [None])
    with database(db) as d, d.read() as conn:
        facts: list[StoredFact] = []
        for r in regions:
            for y in years:
                facts += repo.query_facts(conn, FactFilter(region=r, period=y))
        order = _order(conn, facts)
    return build_table(facts, period=period, regions=region, doc_order=order, tolerance=tol)


def panel(db: DB, flt: FactFilter | None = None, *, kind: str = "actual") -> list[dict[str, Any]]:
    """One row per region × period, one column per indicator|measure (for researchers)."""
    from .analyse.panel import panel as build
    with database(db) as d, d.read() as conn:
        facts = list(repo.iter_facts(conn, flt or FactFilter(kind=kind)))
        order = _order(conn, facts)
    return build(facts, kind=kind, doc_order=order, tolerance=load_settings().conflict_tolerance)


# ---------------------------------------------------------------- search

@dataclass(frozen=True)
class SearchHit:
    doc: str
    document_id: int
    start: int
    end: int
    passage: str
    facts: list[StoredFact]

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "document_id": self.document_id, "start": self.start, "end": self.end,
                "passage": self.passage, "facts": [f.to_dict() for f in self.facts]}


def search(db: DB, query: str, *, limit: int = 20) -> list[SearchHit]:
    """Passages of the current documents containing `query`, each with the facts inside it."""
    q = query.strip()
    if not q:
        raise PlanwatchError("empty search")
    with database(db) as d, d.read() as conn:
        passages: list[Passage] = repo.search_passages(conn, q, limit=limit)
        return [SearchHit(p.doc, p.document_id, p.start, p.end, p.text,
                          repo.facts_within(conn, p.document_id, p.start, p.end)) for p in passages]


# ---------------------------------------------------------------- export

def export_rows(db: DB, flt: FactFilter | None = None) -> list[dict[str, Any]]:
    """Facts as export rows: the GUIDE's fields, then id and the document's metadata
    (export.FACT_COLUMNS)."""
    rows: list[dict[str, Any]] = []
    with database(db) as d, d.read() as conn:
        facts = list(repo.iter_facts(conn, flt or FactFilter()))
        meta = repo.documents_meta(conn, {f.document_id for f in facts})
    for f in facts:
        m = meta.get(f.document_id, {})
        row = f.to_dict()
        row.update(doc_id=f.document_id, doc_title=m.get("title"), doc_date=m.get("date"),
                   doc_sha256=m.get("sha256"), superseded=f.superseded)
        rows.append(row)
    return rows


def export(db: DB, fmt: str, out: str | Path | BinaryIO | TextIO, *, flt: FactFilter | None = None,
           layout: str = "facts") -> int:
    """Write facts (or the panel layout) as csv|xlsx|parquet|json|jsonl; returns the row count."""
    from . import export as writers
    if layout == "panel":
        rows = panel(db, flt)
        writers.write(rows, fmt, out)
    elif layout == "facts":
        rows = export_rows(db, flt)
        writers.write(rows, fmt, out, columns=writers.FACT_COLUMNS)
    else:
        raise PlanwatchError(f"unknown layout {layout!r} (facts or panel)")
    return len(rows)


def write_rows(rows: Sequence[dict[str, Any]], fmt: str, out: str | Path | BinaryIO | TextIO, *,
               columns: Sequence[str] | None = None) -> None:
    """Any rows (a plan table, a panel) as csv|xlsx|parquet|json|jsonl."""
    from . import export as writers
    writers.write(list(rows), fmt, out, columns=columns)


def render_table(rows: Sequence[dict[str, Any]], headers: Sequence[str], fmt: str) -> str:
    """A plan table as Markdown (`md`) or HTML (`html`)."""
    from .analyse.table import to_html, to_markdown
    if fmt == "md":
        return to_markdown(rows, headers)
    if fmt == "html":
        return to_html(rows, headers)
    raise PlanwatchError(f"unknown table format {fmt!r} (md or html)")


# ---------------------------------------------------------------- demo

EXAMPLES = Path(__file__).with_name("examples")


def demo(db: DB | None = None) -> tuple[str, IngestReport, list[Any]]:
    """Ingest the bundled examples (into `db`, or a fresh temporary SQLite file) and
    return (database URL, ingest report, scorecard of everything)."""
    if db is None:
        tmp = Path(tempfile.mkdtemp(prefix="planwatch-demo-")) / "demo.db"
        db = str(tmp)
    if not EXAMPLES.is_dir():
        raise StoreError(f"no bundled examples at {EXAMPLES}")
    with database(db) as d:
        report = ingest([EXAMPLES], d)
        lines = scorecard(d)
    return (db if isinstance(db, str) else db.url), report, lines
