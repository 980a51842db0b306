"""Web speed on a generated database of N facts (default 1,000,000, SQLite): prints figures.

    python benchmarks/web.py                               # generates /tmp/planwatch-web-bench-1m.db once
    python benchmarks/web.py --reuse --requests 2000       # time an existing one
    python benchmarks/web.py --facts 100000 --db /tmp/w100k.db

1. Conflict pages through planwatch.services (median of 7 after a warm-up): the first
   page and pages further on, each a keyset page of 20 (services.conflicts_page), next to
   the full severity-sorted list (services.conflicts) they replace.
2. A bounded load test on loopback: a uvicorn server in its own process, N requests, C at
   a time (threads), a mix of the scorecard page and API, a fact listing, a document page
   and the first page of conflicts. p50 / p95 / max per route and the error count.

The server is what a user runs on a machine of two cores: `planwatch serve --workers 2`, one
process per core (a process serves one request at a time: Python's GIL). The client shares
those two cores, so the figures are those of a busy machine, not of a server alone. With
C=8 requests in flight every request waits for the others: by Little's law the median is
about C / throughput, so each route's p95 follows the whole mix's cost per request, not its
own alone. Until `serve` set TCP_NODELAY on the listener uvicorn binds for its workers
(planwatch/cli/serve.py), every keep-alive request here also waited ~40 ms for a delayed ACK.

Goals (issue 8): each conflict page < 100 ms; p95 < 150 ms for every route, 0 errors.
The data is benchmarks/queries.py's generator (fictional regions, 50 indicators, 10 years).
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from queries import generate, timed

from planwatch import services
from planwatch.store import repo
from planwatch.store.db import open_db


def conflict_pages(db: str) -> None:
    d = open_db(db)
    print("conflicts through services (median of 7, ms):")
    ms, full = timed(lambda: services.conflicts(d))
    print(f"  {'full list (services.conflicts)':40s} {ms:8.1f} ms   ({len(full):,} conflicts)")
    after: str | None = None
    for n in range(1, 26):
        ms, got = timed(lambda a=after: services.conflicts_page(d, after=a, limit=20))   # type: ignore[misc]
        found, nxt = got.items
        if n in (1, 2, 5, 10, 25) or nxt is None:
            print(f"  {'page ' + str(n) + ' of 20 (keyset)':40s} {ms:8.1f} ms   ({len(found)} conflicts)")
        if nxt is None:
            break
        after = nxt
    d.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(db: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    """`planwatch serve` in its own process (the load generator must not share its interpreter)."""
    code = "from planwatch.cli import main; main()"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", code, "serve", "--db", db, "--port", str(port),
                             "--workers", str(workers)], env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not start")


def load(db: str, n_requests: int, concurrency: int, workers: int) -> None:
    import httpx
    d = open_db(db)
    with d.read() as conn:
        facts = repo.query_facts(conn, repo.FactFilter(period="2024"), limit=200)
        docs = [i.id for i in repo.list_documents_page(conn, limit=200)]
    d.close()
    regions = sorted({f.region for f in facts if f.region})
    rnd = random.Random(3)
    routes = {
        "scorecard page": lambda: f"/scorecard?region={quote(rnd.choice(regions))}&period=2024",
        "scorecard api": lambda: f"/api/scorecard?region={quote(rnd.choice(regions))}&period=2024",
        "fact listing api": lambda: f"/api/facts?region={quote(rnd.choice(regions))}&limit=100",
        "fact listing page": lambda: f"/facts?region={quote(rnd.choice(regions))}&limit=100",
        "document page": lambda: f"/documents/{rnd.choice(docs)}",
        "conflicts first page": lambda: "/conflicts",
        "conflicts api": lambda: "/api/conflicts?limit=20",
    }
    names = list(routes)
    todo = [(names[i % len(names)], routes[names[i % len(names)]]()) for i in range(n_requests)]
    port = _free_port()
    proc = _serve(db, port, workers)
    times: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    lock = threading.Lock()
    it = iter(todo)

    def worker() -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30, headers={"accept": "text/html"}) as c:
            while True:
                with lock:
                    job = next(it, None)
                if job is None:
                    return
                name, url = job
                t = time.perf_counter()
                try:
                    r = c.get(url)
                    ok = r.status_code == 200
                except httpx.HTTPError as e:
                    ok, r = False, e   # type: ignore[assignment]
                ms = (time.perf_counter() - t) * 1000
                with lock:
                    times[name].append(ms)
                    if not ok:
                        errors.append(f"{name} {url}: {getattr(r, 'status_code', r)}")

    try:
        for name in names:   # warm-up: one of each
            httpx.get(f"http://127.0.0.1:{port}{routes[name]()}", timeout=60)
        t0 = time.perf_counter()
        threads = [threading.Thread(target=worker) for _ in range(concurrency)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        wall = time.perf_counter() - t0
    finally:
        proc.terminate()
        proc.wait(10)
    print(f"\nload: {n_requests:,} requests, {concurrency} at a time, {workers} server process(es), {wall:.1f} s "
          f"({n_requests / wall:.0f} requests/s), {len(errors)} errors")
    for name in names:
        xs = sorted(times[name])
        p95 = xs[max(0, int(len(xs) * 0.95) - 1)]
        print(f"  {name:24s} p50 {statistics.median(xs):7.1f} ms   p95 {p95:7.1f} ms   max {xs[-1]:7.1f} ms   "
              f"({len(xs)} requests)")
    for e in errors[:5]:
        print("  error:", e)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--facts", type=int, default=1_000_000)
    ap.add_argument("--db", default="/tmp/planwatch-web-bench-1m.db")
    ap.add_argument("--reuse", action="store_true", help="time an already generated database")
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--workers", type=int, default=2, help="server processes (planwatch serve --workers)")
    ap.add_argument("--skip-load", action="store_true")
    a = ap.parse_args()
    exists = Path(a.db).exists()
    if exists and not a.reuse:
        raise SystemExit(f"{a.db} exists: pass --reuse, or another --db")
    if not exists:
        d = open_db(a.db, create=True)
        t = time.perf_counter()
        info = generate(d, a.facts)
        d.close()
        print(f"generated {info['facts']:,} facts in {info['series']:,} series in {time.perf_counter() - t:.0f}s")
    conflict_pages(a.db)
    if not a.skip_load:
        load(a.db, a.requests, a.concurrency, a.workers)


if __name__ == "__main__":
    main()
