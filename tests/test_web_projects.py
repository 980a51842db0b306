"""The issue-9 API and pages (planwatch/web/api_projects.py, pages_projects.py) through FastAPI's test
client: the follow-up of a made-up city's plan over its stored documents, the project register (reads
open, writes with a token), a document's plan structure, the IT-project review cuts; 200s, 401s,
404s, 422s and escaping."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from planwatch import services
from planwatch.services import reviews as rv
from planwatch.web import create_app

HTML = {"accept": "text/html"}

PLAN = """碧川市2026年政府工作报告
——2026年1月9日在碧川市第五届人民代表大会第三次会议上
各位代表：
一、2025年工作回顾
过去一年，全市地区生产总值增长5.6%。
二、2026年主要任务
（一）全力抓好项目建设。
1. 加快推进翠屏快速路、东湖污水处理厂、南岭物流港等项目建设。
2. 推动白鹭湾大桥开工。
（二）稳住工业增长。
1. 规模以上工业增加值增长7%左右。
"""

REVIEW_A = """碧川市2027年政府工作报告
——2027年1月11日在碧川市第五届人民代表大会第四次会议上
一、2026年工作回顾
翠屏快速路建成通车，东湖污水处理厂即将开工建设，南岭物流港加快建设。筹建碧川科创港。规模以上工业增加值增长7.4%。
"""

REVIEW_B = """碧川市人民政府关于2026年工作情况的报告
——2027年1月14日在碧川市人民代表大会常务委员会上
2026年，碧川科创港建成开园。
"""


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str, dict[str, str]]:
    """A database holding the plan and the two reviews, a token, and the texts by name."""
    root = tmp_path_factory.mktemp("web9") / "docs"
    root.mkdir()
    texts = {"plan.txt": PLAN, "review_a.txt": REVIEW_A, "review_b.txt": REVIEW_B}
    for name, text in texts.items():
        (root / name).write_text(text, encoding="utf-8")
    db = str(root.parent / "p.db")
    report = services.ingest([root], db)   # a folder: the documents are named as in it
    assert report.ok
    return db, services.create_token(db, name="office"), texts


@pytest.fixture(scope="module")
def client(stored: tuple[str, str, dict[str, str]]) -> TestClient:
    return TestClient(create_app(stored[0]), raise_server_exceptions=False)


@pytest.fixture
def fresh(tmp_path: Path) -> tuple[str, dict[str, str], TestClient]:
    db = str(tmp_path / "w.db")
    services.demo(db)
    token = services.create_token(db, name="writer")
    return db, {"X-Planwatch-Token": token}, TestClient(create_app(db), raise_server_exceptions=False)


def _ids(client: TestClient) -> dict[str, int]:
    return {d["name"]: d["id"] for d in client.get("/api/documents").json()["items"]}


# ---------------------------------------------------------------- follow-up

def test_followup_rows_with_status_and_grounded_sources(client: TestClient, stored) -> None:
    _, _, texts = stored
    r = client.get("/api/followup", params={"region": "碧川", "period": "2026"})
    assert r.status_code == 200, r.text
    got = r.json()
    assert (got["region"], got["period"]) == ("碧川市", "2026")
    status = {x["name"]: x["status"] for x in got["items"] if x["type"] == "project"}
    assert status["翠屏快速路"] == "done" and status["东湖污水处理厂"] == "behind"
    assert status["南岭物流港"] == "in_progress" and status["白鹭湾大桥"] == "not_mentioned"
    assert status["碧川科创港"] == "contradicted"
    assert any(x["type"] == "figure" for x in got["items"])
    ids = _ids(client)
    for row in got["items"]:
        for s in row["promise"] + row["evidence"]:
            text = texts[s["doc"]]
            assert s["document_id"] == ids[s["doc"]]
            if row["type"] == "project":
                assert text[s["start"]:s["end"]] == s["text"]
            else:   # a figure: the number's span, its surface with the unit after it
                assert s["text"].startswith(text[s["start"]:s["end"]]) and s["end"] > s["start"]
            assert text[s["passage_start"]:s["passage_start"] + len(s["passage"])] == s["passage"]


@pytest.mark.parametrize("params", [{"region": "碧川市"}, {"period": "2026"}, {"region": "碧川市", "period": "26"},
                                    {"region": "碧川市", "period": "20x6"}, {"region": "", "period": "2026"}])
def test_followup_needs_a_region_and_a_year(client: TestClient, params: dict[str, str]) -> None:
    r = client.get("/api/followup", params=params)
    assert r.status_code == 422, r.text
    assert isinstance(r.json()["detail"], str) and len(r.json()["detail"]) > 5


def test_document_tasks(client: TestClient, stored) -> None:
    _, _, texts = stored
    r = client.get(f"/api/documents/{_ids(client)['plan.txt']}/tasks")
    assert r.status_code == 200
    nodes = r.json()["items"]
    heads = [n["heading"] for n in nodes]
    assert any(h.startswith("全力抓好项目建设") for h in heads)
    for n in nodes:
        assert PLAN[n["heading_start"]:n["heading_end"]] == n["heading"]
    child = next(n for n in nodes if "翠屏快速路" in n["heading"])
    assert child["parent"] is not None and {p["name"] for p in child["projects"]} >= {"翠屏快速路", "南岭物流港"}
    assert client.get("/api/documents/99999/tasks").status_code == 404
    assert client.get("/api/documents/abc/tasks").status_code == 422
    assert texts  # the fixture's texts are the stored ones


# ---------------------------------------------------------------- the register

def test_register_add_stage_note_and_read(fresh) -> None:
    _, h, c = fresh
    r = c.post("/api/projects", json={"name": "碧川政务云", "region": "碧川市", "planned_end": "2020-06-30",
                                      "planned_investment": 1.5}, headers=h)
    assert r.status_code == 201, r.text
    pid = r.json()["id"]
    late = c.post("/api/projects", json={"name": "翠屏快速路", "region": "碧川市"}, headers=h).json()["id"]
    assert c.post(f"/api/projects/{pid}/stage", json={"stage": "started", "date": "2020-02-01"},
                  headers=h).json()["stage"] == "started"
    note = c.post(f"/api/projects/{pid}/note", json={"text": "机房改造完成", "date": "2020-03-01"}, headers=h)
    assert note.status_code == 201 and note.json()["author"] == "writer"
    rows = c.get("/api/projects").json()["items"]
    assert rows[0]["id"] == pid and rows[0]["overdue"] is True and {r["id"] for r in rows} == {pid, late}
    one = c.get(f"/api/projects/{pid}").json()
    assert [e["action"] for e in one["history"]] == ["add", "stage", "note"]
    assert one["review"]["state"] is None and one["review"]["steps"] == []
    assert c.get("/api/projects", params={"region": "别处"}).json()["items"] == []


@pytest.mark.parametrize("body", [{}, {"name": ""}, {"name": "甲", "planned_end": "2025-13-01"},
                                  {"name": "甲", "stage": "done"}, {"name": "甲", "planned_investment": -1}])
def test_bad_projects_are_422(fresh, body: dict) -> None:
    _, h, c = fresh
    r = c.post("/api/projects", json=body, headers=h)
    assert r.status_code == 422, r.text
    assert c.get("/api/projects").json()["items"] == []


def test_a_second_project_of_the_same_name_is_refused(fresh) -> None:
    _, h, c = fresh
    assert c.post("/api/projects", json={"name": "甲桥", "region": "碧川市"}, headers=h).status_code == 201
    r = c.post("/api/projects", json={"name": "甲桥", "region": "碧川市"}, headers=h)
    assert r.status_code == 422 and "already" in r.json()["detail"]


def test_unknown_projects_are_404(fresh) -> None:
    _, h, c = fresh
    assert c.get("/api/projects/999").status_code == 404
    assert c.post("/api/projects/999/stage", json={"stage": "started"}, headers=h).status_code == 404
    assert c.post("/api/projects/999/note", json={"text": "x"}, headers=h).status_code == 404
    assert c.get("/api/projects/abc").status_code == 422
    assert c.get("/projects/999", headers=HTML).status_code == 404


def test_writes_without_a_token_are_401_and_write_nothing(fresh) -> None:
    _, h, c = fresh
    pid = c.post("/api/projects", json={"name": "乙站"}, headers=h).json()["id"]
    spec = c.get("/api/openapi.json").json()["paths"]
    ours = {("POST", "/api/projects"), ("POST", "/api/projects/{project_id}/stage"),
            ("POST", "/api/projects/{project_id}/note")}
    assert ours <= {(m.upper(), p) for p, ops in spec.items() for m in ops}   # the write-route test covers them
    for method, path in ours:
        for bad in ({}, {"X-Planwatch-Token": "pw_wrong"}):
            r = c.request(method, path.replace("{project_id}", str(pid)), headers=bad,
                          json={"name": "丙", "stage": "started", "text": "x"})
            assert r.status_code == 401, (path, r.text)
    assert [e["action"] for e in c.get(f"/api/projects/{pid}").json()["history"]] == ["add"]
    assert len(c.get("/api/projects").json()["items"]) == 1


# ---------------------------------------------------------------- review cuts

def test_review_cuts(fresh) -> None:
    db, h, c = fresh
    a = c.post("/api/projects", json={"name": "城市大脑二期", "region": "碧川市"}, headers=h).json()["id"]
    b = c.post("/api/projects", json={"name": "智慧医保平台", "region": "碧川市"}, headers=h).json()["id"]
    for pid, asked, got in ((a, 800, 600), (b, 200, 190)):
        rv.submit(db, pid, asked, date="2026-03-01")
        rv.prereview(db, pid, "pass", date="2026-03-05")
        rv.joint(db, pid, "建设内容与已有系统重复部分核减", reviewer="专家甲", date="2026-03-20")
        rv.approve(db, pid, got, date="2026-04-01")
    cuts = c.get("/api/reviews/cuts", params={"region": "碧川市", "period": "2026"}).json()
    assert [r["cut"] for r in cuts["items"]] == [200, 10]
    assert cuts["total"]["requested"] == 1000 and cuts["total"]["cut"] == 210
    assert cuts["total"]["share"] == pytest.approx(0.21)
    only = c.get("/api/reviews/cuts", params={"ids": str(b)}).json()
    assert [r["project_id"] for r in only["items"]] == [b] and only["total"]["share"] == pytest.approx(0.05)
    assert c.get("/api/reviews/cuts", params={"period": "2025"}).json()["items"] == []
    assert c.get("/api/reviews/cuts", params={"ids": "1,x"}).status_code == 422
    assert c.get("/api/reviews/cuts", params={"period": "20x6"}).status_code == 422
    assert c.get("/api/reviews/cuts", params={"ids": "999"}).status_code == 422
    page = c.get(f"/projects/{a}", headers=HTML).text
    assert 'id="review-table"' in page and "专家甲" in page and "25.0%" in page


# ---------------------------------------------------------------- pages

def test_board_groups_cards_by_status_and_links_passages(client: TestClient) -> None:
    r = client.get("/followup", params={"region": "碧川市", "period": "2026"}, headers=HTML)
    assert r.status_code == 200
    page = r.text
    for status in ("done", "in_progress", "behind", "contradicted", "not_mentioned"):
        assert f'id="col-{status}"' in page
    done = page.split('id="col-done"')[1].split("</section>")[0]
    assert "翠屏快速路" in done and "白鹭湾大桥" not in done
    ids = _ids(client)
    assert f'href="/documents/{ids["review_a.txt"]}#at=' in page
    assert client.get("/followup", headers=HTML).status_code == 200       # the form alone
    assert client.get("/followup?region=碧川市&period=x", headers=HTML).status_code == 422


def test_pages_render_in_both_languages_and_escape(fresh) -> None:
    _, h, c = fresh
    pid = c.post("/api/projects", json={"name": "<script>alert(1)</script>站"}, headers=h).json()["id"]
    c.post(f"/api/projects/{pid}/note", json={"text": "<b>注意</b>"}, headers=h)
    for lang, word in (("zh", "项目台账"), ("en", "Projects")):
        listing = c.get("/projects", params={"lang": lang}, headers=HTML).text
        assert word in listing and "<script>alert(1)" not in listing and "&lt;script&gt;" in listing
    one = c.get(f"/projects/{pid}", headers=HTML).text
    assert "<b>注意</b>" not in one and "&lt;b&gt;" in one and 'id="timeline"' in one
    assert 'href="/followup"' in c.get("/", headers=HTML).text
