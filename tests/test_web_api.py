"""The web API and pages through FastAPI's test client: every route, 401s, 404s, paging,
bad parameters, uploads, corrections, exports, escaping, and no stack trace anywhere."""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from typer.testing import CliRunner

from planwatch import services
from planwatch.cli import app as cli_app
from planwatch.config import Settings
from planwatch.web import create_app

HTML = {"accept": "text/html"}
SCRIPT_DOC = ("<script>alert('x')</script>\n石溪县2025年政府工作报告\n"
              "2025年主要预期目标：地区生产总值增长5.5%左右。\n").encode()


def _client(db: str, settings: Settings | None = None) -> TestClient:
    return TestClient(create_app(db, settings), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("web") / "demo.db")
    services.demo(db)
    return db


@pytest.fixture(scope="module")
def token(demo_db: str) -> str:
    return services.create_token(demo_db, name="tester")


@pytest.fixture(scope="module")
def client(demo_db: str) -> TestClient:
    return _client(demo_db)


@pytest.fixture
def fresh(tmp_path: Path) -> tuple[str, str, TestClient]:
    """A demo database of its own (for tests that write), its token and a client."""
    db = str(tmp_path / "w.db")
    services.demo(db)
    return db, services.create_token(db, name="writer"), _client(db)


def _no_trace(text: str) -> None:
    assert "Traceback" not in text and 'File "' not in text and ".py" not in text


def _a_fact(client: TestClient) -> dict:
    return client.get("/api/facts", params={"kind": "actual", "limit": 1}).json()["items"][0]


# ---------------------------------------------------------------- reads

def test_facts_filters_and_paging(client: TestClient) -> None:
    everything = client.get("/api/facts", params={"limit": 1000}).json()["items"]
    assert len(everything) > 20
    first = client.get("/api/facts", params={"limit": 10}).json()
    second = client.get("/api/facts", params={"limit": 10, "offset": 10}).json()
    assert [f["id"] for f in first["items"] + second["items"]] == [f["id"] for f in everything[:20]]
    assert first["next_offset"] == 10
    region = everything[0]["region"]
    got = client.get("/api/facts", params={"region": region, "kind": "target", "limit": 1000}).json()["items"]
    assert got and all(f["region"] == region and f["kind"] == "target" for f in got)
    assert len(got) == len([f for f in everything if f["region"] == region and f["kind"] == "target"])
    ind = client.get("/api/facts", params={"indicator": "GDP增速", "limit": 1}).status_code
    assert ind in (200, 422)   # a synonym is read or refused with a message, never a 500


def test_one_fact_and_its_history(client: TestClient) -> None:
    f = _a_fact(client)
    one = client.get(f"/api/facts/{f['id']}").json()
    assert one["id"] == f["id"] and one["surface"] == f["surface"]
    assert client.get(f"/api/facts/{f['id']}/history").json() == []
    assert client.get("/api/corrections").status_code == 200


def test_documents_listing_and_one_document(client: TestClient) -> None:
    docs = client.get("/api/documents").json()["items"]
    assert {d["name"] for d in docs} >= {p.name for p in services.example_files()}
    page = client.get("/api/documents", params={"limit": 1, "offset": 1}).json()
    assert [d["id"] for d in page["items"]] == [docs[1]["id"]]
    one = client.get(f"/api/documents/{docs[0]['id']}").json()
    assert one["text"] and one["facts"] and one["context"]["date"]
    for f in one["facts"]:
        assert one["text"][f["start"]:f["end"]] in f["surface"] or f["measure"] == "relation"


def test_scorecard_series_search_overview(client: TestClient) -> None:
    card = client.get("/api/scorecard").json()["items"]
    assert card and {"verdict", "target_text", "shown"} <= set(card[0])
    line = next(c for c in card if c["verdict"] in ("met", "missed"))
    only = client.get("/api/scorecard", params={"region": line["region"], "period": line["period"]}).json()["items"]
    assert only and all(c["region"] == line["region"] and c["period"] == line["period"] for c in only)
    series = client.get("/api/series", params={"indicator": line["indicator"]}).json()["items"]
    assert series and all(f["indicator"] == line["indicator"] for f in series)
    hits = client.get("/api/search", params={"q": line["indicator"]}).json()["items"]
    assert hits and any(h["facts"] for h in hits)
    ov = client.get("/api/overview").json()
    assert ov["cells"] and ov["latest"] and ov["counts"]["facts"] > 0
    cell = next(c for c in ov["cells"] if (c["region"], c["period"]) == (line["region"], line["period"]))
    assert cell["met"] + cell["missed"] + cell["partly"] + cell["unknown"] > 0


def test_conflicts_keyset_pages_cover_the_whole_list(demo_db: str, client: TestClient) -> None:
    whole = services.conflicts(demo_db).items
    assert whole, "the demo's newspaper page changes two figures"
    seen, after = [], None
    for _ in range(50):
        params = {"limit": 1, **({"after": after} if after else {})}
        page = client.get("/api/conflicts", params=params).json()
        seen += [(c["indicator"], c["region"], c["period"], c["kind"], c["measure"]) for c in page["items"]]
        after = page["next"]
        if after is None:
            break
    assert sorted(seen) == sorted((c.key.indicator, c.key.region, c.key.period, c.key.kind, c.key.measure)
                                  for c in whole)
    assert len(seen) == len(set(seen))


def test_openapi_names_the_promised_routes(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    paths = spec["paths"]
    for p in ("/api/facts", "/api/facts/{fact_id}", "/api/documents", "/api/documents/{document_id}",
              "/api/scorecard", "/api/conflicts", "/api/series", "/api/search", "/api/facts/{fact_id}/fix"):
        assert p in paths, p
    assert "post" in paths["/api/documents"]
    assert not any(p.startswith(("/docs", "/redoc")) for p in paths)   # their pages would load from a CDN


# ---------------------------------------------------------------- errors

@pytest.mark.parametrize("url", [
    "/api/facts?limit=abc", "/api/facts?limit=0", "/api/facts?limit=100000", "/api/facts?offset=-1",
    "/api/facts?period=next%20year", "/api/facts?kind=guess", "/api/facts?region=%E4%B8%8D%E5%AD%98%E5%9C%A8%E5%B8%82",
    "/api/scorecard?period=20x4", "/api/conflicts?limit=0", "/api/series", "/api/search?q=",
    "/api/documents/abc", "/api/export?format=pdf", "/api/export?view=everything",
])
def test_bad_parameters_are_422_with_a_message(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 422, (url, r.text)
    detail = r.json()["detail"]
    assert isinstance(detail, str) and len(detail) > 5
    _no_trace(r.text)


@pytest.mark.parametrize("url", ["/api/facts/aaaaaaaaaaaa", "/api/documents/99999", "/api/facts/zz/history",
                                 "/api/nothing-here"])
def test_unknown_ids_are_404(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 404, r.text
    assert r.json()["detail"]


@pytest.mark.parametrize("url", ["/documents/99999", "/facts/aaaaaaaaaaaa", "/indicators/不存在的指标名称"])
def test_pages_show_errors_as_pages(client: TestClient, url: str) -> None:
    r = client.get(url, headers=HTML)
    assert r.status_code in (404, 422)
    assert "text/html" in r.headers["content-type"] and 'id="error-message"' in r.text
    _no_trace(r.text)


def test_an_unexpected_error_leaks_no_trace(demo_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("secret internals /srv/app/module.py line 12")
    monkeypatch.setattr(services, "overview", boom)
    c = _client(demo_db)
    for headers in ({}, HTML):
        r = c.get("/api/overview" if not headers else "/", headers=headers)
        assert r.status_code == 500
        assert "secret" not in r.text and "RuntimeError" not in r.text
        _no_trace(r.text)


# ---------------------------------------------------------------- writes need a token

def _write_routes(client: TestClient) -> list[tuple[str, str]]:
    spec = client.get("/api/openapi.json").json()
    return [(m.upper(), p) for p, ops in spec["paths"].items() for m in ops if m.lower() in ("post", "put",
                                                                                             "patch", "delete")]


def test_every_write_route_is_401_without_a_valid_token(client: TestClient) -> None:
    routes = _write_routes(client)
    assert len(routes) >= 4   # upload, fix, confirm, reject
    fid = _a_fact(client)["id"]
    for method, path in routes:
        url = path.replace("{fact_id}", fid).replace("{document_id}", "1").replace("{project_id}", "1")
        for headers in ({}, {"X-Planwatch-Token": "pw_wrong"}, {"Authorization": "Bearer nope"}):
            r = client.request(method, url, headers=headers, files={"file": ("a.txt", b"x")}
                               if path == "/api/documents" else None,
                               json=None if path == "/api/documents" else {"value": 1})
            assert r.status_code == 401, (method, url, headers, r.text)
    assert client.get(f"/api/facts/{fid}/history").json() == []   # nothing was written


def test_token_is_stored_hashed_and_checked(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    services.demo(db)
    t = services.create_token(db, name="ana")
    assert services.check_token(db, t) == "ana"
    assert services.check_token(db, t + "x") is None and services.check_token(db, "") is None
    raw = Path(db).read_bytes() + (Path(db + "-wal").read_bytes() if Path(db + "-wal").exists() else b"")
    assert t.encode() not in raw and services.tokens.digest(t).encode() in raw


def test_tokens_on_both_backends(db_url: str) -> None:
    """Migration 0004 (api_tokens) on SQLite and PostgreSQL."""
    t = services.create_token(db_url, name="pg")
    assert services.check_token(db_url, t) == "pg"
    assert services.check_token(db_url, "pw_" + "a" * 43) is None


def test_token_create_command(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    services.demo(db)
    r = CliRunner().invoke(cli_app, ["token", "create", "--db", db, "--name", "bob"])
    assert r.exit_code == 0, r.output
    token = r.stdout.strip().splitlines()[-1]
    assert token.startswith("pw_") and services.check_token(db, token) == "bob"
    bad = CliRunner().invoke(cli_app, ["serve", "--db", str(tmp_path / "missing.db")])
    assert bad.exit_code != 0 and "no database" in bad.output + (bad.stderr or "")


def test_serve_with_workers_accepts_connections_without_nagle() -> None:
    """`serve --workers N` has uvicorn bind the listener; each connection it accepts must have
    TCP_NODELAY, else every keep-alive response waits for the client's delayed ACK."""
    import socket

    import uvicorn

    from planwatch.cli.serve import nodelay_listener
    bind = uvicorn.Config.bind_socket
    with nodelay_listener():
        listener = uvicorn.Config("planwatch.web.app:app_from_env", factory=True, host="127.0.0.1", port=0,
                                  workers=2).bind_socket()
    assert uvicorn.Config.bind_socket is bind   # put back on leaving
    with listener:
        listener.listen()
        with socket.create_connection(listener.getsockname()) as _client:
            conn, _ = listener.accept()
            with conn:
                assert conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


# ---------------------------------------------------------------- corrections

def test_fix_confirm_reject_with_history(fresh: tuple[str, str, TestClient]) -> None:
    _db, tok, c = fresh
    h = {"X-Planwatch-Token": tok}
    fid = _a_fact(c)["id"]
    r = c.post(f"/api/facts/{fid}/fix", json={"value": 9.25, "note": "checked the paper copy"}, headers=h)
    assert r.status_code == 200 and r.json()["value"] == 9.25 and r.json()["status"] == "corrected"
    assert c.post(f"/api/facts/{fid}/fix", json={}, headers=h).status_code == 422
    assert c.post(f"/api/facts/{fid}/fix", json={"kind": "maybe"}, headers=h).status_code == 422
    assert c.post(f"/api/facts/{fid}/confirm", headers=h).json()["status"] == "confirmed"
    hist = c.get(f"/api/facts/{fid}/history").json()
    assert [x["action"] for x in hist] == ["fix", "confirm"]
    assert hist[0]["author"] == "writer" and hist[0]["new_value"] == 9.25 and hist[0]["old_value"] != 9.25
    assert c.post(f"/api/facts/{fid}/reject", json={"note": "wrong"}, headers=h).json()["status"] == "rejected"
    assert fid not in {f["id"] for f in c.get("/api/facts", params={"limit": 1000}).json()["items"]}
    page = c.get(f"/facts/{fid}", headers=HTML).text
    assert "checked the paper copy" in page and "writer" in page
    assert c.post("/api/facts/aaaaaaaaaaaa/confirm", headers=h).status_code == 404


# ---------------------------------------------------------------- uploads

def test_upload_stores_the_file_and_escapes_it(fresh: tuple[str, str, TestClient]) -> None:
    _db, tok, c = fresh
    r = c.post("/api/documents", headers={"X-Planwatch-Token": tok},
               files={"file": ("../../../etc/<script>x.txt", SCRIPT_DOC, "text/plain")})
    assert r.status_code == 200, r.text
    res = r.json()["results"][0]
    assert res["ok"] and res["facts"] >= 1 and res["file"] == "<script>x.txt"
    assert not Path("/etc/<script>x.txt").exists()
    page = c.get(f"/documents/{res['document_id']}", headers=HTML).text
    assert "&lt;script&gt;alert(" in page and "<script>alert(" not in page
    assert "&lt;script&gt;x.txt" in page and "<script>x" not in page
    listing = c.get("/documents", headers=HTML).text
    assert "&lt;script&gt;x.txt" in listing and "<script>x" not in listing
    again = c.post("/api/documents", headers={"X-Planwatch-Token": tok},
                   files={"file": ("again.txt", SCRIPT_DOC)}).json()["results"][0]
    assert again["ok"] and again["status"] == "skipped"


def test_several_files_each_with_its_own_result(fresh: tuple[str, str, TestClient]) -> None:
    _db, tok, c = fresh
    files = [("file", ("good.txt", SCRIPT_DOC.replace(b"5.5", b"6.5"))), ("file", ("bad.bin", b"\x7fELF\x00\x01")),
             ("file", ("empty.txt", b"   \n"))]
    r = c.post("/api/documents", headers={"X-Planwatch-Token": tok}, files=files)
    assert r.status_code == 200
    got = {x["file"]: x for x in r.json()["results"]}
    assert got["good.txt"]["ok"] and not got["bad.bin"]["ok"] and not got["empty.txt"]["ok"]
    assert "binary" in got["bad.bin"]["error"] and got["empty.txt"]["error"]


def test_upload_refuses_binary_and_large_files_and_stores_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "u.db")
    services.demo(db)
    tok = services.create_token(db)
    c = _client(db, Settings(max_file_mb=0.05))
    h = {"X-Planwatch-Token": tok}
    before = services.stats(db)["documents"]
    for name, data in (("report.txt", b"\x89PNG\r\n\x1a\n" + bytes(200)), ("report.pdf", bytes(300)),
                       ("report.docx", b"PK\x03\x04" + bytes(100))):
        r = c.post("/api/documents", headers=h, files={"file": (name, data)})
        assert r.status_code == 415, (name, r.text)
    r = c.post("/api/documents", headers=h, files={"file": ("big.txt", "增长6%。".encode() * 20_000)})
    assert r.status_code == 413, r.text
    r = c.post("/api/documents", headers=h, files={"file": ("huge.txt", b"a" * (2 << 20))})
    assert r.status_code == 413   # refused by its declared length before it is read
    assert services.stats(db)["documents"] == before


def test_sniff_types_by_content_not_name() -> None:
    assert services.sniff(b"%PDF-1.7\n...") == "pdf"
    assert services.sniff(b"<!DOCTYPE html><html><body>x</body></html>") == "html"
    assert services.sniff("增长6%".encode("utf-16")) == "txt"
    with pytest.raises(services.UnsupportedUpload):
        services.sniff(b"\x1f\x8b\x08\x00")


# ---------------------------------------------------------------- pages, exports, language

@pytest.mark.parametrize("url", ["/", "/scorecard", "/facts", "/documents", "/conflicts", "/search?q=增长", "/upload",
                                 "/search", "/facts?kind=target&limit=5"])
def test_pages_render(client: TestClient, url: str) -> None:
    r = client.get(url, headers=HTML)
    assert r.status_code == 200 and "<main>" in r.text
    assert "https://" not in r.text and "http://" not in r.text   # nothing from the internet


def test_document_page_highlights_every_fact_in_place(client: TestClient) -> None:
    doc = client.get("/api/documents").json()["items"][0]
    one = client.get(f"/api/documents/{doc['id']}").json()
    page = client.get(f"/documents/{doc['id']}", headers=HTML).text
    assert page.count('<mark class="fact ') >= len({(f["start"], f["end"]) for f in one["facts"]}) - 2
    assert "mark class=\"fact target" in page and "mark class=\"fact actual" in page
    assert 'id="ctx-date"' in page and one["context"]["date"] in page


def test_document_page_carries_each_fact_as_its_script_shows_it(client: TestClient) -> None:
    """The page carries, of every fact, the fields static/document.js reads (pages.DETAIL), with
    the API's values: the script and the list cannot drift apart unnoticed."""
    from planwatch.web.pages import DETAIL
    script = (Path(__file__).parent.parent / "planwatch/web/static/document.js").read_text(encoding="utf-8")
    assert set(re.findall(r"\bf\.(\w+)", script)) == set(DETAIL)
    doc = client.get("/api/documents").json()["items"][0]
    one = client.get(f"/api/documents/{doc['id']}").json()
    page = client.get(f"/documents/{doc['id']}", headers=HTML).text
    blob = re.search(r'<script type="application/json" id="facts-data">(.*?)</script>', page, re.DOTALL)
    assert blob is not None
    shown = json.loads(blob.group(1))["facts"]
    assert shown == {f["id"]: {k: f[k] for k in DETAIL} for f in one["facts"]}


def test_scorecard_and_indicator_pages_carry_chart_data(client: TestClient) -> None:
    card = client.get("/api/scorecard").json()["items"]
    line = next(c for c in card if c["verdict"] == "met")
    page = client.get("/scorecard", params={"region": line["region"], "period": line["period"]}, headers=HTML).text
    assert 'id="chart-data"' in page and line["indicator"] in page and "/vendor/plotly.min.js" in page
    ind = client.get(f"/indicators/{line['indicator']}", headers=HTML).text
    assert 'id="series-data"' in ind and '"points": [{' in ind
    js = client.get("/vendor/plotly.min.js")
    assert js.status_code == 200 and len(js.content) > 1_000_000


def test_export_csv_and_xlsx_with_the_listing_filters(client: TestClient) -> None:
    region = _a_fact(client)["region"]
    r = client.get("/api/export", params={"view": "facts", "format": "csv", "region": region, "kind": "target"})
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    listed = client.get("/api/facts", params={"region": region, "kind": "target", "limit": 1000}).json()["items"]
    assert rows and len(rows) == len(listed) and {row["region"] for row in rows} == {region}
    x = client.get("/api/export", params={"view": "scorecard", "format": "xlsx"})
    assert x.status_code == 200 and x.content[:2] == b"PK"
    c = client.get("/api/export", params={"view": "conflicts", "format": "csv"})
    assert c.status_code == 200 and len(c.content.decode("utf-8-sig").splitlines()) >= 2


def test_language_switch_by_parameter_and_cookie(demo_db: str) -> None:
    c = _client(demo_db)
    zh = c.get("/", headers=HTML).text
    assert "总览" in zh
    en = c.get("/?lang=en", headers=HTML)
    assert "Overview" in en.text and en.cookies.get("lang") == "en"
    assert "Overview" in c.get("/scorecard", headers=HTML).text   # the cookie keeps it
    assert "总览" in c.get("/?lang=zh", headers=HTML).text


def test_an_empty_database_shows_an_empty_overview(tmp_path: Path) -> None:
    db = str(tmp_path / "e.db")
    services.create_token(db)   # creates the tables, no documents
    c = _client(db)
    assert c.get("/", headers=HTML).status_code == 200
    assert c.get("/api/overview").json()["cells"] == []
    r = c.get("/api/scorecard")
    assert r.status_code == 404 and "no documents" in r.json()["detail"]


def test_security_headers(client: TestClient) -> None:
    h = client.get("/", headers=HTML).headers
    assert "default-src 'self'" in h["content-security-policy"] and h["x-content-type-options"] == "nosniff"


def test_overview_pages(client: TestClient) -> None:
    first = client.get("/api/overview", params={"limit": 2}).json()["cells"]
    second = client.get("/api/overview", params={"limit": 2, "offset": 2}).json()["cells"]
    assert len(first) == 2 and second and not {(c["region"], c["period"]) for c in first} & {
        (c["region"], c["period"]) for c in second}
    periods = [c["period"] for c in first + second]
    assert periods == sorted(periods, reverse=True)   # latest periods first


def test_a_60_mb_upload_is_413_and_stores_nothing(fresh: tuple[str, str, TestClient]) -> None:
    db, tok, c = fresh
    before = services.stats(db)["documents"]
    r = c.post("/api/documents", headers={"X-Planwatch-Token": tok},
               files={"file": ("big.txt", b"a" * (60 << 20))})
    assert r.status_code == 413 and "limit is 50 MB" in r.json()["detail"]
    assert services.stats(db)["documents"] == before
