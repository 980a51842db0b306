"""The JSON API of issue 9 under /api: the follow-up of a plan, the project register (reads open,
writes with a token), a stored document's plan structure, the IT-project review cuts. Services only."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi import Query as Q
from pydantic import BaseModel, Field

from ..services import followup as fu
from ..services import projects as sp
from ..services import register as rs
from ..services import reviews as rv
from .common import JSON, state, writer

router = APIRouter(prefix="/api", tags=["projects"], default_response_class=JSON)

Day = Field(None, max_length=10, description="YYYY-MM-DD")


def project_view(request: Request, project_id: int) -> dict[str, Any]:
    """A project with its audit trail, its review and the stored passages that name it."""
    db = state(request).db
    p = rs.get_project(db, project_id)
    return {**p.to_dict(), "history": [e.to_dict() for e in rs.project_history(db, project_id)],
            "review": rv.review_of(db, project_id).to_dict(),
            "mentions": [m.to_dict() for m in rs.project_mentions(db, project_id)]}


@router.get("/followup", summary="A region's promises for a year with the later evidence and a status")
def followup(request: Request, region: str = Q(..., min_length=1, max_length=128),
             period: str = Q(..., min_length=4, max_length=4, description="the plan's year (2025)"),
             reported: bool = False) -> JSON:
    return JSON(fu.db_followup(state(request).db, region, period, reported=reported).to_dict())


@router.get("/projects", summary="The project register, overdue and stalled projects first")
def projects(request: Request, region: str | None = Q(None, max_length=128),
             today: str | None = Q(None, max_length=10, description="judge overdue and stalled as of (YYYY-MM-DD)"),
             stalled_days: int = Q(rs.STALLED_DAYS, ge=1, le=3650)) -> JSON:
    rows = rs.register(state(request).db, region=region or None, today=today or None, stalled_days=stalled_days)
    return JSON({"items": [r.to_dict() for r in rows]})


@router.get("/projects/{project_id}", summary="A registered project with its history, review and sources")
def project(request: Request, project_id: int) -> JSON:
    return JSON(project_view(request, project_id))


class NewProject(BaseModel):
    name: str = Field(..., min_length=1, max_length=256)
    region: str | None = Field(None, max_length=128)
    unit: str | None = Field(None, max_length=256)
    stage: str | None = Field(None, max_length=16)
    planned_start: str | None = Day
    planned_end: str | None = Day
    planned_investment: float | None = None
    completed_investment: float | None = None
    investment_unit: str | None = Field(None, max_length=16)
    date: str | None = Day
    note: str | None = Field(None, max_length=4000)


class StageChange(BaseModel):
    stage: str = Field(..., min_length=1, max_length=16)
    date: str | None = Day
    note: str | None = Field(None, max_length=4000)


class ProgressNote(BaseModel):
    text: str = Field(..., min_length=1, max_length=4000)
    date: str | None = Day


@router.post("/projects", summary="Add a project to the register (token)", status_code=201)
def add(request: Request, body: NewProject, who: Annotated[str, Depends(writer)]) -> JSON:
    fields = body.model_dump(exclude={"name", "region", "stage", "date", "note"})
    p = rs.add_project(state(request).db, body.name, region=body.region or None, stage=body.stage or None,
                       date=body.date or None, note=body.note or None, author=who, **fields)
    return JSON(p.to_dict(), status_code=201)


@router.post("/projects/{project_id}/stage", summary="Record the stage a project reached, dated (token)")
def stage(request: Request, project_id: int, body: StageChange, who: Annotated[str, Depends(writer)]) -> JSON:
    p = rs.set_stage(state(request).db, project_id, body.stage, date=body.date or None, note=body.note or None,
                     author=who)
    return JSON(p.to_dict())


@router.post("/projects/{project_id}/note", summary="Add a dated progress note (token)", status_code=201)
def note(request: Request, project_id: int, body: ProgressNote, who: Annotated[str, Depends(writer)]) -> JSON:
    e = rs.add_note(state(request).db, project_id, body.text, date=body.date or None, author=who)
    return JSON(e.to_dict(), status_code=201)


@router.get("/documents/{document_id}/tasks", summary="A stored document's work areas and tasks (its plan structure)")
def tasks(request: Request, document_id: int) -> JSON:
    return JSON({"items": [n.to_dict() for n in sp.document_tasks(state(request).db, document_id)]})


@router.get("/reviews/cuts", summary="IT-project review: requested − approved budget per project and in sum (万元)")
def cuts(request: Request, region: str | None = Q(None, max_length=128),
         period: str | None = Q(None, max_length=4, description="the year of approval (2025)"),
         ids: str | None = Q(None, max_length=2000, description="project ids, comma-separated")) -> JSON:
    wanted = None
    if ids:
        try:
            wanted = [int(x) for x in ids.split(",") if x.strip()]
        except ValueError:
            raise HTTPException(422, "ids: whole numbers separated by commas") from None
    return JSON(rv.cuts(state(request).db, region=region or None, period=period or None, ids=wanted).to_dict())
