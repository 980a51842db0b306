"""The pages of issue 9: the follow-up board (/followup), the project register (/projects) and a
project's timeline (/projects/{id}): stage changes, notes, review steps and source passages by date."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi import Query as Q
from fastapi.responses import HTMLResponse, Response

from ..services import followup as fu
from ..services import register as rs
from ..services import reviews as rv
from .common import state
from .pages import render

router = APIRouter(include_in_schema=False)

# the board's columns, in the order an office reads them; unclear rows go with not mentioned
COLUMNS = ("done", "in_progress", "behind", "contradicted", "not_mentioned")


def board_columns(items: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    cols: dict[str, list[dict[str, Any]]] = {c: [] for c in COLUMNS}
    for r in items:
        cols["not_mentioned" if r["status"] not in cols else r["status"]].append(r)
    return list(cols.items())


@router.get("/followup", response_class=HTMLResponse)
def followup(request: Request, region: str | None = Q(None, max_length=128),
             period: str | None = Q(None, max_length=4)) -> Response:
    columns: list[tuple[str, list[dict[str, Any]]]] = []
    shown_region = region or ""
    if region and period:
        board = fu.db_followup(state(request).db, region, period).to_dict()
        columns, shown_region = board_columns(board["items"]), board["region"]
    return render(request, "followup.html", region=shown_region, period=period or "", columns=columns,
                  asked=bool(region and period))


@router.get("/projects", response_class=HTMLResponse)
def projects(request: Request, region: str | None = Q(None, max_length=128)) -> Response:
    rows = rs.register(state(request).db, region=region or None)
    return render(request, "projects.html", rows=rows, region=region or "")


def timeline(view: dict[str, Any]) -> list[dict[str, Any]]:
    """A project's dated entries, earliest first: audit events (stage, note, edit, add), review steps
    (as events already) and the stored passages that name it (dated by their document)."""
    out: list[dict[str, Any]] = []
    for e in view["history"]:
        out.append({"kind": e["action"], "date": e["date"] or e["created_at"][:10], "field": e["field"],
                    "old": e["old_value"], "new": e["new_value"], "note": e["note"], "author": e["author"]})
    for m in view["mentions"]:
        out.append({"kind": "source", "date": m["date"] or "", "doc": m["doc"], "document_id": m["document_id"],
                    "start": m["start"], "end": m["end"], "passage": m["passage"]})
    return sorted(out, key=lambda x: (x["date"] or "", x["kind"] != "add"))


@router.get("/projects/{project_id}", response_class=HTMLResponse)
def project(request: Request, project_id: int) -> Response:
    db = state(request).db
    p = rs.get_project(db, project_id)
    view = {**p.to_dict(), "history": [e.to_dict() for e in rs.project_history(db, project_id)],
            "mentions": [m.to_dict() for m in rs.project_mentions(db, project_id)]}
    review = rv.review_of(db, project_id)
    return render(request, "project.html", p=p, entries=timeline(view), review=review)
