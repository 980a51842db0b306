"""The plan-execution table, its renderers, and the researchers' panel."""

from __future__ import annotations

from html.parser import HTMLParser

from planwatch.analyse import (
    build_panel,
    build_table,
    panel,
    plan_table,
    to_html,
    to_markdown,
)
from planwatch.model import Fact

_pos = iter(range(0, 10**9, 10))


def mk(kind, indicator, value, unit="%", qualifier="exact", *, measure="growth", doc="a.txt",
       region="云岭市", period="2024", surface="", duplicate=False):
    s = next(_pos)
    return Fact(doc=doc, start=s, end=s + 2, surface=surface, kind=kind, indicator=indicator, measure=measure,
                value=value, unit=unit, qualifier=qualifier, region=region, period=period, duplicate=duplicate)


FACTS = [
    mk("target", "高新技术企业", 1500.0, "家", "at_least", measure="level"),     # a non-headline row, seen first
    mk("target", "地区生产总值", 6.5, qualifier="at_least", period="2023", doc="p23.txt"),
    mk("actual", "地区生产总值", 6.2, doc="r23.txt", period="2023"),
    mk("target", "地区生产总值", 6.0, qualifier="about"),
    mk("target", "居民消费价格", 3.0, qualifier="at_most"),
    mk("target", "单位地区生产总值能耗", -5.0, qualifier="at_most"),
    mk("actual", "居民人均可支配收入", 6.1, period="2023", doc="r23.txt"),
    mk("target", "居民人均可支配收入", None, None, "above", measure="relation", surface="居民收入增幅高于经济增长"),
    mk("target", "地区生产总值", 5.5, qualifier="about", region="青川县"),
    mk("actual", "地区生产总值", 5.9, region="青川县", period="2023", doc="r23.txt"),
    mk("actual", "地区生产总值", 1.0, doc="dup.txt", period="2023", duplicate=True),
]


def test_one_region():
    rows = plan_table(FACTS, period="2024", regions="云岭市")
    assert rows == [
        {"指标": "地区生产总值增速", "2023年计划": "6.5%以上", "2023年完成": "6.2%", "2024年计划": "6%左右"},
        {"指标": "居民消费价格涨幅", "2023年计划": "", "2023年完成": "", "2024年计划": "3%以内"},
        {"指标": "居民人均可支配收入增速", "2023年计划": "", "2023年完成": "6.1%", "2024年计划": "高于经济增长"},
        {"指标": "高新技术企业", "2023年计划": "", "2023年完成": "", "2024年计划": "1500家以上"},
        {"指标": "单位地区生产总值能耗增速", "2023年计划": "", "2023年完成": "", "2024年计划": "下降5%以上"},
    ]


def test_two_regions_side_by_side():
    t = build_table(FACTS, period=2024, regions=["云岭市", "青川县"])
    assert t.headers == ["指标", "云岭市 2023年计划", "云岭市 2023年完成", "云岭市 2024年计划",
                         "青川县 2023年计划", "青川县 2023年完成", "青川县 2024年计划"]
    gdp = t.to_dicts()[0]
    assert (gdp["云岭市 2024年计划"], gdp["青川县 2023年完成"], gdp["青川县 2024年计划"]) == ("6%左右", "5.9%", "5.5%左右")
    cell = t.rows[0].cells[1]
    assert cell is not None and cell.sources[0].doc == "r23.txt" and cell.conflicting is False
    assert t.to_dict()["rows"][0]["cells"][1]["value"] == 6.2


def test_region_defaults_and_alias():
    assert plan_table(FACTS, period="2024") == plan_table(FACTS, period="2024", region="云岭市")


def test_conflicting_cell_is_flagged():
    facts = [mk("actual", "地区生产总值", 6.2, doc="a.txt", period="2023"),
             mk("actual", "地区生产总值", 5.0, doc="b.txt", period="2023")]
    t = build_table(facts, period="2024", regions="云岭市")
    assert t.rows[0].cells[1].conflicting is True and t.rows[0].cells[1].text == "5%"  # the later document


def test_markdown():
    md = to_markdown(plan_table(FACTS, period="2024", regions="云岭市"))
    lines = md.splitlines()
    assert lines[0] == "| 指标 | 2023年计划 | 2023年完成 | 2024年计划 |"
    assert lines[1] == "| --- | --- | --- | --- |"
    assert lines[2] == "| 地区生产总值增速 | 6.5%以上 | 6.2% | 6%左右 |"
    assert to_markdown([{"a": "x|y\nz"}]).splitlines()[2] == "| x\\|y z |"


class _Cells(HTMLParser):
    def __init__(self):
        super().__init__()
        self.cells, self._in = [], False

    def handle_starttag(self, tag, attrs):
        self._in = tag in ("td", "th")
        if self._in:
            self.cells.append("")

    def handle_endtag(self, tag):
        self._in = False

    def handle_data(self, data):
        if self._in:
            self.cells[-1] += data


def test_html_escapes_and_parses_back():
    rows = [{"指标": "<script>alert('x')</script>", "2024年计划": 'a & "b"'}, {"指标": None}]
    out = to_html(rows, caption="云岭市 <2024>")
    assert "<script>" not in out and "&lt;script&gt;" in out and "&lt;2024&gt;" in out
    p = _Cells()
    p.feed(out)
    assert p.cells == ["指标", "2024年计划", "<script>alert('x')</script>", 'a & "b"', "", ""]


def test_html_of_the_plan_table():
    out = to_html(plan_table(FACTS, period="2024", regions="云岭市"))
    assert out.startswith("<table>") and "<td>6%左右</td>" in out


# --- panel -----------------------------------------------------------------

def test_panel_actuals_by_region_and_period():
    facts = [
        mk("actual", "地区生产总值", 5.6, region="云岭市", period="2024"),
        mk("actual", "地区生产总值", 6.2, region="云岭市", period="2023"),
        mk("actual", "地区生产总值", 5.9, region="青川县", period="2023"),
        mk("actual", "进出口总额", 108.0, "亿元", measure="level", region="青川县", period="2023"),
        mk("actual", "集体土地征收", 1260.0, "亩", measure="level", period="2023"),
        mk("actual", "集体土地征收", 0.1, "万亩", measure="level", period="2024"),
        mk("actual", "集体土地征收", 1100.0, "亩", measure="level", period="2024", region="青川县"),
        mk("actual", "企业", 3.0, "家", measure="level"),
        mk("actual", "企业", 5.0, "家", measure="level", region="青川县"),
        mk("actual", "企业", 4.0, "个", measure="level"),
        mk("target", "地区生产总值", 6.0, qualifier="about"),
        mk("actual", "居民人均可支配收入", None, None, "above", measure="relation"),
    ]
    p = build_panel(facts)
    assert p.columns == ("地区生产总值|growth", "进出口总额|level", "集体土地征收|level", "企业|level", "企业|level|个")
    assert p.units == {"地区生产总值|growth": "%", "进出口总额|level": "亿元", "集体土地征收|level": "亩",
                       "企业|level": "家", "企业|level|个": "个"}
    rows = {(r["region"], r["period"]): r for r in p.to_dicts()}
    assert list(rows) == [("云岭市", "2023"), ("云岭市", "2024"), ("青川县", "2023"), ("青川县", "2024")]
    assert rows[("云岭市", "2024")]["地区生产总值|growth"] == 5.6
    assert rows[("云岭市", "2024")]["集体土地征收|level"] == 1000.0   # 0.1万亩 in the column's unit
    assert rows[("云岭市", "2024")]["企业|level|个"] == 4.0
    assert rows[("青川县", "2023")]["地区生产总值|growth"] == 5.9 and rows[("青川县", "2023")]["企业|level"] is None


def test_panel_kind_and_filters():
    facts = [mk("target", "地区生产总值", 6.0, qualifier="about"), mk("actual", "地区生产总值", 5.6),
             mk("target", "地区生产总值", 5.5, region="青川县")]
    assert panel(facts, kind="target", regions=["云岭市"]) == [
        {"region": "云岭市", "period": "2024", "地区生产总值|growth": 6.0}]
    assert panel(facts, periods=["2023"]) == []
