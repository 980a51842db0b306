"""Shared fixtures: databases on both backends, a fake extraction engine, fictional texts.

`db_url` runs a test on SQLite and on PostgreSQL; the PostgreSQL half needs
PLANWATCH_TEST_PG_URL (scripts/start_postgres.sh prints one) and is skipped,
saying so, without it. Each PostgreSQL test gets a database of its own.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from planwatch.model import Document, Fact

PG_ENV = "PLANWATCH_TEST_PG_URL"
PG_SKIP = (f"{PG_ENV} is not set: run `export {PG_ENV}=$(scripts/start_postgres.sh)` "
           "to run the storage tests against PostgreSQL too")


def _pg_admin_url() -> str:
    url = os.environ[PG_ENV]
    return url if "+psycopg" in url else url.replace("postgresql://", "postgresql+psycopg://", 1)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test (dropped afterwards)."""
    if not os.environ.get(PG_ENV):
        pytest.skip(PG_SKIP)
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
    name = "pw_test_" + uuid.uuid4().hex[:12]
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))  # a generated identifier, not user input
    try:
        yield make_url(_pg_admin_url()).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same test on a SQLite file and on a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "test.db")
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return str(tmp_path / "test.db")


# ---------------------------------------------------------------- a fake engine

# Lines of the fictional documents read like
#   2024年目标：地区生产总值增长6%左右，规模以上工业增加值增长7%以上。
#   2023年实绩：地区生产总值增长5.2%，新建项目达到120个。
_LINE = re.compile(r"(?P<year>\d{4})年(?P<what>目标|实绩)[:：]")
_ITEM = re.compile(r"(?P<ind>[\u4e00-\u9fff]+?)(?P<verb>增长|达到)(?P<num>-?\d+(?:\.\d+)?)"
                   r"(?P<unit>%|亿元|万元|个)(?P<q>左右|以上|以内)?")
_Q = {"左右": "about", "以上": "at_least", "以内": "at_most", None: "exact"}
CITY = "石港市"


def fake_extract(doc: Document, *, date: str | None = None, region: str | None = None) -> list[Fact]:
    """A tiny deterministic stand-in for the engine, for the fictional texts below."""
    out: list[Fact] = []
    for line in re.finditer(r"[^\n]+", doc.text):
        m = _LINE.search(line.group())
        if not m:
            continue
        kind = "target" if m["what"] == "目标" else "actual"
        for it in _ITEM.finditer(line.group(), m.end()):
            a = line.start() + it.start("num")
            b = line.start() + it.end("num")
            out.append(Fact(
                doc=doc.name, start=a, end=b, surface=it["num"] + it["unit"] + (it["q"] or ""), kind=kind,
                indicator=it["ind"].lstrip("，、和及"), measure="growth" if it["verb"] == "增长" else "level",
                value=float(it["num"]), unit=it["unit"], qualifier=_Q[it["q"]], region=region or CITY,
                period=m["year"], tier="A", evidence=line.group().strip()))
    return out


def better_extract(doc: Document, *, date: str | None = None, region: str | None = None) -> list[Fact]:
    """A 'newer engine': the same spans, plus a second reading of each level figure."""
    facts = fake_extract(doc, date=date, region=region)
    extra = [f.replace(indicator=f.indicator + "（新口径）") for f in facts if f.measure == "level"]
    return facts + extra


def exploding_extract(doc: Document, *, date: str | None = None, region: str | None = None) -> list[Fact]:
    if "爆炸" in doc.text:
        raise RuntimeError("engine bug")
    return fake_extract(doc, date=date, region=region)


REPORT_2024 = (
    "石港市2024年政府工作报告（虚构）\n\n"
    "一、2023年工作回顾\n"
    "2023年实绩：地区生产总值增长5.2%，地方一般公共预算收入增长1.5%，新建项目达到120个。\n"
    "北斗产业园建成投产，港口吞吐能力继续提升。\n\n"
    "二、2024年主要预期目标\n"
    "2024年目标：地区生产总值增长6%左右，规模以上工业增加值增长7%以上。\n"
)

BULLETIN_2023 = (
    "石港市2023年统计公报（虚构）\n\n"
    "2023年实绩：地方一般公共预算收入增长1%，新建项目达到95个。\n"
    "全年完成港口货物吞吐量再创新高。\n"
)

NEWS_2024 = (
    "石港日报（虚构）\n\n"
    "2024年实绩：地区生产总值增长5.7%，规模以上工业增加值增长7.4%。\n"
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder of three fictional documents about 石港市."""
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "report_2024.txt").write_text(REPORT_2024, encoding="utf-8")
    (d / "bulletin_2023.txt").write_text(BULLETIN_2023, encoding="utf-8")
    (d / "news_2024.txt").write_text(NEWS_2024, encoding="utf-8")
    return d
