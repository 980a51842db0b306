"""What the browser tests share: Debian's Chromium driven by Playwright, a planwatch app served by
uvicorn on a free loopback port, and a page that records console and page errors.

Imported by tests/test_web_browser*.py only after their module-level skips (no Chromium, no
Playwright)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
# as root and on a closed network: no sandbox, and no background connections that would be refused
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(db: str) -> Iterator[str]:
    """The dashboard over `db` on a free loopback port, in a thread: yields its base URL."""
    import uvicorn

    from planwatch.web import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@contextmanager
def new_page(browser: Any, width: int = 1280, height: int = 900) -> Iterator[Any]:
    """A page whose console errors (a CSP violation shows there) and page errors land in `page.errors`,
    and whose dialogs are dismissed into `page.dialogs` (an alert() would be a script that ran)."""
    ctx = browser.new_context(viewport={"width": width, "height": height})
    pg = ctx.new_page()
    pg.set_default_timeout(15_000)
    pg.errors = []
    pg.dialogs = []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))

    def on_dialog(d: Any) -> None:
        pg.dialogs.append(d.message)
        d.dismiss()
    pg.on("dialog", on_dialog)
    try:
        yield pg
    finally:
        ctx.close()
