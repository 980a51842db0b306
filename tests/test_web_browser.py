"""The dashboard in a real headless Chromium (Debian's package, driven by Playwright).

A uvicorn server on a free loopback port serves a database ingested from the bundled
examples; one browser for the module. Screenshots go to a pytest temporary folder (or to
$PLANWATCH_SCREENSHOTS when set), never into the repository.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import CHROMIUM, chromium, new_page, serving

if not CHROMIUM.exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium; .ci/run installs it)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')")
uvicorn = pytest.importorskip("uvicorn")

from planwatch import services

SCRIPT_TEXT = "<script>window.__pwned = 1; alert('x')</script>"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    folder = tmp_path_factory.mktemp("browser")
    db = str(folder / "demo.db")
    services.demo(db)
    token = services.create_token(db, name="browser")
    shots = Path(os.environ.get("PLANWATCH_SCREENSHOTS") or folder / "screenshots")
    shots.mkdir(parents=True, exist_ok=True)
    with serving(db) as url:
        yield {"url": url, "db": db, "token": token, "shots": shots, "folder": folder}


@pytest.fixture(scope="module")
def browser(site: dict[str, Any]) -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser: Any, site: dict[str, Any]) -> Iterator[Any]:
    with new_page(browser) as pg:
        yield pg


def _open(page: Any, site: dict[str, Any], path: str) -> Any:
    r = page.goto(site["url"] + path)
    assert r is not None and r.status == 200, (path, r and r.status)
    return r


def _shot(page: Any, site: dict[str, Any], name: str) -> None:
    page.screenshot(path=str(site["shots"] / f"{name}.png"), full_page=True)


def test_every_page_opens_without_errors(page: Any, site: dict[str, Any]) -> None:
    fid = services.query_facts(site["db"], services.Query(limit=1)).items[0].id
    for path in ("/", "/facts", "/documents", "/documents/1", "/conflicts", "/search?q=地区生产总值", "/upload",
                 "/indicators/地区生产总值", f"/facts/{fid}", "/scorecard"):
        _open(page, site, path)
        assert page.locator("main h1").count() == 1, path
    assert page.errors == []
    _shot(page, site, "overview")


def test_scorecard_chart_renders_bars(page: Any, site: dict[str, Any]) -> None:
    line = next(ln for ln in services.scorecard(site["db"]).items if ln.verdict == "met")
    _open(page, site, f"/scorecard?region={line.region}&period={line.period}")
    page.wait_for_selector("#chart svg.main-svg")
    bars = page.locator("#chart .barlayer .point").count()
    assert bars >= 2, bars
    assert page.locator("#scorecard-table tbody tr").count() >= 1
    assert page.errors == []
    _shot(page, site, "scorecard")


def test_indicator_chart_has_points_linked_to_sources(page: Any, site: dict[str, Any]) -> None:
    _open(page, site, "/indicators/地区生产总值")
    page.wait_for_selector("#series-chart svg.main-svg")
    assert page.locator("#series-chart .scatterlayer .point").count() >= 2
    href = page.locator("#series-table a[href^='/documents/']").first.get_attribute("href")
    assert href and "#f-" in href
    assert page.errors == []


def test_click_a_highlighted_fact_shows_it_and_why(page: Any, site: dict[str, Any]) -> None:
    doc = next(d for d in services.documents(site["db"]) if d.name.endswith("work_report.txt"))
    _open(page, site, f"/documents/{doc.id}")
    marks = page.locator("#doc-text mark.fact.target")
    assert marks.count() > 3 and page.locator("#doc-text mark.fact.actual").count() > 3
    mark = page.locator("#doc-text mark.fact.actual").first
    figure = mark.inner_text()
    mark.click()
    detail = page.locator("#fact-detail")
    detail.wait_for(state="visible")
    assert figure in detail.locator(".f-surface").first.inner_text()
    assert detail.locator(".f-why").first.inner_text().strip()       # why it got its kind, period, region
    assert page.locator("#ctx-date").inner_text().strip()           # the document's context in the side panel
    assert page.errors == []
    _shot(page, site, "document")


def test_upload_then_script_shows_as_text(page: Any, site: dict[str, Any]) -> None:
    f = site["folder"] / "石溪县报告.txt"
    f.write_text(f"{SCRIPT_TEXT}\n石溪县2025年政府工作报告\n2025年主要预期目标：地区生产总值增长5.5%左右。\n",
                 encoding="utf-8")
    bad = site["folder"] / "image.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    _open(page, site, "/upload")
    page.fill("#upload-form .token-input", site["token"])
    page.set_input_files("#upload-files", [str(f), str(bad)])
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("#upload-results li.ok")
    page.wait_for_selector("#upload-results li.failed")
    assert "binary" in page.locator("#upload-results li.failed").inner_text()
    page.click("#upload-results li.ok a")
    page.wait_for_selector("#doc-text")
    assert SCRIPT_TEXT in page.locator("#doc-text").inner_text()    # shown as text …
    assert page.evaluate("window.__pwned") is None                 # … never run
    assert page.dialogs == []
    assert page.locator("#doc-text mark.fact").count() >= 1


def test_correct_a_fact_and_see_its_history(page: Any, site: dict[str, Any]) -> None:
    fact = services.query_facts(site["db"], services.Query(kind="actual", limit=1)).items[0]
    _open(page, site, f"/facts/{fact.id}")
    page.fill("#correct-form input[name=value]", "1.5")     # without a token first: refused, said so
    page.fill("#correct-form .token-input", "")
    page.evaluate("sessionStorage.clear()")
    page.click("#correct-form button[type=submit]")
    page.wait_for_selector("#correct-result.error")
    assert "401" in page.locator("#correct-result").inner_text()
    page.fill("#correct-form .token-input", site["token"])
    page.fill("#correct-form input[name=note]", "checked against the printed report")
    with page.expect_navigation():
        page.click("#correct-form button[type=submit]")
    assert page.locator("#fact-value").inner_text().startswith("1.5")
    assert "checked against the printed report" in page.locator("#history-table").inner_text()
    with page.expect_navigation():
        page.click("#correct-form button[data-action=confirm]")
    assert page.locator("#fact-status").inner_text() == "confirmed"
    assert [c.action for c in services.history(site["db"], fact.id)] == ["fix", "confirm"]


def test_conflicts_paging_and_language_switch(page: Any, site: dict[str, Any]) -> None:
    _open(page, site, "/conflicts?limit=1")
    assert page.locator(".conflict").count() == 1
    if page.locator("#next-page").count():
        first = page.locator(".conflict h2").inner_text()
        page.click("#next-page")
        assert page.locator(".conflict h2").inner_text() != first
    page.click("#lang-switch")
    assert "Conflicts" in page.locator("main h1").inner_text()
    _open(page, site, "/")
    assert "Overview" in page.locator("main h1").inner_text()      # the cookie keeps the language
    page.click("#lang-switch")
    assert "总览" in page.locator("main h1").inner_text()


def test_usable_at_phone_width(browser: Any, site: dict[str, Any]) -> None:
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    pg = ctx.new_page()
    try:
        for path in ("/", "/documents/1", "/scorecard"):
            pg.goto(site["url"] + path)
            width = pg.evaluate("document.documentElement.scrollWidth")
            assert width <= 400, (path, width)     # wide tables scroll inside their box, the page does not
        pg.screenshot(path=str(site["shots"] / "phone-scorecard.png"), full_page=False)
    finally:
        ctx.close()
