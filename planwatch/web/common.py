"""What the API and the pages share: the app's state, filters read into a Query, the token
check, labels, exports of a listing."""

from __future__ import annotations

import io
import json
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi import Header, HTTPException, Request
from fastapi import Query as Q
from fastapi.responses import Response

from .. import present, services
from ..config import Settings
from ..services import Database, Query

HERE = Path(__file__).resolve().parent
LANGS = ("zh", "en")
MAX_LIMIT = 1000
TOKEN_HEADER = "X-Planwatch-Token"


@dataclass(frozen=True)
class State:
    db: Database          # opened once for the app: a page never pays for opening the database
    settings: Settings


def state(request: Request) -> State:
    return request.app.state.planwatch  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def labels() -> dict[str, dict[str, str]]:
    with (HERE / "labels.toml").open("rb") as f:
        return tomllib.load(f)


def lang_of(request: Request) -> str:
    lang = request.query_params.get("lang") or request.cookies.get("lang") or "zh"
    return lang if lang in LANGS else "zh"


class Filters:
    """The listing filters every route takes, read as the CLI's flags are (Query.parse)."""

    def __init__(self, indicator: str | None = Q(None, max_length=256), region: str | None = Q(None, max_length=128),
                 period: str | None = Q(None, max_length=32), kind: str | None = Q(None, max_length=16),
                 measure: str | None = Q(None, max_length=16), tier: str | None = Q(None, max_length=4),
                 doc: str | None = Q(None, max_length=512), status: str | None = Q(None, max_length=16)) -> None:
        self.values = {k: (v or None) for k, v in (("indicator", indicator), ("region", region), ("period", period),
                                                   ("kind", kind), ("measure", measure), ("tier", tier),
                                                   ("doc", doc), ("status", status))}

    def query(self, *, limit: int | None = None, offset: int = 0) -> Query:
        v = self.values
        return Query.parse(indicator=v["indicator"], region=v["region"], period=v["period"], kind=v["kind"],
                           measure=v["measure"], tier=v["tier"], doc=v["doc"], status=v["status"], limit=limit,
                           offset=offset)

    def params(self) -> dict[str, str]:
        return {k: v for k, v in self.values.items() if v is not None}


def token_of(authorization: str | None, header: str | None) -> str | None:
    if header:
        return header.strip()
    if authorization and authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    return None


def writer(request: Request, authorization: str | None = Header(None),
           x_planwatch_token: str | None = Header(None)) -> str:
    """The name of a valid token's owner; 401 otherwise. Only a header carries the token, never a
    cookie, so a page on another site cannot make a browser write (no CSRF)."""
    who = services.check_token(state(request).db, token_of(authorization, x_planwatch_token))
    if who is None:
        raise HTTPException(401, "a valid token is required (header X-Planwatch-Token or Authorization: Bearer; "
                                 "`planwatch token create` makes one)", headers={"WWW-Authenticate": "Bearer"})
    return who


class JSON(Response):
    """JSON written by the standard library straight from the service's dicts (FastAPI's own
    encoding walks every value twice); dates as ISO text, Chinese as is."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, allow_nan=False, default=_plain,
                          separators=(",", ":")).encode("utf-8")


def _plain(v: Any) -> Any:
    if isinstance(v, (datetime, date)):
        return v.isoformat()
    if isinstance(v, Enum):
        return v.value
    if isinstance(v, (set, tuple)):
        return list(v)
    raise TypeError(f"not JSON: {type(v).__name__}")


# ---------------------------------------------------------------- exports

EXPORT_FORMATS = {"csv": "text/csv; charset=utf-8",
                  "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def export_response(rows: list[dict[str, Any]], fmt: str, name: str, columns: list[str] | None = None) -> Response:
    buf = io.BytesIO()
    services.write_rows(rows, fmt, buf, columns=columns)
    return Response(buf.getvalue(), media_type=EXPORT_FORMATS[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'})


def scorecard_rows(lines: list[Any]) -> list[dict[str, Any]]:
    return present.scorecard_rows(lines)


def conflict_rows(found: list[Any]) -> list[dict[str, Any]]:
    return present.conflict_rows(found)
