"""The pages: server-rendered (Jinja2, everything autoescaped), a little JavaScript for the
charts, the highlights and the forms. Data for scripts goes in as JSON (`tojson`), never as code."""

from __future__ import annotations

from collections import Counter
from operator import attrgetter
from typing import Annotated, Any
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, Depends, Request
from fastapi import Query as Q
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from .. import present, services
from ..services import Query
from .common import HERE, LANGS, MAX_LIMIT, Filters, labels, lang_of, state
from .highlight import segments

router = APIRouter(include_in_schema=False)
CELLS = 20   # region × period rows on a page of the overview

env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                         undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
env.filters["num"] = lambda v: "" if v is None else present.number(v)
env.filters["gap"] = present.gap_text
# Data for the scripts as UTF-8 in the order given: jinja's default sorts keys and writes
# every Chinese character as \uXXXX, twice the bytes on a document page. `tojson` still escapes
# < > & ' whatever the options, so no text can close the <script> it sits in.
env.policies["json.dumps_kwargs"] = {"ensure_ascii": False}


def render(request: Request, template: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    lang = lang_of(request)
    words = labels()[lang]

    def t(key: str) -> str:
        return words.get(key, key)

    def here(**changes: Any) -> str:
        """This page's address with some parameters changed (None drops one)."""
        params = {k: v for k, v in request.query_params.items() if k != "lang"}
        params.update({k: v for k, v in changes.items() if v is not None})
        for k in [k for k, v in changes.items() if v is None]:
            params.pop(k, None)
        return request.url.path + ("?" + urlencode(params) if params else "")

    other = "en" if lang == "zh" else "zh"
    html = env.get_template(template).render(t=t, lang=lang, other_lang=other, switch=here(lang=other),
                                             here=here, request=request, **ctx)
    response = HTMLResponse(html, status_code=status)
    if request.query_params.get("lang") in LANGS:
        response.set_cookie("lang", lang, max_age=365 * 86400, samesite="lax", httponly=True)
    return response


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status=status, status_code=status, message=message)


def _qs(**params: Any) -> str:
    return urlencode({k: v for k, v in params.items() if v not in (None, "")})


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, offset: int = Q(0, ge=0, le=2**31 - 1)) -> Response:
    st = state(request)
    o = services.overview(st.db, settings=st.settings, cells=CELLS, offset=offset)
    return render(request, "overview.html", o=o, conflicts=present.conflict_rows(o.conflicts), qs=_qs,
                  offset=offset, cells=CELLS)


@router.get("/scorecard", response_class=HTMLResponse)
def scorecard(request: Request, region: str | None = Q(None, max_length=128),
              period: str | None = Q(None, max_length=32)) -> Response:
    st = state(request)
    got = services.scorecard(st.db, Query.parse(region=region or None, period=period or None), settings=st.settings)
    rows = present.scorecard_rows(got.items)
    chart = [{"indicator": ln.indicator, "target": ln.target_value, "actual": ln.actual_value,
              "unit": ln.target_unit or "", "verdict": ln.verdict}
             for ln in got.items if ln.target_value is not None and ln.measure != "relation"]
    chart = _one_unit(chart)
    return render(request, "scorecard.html", lines=list(zip(got.items, rows, strict=True)), notes=got.notes,
                  chart=chart, region=region or "", period=period or "", qs=_qs)


def _one_unit(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows in the unit most of them share (growth rates in %, usually): one axis cannot
    show 6% and 9000家 side by side."""
    units = Counter(r["unit"] for r in rows)
    if not units:
        return rows
    unit = units.most_common(1)[0][0]
    return [r for r in rows if r["unit"] == unit]


@router.get("/indicators/{name}", response_class=HTMLResponse)
def indicator(request: Request, name: str, region: str | None = Q(None, max_length=128),
              unit: str | None = Q(None, max_length=64)) -> Response:
    got = services.indicator_series(state(request).db, Query.parse(indicator=name, region=region or None))
    points = [{"id": f.id, "period": f.period, "region": f.region, "kind": f.kind.value, "value": f.value,
               "unit": f.unit or "", "qualifier": f.qualifier.value, "surface": f.surface, "doc": f.doc,
               "document_id": f.document_id, "start": f.start}
              for f in got.items if f.value is not None and f.period]
    units = [u for u, _ in Counter(p["unit"] for p in points).most_common()]
    chosen = unit if unit in units else (units[0] if units else "")
    return render(request, "indicator.html", name=name, region=region or "", facts=got.items, notes=got.notes,
                  points=[p for p in points if p["unit"] == chosen], units=units, unit=chosen)


@router.get("/documents", response_class=HTMLResponse)
def documents(request: Request, offset: int = Q(0, ge=0, le=2**31 - 1)) -> Response:
    docs = services.documents_page(state(request).db, limit=100, offset=offset)
    return render(request, "documents.html", docs=docs, offset=offset)


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document(request: Request, document_id: int) -> Response:
    v = services.document_view(state(request).db, document_id)
    facts = {f.id: _detail(f) for f in v.facts}
    return render(request, "document.html", v=v, parts=segments(v.text, v.facts), facts=facts,
                  ctx=v.context)


# What static/document.js shows of a fact whose highlight is clicked: the page carries these
# fields of each fact, not all of them (its evidence is the text beside it already).
DETAIL = ("id", "indicator", "kind", "surface", "value", "unit", "qualifier", "region", "period", "status",
          "duplicate", "why")
_detail_values = attrgetter(*DETAIL)


def _detail(f: Any) -> dict[str, Any]:
    d = dict(zip(DETAIL, _detail_values(f), strict=True))
    d["kind"], d["qualifier"] = f.kind.value, f.qualifier.value
    return d


@router.get("/facts", response_class=HTMLResponse)
def facts(request: Request, f: Annotated[Filters, Depends()], offset: int = Q(0, ge=0, le=2**31 - 1),
          limit: int = Q(100, ge=1, le=MAX_LIMIT)) -> Response:
    got = services.query_facts(state(request).db, f.query(limit=limit, offset=offset))
    return render(request, "facts.html", facts=got.items, notes=got.notes, filters=f.params(), offset=offset,
                  limit=limit, qs=_qs)


@router.get("/facts/{fact_id}", response_class=HTMLResponse)
def fact(request: Request, fact_id: str) -> Response:
    st = state(request)
    f = services.get_fact(st.db, fact_id)
    return render(request, "fact.html", f=f, history=services.history(st.db, fact_id))


@router.get("/conflicts", response_class=HTMLResponse)
def conflicts(request: Request, f: Annotated[Filters, Depends()], after: str | None = Q(None, max_length=1024),
              limit: int = Q(20, ge=1, le=500)) -> Response:
    st = state(request)
    got = services.conflicts_page(st.db, f.query(), after=after, limit=limit, settings=st.settings)
    found, nxt = got.items
    return render(request, "conflicts.html", found=found, rows=present.conflict_rows(found), next=nxt,
                  after=after, filters=f.params(), limit=limit, qs=_qs)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = Q("", max_length=400)) -> Response:
    hits = services.search(state(request).db, q, limit=50) if q.strip() else []
    return render(request, "search.html", q=q, hits=hits)


@router.get("/upload", response_class=HTMLResponse)
def upload(request: Request) -> Response:
    return render(request, "upload.html", max_mb=state(request).settings.max_file_mb)


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    return RedirectResponse("/static/favicon.svg")
