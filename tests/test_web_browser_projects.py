"""The issue-9 pages in a real headless Chromium (as tests/test_web_browser.py: Debian's package
driven by Playwright, skipped without them): the follow-up board's cards, a passage marked on the
document page it links to, and a project's timeline with its review."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import CHROMIUM, chromium, new_page, serving
from test_web_projects import PLAN, REVIEW_A, REVIEW_B

if not CHROMIUM.exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium; .ci/run installs it)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')")
uvicorn = pytest.importorskip("uvicorn")

from planwatch import services
from planwatch.services import register as rs
from planwatch.services import reviews as rv


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    folder = tmp_path_factory.mktemp("browser9")
    docs = folder / "docs"
    docs.mkdir()
    for name, text in (("plan.txt", PLAN), ("review_a.txt", REVIEW_A), ("review_b.txt", REVIEW_B)):
        (docs / name).write_text(text, encoding="utf-8")
    db = str(folder / "p.db")
    assert services.ingest([docs], db).ok
    p = rs.add_project(db, "翠屏快速路", region="碧川市", unit="市交通局", planned_end="2026-12-31")
    rs.set_stage(db, p.id, "started", date="2026-02-01")
    rs.add_note(db, p.id, "主线桥梁合龙", date="2026-06-15")
    rs.set_stage(db, p.id, "completed", date="2026-11-30")
    it = rs.add_project(db, "碧川政务云", region="碧川市")
    rv.submit(db, it.id, 500, date="2026-03-01")
    rv.prereview(db, it.id, "pass", date="2026-03-10")
    rv.joint(db, it.id, "存储扩容可利旧", reviewer="专家乙", amount=420, date="2026-04-01")
    rv.approve(db, it.id, 400, date="2026-04-20")
    shots = Path(os.environ.get("PLANWATCH_SCREENSHOTS") or folder / "screenshots")
    shots.mkdir(parents=True, exist_ok=True)
    with serving(db) as url:
        yield {"url": url, "db": db, "shots": shots, "road": p.id, "it": it.id}


@pytest.fixture(scope="module")
def browser(site: dict[str, Any]) -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    with new_page(browser) as pg:
        yield pg


def _open(page: Any, site: dict[str, Any], path: str) -> None:
    r = page.goto(site["url"] + path)
    assert r is not None and r.status == 200, (path, r and r.status)


def test_board_shows_cards_by_status_and_marks_the_passage(page: Any, site: dict[str, Any]) -> None:
    _open(page, site, "/followup?region=碧川市&period=2026")
    done = page.locator("#col-done article.card")
    assert done.count() >= 1 and "翠屏快速路" in done.first.inner_text()
    assert page.locator("#col-behind article.card").filter(has_text="东湖污水处理厂").count() == 1
    assert page.locator("#col-contradicted article.card").filter(has_text="碧川科创港").count() == 1
    assert page.locator("#col-not_mentioned article.card").filter(has_text="白鹭湾大桥").count() == 1
    page.screenshot(path=str(site["shots"] / "followup.png"), full_page=True)
    link = done.filter(has_text="翠屏快速路").locator("li.evidence a").first
    link.click()
    page.wait_for_selector("mark#passage")
    assert page.locator("mark#passage").inner_text() == "翠屏快速路"
    assert page.errors == []


def test_project_timeline_and_review(page: Any, site: dict[str, Any]) -> None:
    _open(page, site, f"/projects/{site['road']}")
    kinds = page.locator("#timeline li.entry").evaluate_all("els => els.map(e => e.dataset.kind)")
    assert {"add", "note", "source"} <= set(kinds) and kinds.count("stage") == 2
    dates = page.locator("#timeline li.entry .when").all_inner_texts()
    assert dates == sorted(dates) and dates[0] == "2026-01-09"   # the plan that names it comes first
    assert "主线桥梁合龙" in page.locator("#timeline").inner_text()
    page.screenshot(path=str(site["shots"] / "project.png"), full_page=True)
    _open(page, site, f"/projects/{site['it']}?lang=en")
    assert page.locator("#review-table tbody tr").count() == 4
    assert "20.0%" in page.locator("#review-cut").inner_text()
    _open(page, site, "/projects")
    assert page.locator("#projects-table tbody tr").count() == 2
    assert page.errors == []
