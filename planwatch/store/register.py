"""Every SQL statement of the project register (tables projects, project_events, project_reviews)."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, Table, func, insert, select, update

from .schema import ProjectEventRow, ProjectReviewRow, ProjectRow

PR = cast(Table, ProjectRow.__table__)
PE = cast(Table, ProjectEventRow.__table__)
PV = cast(Table, ProjectReviewRow.__table__)


def _plain_dict(row: Any) -> dict[str, Any]:
    """A register row as plain values: its fields, datetimes as ISO strings."""
    return {f.name: (v.isoformat() if isinstance(v := getattr(row, f.name), datetime) else v) for f in fields(row)}


@dataclass(frozen=True)
class RegisteredProject:
    id: int
    name: str
    region: str | None
    unit: str | None
    stage: str
    planned_start: str | None
    planned_end: str | None
    actual_start: str | None
    actual_end: str | None
    planned_investment: float | None
    completed_investment: float | None
    investment_unit: str
    source_doc: str | None
    source_start: int | None
    source_end: int | None
    source_text: str | None
    created_at: datetime
    updated_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return _plain_dict(self)


@dataclass(frozen=True)
class ProjectEvent:
    id: int
    project_id: int
    action: str
    date: str | None
    field: str | None
    old_value: Any
    new_value: Any
    note: str | None
    author: str
    created_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return _plain_dict(self)


@dataclass(frozen=True)
class ReviewStep:
    """One step of an IT project's review: submit, prereview, joint, approve."""

    id: int
    project_id: int
    step: str
    date: str
    amount: float | None
    amount_unit: str | None
    result: str | None
    reviewer: str | None
    opinion: str | None
    author: str
    created_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return _plain_dict(self)


_P_COLS = [PR.c[f.name] for f in fields(RegisteredProject)]
_E_COLS = [PE.c[f.name] for f in fields(ProjectEvent)]
_V_COLS = [PV.c[f.name] for f in fields(ReviewStep)]


def _project(row: Any) -> RegisteredProject:
    return RegisteredProject(*row)


def _event(row: Any) -> ProjectEvent:
    d = dict(row._mapping)
    for k in ("old_value", "new_value"):
        d[k] = None if d[k] is None else json.loads(d[k])
    return ProjectEvent(**d)


def insert_project(conn: Connection, values: dict[str, Any]) -> int:
    return conn.execute(insert(PR).values(**values).returning(PR.c.id)).scalar_one()


def get_project(conn: Connection, project_id: int) -> RegisteredProject | None:
    row = conn.execute(select(*_P_COLS).where(PR.c.id == project_id)).first()
    return _project(row) if row else None


def find_projects(conn: Connection, name: str, region: str | None) -> list[RegisteredProject]:
    q = select(*_P_COLS).where(PR.c.name == name)
    q = q.where(PR.c.region.is_(None) if region is None else PR.c.region == region)
    return [_project(r) for r in conn.execute(q.order_by(PR.c.id))]


def update_project(conn: Connection, project_id: int, values: dict[str, Any]) -> None:
    conn.execute(update(PR).where(PR.c.id == project_id).values(**values))


def list_projects(conn: Connection, *, region: str | None = None) -> list[RegisteredProject]:
    q = select(*_P_COLS)
    if region is not None:
        q = q.where(PR.c.region == region)
    return [_project(r) for r in conn.execute(q.order_by(PR.c.id))]


def insert_event(conn: Connection, *, project_id: int, action: str, author: str, created_at: datetime,
                 date: str | None = None, field: str | None = None, old_value: Any = None, new_value: Any = None,
                 note: str | None = None) -> int:
    return conn.execute(insert(PE).values(
        project_id=project_id, action=action, date=date, field=field,
        old_value=None if old_value is None else json.dumps(old_value, ensure_ascii=False),
        new_value=None if new_value is None else json.dumps(new_value, ensure_ascii=False),
        note=note, author=author, created_at=created_at).returning(PE.c.id)).scalar_one()


def list_events(conn: Connection, project_id: int | None = None) -> list[ProjectEvent]:
    """The audit trail of one project (or all), oldest first."""
    q = select(*_E_COLS)
    if project_id is not None:
        q = q.where(PE.c.project_id == project_id)
    return [_event(r) for r in conn.execute(q.order_by(PE.c.id))]


def last_dates(conn: Connection) -> dict[int, str]:
    """Each project's latest dated event (a stage reached or a progress note): its date."""
    q = select(PE.c.project_id, func.max(PE.c.date)).where(PE.c.date.is_not(None)).group_by(PE.c.project_id)
    return {pid: d for pid, d in conn.execute(q)}


def insert_review(conn: Connection, values: dict[str, Any]) -> int:
    return conn.execute(insert(PV).values(**values).returning(PV.c.id)).scalar_one()


def list_reviews(conn: Connection, project_id: int | None = None) -> list[ReviewStep]:
    """The review steps of one project (or of all), in the order they were recorded."""
    q = select(*_V_COLS)
    if project_id is not None:
        q = q.where(PV.c.project_id == project_id)
    return [ReviewStep(*r) for r in conn.execute(q.order_by(PV.c.id))]
