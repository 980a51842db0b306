"""The web application: `create_app(db, settings)` → a FastAPI app serving pages and /api.

Errors become a status and one line (JSON for /api, a page otherwise): a mistake in a
parameter is 422, a missing fact or document 404, a write without a token 401, anything
unexpected 500 with no trace of the code (the trace goes to the server's log only).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__, present, services
from ..config import Settings
from ..errors import (
    NotFoundError,
    NothingStoredError,
    PlanwatchError,
    StoreError,
    UsageError,
)
from ..services import Database
from . import api, api_projects, pages, pages_projects
from .common import HERE, State

log = logging.getLogger("planwatch.web")
UPLOAD_SLACK = 1 << 20   # multipart framing around a file of the largest allowed size


def plotly_js() -> Path | None:
    """plotly.min.js as the installed plotly package bundles it (no CDN, no internet)."""
    try:
        import plotly  # type: ignore[import-untyped]
    except ImportError:
        return None
    p = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
    return p if p.is_file() else None


HEADERS = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
           (b"referrer-policy", b"same-origin"),
           (b"content-security-policy", (b"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                         b"script-src 'self' 'unsafe-eval'; object-src 'none'; "
                                         b"frame-ancestors 'none'"))]


class Guard:
    """Plain ASGI middleware (cheap on every request): security headers on every response, and
    an upload larger than the limit refused by its declared length before a byte is read."""

    def __init__(self, app: Any, *, limit: int, max_mb: float) -> None:
        self.app, self.limit, self.max_mb = app, limit, max_mb

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] == "POST" and scope["path"] == "/api/documents":
            length = dict(scope["headers"]).get(b"content-length", b"0")
            size = int(length) if length.isdigit() else 0
            if size > self.limit:
                response = JSONResponse({"detail": f"too large ({size / 1048576:.1f} MB; the limit is "
                                                   f"{self.max_mb:g} MB)"}, status_code=413)
                await response(scope, receive, self._send_with_headers(send))
                return
        await self.app(scope, receive, self._send_with_headers(send))

    @staticmethod
    def _send_with_headers(send: Any) -> Any:
        async def wrapped(message: Any) -> None:
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in HEADERS if h[0] not in have)]
            await send(message)
        return wrapped


def _message(errors: list[dict[str, Any]]) -> str:
    parts = []
    for e in errors:
        loc = [str(x) for x in e.get("loc", ()) if x not in ("query", "body", "path", "header")]
        parts.append(f"{'.'.join(loc) or 'request'}: {e.get('msg', 'invalid')}")
    return present.one_line("; ".join(parts))[:500]


def _error(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    message = present.one_line(message)
    if request.url.path.startswith("/api") or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse({"detail": message}, status_code=status, headers=headers)
    return pages.error_page(request, status, message)


def create_app(db: str | Database, settings: Settings | None = None) -> FastAPI:
    """The app over the database `db` (a URL or a path, opened here once: StoreError when it
    does not exist; or an open Database), with `settings` (tolerances, max_file_mb)."""
    s = settings or Settings()
    opened = services.open_database(db) if isinstance(db, str) else None
    database = opened or db
    assert isinstance(database, Database)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if opened is not None:
            opened.close()

    app = FastAPI(lifespan=lifespan, title="planwatch", version=__version__, openapi_url="/api/openapi.json", docs_url=None,
                  redoc_url=None, description="Targets and results of Chinese government reports. Reads are open; "
                  "writes need a token in the X-Planwatch-Token header (`planwatch token create`).")
    app.state.planwatch = State(db=database, settings=s)
    app.include_router(api.router)
    app.include_router(api_projects.router)
    app.include_router(pages.router)
    app.include_router(pages_projects.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly() -> Response:
        p = plotly_js()
        if p is None:
            return Response("/* plotly is not installed */", media_type="text/javascript", status_code=404)
        return FileResponse(p, media_type="text/javascript", headers={"Cache-Control": "public, max-age=86400"})

    limit = int(s.max_file_mb * 1048576) + UPLOAD_SLACK

    app.add_middleware(Guard, limit=limit, max_mb=s.max_file_mb)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return _error(request, 422, _message(list(exc.errors())))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(PlanwatchError)
    async def _planwatch(request: Request, exc: PlanwatchError) -> Response:
        status = getattr(exc, "status", None)
        if status is None:
            if isinstance(exc, (NotFoundError, NothingStoredError)):
                status = 404
            elif isinstance(exc, UsageError):
                status = 422
            elif isinstance(exc, StoreError):
                status = 503
            else:
                status = 422
        return _error(request, status, str(exc))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("error on %s %s", request.method, request.url.path)
        return _error(request, 500, "internal error (the server's log has the details)")

    _ = HTTPException
    return app


DB_ENV = "PLANWATCH_WEB_DB"


def app_from_env() -> FastAPI:
    """The app for `uvicorn --factory` (worker processes): the database named by $PLANWATCH_WEB_DB,
    the settings from planwatch.toml and PLANWATCH_* as every command reads them."""
    import os

    from ..config import load_settings
    return create_app(os.environ[DB_ENV], load_settings())
