"""The project register: an office's own list of projects (issue 9), every change audited.

    add_project     add one by hand
    add_from_text   add one named in a document (its stage, region and passage taken from the text)
    edit_project    change its responsible unit, planned or actual dates, investments …
    set_stage       record the stage it reached, dated (开工 on 2025-03-01)
    add_note        a dated progress note (the weekly dispatch)
    register        the projects, overdue and stalled ones first
    project_history the audit trail: who changed what, when, from what to what

Every change writes a project_events row (old value, new value, author, time, note), as corrections
do for facts. Dates are YYYY-MM-DD; investments are numbers in the project's investment unit (亿元).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from ..errors import NotFoundError, UsageError
from ..extract.lexicon import STAGES
from ..extract.project_match import compare
from ..store import register as reg
from ..store.register import ProjectEvent, RegisteredProject
from .common import DB, database, default_author, now
from .query import choice, date_value, number, text_value

REGISTER_STAGES = tuple(s for s in STAGES if s != "unknown")
DATE_FIELDS = ("planned_start", "planned_end", "actual_start", "actual_end")
MONEY_FIELDS = ("planned_investment", "completed_investment")
TEXT_FIELDS = {"name": 256, "region": 128, "unit": 256, "investment_unit": 16}
EDITABLE = ("name", "region", "unit", *DATE_FIELDS, *MONEY_FIELDS, "investment_unit")
STALLED_DAYS = 30


@dataclass(frozen=True)
class RegisterLine:
    """A registered project with what the office needs first: is it overdue, has it stalled."""

    project: RegisteredProject
    last_date: str | None      # its latest stage change or progress note
    overdue: bool              # past its planned end (or planned start) without reaching that stage
    stalled: bool              # no dated news for `stalled_days`, not completed

    def to_dict(self) -> dict[str, Any]:
        return {**self.project.to_dict(), "last_date": self.last_date, "overdue": self.overdue,
                "stalled": self.stalled}


def _text(flag: str, v: str | None, limit: int) -> str | None:
    if v is None:
        return None
    s = str(v).strip()
    if not s:
        raise UsageError(f"{flag}: empty; give a value")
    if any(ord(c) < 32 for c in s):
        raise UsageError(f"{flag}: control characters are not allowed")
    if len(s) > limit:
        raise UsageError(f"{flag}: {len(s)} characters; at most {limit}")
    return s


def _checked(changes: dict[str, Any]) -> dict[str, Any]:
    """Every value a user gives, checked: names fit their columns, dates are dates, money is a
    finite number of at least 0."""
    out: dict[str, Any] = {}
    for k, v in changes.items():
        flag = "--" + k.replace("_", "-")
        if k not in EDITABLE:
            raise UsageError(f"cannot change {k}; editable: {', '.join(EDITABLE)}")
        if k in DATE_FIELDS:
            out[k] = date_value(flag, v)
        elif k in MONEY_FIELDS:
            out[k] = number(flag, v, minimum=0)
        else:
            out[k] = _text(flag, v, TEXT_FIELDS[k])
    return out


def _who(author: str | None, note: str | None) -> tuple[str, str | None]:
    return text_value("--author", author, "author") or default_author(), text_value("--note", note, "note")


def _load(conn: Connection, project_id: int) -> RegisteredProject:
    p = reg.get_project(conn, int(project_id))
    if p is None:
        raise NotFoundError(f"no project #{project_id} in the register")
    return p


def _stage(v: str | None) -> str | None:
    return choice("--stage", v, REGISTER_STAGES, fold=True)


def add_project(db: DB, name: str, *, region: str | None = None, stage: str | None = None,
                author: str | None = None, note: str | None = None, date: str | None = None,
                source: dict[str, Any] | None = None, **fields: Any) -> RegisteredProject:
    """Add a project by hand (`fields`: unit, planned_start, planned_end, planned_investment …).
    A second project of the same name and region is refused."""
    values = _checked({"name": name, "region": region, **{k: v for k, v in fields.items() if v is not None}})
    values = {k: v for k, v in values.items() if v is not None}
    values["stage"] = _stage(stage) or "preparing"
    values.setdefault("investment_unit", "亿元")
    when = date_value("--date", date)
    who, note = _who(author, note)
    t = now()
    with database(db, create=True) as d, d.write() as conn:  # the first project may make the database
        same = reg.find_projects(conn, values["name"], values.get("region"))
        if same:
            raise UsageError(f"{values['name']} ({values.get('region') or 'no region'}) is in the register "
                             f"already as #{same[0].id}")
        row = {**values, **(source or {}), "created_at": t, "updated_at": t}
        pid = reg.insert_project(conn, row)
        reg.insert_event(conn, project_id=pid, action="add", author=who, created_at=t, date=when,
                         new_value={k: v for k, v in row.items() if k not in ("created_at", "updated_at")}, note=note)
        return _load(conn, pid)


def add_from_text(db: DB, path: str | Path, name: str, *, author: str | None = None, note: str | None = None,
                  **fields: Any) -> RegisteredProject:
    """Add the project a document names: the first mention of `name` (or of a name that matches it)
    gives its stage (unknown → preparing), its region and its source passage."""
    from ..analyse.followup import passage
    from ..read import read_file
    from .projects import project_file

    res = project_file(path)
    if res.error:
        raise UsageError(f"{path}: {res.error}")
    want = _text("NAME", name, TEXT_FIELDS["name"]) or ""
    hit = next((m for m in res.mentions if m.name == want), None) or next(
        (m for m in res.mentions if compare(m.name, want, m.region, m.region) is not None), None)
    if hit is None:
        raise UsageError(f"{want}: not named as a project in {path}")
    text = read_file(str(path)).text
    p, _ = passage(text, hit.start, hit.end)
    stage = hit.stage if hit.stage in REGISTER_STAGES else "preparing"
    source = {"source_doc": res.path, "source_start": hit.start, "source_end": hit.end, "source_text": p}
    fields.setdefault("region", hit.region)
    return add_project(db, want, stage=fields.pop("stage", None) or stage, author=author,
                       note=note or f"from {res.path}:{hit.start}", source=source, **fields)


def edit_project(db: DB, project_id: int, changes: dict[str, Any], *, author: str | None = None,
                 note: str | None = None) -> RegisteredProject:
    """Change some fields; each change is audited (old value, new value, author, time)."""
    changes = {k: v for k, v in changes.items() if v is not None}
    if not changes:
        raise UsageError("nothing to change: give at least one field")
    values = _checked(changes)
    who, note = _who(author, note)
    t = now()
    with database(db) as d, d.write() as conn:
        p = _load(conn, project_id)
        for k, v in values.items():
            old = getattr(p, k)
            if old != v:
                reg.insert_event(conn, project_id=p.id, action="edit", field=k, old_value=old, new_value=v,
                                 author=who, created_at=t, note=note)
        reg.update_project(conn, p.id, {**values, "updated_at": t})
        return _load(conn, p.id)


def set_stage(db: DB, project_id: int, stage: str, *, date: str | None = None, author: str | None = None,
              note: str | None = None) -> RegisteredProject:
    """Record the stage reached on `date` (today by default); the first start and the completion
    fill the actual dates when they are empty."""
    new = _stage(stage)
    if new is None:
        raise UsageError(f"--stage: one of {', '.join(REGISTER_STAGES)}")
    when = date_value("--date", date) or Date.today().isoformat()
    who, note = _who(author, note)
    t = now()
    with database(db) as d, d.write() as conn:
        p = _load(conn, project_id)
        values: dict[str, Any] = {"stage": new, "updated_at": t}
        if new in ("started", "in_progress", "completed") and p.actual_start is None:
            values["actual_start"] = when if new != "completed" else None
        if new == "completed" and p.actual_end is None:
            values["actual_end"] = when
        values = {k: v for k, v in values.items() if v is not None}
        reg.insert_event(conn, project_id=p.id, action="stage", field="stage", old_value=p.stage, new_value=new,
                         date=when, author=who, created_at=t, note=note)
        reg.update_project(conn, p.id, values)
        return _load(conn, p.id)


def add_note(db: DB, project_id: int, text: str, *, date: str | None = None,
             author: str | None = None) -> ProjectEvent:
    """A dated progress note (today by default)."""
    body = text_value("NOTE", text, "note")
    when = date_value("--date", date) or Date.today().isoformat()
    who, _ = _who(author, None)
    t = now()
    with database(db) as d, d.write() as conn:
        p = _load(conn, project_id)
        eid = reg.insert_event(conn, project_id=p.id, action="note", date=when, note=body, author=who, created_at=t)
        reg.update_project(conn, p.id, {"updated_at": t})
        return next(e for e in reg.list_events(conn, p.id) if e.id == eid)


def register(db: DB, *, region: str | None = None, today: str | None = None,
             stalled_days: int = STALLED_DAYS) -> list[RegisterLine]:
    """The register: overdue projects first, then stalled ones, then the others (each group by id)."""
    day = Date.fromisoformat(date_value("--today", today) or Date.today().isoformat())
    region = text_value("--region", region, "region")
    with database(db) as d, d.read() as conn:
        projects = reg.list_projects(conn, region=region)
        last = reg.last_dates(conn)
    out = []
    for p in projects:
        done = p.stage == "completed"
        late_end = p.planned_end is not None and p.planned_end < day.isoformat() and not done
        late_start = (p.planned_start is not None and p.planned_start < day.isoformat()
                      and p.stage in ("preparing", "signed"))
        news = last.get(p.id) or p.created_at.date().isoformat()
        stalled = not done and news < (day - timedelta(days=stalled_days)).isoformat()
        out.append(RegisterLine(p, last.get(p.id), late_end or late_start, stalled))
    return sorted(out, key=lambda r: (not r.overdue, not r.stalled, r.project.id))


def project_history(db: DB, project_id: int | None = None) -> list[ProjectEvent]:
    """The audit trail of one project (or of all), oldest first."""
    with database(db) as d, d.read() as conn:
        if project_id is not None:
            _load(conn, project_id)
        return reg.list_events(conn, None if project_id is None else int(project_id))


def get_project(db: DB, project_id: int) -> RegisteredProject:
    """One registered project (NotFoundError when there is none of that id)."""
    with database(db) as d, d.read() as conn:
        return _load(conn, project_id)


@dataclass(frozen=True)
class Mention:
    """Where a stored document names a registered project: the name at [start, end) and its sentence."""

    document_id: int
    doc: str
    date: str | None
    start: int
    end: int
    passage: str
    passage_start: int

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def project_mentions(db: DB, project_id: int, *, limit: int = 20) -> list[Mention]:
    """The passages of the current stored documents that name the project as registered (its name as
    written), the documents' dates first to last: the sources of its timeline."""
    from ..analyse.followup import passage
    from ..store import repo

    out: list[Mention] = []
    with database(db) as d, d.read() as conn:
        p = _load(conn, project_id)
        for info in repo.list_documents(conn):
            text = repo.document_text(conn, info.id) or ""
            at = text.find(p.name)
            while at >= 0 and len(out) < limit * 4:
                sentence, ps = passage(text, at, at + len(p.name))
                out.append(Mention(info.id, info.name, info.date, at, at + len(p.name), sentence, ps))
                at = text.find(p.name, at + len(p.name))
    return sorted(out, key=lambda m: (m.date or "", m.doc, m.start))[:limit]
