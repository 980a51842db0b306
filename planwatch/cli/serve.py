"""Commands of the web dashboard: serve (pages and the JSON API), token create (for writes)."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from .. import present, services
from ..errors import UsageError
from .common import DbOpt, db_url, guard, say, settings


@guard
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(metavar="HOST", help="address to listen on (default: loopback only)")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(metavar="PORT", help="port to listen on")] = 8000,
    workers: Annotated[int, typer.Option(metavar="N", help="server processes (one per core serves most)")] = 1,
) -> None:
    """The web dashboard and JSON API (/api, described at /api/openapi.json) over the database.

    Reading is open to anyone who can reach the address; uploads and corrections need a token
    (`planwatch token create`)."""
    if not 0 < port < 65536:
        raise UsageError(f"--port {port}: a port from 1 to 65535")
    if not 1 <= workers <= 64:
        raise UsageError(f"--workers {workers}: from 1 to 64")
    url = db_url(db)
    services.open_database(url).close()   # a missing database or a bad URL: one line now, not an error per page
    import uvicorn

    from ..web import create_app
    from ..web.app import DB_ENV
    say(f"planwatch: serving {present.safe(services.shown_url(url))} on http://{present.safe(host)}:{port}/ (Ctrl-C stops)")
    if workers == 1:
        uvicorn.run(create_app(url, settings()), host=host, port=port, log_level="warning")
        return
    os.environ[DB_ENV] = url   # each worker process opens the database itself
    with nodelay_listener():
        uvicorn.run("planwatch.web.app:app_from_env", factory=True, workers=workers, host=host, port=port,
                    log_level="warning")


@contextmanager
def nodelay_listener() -> Iterator[None]:
    """With --workers uvicorn binds the listening socket itself, and asyncio does not take that
    socket for TCP: its connections keep Nagle's algorithm, and every keep-alive response after
    the first waited ~40 ms for the client's delayed ACK (uvicorn issue #3149; measured here: 44 ms
    for a static file with two workers, 2 ms with one). TCP_NODELAY set on the listener is
    inherited by each connection it accepts."""
    import uvicorn

    bind = uvicorn.Config.bind_socket

    def bind_socket(self: uvicorn.Config) -> socket.socket:
        sock = bind(self)
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    uvicorn.Config.bind_socket = bind_socket  # type: ignore[method-assign]
    try:
        yield
    finally:
        uvicorn.Config.bind_socket = bind  # type: ignore[method-assign]


token_app = typer.Typer(no_args_is_help=True, add_completion=False, rich_markup_mode=None,
                        help="Tokens that allow writes through the web API (uploads, corrections).")


@token_app.command("create")
@guard
def token_create(
    db: DbOpt = None,
    name: Annotated[str, typer.Option(metavar="NAME", help="whose token (the author of their corrections)")]
    = "web",
) -> None:
    """Make a token and print it (only once: the database keeps its sha256 digest)."""
    token = services.create_token(db_url(db), name=name)
    print(token)
    say(f"planwatch: token for {present.safe(name)} stored (hashed); send it as the X-Planwatch-Token header")


def register(app: typer.Typer) -> None:
    app.command()(serve)
    app.add_typer(token_app, name="token")
