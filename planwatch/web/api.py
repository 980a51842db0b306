"""The JSON API under /api: everything the pages show, through planwatch.services only."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, HTTPException, Request, UploadFile
from fastapi import Query as Q
from fastapi.responses import Response
from pydantic import BaseModel, Field

from .. import present, services
from ..services import Query
from ..services.uploads import upload_name
from .common import JSON, MAX_LIMIT, Filters, export_response, state, writer

router = APIRouter(prefix="/api", tags=["api"], default_response_class=JSON)

Limit = Q(100, ge=1, le=MAX_LIMIT, description=f"at most this many (1–{MAX_LIMIT})")
Offset = Q(0, ge=0, le=2**31 - 1, description="skip this many")


def _answer(answer: Any, items: list[Any], **extra: Any) -> dict[str, Any]:
    return {"items": items, "notes": list(getattr(answer, "notes", ())), "hidden": getattr(answer, "hidden", 0),
            **extra}


# ---------------------------------------------------------------- facts

@router.get("/facts", summary="Facts, filtered and paged")
def facts(request: Request, f: Annotated[Filters, Depends()], limit: int = Limit, offset: int = Offset) -> JSON:
    got = services.query_facts(state(request).db, f.query(limit=limit, offset=offset))
    items = [x.to_dict() for x in got.items]
    return JSON(_answer(got, items, limit=limit, offset=offset,
                   next_offset=offset + limit if len(items) == limit else None))


@router.get("/facts/{fact_id}", summary="One fact by its id")
def fact(request: Request, fact_id: str) -> JSON:
    return JSON(services.get_fact(state(request).db, fact_id).to_dict())


@router.get("/facts/{fact_id}/history", summary="A fact's corrections, oldest first")
def fact_history(request: Request, fact_id: str) -> JSON:
    return JSON([c.to_dict() for c in services.history(state(request).db, fact_id)])


class Fix(BaseModel):
    value: float | None = None
    indicator: str | None = Field(None, max_length=256)
    kind: str | None = Field(None, max_length=16)
    period: str | None = Field(None, max_length=32)
    region: str | None = Field(None, max_length=128)
    unit: str | None = Field(None, max_length=64)
    measure: str | None = Field(None, max_length=16)
    qualifier: str | None = Field(None, max_length=16)
    note: str | None = Field(None, max_length=4000)


class Review(BaseModel):
    note: str | None = Field(None, max_length=4000)


@router.post("/facts/{fact_id}/fix", summary="Correct fields of a fact (token)")
def fix(request: Request, fact_id: str, body: Fix, who: Annotated[str, Depends(writer)]) -> JSON:
    changes = {k: v for k, v in body.model_dump().items() if k != "note" and v is not None and v != ""}
    if not changes:
        raise HTTPException(422, "nothing to change: give a field")
    return JSON(services.fix(state(request).db, fact_id, changes, author=who, note=body.note or None).to_dict())


@router.post("/facts/{fact_id}/confirm", summary="Mark a fact checked and right (token)")
def confirm(request: Request, fact_id: str, who: Annotated[str, Depends(writer)],
            body: Review | None = None) -> JSON:
    note = body.note if body else None
    return JSON(services.confirm(state(request).db, fact_id, author=who, note=note or None).to_dict())


@router.post("/facts/{fact_id}/reject", summary="Mark a fact wrong (token)")
def reject(request: Request, fact_id: str, who: Annotated[str, Depends(writer)],
           body: Review | None = None) -> JSON:
    note = body.note if body else None
    return JSON(services.reject(state(request).db, fact_id, author=who, note=note or None).to_dict())


@router.get("/corrections", summary="The audit trail of corrections, oldest first")
def corrections(request: Request, limit: int = Limit) -> JSON:
    return JSON([c.to_dict() for c in services.history(state(request).db, None, limit=limit)])


# ---------------------------------------------------------------- documents

@router.get("/documents", summary="The current documents")
def documents(request: Request, limit: int = Limit, offset: int = Offset) -> JSON:
    docs = services.documents_page(state(request).db, limit=limit, offset=offset)
    return JSON({"items": [d.to_dict() for d in docs], "limit": limit, "offset": offset,
            "next_offset": offset + limit if len(docs) == limit else None})


@router.get("/documents/{document_id}", summary="A document: text, facts and context")
def document(request: Request, document_id: int) -> JSON:
    v = services.document_view(state(request).db, document_id)
    return JSON({**v.to_dict(), "text": v.text})


@router.post("/documents", summary="Upload one or more files to ingest (multipart field `file`; token)",
             status_code=200)
async def upload(request: Request, file: Annotated[list[UploadFile], File()],
                 who: Annotated[str, Depends(writer)]) -> JSON:
    st = state(request)
    limit = int(st.settings.max_file_mb * 1048576)
    results = []
    for up in file:
        data = await up.read(limit + 1)
        try:
            name, doc_id, report = services.ingest_upload(st.db, data, up.filename, max_bytes=limit)
        except (services.UploadTooLarge, services.UnsupportedUpload) as e:
            if len(file) == 1:
                raise HTTPException(e.status, present.one_line(str(e))) from None
            results.append({"file": upload_name(up.filename), "ok": False,
                            "error": present.one_line(str(e))})
            continue
        results.append({"file": name, "ok": report.ok, "document_id": doc_id,
                        "status": "failed" if report.failed else ("skipped" if report.skipped else "stored"),
                        "error": report.failed[0][1] if report.failed else None, "facts": report.facts,
                        "warnings": [w for _, w in report.warnings]})
    return JSON({"results": results, "by": who})


# ---------------------------------------------------------------- analyses

@router.get("/scorecard", summary="Targets with their results and verdicts")
def scorecard(request: Request, region: str | None = Q(None, max_length=128),
              period: str | None = Q(None, max_length=32), indicator: str | None = Q(None, max_length=256),
              all_rows: bool = False) -> JSON:
    st = state(request)
    got = services.scorecard(st.db, Query.parse(region=region, period=period, indicator=indicator),
                             settings=st.settings, all_rows=all_rows)
    rows = present.scorecard_rows(got.items)
    return JSON(_answer(got, [{**ln.to_dict(), "shown": row} for ln, row in zip(got.items, rows, strict=True)]))


@router.get("/conflicts", summary="Conflicts, a page at a time (keyset: pass `next` back as `after`)")
def conflicts(request: Request, f: Annotated[Filters, Depends()], after: str | None = Q(None, max_length=1024),
              limit: int = Q(20, ge=1, le=500)) -> JSON:
    st = state(request)
    got = services.conflicts_page(st.db, f.query(), after=after, limit=limit, settings=st.settings)
    found, nxt = got.items
    return JSON(_answer(got, [c.to_dict() for c in found], next=nxt, limit=limit))


@router.get("/series", summary="One indicator's facts over the periods (what its chart draws)")
def series(request: Request, indicator: str = Q(..., min_length=1, max_length=256),
           region: str | None = Q(None, max_length=128), kind: str | None = Q(None, max_length=16)) -> JSON:
    got = services.indicator_series(state(request).db, Query.parse(indicator=indicator, region=region, kind=kind))
    return JSON(_answer(got, [x.to_dict() for x in got.items]))


@router.get("/search", summary="Passages holding every word, with the facts in them")
def search(request: Request, q: str = Q(..., min_length=1, max_length=400),
           limit: int = Q(20, ge=1, le=200)) -> JSON:
    return JSON({"items": [h.to_dict() for h in services.search(state(request).db, q, limit=limit)]})


@router.get("/overview", summary="Regions × periods by verdict (a page of them, latest periods first), first conflicts, latest documents")
def overview(request: Request, limit: int = Q(20, ge=1, le=500), offset: int = Offset) -> JSON:
    st = state(request)
    return JSON(services.overview(st.db, settings=st.settings, cells=limit, offset=offset).to_dict())


@router.get("/export", summary="Any listing as CSV or XLSX, with the listing's filters")
def export(request: Request, f: Annotated[Filters, Depends()],
           view: Literal["facts", "scorecard", "conflicts"] = "facts", format: Literal["csv", "xlsx"] = "csv",
           limit: int = Q(500, ge=1, le=500),
           after: str | None = Q(None, max_length=1024)) -> Response:
    st = state(request)
    if view == "facts":
        rows = services.export_rows(st.db, f.query()).items
        from ..export import FACT_COLUMNS
        return export_response(rows, format, "facts", list(FACT_COLUMNS))
    if view == "scorecard":
        got = services.scorecard(st.db, f.query(), settings=st.settings)
        return export_response(present.scorecard_rows(got.items), format, "scorecard")
    page = services.conflicts_page(st.db, f.query(), after=after, limit=limit, settings=st.settings)
    return export_response(present.conflict_rows(page.items[0]), format, "conflicts")
