"""Corrections: fix, confirm, reject and add facts (audited), and re-apply them after re-extraction.

A fact is named by its public id (store/ids.py), which survives re-extraction.
Every value a user gives is checked first (query.py): a period is a year or a
span, a value is a finite number, names fit their columns; an indicator synonym
becomes its headline name and a short place name its full name, as the engine
would read them. An added fact must point at its number: the text at its
offsets has to read as its value.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from sqlalchemy import Connection

from ..errors import NotFoundError, UsageError
from ..model import Fact
from ..store import repo
from ..store.ids import assign_uids
from ..store.repo import Correction, DocumentInfo, StoredFact
from .common import DB, database, default_author, fact_columns, now
from .query import (
    MAX_INT,
    StoredNames,
    choice,
    kind_value,
    measure_value,
    number,
    period_value,
    qualifier_value,
    resolve_indicator,
    resolve_region,
    text_value,
)

EDITABLE_FIELDS: tuple[str, ...] = ("value", "indicator", "kind", "period", "region", "unit", "measure",
                                    "qualifier", "tier", "region_code")


# ---------------------------------------------------------------- checking what a user gives

def _checked(changes: dict[str, Any], stored: StoredNames) -> tuple[dict[str, Any], list[str]]:
    """The changes with every value checked and read as the engine reads names; notes on what was read."""
    out: dict[str, Any] = {}
    notes: list[str] = []
    checks: dict[str, Callable[[Any], Any]] = {
        "value": lambda v: number("--value", v),
        "kind": lambda v: kind_value("--kind", v),
        "measure": lambda v: measure_value("--measure", v),
        "qualifier": lambda v: qualifier_value("--qualifier", v),
        "period": lambda v: period_value("--period", v),
        "unit": lambda v: text_value("--unit", v, "unit"),
        "tier": lambda v: choice("--tier", v, ("A", "B"), fold=True),
        "region_code": lambda v: text_value("--region-code", v, "region_code"),
    }
    for name, v in changes.items():
        if name not in EDITABLE_FIELDS:
            raise UsageError(f"cannot change {name}; editable: {', '.join(EDITABLE_FIELDS)}")
        if name == "indicator":
            out[name], note = resolve_indicator("--indicator", text_value("--indicator", v, "indicator") or "",
                                                stored, strict=False)
        elif name == "region":
            out[name], note = resolve_region("--region", text_value("--region", v, "region") or "", stored,
                                             strict=False)
        else:
            out[name], note = checks[name](v), None
        notes += [note] if note else []
    return out, notes


# ---------------------------------------------------------------- re-applying

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


def _insert_user_fact(conn: Connection, doc_id: int, sha: str, f: Fact) -> int:
    uid = assign_uids(sha, [(f.start, f.end)], origin="user", taken=repo.uids_at(conn, doc_id, "user"))[0]
    return repo.insert_fact(conn, doc_id, fact_columns(f, origin="user", status="confirmed", uid=uid))


def reapply_corrections(conn: Connection, doc_id: int, sha: str, source_key: str, text_: str) -> set[str]:
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
            fact = Fact.from_dict(row)
            pk = _insert_user_fact(conn, doc_id, sha, fact)
            repo.relink_correction(conn, c.id, pk)
            touched.add(fact_columns(fact)["series"])
            continue
        target = _match(repo.facts_at(conn, doc_id, *span), c)
        if target is None:
            continue
        touched.add(target.series)
        touched.add(_apply(conn, target, c))
        repo.relink_correction(conn, c.id, target.pk)
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
    repo.update_fact(conn, f.pk, values)
    return merged["series"]


def _record(conn: Connection, f: StoredFact, info: DocumentInfo, action: str, *, field_: str | None = None,
            old: Any = None, new: Any = None, author: str | None, note: str | None,
            match_indicator: str | None) -> None:
    repo.insert_correction(
        conn, fact_id=f.pk, action=action, doc_sha256=info.sha256, source_key=info.source_key,
        start=f.start, end=f.end, match_indicator=match_indicator, surface=f.surface, evidence=f.evidence,
        field=field_, old_value=old, new_value=new, author=author or default_author(), note=note,
        created_at=now())


def _original_indicator(conn: Connection, f: StoredFact) -> str:
    """The indicator the engine gave a fact: what a correction re-finds it by."""
    for c in repo.list_corrections(conn, fact_id=f.pk):
        if c.match_indicator is not None:
            return c.match_indicator
    return f.indicator


def _load(conn: Connection, fact_id: str) -> tuple[StoredFact, DocumentInfo]:
    uid = str(fact_id).strip().lstrip("#").lower()
    f = repo.get_fact_by_uid(conn, uid) if uid else None
    if f is None:
        raise NotFoundError(f"no fact with id {_shown(fact_id)} (ids are printed by `planwatch facts`)")
    info = repo.get_document(conn, f.document_id)
    assert info is not None
    return f, info


def _shown(v: Any) -> str:
    return re.sub(r"[\x00-\x1f\x7f-\x9f]", "?", str(v))[:40]


def _who(author: str | None, note: str | None) -> tuple[str | None, str | None]:
    return text_value("--author", author, "author"), text_value("--note", note, "note")


# ---------------------------------------------------------------- the services

def fix(db: DB, fact_id: str, changes: dict[str, Any], *, author: str | None = None,
        note: str | None = None) -> StoredFact:
    """Change some fields of a fact; each change is audited (old value, new value, author, time)."""
    if not changes:
        raise UsageError("nothing to change: give at least one field")
    author, note = _who(author, note)
    _checked(changes, StoredNames(None))  # every value's form, before the database is opened
    with database(db) as d, d.write() as conn:
        f, info = _load(conn, fact_id)
        clean, _notes = _checked(changes, StoredNames(conn))
        match = _original_indicator(conn, f)
        touched = {f.series}
        for name, new in clean.items():
            old = getattr(f, name)
            old = getattr(old, "value", old)
            _record(conn, f, info, "fix", field_=name, old=old, new=new, author=author, note=note,
                    match_indicator=match)
        c = Correction(0, f.pk, "fix", info.sha256, info.source_key, f.start, f.end, match, None, None,
                       None, None, None, "", None, now())
        for name, new in clean.items():
            f_now = repo.get_fact(conn, f.pk)
            assert f_now is not None
            touched.add(_apply(conn, f_now, replace(c, field=name, new_value=new)))
        repo.refresh_series(conn, touched)
        out = repo.get_fact(conn, f.pk)
    assert out is not None
    return out


def review(db: DB, fact_id: str, action: str, *, author: str | None = None, note: str | None = None) -> StoredFact:
    """Confirm or reject a fact (audited). A rejected fact drops out of listings and analyses."""
    if action not in ("confirm", "reject"):
        raise UsageError(f"unknown review action {_shown(action)}: confirm or reject")
    author, note = _who(author, note)
    with database(db) as d, d.write() as conn:
        f, info = _load(conn, fact_id)
        new_status = "confirmed" if action == "confirm" else "rejected"
        _record(conn, f, info, action, field_="status", old=f.status, new=new_status, author=author, note=note,
                match_indicator=_original_indicator(conn, f))
        c = Correction(0, f.pk, action, info.sha256, None, f.start, f.end, None, None, None, None, None, None,
                       "", None, now())
        key = _apply(conn, f, c)
        repo.refresh_series(conn, {f.series, key})
        out = repo.get_fact(conn, f.pk)
    assert out is not None
    return out


def confirm(db: DB, fact_id: str, **kw: Any) -> StoredFact:
    return review(db, fact_id, "confirm", **kw)


def reject(db: DB, fact_id: str, **kw: Any) -> StoredFact:
    return review(db, fact_id, "reject", **kw)


_NUMBER_TEXT = re.compile(r"^[\s\-−+]*([0-9０-９][0-9０-９,，.．]*|[零〇一二两三四五六七八九十百千万亿点]+)\s*$")


def _number_at(text_: str, start: int, end: int) -> float | None:
    """The number written at [start, end), or None when the text there is not a number."""
    m = _NUMBER_TEXT.match(text_[start:end])
    if not m:
        return None
    from ..extract.numbers import parse_number
    s = m.group(1).translate(str.maketrans("０１２３４５６７８９，．", "0123456789,."))
    try:
        return parse_number(s)
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def add_fact(db: DB, document: str | int, fact: dict[str, Any], *, author: str | None = None,
             note: str | None = None) -> StoredFact:
    """Add a fact the engine missed to a stored document (by id, name or path). `fact`
    holds the GUIDE's fields; `doc` is filled in; surface and evidence default to the text.
    The offsets must hold the fact's number (its absolute value: a fall is written 下降5%);
    a relation with no number points at its words."""
    author, note = _who(author, note)
    with database(db) as d, d.write() as conn:
        info = _find_document(conn, document)
        text_ = repo.document_text(conn, info.id) or ""
        start, end = fact.get("start"), fact.get("end")
        for flag, v in (("--start", start), ("--end", end)):
            if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v <= min(len(text_), MAX_INT):
                raise UsageError(f"{flag} {_shown(v)}: an offset from 0 to {len(text_)} (the document's length)")
        assert isinstance(start, int) and isinstance(end, int)
        if end <= start:
            raise UsageError(f"--end {end}: after --start {start}")
        stored = StoredNames(conn)
        clean, _notes = _checked({k: fact[k] for k in ("value", "indicator", "kind", "period", "region", "unit",
                                                      "measure", "qualifier", "tier") if fact.get(k) is not None},
                                 stored)
        for flag, key in (("--kind", "kind"), ("--measure", "measure"), ("--indicator", "indicator")):
            if key not in clean:
                raise UsageError(f"{flag}: required")
        written = text_[start:end]
        if clean["measure"] != "relation":
            if clean.get("value") is None:
                raise UsageError("--value: required for a figure (only a relation has none)")
            at = _number_at(text_, start, end)
            if at is None or abs(at - abs(clean["value"])) > 1e-9 * max(1.0, abs(at)):
                raise UsageError(f"--start/--end: the text there is {_shown(written)!r}, not the number "
                                 f"{clean['value']:g} (offsets of `planwatch text`)")
        row = {"doc": info.name, "surface": written, "evidence": _sentence_around(text_, start, end),
               "qualifier": "exact", **{k: v for k, v in fact.items() if k not in clean}, **clean,
               "start": start, "end": end}
        row["doc"] = info.name
        f = Fact.from_dict(row)
        pk = _insert_user_fact(conn, info.id, info.sha256, f)
        out = repo.get_fact(conn, pk)
        assert out is not None
        _record(conn, out, info, "add", new=f.to_dict(), author=author, note=note, match_indicator=f.indicator)
        repo.refresh_series(conn, {out.series})
    return out


_SENTENCE_WINDOW = 150


def _sentence_around(text_: str, start: int, end: int) -> str:
    """The sentence around [start, end), cut to a window around the number when it is long."""
    stops = "。！？；\n"
    a = max((text_.rfind(s, max(0, start - 2000), start) for s in stops), default=-1) + 1
    bs = [i for i in (text_.find(s, end, end + 2000) for s in stops) if i >= 0]
    b = min(bs) + 1 if bs else min(len(text_), end + 2000)
    a, b = max(a, start - _SENTENCE_WINDOW), min(b, end + _SENTENCE_WINDOW)
    return text_[a:b].strip()


def _find_document(conn: Connection, document: str | int) -> DocumentInfo:
    if isinstance(document, int) or (isinstance(document, str) and document.isdigit()):
        info = repo.get_document(conn, int(document))
        if info is not None:
            return info
    found = repo.find_documents(conn, str(document))
    if not found:
        raise NotFoundError(f"no document {_shown(document)} (names are printed by `planwatch documents`)")
    return found[0]


def history(db: DB, fact_id: str | None = None, *, limit: int | None = None) -> list[Correction]:
    """The audit trail (of one fact, or all), oldest first."""
    with database(db) as d, d.read() as conn:
        pk = None if fact_id is None else _load(conn, fact_id)[0].pk
        return repo.list_corrections(conn, fact_id=pk, limit=limit)
