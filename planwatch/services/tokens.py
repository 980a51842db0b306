"""Tokens for writes through the web API: made here, shown once, kept only as sha256 digests."""

from __future__ import annotations

import hashlib
import secrets

from ..errors import UsageError
from ..store import repo
from .common import DB, database, now
from .query import text_value

PREFIX = "pw_"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(db: DB, *, name: str = "web") -> str:
    """A new token (printed once; the database keeps its digest)."""
    label = text_value("--name", name, "author")
    assert label is not None
    token = PREFIX + secrets.token_urlsafe(32)
    with database(db, create=True) as d, d.write() as conn:
        repo.insert_token(conn, name=label, digest=digest(token), created_at=now())
    return token


def check_token(db: DB, token: str | None) -> str | None:
    """The name of the token's owner, or None when the token is missing or unknown.
    Compared by digest through an indexed look-up: the token itself is never stored."""
    if not token or len(token) > 200:
        return None
    with database(db) as d:
        with d.read() as conn:
            found = repo.token_by_digest(conn, digest(token.strip()))
        if found is None:
            return None
        with d.write() as conn:
            repo.touch_token(conn, found[0], now())
    return found[1]


def require_token(db: DB, token: str | None) -> str:
    who = check_token(db, token)
    if who is None:
        raise UsageError("a valid token is required (`planwatch token create` makes one)")
    return who
