"""The table reader (planwatch/extract/tables): cells, headers, coverage, and the promise that no
figure of a table is dropped silently. Behaviour cases of whole tables are in cases/tables.toml;
every table here is written for these tests."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch import extract_text
from planwatch.errors import ConfigError
from planwatch.extract.lexicon import build_table_words
from planwatch.extract.tables import read_tables, table_coverage, table_facts
from planwatch.extract.tables.cells import read_cell
from planwatch.extract.tables.grid import blocks, is_row, mask
from planwatch.extract.tables.header import caption, header_rows, is_unit
from planwatch.extract.textview import make_view

ANNEX = """附件
| 序号 | 指标 | 单位 | 2018年 | 2023年 | 五年累计 |
|---|---|---|---|---|---|
| 1 | 地区生产总值 | 亿元 | 820 | 1105 | — |
| 2 | 新增城镇就业 | 万人 | 2.1 | 2.4 | 11.6 |
"""


# --- cells -----------------------------------------------------------------------------------

@pytest.mark.parametrize("cell", ["", "  ", "-", "—", "——", "/", "／", "…", "无"])
def test_none_cells_have_no_reading(cell: str) -> None:
    assert read_cell(cell) == []


@pytest.mark.parametrize(("cell", "value", "unit", "qualifier"), [
    ("102.5", 102.5, None, "exact"),
    (" 6.5 ", 6.5, None, "exact"),
    ("-3.4", -3.4, None, "exact"),
    ("6%左右", 6.0, "%", "about"),
    ("5.5以内", 5.5, None, "at_most"),
    (">60", 60.0, None, "at_least"),
    ("≤0.5", 0.5, None, "at_most"),
    ("[12]", 12.0, None, "exact"),
    ("5.2 万人", 5.2, "万人", "exact"),
    ("1,250", 1250.0, None, "exact"),
])
def test_bare_cells(cell: str, value: float, unit: str | None, qualifier: str) -> None:
    (r,) = read_cell(cell)
    assert (r.value, r.unit, r.qualifier) == (value, unit, qualifier)
    assert cell[r.start:r.end].replace(",", "") == str(abs(value)).removesuffix(".0") or \
        float(cell[r.start:r.end].replace(",", "")) == abs(value)


@pytest.mark.parametrize("cell", ["5—6", "5-6", "5～6%", "5%—6%", "5至6"])
def test_range_cells_are_two_facts(cell: str) -> None:
    low, high = read_cell(cell)
    assert (low.value, low.qualifier, high.value, high.qualifier) == (5.0, "at_least", 6.0, "at_most")
    assert cell[low.start:low.end] == "5" and cell[high.start:high.end] == "6"


def test_a_year_range_is_not_a_figure_range() -> None:
    assert all(r.value not in (2021.0, 2025.0) for r in read_cell("2021-2025"))


def test_relation_cell() -> None:
    (r,) = read_cell("高于经济增长")
    assert (r.measure, r.qualifier, r.value) == ("relation", "above", None)


def test_prose_cell_names_each_figure_and_marks_a_task() -> None:
    cell = "新建学校3所，完成年度任务（2所）的150%"
    got = read_cell(cell)
    assert [cell[r.start:r.end] for r in got] == ["3", "2", "150"]
    school, task, share = got
    assert "学校" in school.phrase and not school.target
    assert task.target and task.phrase == school.phrase   # the task of the figure before
    assert not share.target


def test_prose_cell_target_word_and_share_take_the_figure_before() -> None:
    rate, cap = read_cell("登记失业率为2.6%（年度目标为控制在4%以内）")
    assert cap.target and cap.phrase == rate.phrase and cap.qualifier == "at_most"
    beds, share = read_cell("建成护理型床位420张，占比达到78%")
    assert share.phrase.startswith(beds.phrase) and share.phrase.endswith("占比")


def test_markup_is_masked_with_the_same_length() -> None:
    s = "<br>**12.5**[3]"
    assert len(mask(s)) == len(s) and "12.5" in mask(s) and "br" not in mask(s)
    assert mask("钢材[32]") == "钢材    "
    assert mask("[8]") == "[8]"  # a bracketed figure alone is a value, not a footnote


# --- header and caption ----------------------------------------------------------------------

def test_header_is_the_rows_above_the_rule_row() -> None:
    (b,) = blocks("| 指标 | 2024年 | 2025年计划 | |\n| | 完成 | 市 | 区 |\n|---|---|---|---|\n| 甲 | 1% | 2% | 3% |\n")
    assert header_rows(b) == 2


def test_header_of_a_tab_table_is_its_leading_rows_without_figures() -> None:
    (b,) = blocks("指标\t2024年计划\t2024年预计完成\n\t\t\n地区生产总值增速\t6%\t5.8%\n")
    assert header_rows(b) >= 1


def test_caption_gives_year_unit_and_kind() -> None:
    c = caption("表2 2024年主要农产品产量（单位：万吨）")
    assert (c.period, c.unit) == ("2024", "万吨")
    assert caption("“十四五”规划主要目标").period == "2021-2025"
    assert caption("2023年民生实事完成情况").kind == "actual"


@pytest.mark.parametrize(("u", "ok"), [("亿元", True), ("%", True), ("‰", True), ("万人次", True),
                                       ("折100%", False), ("电解铝", False), ("SUV", False)])
def test_units_in_brackets(u: str, ok: bool) -> None:
    assert is_unit(u) is ok


def test_columns_of_an_annex() -> None:
    (t,) = read_tables(make_view(ANNEX).folded, plan_year=2024)
    roles = [c.role for c in t.columns]
    assert roles[:3] == ["serial", "label", "unit"]
    by_header = {c.header: c for c in t.columns}
    assert (by_header["2018年"].kind, by_header["2018年"].period) == ("actual", "2018")
    assert (by_header["五年累计"].period, by_header["五年累计"].aggregate) == ("2019-2023", True)


@pytest.mark.parametrize(("line", "row"), [
    ("指标\t2025年目标", True), ("城镇新增就业\t3.2万人", True),
    ("一、\t总体要求", False), ("（二）\t主要目标", False), ("\t缩进的段落", False),
])
def test_one_tab_makes_a_row_only_of_a_short_table_line(line: str, row: bool) -> None:
    assert is_row(line) is row


def test_a_block_of_prose_is_not_read_as_a_table() -> None:
    text = "工作  成效  显著\n发展  质量  提升\n"
    assert read_tables(text) == []


# --- facts -----------------------------------------------------------------------------------

def test_annex_facts_offsets_and_why() -> None:
    facts = extract_text(ANNEX, date="2024-01-18", region="曲靖市")
    assert [ANNEX[f.start:f.end] for f in facts] == ["820", "1105", "2.1", "2.4", "11.6"]
    assert all(f.why for f in facts)
    five = facts[-1]
    assert (five.indicator, five.period, five.unit, five.kind.value) == ("城镇新增就业", "2019-2023", "万人", "actual")


def test_table_facts_say_which_column_decided() -> None:
    view = make_view(ANNEX)
    facts, spans = table_facts("annex", ANNEX, view.folded, lambda _o: ("target", "2024"), None, 2024)
    assert spans == [(ANNEX.index("| 序号"), len(ANNEX) - 1)]
    assert [f.why for f in facts[:1]] == ["table column 2018年 (over by 2024)"]
    assert "五年累计" in facts[-1].why and "2019-2023" in facts[-1].why
    assert all(f.region is None for f in facts)  # no home given


def test_full_width_digits_keep_their_offsets() -> None:
    text = "| 指标 | ２０２４年 | ２０２５年目标 |\n|---|---|---|\n| 地区生产总值增长（%） | ５．８ | ６左右 |\n"
    facts = extract_text(text, date="2025-01-10", region="曲靖市")
    assert [text[f.start:f.end] for f in facts] == ["５．８", "６"]
    assert [(f.kind.value, f.period, f.measure.value) for f in facts] == [
        ("actual", "2024", "growth"), ("target", "2025", "growth")]


def test_space_aligned_table_with_two_header_lines() -> None:
    # the second header line splits 2025年计划 into the city's plan and the district's; an empty
    # cell of a space-aligned row is invisible, so cells go to the column they stand under
    text = ("指标              2024年预计完成  2025年计划\n"
            "                                  市计划        区计划\n"
            "地区生产总值增速  5.6%            6%左右        6.5%左右\n"
            "粮食产量                          3.1万吨       3.3万吨\n")
    facts = extract_text(text, date="2025-01-10", region="盘龙区")
    assert [(text[f.start:f.end], f.kind.value, f.period, f.region) for f in facts] == [
        ("5.6", "actual", "2024", "盘龙区"), ("6", "target", "2025", "昆明市"), ("6.5", "target", "2025", "盘龙区"),
        ("3.1", "target", "2025", "昆明市"), ("3.3", "target", "2025", "盘龙区")]


# --- coverage --------------------------------------------------------------------------------

def test_coverage_counts_rows_with_figures_and_facts() -> None:
    cov = table_coverage(ANNEX, plan_year=2024)
    assert (cov.blocks, cov.tables, cov.rows_with_numbers, cov.rows_with_facts, cov.missed) == (1, 1, 2, 2, ())


def test_coverage_reports_a_table_it_cannot_read() -> None:
    text = "| 甲 | 乙 | 丙 |\n|---|---|---|\n| 东城 | 12 | 15 |\n| 西城 | 9 | 11 |\n| 合计 | — | — |\n"
    cov = table_coverage(text)
    assert (cov.blocks, cov.tables, cov.rows_with_numbers, cov.rows_with_facts) == (1, 0, 2, 0)
    assert [text[o:o + 6] for o in cov.missed] == ["| 东城 |", "| 西城 |"]


def test_coverage_with_the_documents_facts() -> None:
    facts = extract_text(ANNEX, date="2024-01-18", region="曲靖市")
    assert table_coverage(ANNEX, facts=facts[:2]).missed == (ANNEX.index("| 2 |"),)
    assert table_coverage("没有表格的文字。\n") == table_coverage("")


# --- nothing dropped -------------------------------------------------------------------------

_LABELS = ["地区生产总值", "粮食产量", "新增城镇就业", "高新技术企业", "森林覆盖率"]
_CELL = st.one_of(
    st.sampled_from(["—", "-", "/", ""]),
    st.decimals(min_value=0, max_value=99999, places=1, allow_nan=False).map(str),
    st.integers(min_value=1, max_value=9999).map(lambda n: f"{n}个"),
)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.tuples(st.sampled_from(_LABELS), _CELL, _CELL, _CELL), min_size=1, max_size=5))
def test_every_figure_of_a_table_is_a_fact(rows: list[tuple[str, str, str, str]]) -> None:
    lines = ["| 指标 | 单位 | 2023年 | 2024年 | 2025年目标 |", "|---|---|---|---|---|"]
    lines += [f"| {label} | 亿元 | {a} | {b} | {c} |" for label, a, b, c in rows]
    text = "\n".join(lines) + "\n"
    facts = extract_text(text, date="2025-01-20", region="曲靖市")
    figures = sum(1 for _, *cells in rows for c in cells if c not in ("—", "-", "/", ""))
    assert len(facts) == figures
    for f in facts:
        assert f.value is not None and float(text[f.start:f.end]) == f.value
        assert f.period in ("2023", "2024", "2025")
    cov = table_coverage(text, plan_year=2025)
    assert cov.rows_with_numbers == cov.rows_with_facts


# --- rules -----------------------------------------------------------------------------------

def _rules() -> dict:
    return tomllib.loads(resources.files("planwatch.rules").joinpath("tables.toml").read_text(encoding="utf-8"))


def test_rules_file_loads() -> None:
    tw = build_table_words(_rules())
    assert "单位" in tw.roles["unit"] and tw.growth_re.search("比上年增长（%）")


@pytest.mark.parametrize("broken", [
    lambda t: t | {"colour": []},
    lambda t: t | {"roles": t["roles"] | {"owner": ["牵头"]}},
    lambda t: {k: v for k, v in t.items() if k != "kinds"},
])
def test_rules_file_errors_are_named(broken) -> None:
    with pytest.raises(ConfigError, match="tables.toml"):
        build_table_words(broken(_rules()))
